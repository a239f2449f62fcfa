"""The document model: pydantic models of the report and its settings, validation, JSON Schema.

Owns: what a report *is* (``report``), the resolved render options (``settings``), turning
plain data into the model with located diagnostics (``validation``), the JSON Schema
editors use (``schema``), a mended copy to lint when validation fails (``partial``), the
marks of ``lawgov new`` (``marks``), the supervising office's roster (``roster``), and the
report's key numbers: the catalogue of figures (``catalogue``) and the ``figures:`` section
with its rates and references (``figures``). No I/O and no formatting. May import ``source``
and ``errors``.
"""
