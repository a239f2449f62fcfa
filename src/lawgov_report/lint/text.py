"""Lint rules that look at one text at a time: headings, punctuation, numbers, stale marks.

Why per text: the engine runs every selected text rule in one pass over the texts, and each
rule starts with a cheap test (a substring, a compiled pattern) so that the common case — a
clean sentence — costs little. Long reports are checked in time proportional to their length.
Sources: GBT9704.md §6–§7, GB/T 15834 (punctuation), GB/T 15835 (numbers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Severity
from ..model.marks import MARKERS
from ..model.report import Report
from .base import Message, Rule, TextField

_TERMINAL = tuple("。；：，、！？.;:,!?")
_HEADING_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．，,]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[.、．)）])"
)
_HALF_MARKS = ",;:!?()"
_HALF_MARK = re.compile(r"[,;:!?()]")
_FULL_FOR_HALF = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_BAD_MARKER_IN_TEXT = re.compile(r"(?:^|[。；])\s*(\d+、|（[一二三四五六七八九十]+）[、，.．])")
_POINT_PUNCT = re.compile(r"[一二三四五六七八九十]是[：:、]")
_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_PADDED_DATE = re.compile(r"\d{4}年0\d月|月0\d日")
_BAD_ELLIPSIS = re.compile(r"\.{3,}|。{2,}|(?<!…)…(?!…)")
# A lone em dash between Chinese characters is a half-length 破折号; 2021—2025 is a range.
_BAD_DASH = re.compile(r"--|－－|(?<=[\u4e00-\u9fff])—(?=[\u4e00-\u9fff])")
_PAIRS = (("《", "》"), ("（", "）"), ("“", "”"))
_OLD_GOAL = "廉洁高效、守法诚信"


# Character scans rather than regular expressions over the CJK ranges: compiling those
# classes costs milliseconds at every start of the command, and these checks are simple.
def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _positions(text: str, ch: str) -> Iterator[int]:
    """Every index of ``ch`` in ``text`` (str.find runs in C; most texts have none)."""
    at = text.find(ch)
    while at >= 0:
        yield at
        at = text.find(ch, at + 1)


def _heading_punctuation(t: TextField, report: Report) -> Message | None:
    if t.role == "heading" and t.text.rstrip().endswith(_TERMINAL):
        return "单独成行的标题末尾不加标点符号", "删除末尾标点；若标题与正文同段，设 run_in: true"
    return None


def _run_in_ending(t: TextField, report: Report) -> Message | None:
    if t.role == "run_in" and not t.text.rstrip().endswith(("。", "？", "！")):
        return (
            "段内标题（run_in: true）应以句号结束，否则标题与正文连成一句",
            "在标题末尾加“。”，或设 run_in: false",
        )
    return None


def _typed_marker(t: TextField, report: Report) -> Message | None:
    if t.role not in ("heading", "run_in"):
        return None
    marker = _HEADING_MARKER.match(t.text)
    if marker is None:
        return None
    return (
        f"标题前手工输入了序号“{marker.group().strip()}”，而序号由程序自动生成，会重复",
        "删除标题开头的序号",
    )


def _half_width_punctuation(t: TextField, report: Report) -> Message | None:
    text = t.text
    if _HALF_MARK.search(text) is None:
        return None
    for mark in _HALF_MARKS:
        for i in _positions(text, mark):
            if (i > 0 and _is_cjk(text[i - 1])) or (i + 1 < len(text) and _is_cjk(text[i + 1])):
                return f"汉字旁使用了半角标点“{mark}”", f"改为全角“{_FULL_FOR_HALF[mark]}”"
    return None


def _ascii_quotes(t: TextField, report: Report) -> Message | None:
    if ('"' in t.text or "'" in t.text) and any(_is_cjk(ch) for ch in t.text):
        return "中文中使用了英文引号", "改为中文引号“”或‘’"
    return None


def _unbalanced_pair(text: str) -> str | None:
    for opening, closing in _PAIRS:
        if opening not in text and closing not in text:
            continue
        marks = sorted(
            [(i, 1) for i in _positions(text, opening)]
            + [(i, -1) for i in _positions(text, closing)]
        )
        depth = 0
        for _, step in marks:
            depth += step
            if depth < 0:
                break
        if depth:
            return opening + closing
    return None


def _unbalanced(t: TextField, report: Report) -> Message | None:
    pair = _unbalanced_pair(t.text)
    if pair:
        return f"“{pair[0]}”与“{pair[1]}”不成对", "检查是否漏掉或多打了一半"
    return None


def _marker_in_text(t: TextField, report: Report) -> Message | None:
    if t.role not in ("body", "point") or ("、" not in t.text and "）" not in t.text):
        return None
    match = _BAD_MARKER_IN_TEXT.search(t.text)
    if match:
        return f"序号“{match.group(1)}”格式不对", "阿拉伯数字序号用“1.”，“（一）”后不加标点"
    return None


def _point_punctuation(t: TextField, report: Report) -> Message | None:
    starts_badly = t.role == "point" and t.text.startswith(("：", ":", "、"))
    if starts_badly or ("是" in t.text and _POINT_PUNCT.search(t.text)):
        return "“一是”后不加冒号或顿号", "写作“一是……”或“一是，……”"
    return None


def _cjk_period(t: TextField, report: Report) -> Message | None:
    """A '.' right after a Chinese character and not before a digit (3.15 is a number)."""
    text = t.text
    if "." not in text:
        return None
    for i in _positions(text, "."):
        if i > 0 and _is_cjk(text[i - 1]) and not text[i + 1 : i + 2].isdigit():
            return "汉字后用了英文句点“.”", "句末用“。”"
    return None


def _ellipsis_dash(t: TextField, report: Report) -> Message | None:
    text = t.text
    if not any(mark in text for mark in ("...", "。。", "…", "--", "－－", "—")):
        return None
    match = _BAD_ELLIPSIS.search(text)
    if match:
        return f"省略号写法不对（“{match.group()}”）", "省略号用“……”（两个“…”）"
    match = _BAD_DASH.search(text)
    if match:
        return f"破折号写法不对（“{match.group()}”）", "破折号用“——”（两个“—”），占两个字的位置"
    return None


def _full_width_alnum(t: TextField, report: Report) -> Message | None:
    match = None if t.text.isascii() else _FULL_WIDTH_ALNUM.search(t.text)
    if match:
        return f"使用了全角数字或字母“{match.group()}”", "数字和字母用半角"
    return None


def _padded_dates(t: TextField, report: Report) -> Message | None:
    match = _PADDED_DATE.search(t.text) if "0" in t.text else None
    if match:
        return (
            f"日期中的月、日补了“0”（“{match.group()}”）",
            "写作“2022年1月7日”，不写“2022年01月07日”",
        )
    return None


def _old_goal_phrase(t: TextField, report: Report) -> Message | None:
    if report.year >= 2021 and _OLD_GOAL in t.text:
        return (
            "“廉洁高效、守法诚信”是2015—2020年纲要的表述；2021—2025年纲要为“智能高效、廉洁诚信、人民满意”",
            "",
        )
    return None


def _stale_markers(t: TextField, report: Report) -> Message | None:
    if "【" not in t.text:
        return None
    marker = next((m for m in MARKERS if m in t.text), None)
    if marker:
        return f"还留有“{marker}”标记：这里是去年的原文或待填写的内容", "改写或填写后删除标记"
    return None


TEXT_RULES: tuple[Rule, ...] = (
    Rule("LG108", Severity.WARNING, "单独成行的标题末尾有标点", text_check=_heading_punctuation),
    Rule("LG109", Severity.WARNING, "段内标题没有以句号结束", text_check=_run_in_ending),
    Rule("LG113", Severity.ERROR, "标题中手工输入了序号", text_check=_typed_marker),
    Rule("LG120", Severity.ERROR, "汉字旁使用半角标点", text_check=_half_width_punctuation),
    Rule("LG121", Severity.ERROR, "中文中使用英文引号", text_check=_ascii_quotes),
    Rule("LG122", Severity.WARNING, "书名号、括号、引号不成对", text_check=_unbalanced),
    Rule("LG123", Severity.WARNING, "正文中的序号格式", text_check=_marker_in_text),
    Rule("LG124", Severity.WARNING, "“一是”后加冒号或顿号", text_check=_point_punctuation),
    Rule("LG126", Severity.ERROR, "汉字后用英文句点", text_check=_cjk_period),
    Rule("LG127", Severity.WARNING, "省略号、破折号写法", text_check=_ellipsis_dash),
    Rule("LG130", Severity.WARNING, "全角数字或字母", text_check=_full_width_alnum),
    Rule("LG131", Severity.WARNING, "日期补零", text_check=_padded_dates),
    Rule("LG140", Severity.INFO, "旧纲要的目标表述", text_check=_old_goal_phrase),
    Rule("LG150", Severity.ERROR, "lawgov new 留下的标记", text_check=_stale_markers),
)
