"""Lines of an existing report → its structure: front matter, headings, paragraphs, back matter.

Why one parser for every format: real reports come as Word files, as text copied from a
government website, or as Markdown, and they share their conventions — 一、（一）1.（1）
headings (often with half-width brackets or 1、), run-in （一） headings whose first sentence is
the heading, 一是/二是 points inside paragraphs, 特此报告。, then 署名 and 成文日期, and around
them the 版头 and 版记 of the paper version or a website's information panel. Formats that
know more (Word's numbering, heading styles and fonts, lawgov's own styles, Markdown headings)
pass it on as hints; text falls back to the patterns. Every guess that could be wrong becomes a
warning with the source line.

Paragraph boundaries: a Word paragraph is a paragraph (``Line.soft`` is false); only a line
break inside one (``w:br``) or a line of copied text may run on into the next line, when it
does not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic
from ..i18n import _
from ..render.numbering import chinese_ordinal
from . import elements
from .lines import Line, warning

_CN = "一二三四五六七八九十百零"
_PART = re.compile(rf"^([{_CN}]+)\s*[、.．,，]\s*(.+)$")
_ITEM = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．,，]?\s*(.+)$")
_SUB = re.compile(r"^(\d{1,3})\s*[.、．]\s*(?!\d)(.+)$")
_DETAIL = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*(.+)$")
_MARKERS = ((1, _PART), (2, _ITEM), (3, _SUB), (4, _DETAIL))
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
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
_OBSOLETE = ("主题词",)
_FRONT_HINTS = ("letterhead", "signer", "doc_number")


@dataclass
class Node:
    """A heading being assembled: its title, whether run-in, paragraphs and children.

    ``synthetic`` marks the one part made for a report without 一、 parts: its title and kind
    are guessed later, from its content.
    """

    title: str
    level: int
    line: int
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    kind: str = ""
    synthetic: bool = False


@dataclass
class Scan:
    """What scanning found: front and back matter, opening, the heading tree, and warnings."""

    display: str
    data: dict[str, Any] = field(default_factory=dict)
    print: dict[str, Any] = field(default_factory=dict)  # 版头 and 版记: the print: settings
    panel: dict[str, tuple[str, int]] = field(default_factory=dict)  # website panel: value, line
    warnings: list[Diagnostic] = field(default_factory=list)
    parts: list[Node] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    stack: list[Node] = field(default_factory=list)  # the open headings, part first
    last_was_body: bool = False
    panel_key: str = ""  # a panel key whose value is on the next line
    last_line: int = 1
    closed: bool = False  # the closing formula (特此报告。) was seen
    copy_to_open: bool = False  # “抄送：” stood alone: the names follow
    tail: list[str] = field(default_factory=list)  # text after it: 署名, or left-overs
    tail_lines: list[int] = field(default_factory=list)

    def warn(self, line: int, code: str, message: str) -> None:
        """Record a guess worth checking, at its line in the source."""
        self.warnings.append(warning(self.display, line, code, message))

    def body_target(self) -> list[str]:
        """Where a body paragraph goes now.

        The innermost open heading, the opening, or — after the closing formula — the tail,
        where the 署名 waits for its date.
        """
        if self.stack:
            return self.stack[-1].paragraphs
        return self.tail if self.closed else self.opening


def short(text: str, limit: int = 30) -> str:
    """A line shortened for quoting in a message."""
    return text if len(text) <= limit else text[:limit] + "……"


def ends_sentence(text: str) -> bool:
    """Whether the text ends a sentence (so a following line starts a new paragraph)."""
    return text.rstrip().endswith(_TERMINAL)


def marker(text: str) -> tuple[int, str, str] | None:
    """``(level, number, rest)`` of a typed heading marker 一、（一）1.（1） at the start."""
    for level, pattern in _MARKERS:
        match = pattern.match(text)
        if match and not (level == 3 and _looks_like_number(text)):
            return level, match.group(1), match.group(2).strip()
    return None


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
        marker(text)
        or DATE_LINE.match(text)
        or _CLOSING.match(text)
        or _ATTACHMENTS.match(text)
        or elements.doc_number(text)
    )


def _front_element(line: Line) -> bool:
    """A line of the 版头 or of a website panel: never the title."""
    text = line.text
    return bool(
        line.hint in _FRONT_HINTS
        or elements.letterhead(text) is not None
        or elements.signer(text)
        or elements.doc_number(text)
        or elements.header_mark(text)
        or elements.panel(text)
    )


def is_title(text: str) -> bool:
    """A line that reads like the title of a report (short, no sentence end, 报告 or 法治政府建设)."""
    return (
        len(text) <= 60
        and not ends_sentence(text)
        and ("报告" in text or "法治政府建设" in text)
        and not _PART.match(text)
        and not _NAVIGATION.search(text)
        and not elements.panel(text)
    )


def _title_start(lines: list[Line], end: int) -> int | None:
    """The first line of the title: a title line, or the first of two that make one together."""
    for i in range(end):
        line = lines[i]
        if _front_element(line):
            continue
        text = line.text
        if is_title(text):
            return i
        following = lines[i + 1].text if i + 1 < end else ""
        if (
            following
            and len(text) <= 30
            and not ends_sentence(text)
            and not _NAVIGATION.search(text)
            and not _front_element(lines[i + 1])
            and is_title(text + following)
        ):
            return i
    return None


def _set_doc_number(state: Scan, found: elements.DocNumber, line: Line) -> None:
    if found.placeholder:
        state.warn(
            line.number,
            "LG616",
            _(
                "发文字号 “{number}” is a placeholder; left out — add doc_number when the "
                "number is assigned"
            ).format(number=found.found),
        )
        return
    if found.text != found.found:
        state.warn(
            line.number,
            "LG616",
            _("发文字号 “{found}” taken as “{number}” (the year in 〔〕, GB/T 9704 7.2.5)").format(
                found=found.found, number=found.text
            ),
        )
    state.data["doc_number"] = found.text


def _panel_line(state: Scan, line: Line) -> bool:
    """A line of a website's information panel; its fields are kept for later."""
    pairs = elements.panel(line.text)
    if not pairs:
        if state.panel_key and not _structural(line):
            state.panel.setdefault(state.panel_key, (line.text, line.number))
            state.panel_key = ""
            return True
        return False
    state.warn(
        line.number,
        "LG602",
        _("skipped a line of the web page's information panel: “{text}”").format(
            text=short(line.text)
        ),
    )
    state.panel_key = ""
    for key, value in pairs:
        if value:
            state.panel.setdefault(key, (value, line.number))
        else:
            state.panel_key = key
    return True


