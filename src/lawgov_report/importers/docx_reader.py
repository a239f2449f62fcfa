"""Word files (.docx, .docm, .dotx, .dotm): lawgov's own, or the file a clerk actually has.

What the file says is trusted in this order when it says what a paragraph is:
1. lawgov's own styles (``Gw 发文字号``, ``Gw 抄送机关``… and the run-in character styles);
2. Word's automatic numbering: the number Word shows (``ooxml.numbering`` renders it from the
   level's format) is recognised as 一、/（一）/1./（1）;
3. heading styles and outline levels — ``heading 2``, ``标题 2``, a style based on one. Their
   levels are matched to the report's by the typed numbers of the paragraphs that carry both
   (a clerk who puts the title on 标题 1 puts 一、 on 标题 2); where a paragraph's style and
   its typed number disagree, the style decides and a warning names both;
4. the typed markers (the shared scan's patterns);
5. run fonts: a paragraph that begins with 黑体 or 楷体 runs when the body is in another font
   (the heading sentence of a run-in heading ends where the font changes).

Paragraph boundaries are Word's; a manual line break (``w:br``) is a soft break the scan may
join across. Empty paragraphs (spacing) and typed indents are dropped. A table of figures is
named in a warning and left out (the report has no tables); a table used for layout — the 版记,
a signature beside its date — is read cell by cell. The 版头 elements in the first page's
header are read before the body; other header text is named in a warning. What the reading
left out (comments, pictures, charts, notes, hidden text) and that tracked changes were
accepted is said in a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic
from ..i18n import _, ngettext
from ..ooxml.reading import Paragraph, Run, WordDocument, read_word, read_word_file
from . import elements
from .elements import DATE_LINE, ends_sentence, is_title, marker
from .lines import Line, Reading, warning

# Paragraph style names (lower case, as Word compares them) → the role they give a paragraph.
_ROLES = {
    "title": "title",
    "gw 发文字号": "doc_number",
    "gw 发文字号（版头）": "doc_number",
    "gw 主送机关": "recipients",
    "gw 发文机关署名": "signature",
    "gw 成文日期": "date",
    "gw 附件说明": "attachment",
    "gw 发文机关标志": "letterhead",
    "gw 抄送机关": "copy_to",
    "gw 印发机关和印发日期": "printed",
}
_RUN_IN = {"gw 二级标题（段内）": 2, "gw 三级标题（段内）": 3, "gw 四级标题（段内）": 4}
_HEADING_FONTS = {"黑体": 1, "方正黑体": 1, "方正黑体简体": 1, "simhei": 1, "楷体": 2, "kaiti": 2}
_BLANKS = " \t\u3000\xa0"
MAX_TITLE = 80  # characters: GB/T 9704 titles run to two or three lines of 21
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Automatic numbers in enclosed or full-width forms → the typed forms the scan recognises.
_LABEL_FORMS = str.maketrans(
    {
        **{chr(0x2488 + i): f"{i + 1}." for i in range(20)},  # ⒈
        **{chr(0x2474 + i): f"({i + 1})" for i in range(20)},  # ⑴
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０
        "．": ".",
    }
)


def _font_level(font: str) -> int:
    """1 for 黑体, 2 for 楷体 (also their _GB2312 and 方正 names), else 0."""
    name = font.lower().replace("_gb2312", "").replace("简体", "").strip()
    if name in _HEADING_FONTS:
        return _HEADING_FONTS[name]
    if "黑体" in name:
        return 1
    if "楷体" in name:
        return 2
    return 0


def _tidy(text: str) -> str:
    """Tabs (used to align) become one space; typed indents and trailing blanks go."""
    return " ".join(part.strip(_BLANKS) for part in text.split("\t") if part.strip(_BLANKS))


def _red(color: str) -> bool:
    if len(color) != 6:
        return False
    try:
        red, green, blue = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return red >= 0xC0 and green <= 0x50 and blue <= 0x50


def _first_run(paragraph: Paragraph) -> Run | None:
    return next((run for run in paragraph.runs if run.text.strip(_BLANKS)), None)


def _font_head(paragraph: Paragraph, body_font: str) -> tuple[int, str]:
    """(level, heading sentence) when the paragraph begins in a heading font, else (0, "")."""
    runs = [run for run in paragraph.runs if run.text]
    while runs and not runs[0].text.strip(_BLANKS):
        runs.pop(0)
    if not runs:
        return 0, ""
    level = _font_level(runs[0].look.font)
    if not level or _font_level(body_font) == level:
        return 0, ""
    head = ""
    for run in runs:
        if run.text.strip(_BLANKS) and _font_level(run.look.font) != level:
            break
        head += run.text
    return level, _tidy(head)


def _label_text(paragraph: Paragraph) -> str:
    label = paragraph.label
    if label is None or label.fmt == "bullet":
        return ""
    return label.text.translate(_LABEL_FORMS).strip(_BLANKS)


def _body_font(document: WordDocument) -> str:
    """The font most of the text is in (a heading font only counts where it is the exception)."""
    counts: Counter[str] = Counter()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            counts[run.look.font] += len(run.text)
    return counts.most_common(1)[0][0] if counts else ""


def _data_tables(document: WordDocument) -> dict[int, list[Paragraph]]:
    """Tables of figures (not of layout): two rows and two columns at least, no 公文 element."""
    cells: dict[int, list[Paragraph]] = {}
    for paragraph in document.paragraphs:
        if paragraph.table:
            cells.setdefault(paragraph.table, []).append(paragraph)
    found = {}
    for table in document.tables:
        content = cells.get(table.number, [])
        texts = [_tidy(p.text) for p in content if _tidy(p.text)]
        layout = any(
            elements.copy_to(text) is not None
            or elements.letterhead(text) is not None
            or elements.printed(text) is not None
            or elements.signer(text) is not None
            or DATE_LINE.match(text)
            or elements.chinese_date(text)
            for text in texts
        )
        if table.rows >= 2 and table.columns >= 2 and not layout:
            found[table.number] = content
    return found


def _dropped(document: WordDocument, display: str) -> list[Diagnostic]:
    counts = (
        (
            document.changes,
            ngettext(
                "{count} tracked change was accepted: the text is read as it reads with all "
                "changes accepted; check it",
                "{count} tracked changes were accepted: the text is read as it reads with all "
                "changes accepted; check it",
                document.changes,
            ),
        ),
        (
            document.comments,
            ngettext(
                "{count} comment is not kept (comments are not report text)",
                "{count} comments are not kept (comments are not report text)",
                document.comments,
            ),
        ),
        (
            document.pictures,
            ngettext(
                "{count} picture is not kept (the report holds text only)",
                "{count} pictures are not kept (the report holds text only)",
                document.pictures,
            ),
        ),
        (
            document.charts,
            ngettext(
                "{count} chart or SmartArt graphic is not kept (the report holds text only); "
                "write what it shows into the text",
                "{count} charts or SmartArt graphics are not kept (the report holds text only); "
                "write what they show into the text",
                document.charts,
            ),
        ),
        (
            document.hidden,
            ngettext(
                "{count} stretch of hidden text (隐藏文字, not shown or printed by Word) is not "
                "kept: “{sample}”",
                "{count} stretches of hidden text (隐藏文字, not shown or printed by Word) are not "
                "kept, the first: “{sample}”",
                document.hidden,
            ),
        ),
        (
            document.notes,
            ngettext(
                "{count} footnote or endnote is not kept; move its text into the body",
                "{count} footnotes or endnotes are not kept; move their text into the body",
                document.notes,
            ),
        ),
        (
            document.placeholders,
            ngettext(
                "{count} content control still showing its prompt text was skipped",
                "{count} content controls still showing their prompt text were skipped",
                document.placeholders,
            ),
        ),
    )
    return [
        warning(
            display,
            0,
            "LG610",
            message.format(count=count, sample=elements.short(document.hidden_sample)),
        )
        for count, message in counts
        if count
    ]


@dataclass(slots=True)
class _Candidate:
    """One paragraph's evidence about what it is, gathered before levels are decided.

    ``label_level`` is the level Word's automatic number gives (0: none, or not a heading
    number: then the number is kept in ``text``), ``typed`` that of a number typed in the text,
    ``style_level`` the Word heading level of its style (0: none), ``font_level`` and
    ``font_head`` what its opening font says.
    """

    paragraph: Paragraph
    text: str
    label_level: int = 0
    typed: int = 0
    style_level: int = 0
    title: bool = False
    font_level: int = 0
    font_head: str = ""


def _candidate(paragraph: Paragraph, text: str, body_font: str) -> _Candidate:
    c = _Candidate(paragraph, text)
    label = _label_text(paragraph)
    found = marker(f"{label} {text}") if label else None
    if found is not None:
        c.label_level = found[0]
    else:
        typed = marker(text)
        c.typed = typed[0] if typed else 0
        if label:
            c.text = f"{label}{text}"  # a number that is not a heading marker stays in the text
    c.style_level = paragraph.heading if paragraph.heading >= 1 else 0
    # on the title style, and short enough to be one (a whole paragraph styled so is text)
    c.title = paragraph.heading == 0 and len(text.replace("\n", "")) <= MAX_TITLE
    c.font_level, c.font_head = _font_head(paragraph, body_font)
    return c


def _style_levels(candidates: list[_Candidate]) -> dict[int, int]:
    """Word heading level → report level, learned from paragraphs that also carry a number."""
    votes: dict[int, Counter[int]] = {}
    used = set()
    for c in candidates:
        if c.style_level:
            used.add(c.style_level)
            level = c.label_level or c.typed
            if level:
                votes.setdefault(c.style_level, Counter())[level] += 1
    mapping = {style: counter.most_common(1)[0][0] for style, counter in votes.items()}
    for style in sorted(used - set(mapping)):
        nearest = min(mapping, key=lambda s: abs(s - style), default=None)
        if nearest is not None:
            mapping[style] = mapping[nearest] + (style - nearest)
        else:
            mapping[style] = style - min(used) + 1
    return mapping


def _segments(text: str, number: int, hint: str = "", level: int = 0, head: str = "") -> list[Line]:
    """A paragraph's lines: a manual line break is a soft break (the scan may join across it)."""
    if not text.strip(_BLANKS + "\n") and not head:
        return []
    if hint in ("title",):
        return [Line(text, number, hint, level, head, soft=False)]
    if hint in ("heading", "run_in", "letterhead", "recipients", "signature"):
        return [Line(text.replace("\n", ""), number, hint, level, head, soft=False)]
    parts = [part.strip(_BLANKS) for part in text.split("\n")]
    lines = []
    for i, part in enumerate(p for p in parts if p):
        lines.append(Line(part, number, hint if i == 0 else "", level, head, soft=i > 0))
    return lines


