"""A user's own reference .docx: read as untrusted input, checked, its styles adopted.

Why a module: the reference document is the one input of the DOCX writer that comes from
outside as a Word file. It is read through the hardened path (``ooxml.package.read_package``,
``ooxml.xml.parse_xml``), so a damaged file is a located error (exit 3) — never a traceback, and
never an exit 0 with a .docx Word cannot open. Its page setup is compared with GB/T 9704 (A4,
37/35/28/26 mm margins, page numbers in the footers): a difference is a warning, because a
user may have reasons, but it is never silent. Only a build with a user reference imports lxml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ...errors import Diagnostic, Severity, SourceLocation, TemplateError
from ...i18n import _
from ...ooxml.xml import parse_xml
from .layout import DOCUMENT_PART, STYLES_PART, xml_escape

if TYPE_CHECKING:
    from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REQUIRED_PARTS = (STYLES_PART, DOCUMENT_PART, "[Content_Types].xml", "_rels/.rels")
A4 = (11906, 16838)
MARGINS = {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}  # GB/T 9704 5.2.1
TOLERANCE = 57  # 1 mm in twips, as the standard allows


class RunFonts(NamedTuple):
    """The fonts and weight of a user's heading style, for the run-in heading of that level."""

    fonts: str  # a complete <w:rFonts .../> element
    bold: bool


def _refuse(display: str, message: str) -> TemplateError:
    return TemplateError([Diagnostic(SourceLocation(display), Severity.ERROR, "LG304", message)])


def check_structure(entries: dict[str, bytes], display: str) -> etree._Element:
    """The parsed ``document.xml`` of a package that is a Word document lawgov can use."""
    for part in REQUIRED_PARTS:
        if part not in entries:
            raise _refuse(display, _("not a Word document: it has no {part}").format(part=part))
    parse_xml(entries[STYLES_PART], display, STYLES_PART, TemplateError)
    document = parse_xml(entries[DOCUMENT_PART], display, DOCUMENT_PART, TemplateError)
    body = document.find(f"{W}body")
    if body is None or body.find(f"{W}sectPr") is None or b"<w:body>" not in entries[DOCUMENT_PART]:
        raise _refuse(
            display,
            _(
                "the reference document has no page setup (w:sectPr in w:body); "
                "open it in Word, check 页面设置, and save it again as .docx"
            ),
        )
    return document


def _twips(element: etree._Element | None, name: str) -> int | None:
    value = None if element is None else element.get(f"{W}{name}")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _warning(display: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(SourceLocation(display), Severity.WARNING, "LG307", message, hint=hint)


def page_warnings(
    entries: dict[str, bytes], document: etree._Element, display: str
) -> list[Diagnostic]:
    """Where the reference's page setup departs from GB/T 9704 (A4, margins, page numbers)."""
    section = document.find(f"{W}body/{W}sectPr")
    assert section is not None  # check_structure made sure
    found = []
    size = section.find(f"{W}pgSz")
    width, height = _twips(size, "w"), _twips(size, "h")
    if width is None or height is None or max(abs(width - A4[0]), abs(height - A4[1])) > 20:
        found.append(
            _warning(
                display,
                _("the reference document's paper is not A4 (210 × 297 mm)"),
                _("in Word: 布局 → 纸张大小 → A4, then save the reference document again"),
            )
        )
    margins = section.find(f"{W}pgMar")
    off = [
        side
        for side, expected in MARGINS.items()
        if (value := _twips(margins, side)) is None or abs(value - expected) > TOLERANCE
    ]
    if off:
        found.append(
            _warning(
                display,
                _("the reference document's margins differ from GB/T 9704 ({sides})").format(
                    sides=", ".join(off)
                ),
                _("in Word: 页边距 上 3.7 cm、下 3.5 cm、左 2.8 cm、右 2.6 cm"),
            )
        )
    if not _has_page_numbers(entries, section, display):
        found.append(
            _warning(
                display,
                _("the reference document's footers have no page number (a PAGE field)"),
                _(
                    "in Word: 插入 → 页码 → 页面底端, as “— 1 —”, odd pages right and even pages left"
                ),
            )
        )
    return found


def _has_page_numbers(entries: dict[str, bytes], section: etree._Element, display: str) -> bool:
    rels_name = "word/_rels/document.xml.rels"
    if rels_name not in entries:
        return False
    rels = parse_xml(entries[rels_name], display, rels_name, TemplateError)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for reference in section.findall(f"{W}footerReference"):
        target = targets.get(reference.get(R_ID))
        if not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else f"word/{target}"
        data = entries.get(name, b"")
        if b"PAGE" in data:
            return True
    return False


def heading_fonts(entries: dict[str, bytes], display: str) -> dict[int, RunFonts]:
    """For heading levels 2–4, the fonts and weight the user's ``heading N`` style resolves to.

    A run-in heading sits in a body paragraph; its character style takes the level's fonts and
    weight from the user's heading style and no size, so it has the body's size (a reference with
    a 14 pt body must not leave run-in headings at 16 pt).
    """
    root = parse_xml(entries[STYLES_PART], display, STYLES_PART, TemplateError)
    styles = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    by_name = {
        (s.find(f"{W}name").get(f"{W}val") or "").lower(): s
        for s in styles.values()
        if s.find(f"{W}name") is not None
    }

    def resolve(style: etree._Element | None, tag: str) -> etree._Element | None:
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            found = style.find(f"{W}rPr/{W}{tag}")
            if found is not None:
                return found
            based = style.find(f"{W}basedOn")
            style = styles.get(based.get(f"{W}val")) if based is not None else None
        return None

    result = {}
    for level in (2, 3, 4):
        style = by_name.get(f"heading {level}")
        fonts = resolve(style, "rFonts")
        if style is None or fonts is None:
            continue
        bold = resolve(style, "b")
        is_bold = bold is not None and bold.get(f"{W}val", "1") not in ("0", "false", "off")
        attributes = " ".join(
            f'w:{name.removeprefix(W)}="{xml_escape(value)}"'
            for name, value in fonts.attrib.items()
            if name.startswith(W)
        )
        result[level] = RunFonts(f"<w:rFonts {attributes}/>", is_bold)
    return result
