"""How many pages a report fills: lawgov's own line layout of the WordprocessingML it writes.

Why compute it: the compiled volume's 目录 must print the page each report starts on, and a
field Word updates (a TOC) shows wrong numbers until someone presses F9 — and WPS, LibreOffice
and a printed PDF may never update it. The layout is exact enough to compute because GB/T 9704
fixes it (GBT9704.md §2): every line is 28.95 pt (exact spacing, 22 lines a page), a 三号
character with −0.25 pt spacing is 15.75 pt (28 a line). What varies is where lines break, and
that follows rules this module applies: Chinese characters break anywhere, except that closing
marks never start a line (one may hang past the margin instead) and opening marks never end
one; runs of Latin letters and digits break only at spaces; and Latin text is measured with
Times New Roman's advance widths (Liberation Serif has the same).

Why read the XML rather than the model: the page helper's template decides which paragraphs
there are (blank lines, the signature block kept with the last lines); measuring what is
actually written keeps the page count true whatever the template does.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

# Times New Roman advance widths of printable ASCII (units of 1/2048 em; Liberation Serif's
# hmtx table, which is metric-compatible), from U+0020 to U+007E.
_LATIN_WIDTHS = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
    1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
)  # fmt: skip

# Line-breaking rules for Chinese (kinsoku; the zh-CN lists Word and LibreOffice use).
NOT_AT_START = frozenset("!%),.:;?]}¢°·’”、。〃〉》」』】〕〗〞！＂％＇），．：；？］｝～")
NOT_AT_END = frozenset("$([{£¥·‘“〈《「『【〔〖〝（［｛＄￡￥")
# In a paragraph of several runs (a run-in heading and its text) a —— dash pair takes a little
# more than two cells in LibreOffice: a first line of 26 cells holding one keeps only 25
# (measured in LibreOffice 7.4; in a paragraph of one run the pair takes exactly two cells).
DASH_PAIR_EXTRA = 16  # twips
HANGING = frozenset("，。、；：！？,.;:!?")  # may hang past the right margin at a line's end


def is_wide(ch: str) -> bool:
    """Set in the East Asian font, one em wide: CJK, full-width forms, Chinese punctuation."""
    code = ord(ch)
    return code >= 0x2E80 or ch in "“”‘’—…·"


@dataclass(frozen=True)
class Props:
    """The paragraph and run properties that decide line breaks and heights (twips)."""

    size: int = 32  # half-points
    spacing: int = 0  # character spacing, twentieths of a point (w:spacing in rPr)
    left: int = 0
    right: int = 0
    first_line: int = 0  # negative for a hanging indent
    line: int = 240
    line_rule: str = "auto"
    before: int = 0
    after: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    space_latin: bool = True  # w:autoSpaceDE: extra space between Chinese and Latin letters
    space_digits: bool = True  # w:autoSpaceDN: extra space between Chinese and digits
    widow_control: bool = True  # w:widowControl: no single line of it alone on a page


class Paragraph(NamedTuple):
    """One laid-out paragraph: its lines' texts and the height of each line."""

    lines: list[str]
    line_height: int
    before: int
    after: int
    keep_next: bool
    keep_lines: bool
    page_break_before: bool
    ends_section: bool = False  # its properties hold a w:sectPr: the next block starts a page
    widow_control: bool = False  # at least two of its lines on each page it is split over