def _header_lines(document: WordDocument, display: str) -> tuple[list[Line], list[Diagnostic]]:
    """The 版头 elements of the first page's header (发文机关标志, 发文字号, 签发人…) as lines.

    They go before the body, as line 0 (a header has no paragraph number); any other header
    text is named in a warning.
    """
    lines: list[Line] = []
    unread: list[str] = []
    for paragraph in document.header:
        text = _tidy(paragraph.text.replace("\n", " "))
        if not text:
            continue
        line = Line(text, 0, soft=False)
        first_run = _first_run(paragraph)
        if elements.letterhead(text) is not None or (
            first_run is not None
            and (_red(first_run.look.color) or first_run.look.size >= 52)
            and elements.agency_like(text)
        ):
            lines.append(line._replace(hint="letterhead"))
        elif elements.front_element(line):
            lines.append(line)
        else:
            unread.append(text)
    unread.extend(
        text
        for text in (_tidy(t.replace("\n", " ")) for t in document.header_texts)
        if text and not _page_number(text)
    )
    warnings = []
    if unread:
        warnings.append(
            warning(
                display,
                0,
                "LG610",
                ngettext(
                    "{count} line of the page headers is not read: “{text}”; if it belongs to "
                    "the report, move it into the body",
                    "{count} lines of the page headers are not read, the first: “{text}”; if "
                    "they belong to the report, move them into the body",
                    len(unread),
                ).format(count=len(unread), text=elements.short(unread[0])),
            )
        )
    return lines, warnings


