"""One row per unit — submitted, late, published, the five items, 不足 copied, lint — and its columns.

Why a column table: every output (terminal, JSON, Markdown, spreadsheet) prints the same
columns from the same rows, and new columns (figures, later) are one entry in ``COLUMNS``, not
an edit in four writers. A column's value is typed (a date, a number, a share, yes/no); each
writer decides how to show it.
"""

from __future__ import annotations

import datetime as dt
import enum
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..errors import Diagnostic
from ..i18n import _, ngettext
from ..model.catalogue import CATALOGUE, Kind
from ..model.figures import Figure
from ..model.report import PartKind
from ..model.roster import LEVEL_LABELS, Roster
from ..render.figures import rate_cell
from .collect import FIVE_ITEMS, UnitFacts
from .similarity import closest_others

SIMILAR = 0.5  # a 不足 part with at least this share found elsewhere is flagged as copied
SHORT_PROBLEMS = 50  # characters: a 不足 part shorter than this says next to nothing


class State(enum.StrEnum):
    """Where a unit's report stands."""

    SUBMITTED = "submitted"
    MISSING = "missing"
    UNREADABLE = "unreadable"


def state_label(state: State) -> str:
    """The state in the reader's language."""
    return {
        State.SUBMITTED: _("submitted"),
        State.MISSING: _("missing"),
        State.UNREADABLE: _("unreadable"),
    }[state]


@dataclass
class UnitStatus:
    """Everything the office wants to know about one unit's report this year."""

    name: str
    level: str
    state: State
    source: str
    deadline: dt.date
    date: dt.date | None = None  # 成文日期
    received: dt.date | None = None  # submitted: date, else the 成文日期
    days_late: int | None = None  # late submission, or days overdue while missing
    published: dt.date | None = None
    published_on_time: bool | None = None
    url: str = ""
    items: dict[str, bool] = field(default_factory=dict)
    problems_chars: int | None = None
    previous_similarity: float | None = None
    similar_unit: str = ""
    similar_score: float | None = None
    errors: int = 0
    warnings: int = 0
    import_warnings: int = 0
    consistency: list[str] = field(default_factory=list)
    title: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)  # the catalogue's, by key

    @property
    def overdue(self) -> bool:
        """Missing after its deadline: the office must chase it (exit 1)."""
        return self.state is State.MISSING and (self.days_late or 0) > 0

    @property
    def fails(self) -> bool:
        """Missing after the deadline, unreadable, or with lint errors."""
        return self.overdue or self.state is State.UNREADABLE or self.errors > 0


class Column(NamedTuple):
    """One column of every status output: key (JSON, stable), header (translated), value."""

    key: str
    header: Callable[[], str]  # called when printing, so the header follows the language
    value: Callable[[UnitStatus], Any]
    kind: str = (
        "text"  # text, int, date, share (0–1), flag (True/False/None), list, rate (0–100 or —)
    )
    width: int = 0  # widest expected content in 字 (0: from the content); the xlsx uses it
    terminal: bool = True  # shown in the terminal table (the others: JSON, Markdown, xlsx)


def _item(kind: PartKind) -> Callable[[UnitStatus], bool | None]:
    def value(row: UnitStatus) -> bool | None:
        return row.items.get(str(kind)) if row.state is State.SUBMITTED else None

    return value


ITEM_HEADERS: dict[PartKind, Callable[[], str]] = {
    PartKind.MEASURES: lambda: _("measures"),
    PartKind.RESPONSIBILITY: lambda: _("first responsible"),
    PartKind.PROBLEMS: lambda: _("shortcomings"),
    PartKind.PLANS: lambda: _("next year"),
    PartKind.OTHER: lambda: _("other"),
}


def _lint_count(row: UnitStatus, count: int) -> int | None:
    """A lint count, or blank for a unit with nothing submitted (0 would read as checked)."""
    return None if row.state is State.MISSING else count


def _rate(key: str) -> Callable[[UnitStatus], float | str | None]:
    def value(row: UnitStatus) -> float | str | None:
        return rate_cell(row.figures.get(key))

    return value


def _header(key: str) -> Callable[[], str]:
    return lambda: key  # the catalogue's key: short, Chinese, the same in every language


#: The figures' columns: each rate of the catalogue (rates compare across units of any size;
#: the counts are on the spreadsheet's figures sheet). The terminal shows the three reviewers
#: look at first.
TERMINAL_RATES = ("复议纠错率", "诉讼败诉率", "出庭应诉率")
FIGURE_COLUMNS = [
    Column(f"figure_{e.key}", _header(e.key), _rate(e.key), "rate", 6, e.key in TERMINAL_RATES)
    for e in CATALOGUE
    if e.kind is Kind.RATE
]

