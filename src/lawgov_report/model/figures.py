"""Figures: the report's key numbers as data — the ``figures:`` section, rates, references.

Why: reviewers compare a handful of numbers across units and years, and the errors hide in the
arithmetic and in the definitions. So the numbers live in the YAML as data, with the keys of the
catalogue (``catalogue``): counts and amounts as typed, every rate computed from its numerator
and denominator, never typed; prose cites a figure as ``{复议收案}``, and ``render.figures``
prints the same number in every output.

Owns: the section's model, the figures it gives (catalogue rates computed), the references in
prose and every problem of either, located in the YAML; sums and ranks across units. No I/O
and no formatting (``render.figures`` prints).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..errors import Diagnostic, Severity
from ..i18n import _
from ..source.loader import KeyPath, SourceMap
from .catalogue import BY_KEY, CATALOGUE, LOWER_IS_BETTER, Kind
from .marks import TODO

if TYPE_CHECKING:
    from .report import Report

# ---------------------------------------------------------------- the ``figures:`` section

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?"
_VALUE_SHORT = re.compile(rf"\s*(-?(?:{_NUMBER}))\s*([^\d\s/]\S*)?\s*")
_RATE_SHORT = re.compile(rf"\s*({_NUMBER})\s*/\s*({_NUMBER})\s*")
_KEY = re.compile(r"[^\W_]\w{0,39}")


def _number(value: Any) -> Decimal:
    """A non-negative number as typed: ``53``, ``1,234``, ``190.5``; exact (no float)."""
    text = str(value).strip()
    if TODO in text:
        raise ValueError(_("the number is not filled in yet (【待填写】)"))
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(_("expected a number, got {value!r}").format(value=text)) from None
    if not number.is_finite():
        raise ValueError(_("expected a number, got {value!r}").format(value=text))
    if number < 0:
        raise ValueError(_("a figure cannot be negative ({value})").format(value=text))
    return number


Number = Annotated[Decimal, BeforeValidator(_number)]


def _short_text(value: str) -> str:
    text = value.strip()
    if not text or "\n" in text:
        raise ValueError(_("expected a short text on one line"))
    return text


Label = Annotated[str, AfterValidator(_short_text)]


def _shorthand(value: Any) -> Any:
    """``53``, ``53件``, ``190.5万元`` and ``19/19`` stand for the long forms."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return {"value": str(value)}  # from Python data; a YAML file gives text
    if not isinstance(value, str):
        return value
    rate = _RATE_SHORT.fullmatch(value)
    if rate:
        return {"numerator": rate[1], "denominator": rate[2]}
    single = _VALUE_SHORT.fullmatch(value)
    if single:
        return {"value": single[1], "unit": single[2]} if single[2] else {"value": single[1]}
    if TODO in value:
        raise ValueError(_("the number is not filled in yet (【待填写】)"))
    raise ValueError(
        _(
            "expected a number (53), a number with its unit (190.5万元) or a rate as "
            "numerator/denominator (19/19); got {value!r}"
        ).format(value=value.strip())
    )


class FigureInput(BaseModel):
    """One entry of ``figures:`` as written: a value (with a unit) or a numerator/denominator."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: Number | None = Field(default=None, description="数值：件数、人数或金额。")
    unit: Label | None = Field(
        default=None, description="单位，如 件、人次、万元；目录中的数据单位固定，可省略。"
    )
    numerator: Number | None = Field(default=None, description="比率的分子，如出庭数。")
    denominator: Number | None = Field(default=None, description="比率的分母，如应出庭数。")
    label: Label | None = Field(
        default=None, description="自定义数据的名称（表格中显示）；省略时用键名。"
    )

    @model_validator(mode="after")
    def _one_form(self) -> FigureInput:
        is_rate = self.numerator is not None or self.denominator is not None
        if is_rate and (self.numerator is None or self.denominator is None):
            raise ValueError(_("a rate needs both numerator and denominator"))
        if is_rate and self.value is not None:
            raise ValueError(
                _("write either value or numerator and denominator (a rate is computed), not both")
            )
        if is_rate and self.unit is not None:
            raise ValueError(_("a rate has no unit: it is computed as a percentage"))
        if not is_rate and self.value is None:
            raise ValueError(_("write value (a number), or numerator and denominator (a rate)"))
        return self

    @property
    def is_rate(self) -> bool:
        """Given as numerator and denominator."""
        return self.numerator is not None


FigureValue = Annotated[FigureInput, BeforeValidator(_shorthand)]


class FigureSection(BaseModel):
    """The ``figures:`` section: catalogue keys and the report's own keys, plus table settings."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    __pydantic_extra__: dict[str, FigureValue] = Field(init=False)

    attachment: bool = Field(
        default=False,
        description="true：在报告末尾附“主要数据”表（附件），Word、Markdown、HTML 都有；默认 false。",
    )
    attachment_title: Label | None = Field(
        default=None,
        description="附件表格的标题；省略时为“<发文机关><年度>年度法治政府建设主要数据”。",
    )
    decimals: int = Field(
        default=1,
        ge=0,
        le=4,
        description=(
            "比率保留的小数位数（四舍五入），默认 1，如 9.4%；"
            "正文中末尾的 0 省去（如 100%），附件表格中保留（如 100.0）。"
        ),
    )
    plots: bool = Field(
        default=False,
        description="true：网页版（HTML）在表格下画出每项数据历年的趋势图（需安装 matplotlib）。",
    )

    @property
    def entries(self) -> dict[str, FigureInput]:
        """The figures as written, in file order (settings excluded)."""
        return dict(self.model_extra or {})


