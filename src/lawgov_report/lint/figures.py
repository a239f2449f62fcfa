"""Lint rules for the figures: the arithmetic, the prose against the figures, 同比 against last year.

Why: the numbers reviewers compare are wrong in three ways that a schema cannot see — a
numerator above its denominator (出庭 more often than it had to), a number in the text that is
not the figure (the table says 53, a sentence still says 50), and 同比上升 where the number fell.
Finding "the number next to a figure's label" is a heuristic, kept deliberately narrow: the
label (a cue of the catalogue, or an own figure's label) and the number must touch, with at most
a few filler characters between (受理行政复议案件53宗, 6项重大行政决策事项); a clause about
another year is skipped; 约 skips the comparison, 超过/余/多 and 近 turn it into ≥ and ≤.
A number the lint must not judge can always be replaced by a reference (``{复议收案}``).

``mentions`` is public: ``lawgov import`` uses it to propose figures from a report's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from ..errors import Severity
from ..i18n import _
from ..model.catalogue import BY_KEY, CATALOGUE, Kind
from ..model.figures import Figure, decimals_of, figure_map, format_number, round_half_up
from ..model.report import Report
from ..render.figures import change, display, format_percent
from .base import At, Context, Finding, Rule

_NUMBER = re.compile(
    r"(?P<pre>约|将近|接近|近|超过|逾|不少于|不低于|不到)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<wan>万)?(?P<post>余|多)?"
    r"(?P<unit>%|％|个百分点|人次|万元|元|[件宗份项次人名个家批卷场期篇条])?"
    r"(?P<tail>以上|左右|以下)?"
)
_NOT_A_COUNT = re.compile(r"[年月日时号岁\-—–~～+＋:：.．/]")
_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[^，。；：！？,;:!?]+")
_SENTENCE = re.compile(r"[^。；！？;!?]+")
_YEAR = re.compile(r"(\d{4})\s*年")
_OTHER_YEAR_WORDS = ("上年", "去年", "前年", "上一年", "同期", "以来", "累计")
_AFTER_FILLER = set("共计累总合达到为是有了案件申请事项数量”’")
_MAX_AFTER_GAP = 6
_MAX_BEFORE_GAP = 4
_AT_LEAST = ("超过", "逾", "不少于", "不低于", "余", "多", "以上")
_AT_MOST = ("将近", "接近", "近", "不到", "以下")


class Cue(NamedTuple):
    """How the prose names one figure: patterns, sentence context, rate or count, units."""

    key: str
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    is_rate: bool
    units: tuple[str, ...]


class Mention(NamedTuple):
    """A number written next to a figure's label, as found in one text."""

    key: str
    start: int  # of the number, in the text
    end: int
    value: Decimal  # as written (万 applied)
    decimals: int  # decimal places written
    percent: bool
    bound: str  # "" exact, "min" at least, "max" at most, "about" 约/左右


@functools.cache
def catalogue_cues() -> tuple[Cue, ...]:
    """The catalogue's cues, compiled on first use (not at start-up)."""
    return tuple(
        Cue(
            e.key,
            re.compile("|".join(f"(?:{c})" for c in e.cues)),
            re.compile(e.context) if e.context else None,
            e.kind is Kind.RATE,
            e.units,
        )
        for e in CATALOGUE
        if e.cues
    )


def report_cues(report: Report) -> tuple[Cue, ...]:
    """The catalogue's cues and the report's own figures (named by their label and key)."""
    own = []
    if report.figures is not None:
        for key, item in report.figures.entries.items():
            if key in BY_KEY:
                continue
            names = sorted({key, item.label or key}, key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(n) for n in names))
            units = (item.unit,) if item.unit else ()
            own.append(Cue(key, pattern, None, item.is_rate, units))
    return catalogue_cues() + tuple(own)


def _bound(number: re.Match[str]) -> str:
    words = (number["pre"] or "", number["post"] or "", number["tail"] or "")
    if "约" in words or "左右" in words:
        return "about"
    if any(w in _AT_LEAST for w in words if w):
        return "min"
    if any(w in _AT_MOST for w in words if w):
        return "max"
    return ""


def _is_count_like(text: str, number: re.Match[str]) -> bool:
    """Not a year, date, ordinal, range or part of a code such as “1+5”."""
    before = text[number.start() - 1 : number.start()]
    after = text[number.end() : number.end() + 1]
    if before == "第" or (before and (before.isdigit() or _NOT_A_COUNT.match(before))):
        return False
    return not (not number["unit"] and after and _NOT_A_COUNT.match(after))


def _numbers(clause: str) -> list[re.Match[str]]:
    return [m for m in _NUMBER.finditer(clause) if _is_count_like(clause, m)]


def _about_other_year(clause: str, year: int) -> bool:
    if any(word in clause for word in _OTHER_YEAR_WORDS):
        return True
    return any(int(m[1]) != year for m in _YEAR.finditer(clause))