def _int(element: ET.Element | None, name: str) -> int | None:
    if element is None:
        return None
    value = element.get(W + name)
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def _flag(element: ET.Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(W + "val", "true") not in ("0", "false", "off")


def _apply_ppr(props: Props, ppr: ET.Element | None) -> Props:
    if ppr is None:
        return props
    changes: dict[str, Any] = {}
    ind = ppr.find(W + "ind")
    if ind is not None:
        size_twips = props.size * 10

        def twips(name: str) -> int | None:
            """An indent in twips; its *Chars form wins when not zero (a zero defers, as in Word)."""
            chars = _int(ind, name + "Chars")
            if chars:
                return chars * size_twips // 100
            value = _int(ind, name)
            if value is None and name == "left":
                value = _int(ind, "start")
            if value is None and name == "right":
                value = _int(ind, "end")
            return value

        left, right = twips("left"), twips("right")
        first, hanging = twips("firstLine"), twips("hanging")
        if left is not None:
            changes["left"] = left
        if right is not None:
            changes["right"] = right
        if hanging:
            changes["first_line"] = -hanging
        elif first is not None:
            changes["first_line"] = first
    spacing = ppr.find(W + "spacing")
    if spacing is not None:
        for attr, key in (("line", "line"), ("before", "before"), ("after", "after")):
            value = _int(spacing, attr)
            if value is not None:
                changes[key] = value
        if spacing.get(W + "lineRule") is not None:
            changes["line_rule"] = spacing.get(W + "lineRule")
    for tag, key in (
        ("keepNext", "keep_next"),
        ("keepLines", "keep_lines"),
        ("pageBreakBefore", "page_break_before"),
        ("autoSpaceDE", "space_latin"),
        ("autoSpaceDN", "space_digits"),
        ("widowControl", "widow_control"),
    ):
        flag = _flag(ppr.find(W + tag))
        if flag is not None:
            changes[key] = flag
    return replace(props, **changes) if changes else props


def _apply_rpr(props: Props, rpr: ET.Element | None) -> Props:
    if rpr is None:
        return props
    changes: dict[str, Any] = {}
    size = _int(rpr.find(W + "sz"), "val")
    if size is not None:
        changes["size"] = size
    spacing = _int(rpr.find(W + "spacing"), "val")
    if spacing is not None:
        changes["spacing"] = spacing
    return replace(props, **changes) if changes else props


class Styles:
    """Paragraph and character styles of a styles.xml, resolved through ``basedOn``."""

    def __init__(self, styles_xml: bytes) -> None:
        root = ET.fromstring(styles_xml)
        defaults = Props()
        doc_defaults = root.find(W + "docDefaults")
        if doc_defaults is not None:
            defaults = _apply_rpr(defaults, doc_defaults.find(f"{W}rPrDefault/{W}rPr"))
            defaults = _apply_ppr(defaults, doc_defaults.find(f"{W}pPrDefault/{W}pPr"))
        self.defaults = defaults
        lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        western = (lang.get(W + "val", "") if lang is not None else "").lower()
        # With Chinese as the language of Latin text too (w:lang w:val="zh-CN", as the reference
        # document sets it), LibreOffice breaks digits and Latin letters like Chinese characters.
        self.latin_words = not western.startswith("zh")
        self._elements = {style.get(W + "styleId", ""): style for style in root.iter(W + "style")}
        self.default_paragraph = next(
            (
                sid
                for sid, style in self._elements.items()
                if style.get(W + "type") == "paragraph"
                and style.get(W + "default") in ("1", "true")
            ),
            "Normal",
        )
        self._cache: dict[str, Props] = {}

    def paragraph(self, style_id: str | None) -> Props:
        """The properties of a paragraph style (the default style when ``None``)."""
        return self._resolve(style_id or self.default_paragraph, self.defaults, set())

    def character(self, style_id: str, base: Props) -> Props:
        """``base`` with a character style's run properties applied."""
        chain = []
        seen: set[str] = set()
        current: str | None = style_id
        while current and current in self._elements and current not in seen:
            seen.add(current)
            element = self._elements[current]
            chain.append(element)
            based = element.find(W + "basedOn")
            current = based.get(W + "val") if based is not None else None
        props = base
        for element in reversed(chain):
            props = _apply_rpr(props, element.find(W + "rPr"))
        return props

    def _resolve(self, style_id: str, defaults: Props, seen: set[str]) -> Props:
        cached = self._cache.get(style_id)
        if cached is not None:
            return cached
        element = self._elements.get(style_id)
        if element is None or style_id in seen:
            return defaults
        seen.add(style_id)
        based = element.find(W + "basedOn")
        props = (
            self._resolve(based.get(W + "val", ""), defaults, seen)
            if based is not None
            else defaults
        )
        props = _apply_rpr(props, element.find(W + "rPr"))
        props = _apply_ppr(props, element.find(W + "pPr"))
        self._cache[style_id] = props
        return props


def char_width(ch: str, size: int, spacing: int) -> int:
    """Advance of one character in twips: ``size`` in half-points, ``spacing`` in 1/20 pt."""
    if is_wide(ch):
        return size * 10 + spacing
    code = ord(ch)
    if 0x20 <= code <= 0x7E:
        return round(_LATIN_WIDTHS[code - 0x20] * size * 10 / 2048) + spacing
    return size * 5 + spacing


def _breakable(before: str, after: str, latin_words: bool = True) -> bool:
    """May a line break between these two characters?

    ``latin_words``: runs of Latin letters and digits stay whole (the document's Western language
    is not Chinese); otherwise they break anywhere, as Chinese does, and ASCII marks follow no
    line-start rule.
    """
    if not latin_words and after.isascii():
        return before not in NOT_AT_END
    if after in NOT_AT_START or before in NOT_AT_END:
        return False
    if before == after == "—":  # a —— dash stays whole (an …… ellipsis may be split)
        return False
    if before == " ":
        return True
    # A run of Latin letters and digits (a number, 2021, ISO9001, 12.5) is one word.
    return not (ord(before) < 0x80 and ord(after) < 0x80 and after != " ")


_ASIAN_PUNCTUATION = frozenset("，。、；：！？“”‘’（）《》〈〉「」『』【】〔〕〖〗—…·～％")


def _script(ch: str) -> str:
    """``asian`` (a Chinese character), ``latin`` (a Latin letter or digit) or ``mark``.

    Extra space goes only between a Chinese character and a Latin letter or digit: none next
    to Chinese punctuation (“，2021”) or ASCII punctuation (“9.6%切”), as LibreOffice lays it out.
    """
    if is_wide(ch):
        return "mark" if ch in _ASIAN_PUNCTUATION or ch in NOT_AT_START else "asian"
    return "latin" if ch.isascii() and ch.isalnum() else "mark"


def _autospace(before: str, after: str, props: Props) -> bool:
    """Is there extra space between scripts ``before`` and ``after`` (Chinese next to Latin)?

    LibreOffice adds it even where the paragraph turns it off (``w:autoSpaceDE/DN`` = 0, as the
    署名 and 成文日期 styles do), so the model does too: it follows the renderer it is tested on.
    """
    return {before, after} == {"asian", "latin"}


def autospace(props: Props) -> int:
    """The extra space between Chinese and Latin text, in twips.

    A fifth of an em, and the character spacing of the glyph before it is not applied
    (measured in LibreOffice 7.4: 3.45 pt at 三号 with −0.25 pt spacing, 4.4 pt at 二号).
    """
    return props.size * 10 // 5 - min(0, props.spacing)


def break_lines(
    pieces: list[tuple[str, Props]], width: int, first_line: int, latin_words: bool = True
) -> list[str]:
    r"""Greedy line breaking of text pieces with their properties; ``\\n`` is a forced break.

    A closing mark that does not fit hangs past the margin (标点悬挂) rather than pulling the
    character before it down; otherwise the line breaks at the last allowed place.
    """
    chars: list[tuple[str, int, int]] = []  # (character, advance, extra space before it)
    previous = ""
    for text, props in pieces:
        for ch in text:
            if ch == "\n":
                chars.append((ch, 0, 0))
                previous = ""
                continue
            script = _script(ch)
            space = autospace(props) if previous and _autospace(previous, script, props) else 0
            if ch == "—" and chars and chars[-1][0] == "—" and len(pieces) > 1:
                space += DASH_PAIR_EXTRA
            chars.append((ch, char_width(ch, props.size, props.spacing), space))
            previous = script
    lines: list[str] = []
    start = 0
    n = len(chars)
    available = width - first_line
    while start < n or not lines:
        used = 0
        last_break = -1
        i = start
        end = n
        while i < n:
            ch, advance, space = chars[i]
            if ch == "\n":
                end = i
                break
            if i > start:
                advance += space  # no extra space at the start of a line
                if _breakable(chars[i - 1][0], ch, latin_words):
                    last_break = i
            if used + advance > available:
                # LibreOffice hangs a mark after a Chinese character; after "2021" only when the
                # digits are Chinese text too (see ``latin_words``).
                hangs = (
                    ch in HANGING and i > start and (is_wide(chars[i - 1][0]) or not latin_words)
                )
                if hangs and i + 1 < n and chars[i + 1][0] in NOT_AT_START:
                    hangs = False  # "。”": the quote cannot start a line, so both move down
                if hangs:
                    end = i + 1
                elif last_break > start:
                    end = last_break
                else:
                    end = max(i, start + 1)
                break
            used += advance
            i += 1
        lines.append("".join(c[0] for c in chars[start:end]))
        if end < n and chars[end][0] == "\n":
            end += 1
            if end == n:
                lines.append("")
        start = end
        available = width
        if start >= n:
            break
    return lines


def _runs(paragraph: ET.Element, styles: Styles, props: Props) -> list[tuple[str, Props]]:
    pieces: list[tuple[str, Props]] = []
    for run in paragraph.iter(W + "r"):
        rpr = run.find(W + "rPr")
        run_props = props
        if rpr is not None:
            style = rpr.find(W + "rStyle")
            if style is not None:
                run_props = styles.character(style.get(W + "val", ""), run_props)
            run_props = _apply_rpr(run_props, rpr)
        for child in run:
            if child.tag == W + "t":
                pieces.append((child.text or "", run_props))
            elif child.tag in (W + "br", W + "cr"):
                pieces.append(("\n", run_props))
            elif child.tag == W + "tab":
                pieces.append(("    ", run_props))
    return pieces


def line_height(props: Props) -> int:
    """Height of one line in twips (exact and at-least spacing; single spacing from the size)."""
    if props.line_rule in ("exact", "atLeast"):
        return props.line
    return round(props.size * 10 * 1.3 * props.line / 240)


def layout_paragraph(element: ET.Element, styles: Styles, width: int) -> Paragraph:
    """The lines of one ``w:p``."""
    ppr = element.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    props = styles.paragraph(style.get(W + "val") if style is not None else None)
    props = _apply_ppr(props, ppr)
    pieces = _runs(element, styles, props)
    text_width = width - props.left - props.right
    lines = (
        break_lines(pieces, text_width, props.first_line, styles.latin_words) if pieces else [""]
    )
    return Paragraph(
        lines,
        line_height(props),
        props.before,
        props.after,
        props.keep_next,
        props.keep_lines,
        props.page_break_before,
        ppr is not None and ppr.find(W + "sectPr") is not None,
        props.widow_control,
    )


def paragraphs(body_xml: str, styles: Styles, width: int) -> Iterator[Paragraph]:
    """The laid-out paragraphs of a body fragment, in order (tables: each row as one block)."""
    root = ET.fromstring(f"<w:body {_NAMESPACES}>{body_xml}</w:body>")
    for element in root:
        if element.tag == W + "p":
            yield layout_paragraph(element, styles, width)
        elif element.tag == W + "tbl":
            yield from _table_rows(element, styles)


def _table_rows(table: ET.Element, styles: Styles) -> Iterator[Paragraph]:
    """Each row as one unsplittable block as tall as its tallest cell."""
    for row in table.iter(W + "tr"):
        tallest = 0
        height = 0
        for cell in row.iter(W + "tc"):
            width_element = cell.find(f"{W}tcPr/{W}tcW")
            cell_width = _int(width_element, "w") or 0
            lines = 0
            for p in cell.iter(W + "p"):
                laid = layout_paragraph(p, styles, cell_width)
                lines += len(laid.lines)
                height = max(height, laid.line_height)
            tallest = max(tallest, lines)
        exact = row.find(f"{W}trPr/{W}trHeight")
        if exact is not None and exact.get(W + "hRule") == "exact":
            rows = max(1, round((_int(exact, "val") or 0) / max(1, height)))
            tallest = rows
        yield Paragraph([""] * tallest, height, 0, 0, False, True, False)


class Page(NamedTuple):
    """The lines on one page (for tests and for debugging a mismatch with a renderer)."""

    lines: list[str]


def paginate(blocks: list[Paragraph], height: int) -> list[Page]:
    """Fill pages of ``height`` twips with the blocks' lines, as Word and LibreOffice do.

    Where a page is full, the break moves up to honour the rules: a paragraph that keeps with
    the next has its last line on the next paragraph's page; one that keeps its lines together
    moves whole; one under widow control (the signature block's last body paragraph; Normal has
    it off, as GB/T 9704 pages must fill) leaves at least two lines on each page. A chain of
    rules that cannot be honoured on one page is given up and the page simply breaks when full.
    """
    lines: list[tuple[int, str, int]] = []  # (block, text, height)
    starts: list[int] = []
    for b, block in enumerate(blocks):
        starts.append(len(lines))
        for k, text in enumerate(block.lines or [""]):
            extra = (block.before if k == 0 else 0) + (
                block.after if k == len(block.lines) - 1 else 0
            )
            lines.append((b, text, block.line_height + extra))
    ends = [*starts[1:], len(lines)]
    pages: list[Page] = []
    first = 0
    while first < len(lines):
        used, p = 0, first
        while p < len(lines):
            b = lines[p][0]
            if p > first and p == starts[b] and blocks[b].page_break_before:
                break
            if used + lines[p][2] > height and p > first:
                break
            used += lines[p][2]
            p += 1
        if p < len(lines):
            p = _honour_keeps(p, first, blocks, lines, starts, ends)
        pages.append(Page([text for _b, text, _h in lines[first:p]]))
        first = p
    return pages or [Page([])]


def _honour_keeps(
    p: int,
    first: int,
    blocks: list[Paragraph],
    lines: list[tuple[int, str, int]],
    starts: list[int],
    ends: list[int],
) -> int:
    """The break (index of the next page's first line) moved up to honour keep rules."""
    original = p
    for _ in range(len(lines)):
        b = lines[p][0]
        moved = p
        if p == starts[b]:  # between blocks: the one before keeps with this one?
            previous = lines[p - 1][0]
            if blocks[previous].keep_next and not blocks[b].page_break_before:
                moved = p - 1
        else:  # inside block b
            block = blocks[b]
            after = ends[b] - p
            if block.keep_lines:
                moved = starts[b]
            elif block.widow_control:
                if after < 2 <= ends[b] - starts[b]:
                    moved = ends[b] - 2
                if moved - starts[b] < 2:
                    moved = starts[b]
        if moved <= first:
            return original  # the rules cannot all hold: break where the page is full
        if moved == p:
            return p
        p = moved
    return original


@functools.lru_cache(maxsize=4)
def styles_of(styles_xml: bytes) -> Styles:
    """Parsed styles, cached: every report of a volume shares one reference document."""
    return Styles(styles_xml)


def count_pages(body_xml: str, styles_xml: bytes, width: int, height: int) -> int:
    """How many pages the body fills."""
    return len(paginate(list(paragraphs(body_xml, styles_of(styles_xml), width)), height))


def section_pages(body_xml: str, styles_xml: bytes, width: int, height: int) -> list[int]:
    """Pages of each section of a body (a paragraph holding a w:sectPr ends a section)."""
    counts: list[int] = []
    blocks: list[Paragraph] = []
    for block in paragraphs(body_xml, styles_of(styles_xml), width):
        blocks.append(block)
        if block.ends_section:
            counts.append(len(paginate(blocks, height)))
            blocks = []
    if blocks:
        counts.append(len(paginate(blocks, height)))
    return counts