# ---------------------------------------------------------------- computed figures


class Figure(NamedTuple):
    """A figure ready to print or add up: catalogue or own, counts and rates alike.

    ``value`` is the count or amount, or for a rate the percentage (None when 0/0); a rate
    keeps its numerator and denominator so that sums across units recompute it.
    """

    key: str
    label: str
    kind: Kind
    unit: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    catalogue: bool = True

    @property
    def is_rate(self) -> bool:
        """A percentage computed from numerator and denominator."""
        return self.kind is Kind.RATE


def percentage(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """The rate in percent, exact enough for any rounding; None when the denominator is 0."""
    if denominator == 0:
        return None
    return numerator * 100 / denominator


def figures_of(report: Report) -> list[Figure]:
    """Every figure of the report: the catalogue's in catalogue order, then the report's own.

    A catalogue rate appears as soon as both of its counts are given.
    """
    section = report.figures
    if section is None:
        return []
    given = section.entries
    found: list[Figure] = []
    for entry in CATALOGUE:
        if entry.kind is Kind.RATE:
            num, den = given.get(entry.numerator), given.get(entry.denominator)
            if num is None or den is None or num.value is None or den.value is None:
                continue
            found.append(
                Figure(
                    entry.key,
                    entry.label,
                    Kind.RATE,
                    "%",
                    percentage(num.value, den.value),
                    num.value,
                    den.value,
                )
            )
        elif entry.key in given and not given[entry.key].is_rate:
            found.append(
                Figure(entry.key, entry.label, entry.kind, entry.unit, given[entry.key].value)
            )
    for key, item in given.items():
        if key in BY_KEY:
            continue
        label = item.label or key
        if item.numerator is not None and item.denominator is not None:
            found.append(
                Figure(
                    key,
                    label,
                    Kind.RATE,
                    "%",
                    percentage(item.numerator, item.denominator),
                    item.numerator,
                    item.denominator,
                    catalogue=False,
                )
            )
        elif item.unit and item.value is not None:
            kind = Kind.COUNT if item.value == item.value.to_integral_value() else Kind.AMOUNT
            found.append(Figure(key, label, kind, item.unit, item.value, catalogue=False))
    return found


def format_number(value: Decimal) -> str:
    """A count or amount as printed: as typed, without exponent or thousands separators."""
    return format(value, "f")


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """四舍五入 to ``decimals`` places (Python's round() rounds half to even)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def figure_map(report: Report) -> dict[str, Figure]:
    """The report's figures by key."""
    return {f.key: f for f in figures_of(report)}


def decimals_of(report: Report | None) -> int:
    """How many decimals rates are printed with (the section's ``decimals``, default 1)."""
    return report.figures.decimals if report is not None and report.figures else 1


# ---------------------------------------------------------------- references in prose

#: ``{复议收案}``, ``{出庭应诉率}``, ``{精简率.分子}``; full-width braces work too. Only a key
#: (letters, digits, Chinese) in braces is a reference: ``{{ 7*7 }}`` stays literal text.
REFERENCE = re.compile(r"[{｛]([^\W_][\w]{0,39}(?:\.[\w]{1,10})?)[}｝]")
PARTS = {"分子": "numerator", "分母": "denominator"}


def body_texts(report: Report) -> Iterator[tuple[KeyPath, str]]:
    """Every text of the body (opening, parts, closing) with its key path: where prose is."""
    from .report import Heading, Paragraph

    def paragraphs(base: KeyPath, items: list[Paragraph]) -> Iterator[tuple[KeyPath, str]]:
        for i, p in enumerate(items):
            if p.text is not None:
                yield (*base, i, "text"), p.text
            for j, point in enumerate(p.points):
                yield (*base, i, "points", j), point
            if p.after is not None:
                yield (*base, i, "after"), p.after

    def heading(base: KeyPath, node: Heading) -> Iterator[tuple[KeyPath, str]]:
        yield (*base, "title"), node.title
        yield from paragraphs((*base, "paragraphs"), node.paragraphs)
        for i, child in enumerate(getattr(node, "items", [])):
            yield from heading((*base, "items", i), child)

    yield from paragraphs(("opening",), report.opening)
    for i, part in enumerate(report.parts):
        yield ("parts", i, "title"), part.title
        yield from paragraphs(("parts", i, "paragraphs"), part.paragraphs)
        for j, item in enumerate(part.items):
            yield from heading(("parts", i, "items", j), item)
    if report.closing is not None:
        yield ("closing",), report.closing


def cited_texts(report: Report) -> Iterator[tuple[KeyPath, str]]:
    """Every text where a figure may be cited: the title, the body, the attachments' names.

    ``render.figures.substitute`` replaces the references in exactly these texts.
    """
    for i, line in enumerate(report.title):
        yield ("title", i), line
    yield from body_texts(report)
    for i, name in enumerate(report.attachments):
        yield ("attachments", i), name
    if report.figures is not None and report.figures.attachment_title:
        yield ("figures", "attachment_title"), report.figures.attachment_title


def uncited_texts(report: Report) -> Iterator[tuple[KeyPath, str]]:
    """The texts printed exactly as written (names, 发文字号, 主送机关, 版头 and 版记).

    A figure has no place in them, so a reference there is an error rather than braces in
    the output.
    """
    yield ("organization",), report.organization
    for key in ("doc_number", "recipients"):
        value = getattr(report, key)
        if value is not None:
            yield (key,), value
    settings = report.print
    for key in ("letterhead", "signer", "printed_by"):
        value = getattr(settings, key)
        if value is not None:
            yield ("print", key), value
    for i, name in enumerate(settings.copy_to):
        yield ("print", "copy_to", i), name


def _reference_problem(name: str, report: Report, known: dict[str, Figure]) -> tuple[str, str]:
    """(message, hint) for a reference that does not resolve."""
    key, _dot, part = name.partition(".")
    entry = BY_KEY.get(key)
    if key in known:
        return (
            _("'{part}' is not part of figure {key}").format(part=part, key=key),
            _("write {{{key}}}; a rate also has {{{key}.分子}} and {{{key}.分母}}").format(key=key)
            if known[key].is_rate
            else _("write {{{key}}}").format(key=key),
        )
    if entry is not None and entry.kind is Kind.RATE:
        missing = [k for k in (entry.numerator, entry.denominator) if k not in known]
        return (
            _("figure {key} is computed from {counts}, which are not given under figures:").format(
                key=key, counts="、".join(missing)
            ),
            _("add {counts} under figures:").format(counts="、".join(missing)),
        )
    if entry is not None:
        return (
            _("figure {key} is cited but not given under figures:").format(key=key),
            _("add it under figures:, e.g. {key}: 12").format(key=key),
        )
    choices = list(dict.fromkeys([*known, *BY_KEY]))
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    hint = (
        _("did you mean {{{key}}}?").format(key=close[0])
        if close
        else _(
            "cite a key of figures: (see the catalogue in the README), e.g. {{复议收案}}"
        ).format()
    )
    return _("unknown figure {{{name}}}").format(name=name), hint


def _entry_problems(key: str, item: FigureInput) -> list[tuple[str, str]]:
    """(message, hint) for each problem of one entry of ``figures:``."""
    entry = BY_KEY.get(key)
    if entry is None:
        if not _KEY.fullmatch(key):
            return [
                (
                    _(
                        "a figure's key is a name of letters, digits or Chinese characters: '{key}'"
                    ).format(key=key),
                    _("no spaces, dots or punctuation, at most 40 characters; e.g. 精简率"),
                )
            ]
        if not item.is_rate and item.unit is None:
            close = difflib.get_close_matches(key, list(BY_KEY), n=1, cutoff=0.5)
            value = format_number(item.value or Decimal(0))
            hint = (
                _("did you mean '{close}'? A figure of your own needs its unit: {key}: {value}件")
                if close
                else _("a figure of your own needs its unit: {key}: {value}件")
            )
            return [
                (
                    _("'{key}' is not in the catalogue of figures").format(key=key),
                    hint.format(close=close[0] if close else "", key=key, value=value),
                )
            ]
        return []
    if entry.kind is Kind.RATE:
        return [
            (
                _("{key} is computed from {numerator} and {denominator}, never typed").format(
                    key=key, numerator=entry.numerator, denominator=entry.denominator
                ),
                _("write {numerator}: … and {denominator}: … under figures: instead").format(
                    numerator=entry.numerator, denominator=entry.denominator
                ),
            )
        ]
    problems = []
    if item.is_rate:
        problems.append((_("{key} is a number, not a rate").format(key=key), ""))
    if item.label is not None:
        problems.append(
            (
                _("the label of catalogue figure {key} is fixed ({label})").format(
                    key=key, label=entry.label
                ),
                _("delete label:, or use a key of your own"),
            )
        )
    if item.unit is not None and item.unit not in entry.units:
        problems.append(
            (
                _("{key} is counted in {unit}, not {given}").format(
                    key=key, unit="/".join(entry.units), given=item.unit
                ),
                _("write the number alone: {key}: {value}").format(
                    key=key, value=format_number(item.value or Decimal(0))
                ),
            )
        )
    number = item.value
    if entry.kind is Kind.COUNT and number is not None and number != number.to_integral_value():
        problems.append(
            (
                _("{key} is a count: a whole number, got {value}").format(
                    key=key, value=format_number(number)
                ),
                "",
            )
        )
    return problems


def referenced(name: str, known: dict[str, Figure]) -> tuple[Figure, str] | None:
    """The figure a reference names, and which of its numbers ("" for the figure itself).

    ``精简率.分子`` names a rate's numerator; None when the reference does not resolve.
    """
    key, dot, part = name.partition(".")
    figure = known.get(key)
    if figure is None:
        return None
    if not dot:
        return figure, ""
    if part in PARTS and figure.is_rate:
        return figure, PARTS[part]
    return None


def problems(report: Report, source_map: SourceMap) -> list[Diagnostic]:
    """Every problem of ``figures:`` and of the references, located in the YAML.

    A reference is checked wherever it is written: where figures are cited (``cited_texts``)
    it must name a figure; anywhere else (``uncited_texts``) it would print as braces.

    These are not lint rules: a reference that does not resolve cannot be rendered, and an
    unknown key is most likely a typo of a catalogue key, so neither can be ignored.
    """
    found: list[Diagnostic] = []
    if report.figures is not None:
        for key, item in report.figures.entries.items():
            for message, hint in _entry_problems(key, item):
                found.append(
                    Diagnostic(
                        source_map.key_at(("figures", key)),
                        Severity.ERROR,
                        "LG071",
                        message,
                        f"figures.{key}",
                        hint,
                    )
                )
    known: dict[str, Figure] | None = None
    for key_path, text in cited_texts(report):
        if "{" not in text and "｛" not in text:
            continue
        for match in REFERENCE.finditer(text):
            if known is None:
                known = figure_map(report)
            if referenced(match[1], known) is None:
                message, hint = _reference_problem(match[1], report, known)
                found.append(_reference_error(source_map, key_path, text, match, message, hint))
    for key_path, text in uncited_texts(report):
        if "{" not in text and "｛" not in text:
            continue
        for match in REFERENCE.finditer(text):
            message = _("a figure cannot be cited here: this text is printed as written")
            hint = _(
                "write the text itself here; figures are cited in the title, the body, the "
                "closing and the attachments' names"
            )
            found.append(_reference_error(source_map, key_path, text, match, message, hint))
    return found


def _reference_error(
    source_map: SourceMap,
    key_path: KeyPath,
    text: str,
    match: re.Match[str],
    message: str,
    hint: str,
) -> Diagnostic:
    """LG070 at the reference's own line and column."""
    return Diagnostic(
        source_map.within(key_path, text, match.start()),
        Severity.ERROR,
        "LG070",
        message,
        _path(source_map.written(key_path)),
        hint,
    )


def _path(key_path: KeyPath) -> str:
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def table_title(report: Report) -> str:
    """The title of the figures attachment."""
    section = report.figures
    if section is not None and section.attachment_title:
        return section.attachment_title
    return f"{report.organization}{report.year}年度法治政府建设主要数据"


# ---------------------------------------------------------------- JSON Schema


def widen_schema(defs: dict[str, Any]) -> None:
    """Name the catalogue's keys in the schema (completion, hover help) and accept shorthands.

    Counts are listed with their label, unit and definition; a catalogue rate is refused with
    the reason (it is computed); any other key is the report's own figure.
    """
    section, figure = defs["FigureSection"], defs["FigureInput"]
    section["description"] = (
        "主要数据。目录中的数据直接写数字（如 复议收案: 53）；自定义数据写明单位（如 "
        "减少事业单位: 45家）或写成分子/分母的比率（如 精简率: 45/94）。比率一律由分子、分母计算。"
    )
    figure["description"] = (
        "一项数据的完整写法：value（数值）+ unit（单位），或 numerator + denominator（比率）。"
    )
    defs["FigureValue"] = {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": rf"^\s*({_NUMBER})\s*(\S+|/\s*({_NUMBER}))?\s*$"},
            {"$ref": "#/$defs/FigureInput"},
        ]
    }
    section["additionalProperties"] = {"$ref": "#/$defs/FigureValue"}
    properties = section["properties"]
    for entry in CATALOGUE:
        if entry.kind is Kind.RATE:
            properties[entry.key] = {
                "description": (
                    f"{entry.label} = {entry.numerator} ÷ {entry.denominator}，自动计算，"
                    f"不要填写；请填写 {entry.numerator} 和 {entry.denominator}。{entry.definition}"
                ),
                "not": {},
            }
            continue
        units = "|".join(entry.units)
        properties[entry.key] = {
            "description": f"{entry.label}（{entry.unit}）：{entry.definition}",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": rf"^\s*\d+(,\d{{3}})*\s*({units})?\s*$"},
            ],
        }


