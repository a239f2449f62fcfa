r"""A Word file's text in reading order, as Word shows it, for the commands that read one.

Why not python-docx: the files clerks have are made in Word and WPS from their office's 红头
templates, and what matters in them is exactly what python-docx does not read — text boxes (the
版头 is usually in one, saved twice: in ``mc:Choice`` for Word 2010+ and in ``mc:Fallback`` as
VML), tables in the body (版记, signature and date, figures), automatic numbering (the heading
number is in ``numbering.xml``, not in the text), tracked changes (``Paragraph.text`` drops the
text of ``w:ins`` and keeps no trace of ``w:del``) and content controls. Reading the XML
directly with lxml does all of this in one walk, reads each part through the one hardened path
(``package.read_package`` caps sizes and refuses encrypted entries; ``xml.parse_xml`` refuses
DTDs and entities), accepts ``.docm`` and ``.dotx`` (python-docx refuses them by content type)
and costs less at start-up than python-docx's object model (``textconv`` runs once per file
version in a ``git diff``).

What the walk produces: every paragraph once, in reading order — the body, each table cell by
cell, and each text box right after the paragraph it is anchored in (once, the ``mc:Choice``
copy) — in the "accept all changes" view, with manual line breaks as ``\n`` and tabs as
``\t``, the automatic number Word would show, the style's heading level and the look of each
run. What it leaves out is counted, so the commands can say so: tracked changes accepted,
comments, pictures, charts and SmartArt, footnotes, hidden text (``w:vanish``, which Word
neither shows nor prints), the placeholder text of empty content controls. The page header
printed on the first page is read apart (templates put the 版头 there too); the text of the
other headers is kept for a warning. A package whose main part is not a Word document (a
workbook renamed .docx) is refused.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import LawgovError, ReportError
from ..i18n import _
from ..source.files import read_limited
from .numbering import Label, Numbering
from .package import MAX_TOTAL_BYTES, cannot_read, read_package, refuse
from .styles import RunLook, Styles, W, on, run_look, val
from .xml import parse_xml

if TYPE_CHECKING:
    from lxml import etree

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_DIAGRAM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"
_OFFICE_DOCUMENT = "/officeDocument"
_INLINE_CONTAINERS = {
    W + name
    for name in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir")
}
_REMOVED = {W + "del", W + "moveFrom"}
_PICTURES = {W + "drawing", W + "pict", W + "object"}


class Run(NamedTuple):
    """A stretch of text with one look: its East Asian font, bold, colour and size."""

    text: str
    look: RunLook
    style: str = ""  # the character style's name, lower case


class Paragraph(NamedTuple):
    """One paragraph as Word shows it.

    ``heading`` comes from the paragraph style (or a direct outline level): 1–9 for headings,
    0 for the title style, -1 otherwise. ``where`` is the innermost container: ``body``,
    ``table`` (then ``table``, ``row`` and ``cell`` number it) or ``textbox`` (``box``).
    """

    number: int  # 1-based, in reading order
    text: str
    runs: tuple[Run, ...]
    style: str
    heading: int
    label: Label | None
    where: str
    table: int = 0
    row: int = 0
    cell: int = 0
    box: int = 0
    align: str = ""


class Table(NamedTuple):
    """A table's size, to tell a layout table (版记, signature) from one of figures."""

    number: int
    rows: int
    columns: int
    where: str


class WordDocument(NamedTuple):
    """The paragraphs in reading order, the tables, and counts of what was left out.

    ``header`` holds the paragraphs of the page header Word prints on the first page (where
    some templates put the 版头); ``header_texts`` the text of every other page header.
    ``hidden`` counts stretches of hidden text (``hidden_sample`` is the first one), ``charts``
    charts and SmartArt graphics, whose text is not in the document part.
    """

    paragraphs: list[Paragraph]
    tables: list[Table]
    changes: int
    comments: int
    pictures: int
    notes: int
    placeholders: int
    hidden: int = 0
    hidden_sample: str = ""
    charts: int = 0
    header: tuple[Paragraph, ...] = ()
    header_texts: tuple[str, ...] = ()


