"""Rendering helpers shared by the writers: Jinja environment, numbering, outline, escaping.

Owns: the Jinja environment with its search path, sandbox and located errors
(``environment``), Chinese ordinals and heading markers (``numbering``), the body flattened to
numbered blocks (``outline``), Markdown escaping (``markdown_escape``) and long titles broken
between words (``title``). May import ``model``
and ``errors``. Only ``environment`` imports Jinja.
"""
