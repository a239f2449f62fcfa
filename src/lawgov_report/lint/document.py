"""Lint rules that look at the whole report: dates, 发文字号, title, required content.

Sources: GBT9704.md §5–§7 (dates, 发文字号, title) and REGULATION.md (the 2019 规定's items).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..errors import Severity
from ..model.report import Part, PartKind
from ..render.numbering import chinese_ordinal
from .base import Context, Finding, Rule, iter_paragraphs

_TYPED_POINT = re.compile(r"(?:^|[。；，：])([一二三四五六七八九十]{1,3})是")
_TERMINAL = "。；：，、！？.;:,!?"


# ---------------------------------------------------------------- dates and 发文字号


def _cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def _check_date_before_year(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.date < dt.date(r.year, 1, 1):
        yield (
            ("date",),
            f"成文日期{_cn(r.date)}早于报告年度{r.year}年的开始，不可能总结这一年的工作",
            f"成文日期一般在{r.year + 1}年1月至3月",
        )


def _check_date_inside_year(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.date.year == r.year:
        yield (("date",), f"成文日期{_cn(r.date)}在报告年度{r.year}年之内，年度工作尚未结束", "")


def _check_date_late(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.date > dt.date(r.year + 1, 3, 31):
        yield (
            ("date",),
            f"成文日期{_cn(r.date)}晚于{r.year + 1}年3月31日；年度报告应于4月1日前向社会公开"
            "（《法治政府建设与责任落实督察工作规定》第二十四条）",
            "",
        )


_DOC_NUMBER = re.compile(r"^\S+〔(\d{4})〕([1-9]\d*)号$")
_DOC_NUMBER_MISTAKES = [
    (re.compile(r"第\s*\d+\s*号"), "序号前不加“第”", "如：高科字〔2022〕1号"),
    (
        re.compile(r"[\[【［(（﹝{]\s*\d{2,4}\s*[\]】］)）﹞}]"),
        "年份应使用六角括号〔〕",
        "输入法中“〔”“〕”可用软键盘或复制",
    ),
    (re.compile(r"〔\d{2}〕"), "年份应写全四位", "如〔2022〕，不写〔22〕"),
    (re.compile(r"〕\s*0\d*"), "序号不编虚位，前面不加“0”", "如1号，不写01号"),
]


def _check_doc_number_form(ctx: Context) -> Iterator[Finding]:
    number = ctx.report.doc_number
    if number is None or _DOC_NUMBER.match(number) or "【待填写】" in number:
        return  # a placeholder is LG150's to report
    for pattern, message, hint in _DOC_NUMBER_MISTAKES:
        if pattern.search(number):
            yield (("doc_number",), f"发文字号“{number}”：{message}", hint)
            return
    yield (
        ("doc_number",),
        f"发文字号“{number}”不是“机关代字〔年份〕序号号”的形式",
        "如：高科字〔2022〕1号",
    )


def _check_doc_number_year(ctx: Context) -> Iterator[Finding]:
    number = ctx.report.doc_number
    match = _DOC_NUMBER.match(number or "")
    if match and int(match.group(1)) != ctx.report.date.year:
        yield (
            ("doc_number",),
            f"发文字号年份{match.group(1)}与成文日期{_cn(ctx.report.date)}的年份不一致",
            "发文字号的年份是成文（发文）的年份",
        )


# ---------------------------------------------------------------- title


def _check_title_year(ctx: Context) -> Iterator[Finding]:
    if ctx.report.title and str(ctx.report.year) not in ctx.report.full_title:
        yield (
            ("title",),
            f"标题中没有报告年度“{ctx.report.year}”",
            "标题写明年度，如“2021年度法治政府建设工作报告”",
        )


def _check_title_punctuation(ctx: Context) -> Iterator[Finding]:
    if ctx.report.title and ctx.report.title[-1].rstrip().endswith(tuple(_TERMINAL)):
        yield (("title", len(ctx.report.title) - 1), "标题末尾不加标点符号", "")


# ---------------------------------------------------------------- content (2019 规定)


def _covers(part: Part) -> set[PartKind]:
    return {part.kind, *part.also_covers}


def _check_problems_part(ctx: Context) -> Iterator[Finding]:
    if not any(PartKind.PROBLEMS in _covers(p) for p in ctx.report.parts):
        yield (
            ("parts",),
            "没有报告“存在的不足和原因”（《法治政府建设与责任落实督察工作规定》要求的内容之一）",
            "增加 kind: problems 的部分，或在涵盖该内容的部分写 also_covers: [problems]",
        )


def _check_responsibility(ctx: Context) -> Iterator[Finding]:
    if not any(PartKind.RESPONSIBILITY in _covers(p) for p in ctx.report.parts):
        yield (
            ("parts",),
            "没有报告党政主要负责人履行推进法治建设第一责任人职责的情况（规定要求的内容之一）",
            "增加 kind: responsibility 的部分，或在涵盖该内容的部分写 also_covers: [responsibility]",
        )


def _check_empty(ctx: Context) -> Iterator[Finding]:
    for i, part in enumerate(ctx.report.parts):
        if not part.paragraphs and not part.items:
            yield (("parts", i), f"第{chinese_ordinal(i + 1)}部分“{part.title}”没有内容", "")
        for j, item in enumerate(part.items):
            if not item.run_in and not item.paragraphs and not item.items:
                yield (
                    ("parts", i, "items", j),
                    f"条目“{item.title}”没有内容",
                    "写上正文，或设 run_in: true 使标题本身成为一段",
                )


def _typed_ordinals(text: str) -> list[str]:
    if "是" not in text:
        return []
    return [m.group(1) for m in _TYPED_POINT.finditer(text)]


def _check_typed_points(ctx: Context) -> Iterator[Finding]:
    for path, paragraph in iter_paragraphs(ctx.report):
        typed = _typed_ordinals(paragraph.text or "")
        if typed and paragraph.points:
            yield (
                (*path, "text"),
                "文字中手工写了“一是”，又用 points 自动编号，序号会重复或错位",
                "把手写的各点移到 points 中",
            )
            continue
        expected = [chinese_ordinal(n) for n in range(1, len(typed) + 1)]
        if typed and typed != expected:
            shown = "、".join(f"{o}是" for o in typed)
            yield ((*path, "text"), f"手工输入的“{shown}”不连续", "改用 points，序号自动生成")


DOCUMENT_RULES: tuple[Rule, ...] = (
    Rule("LG101", Severity.ERROR, "成文日期早于报告年度", _check_date_before_year),
    Rule("LG102", Severity.WARNING, "成文日期在报告年度之内", _check_date_inside_year),
    Rule("LG103", Severity.WARNING, "成文日期晚于次年3月31日", _check_date_late),
    Rule("LG104", Severity.ERROR, "发文字号格式", _check_doc_number_form),
    Rule("LG105", Severity.ERROR, "发文字号年份与成文日期不一致", _check_doc_number_year),
    Rule("LG106", Severity.WARNING, "标题缺少报告年度", _check_title_year),
    Rule("LG107", Severity.WARNING, "标题末尾有标点", _check_title_punctuation),
    Rule("LG110", Severity.WARNING, "缺少“不足和原因”", _check_problems_part),
    Rule("LG111", Severity.WARNING, "缺少第一责任人履职情况", _check_responsibility),
    Rule("LG112", Severity.WARNING, "部分或条目没有内容", _check_empty),
    Rule("LG125", Severity.WARNING, "手工输入的“一是、二是”", _check_typed_points),
)
