"""Where things go on the page: 署名 and 成文日期, the 版记's height, the title's lines.

Why a module: these are the computations GB/T 9704 fixes in 字 and millimetres (7.3.1 title,
7.3.5 signature block, 7.4 版记), kept apart from the packaging in ``writer`` so each can be
tested on its own numbers. All lengths are in twips unless a name says 字.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ...model.report import Report
from ...render.title import break_title

TEXT_WIDTH = 11906 - 1588 - 1474  # 版心 width in twips (A4 less the GB/T 9704 margins)
ONE_SIHAO = 280  # one 四号 (14 pt) character in twips
IMPRINT_END = 20  # the 1 pt paragraph a text box must end with, after the 版记 table

# The 版头 (GB/T 9704 7.2), fixed in the reference document's styles and used here to keep the
# paper version's first page on the line grid.
LETTERHEAD_LINE = 900  # 45 pt exact: room for the 36 pt (小初) 发文机关标志
LETTERHEAD_BEFORE = 1984 - (LETTERHEAD_LINE - 720) // 2  # its glyphs' top 35 mm below the 版心's
RED_RULE_SPACE = 4  # points between the 发文字号 line and the red rule (w:space)
RED_RULE_SIZE = 12  # eighths of a point: a 1.5 pt red rule (w:sz)
LETTERHEAD_CHAR = 720 * 75 // 100  # one 标志 character: 36 pt narrowed to 75 %, in twips


def text_width(text: str) -> float:
    """Width in 字 (GBT9704.md §5): ASCII counts half a character, everything else one."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def imprint_layout(report: Report) -> tuple[int, int, int]:
    """(抄送 lines, line pitch, height of the 版记 text box), all but the first in twips.

    The box is bottom-aligned on the text area and its content on the box's bottom, so the last
    rule lies on the 版心's bottom edge whatever the estimate. A fixed height, because LibreOffice
    grows an auto-fitting box by more than its content and lifts the rule 2–3 mm. The estimate
    errs long — whole 四号 characters, one fewer per line than fit, for punctuation that may not
    start a line — so the text never overflows; an overestimate only leaves white above 抄送.
    """
    pitch = round(report.output.line_spacing * 20)
    copy_to = report.print.copy_to
    text = "抄送：" + "，".join(copy_to) + "。"
    per_line = (TEXT_WIDTH - 2 * ONE_SIHAO) // ONE_SIHAO - 1
    first = per_line
    rest = per_line - 3
    width = text_width(text)
    lines = 0 if not copy_to else 1 + max(0, math.ceil((width - first) / rest))
    rows = lines + (1 if report.print.printed_by else 0)
    return lines, pitch, rows * pitch + IMPRINT_END


