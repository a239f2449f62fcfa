"""``lawgov diff``: a year-over-year comparison of two reports, by part and item.

Why structural: a line diff of two YAML files (or of two Markdown outputs) says that line 80
changed; a reviewer wants to know that 第一部分 gained 条目（七）, lost （三）, and that in （二）
"强队伍建设" became "强化队伍建设". Parts are matched by kind and title, items by title (years
in titles are ignored, since they change every year), and changed text is shown as a
character-level diff — Chinese has no spaces, so the character is the word boundary we have.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model.report import Heading, Paragraph, Part, Report
from ..render.markdown_escape import inline as md_escape
from ..render.numbering import heading_marker, join_points

_YEAR = re.compile(r"(19|20)\d\d")
SIMILAR = 0.5


@dataclass
class Node:
    """A numbered heading (or the report itself) with its own text and its children."""

    label: str  # e.g. "（二）强队伍建设，履行第一责任人职责。"
    title: str  # the label without its number: renumbering alone is not a change
    key: str  # what matching compares: kind + title, years removed
    text: str  # the node's own paragraphs, one per line
    children: list[Node] = field(default_factory=list)


@dataclass
class Change:
    """One line of the comparison: '+' added, '-' removed, '~' changed, '=' the same.

    ' ' marks an unchanged heading shown only as the context of a change below it.
    """

    sign: str
    depth: int
    label: str
    old_text: str = ""
    new_text: str = ""


def _paragraphs_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(join_points(p.text, p.points, p.after) for p in paragraphs)


def _heading_node(level: int, n: int, heading: Heading | Part, kind: str = "") -> Node:
    children = getattr(heading, "items", [])
    return Node(
        label=heading_marker(level, n) + heading.title,
        title=heading.title,
        key=kind + _YEAR.sub("", heading.title),
        text=_paragraphs_text(heading.paragraphs),
        children=[_heading_node(level + 1, i, child) for i, child in enumerate(children, start=1)],
    )


def tree(report: Report) -> Node:
    """The report as a tree of numbered headings; the root's text holds the front and back matter."""
    date = f"{report.date.year}年{report.date.month}月{report.date.day}日"
    front = [f"报告年度：{report.year}", f"成文日期：{date}", report.doc_number, report.recipients]
    back = [report.closing, *report.attachments, report.organization]
    text = "\n".join(line for line in [*front, _paragraphs_text(report.opening), *back] if line)
    parts = [
        _heading_node(1, i, part, part.kind.value) for i, part in enumerate(report.parts, start=1)
    ]
    return Node(report.full_title, report.full_title, "", text, parts)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match(old: list[Node], new: list[Node]) -> list[tuple[Node | None, Node | None]]:
    """Pairs in new order (removed ones where they stood): exact keys first, then similar ones."""
    by_new: dict[int, int] = {}
    used: set[int] = set()
    scores: list[Callable[[Node, Node], float]] = [
        lambda a, b: 1.0 if a.key == b.key else 0.0,
        lambda a, b: max(_similarity(a.key, b.key), _similarity(a.text, b.text) * 0.9),
    ]
    for score in scores:
        for j, node in enumerate(new):
            if j in by_new:
                continue
            candidates = [(score(o, node), i) for i, o in enumerate(old) if i not in used]
            best, i = max(candidates, default=(0.0, -1))
            if best >= SIMILAR and i >= 0:
                by_new[j] = i
                used.add(i)
    result: list[tuple[Node | None, Node | None]] = []
    next_old = 0
    for j, node in enumerate(new):
        matched = by_new.get(j)
        if matched is not None:
            while next_old < matched:
                if next_old not in used:
                    result.append((old[next_old], None))
                next_old += 1
            next_old = max(next_old, matched + 1)
        result.append((old[matched] if matched is not None else None, node))
    result.extend((old[i], None) for i in range(next_old, len(old)) if i not in used)
    return result