def _fits(cue: Cue, number: re.Match[str]) -> bool:
    unit = number["unit"] or ""
    if cue.is_rate:
        return unit in ("%", "％")
    if unit in ("%", "％", "个百分点"):
        return False
    return not unit or not cue.units or unit in cue.units


def _attach(
    cue: Cue, match: re.Match[str], clause: str, numbers: list[re.Match[str]]
) -> tuple[int, re.Match[str]] | None:
    """(gap, number) for the number touching this cue match: after it, or just before it."""
    best: tuple[int, re.Match[str]] | None = None
    after = next((n for n in numbers if n.start() >= match.end()), None)
    if after is not None:
        gap = clause[match.end() : after.start()]
        if (
            len(gap) <= _MAX_AFTER_GAP
            and all(ch in _AFTER_FILLER for ch in gap)
            and _fits(cue, after)
        ):
            best = (len(gap), after)
    before = next((n for n in reversed(numbers) if n.end() <= match.start()), None)
    if before is not None and before["unit"]:
        gap = clause[before.end() : match.start()]
        if (
            len(gap) <= _MAX_BEFORE_GAP
            and not any(ch.isdigit() for ch in gap)
            and _fits(cue, before)
            and (best is None or len(gap) < best[0])
        ):
            best = (len(gap), before)
    return best


def _value(number: re.Match[str]) -> tuple[Decimal, int]:
    digits = number["num"].replace(",", "")
    value = Decimal(digits)
    if number["wan"]:
        value *= 10000
    decimals = len(digits.partition(".")[2])
    return value, decimals


def _cue_matches(
    clause: str, sentence: str, cues: tuple[Cue, ...]
) -> list[tuple[Cue, re.Match[str]]]:
    """Every cue found in the clause, minus those inside a longer one (直接纠错 over 纠错)."""
    found = [
        (cue, m)
        for cue in cues
        if (cue.context is None or cue.context.search(sentence))
        for m in cue.pattern.finditer(clause)
        if m.end() > m.start()
    ]
    return [
        (cue, m)
        for cue, m in found
        if not any(
            o.start() <= m.start()
            and m.end() <= o.end()
            and (o.end() - o.start()) > (m.end() - m.start())
            for _, o in found
        )
    ]


def mentions(text: str, year: int, cues: tuple[Cue, ...] | None = None) -> list[Mention]:
    """Numbers written next to a figure's label in ``text`` (a report of ``year``).

    A number two figures claim equally closely is left out: the lint reports only what it is
    sure of.
    """
    cues = cues if cues is not None else catalogue_cues()
    results: list[Mention] = []
    if not _DIGIT.search(text):
        return results
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group()
        if not _DIGIT.search(sentence):
            continue
        for clause_match in _CLAUSE.finditer(sentence):
            clause = clause_match.group()
            numbers = _numbers(clause)
            if not numbers or _about_other_year(clause, year):
                continue
            claims: dict[int, list[tuple[int, str, re.Match[str]]]] = {}
            for cue, match in _cue_matches(clause, sentence, cues):
                attached = _attach(cue, match, clause, numbers)
                if attached is not None:
                    gap, number = attached
                    claims.setdefault(number.start(), []).append((gap, cue.key, number))
            offset = sentence_match.start() + clause_match.start()
            for claimants in claims.values():
                claimants.sort(key=lambda c: c[0])
                best = claimants[0]
                rivals = {k for g, k, _n in claimants if g == best[0]}
                if len(rivals) > 1:
                    continue
                _gap, key, number = best
                value, decimals = _value(number)
                results.append(
                    Mention(
                        key,
                        offset + number.start(),
                        offset + number.end(),
                        value,
                        decimals,
                        (number["unit"] or "") in ("%", "％"),
                        _bound(number),
                    )
                )
    results.sort(key=lambda m: m.start)
    return results


def _differs(mention: Mention, figure: Figure) -> bool:
    """Whether the figure contradicts what the text wrote (at the text's own precision)."""
    if mention.bound == "about" or figure.value is None:
        return False
    value = round_half_up(figure.value, mention.decimals) if figure.is_rate else figure.value
    if mention.bound == "min":
        return value < mention.value
    if mention.bound == "max":
        return value > mention.value
    return value != mention.value


# ---------------------------------------------------------------- the rules