class _Place(NamedTuple):
    where: str
    table: int = 0
    row: int = 0
    cell: int = 0
    box: int = 0


def _choice(alternate: etree._Element) -> list[etree._Element]:
    """The one branch of ``mc:AlternateContent`` to read: the first choice, else the fallback."""
    for branch in alternate:
        if branch.tag == _MC + "Choice":
            return list(branch)
    for branch in alternate:
        if branch.tag == _MC + "Fallback":
            return list(branch)
    return []


def _boxes(element: etree._Element) -> list[etree._Element]:
    """The outermost text boxes in a drawing, in order, reading one branch of each alternative.

    Recursion is bounded: the XML parser refuses documents nested deeper than 256 elements.
    """
    found: list[etree._Element] = []
    for child in element:
        tag = child.tag
        if tag == W + "txbxContent":
            found.append(child)
        elif tag == _MC + "AlternateContent":
            for branch in _choice(child):
                found.extend(_boxes_of(branch))
        elif isinstance(tag, str):
            found.extend(_boxes(child))
    return found


def _boxes_of(element: etree._Element) -> list[etree._Element]:
    return [element] if element.tag == W + "txbxContent" else _boxes(element)


class _Walker:
    """One walk over the body; counters and counts live here."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.changes = self.pictures = self.notes = self.placeholders = 0
        self.hidden = self.charts = 0
        self.hidden_sample = ""
        self.box_count = 0
        self._char_styles: dict[str, tuple[str, RunLook]] = {}

    # ---------------------------------------------------------------- blocks

    def blocks(self, parent: etree._Element, place: _Place) -> None:
        """Paragraphs and tables of a container, in order; a deleted paragraph mark joins two."""
        pending: tuple[list[Run], list[etree._Element]] | None = None
        for child in self._block_children(parent):
            if child.tag == W + "p":
                pending = self.paragraph(child, place, pending)
            elif child.tag == W + "tbl":
                self._flush(pending, place)
                pending = None
                self.table(child, place)
        self._flush(pending, place)

    def _block_children(self, parent: etree._Element) -> list[etree._Element]:
        """Block-level children, looking through content controls, custom XML and alternates."""
        out: list[etree._Element] = []
        stack = list(reversed(list(parent)))
        while stack:
            child = stack.pop()
            tag = child.tag
            if tag in (W + "p", W + "tbl"):
                out.append(child)
            elif tag == W + "sdt":
                stack.extend(reversed(self._sdt_content(child)))
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                stack.extend(reversed(list(child)))
            elif tag == _MC + "AlternateContent":
                stack.extend(reversed(_choice(child)))
        return out

    def _sdt_content(self, sdt: etree._Element) -> list[etree._Element]:
        """A content control's content; nothing for one still showing its placeholder (counted).

        Block-level and inline controls are read alike, so one rule decides for both.
        """
        if _placeholder(sdt):
            self.placeholders += 1
            return []
        content = sdt.find(W + "sdtContent")
        return list(content) if content is not None else []

    def _flush(self, pending: tuple[list[Run], list[etree._Element]] | None, place: _Place) -> None:
        if pending is not None:
            runs, boxes = pending
            self._emit(runs, boxes, None, place)

    def table(self, table: etree._Element, place: _Place) -> None:
        """Each cell's content, row by row; the table's size is recorded."""
        self.tables.append(Table(len(self.tables) + 1, 0, 0, place.where))
        number = len(self.tables)
        rows = columns = 0
        for row in table.iter(W + "tr"):
            if not _same_table(row, table):
                continue
            rows += 1
            cells = _cells(row)
            columns = max(columns, len(cells))
            for column, cell in enumerate(cells, start=1):
                self.blocks(cell, _Place("table", number, rows, column, place.box))
        self.tables[number - 1] = Table(number, rows, columns, place.where)

    # ---------------------------------------------------------------- paragraphs

    def paragraph(
        self,
        p: etree._Element,
        place: _Place,
        pending: tuple[list[Run], list[etree._Element]] | None,
    ) -> tuple[list[Run], list[etree._Element]] | None:
        """Read one paragraph; returns its content instead when its mark was deleted."""
        ppr = p.find(W + "pPr")
        runs: list[Run] = list(pending[0]) if pending else []
        boxes: list[etree._Element] = list(pending[1]) if pending else []
        style_id = val(ppr, "pStyle")
        base = self.styles.get(style_id)
        self._inline(p, runs, boxes, base.look)
        mark = ppr.find(W + "rPr") if ppr is not None else None
        if mark is not None and mark.find(W + "ins") is not None:
            self.changes += 1
        if mark is not None and mark.find(W + "del") is not None:
            self.changes += 1
            return runs, boxes
        self._emit(runs, boxes, p, place)
        return None

    def _emit(
        self,
        runs: list[Run],
        boxes: list[etree._Element],
        p: etree._Element | None,
        place: _Place,
    ) -> None:
        ppr = p.find(W + "pPr") if p is not None else None
        style_id = val(ppr, "pStyle")
        style = self.styles.get(style_id)
        heading = style.heading
        outline = val(ppr, "outlineLvl")
        if outline is not None and outline.isdigit():
            heading = int(outline) + 1 if int(outline) <= 8 else -1
        label = self._label(ppr, style_id, style.num_id, style.ilvl)
        self.paragraphs.append(
            Paragraph(
                len(self.paragraphs) + 1,
                "".join(run.text for run in runs),
                tuple(runs),
                style.name,
                heading,
                label,
                place.where,
                place.table,
                place.row,
                place.cell,
                place.box,
                val(ppr, "jc") or "",
            )
        )
        for box in boxes:
            self.box_count += 1
            self.blocks(box, _Place("textbox", box=self.box_count))

    def _label(
        self, ppr: etree._Element | None, style_id: str | None, style_num: str, style_ilvl: int
    ) -> Label | None:
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = val(num_pr, "ilvl") if num_pr is not None else None
        if num_id is None:
            num_id = style_num
        if not num_id or num_id == "0":
            return None
        if ilvl_text is not None and ilvl_text.isdigit():
            ilvl = int(ilvl_text)
        elif style_ilvl >= 0:
            ilvl = style_ilvl
        else:
            ilvl = self.numbering.level_for_style(num_id, style_id or "")
        return self.numbering.next_label(num_id, ilvl)

    # ---------------------------------------------------------------- runs

    def _inline(
        self,
        parent: etree._Element,
        runs: list[Run],
        boxes: list[etree._Element],
        base: RunLook,
    ) -> None:
        stack = list(reversed(list(parent)))
        while stack:
            child = stack.pop()
            tag = child.tag
            if tag == W + "r":
                self._run(child, runs, boxes, base)
            elif tag in _INLINE_CONTAINERS:
                if tag in (W + "ins", W + "moveTo"):
                    self.changes += 1
                stack.extend(reversed(list(child)))
            elif tag in _REMOVED:
                self.changes += 1
            elif tag == W + "sdt":
                stack.extend(reversed(self._sdt_content(child)))
            elif tag == _MC + "AlternateContent":
                stack.extend(reversed(_choice(child)))
            elif tag in (_M + "oMath", _M + "oMathPara"):
                text = "".join(t.text or "" for t in child.iter(_M + "t"))
                if text:
                    runs.append(Run(text, base))

    def _run(
        self, r: etree._Element, runs: list[Run], boxes: list[etree._Element], base: RunLook
    ) -> None:
        rpr = r.find(W + "rPr")
        char_name = ""
        look = run_look(rpr)
        char_id = val(rpr, "rStyle")
        if char_id:
            cached = self._char_styles.get(char_id)
            if cached is None:
                cached = self.styles.character_look(char_id)
                self._char_styles[char_id] = cached
            char_name, char_look = cached
            look = look.under(char_look)
        look = look.under(base)
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char") or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    continue
                if not 0xF000 <= ord(char) <= 0xF0FF:  # symbol-font glyphs have no meaning as text
                    parts.append(char)
            elif tag in _PICTURES:
                boxes.extend(_boxes(child))
                self.pictures += _picture_count(child)
                self.charts += _chart_count(child)
            elif tag == _MC + "AlternateContent":
                branch = _choice(child)
                found = [box for element in branch for box in _boxes_of(element)]
                if not found:  # a choice without the text (some writers): the fallback's
                    fallback = [b for b in child if b.tag == _MC + "Fallback"]
                    found = [box for b in fallback for e in b for box in _boxes_of(e)]
                boxes.extend(found)
                self.pictures += sum(_picture_count(element) for element in branch)
                self.charts += sum(_chart_count(element) for element in branch)
            elif tag == W + "ruby":
                base_text = child.find(W + "rubyBase")
                if base_text is not None:
                    parts.extend(t.text or "" for t in base_text.iter(W + "t"))
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                self.notes += 1
        text = "".join(parts)
        if text and look.hidden:
            # 隐藏文字: Word neither shows nor prints it (notes to oneself, old figures)
            if text.strip():
                self.hidden += 1
                self.hidden_sample = self.hidden_sample or text.strip()
            return
        if text:
            if runs and runs[-1].look == look and runs[-1].style == char_name:
                runs[-1] = Run(runs[-1].text + text, look, char_name)
            else:
                runs.append(Run(text, look, char_name))


def _picture_count(element: etree._Element) -> int:
    """Pictures (photos, scans) in a drawing; lines and empty shapes are no loss of text."""
    return sum(1 for _ in element.iter(_PIC + "pic", _V + "imagedata"))


def _chart_count(element: etree._Element) -> int:
    """Charts and SmartArt graphics in a drawing: their text lives in parts of their own."""
    return sum(1 for _ in element.iter(_CHART + "chart", _DIAGRAM + "relIds"))


def _placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its prompt (“单击此处输入文字”) holds no text of the author."""
    props = sdt.find(W + "sdtPr")
    return bool(props is not None and on(props, "showingPlcHdr"))


