"""Rendering helpers shared by the writers: Jinja environment, numbering, outline, escaping.

Owns: the Jinja environment with its search path and located errors (``environment``), its
limits on user templates (``sandbox``) and their errors said plainly (``template_errors``), Chinese ordinals and heading markers (``numbering``), the body flattened to
numbered blocks (``outline``), Markdown escaping (``markdown_escape``), long titles broken
between words (``title``) and figures as printed — references replaced, the 附件 table,
year-on-year changes (``figures``; ``plot`` draws them for the HTML page). May import ``model``
and ``errors``. Only ``environment`` imports Jinja.
"""