def letterhead_lines(letterhead: str) -> int:
    """Lines the 发文机关标志 takes: 16 of its narrowed 36 pt characters fill the 版心's width."""
    width = sum(LETTERHEAD_CHAR // 2 if ord(ch) < 0x80 else LETTERHEAD_CHAR for ch in letterhead)
    return max(1, math.ceil(width / TEXT_WIDTH))


def letterhead_gap(pitch: int, lines: int = 1) -> int:
    """Space after the 发文字号 paragraph (twips), so the 版头 ends on a line of the grid.

    The 版头 is the 发文机关标志 (space before and an exact 45 pt line), two blank lines, the
    发文字号 line with the red rule as its bottom border (the border's space and width add to the
    paragraph's height, in Word and in LibreOffice), then two blank lines before the title. Those
    heights sum to a fraction of a line more than ten lines — 0.16 mm at 28.95 pt — and a page
    holds a whole number of lines, so page 1 would hold one body line fewer than every other page.
    The second blank line is therefore this space after the rule's paragraph, one line less the
    excess: every length GB/T 9704 fixes (35 mm to the 标志, 2 lines to the 文号, 4 pt to the
    rule) stays as it was, and the title starts on a grid line, at most a few twips higher than
    two blank lines below the rule. Computed per pitch, so ``output.line_spacing`` keeps it true,
    and per ``lines`` of the 标志 (a long name wraps on to a second 45 pt line).
    """
    rule = RED_RULE_SPACE * 20 + RED_RULE_SIZE * 20 // 8  # the border's space and width, twips
    fixed = LETTERHEAD_BEFORE + lines * LETTERHEAD_LINE + rule
    gap = -fixed % pitch
    return gap + pitch if gap < pitch // 2 else gap


def title_lines(report: Report) -> list[str]:
    """The title as printed: the user's lines kept; one line, or the default, broken between words."""
    if len(report.title) > 1:
        return list(report.title)
    return break_title(report.full_title, report.organization)


def signature_indents(
    organization: str, date_text: str, sealed: bool = False
) -> tuple[float, float]:
    """Right indents (in 字) of 署名 and 成文日期, GB/T 9704 7.3.5.

    Unsealed (7.3.5.2): the 署名 stands 2 字 from the right margin and the date's first
    character 2 字 right of the 署名's first character; a date longer than the 署名 stands 2 字
    from the right margin instead, and the 署名 moves left to keep the 2 字 offset.
    Sealed (7.3.5.1): the date stands 4 字 from the right margin and the 署名 is centred over it.
    """
    signature, date = text_width(organization), text_width(date_text)
    if sealed:
        return max(0.0, 4.0 + (date - signature) / 2), 4.0
    if date <= signature:
        return 2.0, signature - date
    return date - signature + 4.0, 2.0


class Placement(NamedTuple):
    """Where one line of the signature block stands: alignment and indents in twips."""

    jc: str
    left: int
    right: int


SANHAO = 320  # one 三号 (16 pt) character in twips: the 字 of GB/T 9704's offsets
LETTER_SPACING = 5  # the styles' −0.25 pt character spacing, in twips


def rendered_width(text: str) -> int:
    """Width of a 三号 line in twips: 16 pt per CJK character, 8 pt per ASCII one, less spacing."""
    return sum((SANHAO // 2 if ord(ch) < 0x80 else SANHAO) - LETTER_SPACING for ch in text)


def signature_layout(
    organization: str, date_text: str, sealed: bool = False
) -> tuple[Placement, Placement]:
    """The 署名 and 成文日期 lines (GB/T 9704 7.3.5), placed so renderers cannot shift them.

    What the standard fixes is relative: unsealed, the date's first character 2 字 right of the
    署名's; sealed, the 署名 centred over a date 4 字 from the right margin. LibreOffice ignores
    ``autoSpaceDE/DN`` and widens ``2022年1月7日`` by a gap at each digit/汉字 boundary, so a
    right-aligned date would start about 1 字 off. Unsealed, both lines are therefore
    left-aligned at indents computed from the 署名's width (汉字 only, the same in every
    renderer), and the date starts exactly 2 字 further right. Sealed, both are centred on the
    same point, so the 署名 stays centred over the date however wide the date is drawn.
    """
    signature_w, date_w = rendered_width(organization), rendered_width(date_text)
    if sealed:
        centre = TEXT_WIDTH - 4 * SANHAO - date_w // 2
        half = TEXT_WIDTH - centre
        band = Placement("center", centre - half, 0)
        if signature_w > 2 * half:  # too long to centre inside the margins
            return Placement("right", 0, 0), band
        return band, band
    # 右空二字 for the 署名, or for a date longer than the 署名 (the 署名 then moves left).
    if text_width(date_text) > text_width(organization):
        start = TEXT_WIDTH - 2 * SANHAO - date_w - 2 * SANHAO
    else:
        start = TEXT_WIDTH - 2 * SANHAO - signature_w
    start = max(0, start)
    return Placement("left", start, 0), Placement("left", start + 2 * SANHAO, 0)
