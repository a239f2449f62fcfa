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
from .collect import FIVE_ITEMS
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


#: The columns a terminal always shows (the office's first questions: who, submitted, when,
#: how late, what to look at); the others are shown while the terminal is wide enough.
KEY_COLUMNS = ("unit", "state", "date", "days_late", "notes")
NOTES_WANTED = 24  # cells: optional columns join only while 需要关注 keeps this much
NOTES_MIN = 10  # cells: on the narrowest terminal it wraps down to this
CELL_PADDING = 3  # box.SIMPLE_HEAD: one cell of padding on either side, one of separator
TABLE_EDGE = 1


#: Optional columns in the order they join when there is room, each group whole or not at all
#: (five items without the fifth read as a missing item).
OPTIONAL_GROUPS: tuple[tuple[str, ...], ...] = (
    ("errors", "warnings"),
    tuple(f"item_{kind}" for kind in FIVE_ITEMS),
    ("published_on_time",),
    ("problems_chars", "previous_similarity", "similar_score", "similar_unit"),
)


def _groups(columns: list[Column]) -> list[list[Column]]:
    """The optional terminal columns in groups, most useful first.

    The columns not named in ``OPTIONAL_GROUPS`` come last, grouped by the prefix of their key
    (``figure_…``: the rates together).
    """
    by_key = {c.key: c for c in columns if c.key not in KEY_COLUMNS}
    groups = [[by_key.pop(k) for k in group if k in by_key] for group in OPTIONAL_GROUPS]
    rest: dict[str, list[Column]] = {}
    for column in by_key.values():
        rest.setdefault(column.key.split("_")[0], []).append(column)
    return [g for g in groups if g] + list(rest.values())


def _natural_width(column: Column, cells: list[str]) -> int:
    from rich.cells import cell_len

    return max([cell_len(column.header()), *(cell_len(c) for c in cells)])


def fit_columns(rows: list[UnitStatus], width: int | None) -> tuple[list[Column], int]:
    """The terminal columns that fit in ``width`` cells, and how many were left out.

    Every key column keeps its full width (the unit's whole name, the whole date); groups of
    optional columns join, most useful first, while the table still fits. No width: all of them.
    """
    columns = [c for c in COLUMNS if c.terminal]
    if width is None:
        return columns, 0
    need = {
        c.key: _natural_width(c, [cell_text(c, c.value(row)) for row in rows]) + CELL_PADDING
        for c in columns
    }
    if "notes" in need:
        need["notes"] = min(need["notes"], NOTES_WANTED + CELL_PADDING)
    chosen = {c.key for c in columns if c.key in KEY_COLUMNS}
    used = TABLE_EDGE + sum(need[key] for key in chosen)
    for group in _groups(columns):
        extra = sum(need[c.key] for c in group)
        if used + extra <= width:
            chosen.update(c.key for c in group)
            used += extra
    shown = [c for c in columns if c.key in chosen]
    return shown, len(columns) - len(shown)


def rich_table(rows: list[UnitStatus], title: str, width: int | None = None) -> Any:
    """A ``rich.table.Table`` of the terminal columns that fit ``width`` (rich imported here).

    Key columns never wrap or shrink; the 需要关注 column wraps; when optional columns are left
    out for want of width, the caption says so and where to see them all.
    """
    from rich import box
    from rich.table import Table

    columns, hidden = fit_columns(rows, width)
    caption = None
    if hidden:
        caption = _(
            "{count} more columns do not fit this terminal; see them all with -f xlsx or -f md"
        ).format(count=hidden)
    table = Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        caption_justify="left",
    )
    for column in columns:
        numeric = column.kind in ("int", "share", "flag")
        wraps = column.key == "notes"
        cells = [cell_text(column, column.value(row)) for row in rows]
        natural = _natural_width(column, cells)
        table.add_column(
            column.header(),
            justify="center" if column.kind == "flag" else "right" if numeric else "left",
            no_wrap=not wraps,
            overflow="fold",
            min_width=min(natural, NOTES_MIN) if wraps else natural,
        )
    for row in rows:
        table.add_row(*(cell_text(c, c.value(row)) for c in columns), style=_row_style(row))
    return table


def to_text(rows: list[UnitStatus], title: str, terminal: bool, width: int | None = None) -> str:
    """The terminal table as text; colours only for a terminal.

    Off a terminal the table takes its natural width (a file or a pipe has no edge to fit);
    on one, the columns that do not fit are left out (``fit_columns``).
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
    console.print(rich_table(rows, title, width), crop=False)
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