def _check_ratio(ctx: Context) -> Iterator[Finding]:
    """LG190: a numerator above its denominator, or a part above its whole."""
    section = ctx.report.figures
    if section is None:
        return
    given = section.entries
    for entry in CATALOGUE:
        pairs = []
        if entry.kind is Kind.RATE:
            pairs.append((entry.numerator, entry.denominator))
        if entry.within:
            pairs.append((entry.key, entry.within))
        for part, whole in pairs:
            a, b = given.get(part), given.get(whole)
            if a is None or b is None or a.value is None or b.value is None or a.value <= b.value:
                continue
            yield (
                ("figures", part),
                _("{part} ({a}) is more than {whole} ({b}), which it is part of").format(
                    part=part, a=format_number(a.value), whole=whole, b=format_number(b.value)
                ),
                _("definition: {definition}").format(definition=BY_KEY[part].definition),
            )
    for key, item in given.items():
        if key in BY_KEY or item.numerator is None or item.denominator is None:
            continue
        if item.numerator > item.denominator:
            yield (
                ("figures", key, "numerator"),
                _("{key}: the numerator ({a}) is more than the denominator ({b})").format(
                    key=key, a=format_number(item.numerator), b=format_number(item.denominator)
                ),
                _("a rate is between 0 and 100%; check which number is which"),
            )


_RATE_IN_TEXT = re.compile(r"率[^，。；\d]{0,4}?(?:为|达到?|是)?(\d+(?:\.\d+)?)\s*[%％]")


def _check_rate_range(ctx: Context) -> Iterator[Finding]:
    """LG191: a rate in the text above 100 % (精简率120%): a typo or a wrong definition."""
    for field in ctx.texts:
        text = field.text
        if "率" not in text or ("%" not in text and "％" not in text):
            continue
        for match in _RATE_IN_TEXT.finditer(text):
            if Decimal(match[1]) > 100:
                yield (
                    At(field.key_path, text, match.start(1)),
                    _("a rate of {value}% is above 100%").format(value=match[1]),
                    _("a rate is part ÷ whole; check the numbers, or the definition"),
                )


def _check_prose(ctx: Context) -> Iterator[Finding]:
    """LG192: a number written next to a figure's label that is not the figure."""
    report = ctx.report
    if report.figures is None:
        return
    known = figure_map(report)
    decimals = decimals_of(report)
    # Every cue takes part, so a number next to a figure that is not given is not taken for
    # a neighbouring one that is; only the given ones are compared.
    cues = report_cues(report)
    for field in ctx.texts:
        if field.role not in ("body", "point", "run_in", "heading"):
            continue
        for mention in mentions(field.text, report.year, cues):
            figure = known.get(mention.key)
            if figure is None:
                continue
            if not _differs(mention, figure):
                continue
            written = field.text[mention.start : mention.end]
            yield (
                At(field.key_path, field.text, mention.start),
                _("the text says {written} for {label}, but figures: gives {value}").format(
                    written=written, label=figure.label, value=display(figure, decimals)
                ),
                _(
                    "correct the number, or write {{{key}}} so that the text shows the figure"
                ).format(key=mention.key),
            )


_UP = "上升|增长|增加|提高|提升|上涨|增多"
_DOWN = "下降|减少|降低|下滑|回落"
_FLAT = "基本持平|持平|相当"
_YOY = re.compile(
    r"(?:同比|(?:比|较|与)(?:上年|去年|上一年)(?:同期)?(?:相比)?)"
    rf"[^，。；\d]{{0,4}}?(?P<dir>{_UP}|{_DOWN}|{_FLAT})"
    r"(?P<approx>约|近)?(?:了)?(?P<amount>\d+(?:\.\d+)?)?(?P<unit>%|％|个百分点|人次|[件宗份项次人名个])?"
)
_DIRECTIONS = {**{w: "上升" for w in _UP.split("|")}, **{w: "下降" for w in _DOWN.split("|")}}
_DIRECTIONS.update({w: "持平" for w in _FLAT.split("|")})


def _subject(text: str, end: int, cues: tuple[Cue, ...]) -> str | None:
    """The figure a 同比 phrase speaks of: the last label before it in the same sentence."""
    start = max(text.rfind(mark, 0, end) for mark in "。；！？") + 1
    sentence = text[start:end]
    best: tuple[int, int, str] | None = None
    for cue in cues:
        if cue.context is not None and not cue.context.search(sentence):
            continue
        for m in cue.pattern.finditer(sentence):
            rank = (m.end(), m.end() - m.start())
            if best is None or rank > best[:2]:
                best = (*rank, cue.key)
    return best[2] if best else None