def _page_number(text: str) -> bool:
    """“— 1 —”, “第1页 共3页”: a page number, no loss."""
    return not any(ch not in "—-– 0123456789第页共/" for ch in text)


def lines_of(document: WordDocument, display: str) -> Reading:
    """A read Word document → lines with hints, and warnings for what was left out."""
    warnings = _dropped(document, display)
    header, unread = _header_lines(document, display)
    warnings.extend(unread)
    body_font = _body_font(document)
    figures = _data_tables(document)
    candidates: dict[int, _Candidate] = {}
    for paragraph in document.paragraphs:
        if paragraph.table in figures:
            continue
        text = "\n".join(_tidy(part) for part in paragraph.text.split("\n")).strip("\n")
        label = _label_text(paragraph)
        if text.strip() or (label and not marker(f"{label} x")):
            # a heading number with no text after it holds nothing to keep; any other
            # number (①, 第一章) is kept as the paragraph's text
            candidates[paragraph.number] = _candidate(paragraph, text, body_font)
    title_at = _title_index(list(candidates.values()))
    mapping = _style_levels([c for c in candidates.values() if not c.title])
    lines: list[Line] = list(header)
    tables_seen: set[int] = set()
    for paragraph in document.paragraphs:
        if paragraph.table in figures:
            if paragraph.table not in tables_seen:
                tables_seen.add(paragraph.table)
                lines.append(_table_line(document, paragraph.table, figures[paragraph.table]))
            continue
        c = candidates.get(paragraph.number)
        if c is not None:
            lines.extend(_line(c, mapping, display, warnings, paragraph.number > title_at))
    return Reading(lines, warnings)