def totals(units: list[dict[str, Figure]]) -> dict[str, Figure]:
    """The catalogue's figures added up over units, in catalogue order.

    Counts are summed over the units that give them; a rate is recomputed from the summed
    numerators and denominators of the units that give both (never an average of rates).
    """
    result: dict[str, Figure] = {}
    for entry in CATALOGUE:
        given = [u[entry.key] for u in units if entry.key in u]
        if not given:
            continue
        if entry.kind is Kind.RATE:
            numerator = sum((f.numerator or Decimal(0) for f in given), Decimal(0))
            denominator = sum((f.denominator or Decimal(0) for f in given), Decimal(0))
            result[entry.key] = Figure(
                entry.key,
                entry.label,
                Kind.RATE,
                "%",
                percentage(numerator, denominator),
                numerator,
                denominator,
            )
        else:
            total = sum((f.value or Decimal(0) for f in given), Decimal(0))
            result[entry.key] = Figure(entry.key, entry.label, entry.kind, entry.unit, total)
    return result


class LeftOut(NamedTuple):
    """A unit giving one count of a catalogue rate without the other (负责人出庭 without 应出庭).

    Its count is in that count's total but not in the rate's, so the totals row must say so:
    otherwise 负责人出庭 21 beside 应出庭 20 reads as a numerator above its denominator.
    """

    rate: str  # the rate's key
    unit: int  # the unit's position in the list
    given: str  # the count it gives
    missing: str  # the count it does not give


