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

    The quarter is the gap added where Latin letters or digits meet 汉字. Word adds it because
    the Title style leaves ``autoSpaceDE``/``autoSpaceDN`` on (unset means on, ECMA-376
    17.3.1.2–3; tests/test_lint_print.py holds the style to that); LibreOffice adds it whatever
    the style says. So the width is the line's width in both, and a line that fits here fits
    in Word, WPS and LibreOffice.
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


def _pair_cost(upper: float, lower: float, limit: float = MAX_OVERHANG) -> float:
    """The cost of one line above another: a line longer than the one below spoils the 梯形."""
    overhang = upper - lower
    if overhang > limit:
        return FORBIDDEN
    return 2.0 * max(0.0, overhang) + 0.25 * abs(overhang)


def _line_cost(width: float) -> float:
    """Every line costs; a dangling word (a line narrower than SHORTEST_LINE) costs more."""
    return 10.0 + (20.0 if width < SHORTEST_LINE else 0.0)


def _best(pieces: list[Piece], whole_first: bool = False) -> tuple[float, list[str]]:
    """The cheapest layout of ``pieces`` in the fewest lines that allow a good one.

    ``whole_first``: the first piece (the issuing body's name) alone on line 1 may be longer
    than the line below by any amount (倒梯形); the overhang still costs, so the least
    top-heavy such layout wins. Every other pair of lines keeps to ``MAX_OVERHANG``.

    A layout's cost is the sum of its breaks, its lines and each pair of adjacent lines, so it
    is found by dynamic programming over (first piece, end piece) of the last line laid out:
    time grows with the number of pieces times the pieces a line can hold, not exponentially —
    a title line of a hundred characters (which lint breaks to suggest a layout) is instant.
    Among equally cheap layouts the one with the earliest breaks wins, so results are stable.
    All costs are multiples of 1/16, exact in floating point, so ties are real ties.
    """
    texts = [p.text for p in pieces]
    count_pieces = len(pieces)
    gaps = [_break_cost(a, b) for a, b in itertools.pairwise(pieces)]
    widths: dict[tuple[int, int], float] = {}
    for start in range(count_pieces):
        for end in range(start + 1, count_pieces + 1):
            width = text_width("".join(texts[start:end]))
            if width > LINE_WIDTH:
                break
            widths[start, end] = width
    total = text_width("".join(texts))
    fewest = max(2, int(-(-total // LINE_WIDTH)))
    best: tuple[float, list[str]] = (FORBIDDEN, ["".join(texts)])
    for count in (fewest, fewest + 1):
        # layer[(start, end)] = (cost, breaks) of the best first k lines, the k-th = pieces[start:end]
        layer: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {
            (0, end): (_line_cost(widths[0, end]), ())
            for end in range(1, count_pieces + 1)
            if (0, end) in widths
        }
        for _ in range(count - 1):
            following: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
            for (start, end), (cost, breaks) in layer.items():
                if end == count_pieces or gaps[end - 1] >= FORBIDDEN:
                    continue
                upper = widths[start, end]
                limit = LINE_WIDTH if whole_first and (start, end) == (0, 1) else MAX_OVERHANG
                for stop in range(end + 1, count_pieces + 1):
                    lower = widths.get((end, stop))
                    if lower is None:
                        break
                    pair = _pair_cost(upper, lower, limit)
                    if pair >= FORBIDDEN:
                        continue
                    candidate = (
                        cost + gaps[end - 1] + pair + _line_cost(lower),
                        (*breaks, end),
                    )
                    if candidate < following.get((end, stop), (FORBIDDEN, ())):
                        following[end, stop] = candidate
            layer = following
        finished = [value for (_, end), value in layer.items() if end == count_pieces]
        if finished:
            cost, breaks = min(finished)
            if cost < best[0]:
                bounds = (0, *breaks, count_pieces)
                best = (cost, ["".join(texts[a:b]) for a, b in itertools.pairwise(bounds)])
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
    pieces = ([Piece(body, "body")] if body else []) + rest
    cost, lines = _best(pieces)
    if cost < FORBIDDEN and all(text_width(line) >= SHORTEST_LINE for line in lines):
        return lines
    if body and text_width(body) <= LINE_WIDTH:
        # The name fits a line: keep it whole on line 1, even above a shorter line (倒梯形, an
        # accepted 梯形 in 公文 practice) — a reader takes a split name for two bodies.
        cost, lines = _best(pieces, whole_first=True)
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
