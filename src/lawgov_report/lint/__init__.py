"""Lint: the rules reviewers send reports back for, beyond the schema.

Owns: the rule record and the texts rules read (``base``), selecting and running rules
(``engine``), and one module per family of rules (``document``, ``text``, ``print`` for the
paper version, ``publication``, ``figures``). May import ``model``, ``source``,
``render.numbering``, ``render.figures``, ``render.title``, ``i18n`` and ``errors``; never Jinja or a writer, so ``lawgov check`` stays fast.
"""