def _walk(old: Node | None, new: Node | None, depth: int) -> Iterator[Change]:
    if old is None and new is not None:
        yield Change("+", depth, new.label, new_text=new.text)
        for child in new.children:
            yield from _walk(None, child, depth + 1)
        return
    if new is None and old is not None:
        yield Change("-", depth, old.label, old_text=old.text)
        for child in old.children:
            yield from _walk(child, None, depth + 1)
        return
    assert old is not None
    assert new is not None
    same = old.title == new.title and old.text == new.text
    label = new.label if old.title == new.title else f"{old.label} → {new.label}"
    below = [c for a, b in _match(old.children, new.children) for c in _walk(a, b, depth + 1)]
    context = same and any(c.sign != "=" for c in below)
    yield Change(" " if context else "=" if same else "~", depth, label, old.text, new.text)
    yield from below


def compare(old: Report, new: Report) -> list[Change]:
    """Every heading of either report, marked added, removed, changed or the same."""
    return list(_walk(tree(old), tree(new), 0))


def inline_diff(
    old: str,
    new: str,
    removed: Callable[[str], str],
    added: Callable[[str], str],
    same: Callable[[str], str] = str,
    context: int = 12,
) -> str:
    """``old`` → ``new`` as one string, unchanged stretches cut to ``context`` characters."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            chunk = old[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if (
                len(chunk) > 2 * context
                or (first and len(chunk) > context)
                or (last and len(chunk) > context)
            ):
                head = "" if first else chunk[:context]
                tail = "" if last else chunk[-context:]
                chunk = head + "……" + tail
            pieces.append(same(chunk))
            continue
        if i2 > i1:
            pieces.append(removed(old[i1:i2]))
        if j2 > j1:
            pieces.append(added(new[j1:j2]))
    return "".join(pieces)


_SIGN_WORDS = {"+": "新增", "-": "删除", "~": "修改", "=": "未变", " ": ""}


def render_text(changes: list[Change], color: bool = False, show_same: bool = False) -> str:
    """For a terminal: one line per heading, and under each change its text diff."""

    def paint(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color and text else text

    lines = []
    for change in changes:
        if change.sign == "=" and not show_same:
            continue
        indent = "  " * change.depth
        sign = paint({"+": "32", "-": "31", "~": "33"}.get(change.sign, "0"), change.sign)
        lines.append(f"{indent}{sign} {change.label}")
        if change.sign == "~" and change.old_text != change.new_text:
            for old_line, new_line in _paired_lines(change.old_text, change.new_text):
                diff = inline_diff(
                    old_line,
                    new_line,
                    removed=lambda t: paint("31", f"[-{t}-]"),
                    added=lambda t: paint("32", f"{{+{t}+}}"),
                )
                lines.append(f"{indent}    {diff}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_markdown(changes: list[Change], old_name: str, new_name: str) -> str:
    """For a review: headings as a nested list, deletions struck through, insertions bold."""
    lines = [f"# {md_escape(old_name)} → {md_escape(new_name)}", ""]
    for change in changes:
        if change.sign == "=":
            continue
        indent = "  " * change.depth
        word = f"**{_SIGN_WORDS[change.sign]}** " if change.sign != " " else ""
        lines.append(f"{indent}- {word}{md_escape(change.label)}")
        if change.sign == "~":
            for old_line, new_line in _paired_lines(change.old_text, change.new_text):
                diff = inline_diff(
                    old_line,
                    new_line,
                    removed=lambda t: f"~~{md_escape(t)}~~",
                    added=lambda t: f"<ins>{md_escape(t)}</ins>",
                    same=md_escape,
                )
                lines.append(f"{indent}  - {diff}")
    if len(lines) == 2:
        lines.append("两份报告的内容相同。")
    return "\n".join(lines) + "\n"


def _paired_lines(old: str, new: str) -> Iterator[tuple[str, str]]:
    """Paragraph pairs that differ: matched by position through difflib on the paragraph lists."""
    old_lines, new_lines = old.split("\n") if old else [], new.split("\n") if new else []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        for k in range(max(len(olds), len(news))):
            yield (olds[k] if k < len(olds) else "", news[k] if k < len(news) else "")
