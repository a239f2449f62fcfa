"""Lint: the rules reviewers send reports back for, beyond the schema.

Owns: the rule record and the texts rules read (``base``), selecting and running rules
(``engine``), and one module per family of rules (``document``, ``text``, ``figures``). May
import ``model``, ``source``, ``render.numbering``, ``render.figures`` and ``errors``; never
Jinja or a writer, so
``lawgov check`` stays fast.
"""
