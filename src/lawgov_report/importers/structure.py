"""Lines of an existing report → its structure: front matter, headings, paragraphs, signature.

Why one parser for every format: real reports come as Word files, as text copied from a
government website, or as Markdown, and they share their conventions — 一、（一）1.（1）
headings (often with half-width brackets or 1、), run-in （一） headings whose first sentence is
the heading, 一是/二是 points inside paragraphs, 特此报告。, then 署名 and 成文日期. Formats that
know more (Word heading styles, lawgov's own styles) pass it on as hints; text falls back to the
patterns. Every guess that could be wrong becomes a warning with the source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, Severity, SourceLocation
from ..render.numbering import chinese_ordinal
from .lines import Line

_CN = "一二三四五六七八九十百零"
_PART = re.compile(rf"^([{_CN}]+)\s*[、.．,，]\s*(.+)$")
_ITEM = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．,，]?\s*(.+)$")
_SUB = re.compile(r"^(\d{1,3})\s*[.、．]\s*(?!\d)(.+)$")
_DETAIL = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*(.+)$")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［【(（﹝]\s*\d{2,4}\s*[〕\]］】)）﹞]\s*第?\s*\d+\s*号$")
_CLOSING = re.compile(r"^(特此报告|专此报告|特此报告如下|以上报告|此报)[。.！!]?$")
_ATTACHMENTS = re.compile(r"^附件\s*[：:]\s*(.*)$")
_ATTACHMENT_NAME = re.compile(r"^(\d{1,2})\s*[.、．]\s*(.+)$")
_TERMINAL = tuple("。！？；：…”’」』）》!?;:")
# Web copies start with the site's navigation and the page's metadata, not with the report.
_NAVIGATION = re.compile(
    r"https?://|www\.|首页|当前位置|您的位置|发布时间|发布日期|来源[：:]|source:|浏览次数|字号[：:]"
    r"|【打印】|分享到|\s[>＞»]\s"
)
_AGENCY = re.compile(r"(委|政府|人大|政协|局|办|厅|部|院|会|所|中心|组)")


@dataclass
class Node:
    """A heading being assembled: its title, whether run-in, paragraphs and children."""

    title: str
    level: int
    line: int
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    kind: str = ""


@dataclass
class Scan:
    """What scanning found: front and back matter, opening, the heading tree, and warnings."""

    display: str
    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    parts: list[Node] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    stack: list[Node] = field(default_factory=list)  # the open headings, part first
    last_was_body: bool = False

    def warn(self, line: int, code: str, message: str) -> None:
        """Record a guess worth checking, at its line in the source."""
        self.warnings.append(
            Diagnostic(SourceLocation(self.display, line, 1), Severity.WARNING, code, message)
        )

    def body_target(self) -> list[str]:
        """Where a body paragraph goes now: the innermost open heading, or the opening."""
        return self.stack[-1].paragraphs if self.stack else self.opening


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _split_run_in(text: str) -> tuple[str, bool, str]:
    """A heading line → (title, run_in, first paragraph): run-in when a sentence ends in it."""
    end = text.find("。")
    if end < 0:
        return text, False, ""
    return text[: end + 1], True, text[end + 1 :].strip()


def _structural(line: Line) -> bool:
    if line.hint in ("heading", "run_in", "title", "doc_number", "recipients", "signature", "date"):
        return True
    text = line.text
    return bool(
        _PART.match(text)
        or _ITEM.match(text)
        or _SUB.match(text)
        or _DETAIL.match(text)
        or DATE_LINE.match(text)
        or _CLOSING.match(text)
        or _ATTACHMENTS.match(text)
    )


def _is_title(text: str) -> bool:
    return (
        len(text) <= 60
        and not _ends_sentence(text)
        and ("报告" in text or "法治政府建设" in text)
        and not _PART.match(text)
        and not _NAVIGATION.search(text)
    )


def _title_start(lines: list[Line], end: int) -> int | None:
    """The first line of the title: a title line, or the first of two that make one together."""
    for i in range(end):
        text = lines[i].text
        if _is_title(text):
            return i
        following = lines[i + 1].text if i + 1 < end else ""
        if (
            following
            and len(text) <= 30
            and not _ends_sentence(text)
            and not _NAVIGATION.search(text)
            and _is_title(text + following)
        ):
            return i
    return None


def _front_matter(lines: list[Line], state: Scan, data: dict[str, Any]) -> int:
    """Title, 发文字号 and 主送机关; returns the index of the first body line."""
    hinted = [i for i, line in enumerate(lines) if line.hint == "title"]
    first_heading = next(
        (
            i
            for i, line in enumerate(lines)
            if line.hint in ("heading", "run_in") or _PART.match(line.text)
        ),
        len(lines),
    )
    title_at = hinted[0] if hinted else _title_start(lines, first_heading)
    start = 0
    if title_at is not None:
        for i in range(title_at):
            line = lines[i]
            if line.hint == "doc_number" or _DOC_NUMBER.match(line.text):
                data["doc_number"] = line.text
            else:
                state.warn(
                    line.number, "LG602", f"skipped a line before the title: “{_short(line.text)}”"
                )
        title_lines = [part for part in lines[title_at].text.split("\n") if part.strip()]
        start = title_at + 1
        while (
            start < first_heading
            and not lines[start].hint
            and not title_lines[-1].endswith("报告")
            and len(lines[start].text) <= 30
            and not _ends_sentence(lines[start].text)
            and not _structural(lines[start])
            and not _DOC_NUMBER.match(lines[start].text)
        ):
            title_lines.append(lines[start].text)
            start += 1
        data["title"] = title_lines if len(title_lines) > 1 else title_lines[0]
    else:
        state.warn(
            lines[0].number if lines else 1,
            "LG603",
            "no title found; the default title will be used",
        )
    while start < first_heading:
        line = lines[start]
        if "doc_number" not in data and (line.hint == "doc_number" or _DOC_NUMBER.match(line.text)):
            data["doc_number"] = line.text
        elif re.fullmatch(r"\d{4}", line.text) or (not line.hint and _NAVIGATION.search(line.text)):
            state.warn(
                line.number,
                "LG602",
                f"skipped a line before the report text: “{_short(line.text)}”",
            )
        elif (
            "recipients" not in data
            and not state.opening
            and (
                line.hint == "recipients"
                or (
                    line.text.endswith(("：", ":"))
                    and len(line.text) <= 60
                    and _AGENCY.search(line.text)
                    and "现将" not in line.text
                    and "如下" not in line.text
                )
            )
        ):
            data["recipients"] = line.text
        else:
            break
        start += 1
    return start


def _open_heading(
    state: Scan, level: int, text: str, line: Line, run_in: bool | None, head: str
) -> None:
    """Start a heading at ``level`` (1 part, 2 （一）, 3 1., 4 （1）) under the open one above it."""
    if run_in is None:
        title, run_in, first = _split_run_in(text)
    else:
        title, first = (head, text) if run_in else (text, "")
    node = Node(title, level, line.number, run_in)
    if first:
        node.paragraphs.append(first)
    if level == 1:
        state.parts.append(node)
        state.stack = [node]
        return
    while state.stack and state.stack[-1].level >= level:
        state.stack.pop()
    if not state.stack or state.stack[-1].level != level - 1:
        state.warn(
            line.number,
            "LG604",
            f"a level-{level} heading without the level above it; kept as text",
        )
        state.body_target().append(text if not run_in else head + text)
        return
    state.stack[-1].items.append(node)
    state.stack.append(node)


def _check_number(state: Scan, level: int, written: str, line: Line) -> None:
    parent_items = (
        state.parts
        if level == 1
        else (state.stack[-1].items if state.stack and state.stack[-1].level == level - 1 else None)
    )
    if parent_items is None:
        return
    expected = len(parent_items) + 1
    shown = chinese_ordinal(expected) if level <= 2 else str(expected)
    if written != shown:
        state.warn(
            line.number,
            "LG605",
            f"numbered “{written}” in the source; lawgov numbers it “{shown}” (numbers are generated)",
        )


def _body(lines: list[Line], start: int, state: Scan, data: dict[str, Any]) -> None:
    attachments: list[str] = []
    in_attachments = False
    for line in lines[start:]:
        text = line.text
        if line.hint == "date" or (DATE_LINE.match(text) and not line.hint):
            data["date"] = text
            target = state.body_target()
            if (
                "organization" not in data
                and target
                and not _ends_sentence(target[-1])
                and len(target[-1]) <= 40
            ):
                data["organization"] = target.pop()
            continue
        if line.hint == "signature":
            data["organization"] = text
            continue
        if (
            line.hint == "attachment"
            or _ATTACHMENTS.match(text)
            or (in_attachments and _ATTACHMENT_NAME.match(text))
        ):
            in_attachments = True
            name = _ATTACHMENTS.sub(r"\1", text)
            name_match = _ATTACHMENT_NAME.match(name)
            attachments.append(name_match.group(2) if name_match else name)
            continue
        if _CLOSING.match(text):
            data["closing"] = text
            state.stack = []
            state.last_was_body = False
            continue
        if line.hint in ("heading", "run_in"):
            level = line.level
            marker_free = _strip_marker(text, level) if line.hint == "heading" else text
            head = _strip_marker(line.head, level) if line.hint == "run_in" else ""
            _open_heading(state, level, marker_free, line, line.hint == "run_in", head)
            state.last_was_body = False
            continue
        for level, pattern in ((1, _PART), (2, _ITEM), (3, _SUB), (4, _DETAIL)):
            match = pattern.match(text)
            if match and not (level == 3 and _looks_like_number(text)):
                _check_number(state, level, match.group(1), line)
                _open_heading(state, level, match.group(2).strip(), line, None, "")
                state.last_was_body = bool(state.stack and state.stack[-1].paragraphs)
                break
        else:
            target = state.body_target()
            if state.last_was_body and target and not _ends_sentence(target[-1]) and not line.hint:
                target[-1] += text  # a sentence the copy broke across lines
            else:
                target.append(text)
            state.last_was_body = True
    if attachments:
        data["attachments"] = attachments


def _looks_like_number(text: str) -> bool:
    """“2021年…” or “3.15…” start with digits but are not 1. headings."""
    return bool(re.match(r"^\d+[.．]\d", text))


def _strip_marker(text: str, level: int) -> str:
    pattern = {1: _PART, 2: _ITEM, 3: _SUB, 4: _DETAIL}[level]
    match = pattern.match(text)
    return match.group(2).strip() if match else text


def scan(lines: list[Line], display: str) -> Scan:
    """Title, 发文字号, 主送机关, opening, the heading tree, closing, attachments, 署名, date."""
    state = Scan(display)
    start = _front_matter(lines, state, state.data)
    _body(lines, start, state, state.data)
    return state