def left_out(units: list[dict[str, Figure]]) -> list[LeftOut]:
    """Every unit whose count is in a total but not in the rate recomputed from it."""
    found = []
    for entry in CATALOGUE:
        if entry.kind is not Kind.RATE:
            continue
        for position, unit in enumerate(units):
            has_numerator, has_denominator = entry.numerator in unit, entry.denominator in unit
            if has_numerator and not has_denominator:
                found.append(LeftOut(entry.key, position, entry.numerator, entry.denominator))
            elif has_denominator and not has_numerator:
                found.append(LeftOut(entry.key, position, entry.denominator, entry.numerator))
    return found


def ranks(units: list[dict[str, Figure]], key: str, decimals: int = 1) -> list[int | None]:
    """Each unit's rank for one figure (1 is the best; equal values share a rank).

    Best is the largest, except for the rates in ``LOWER_IS_BETTER``; rates are compared as
    printed. A unit without the figure, or with a 0/0 rate, has no rank.
    """

    def sortable(figure: Figure | None) -> Decimal | None:
        if figure is None or figure.value is None:
            return None
        return round_half_up(figure.value, decimals) if figure.is_rate else figure.value

    values = [sortable(u.get(key)) for u in units]
    present = sorted((v for v in values if v is not None), reverse=key not in LOWER_IS_BETTER)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(present, start=1):
        first.setdefault(value, position)
    return [first[v] if v is not None else None for v in values]