COLUMNS: list[Column] = [
    Column("unit", lambda: _("unit"), lambda r: r.name),
    Column("level", lambda: _("level"), lambda r: r.level, width=4, terminal=False),
    Column("state", lambda: _("state"), lambda r: state_label(r.state), width=4),
    Column("file", lambda: _("file"), lambda r: r.source, terminal=False),
    Column("date", lambda: _("dated"), lambda r: r.date, "date"),
    Column("deadline", lambda: _("deadline"), lambda r: r.deadline, "date", terminal=False),
    Column("days_late", lambda: _("days late"), lambda r: r.days_late, "int", 4),
    Column("published", lambda: _("published"), lambda r: r.published, "date", terminal=False),
    Column(
        "published_on_time", lambda: _("published in time"), lambda r: r.published_on_time, "flag"
    ),
    *(Column(f"item_{kind}", ITEM_HEADERS[kind], _item(kind), "flag", 4) for kind in FIVE_ITEMS),
    Column("problems_chars", lambda: _("shortcomings length"), lambda r: r.problems_chars, "int"),
    Column(
        "previous_similarity",
        lambda: _("same as last year"),
        lambda r: r.previous_similarity,
        "share",
    ),
    Column("similar_score", lambda: _("same as another unit"), lambda r: r.similar_score, "share"),
    Column("similar_unit", lambda: _("closest unit"), lambda r: r.similar_unit),
    Column("errors", lambda: _("errors"), lambda r: _lint_count(r, r.errors), "int", 4),
    Column("warnings", lambda: _("warnings"), lambda r: _lint_count(r, r.warnings), "int", 4),
    *FIGURE_COLUMNS,
    Column(
        "import_warnings",
        lambda: _("import warnings"),
        lambda r: r.import_warnings,
        "int",
        4,
        terminal=False,
    ),
    Column(
        "consistency",
        lambda: _("title, date, number"),
        lambda r: r.consistency,
        "list",
        terminal=False,
    ),
    Column("url", lambda: _("web address"), lambda r: r.url, terminal=False),
    Column("notes", lambda: _("to look at"), lambda r: flags(r), "list"),
]


def build_rows(
    roster: Roster, year: int, facts: list[UnitFacts], as_of: dt.date
) -> list[UnitStatus]:
    """The status rows in roster order, with the similarity of every 不足 to the others."""
    publish_deadline = roster.publish_deadline(year)
    rows: list[UnitStatus] = []
    for unit, fact in zip(roster.units, facts, strict=True):
        deadline = roster.deadline_of(unit, year)
        state = (
            State.SUBMITTED if fact.readable else State.UNREADABLE if fact.source else State.MISSING
        )
        row = UnitStatus(
            name=unit.name,
            level=LEVEL_LABELS[unit.level],
            state=state,
            source=fact.source,
            deadline=deadline,
            url=unit.url or "",
            published=unit.published,
            published_on_time=(unit.published < publish_deadline) if unit.published else None,
            errors=fact.errors,
            warnings=fact.warnings,
            import_warnings=fact.import_warnings,
            diagnostics=fact.diagnostics,
        )
        if state is State.SUBMITTED:
            row.date = fact.date
            row.title = fact.title
            row.received = unit.submitted or fact.date
            late = (row.received - deadline).days if row.received else 0
            row.days_late = late if late > 0 else 0
            row.items = {str(kind): str(kind) in fact.kinds for kind in FIVE_ITEMS}
            row.problems_chars = fact.problems_chars
            row.consistency = fact.consistency
            row.previous_similarity = fact.previous_similarity
            row.figures = {f.key: f for f in fact.figures}
        elif state is State.MISSING:
            row.days_late = max(0, (as_of - deadline).days)
        elif unit.submitted:
            row.received = unit.submitted
        rows.append(row)
    grams = [fact.problems_grams if fact.readable else array("I") for fact in facts]
    for row, closest in zip(rows, closest_others(grams), strict=True):
        if closest is not None and closest.score > 0:
            row.similar_score = closest.score
            row.similar_unit = rows[closest.position].name
    return rows


def flags(row: UnitStatus) -> list[str]:
    """What the office should look at in this row, in plain words (the terminal's last column)."""
    found = []
    if row.state is State.MISSING:
        if row.overdue:
            found.append(
                ngettext(
                    "not submitted, {days} day overdue",
                    "not submitted, {days} days overdue",
                    row.days_late or 0,
                ).format(days=row.days_late)
            )
    elif row.state is State.UNREADABLE:
        found.append(_("cannot be read"))
    else:
        if row.days_late:
            found.append(
                ngettext("{days} day late", "{days} days late", row.days_late).format(
                    days=row.days_late
                )
            )
        # 其他需要报告的情况 may rightly be absent: only the four others are flagged.
        missing = [
            ITEM_HEADERS[kind]()
            for kind in FIVE_ITEMS
            if kind is not PartKind.OTHER and not row.items.get(str(kind))
        ]
        if missing:
            found.append(_("lacks {items}").format(items="、".join(missing)))
        if row.items.get(str(PartKind.PROBLEMS)) and (row.problems_chars or 0) < SHORT_PROBLEMS:
            found.append(_("shortcomings too short"))
        if (row.previous_similarity or 0) >= SIMILAR:
            found.append(_("shortcomings copied from last year"))
        if (row.similar_score or 0) >= SIMILAR:
            found.append(_("shortcomings shared with {unit}").format(unit=row.similar_unit))
        found.extend(row.consistency)
    if row.published is not None and row.published_on_time is False:
        found.append(_("published late"))
    return found


class Summary(NamedTuple):
    """Counts for the closing line and the exit code."""

    units: int
    submitted: int
    missing: int
    overdue: int
    unreadable: int
    late: int
    with_errors: int

    @property
    def fails(self) -> bool:
        """Exit 1: a unit missing after its deadline, unreadable, or with lint errors."""
        return bool(self.overdue or self.unreadable or self.with_errors)


def summarize(rows: list[UnitStatus]) -> Summary:
    """The counts of ``rows``."""
    return Summary(
        units=len(rows),
        submitted=sum(r.state is State.SUBMITTED for r in rows),
        missing=sum(r.state is State.MISSING for r in rows),
        overdue=sum(r.overdue for r in rows),
        unreadable=sum(r.state is State.UNREADABLE for r in rows),
        late=sum(r.state is State.SUBMITTED and bool(r.days_late) for r in rows),
        with_errors=sum(r.errors > 0 for r in rows),  # as the rows' error column shows
    )
