"""Domain rules beyond the schema: what reviewers send these reports back for.

Why codes and a table: each rule has a stable code (``LG1xx``), a default severity and a Chinese
message, so users can select, ignore or re-grade rules (on the command line or under ``lint:`` in
the YAML) and look each one up in ``docs/rules.md``. Rules read the validated model; positions
come from the loader's source map, so every finding points at a line and column of the YAML.
Sources: GBT9704.md §5–§7 and REGULATION.md (the 2019 规定's five items and deadlines).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .errors import Diagnostic, Severity
from .loader import KeyPath, SourceMap
from .model import Heading, Paragraph, Part, PartKind, Report
from .numbering import chinese_ordinal
from .validation import format_key_path

Finding = tuple[KeyPath, str, str]  # (where, message, hint)
Check = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """One lint rule: code, default severity, a one-line summary and its check."""

    code: str
    severity: Severity
    summary: str
    check: Check


@dataclass(frozen=True)
class TextField:
    """One piece of user text, where it sits, and what role it plays in the document."""

    key_path: KeyPath
    text: str
    role: str  # "title", "heading", "run_in", "body", "point", "meta"


@dataclass
class Context:
    """What the checks read: the report and every text in it, in document order."""

    report: Report
    texts: list[TextField] = field(default_factory=list)


@dataclass(frozen=True)
class LintOptions:
    """Which rules run and at what severity (command line merged over the YAML's ``lint:``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()


# ---------------------------------------------------------------- text walk


def _paragraph_texts(base: KeyPath, paragraphs: list[Paragraph]) -> Iterator[TextField]:
    for i, p in enumerate(paragraphs):
        if p.text is not None:
            yield TextField((*base, i, "text"), p.text, "body")
        for j, point in enumerate(p.points):
            yield TextField((*base, i, "points", j), point, "point")
        if p.after is not None:
            yield TextField((*base, i, "after"), p.after, "body")


def _heading_texts(base: KeyPath, heading: Heading) -> Iterator[TextField]:
    yield TextField((*base, "title"), heading.title, "run_in" if heading.run_in else "heading")
    yield from _paragraph_texts((*base, "paragraphs"), heading.paragraphs)
    for i, child in enumerate(getattr(heading, "items", [])):
        yield from _heading_texts((*base, "items", i), child)


def iter_texts(report: Report) -> Iterator[TextField]:
    """Every text the user wrote, with its key path, in document order."""
    yield TextField(("organization",), report.organization, "meta")
    for i, line in enumerate(report.title):
        yield TextField(("title", i), line, "title")
    for key in ("doc_number", "recipients"):
        value = getattr(report, key)
        if value is not None:
            yield TextField((key,), value, "meta")
    yield from _paragraph_texts(("opening",), report.opening)
    for i, part in enumerate(report.parts):
        base: KeyPath = ("parts", i)
        yield TextField((*base, "title"), part.title, "heading")
        yield from _paragraph_texts((*base, "paragraphs"), part.paragraphs)
        for j, item in enumerate(part.items):
            yield from _heading_texts((*base, "items", j), item)
    if report.closing is not None:
        yield TextField(("closing",), report.closing, "body")
    for i, name in enumerate(report.attachments):
        yield TextField(("attachments", i), name, "meta")


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


# ---------------------------------------------------------------- title and headings

_TERMINAL = "。；：，、！？.;:,!?"
_HEADING_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．，,]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[.、．)）])"
)


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


