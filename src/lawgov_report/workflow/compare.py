"""``lawgov diff``: a year-over-year comparison of two reports, by part and item.

Why structural: a line diff of two YAML files (or of two Markdown outputs) says that line 80
changed; a reviewer wants to know that 第一部分 gained 条目（七）, lost （三）, that （二） and
（三） swapped places, and that in （二） "强队伍建设" became "强化队伍建设".

How headings are paired (at each level, among siblings): by content, not by number — kind and
title (years ignored: they change every year) and the text under the heading. First the best
pairing that keeps both orders (like a line diff, but scoring similarity rather than equality),
so one deletion does not shift every later item onto its neighbour; then what is left over is
paired again regardless of order, and those pairs are moves. Pairs below a similarity floor
are not pairs: that heading was removed and another added. Changed text is shown as a
character-level diff — Chinese has no spaces — and the unchanged stretches around a change are
shortened to ``……`` at punctuation, spaces or a change of script, never inside a word.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..i18n import N_, _
from ..model.report import Heading, Paragraph, Part, Report
from ..render.markdown_escape import inline as md_escape
from ..render.numbering import heading_marker, join_points

_YEAR = re.compile(r"(19|20)\d\d")
SIMILAR = 0.5  # pairs in order: below this, a heading was removed and another added
MOVED = 0.7  # pairs out of order must be closer: a move is a stronger claim than an edit


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

    '>' marks a heading that moved among its siblings (its text may have changed too); ' ' an
    unchanged heading shown only as the context of a change below it.
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
    date = _("{year}-{month:02d}-{day:02d}").format(
        year=report.date.year, month=report.date.month, day=report.date.day
    )
    front = [
        _("report year: {year}").format(year=report.year),
        _("date: {date}").format(date=date),
        report.doc_number,
        report.recipients,
    ]
    back = [report.closing, *report.attachments, report.organization]
    text = "\n".join(line for line in [*front, _paragraphs_text(report.opening), *back] if line)
    parts = [
        _heading_node(1, i, part, part.kind.value) for i, part in enumerate(report.parts, start=1)
    ]
    return Node(report.full_title, report.full_title, "", text, parts)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bigrams(text: str) -> Counter[str]:
    return (
        Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter(text)
    )


def _text_similarity(a: str, b: str) -> float:
    """Dice coefficient of character pairs: linear time, so long paragraphs cost little."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    ca, cb = _bigrams(a), _bigrams(b)
    shared = sum((ca & cb).values())
    return 2 * shared / (sum(ca.values()) + sum(cb.values()))


TITLE_WEIGHT = 0.4  # of a heading's likeness when both have text; the text weighs the rest


def _score(a: Node, b: Node) -> tuple[float, float]:
    """How alike two headings are: (title and text weighed together, the worse of them).

    The first decides whether they can be a pair at all; the second breaks ties between
    candidates. Titles are short and made of stock phrases (“规范行政行为。” and “规范执法
    行为。” are half alike), so a title alone must not pair two items whose text is wholly
    different; the text weighs more. A retitled item with the same text (0.4 × its title +
    0.6) or an item with its own title and rewritten text (0.4 + 0.6 × its text) still pairs.
    Headings without text of their own (parts with items) are compared by title alone.
    """
    title = 1.0 if a.key == b.key else _similarity(a.key, b.key)
    if not a.text and not b.text:
        return title, title
    if not a.text or not b.text:  # all its text removed, or its first text: less sure
        return 0.9 * title, 0.0
    text = _text_similarity(a.text, b.text)
    return TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * text, min(title, text)


Pair = tuple["Node | None", "Node | None", bool]


