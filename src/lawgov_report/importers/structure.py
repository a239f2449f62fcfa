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


@dataclass
class Node:
    """A heading being assembled: its title, whether run-in, paragraphs and children.

    ``synthetic`` marks the one part made for a report without 一、 parts: its title and kind
    are guessed later, from its content. ``source`` is the level its number or style gives it;
    a 1. right under a 一、 (a level skipped) is kept one level down from its parent.
    """

    title: str
    level: int
    line: int
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    kind: str = ""
    synthetic: bool = False
    source: int = 1  # the level the source gives it (deeper than ``level`` when one is skipped)


@dataclass
class Scan:
    """What scanning found: front and back matter, opening, the heading tree, and warnings."""

    display: str
    data: dict[str, Any] = field(default_factory=dict)
    print: dict[str, Any] = field(default_factory=dict)  # 版头 and 版记: the print: settings
    panel: dict[str, tuple[str, int]] = field(default_factory=dict)  # website panel: value, line
    panel_lines: list[tuple[int, str]] = field(default_factory=list)  # its lines: number, text
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


def _split_run_in(text: str) -> tuple[str, bool, str]:
    """A heading line → (title, run_in, first paragraph): run-in when a sentence ends in it."""
    end = text.find("。")
    if end < 0:
        return text, False, ""
    return text[: end + 1], True, text[end + 1 :].strip()


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
        if state.panel_key and (
            not elements.structural(line) or _panel_value(state.panel_key, line.text)
        ):
            state.panel.setdefault(state.panel_key, (line.text, line.number))
            state.panel_key = ""
            return True
        return False
    state.panel_lines.append((line.number, line.text))
    state.panel_key = ""
    for key, value in pairs:
        if value:
            state.panel.setdefault(key, (value, line.number))
        else:
            state.panel_key = key
    return True


def _panel_value(key: str, text: str) -> bool:
    """A date under a date key is the key's value (“成文日期：”, then the date on the next line).

    A date line has a role of its own elsewhere, so the panel takes only this one. A 发文字号
    on the next line needs no help: the front matter takes it as the 发文字号 anyway.
    """
    return key.endswith("日期") and elements.iso_date(text) is not None