def _title_index(candidates: list[_Candidate]) -> int:
    """The title's paragraph (0 when none is found).

    On the title style, or a heading style or plain text that reads like a report's title,
    before any numbered heading.
    """
    for c in candidates:
        if c.label_level or c.typed:
            break
        if c.title:
            return c.paragraph.number
        if is_title(c.text.replace("\n", "")) and not elements.letterhead(c.text):
            if c.style_level:
                c.title = True
            return c.paragraph.number
    return 0


def _table_line(document: WordDocument, number: int, cells: list[Paragraph]) -> Line:
    """A table of figures as one line: its first row, its number of rows as the level, its cells."""
    first_row = [_tidy(p.text) for p in cells if p.row == 1 and _tidy(p.text)]
    rows = next(t.rows for t in document.tables if t.number == number)
    grid: dict[int, dict[int, str]] = {}
    for p in cells:
        row = grid.setdefault(p.row, {})
        row[p.cell] = " ".join(filter(None, (row.get(p.cell, ""), _tidy(p.text).replace("\n", ""))))
    cells_by_row = tuple(
        tuple(grid[r].get(c, "") for c in range(1, max(grid[r]) + 1)) for r in sorted(grid)
    )
    index = cells[0].number if cells else 0
    return Line(" | ".join(first_row), index, "table", rows, soft=False, rows=cells_by_row)


def _line(
    c: _Candidate,
    mapping: dict[int, int],
    display: str,
    warnings: list[Diagnostic],
    after_title: bool,
) -> list[Line]:
    paragraph, text, number = c.paragraph, c.text, c.paragraph.number
    role = _ROLES.get(paragraph.style)
    if role is not None and not c.label_level:
        if role == "doc_number" and elements.signer(text):
            return [Line(text, number, "signer", soft=False)]
        return _segments(text, number, role)
    first = paragraph.runs[0] if paragraph.runs else None
    run_in_level = _RUN_IN.get(first.style) if first is not None else None
    if run_in_level:
        head = "".join(r.text for r in paragraph.runs if _RUN_IN.get(r.style) == run_in_level)
        return _segments(text[len(head) :].strip(_BLANKS), number, "run_in", run_in_level, head)
    if c.title:
        return _segments(text, number, "title")
    if c.label_level:
        return _heading(c, c.label_level, text)
    level = mapping.get(c.style_level, 0) if c.style_level else 0
    if 1 <= level <= 4:
        if c.typed and c.typed != level:
            warnings.append(
                warning(
                    display,
                    number,
                    "LG615",
                    _(
                        "the heading style makes “{text}” a level-{style} heading, its typed "
                        "number a level-{typed} one; level {style} kept — check it"
                    ).format(text=text[:30], style=level, typed=c.typed),
                )
            )
        return _heading(c, level, text)
    if c.typed:
        if c.font_level and c.font_head and c.font_head != text:
            found = marker(c.font_head)
            rest = text[len(c.font_head) :].strip(_BLANKS)
            if found is not None and found[0] == c.typed and found[2] and rest:
                return _segments(rest, number, "run_in", c.typed, c.font_head)
        return _segments(text, number)
    first_run = _first_run(paragraph)
    if (
        first_run is not None
        and not after_title
        and (_red(first_run.look.color) or first_run.look.size >= 52)
        and elements.agency_like(text.replace("\n", ""))
    ):
        return _segments(text, number, "letterhead")
    if c.font_level and after_title and not text.startswith("附件") and "\n" not in text:
        if c.font_head == text and len(text) <= 40 and not ends_sentence(text):
            return _segments(text, number, "heading", c.font_level)
        rest = text[len(c.font_head) :].strip(_BLANKS)
        if c.font_head and rest and ends_sentence(c.font_head) and len(c.font_head) <= 60:
            return _segments(rest, number, "run_in", c.font_level, c.font_head)
    return _segments(text, number)


def _heading(c: _Candidate, level: int, text: str) -> list[Line]:
    """A heading line; run-in when its heading sentence ends where the font changes."""
    head = c.font_head
    if c.font_level and head and head != text and text.startswith(head):
        found = marker(head)
        rest = text[len(head) :].strip(_BLANKS)
        if rest and (found is None or found[2]):
            return _segments(rest, c.paragraph.number, "run_in", level, head)
    return _segments(text, c.paragraph.number, "heading", level)


def read(path: Path, display: str) -> Reading:
    """A Word file's lines; an old binary .doc named .docx goes through LibreOffice first."""
    start = b""
    try:
        if path.is_file():  # a pipe or a device is refused by read_word_file, unread
            with path.open("rb") as handle:
                start = handle.read(8)
    except OSError:
        pass
    if start == _OLE:
        from .legacy import read as read_legacy

        return read_legacy(path, display)
    return lines_of(read_word_file(path, display), display)


def read_bytes(data: bytes, display: str) -> Reading:
    """``read`` for a package already in memory (converted from .doc by LibreOffice)."""
    return lines_of(read_word(data, display), display)
