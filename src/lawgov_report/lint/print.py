"""Lint rules for the printed page: what the paper version (``output.variant: print``) needs.

Sources: GB/T 9704 7.2.5 (发文字号), 7.2.6 (签发人 on every 上行文; an annual report sent up to
the 党委 and 政府 is one), 7.3.2 (主送机关), 7.4 (版记: 印发机关和印发日期, not before the
成文日期) and 7.3.1 (a title breaks between words). Each hint names the YAML key to add, because
the fix is always one line of YAML.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..i18n import _
from ..model.report import Variant
from ..render.title import LINE_WIDTH, break_title, text_width
from .base import Context, Finding, Key, Rule


def _printed(ctx: Context) -> bool:
    return ctx.report.output.variant is Variant.PRINT


def _check_signer(ctx: Context) -> Iterator[Finding]:
    if _printed(ctx) and ctx.report.print.signer is None:
        yield (
            Key(("print",)),
            _(
                "the paper version is sent up (上行文) and needs a 签发人 in its 版头 (GB/T 9704 7.2.6)"
            ),
            _("add the signer's name under print:, e.g. 'signer: 张三'"),
        )


def _check_recipients(ctx: Context) -> Iterator[Finding]:
    if _printed(ctx) and ctx.report.recipients is None:
        yield (
            ("recipients",),
            _("the paper version has no 主送机关 (GB/T 9704 7.3.2)"),
            _("add 'recipients: 中共某县委、某县人民政府：' (ends with a full-width colon)"),
        )


def _check_doc_number(ctx: Context) -> Iterator[Finding]:
    if _printed(ctx) and ctx.report.doc_number is None:
        yield (
            ("doc_number",),
            _("the paper version has no 发文字号 under its 发文机关标志 (GB/T 9704 7.2.5)"),
            _("add 'doc_number: 某科字〔2022〕1号'"),
        )


def _check_imprint(ctx: Context) -> Iterator[Finding]:
    if not _printed(ctx):
        return
    missing = [
        key
        for key, value in (
            ("printed_by", ctx.report.print.printed_by),
            ("printed_date", ctx.report.print.printed_date),
        )
        if value is None
    ]
    if missing:
        yield (
            Key(("print",)),
            _(
                "the 版记 needs the 印发机关 and the 印发日期 (GB/T 9704 7.4.3); missing: {keys}"
            ).format(keys=", ".join(missing)),
            _("add under print: 'printed_by: 某县科学技术局办公室' and 'printed_date: 2022-01-07'"),
        )


def _check_printed_date(ctx: Context) -> Iterator[Finding]:
    printed = ctx.report.print.printed_date
    if printed is not None and printed < ctx.report.date:
        yield (
            ("print", "printed_date"),
            _(
                "the 印发日期 {printed} is before the 成文日期 {signed}: a document is printed after it is signed"
            ).format(printed=printed.isoformat(), signed=ctx.report.date.isoformat()),
            _("set print.printed_date to {signed} or later").format(
                signed=ctx.report.date.isoformat()
            ),
        )


def _check_title_lines(ctx: Context) -> Iterator[Finding]:
    """A title the user gave as lines is kept; a line too long for the 版心 wraps inside a word.

    The width counts the gap at each digit/汉字 boundary (``text_width``): the Title style
    leaves 自动调整中文与数字的间距 (``autoSpaceDN``) on, as Word's default is, so Word adds
    the gap as LibreOffice does — ``深圳市光明区人民政府2021年度法治政府建设`` is 20 字 of
    glyphs and 20.5 字 on the line, more than the 20.1 the 版心 holds, so its last 字 wraps.
    """
    lines = ctx.report.title
    if len(lines) < 2:
        return  # one line or none: lawgov breaks it between words itself
    for i, line in enumerate(lines):
        if text_width(line) > LINE_WIDTH:
            suggestion = " / ".join(break_title(ctx.report.full_title, ctx.report.organization))
            yield (
                ("title", i),
                _(
                    "title line {n} is {width:.1f} 字 wide, counting the quarter 字 that Word and "
                    "LibreOffice add where digits meet 汉字; a 二号 line holds {limit:.0f}, so Word "
                    "breaks it inside a word"
                ).format(n=i + 1, width=text_width(line), limit=LINE_WIDTH),
                _(
                    "split it between words, e.g. {lines}; or write the title as one line and lawgov breaks it"
                ).format(lines=suggestion),
            )


PRINT_RULES: tuple[Rule, ...] = (
    Rule("LG160", Severity.WARNING, "纸质版缺少签发人", _check_signer),
    Rule("LG161", Severity.WARNING, "纸质版缺少主送机关", _check_recipients),
    Rule("LG162", Severity.WARNING, "纸质版缺少发文字号", _check_doc_number),
    Rule("LG163", Severity.WARNING, "版记缺少印发机关或印发日期", _check_imprint),
    Rule("LG164", Severity.ERROR, "印发日期早于成文日期", _check_printed_date),
    Rule("LG165", Severity.WARNING, "标题一行超过版心宽度", _check_title_lines),
)