def _check_heading_punctuation(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if t.role == "heading" and t.text.rstrip().endswith(tuple(_TERMINAL)):
            yield (
                t.key_path,
                "单独成行的标题末尾不加标点符号",
                "删除末尾标点；若标题与正文同段，设 run_in: true",
            )


def _check_run_in_ending(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if t.role == "run_in" and not t.text.rstrip().endswith(("。", "？", "！")):
            yield (
                t.key_path,
                "段内标题（run_in: true）应以句号结束，否则标题与正文连成一句",
                "在标题末尾加“。”，或设 run_in: false",
            )


def _check_typed_marker(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if t.role in ("heading", "run_in") and _HEADING_MARKER.match(t.text):
            marker = _HEADING_MARKER.match(t.text)
            assert marker is not None
            yield (
                t.key_path,
                f"标题前手工输入了序号“{marker.group().strip()}”，而序号由程序自动生成，会重复",
                "删除标题开头的序号",
            )


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


# ---------------------------------------------------------------- punctuation and numbers

_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_HALF_PUNCT = re.compile(rf"{_CJK}([,;:!?()])|([,;:!?()]){_CJK}")
_FULL_FOR_HALF = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_QUOTE = re.compile(r"[\"']")
_CJK_PERIOD = re.compile(rf"{_CJK}\.(?!\d)")
_BAD_MARKER_IN_TEXT = re.compile(r"(?:^|[。；])\s*(\d+、|（[一二三四五六七八九十]+）[、，.．])")
_POINT_PUNCT = re.compile(r"[一二三四五六七八九十]是[：:、]")
_TYPED_POINT = re.compile(r"(?:^|[。；，：])([一二三四五六七八九十]{1,3})是")
_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_PADDED_DATE = re.compile(r"\d{4}年0\d月|月0\d日")
_PAIRS = [("《", "》"), ("（", "）"), ("“", "”")]


def _has_cjk(text: str) -> bool:
    return re.search(_CJK, text) is not None


def _check_half_width_punctuation(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        match = _HALF_PUNCT.search(t.text)
        if match:
            mark = match.group(1) or match.group(2)
            yield (t.key_path, f"汉字旁使用了半角标点“{mark}”", f"改为全角“{_FULL_FOR_HALF[mark]}”")


def _check_ascii_quotes(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if _has_cjk(t.text) and _ASCII_QUOTE.search(t.text):
            yield (t.key_path, "中文中使用了英文引号", "改为中文引号“”或‘’")


def _unbalanced(text: str) -> str | None:
    for opening, closing in _PAIRS:
        depth = 0
        for ch in text:
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                if depth < 0:
                    return f"{opening}{closing}"
        if depth:
            return f"{opening}{closing}"
    return None


def _check_unbalanced(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        pair = _unbalanced(t.text)
        if pair:
            yield (t.key_path, f"“{pair[0]}”与“{pair[1]}”不成对", "检查是否漏掉或多打了一半")


def _check_marker_in_text(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if t.role in ("body", "point"):
            match = _BAD_MARKER_IN_TEXT.search(t.text)
            if match:
                yield (
                    t.key_path,
                    f"序号“{match.group(1)}”格式不对",
                    "阿拉伯数字序号用“1.”，“（一）”后不加标点",
                )


def _check_point_punctuation(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if _POINT_PUNCT.search(t.text) or (
            t.role == "point" and t.text.startswith(("：", ":", "、"))
        ):
            yield (t.key_path, "“一是”后不加冒号或顿号", "写作“一是……”或“一是，……”")


def _typed_ordinals(text: str) -> list[str]:
    return [m.group(1) for m in _TYPED_POINT.finditer(text)]


def _check_typed_points(ctx: Context) -> Iterator[Finding]:
    for path, paragraph in _paragraphs(ctx.report):
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


def _paragraphs(report: Report) -> Iterator[tuple[KeyPath, Paragraph]]:
    def from_heading(base: KeyPath, heading: Heading) -> Iterator[tuple[KeyPath, Paragraph]]:
        for i, p in enumerate(heading.paragraphs):
            yield (*base, "paragraphs", i), p
        for i, child in enumerate(getattr(heading, "items", [])):
            yield from from_heading((*base, "items", i), child)

    for i, p in enumerate(report.opening):
        yield ("opening", i), p
    for i, part in enumerate(report.parts):
        for j, p in enumerate(part.paragraphs):
            yield ("parts", i, "paragraphs", j), p
        for j, item in enumerate(part.items):
            yield from from_heading(("parts", i, "items", j), item)


def _check_cjk_period(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        if _CJK_PERIOD.search(t.text):
            yield (t.key_path, "汉字后用了英文句点“.”", "句末用“。”")


def _check_full_width_alnum(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        match = _FULL_WIDTH_ALNUM.search(t.text)
        if match:
            yield (t.key_path, f"使用了全角数字或字母“{match.group()}”", "数字和字母用半角")


def _check_padded_dates(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        match = _PADDED_DATE.search(t.text)
        if match:
            yield (
                t.key_path,
                f"日期中的月、日补了“0”（“{match.group()}”）",
                "写作“2022年1月7日”，不写“2022年01月07日”",
            )


def _check_old_goal_phrase(ctx: Context) -> Iterator[Finding]:
    if ctx.report.year < 2021:
        return
    for t in ctx.texts:
        if "廉洁高效、守法诚信" in t.text:
            yield (
                t.key_path,
                "“廉洁高效、守法诚信”是2015—2020年纲要的表述；2021—2025年纲要为“智能高效、廉洁诚信、人民满意”",
                "",
            )


_MARKERS = ("【去年】", "【去年计划】", "【待填写】")


def _check_markers(ctx: Context) -> Iterator[Finding]:
    for t in ctx.texts:
        marker = next((m for m in _MARKERS if m in t.text), None)
        if marker:
            yield (
                t.key_path,
                f"还留有“{marker}”标记：这里是去年的原文或待填写的内容",
                "改写或填写后删除标记",
            )


RULES: tuple[Rule, ...] = (
    Rule("LG101", Severity.ERROR, "成文日期早于报告年度", _check_date_before_year),
    Rule("LG102", Severity.WARNING, "成文日期在报告年度之内", _check_date_inside_year),
    Rule("LG103", Severity.WARNING, "成文日期晚于次年3月31日", _check_date_late),
    Rule("LG104", Severity.ERROR, "发文字号格式", _check_doc_number_form),
    Rule("LG105", Severity.ERROR, "发文字号年份与成文日期不一致", _check_doc_number_year),
    Rule("LG106", Severity.WARNING, "标题缺少报告年度", _check_title_year),
    Rule("LG107", Severity.WARNING, "标题末尾有标点", _check_title_punctuation),
    Rule("LG108", Severity.WARNING, "单独成行的标题末尾有标点", _check_heading_punctuation),
    Rule("LG109", Severity.WARNING, "段内标题没有以句号结束", _check_run_in_ending),
    Rule("LG110", Severity.WARNING, "缺少“不足和原因”", _check_problems_part),
    Rule("LG111", Severity.WARNING, "缺少第一责任人履职情况", _check_responsibility),
    Rule("LG112", Severity.WARNING, "部分或条目没有内容", _check_empty),
    Rule("LG113", Severity.ERROR, "标题中手工输入了序号", _check_typed_marker),
    Rule("LG120", Severity.ERROR, "汉字旁使用半角标点", _check_half_width_punctuation),
    Rule("LG121", Severity.ERROR, "中文中使用英文引号", _check_ascii_quotes),
    Rule("LG122", Severity.WARNING, "书名号、括号、引号不成对", _check_unbalanced),
    Rule("LG123", Severity.WARNING, "正文中的序号格式", _check_marker_in_text),
    Rule("LG124", Severity.WARNING, "“一是”后加冒号或顿号", _check_point_punctuation),
    Rule("LG125", Severity.WARNING, "手工输入的“一是、二是”", _check_typed_points),
    Rule("LG126", Severity.ERROR, "汉字后用英文句点", _check_cjk_period),
    Rule("LG130", Severity.WARNING, "全角数字或字母", _check_full_width_alnum),
    Rule("LG131", Severity.WARNING, "日期补零", _check_padded_dates),
    Rule("LG140", Severity.INFO, "旧纲要的目标表述", _check_old_goal_phrase),
    Rule("LG150", Severity.ERROR, "lawgov new 留下的标记", _check_markers),
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in patterns)


def lint(
    report: Report, source_map: SourceMap, options: LintOptions = LintOptions()
) -> list[Diagnostic]:
    """Run the selected rules; every finding located in the YAML."""
    ctx = Context(report, list(iter_texts(report)))
    severities = dict(options.severity)
    findings: list[Diagnostic] = []
    for rule in RULES:
        if options.select and not _matches(rule.code, options.select):
            continue
        if _matches(rule.code, options.ignore):
            continue
        severity = severities.get(rule.code, rule.severity)
        for key_path, message, hint in rule.check(ctx):
            findings.append(
                Diagnostic(
                    source_map.value_at(key_path),
                    severity,
                    rule.code,
                    message,
                    format_key_path(key_path),
                    hint,
                )
            )
    return findings