def _check_year_on_year(ctx: Context) -> Iterator[Finding]:
    """LG193: 同比上升/下降/持平 (and its amount) against last year's figures."""
    report, previous = ctx.report, ctx.previous
    if report.figures is None or previous is None or previous.figures is None:
        return
    now, before = figure_map(report), figure_map(previous)
    decimals = decimals_of(report)
    cues = report_cues(report)
    for field in ctx.texts:
        text = field.text
        if not any(w in text for w in ("同比", "上年", "去年", "上一年")):
            continue
        for match in _YOY.finditer(text):
            key = _subject(text, match.start(), cues)
            if key is None or key not in now or key not in before:
                continue
            current, old = now[key], before[key]
            delta = change(current, old, decimals)
            if delta is None:
                continue
            said = _DIRECTIONS[match["dir"]]
            old_text, new_text = display(old, decimals), display(current, decimals)
            if said != delta.direction:
                yield (
                    At(field.key_path, text, match.start("dir")),
                    _(
                        "the text says {label} {said} on last year, but it went from {old} to "
                        "{new} ({actual})"
                    ).format(
                        label=current.label,
                        said=match["dir"],
                        old=old_text,
                        new=new_text,
                        actual=delta.direction,
                    ),
                    _("correct the wording, or the figures of this year or last year"),
                )
                continue
            amount = match["amount"]
            if amount is None or match["approx"] or said == "持平":
                continue
            actual = _amount_problem(
                current, delta.difference, delta.relative, amount, match["unit"]
            )
            if actual:
                written = text[match.start("amount") : match.end()]
                yield (
                    At(field.key_path, text, match.start("amount")),
                    _(
                        "the text says {label} changed by {written}, but it went from {old} "
                        "to {new} ({actual})"
                    ).format(
                        label=current.label,
                        written=written,
                        old=old_text,
                        new=new_text,
                        actual=actual,
                    ),
                    _("correct the amount of the change"),
                )


def _amount_problem(
    figure: Figure, difference: Decimal, relative: Decimal | None, amount: str, unit: str | None
) -> str | None:
    """The actual change as the text should have written it, when the text's amount is wrong."""
    written = Decimal(amount)
    places = len(amount.partition(".")[2])
    if figure.is_rate:
        if unit != "个百分点":
            return None
        actual = round_half_up(abs(difference), places)
        return (
            None
            if actual == written
            else _("{value} percentage points").format(
                value=format_percent(abs(difference), max(places, 1))
            )
        )
    if unit in ("%", "％"):
        if relative is None:
            return None
        actual = round_half_up(abs(relative), places)
        return None if actual == written else f"{format_percent(abs(relative), max(places, 1))}%"
    if unit is None or unit == "个百分点":
        return None
    return None if abs(difference) == written else f"{format_number(abs(difference))}{unit}"


FIGURE_RULES: tuple[Rule, ...] = (
    Rule("LG190", Severity.ERROR, "分子大于分母、部分大于整体", _check_ratio),
    Rule("LG191", Severity.ERROR, "正文中的比率超过100%", _check_rate_range),
    Rule("LG192", Severity.ERROR, "正文数字与主要数据不一致", _check_prose),
    Rule("LG193", Severity.ERROR, "同比增减与上年数据矛盾", _check_year_on_year),
)


# ---------------------------------------------------------------- proposals for lawgov import


_CLAUSE_MARKS = "，。；：！？"


class Proposal(NamedTuple):
    """A catalogue figure found in an imported report's text: key, number, its clause."""

    key: str
    value: Decimal
    quote: str


def propose(report: Report) -> list[Proposal]:
    """The catalogue counts written in the text, for ``lawgov import`` to suggest (never apply).

    Only exact numbers (not 约/超过/近) of counts — rates are computed, never typed; a figure
    written twice with different numbers is proposed once per number, for the clerk to choose.
    """
    from ..model.figures import body_texts

    found: dict[tuple[str, Decimal], Proposal] = {}
    cues = tuple(c for c in catalogue_cues() if not c.is_rate)
    for _key_path, text in body_texts(report):
        for mention in mentions(text, report.year, cues):
            if mention.bound or mention.percent:
                continue
            start = max(text.rfind(mark, 0, mention.start) for mark in _CLAUSE_MARKS) + 1
            ends = [i for i in (text.find(m, mention.end) for m in _CLAUSE_MARKS) if i >= 0]
            clause = text[start : min(ends) if ends else len(text)]
            found.setdefault(
                (mention.key, mention.value), Proposal(mention.key, mention.value, clause)
            )
    order = {entry.key: i for i, entry in enumerate(CATALOGUE)}
    return sorted(found.values(), key=lambda p: order[p.key])


def proposal_comment(proposals: list[Proposal]) -> str:
    """The proposals as a commented-out ``figures:`` block to append to the imported YAML."""
    if not proposals:
        return ""
    lines = [
        _(
            "Figures found in the text next to the catalogue's labels (lawgov import). Check each"
            " one against the source, then delete the '# ' at the start of the lines to use them."
        ),
        "figures:",
    ]
    for proposal in proposals:
        quote = proposal.quote if len(proposal.quote) <= 40 else proposal.quote[:38] + "……"
        value = format_number(proposal.value)
        lines.append(f"  {proposal.key}: {value}  # {BY_KEY[proposal.key].label}：“{quote}”")
    return "".join(f"# {line}\n" for line in lines)