def _letterhead(state: Scan, line: Line) -> bool:
    body = elements.letterhead(line.text)
    if body is None and line.hint != "letterhead":
        return False
    state.print.setdefault("letterhead", elements.compact(line.text))
    state.print.setdefault("letterhead_line", line.number)
    return True


def _front_line(state: Scan, line: Line, after_title: bool = False) -> bool:
    """A 版头 element or panel line before the body; True when it was taken.

    After the title only a line the format marks as the 发文机关标志 is taken as one: a short
    opening sentence may end in 文件 too.
    """
    text = line.text
    if _panel_line(state, line):
        return True
    if (line.hint == "letterhead" or (not after_title and not line.hint)) and _letterhead(
        state, line
    ):
        return True
    signed = elements.signer(text)
    if signed is not None:
        before, names = signed
        if names:
            state.print.setdefault("signer", names)
        number = elements.doc_number(before) if before else None
        if number is not None:
            _set_doc_number(state, number, line)
        elif before:
            state.warn(
                line.number, "LG602", _("skipped “{text}” before 签发人").format(text=short(before))
            )
        return True
    number = elements.doc_number(text)
    if number is not None and "doc_number" not in state.data:
        _set_doc_number(state, number, line)
        return True
    if line.hint == "doc_number":
        state.data.setdefault("doc_number", text)
        return True
    mark = elements.header_mark(text)
    if mark is not None:
        state.warn(
            line.number,
            "LG612",
            _("{element} “{text}” of the 版头 is not kept (the report has no place for it)").format(
                element=mark, text=text
            ),
        )
        return True
    return False