def _same_table(row: etree._Element, table: etree._Element) -> bool:
    parent = row.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent is table


def _cells(row: etree._Element) -> list[etree._Element]:
    """A row's cells, looking through content controls around cells."""
    cells: list[etree._Element] = []
    stack = list(reversed(list(row)))
    while stack:
        child = stack.pop()
        if child.tag == W + "tc":
            cells.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            stack.extend(reversed(list(child)))
    return cells


def _target(rels: etree._Element | None, kind: str, base: str) -> str | None:
    if rels is None:
        return None
    for rel in rels.iter(_REL + "Relationship"):
        if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(base, target))
    return None


def _targets(rels: etree._Element | None, kind: str, base: str) -> dict[str, str]:
    """Relationship id → part name, for every internal relationship of ``kind``."""
    found: dict[str, str] = {}
    if rels is None:
        return found
    for rel in rels.iter(_REL + "Relationship"):
        if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            found[rel.get("Id") or ""] = name
    return found


def _first_header(body: etree._Element | None, headers: dict[str, str]) -> str:
    """The header part Word prints on the first page ("" for none).

    The first section's first-page header when it has one (标题页不同), else its default one.
    """
    section = next(body.iter(W + "sectPr"), None) if body is not None else None
    if section is None:
        return ""
    wanted = "first" if on(section, "titlePg") else "default"
    for reference in section.iter(W + "headerReference"):
        if (reference.get(W + "type") or "default") == wanted:
            return headers.get(reference.get(_R + "id") or "", "")
    return ""


