"""The yearly workflow around the reports: next year's file, year-over-year diff, git textconv.

Owns: ``lawgov new`` (``scaffold``), ``lawgov diff`` (``compare``) and ``lawgov textconv``
(``textconv``). May import the stages (``model``, ``render``, ``source``, ``ooxml``) and
``errors``; the CLI imports it.
"""
