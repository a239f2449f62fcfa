"""Breaking a long title into lines that keep words whole, shaped 梯形 or 菱形 (GB/T 9704 7.3.1).

Why not break anywhere: Word wraps a long title at the last character that fits, so
``深圳市光明区人民政府2021年度法治政府建设工作报告`` prints as ``…法治政府建`` / ``设工作报告``, the
first thing a reviewer sends back. A title is 二号 (22 pt) in the 156 mm 版心: 20 字 a line.

How: a report title has a structure — issuing body, optional 关于, year, subject, 报告 — so it
is cut into pieces at that structure first (the body's name is known from ``organization``; the
rest matches a short list of the words these titles use). Only when no good layout exists with
the body's name in one piece is the name itself segmented, with jieba (a dictionary load of
about a second, paid only then), its single-character pieces glued back (光明 + 区, 科学技术 + 局)
and breaks after place names preferred. Every choice of breaks is then scored: each line fits,
no line is longer than the one below it by more than ``MAX_OVERHANG`` 字 (梯形; a 菱形's middle
line may be the longest within that limit), no line is a dangling word, and breaks at stronger
boundaries (before 关于, after the body, after the year) win.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

LINE_WIDTH = 20.0  # 字 of 二号 in the 版心 (442 pt / 22 pt)
MAX_OVERHANG = 3.0  # how much longer than the line below a line may be, in 字
SHORTEST_LINE = 4.0  # a line narrower than this is a dangling word
FORBIDDEN = 1000.0

_ADMIN_END = "省市县区州旗盟镇乡"
_BODY_END = ("人民政府", "委员会", "办公室", "办事处", "政府", "局", "厅", "委", "院", "部", "署")
_WORDS = re.compile(
    r"关于|\d{4}(?:[—～-]\d{4})?年度?|年度报告|年度|法治政府建设|法治建设|法治政府|依法行政|"
    r"建设|工作|情况|的|报告"
)
_YEAR = re.compile(r"^\d{4}")


class Piece(NamedTuple):
    """An unbreakable piece of the title and the cost of a line break right after it."""

    text: str
    kind: str  # "body" (part of the issuing body's name), "year", "word", "other"


def text_width(text: str) -> float:
    """Width in 字: half for ASCII, one for the rest, plus a quarter at each digit/汉字 boundary.

    The quarter is the gap LibreOffice puts between Latin digits and 汉字 (it ignores
    ``autoSpaceDE``), so a line that fits there fits in Word and WPS as well.
    """
    width = sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)
    boundaries = sum(1 for a, b in itertools.pairwise(text) if (ord(a) < 0x80) != (ord(b) < 0x80))
    return width + 0.25 * boundaries


@functools.cache
def _segmenter() -> object:
    """Jieba's default tokenizer, imported and loaded only when a name must be segmented."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _name_pieces(name: str) -> list[Piece]:
    """The issuing body's name at word boundaries, single characters glued to a neighbour."""
    jieba = _segmenter()
    words: list[str] = []
    for word in jieba.cut(name, HMM=False):  # type: ignore[attr-defined]
        if words and (
            len(word) == 1 or (word[0] in _ADMIN_END and words[-1][-1] not in _ADMIN_END)
        ):
            words[-1] += word
        else:
            words.append(word)
    if len(words) > 1 and len(words[0]) == 1:
        words[1] = words[0] + words[1]
        del words[0]
    return [Piece(word, "body") for word in words]


def _rest_pieces(rest: str) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    for match in _WORDS.finditer(rest):
        if match.start() > position:
            pieces.append(Piece(rest[position : match.start()], "other"))
        word = match.group()
        pieces.append(Piece(word, "year" if _YEAR.match(word) else "word"))
        position = match.end()
    if position < len(rest):
        pieces.append(Piece(rest[position:], "other"))
    return pieces


def _break_cost(before: Piece, after: Piece) -> float:
    """How bad a line break between two pieces is (0: the natural place)."""
    if before.text == "关于" or (after.text.startswith(("的", "年度")) and before.kind == "year"):
        return FORBIDDEN
    if after.text.startswith("的"):
        return FORBIDDEN
    if after.text == "关于" or (before.kind == "body" and after.kind != "body"):
        return 0.0
    if before.kind == "body":
        return 1.0 if before.text.endswith((*_ADMIN_END, *_BODY_END)) else 3.0
    if before.kind == "year":
        return 1.0
    if after.text in ("报告", "年度报告"):
        return 3.0
    return 2.0


def _layout_cost(lines: list[str], breaks: float) -> float:
    widths = [text_width(line) for line in lines]
    if max(widths) > LINE_WIDTH:
        return FORBIDDEN
    cost = breaks + 10.0 * len(lines)
    for upper, lower in itertools.pairwise(widths):
        overhang = upper - lower
        if overhang > MAX_OVERHANG:
            return FORBIDDEN
        cost += 2.0 * max(0.0, overhang) + 0.25 * abs(overhang)
    cost += sum(20.0 for width in widths if width < SHORTEST_LINE)
    return cost


def _best(pieces: list[Piece]) -> tuple[float, list[str]]:
    """The cheapest layout of ``pieces`` in the fewest lines that allow a good one."""
    texts = [p.text for p in pieces]
    gaps = [_break_cost(a, b) for a, b in itertools.pairwise(pieces)]
    total = text_width("".join(texts))
    fewest = max(2, int(-(-total // LINE_WIDTH)))
    best: tuple[float, list[str]] = (FORBIDDEN, ["".join(texts)])
    for count in (fewest, fewest + 1):
        for cuts in itertools.combinations(range(1, len(pieces)), count - 1):
            breaks = sum(gaps[c - 1] for c in cuts)
            if breaks >= FORBIDDEN:
                continue
            bounds = (0, *cuts, len(pieces))
            lines = ["".join(texts[a:b]) for a, b in itertools.pairwise(bounds)]
            cost = _layout_cost(lines, breaks)
            if cost < best[0]:
                best = (cost, lines)
        if best[0] < FORBIDDEN:
            break
    return best


def break_title(title: str, organization: str = "") -> list[str]:
    """The lines to print ``title`` on: itself if it fits one line, else words kept whole.

    ``organization`` is the issuing body, whose name usually begins the title and is the first
    place to break. A title that no layout fits (a single 21-字 word) comes back unbroken.
    """
    if text_width(title) <= LINE_WIDTH:
        return [title]
    body = organization if organization and title.startswith(organization) else ""
    rest = _rest_pieces(title[len(body) :])
    cost, lines = _best(([Piece(body, "body")] if body else []) + rest)
    if cost < FORBIDDEN and all(text_width(line) >= SHORTEST_LINE for line in lines):
        return lines
    names = _name_pieces(body) if body else []
    segmented = [
        sub
        for piece in rest
        for sub in (
            [Piece(p.text, "other") for p in _name_pieces(piece.text)]
            if piece.kind == "other" and text_width(piece.text) > SHORTEST_LINE
            else [piece]
        )
    ]
    cost2, lines2 = _best(names + segmented)
    if min(cost, cost2) >= FORBIDDEN:
        return [title]
    return lines2 if cost2 < cost else lines
