"""Figures as printed: numbers and rates, references replaced, the 附件 table, year-on-year.

Why here: every output prints a figure the same way (``9.4%``, a 0/0 rate as ``—``, 四舍五入
half up), and every writer renders the same substituted report (``writers.get_writer`` calls
``substitute``), so a ``{复议收案}`` cannot print 53 in the .docx and 50 in the HTML.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..model.figures import (
    REFERENCE,
    Figure,
    decimals_of,
    figure_map,
    figures_of,
    format_number,
    referenced,
    round_half_up,
    table_title,
)
from ..model.report import Report


def format_percent(value: Decimal | None, decimals: int, fixed: bool = False) -> str:
    """A percentage without the sign, rounded half up to ``decimals`` places; 0/0 is —.

    The number is the same everywhere (``decimals: 2`` rounds 8/57 to 14.04 in every output);
    only its trailing zeros differ, as in print. In a sentence they are dropped — 出庭应诉率100%、
    纠错率11.9%, the way a report is written, never “100.0%” — while a table column or a change
    in 个百分点 keeps ``decimals`` places (``fixed``), so its numbers line up and read with the
    same precision.
    """
    if value is None:
        return "—"
    text = format(round_half_up(value, decimals), "f")
    return text.rstrip("0").rstrip(".") if "." in text and not fixed else text


def display(figure: Figure, decimals: int) -> str:
    """The figure as a sentence prints it: ``53``, ``190.5``, ``9.4%``, ``100%`` (``—`` for 0/0)."""
    if figure.is_rate:
        text = format_percent(figure.value, decimals)
        return text if figure.value is None else text + "%"
    assert figure.value is not None
    return format_number(figure.value)


class Change(NamedTuple):
    """This year against last year: the difference, its direction and the relative change."""

    difference: Decimal  # rates: percentage points
    direction: str  # "上升", "下降", "持平"
    relative: Decimal | None  # counts and amounts: percent of last year's value


def change(current: Figure, previous: Figure, decimals: int) -> Change | None:
    """How a figure moved since last year; None when either side has no value (a 0/0 rate).

    Rates are compared as printed (rounded to ``decimals``), so 持平 means "prints the same".
    """
    if current.value is None or previous.value is None:
        return None
    if current.is_rate:
        new, old = round_half_up(current.value, decimals), round_half_up(previous.value, decimals)
    else:
        new, old = current.value, previous.value
    difference = new - old
    direction = "上升" if difference > 0 else "下降" if difference < 0 else "持平"
    relative = None
    if not current.is_rate and old != 0:
        relative = difference * 100 / old
    return Change(difference, direction, relative)


def format_change(delta: Change | None, is_rate: bool, decimals: int) -> str:
    """``+7（+13.2%）``, ``−2.5个百分点``, ``持平`` for a table cell; ``—`` when not comparable."""
    if delta is None:
        return "—"
    if delta.difference == 0:
        return "持平"
    sign = "+" if delta.difference > 0 else "−"
    if is_rate:
        return f"{sign}{format_percent(abs(delta.difference), decimals, fixed=True)}个百分点"
    text = sign + format_number(abs(delta.difference))
    if delta.relative is not None:
        text += f"（{sign}{format_percent(abs(delta.relative), decimals, fixed=True)}%）"
    return text


def _resolve(name: str, known: dict[str, Figure], decimals: int) -> str | None:
    found = referenced(name, known)
    if found is None:
        return None
    figure, part = found
    if not part:
        return display(figure, decimals)
    value = getattr(figure, part)
    return format_number(value) if value is not None else None


def cite(text: str, known: dict[str, Figure], decimals: int) -> str:
    """``text`` with each reference replaced by the figure as printed (references checked)."""
    if "{" not in text and "｛" not in text:
        return text
    return REFERENCE.sub(lambda m: _resolve(m[1], known, decimals) or m[0], text)


def _cited(node: Any, known: dict[str, Figure], decimals: int) -> Any:
    """A model, list or text with every reference in it replaced; unchanged objects are reused."""
    if isinstance(node, str):
        return cite(node, known, decimals)
    if isinstance(node, list):
        items = [_cited(child, known, decimals) for child in node]
        return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
    if isinstance(node, BaseModel):
        update = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            new = _cited(value, known, decimals)
            if new is not value:
                update[name] = new
        return node.model_copy(update=update) if update else node
    return node


def raw_offset(report: Report, raw: str, offset: int) -> int:
    """Where character ``offset`` of a text as printed comes from in the text as written.

    Each reference before it changed the length by its number's length less its own; a
    character inside a printed number comes from its reference, whose start is given.
    """
    if report.figures is None:
        return offset
    known, decimals = figure_map(report), report.figures.decimals
    shift = 0  # printed position − written position
    for match in REFERENCE.finditer(raw):
        value = _resolve(match[1], known, decimals)
        if value is None:
            continue
        start = match.start() + shift
        if offset < start:
            break
        if offset < start + len(value):
            return match.start()
        shift += len(value) - (match.end() - match.start())
    return offset - shift


_last: tuple[Report, Report] | None = None


def substitute(report: Report) -> Report:
    """The report as the writers print it: references replaced, the figures table listed.

    References are replaced in the title, the body, the closing and the attachments' names
    (``model.figures.cited_texts``); anywhere else a reference is an error (LG070).

    Every writer renders this same object, so a ``{…}`` prints the same number in every
    output; the last result is kept, as a build renders one report in several formats.
    """
    global _last
    if _last is not None and _last[0] is report:
        return _last[1]
    result = report
    if report.figures is not None:
        known = figure_map(report)
        decimals = report.figures.decimals
        update = {
            name: new
            for name in ("title", "opening", "parts", "closing", "attachments")
            if (new := _cited(getattr(report, name), known, decimals)) is not getattr(report, name)
        }
        if report.figures.attachment and known:
            listed = update.get("attachments", report.attachments)
            update["attachments"] = [*listed, _table_title(report, known, decimals)]
        if update:
            result = report.model_copy(update=update)
    _last = (report, result)
    return result


# ---------------------------------------------------------------- the table


def _table_title(report: Report, known: dict[str, Figure], decimals: int) -> str:
    """The attachment's title as printed (it may cite a figure, like the report's title)."""
    return cite(table_title(report), known, decimals)


def _cell(figure: Figure, decimals: int) -> str:
    """A table cell: the figure as printed, without the % its column header carries."""
    if figure.is_rate:
        return format_percent(figure.value, decimals, fixed=True)
    return display(figure, decimals)


class Table(NamedTuple):
    """The figures attachment as text cells: header, rows, title and its 附件 mark."""

    mark: str  # "附件" or "附件2"
    title: str
    header: list[str]
    rows: list[list[str]]


def table(report: Report, previous: Report | None = None) -> Table | None:
    """The figures table of ``report`` (None without ``attachment: true`` or without figures).

    Columns: 项目, 单位, this year; with last year's report also last year and 增减 (a count's
    difference and percentage, a rate's difference in 百分点).
    """
    section = report.figures
    current = figures_of(report)
    if section is None or not section.attachment or not current:
        return None
    decimals = section.decimals
    before = figure_map(previous) if previous is not None else None
    header = ["项目", "单位", f"{report.year}年"]
    if before is not None:
        header += [f"{report.year - 1}年", "增减"]
    rows = []
    for figure in current:
        value = _cell(figure, decimals)
        row = [figure.label, figure.unit, value]
        if before is not None:
            old = before.get(figure.key)
            if old is None or old.is_rate != figure.is_rate:
                row += ["—", "—"]
            else:
                delta = change(figure, old, decimals)
                row += [_cell(old, decimals), format_change(delta, figure.is_rate, decimals)]
        rows.append(row)
    title = _table_title(report, figure_map(report), decimals)
    listed = report.attachments  # as substituted: the table's title is the last one
    count = len(listed) if listed and listed[-1] == title else len(listed) + 1
    mark = f"附件{count}" if count > 1 else "附件"
    return Table(mark, title, header, rows)


# ---------------------------------------------------------------- two years, many units


class FigureChange(NamedTuple):
    """One figure between two reports (``lawgov diff``): either side may be missing."""

    key: str
    label: str
    old: str | None  # as printed, with its unit
    new: str | None
    change: str  # "+13（+27.1%）", "+10.0个百分点", "持平", "" when one side is missing
    direction: str  # "上升", "下降", "持平", "" when not comparable


def _with_unit(figure: Figure, decimals: int) -> str:
    text = display(figure, decimals)
    return text if figure.is_rate or figure.value is None else text + figure.unit


def changes(old: Report, new: Report) -> list[FigureChange]:
    """Every figure of either report, in the new report's order then the old one's."""
    before, after = figure_map(old), figure_map(new)
    decimals = decimals_of(new)
    result = []
    for key in dict.fromkeys([*after, *before]):
        a, b = before.get(key), after.get(key)
        either = b or a
        label = either.label if either is not None else key
        if a is None or b is None or a.is_rate != b.is_rate:
            result.append(
                FigureChange(
                    key,
                    label,
                    _with_unit(a, decimals) if a else None,
                    _with_unit(b, decimals) if b else None,
                    "",
                    "",
                )
            )
            continue
        delta = change(b, a, decimals)
        result.append(
            FigureChange(
                key,
                label,
                _with_unit(a, decimals),
                _with_unit(b, decimals),
                format_change(delta, b.is_rate, decimals),
                delta.direction if delta else "",
            )
        )
    return result


def diff_lines(old: Report, new: Report, show_same: bool = False) -> list[tuple[str, str]]:
    """``lawgov diff``'s lines for the figures: (sign, text), sign as for headings.

    ``~`` changed (``行政复议收案数：48件 → 61件，+13（+27.1%），上升``), ``+`` given only this
    year, ``-`` only last year, ``=`` the same (only with ``show_same``).
    """
    lines = []
    for item in changes(old, new):
        if item.old is None:
            lines.append(("+", f"{item.label}：{item.new}"))
        elif item.new is None:
            lines.append(("-", f"{item.label}：{item.old}"))
        elif item.direction == "持平" or item.old == item.new:
            if show_same:
                lines.append(("=", f"{item.label}：{item.new}"))
        elif item.direction:
            text = f"{item.label}：{item.old} → {item.new}，{item.change}，{item.direction}"
            lines.append(("~", text))
        else:  # a 0/0 rate on one side: no change to compute
            lines.append(("~", f"{item.label}：{item.old} → {item.new}"))
    return lines


# ---------------------------------------------------------------- units × figures (lawgov status)


class UnitSheet(NamedTuple):
    """The figures of many units as a table: headers, rows (the last one the totals), kinds.

    Kinds are the status table's: ``text``, ``int`` (a count, written as a number), ``rate``
    (a percentage 0–100, ``"—"`` for 0/0).
    """

    headers: list[str]
    rows: list[list[Any]]
    kinds: list[str]
    notes: tuple[str, ...] = ()  # what the totals row leaves out of a rate, said in words


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rate_cell(figure: Figure | None) -> float | str | None:
    """A rate for a table cell: the percentage, ``"—"`` for 0/0, None when not given."""
    if figure is None:
        return None
    if figure.value is None:
        return "—"
    return float(round_half_up(figure.value, 4))


def figure_json(figure: Figure) -> dict[str, Any]:
    """A figure for JSON: its value (a rate in percent, null for 0/0) and a rate's counts.

    A rate's ``numerator`` and ``denominator`` tell 0/0 (denominator 0, value null) from a
    figure not given (no entry at all).
    """
    data: dict[str, Any] = {"label": figure.label, "unit": figure.unit}
    if figure.is_rate:
        data["value"] = None if figure.value is None else float(round_half_up(figure.value, 4))
        data["numerator"] = _number(figure.numerator)
        data["denominator"] = _number(figure.denominator)
    else:
        data["value"] = _number(figure.value)
    return data


def unit_sheet(units: list[tuple[str, dict[str, Figure] | None]]) -> UnitSheet:
    """Units × the catalogue figures any of them gives, a rank beside each rate, and totals.

    Totals add the counts and recompute each rate from the summed numerators and denominators
    (never an average of rates); ranks put the best first (``ranks``). A unit that gives one
    count of a rate without the other is in the count's total but not in the rate's: a note
    says so, with the rate's own numerator and denominator, so the row does not contradict
    itself.
    """
    from ..i18n import _
    from ..model.catalogue import BY_KEY, CATALOGUE, Kind
    from ..model.figures import ranks, totals

    given = [figures for _name, figures in units if figures]
    keys = [e.key for e in CATALOGUE if any(e.key in f for f in given)]
    headers, kinds = [_("unit")], ["text"]
    for key in keys:
        entry = BY_KEY[key]
        if entry.kind is Kind.RATE:
            headers += [f"{entry.label}（%）", _("{key} rank").format(key=key)]
            kinds += ["rate", "int"]
        else:
            headers.append(f"{entry.label}（{entry.unit}）")
            kinds.append("int")
    figure_lists = [figures or {} for _name, figures in units]
    columns: list[list[Any]] = []
    for key in keys:
        if BY_KEY[key].kind is Kind.RATE:
            columns.append([rate_cell(f.get(key)) for f in figure_lists])
            columns.append(ranks(figure_lists, key))
        else:
            columns.append([_number(f[key].value) if key in f else None for f in figure_lists])
    rows = [[name, *(column[i] for column in columns)] for i, (name, _f) in enumerate(units)]
    total = totals(given)
    last: list[Any] = [_("total")]
    for key in keys:
        if BY_KEY[key].kind is Kind.RATE:
            last += [rate_cell(total.get(key)), None]
        else:
            last.append(_number(total[key].value) if key in total else None)
    notes = tuple(_notes(units, figure_lists, keys, total))
    return UnitSheet(headers, [*rows, last], kinds, notes)


def _notes(
    units: list[tuple[str, dict[str, Figure] | None]],
    figure_lists: list[dict[str, Figure]],
    keys: list[str],
    total: dict[str, Figure],
) -> list[str]:
    """One sentence per rate of the sheet whose total leaves a unit's count out."""
    from ..i18n import _
    from ..model.figures import left_out

    by_rate: dict[str, list[str]] = {}
    for item in left_out(figure_lists):
        if item.rate not in keys:
            continue
        value = figure_lists[item.unit][item.given].value
        assert value is not None
        by_rate.setdefault(item.rate, []).append(
            _("{unit} gives {given} ({value}) without {missing}").format(
                unit=units[item.unit][0],
                given=item.given,
                value=format_number(value),
                missing=item.missing,
            )
        )
    notes: list[str] = []
    for key, left in by_rate.items():
        rate = total[key]
        assert rate.numerator is not None
        assert rate.denominator is not None
        notes.append(
            _(
                "{rate} in the total row is {numerator}/{denominator}, over the units that give"
                " both counts; the counts' totals also include: {units}"
            ).format(
                rate=rate.label,
                numerator=format_number(rate.numerator),
                denominator=format_number(rate.denominator),
                units=_("; ").join(left),
            )
        )
    return notes