def _front_matter(lines: list[Line], state: Scan) -> int:
    """版头, title, 发文字号 and 主送机关; returns the index of the first body line."""
    data = state.data
    first_heading = next(
        (
            i
            for i, line in enumerate(lines)
            if line.hint in ("heading", "run_in") or (not line.hint and _PART.match(line.text))
        ),
        len(lines),
    )
    hinted = [i for i, line in enumerate(lines[:first_heading]) if line.hint == "title"]
    title_at = hinted[0] if hinted else _title_start(lines, first_heading)
    start = 0
    if title_at is not None:
        for i in range(title_at):
            line = lines[i]
            if not _front_line(state, line):
                state.warn(
                    line.number,
                    "LG602",
                    _("skipped a line before the title: “{text}”").format(text=short(line.text)),
                )
        title_lines = [part for part in lines[title_at].text.split("\n") if part.strip()]
        start = title_at + 1
        while (
            start < first_heading
            and not lines[start].hint
            and not title_lines[-1].endswith("报告")
            and len(lines[start].text) <= 30
            and not ends_sentence(lines[start].text)
            and not _structural(lines[start])
            and not _front_element(lines[start])
        ):
            title_lines.append(lines[start].text)
            start += 1
        data["title"] = title_lines if len(title_lines) > 1 else title_lines[0]
    else:
        state.warn(
            lines[0].number if lines else 1,
            "LG603",
            _("no title found; the default title will be used"),
        )
    while start < first_heading:
        line = lines[start]
        if _front_line(state, line, after_title=title_at is not None):
            pass
        elif re.fullmatch(r"\d{4}", line.text) or (not line.hint and _NAVIGATION.search(line.text)):
            state.warn(
                line.number,
                "LG602",
                _("skipped a line before the report text: “{text}”").format(text=short(line.text)),
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
    """Start a heading at ``level`` (1 part, 2 （一）, 3 1., 4 （1）) under the open one above it.

    ``run_in`` None: decide from the text — a heading sentence ending in 。 with text after it
    is run-in; with nothing after it, it is run-in only in copied text, where the next line
    may be the rest of the paragraph (a Word paragraph ends where it ends).
    """
    if run_in is None:
        title, split, first = _split_run_in(text)
        run_in = split and (bool(first) or (line.soft and not line.hint))
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
    if not state.stack and not state.parts and level == 2:
        part = Node("", 1, line.number, synthetic=True)
        state.parts.append(part)
        state.stack = [part]
    if not state.stack or state.stack[-1].level != level - 1:
        state.warn(
            line.number,
            "LG604",
            _("a level-{level} heading without the level above it; kept as text").format(
                level=level
            ),
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
            _(
                "numbered “{written}” in the source; lawgov numbers it “{shown}” "
                "(numbers are generated)"
            ).format(written=written, shown=shown),
        )


def _pop_short_line(state: Scan) -> str | None:
    """The last body paragraph when it is a short line that ends no sentence (a name)."""
    target = state.body_target()
    if target and not ends_sentence(target[-1]) and len(target[-1]) <= 40:
        if target is state.tail:
            state.tail_lines.pop()
        return target.pop()
    return None


def _back_matter(state: Scan, line: Line) -> bool:
    """版记 (抄送, 印发), 附注 and obsolete elements, wherever they are; True when taken."""
    text = line.text
    names = elements.copy_to(text)
    if state.copy_to_open and names is None and not elements.printed(text):
        names = elements.copy_to("抄送：" + text)  # the names in the cell beside “抄送：”
    state.copy_to_open = names == []
    if line.hint == "copy_to" or names is not None:
        state.print.setdefault("copy_to", []).extend(names if names is not None else [text])
        return True
    issued = elements.printed(text)
    if line.hint == "printed" or issued is not None:
        by, date = issued if issued is not None else (text, "")
        if not by:
            by = _pop_short_line(state) or ""
        if by:
            state.print["printed_by"] = by
        if date:
            state.print["printed_date"] = date
        return True
    if elements.note(text) or text.startswith(_OBSOLETE):
        state.warn(
            line.number,
            "LG612",
            _("“{text}” is not kept (the report has no place for it)").format(text=short(text)),
        )
        return True
    return False


def _date_line(state: Scan, line: Line) -> bool:
    text = line.text
    converted = None if DATE_LINE.match(text) else elements.chinese_date(text)
    if not (line.hint == "date" or (not line.hint and (DATE_LINE.match(text) or converted))):
        return False
    if converted:
        state.warn(
            line.number,
            "LG616",
            _("成文日期 “{found}” taken as “{date}” (Arabic figures, GB/T 9704 7.3.5)").format(
                found=text, date=converted
            ),
        )
    state.data["date"] = converted or text
    if "organization" not in state.data:
        organization = _pop_short_line(state)
        if organization is not None:
            state.data["organization"] = organization
    return True


def _body(lines: list[Line], start: int, state: Scan) -> None:
    data = state.data
    attachments: list[str] = []
    in_attachments = False
    for line in lines[start:]:
        text = line.text
        state.last_line = line.number
        if line.hint == "table":
            state.warn(
                line.number,
                "LG611",
                _(
                    "a table of {rows} rows is not kept (the report has no tables): "
                    "“{first}”; write its figures into the text"
                ).format(rows=line.level, first=short(text, 40)),
            )
            continue
        if line.hint in ("title", "letterhead", "signer"):
            line = line._replace(hint="")  # out of place: the text is kept as text
        if _back_matter(state, line) or _date_line(state, line):
            state.last_was_body = False
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
            state.closed = True
            state.last_was_body = False
            continue
        if line.hint in ("heading", "run_in"):
            level = line.level
            if line.hint == "heading":
                _open_heading(state, level, _strip_marker(text), line, None, "")
            else:
                _open_heading(state, level, text, line, True, _strip_marker(line.head))
            state.last_was_body = False
            continue
        found = None if line.hint else marker(text)
        if found is not None:
            level, written, rest = found
            _check_number(state, level, written, line)
            _open_heading(state, level, rest, line, None, "")
            state.last_was_body = bool(state.stack and state.stack[-1].paragraphs)
            continue
        target = state.body_target()
        if (
            state.last_was_body
            and target
            and target is not state.tail  # after 特此报告。 come names, dates, page furniture
            and line.soft
            and not ends_sentence(target[-1])
            and not line.hint
        ):
            target[-1] += text  # a sentence the copy broke across lines
        else:
            target.append(text)
            if target is state.tail:
                state.tail_lines.append(line.number)
        state.last_was_body = True
    if attachments:
        data["attachments"] = attachments


def _looks_like_number(text: str) -> bool:
    """“2021年…” or “3.15…” start with digits but are not 1. headings."""
    return bool(re.match(r"^\d+[.．]\d", text))


def _strip_marker(text: str) -> str:
    """A heading's text without a typed marker of any level (numbers are generated)."""
    found = marker(text)
    return found[2] if found is not None else text


def _leftovers(state: Scan) -> None:
    """Text after the closing formula that was no 署名, each with a warning.

    Web-page furniture is dropped; anything else is kept at the end of the last part.
    """
    for text, number in zip(state.tail, state.tail_lines, strict=False):
        if _NAVIGATION.search(text) or re.fullmatch(
            r"[【\[].{1,12}[】\]](\s*[【\[].{1,12}[】\]])*", text
        ):
            state.warn(
                number,
                "LG602",
                _("skipped a line after the report text: “{text}”").format(text=short(text)),
            )
        elif state.parts:
            state.parts[-1].paragraphs.append(text)
            state.warn(
                number,
                "LG602",
                _(
                    "text after the closing formula kept at the end of the last part: “{text}”"
                ).format(text=short(text)),
            )


def _use_panel(state: Scan) -> None:
    """The website panel's fields, where the report itself lacks them."""
    data = state.data
    for keys, target in (
        (("发文字号", "文号", "文件编号"), "doc_number"),
        (("成文日期", "发文日期"), "date"),
        (("发布机构", "发文机关", "发文单位", "发布单位"), "organization"),
        (("名称", "标题"), "title"),
    ):
        found = next((state.panel[key] for key in keys if key in state.panel), None)
        if found is None or target in data:
            continue
        value, line = found
        if target == "doc_number":
            number = elements.doc_number(value)
            if number is None or number.placeholder:
                continue
            value = number.text
        elif target == "date":
            iso = elements.iso_date(value)
            if iso is None:
                continue
            value = iso
        data[target] = value
        state.warn(
            line,
            "LG613",
            _("{key} taken from the web page's information panel: {value}").format(
                key=target, value=value
            ),
        )


def _ensure_part(state: Scan) -> None:
    """A report without 一、 parts gets one part holding its body (kind and title guessed later).

    The opening keeps its first paragraph — or the paragraphs up to one ending in 如下： —
    as the lead-in to the body; the rest becomes the part's text.
    """
    if state.parts:
        return
    opening = state.opening
    lead = next(
        (i + 1 for i, text in enumerate(opening[:3]) if text.endswith(("如下：", "如下:"))),
        1 if len(opening) > 1 else 0,
    )
    part = Node("", 1, state.last_line, synthetic=True)
    part.paragraphs = opening[lead:]
    state.opening = opening[:lead]
    state.parts.append(part)


def scan(lines: list[Line], display: str) -> Scan:
    """版头, title, 发文字号, 主送机关, opening, headings, closing, attachments, 署名, date, 版记."""
    state = Scan(display)
    start = _front_matter(lines, state)
    _body(lines, start, state)
    _use_panel(state)
    _ensure_part(state)
    _leftovers(state)
    return state
