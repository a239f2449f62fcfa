"""Adapting the reference package: a user's own reference .docx, fonts, spacing, bold 1. headings.

Why string surgery on the XML: writing a DOCX must not import lxml (start-up budget), and the
changes are few and regular — attribute values in ``styles.xml``, the grid pitch in the section
properties, one style's bold flag.

A user's reference document (saved by Word or WPS) may lack some of lawgov's styles, and Chinese
Word gives built-in styles its own IDs (``heading 1`` is saved as ``w:styleId="1"``). So styles
are matched by *name*: the body's style references are renamed to the user's IDs, and any style
the user's file lacks is copied in from the default reference document (documented: the build
works with any .docx as reference; the user's styles win wherever they exist).
"""

from __future__ import annotations

import re

from ...model.report import OutputSettings

STYLES_PART = "word/styles.xml"
DOCUMENT_PART = "word/document.xml"

_STYLE = re.compile(r"<w:style\b[^>]*>.*?</w:style>", re.DOTALL)
_STYLE_ID = re.compile(r'w:styleId="([^"]*)"')
_STYLE_NAME = re.compile(r'<w:name w:val="([^"]*)"')
_STYLE_REF = re.compile(r'(<w:(?:pStyle|rStyle) w:val=")([^"]*)(")')

DEFAULT_FONTS = {
    "body": "仿宋_GB2312",
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}
DEFAULT_LINE = 579  # twips: 28.95 pt


def xml_escape(text: str) -> str:
    """Text made safe for XML, in an element or a double-quoted attribute.

    The one place where a value from outside (a font name from the YAML, the title, the issuing
    body) is escaped on its way into XML; everything else is rendered by the autoescaping
    template. Hand-written because ``xml.sax.saxutils`` would import urllib at start-up.
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _styles_by_name(styles_xml: str) -> dict[str, tuple[str, str]]:
    """Style name (lower case, as Word compares them) → (style ID, the style's XML)."""
    found: dict[str, tuple[str, str]] = {}
    for match in _STYLE.finditer(styles_xml):
        element = match.group()
        style_id, name = _STYLE_ID.search(element), _STYLE_NAME.search(element)
        if style_id and name:
            found.setdefault(name.group(1).lower(), (style_id.group(1), element))
    return found


_RUN_IN = re.compile(r"GwHeading([234])Run")
_RFONTS = re.compile(r"<w:rFonts\b[^>]*/>")
_BOLD = re.compile(r'<w:b w:val="0"/><w:bCs w:val="0"/>|<w:b/><w:bCs/>')


def _follow_headings(element: str, style_id: str, run_fonts: dict[int, tuple[str, bool]]) -> str:
    """A run-in heading style copied into a user's reference: the user's heading fonts and weight."""
    match = _RUN_IN.fullmatch(style_id)
    if match is None or int(match.group(1)) not in run_fonts:
        return element
    fonts, bold = run_fonts[int(match.group(1))]
    element = _RFONTS.sub(lambda _m: fonts, element, count=1)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return _BOLD.sub(lambda _m: weight, element, count=1)


def adopt_reference(
    default: dict[str, bytes],
    user: dict[str, bytes],
    run_fonts: dict[int, tuple[str, bool]] | None = None,
) -> tuple[dict[str, bytes], dict[str, str]]:
    """The user's package completed with the default's missing styles; our style ID → theirs.

    ``run_fonts`` (level → the user's ``heading N`` fonts element and weight) restyles a copied
    run-in heading style to match the user's headings; it has no size of its own, so it takes
    the size of the body paragraph it sits in.
    """
    ours = _styles_by_name(default[STYLES_PART].decode("utf-8"))
    user_styles = user[STYLES_PART].decode("utf-8")
    theirs = _styles_by_name(user_styles)
    taken = {style_id for style_id, _ in theirs.values()}
    id_map: dict[str, str] = {}
    missing: list[str] = []
    for name, (our_id, element) in ours.items():
        if name in theirs:
            id_map[our_id] = theirs[name][0]
        elif our_id not in taken:
            missing.append(_follow_headings(element, our_id, run_fonts or {}))
    entries = dict(user)
    entries[STYLES_PART] = user_styles.replace(
        "</w:styles>", "".join(missing) + "</w:styles>"
    ).encode("utf-8")
    return entries, {k: v for k, v in id_map.items() if k != v}


def rename_style_refs(body: str, id_map: dict[str, str]) -> str:
    """Point the body's ``pStyle``/``rStyle`` references at the reference document's IDs."""
    if not id_map:
        return body
    return _STYLE_REF.sub(
        lambda m: m.group(1) + id_map.get(m.group(2), m.group(2)) + m.group(3), body
    )


def _rename_fonts(xml: str, renames: dict[str, str]) -> str:
    """Font attributes renamed; the new names (YAML values) escaped once, here."""
    for old, new in renames.items():
        escaped = xml_escape(new)
        xml = re.sub(
            rf'(w:(?:ascii|hAnsi|eastAsia|cs)="){re.escape(xml_escape(old))}(")',
            lambda m, name=escaped: m.group(1) + name + m.group(2),  # type: ignore[misc]
            xml,
        )
    return xml


def _bold_style(styles_xml: str, style_id: str) -> str:
    def embolden(match: re.Match[str]) -> str:
        element = match.group()
        if f'w:styleId="{style_id}"' not in element:
            return element
        return element.replace('<w:b w:val="0"/><w:bCs w:val="0"/>', "<w:b/><w:bCs/>")

    return _STYLE.sub(embolden, styles_xml)


def apply_settings(
    entries: dict[str, bytes], settings: OutputSettings, id_map: dict[str, str] | None = None
) -> dict[str, bytes]:
    """Fonts, line spacing and bold 三级 headings from the report's ``output:`` settings."""
    ids = id_map or {}
    renames = {
        DEFAULT_FONTS[role]: new
        for role, new in settings.fonts.model_dump().items()
        if new != DEFAULT_FONTS[role]
    }
    line = round(settings.line_spacing * 20)
    if not renames and line == DEFAULT_LINE and not settings.bold_level3:
        return entries
    changed = dict(entries)
    for name, data in entries.items():
        if not (name.startswith("word/") and name.endswith(".xml")) or "theme" in name:
            continue
        xml = data.decode("utf-8")
        xml = _rename_fonts(xml, renames)
        if line != DEFAULT_LINE:
            xml = xml.replace(f'w:line="{DEFAULT_LINE}"', f'w:line="{line}"')
            xml = xml.replace(f'w:linePitch="{DEFAULT_LINE}"', f'w:linePitch="{line}"')
        if settings.bold_level3 and name == STYLES_PART:
            for style_id in ("Heading3", "GwHeading3Run"):
                xml = _bold_style(xml, ids.get(style_id, style_id))
        changed[name] = xml.encode("utf-8")
    return changed
