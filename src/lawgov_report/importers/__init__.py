"""Existing reports → report data: the reverse direction (pandoc's readers).

Each reader (``docx_reader``; ``legacy`` for .doc and .wps through LibreOffice; ``text``;
``markdown``; ``html`` for saved web pages) turns one file format into ``Line``s (``lines``) — the text of each paragraph with its line
number in the source, plus whatever the format says about its role (a Word heading style, a
Markdown heading level) — and warnings about what it left out. One shared parser
(``structure``, with the 公文 elements of ``elements``) recovers the report from the lines, so
every format gets the same rules for numbering, run-in headings and 一是/二是 points;
``report_data`` then turns the structure into the YAML's data. lawgov's own figures attachment
is taken out of the lines first and comes back as ``figures:`` (``attachment``).

Owns: the table of readers (by file suffix), the readers, the structure scan and the
assembly of report data. May import ``ooxml``, ``typeset`` (finding LibreOffice),
``render.numbering``, ``model`` and ``errors``; the CLI (``lawgov import``) imports it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import Diagnostic, ReportError, Severity, SourceLocation, sort_diagnostics
from ..i18n import _
from .attachment import apply, take_figures
from .lines import Line, Reading
from .report_data import Imported, assemble
from .structure import scan

READERS: dict[str, str] = {
    # suffix: module under lawgov_report.importers with read(path, display) -> Reading
    # (a plain list[Line] is accepted too: a reader with nothing to warn about)
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx_reader",
    ".docm": "docx_reader",
    ".dotx": "docx_reader",
    ".dotm": "docx_reader",
    ".doc": "legacy",
    ".wps": "legacy",
    ".html": "html",  # lawgov's published page (lawgov build --format html), or any web page
    ".htm": "html",
}

__all__ = ["READERS", "Imported", "Line", "Reading", "import_file"]


def import_file(path: Path, display: str | None = None) -> Imported:
    """Read a report in any supported format and recover its structure."""
    name = display if display is not None else str(path)
    module_name = READERS.get(path.suffix.lower())
    if module_name is None:
        formats = ", ".join(sorted(READERS))
        raise ReportError(
            [
                Diagnostic(
                    SourceLocation(name),
                    Severity.ERROR,
                    "LG601",
                    _("cannot import {suffix}; use one of {formats}").format(
                        suffix=path.suffix or _("this file"), formats=formats
                    ),
                )
            ]
        )
    module = importlib.import_module(f"{__name__}.{module_name}")
    result = module.read(path, name)
    reading = result if isinstance(result, Reading) else Reading(list(result), [])
    lines, figures, found = take_figures(reading.lines, name)
    imported = assemble(scan(lines, name), lines)
    data = apply(imported.data, figures) if figures is not None else imported.data
    return Imported(data, sort_diagnostics(reading.warnings + found + imported.warnings))
