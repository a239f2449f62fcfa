"""The document model: pydantic models of the report and its settings, validation, JSON Schema.

Owns: what a report *is* (``report``), the resolved render options (``settings``), turning
plain data into the model with located diagnostics (``validation``), and the JSON Schema
editors use (``schema``). No I/O and no formatting. May import ``source`` and ``errors``.
"""
