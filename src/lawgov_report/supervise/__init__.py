"""The supervising office: every unit's report collected, checked, compared and compiled.

Owns: the roster on disk and each unit's files for a year (``roster``), reading one unit's
report whatever its format (``collect``), the 不足 similarity index (``similarity``), the status
rows and their column table (``status``), printing them as text, JSON and Markdown (``tables``)
and as a spreadsheet (``xlsx``), the page model of lawgov's own line layout (``pagination``),
the compiled volume (``volume``) and the drafts a clerk edits — the roster from a directory of
reports and the 催报 notice (``drafts``). May import ``pipeline``, ``batch``, ``importers``,
``lint``, ``model``, ``render``, ``writers``, ``ooxml``, ``output``, ``provenance``, ``source``,
``i18n`` and ``errors``; ``cli`` imports it. openpyxl and rich are imported only where used.
"""
