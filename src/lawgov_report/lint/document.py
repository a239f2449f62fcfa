"""Lint rules that look at the whole report: dates, 发文字号, title, required content.

Sources: GBT9704.md §5–§7 (dates, 发文字号, title) and REGULATION.md (the 2019 规定's items).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..errors import Severity
from ..i18n import N_, _
from ..model.report import Part, PartKind
from ..render.numbering import chinese_ordinal
from .base import Context, Finding, Rule, iter_paragraphs

_TYPED_POINT = re.compile(r"(?:^|[。；，：])([一二三四五六七八九十]{1,3})是")
_TERMINAL = "。；：，、！？.;:,!?"


# ---------------------------------------------------------------- dates and 发文字号


def _date(date: dt.date) -> str:
    """A date as the reader writes it: 2022年1月7日 in Chinese, 2022-01-07 in English."""
    return _("{year}-{month:02d}-{day:02d}").format(year=date.year, month=date.month, day=date.day)


def _check_date_before_year(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.date < dt.date(r.year, 1, 1):
        yield (
            ("date",),
            _(
                "the date (成文日期) {date} is before the start of the report year {year};"
                " a report cannot sum up a year that has not begun"
            ).format(date=_date(r.date), year=r.year),
            _("the date is usually between January and March {year}").format(year=r.year + 1),
        )


def _check_date_inside_year(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.date.year == r.year:
        message = _(
            "the date (成文日期) {date} lies inside the report year {year}, before the year's"
            " work is done"
        )
        yield (("date",), message.format(date=_date(r.date), year=r.year), "")


def _check_date_late(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    deadline = dt.date(r.year + 1, 3, 31)
    if r.date > deadline:
        yield (
            ("date",),
            _(
                "the date (成文日期) {date} is after {deadline}; annual reports are published"
                " before 1 April (《法治政府建设与责任落实督察工作规定》, article 24)"
            ).format(date=_date(r.date), deadline=_date(deadline)),
            "",
        )


_DOC_NUMBER = re.compile(r"^\S+〔(\d{4})〕([1-9]\d*)号$")
_DOC_NUMBER_MISTAKES = [
    (
        re.compile(r"第\s*\d+\s*号"),
        N_("no 第 before the serial number"),
        N_("e.g. 高科字〔2022〕1号"),
    ),
    (
        re.compile(r"[\[【［(（﹝{]\s*\d{2,4}\s*[\]】］)）﹞}]"),
        N_("the year goes in hexagonal brackets 〔〕"),
        N_("type 〔 and 〕 with the input method's symbol keyboard, or copy them"),
    ),
    (
        re.compile(r"〔\d{2}〕"),
        N_("write the year in full, with four digits"),
        N_("〔2022〕, not 〔22〕"),
    ),
    (
        re.compile(r"〕\s*0\d*"),
        N_("no leading zero before the serial number"),
        N_("1号, not 01号"),
    ),
]


def _check_doc_number_form(ctx: Context) -> Iterator[Finding]:
    number = ctx.report.doc_number
    if number is None or _DOC_NUMBER.match(number) or "【待填写】" in number:
        return  # a placeholder is LG150's to report
    for pattern, message, hint in _DOC_NUMBER_MISTAKES:
        if pattern.search(number):
            text = _("the 发文字号 “{number}”: {problem}").format(number=number, problem=_(message))
            yield (("doc_number",), text, _(hint))
            return
    yield (
        ("doc_number",),
        _("the 发文字号 “{number}” is not of the form 机关代字〔year〕N号").format(number=number),
        _("e.g. 高科字〔2022〕1号"),
    )


def _check_doc_number_year(ctx: Context) -> Iterator[Finding]:
    number = ctx.report.doc_number
    match = _DOC_NUMBER.match(number or "")
    if match and int(match.group(1)) != ctx.report.date.year:
        yield (
            ("doc_number",),
            _("the year {year} in the 发文字号 differs from the year of the date {date}").format(
                year=match.group(1), date=_date(ctx.report.date)
            ),
            _("the 发文字号 carries the year the report is dated (issued)"),
        )


# ---------------------------------------------------------------- title


def _check_title_year(ctx: Context) -> Iterator[Finding]:
    if ctx.report.title and str(ctx.report.year) not in ctx.report.full_title:
        yield (
            ("title",),
            _("the title does not name the report year {year}").format(year=ctx.report.year),
            _("name the year in the title, e.g. “{year}年度法治政府建设工作报告”").format(
                year=ctx.report.year
            ),
        )


def _check_title_punctuation(ctx: Context) -> Iterator[Finding]:
    if ctx.report.title and ctx.report.title[-1].rstrip().endswith(tuple(_TERMINAL)):
        yield (("title", len(ctx.report.title) - 1), _("a title ends without punctuation"), "")


# ---------------------------------------------------------------- content (2019 规定)


def _covers(part: Part) -> set[PartKind]:
    return {part.kind, *part.also_covers}


def _check_problems_part(ctx: Context) -> Iterator[Finding]:
    if not any(PartKind.PROBLEMS in _covers(p) for p in ctx.report.parts):
        yield (
            ("parts",),
            _(
                "the report has no part on its shortcomings and their causes (存在的不足和原因),"
                " which 《法治政府建设与责任落实督察工作规定》 requires"
            ),
            _(
                "add a part with kind: problems, or write also_covers: [problems] in the part"
                " that covers them"
            ),
        )


def _check_responsibility(ctx: Context) -> Iterator[Finding]:
    if not any(PartKind.RESPONSIBILITY in _covers(p) for p in ctx.report.parts):
        yield (
            ("parts",),
            _(
                "the report does not say how the principal leaders fulfilled their duty as the"
                " first persons responsible for the rule of law (第一责任人), which the 规定"
                " requires"
            ),
            _(
                "add a part with kind: responsibility, or write also_covers: [responsibility]"
                " in the part that covers it"
            ),
        )


def _check_empty(ctx: Context) -> Iterator[Finding]:
    for i, part in enumerate(ctx.report.parts):
        if not part.paragraphs and not part.items:
            message = _("part {number} “{title}” has no content").format(
                number=i + 1, ordinal=chinese_ordinal(i + 1), title=part.title
            )
            yield (("parts", i), message, "")
        for j, item in enumerate(part.items):
            if not item.run_in and not item.paragraphs and not item.items:
                yield (
                    ("parts", i, "items", j),
                    _("item “{title}” has no content").format(title=item.title),
                    _("write its text, or set run_in: true to make the heading a paragraph"),
                )


def _typed_ordinals(text: str) -> list[str]:
    if "是" not in text:
        return []
    return [m.group(1) for m in _TYPED_POINT.finditer(text)]


def _check_typed_points(ctx: Context) -> Iterator[Finding]:
    for path, paragraph in iter_paragraphs(ctx.report):
        typed = _typed_ordinals(paragraph.text or "")
        if not typed:
            continue
        if paragraph.points:
            yield (
                (*path, "text"),
                _(
                    "the text has a typed 一是 and also points, which are numbered for you;"
                    " the numbers would repeat or be out of step"
                ),
                _("move the typed points into points"),
            )
            continue
        expected = [chinese_ordinal(n) for n in range(1, len(typed) + 1)]
        if typed != expected:
            shown = "、".join(f"{o}是" for o in typed)
            yield (
                (*path, "text"),
                _("the typed “{points}” are not in sequence").format(points=shown),
                _("use points: their numbers are generated"),
            )


_DATES = ("date", "year")

DOCUMENT_RULES: tuple[Rule, ...] = (
    Rule(
        "LG101",
        Severity.ERROR,
        N_("date before the report year"),
        _check_date_before_year,
        reads=_DATES,
    ),
    Rule(
        "LG102",
        Severity.WARNING,
        N_("date inside the report year"),
        _check_date_inside_year,
        reads=_DATES,
    ),
    Rule(
        "LG103",
        Severity.WARNING,
        N_("date after 31 March of the next year"),
        _check_date_late,
        reads=_DATES,
    ),
    Rule(
        "LG104",
        Severity.ERROR,
        N_("form of the 发文字号"),
        _check_doc_number_form,
        reads=("doc_number",),
    ),
    Rule(
        "LG105",
        Severity.ERROR,
        N_("发文字号 year differs from the date"),
        _check_doc_number_year,
        reads=("doc_number", "date"),
    ),
    Rule(
        "LG106",
        Severity.WARNING,
        N_("title without the report year"),
        _check_title_year,
        reads=("title", "year"),
    ),
    Rule(
        "LG107",
        Severity.WARNING,
        N_("punctuation at the end of the title"),
        _check_title_punctuation,
        reads=("title",),
    ),
    Rule(
        "LG110",
        Severity.WARNING,
        N_("no part on shortcomings and causes"),
        _check_problems_part,
        reads=("parts",),
    ),
    Rule(
        "LG111",
        Severity.WARNING,
        N_("no 第一责任人 part"),
        _check_responsibility,
        reads=("parts",),
    ),
    Rule(
        "LG112",
        Severity.WARNING,
        N_("part or item without content"),
        _check_empty,
        reads=("parts",),
    ),
    Rule(
        "LG125",
        Severity.WARNING,
        N_("typed 一是、二是"),
        _check_typed_points,
        reads=("parts",),
    ),
)
