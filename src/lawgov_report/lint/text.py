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
from ..i18n import N_, _
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
# What a wrong number above ends with: a digit and “、” (written as “、” preceded by a digit, so
# that the pattern starts with a character the engine finds fast), or “）” and a mark.
_DIGIT_PAUSE = re.compile(r"、(?<=\d、)")
_CLOSE_THEN_MARK = re.compile(r"）[、，.．]")
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
        return (
            _("a heading on a line of its own ends without punctuation"),
            _("delete the final mark; if the heading runs into its paragraph, set run_in: true"),
        )
    return None


def _run_in_ending(t: TextField, report: Report) -> Message | None:
    if t.role == "run_in" and not t.text.rstrip().endswith(("。", "？", "！")):
        return (
            _(
                "a run-in heading (run_in: true) ends with a full stop, or it runs on into the"
                " text as one sentence"
            ),
            _("end the heading with “。”, or set run_in: false"),
        )
    return None


def _typed_marker(t: TextField, report: Report) -> Message | None:
    if t.role not in ("heading", "run_in"):
        return None
    marker = _HEADING_MARKER.match(t.text)
    if marker is None:
        return None
    return (
        _(
            "the heading starts with a typed number “{marker}”; numbers are generated, so it"
            " would appear twice"
        ).format(marker=marker.group().strip()),
        _("delete the number at the start of the heading"),
    )


def _half_width_punctuation(t: TextField, report: Report) -> Message | None:
    text = t.text
    if _HALF_MARK.search(text) is None:
        return None
    for mark in _HALF_MARKS:
        for i in _positions(text, mark):
            if (i > 0 and _is_cjk(text[i - 1])) or (i + 1 < len(text) and _is_cjk(text[i + 1])):
                return (
                    _("half-width “{mark}” next to Chinese characters").format(mark=mark),
                    _("use the full-width “{mark}”").format(mark=_FULL_FOR_HALF[mark]),
                    i,
                )
    return None


def _ascii_quotes(t: TextField, report: Report) -> Message | None:
    if ('"' in t.text or "'" in t.text) and any(_is_cjk(ch) for ch in t.text):
        at = min(i for i in (t.text.find('"'), t.text.find("'")) if i >= 0)
        return _("ASCII quotes in Chinese text"), _("use Chinese quotes “” or ‘’"), at
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
        for _at, step in marks:
            depth += step
            if depth < 0:
                break
        if depth:
            return opening + closing
    return None


def _unbalanced(t: TextField, report: Report) -> Message | None:
    pair = _unbalanced_pair(t.text)
    if pair:
        return (
            _("“{opening}” and “{closing}” do not pair up").format(
                opening=pair[0], closing=pair[1]
            ),
            _("look for a missing or an extra half"),
        )
    return None


def _marker_in_text(t: TextField, report: Report) -> Message | None:
    text = t.text
    if t.role not in ("body", "point") or not (
        _DIGIT_PAUSE.search(text) or _CLOSE_THEN_MARK.search(text)
    ):
        return None
    match = _BAD_MARKER_IN_TEXT.search(text)
    if match:
        return (
            _("the number “{marker}” is written wrongly").format(marker=match.group(1)),
            _("write Arabic numbers as “1.”; no mark after “（一）”"),
            match.start(1),
        )
    return None


def _point_punctuation(t: TextField, report: Report) -> Message | None:
    starts_badly = t.role == "point" and t.text.startswith(("：", ":", "、"))
    if starts_badly:
        return _("no colon or “、” after “一是”"), _("write “一是……” or “一是，……”"), 0
    match = _POINT_PUNCT.search(t.text) if "是" in t.text else None
    if match:
        return (
            _("no colon or “、” after “一是”"),
            _("write “一是……” or “一是，……”"),
            match.end() - 1,
        )
    return None


def _cjk_period(t: TextField, report: Report) -> Message | None:
    """A '.' right after a Chinese character and not before a digit (3.15 is a number)."""
    text = t.text
    if "." not in text:
        return None
    for i in _positions(text, "."):
        if i > 0 and _is_cjk(text[i - 1]) and not text[i + 1 : i + 2].isdigit():
            return (
                _("an English full stop “.” after a Chinese character"),
                _("end the sentence with “。”"),
                i,
            )
    return None


