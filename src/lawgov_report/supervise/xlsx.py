"""The status as an Excel workbook: the table the office used to keep by hand, filled in.

Why openpyxl, and only here: a clerk sorts and filters this table in Excel or WPS and forwards
it; openpyxl writes real dates, numbers and percentages (so sorting works) with a frozen header
and filters. It is an optional extra (``pip install 'lawgov-report[xlsx]'``): without it the
command says so in plain words. Sheets come from a table (``SHEETS``), so another sheet (figures)
is one entry.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from ..render.figures import UnitSheet, unit_sheet
from .status import COLUMNS, Column, UnitStatus
from .tables import cell_text

MAX_WIDTH = 60  # Excel width units (about one digit each; a Chinese character takes two)


class Sheet(NamedTuple):
    """One worksheet: its name, its header row and its data rows (values as Excel takes them)."""

    title: Callable[[], str]
    rows: Callable[[list[UnitStatus]], tuple[list[str], list[list[Any]], list[str]]]
    notes: Callable[[list[UnitStatus]], tuple[str, ...]] | None = None  # lines under the table


def display_width(text: str) -> int:
    """Width in Excel units: a Chinese character or full-width mark takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind in ("int", "share", "date"):
        return value
    if column.kind == "rate":
        return _rate(value)
    return cell_text(column, value)


def _rate(value: Any) -> Any:
    """A percentage as Excel keeps it (a fraction shown as %), or "—" for 0/0."""
    return value / 100 if isinstance(value, int | float) else value


def _figure_sheet(rows: list[UnitStatus]) -> UnitSheet:
    return unit_sheet([(row.name, row.figures or None) for row in rows])


def _figure_notes(rows: list[UnitStatus]) -> tuple[str, ...]:
    """What the totals row leaves out of a rate (负责人出庭 given without 应出庭)."""
    return _figure_sheet(rows).notes


def _figure_rows(rows: list[UnitStatus]) -> tuple[list[str], list[list[Any]], list[str]]:
    """Units × figures with ranks, then the totals (rates recomputed, not averaged)."""
    sheet = _figure_sheet(rows)
    values = [
        [_rate(v) if kind == "rate" else v for v, kind in zip(line, sheet.kinds, strict=True)]
        for line in sheet.rows
    ]
    return sheet.headers, values, sheet.kinds


def _status_rows(rows: list[UnitStatus]) -> tuple[list[str], list[list[Any]], list[str]]:
    headers = [c.header() for c in COLUMNS]
    values = [[_cell(c, c.value(row)) for c in COLUMNS] for row in rows]
    return headers, values, [c.kind for c in COLUMNS]


def severity_label(severity: Severity) -> str:
    """错误, 警告, 提示 in a Chinese run (the severities themselves are English keys)."""
    return {
        Severity.ERROR: _("error"),
        Severity.WARNING: _("warning"),
        Severity.INFO: _("info"),
    }[severity]


def _diagnostic_rows(rows: list[UnitStatus]) -> tuple[list[str], list[list[Any]], list[str]]:
    headers = [
        _("unit"),
        _("file"),
        _("line"),
        _("column"),
        _("severity"),
        _("code"),
        _("key"),
        _("message"),
        _("hint"),
    ]
    values: list[list[Any]] = []
    for row in rows:
        for d in row.diagnostics:
            values.append(
                [
                    row.name,
                    d.location.path,
                    d.location.line or None,
                    d.location.column or None,
                    severity_label(d.severity),
                    d.code,
                    d.key_path,
                    d.message,
                    d.hint,
                ]
            )
    kinds = ["text", "text", "int", "int", "text", "text", "text", "list", "list"]
    return headers, values, kinds


SHEETS: list[Sheet] = [
    Sheet(lambda: _("status"), _status_rows),
    Sheet(lambda: _("findings"), _diagnostic_rows),
    Sheet(lambda: _("figures"), _figure_rows, _figure_notes),
]


def missing_openpyxl() -> ReportError:
    """The plain-words error when the spreadsheet extra is not installed."""
    return ReportError(
        [
            Diagnostic(
                SourceLocation("--format xlsx"),
                Severity.ERROR,
                "LG703",
                _("writing .xlsx needs the openpyxl package, which is not installed"),
                hint=_("install it with: pip install 'lawgov-report[xlsx]'"),
            )
        ]
    )


def render(rows: list[UnitStatus], as_of: dt.date) -> bytes:
    """The workbook's bytes: same rows and date, same bytes (fixed properties, fixed zip times)."""
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise missing_openpyxl() from None
    from ..ooxml.package import read_package, write_package

    book = openpyxl.Workbook()
    book.remove(book.active)
    moment = dt.datetime(as_of.year, as_of.month, as_of.day)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = book.properties.lastModifiedBy = "lawgov"
    bold = Font(bold=True)
    fail_fill = PatternFill("solid", fgColor="FFE0E0")
    for sheet in SHEETS:
        headers, values, kinds = sheet.rows(rows)
        ws = book.create_sheet(sheet.title()[:31])
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for line in values:
            ws.append(line)
        widths = [display_width(h) for h in headers]
        for line in values:
            for i, value in enumerate(line):
                text = (
                    "2022-01-07"
                    if isinstance(value, dt.date)
                    else "100%"
                    if kinds[i] in ("share", "rate")
                    else str(value or "")
                )
                widths[i] = max(widths[i], display_width(text))
        for i, kind in enumerate(kinds, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = min(MAX_WIDTH, widths[i - 1] + 2)
            for cell in ws[letter][1:]:
                if kind == "date":
                    cell.number_format = "yyyy-mm-dd"
                elif kind == "share":
                    cell.number_format = "0%"
                elif kind == "rate":
                    cell.number_format = "0.0%"
                elif kind == "list":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if sheet.rows is _status_rows:
            for r, row in enumerate(rows, start=2):
                if row.fails:
                    for cell in ws[r]:
                        cell.fill = fail_fill
        ws.freeze_panes = "B2"
        if values:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(values) + 1}"
        if sheet.notes is not None:
            notes = sheet.notes(rows)
            if notes:
                ws.append([])  # below the table, outside the filter: sorting leaves them be
            for note in notes:
                ws.append([note])
    out = io.BytesIO()
    book.save(out)
    entries = read_package(out.getvalue(), "status.xlsx", ReportError)
    # openpyxl stamps the save time into the modified date: put the --as-of date back.
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + stamp + rb"\g<2>",
        entries["docProps/core.xml"],
    )
    return write_package(entries)