def _without_furniture(lines: list[Line], state: Scan) -> list[Line]:
    """The lines without the web page's furniture at the end (扫一扫, 【打印】【关闭】…).

    Only the lines that end the source are tried: inside the report, “首页” or a web address
    may be text. After 特此报告。 the tail is sorted out later, line by line.
    """
    end = len(lines)
    while end and not lines[end - 1].hint and elements.furniture(lines[end - 1].text):
        end -= 1
    for line in lines[end:]:
        state.warn(
            line.number,
            "LG602",
            _("skipped a line after the report text: “{text}”").format(
                text=elements.short(line.text)
            ),
        )
    return lines[:end]


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
                line.number,
                "LG602",
                _("skipped “{text}” before 签发人").format(text=elements.short(before)),
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
            if line.hint in ("heading", "run_in")
            or (not line.hint and elements.PART.match(line.text))
        ),
        len(lines),
    )
    hinted = [i for i, line in enumerate(lines[:first_heading]) if line.hint == "title"]
    title_at = hinted[0] if hinted else elements.title_start(lines, first_heading)
    start = 0
    if title_at is not None:
        for i in range(title_at):
            line = lines[i]
            if not _front_line(state, line):
                state.warn(
                    line.number,
                    "LG602",
                    _("skipped a line before the title: “{text}”").format(
                        text=elements.short(line.text)
                    ),
                )
        title_lines = [part for part in lines[title_at].text.split("\n") if part.strip()]
        start = title_at + 1
        while (
            start < first_heading
            and not lines[start].hint
            and not title_lines[-1].endswith("报告")
            and len(lines[start].text) <= 30
            and not elements.ends_sentence(lines[start].text)
            and not elements.structural(lines[start])
            and not elements.front_element(lines[start])
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
        elif re.fullmatch(r"\d{4}", line.text) or (
            not line.hint and elements.NAVIGATION.search(line.text)
        ):
            state.warn(
                line.number,
                "LG602",
                _("skipped a line before the report text: “{text}”").format(
                    text=elements.short(line.text)
                ),
            )
        elif (
            "recipients" not in data
            and not state.opening
            and (
                line.hint == "recipients"
                or (
                    line.text.endswith(("：", ":"))
                    and len(line.text) <= 60
                    and elements.AGENCY.search(line.text)
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
    node = Node(title, level, line.number, run_in, source=level)
    if first:
        node.paragraphs.append(first)
    if level == 1:
        state.parts.append(node)
        state.stack = [node]
        return
    while state.stack and state.stack[-1].source >= level:
        state.stack.pop()
    if not state.stack and not state.parts and level == 2:
        part = Node("", 1, line.number, synthetic=True)
        state.parts.append(part)
        state.stack = [part]
    if not state.stack:
        state.warn(
            line.number,
            "LG604",
            _("a level-{level} heading without the level above it; kept as text").format(
                level=level
            ),
        )
        # the paragraph as written, its number included: nothing of the source is lost
        kept = line.head + line.text if line.hint == "run_in" else line.text
        if kept:
            state.body_target().append(kept)
        return
    parent = state.stack[-1]
    if parent.level + 1 != level:
        node.level = parent.level + 1
        state.warn(
            line.number,
            "LG604",
            _(
                "a level-{level} heading right under a level-{parent} one (a level is skipped, "
                "as in 一、 then 1.): kept as a level-{kept} heading, numbered {number} in the "
                "outputs — check it"
            ).format(
                level=level,
                parent=parent.level,
                kept=node.level,
                number=_shown(node.level, len(parent.items) + 1),
            ),
        )
    parent.items.append(node)
    state.stack.append(node)


def _shown(level: int, number: int) -> str:
    """How lawgov numbers the ``number``-th heading of ``level``: 一、（一）1.（1）."""
    if level == 1:
        return f"{chinese_ordinal(number)}、"
    if level == 2:
        return f"（{chinese_ordinal(number)}）"
    return f"{number}." if level == 3 else f"（{number}）"


def _check_number(state: Scan, level: int, written: str, line: Line) -> None:
    if level == 1:
        parent_items: list[Node] | None = state.parts
    else:
        stack = [node for node in state.stack if node.source < level]
        parent_items = stack[-1].items if stack and stack[-1].level == level - 1 else None
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
    if target and not elements.ends_sentence(target[-1]) and len(target[-1]) <= 40:
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
    if elements.note(text) or text.startswith(elements.OBSOLETE):
        state.warn(
            line.number,
            "LG612",
            _("“{text}” is not kept (the report has no place for it)").format(
                text=elements.short(text)
            ),
        )
        return True
    return False


def _date_line(state: Scan, line: Line) -> bool:
    text = line.text
    converted = None if elements.DATE_LINE.match(text) else elements.chinese_date(text)
    if not (
        line.hint == "date" or (not line.hint and (elements.DATE_LINE.match(text) or converted))
    ):
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
                ).format(rows=line.level, first=elements.short(text, 40)),
            )
            continue
        if line.hint in ("title", "letterhead", "signer"):
            # out of place: the text is kept as text, the lines of a title as one paragraph
            line = line._replace(hint="", text=text.replace("\n", ""))
            text = line.text
        if _back_matter(state, line) or _date_line(state, line):
            state.last_was_body = False
            continue
        if line.hint == "signature":
            data["organization"] = text
            continue
        if (
            line.hint == "attachment"
            or elements.ATTACHMENTS.match(text)
            or (in_attachments and elements.ATTACHMENT_NAME.match(text))
        ):
            in_attachments = True
            name = elements.ATTACHMENTS.sub(r"\1", text)
            name_match = elements.ATTACHMENT_NAME.match(name)
            name = (name_match.group(2) if name_match else name).strip()
            if name:  # “附件：” alone: the names follow on the next lines
                attachments.append(name)
            continue
        if elements.CLOSING.match(text):
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
        found = None if line.hint else elements.marker(text)
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
            and not elements.ends_sentence(target[-1])
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


def _strip_marker(text: str) -> str:
    """A heading's text without a typed marker of any level (numbers are generated)."""
    found = elements.marker(text)
    return found[2] if found is not None else text


def scan(lines: list[Line], display: str) -> Scan:
    """版头, title, 发文字号, 主送机关, opening, headings, closing, attachments, 署名, date, 版记."""
    state = Scan(display)
    lines = _without_furniture(lines, state)
    start = _front_matter(lines, state)
    _body(lines, start, state)
    return state