def _in_order(scores: list[list[tuple[float, float]]]) -> list[tuple[int, int]]:
    """The pairing that keeps both orders and has the highest total score (dynamic programming)."""
    n, m = len(scores), len(scores[0]) if scores else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            high, low = scores[i][j]
            pair = best[i + 1][j + 1] + high + 0.1 * low if high >= SIMILAR else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        high, low = scores[i][j]
        if high >= SIMILAR and best[i][j] == best[i + 1][j + 1] + high + 0.1 * low:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _moves(
    scores: list[list[tuple[float, float]]], pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Pairs among the headings left over, best first: these changed place."""
    old_free = set(range(len(scores))) - {i for i, _ in pairs}
    new_free = set(range(len(scores[0]) if scores else 0)) - {j for _i, j in pairs}
    candidates = sorted(
        ((scores[i][j], i, j) for i in old_free for j in new_free if scores[i][j][0] >= MOVED),
        key=lambda c: (-c[0][0], -c[0][1], c[1], c[2]),
    )
    moves = []
    for _score, i, j in candidates:
        if i in old_free and j in new_free:
            moves.append((i, j))
            old_free.discard(i)
            new_free.discard(j)
    return moves


def _swapped_partners(
    pairs: list[tuple[int, int]], moves: list[tuple[int, int]]
) -> set[tuple[int, int]]:
    """In-order pairs that only crossed one moved pair, which only crossed them: a swap.

    The in-order pairing keeps one of two swapped headings in place and reports the other as
    moved; a reader sees two headings that changed places, so both are marked.
    """
    everything = pairs + moves

    def crossing(p: tuple[int, int]) -> list[tuple[int, int]]:
        return [q for q in everything if (q[0] - p[0]) * (q[1] - p[1]) < 0]

    partners = set()
    for pair in pairs:
        crossed = crossing(pair)
        if len(crossed) == 1 and crossed[0] in moves and crossing(crossed[0]) == [pair]:
            partners.add(pair)
    return partners


def _match(old: list[Node], new: list[Node]) -> list[Pair]:
    """Pairs in new order, removed headings where they stood; the flag marks a move."""
    scores = [[_score(a, b) for b in new] for a in old]
    pairs = _in_order(scores)
    moves = _moves(scores, pairs)
    moved = set(moves) | _swapped_partners(pairs, moves)
    by_new = {j: i for i, j in pairs + moves}
    placed = {i for i, _ in pairs}
    paired_old = set(by_new.values())
    result: list[Pair] = []
    next_old = 0
    for j, node in enumerate(new):
        i = by_new.get(j)
        if i is not None and i in placed:
            while next_old < i:
                if next_old not in paired_old:
                    result.append((old[next_old], None, False))
                next_old += 1
            next_old = max(next_old, i + 1)
        result.append((old[i] if i is not None else None, node, (i, j) in moved))
    result.extend((old[i], None, False) for i in range(next_old, len(old)) if i not in paired_old)
    return result


def _walk(old: Node | None, new: Node | None, depth: int, moved: bool = False) -> Iterator[Change]:
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
    label = new.label if old.title == new.title and not moved else f"{old.label} → {new.label}"
    below = [c for a, b, m in _match(old.children, new.children) for c in _walk(a, b, depth + 1, m)]
    context = same and any(c.sign != "=" for c in below)
    sign = ">" if moved else " " if context else "=" if same else "~"
    yield Change(sign, depth, label, old.text, new.text)
    yield from below


def compare(old: Report, new: Report) -> list[Change]:
    """Every heading of either report, marked added, removed, changed or the same.

    When either report gives ``figures:``, a last section 主要数据 lists each figure: changed
    (old → new, the change and its direction), given in only one year, or the same.
    """
    changes = list(_walk(tree(old), tree(new), 0))
    if old.figures is not None or new.figures is not None:
        from ..render.figures import diff_lines

        lines = [Change(sign, 1, text) for sign, text in diff_lines(old, new, show_same=True)]
        if lines:
            same = all(change.sign == "=" for change in lines)
            changes.append(Change("=" if same else " ", 0, _("key figures")))
            changes.extend(lines)
    return changes


# Where unchanged text may be cut for "……": after punctuation (best), at a space, or where the
# script changes between Chinese and Latin letters or digits (a word boundary either way).
_AFTER_PUNCTUATION = set("，。；：、！？）》」』”’,.;:!?)]")
_BEFORE_PUNCTUATION = set("（《「『“‘([")


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _boundary_rank(text: str, position: int) -> int:
    """How good a cut between ``text[position - 1]`` and ``text[position]`` is (0: none)."""
    before, after = text[position - 1], text[position]
    if before in _AFTER_PUNCTUATION or after in _BEFORE_PUNCTUATION:
        return 3
    if before.isspace() or after.isspace():
        return 2
    if (before.isalnum() and after.isalnum()) and _is_han(before) != _is_han(after):
        return 1
    return 0


def _cut(text: str, target: int, low: int, high: int) -> int | None:
    """The best boundary between ``low`` and ``high``, the nearest to ``target`` among equals."""
    best: tuple[int, int] | None = None
    best_position = None
    for position in range(max(1, low), min(len(text) - 1, high) + 1):
        rank = _boundary_rank(text, position)
        if rank and (best is None or (rank, -abs(position - target)) > best):
            best, best_position = (rank, -abs(position - target)), position
    return best_position


def _shorten(chunk: str, context: int, first: bool, last: bool) -> str:
    """An unchanged stretch with its middle replaced by ``……``, cut only at word boundaries.

    ``context`` characters (give or take, to reach a boundary) are kept next to each change; a
    stretch at the start or end of a paragraph keeps only the side next to its change. Where no
    boundary is near, the stretch is kept whole rather than cut inside a word.
    """
    keep_head = not first
    keep_tail = not last
    head_end = _cut(chunk, context, context // 2, 2 * context) if keep_head else 0
    tail_start = (
        _cut(chunk, len(chunk) - context, len(chunk) - 2 * context, len(chunk) - context // 2)
        if keep_tail
        else len(chunk)
    )
    if head_end is None or tail_start is None or head_end >= tail_start:
        return chunk
    return chunk[:head_end] + "……" + chunk[tail_start:]


def inline_diff(
    old: str,
    new: str,
    removed: Callable[[str], str],
    added: Callable[[str], str],
    same: Callable[[str], str] = str,
    context: int = 12,
) -> str:
    """``old`` → ``new`` as one string, unchanged stretches cut to about ``context`` characters."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            chunk = old[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(chunk) > 2 * context or ((first or last) and len(chunk) > context):
                chunk = _shorten(chunk, context, first, last)
            pieces.append(same(chunk))
            continue
        if i2 > i1:
            pieces.append(removed(old[i1:i2]))
        if j2 > j1:
            pieces.append(added(new[j1:j2]))
    return "".join(pieces)


_SIGN_WORDS = {
    "+": N_("added"),
    "-": N_("removed"),
    "~": N_("changed"),
    ">": N_("moved"),
    "=": N_("unchanged"),
    " ": "",
}


def render_text(changes: list[Change], color: bool = False, show_same: bool = False) -> str:
    """For a terminal: one line per heading, and under each change its text diff."""

    def paint(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color and text else text

    lines = []
    for change in changes:
        if change.sign == "=" and not show_same:
            continue
        indent = "  " * change.depth
        sign = paint(
            {"+": "32", "-": "31", "~": "33", ">": "36"}.get(change.sign, "0"), change.sign
        )
        lines.append(f"{indent}{sign} {change.label}")
        if change.sign in "~>" and change.old_text != change.new_text:
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
        word = _(_SIGN_WORDS[change.sign]) if _SIGN_WORDS[change.sign] else ""
        if change.sign == ">" and change.old_text != change.new_text:
            word = _("moved and changed")
        lines.append(f"{indent}- {f'**{word}** ' if word else ''}{md_escape(change.label)}")
        if change.sign in "~>" and change.old_text != change.new_text:
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