def _not_word(root: etree._Element, part: str, display: str, error: type[LawgovError]) -> None:
    """Refuse a package whose main part is not a Word document (a workbook renamed .docx)."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == W + "document":
        return
    name = tag.rpartition("}")[2]
    if name == "document":
        message = _(
            "the file is saved as Strict Open XML, which lawgov cannot read; open it in Word and "
            "save it again as a Word document (*.docx)"
        )
    else:
        kind = {"workbook": "Excel", "presentation": "PowerPoint"}.get(name, "")
        message = (
            _(
                "this is not a Word document: its main part {part} is an {kind} {element}; "
                "was the file renamed to .docx?"
            ).format(part=part, kind=kind, element=name)
            if kind
            else _(
                "this is not a Word document: its main part {part} holds <{element}>, not a "
                "Word document's body"
            ).format(part=part, element=name)
        )
    raise refuse(display, message, error)


def _part_root(
    entries: dict[str, bytes], name: str | None, display: str, error: type[LawgovError]
) -> etree._Element | None:
    if not name or name not in entries:
        return None
    return parse_xml(entries[name], display, name, error)


def read_word(data: bytes, display: str, error: type[LawgovError] = ReportError) -> WordDocument:
    """The body of a .docx/.docm/.dotx/.dotm package, read through the hardened path.

    Two passes over the zip's directory: the relationships first, to find the parts; then only
    those parts are unpacked (pictures and fonts never are).
    """
    rels_entries = read_package(data, display, error, lambda name: name.endswith(".rels"))
    package_rels = _part_root(rels_entries, "_rels/.rels", display, error)
    main = _target(package_rels, _OFFICE_DOCUMENT, "") or "word/document.xml"
    folder = posixpath.dirname(main)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    rels = _part_root(rels_entries, rels_name, display, error)
    parts = {
        "styles": _target(rels, "/styles", folder) or f"{folder}/styles.xml",
        "numbering": _target(rels, "/numbering", folder) or f"{folder}/numbering.xml",
        "comments": _target(rels, "/comments", folder) or "",
    }
    headers = _targets(rels, "/header", folder)
    needed = {main, *parts.values(), *headers.values()}
    entries = read_package(data, display, error, needed.__contains__)
    if main not in entries:
        raise refuse(
            display,
            _("the package has no Word document part ({part}); is it a Word file?").format(
                part=main
            ),
            error,
        )
    styles = Styles(_part_root(entries, parts["styles"], display, error))
    numbering = Numbering(_part_root(entries, parts["numbering"], display, error), styles)
    comments = _part_root(entries, parts["comments"], display, error)
    root = parse_xml(entries[main], display, main, error)
    _not_word(root, main, display, error)
    body = root.find(W + "body")
    walker = _Walker(styles, numbering)
    if body is not None:
        walker.blocks(body, _Place("body"))
    first = _first_header(body, headers)
    header: list[Paragraph] = []
    header_texts: list[str] = []
    for name in sorted(set(headers.values())):
        header_root = _part_root(entries, name, display, error)
        if header_root is None:
            continue
        reader = _Walker(styles, numbering)  # its own counts: a logo in a header is no loss
        reader.blocks(header_root, _Place("header"))
        if name == first:
            header = reader.paragraphs
        else:
            header_texts.extend(p.text for p in reader.paragraphs if p.text.strip())
    return WordDocument(
        walker.paragraphs,
        walker.tables,
        walker.changes,
        len(comments.findall(W + "comment")) if comments is not None else 0,
        walker.pictures,
        walker.notes,
        walker.placeholders,
        walker.hidden,
        walker.hidden_sample,
        walker.charts,
        tuple(header),
        tuple(header_texts),
    )


def read_word_file(
    path: Path, display: str, error: type[LawgovError] = ReportError
) -> WordDocument:
    """``read_word`` of a file, with an unreadable file a located error too."""
    try:
        data = read_limited(path, MAX_TOTAL_BYTES)
    except OSError as exc:
        raise refuse(display, cannot_read(exc), error, "LG001") from None
    return read_word(data, display, error)