def _ellipsis_dash(t: TextField, report: Report) -> Message | None:
    text = t.text
    match = _BAD_ELLIPSIS.search(text) if "..." in text or "。。" in text or "…" in text else None
    if match:
        return (
            _("wrong ellipsis (“{found}”)").format(found=match.group()),
            _("an ellipsis is “……” (two “…”)"),
            match.start(),
        )
    match = _BAD_DASH.search(text) if "--" in text or "－－" in text or "—" in text else None
    if match:
        return (
            _("wrong dash (“{found}”)").format(found=match.group()),
            _("a dash is “——” (two “—”), two characters wide"),
            match.start(),
        )
    return None


def _full_width_alnum(t: TextField, report: Report) -> Message | None:
    match = None if t.text.isascii() else _FULL_WIDTH_ALNUM.search(t.text)
    if match:
        return (
            _("full-width digit or letter “{found}”").format(found=match.group()),
            _("write digits and Latin letters half-width"),
            match.start(),
        )
    return None


def _padded_dates(t: TextField, report: Report) -> Message | None:
    text = t.text
    match = _PADDED_DATE.search(text) if "年0" in text or "月0" in text else None
    if match:
        return (
            _("a zero before the month or day of a date (“{found}”)").format(found=match.group()),
            _("write “2022年1月7日”, not “2022年01月07日”"),
            match.start(),
        )
    return None


def _old_goal_phrase(t: TextField, report: Report) -> Message | None:
    if report.year >= 2021 and _OLD_GOAL in t.text:
        return (
            _(
                "“廉洁高效、守法诚信” is the wording of the 2015–2020 纲要; the 2021–2025 纲要"
                " says “智能高效、廉洁诚信、人民满意”"
            ),
            "",
            t.text.find(_OLD_GOAL),
        )
    return None


def _stale_markers(t: TextField, report: Report) -> Message | None:
    if "【" not in t.text:
        return None
    marker = next((m for m in MARKERS if m in t.text), None)
    if marker:
        return (
            _(
                "the mark “{marker}” is still here: last year's text, or something to fill in"
            ).format(marker=marker),
            _("rewrite or fill it in, then delete the mark"),
            t.text.find(marker),
        )
    return None


TEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "LG108",
        Severity.WARNING,
        N_("punctuation after a heading"),
        text_check=_heading_punctuation,
    ),
    Rule(
        "LG109",
        Severity.WARNING,
        N_("run-in heading without a full stop"),
        text_check=_run_in_ending,
    ),
    Rule("LG113", Severity.ERROR, N_("typed number in a heading"), text_check=_typed_marker),
    Rule(
        "LG120",
        Severity.ERROR,
        N_("half-width punctuation in Chinese"),
        text_check=_half_width_punctuation,
    ),
    Rule("LG121", Severity.ERROR, N_("ASCII quotes in Chinese"), text_check=_ascii_quotes),
    Rule("LG122", Severity.WARNING, N_("unpaired 《》, （） or “”"), text_check=_unbalanced),
    Rule("LG123", Severity.WARNING, N_("form of numbers in the text"), text_check=_marker_in_text),
    Rule("LG124", Severity.WARNING, N_("colon or 、 after 一是"), text_check=_point_punctuation),
    Rule("LG126", Severity.ERROR, N_("English full stop after Chinese"), text_check=_cjk_period),
    Rule("LG127", Severity.WARNING, N_("form of ellipses and dashes"), text_check=_ellipsis_dash),
    Rule(
        "LG130", Severity.WARNING, N_("full-width digits or letters"), text_check=_full_width_alnum
    ),
    Rule("LG131", Severity.WARNING, N_("zero-padded dates"), text_check=_padded_dates),
    Rule("LG140", Severity.INFO, N_("the old 纲要's goal"), text_check=_old_goal_phrase),
    Rule("LG150", Severity.ERROR, N_("marks left by lawgov new"), text_check=_stale_markers),
)
