"""The status rows as a terminal table (rich), JSON for scripts, and a Markdown table.

Why one module for three forms: each walks the same column table and differs only in how a
value is shown — a date as ``2022-01-07``, a share as ``85%``, yes/no as √/× (characters that
GBK consoles can show too).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from ..i18n import _
from ..render.figures import figure_json, format_percent
from .status import COLUMNS, Column, State, Summary, UnitStatus


def cell_text(column: Column, value: Any) -> str:
    """A value as text for the terminal and Markdown."""
    if value is None or value == "" or value == []:
        return ""
    if column.kind == "flag":
        return "√" if value else "×"
    if column.kind == "share":
        return f"{round(value * 100)}%"
    if column.kind == "rate":
        return value if isinstance(value, str) else f"{format_percent(Decimal(str(value)), 1)}%"
    if column.kind == "date":
        return str(value.isoformat())
    if column.kind == "list":
        return "；".join(value)
    return str(value)


def _json_value(column: Column, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "share" and value is not None:
        return round(value, 3)
    if column.kind == "rate" and isinstance(value, str):
        return None  # 0/0: no rate
    return value


def to_json(rows: list[UnitStatus], year: int, as_of: dt.date, summary: Summary) -> str:
    """The rows as JSON: one object per unit with the column keys, plus its diagnostics."""
    units = []
    for row in rows:
        record = {c.key: _json_value(c, c.value(row)) for c in COLUMNS}
        record["state"] = str(row.state)
        record["figures"] = {key: figure_json(f) for key, f in row.figures.items()}
        record["diagnostics"] = [d.as_json() for d in row.diagnostics]
        units.append(record)
    document = {
        "year": year,
        "as_of": as_of.isoformat(),
        "summary": summary._asdict(),
        "units": units,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: list[UnitStatus], title: str, summary_line: str) -> str:
    """The rows as one Markdown table under a heading, for a report to the leadership."""
    out = [f"# {_md_cell(title)}", "", summary_line, ""]
    out.append("| " + " | ".join(_md_cell(c.header()) for c in COLUMNS) + " |")
    out.append("|" + "|".join("---" for _c in COLUMNS) + "|")
    for row in rows:
        out.append("| " + " | ".join(_md_cell(cell_text(c, c.value(row))) for c in COLUMNS) + " |")
    return "\n".join(out) + "\n"


def _row_style(row: UnitStatus) -> str:
    if row.fails:
        return "red"
    if row.state is State.SUBMITTED and (row.days_late or row.consistency):
        return "yellow"
    return ""


def rich_table(rows: list[UnitStatus], title: str) -> Any:
    """A ``rich.table.Table`` of the terminal columns (rich is imported here, when used)."""
    from rich import box
    from rich.table import Table

    columns = [c for c in COLUMNS if c.terminal]
    table = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", title_style="bold")
    for column in columns:
        numeric = column.kind in ("int", "share", "flag")
        table.add_column(
            column.header(),
            justify="center" if column.kind == "flag" else "right" if numeric else "left",
            no_wrap=column.kind != "list",
            overflow="fold",
        )
    for row in rows:
        table.add_row(*(cell_text(c, c.value(row)) for c in columns), style=_row_style(row))
    return table


def to_text(rows: list[UnitStatus], title: str, terminal: bool, width: int | None = None) -> str:
    """The terminal table as text; colours only for a terminal.

    Off a terminal the table takes its natural width (a file or a pipe has no edge to fit).
    """
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=terminal,
        width=width if width else 10_000,
        color_system="standard" if terminal else None,
        highlight=False,
        emoji=False,
    )
    console.print(rich_table(rows, title), crop=False)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines) + "\n"


def summary_line(summary: Summary) -> str:
    """One line of counts, in the reader's language."""
    return _(
        "{units} units: {submitted} submitted ({late} late), {missing} missing "
        "({overdue} past the deadline), {unreadable} unreadable, {errors} with lint errors"
    ).format(
        units=summary.units,
        submitted=summary.submitted,
        late=summary.late,
        missing=summary.missing,
        overdue=summary.overdue,
        unreadable=summary.unreadable,
        errors=summary.with_errors,
    )
