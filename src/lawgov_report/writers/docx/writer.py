"""DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Why this shape (DESIGN.md "DOCX: how Jinja reaches Word"): every style, the page setup and the
footers live in ``reference.docx``, which users can restyle in Word; the report only contributes
the paragraphs of ``<w:body>`` and the core properties. Neither python-docx nor lxml is imported:
the body is text from a template and the package is handled with ``zipfile``.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

from ...errors import Diagnostic, Severity, SourceLocation, TemplateError
from ...model.report import Report
from ...model.settings import DEFAULT_RENDER, RenderOptions
from ...ooxml.package import read_package, write_package
from ...provenance import source_date, stamp_docx_entries
from ...render.environment import builtin_template_dir
from ...render.environment import render as render_template
from ...render.numbering import official_date
from ...render.outline import outline, paragraph_texts
from .layout import (
    DOCUMENT_PART,
    STYLES_PART,
    adopt_reference,
    apply_settings,
    rename_style_refs,
)

TEMPLATE = "report.docx.xml.j2"
TEXT_WIDTH = 11906 - 1588 - 1474  # 版心 width in twips (A4 less the GB/T 9704 margins)
PAGE_HEIGHT, BOTTOM_MARGIN = 16838, 1984
ONE_SIHAO = 280  # one 四号 (14 pt) character in twips
REFERENCE = "reference.docx"
CORE_PART = "docProps/core.xml"


def escape(text: str) -> str:
    """XML-escape text for an element (xml.sax.saxutils would pull in urllib at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_width(text: str) -> float:
    """Width in 字 (GBT9704.md §5): ASCII counts half a character, everything else one."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def imprint_layout(report: Report) -> tuple[int, int, int]:
    """(抄送 lines, line pitch, distance of the 版记 table from the page top), all in twips.

    The table is placed so that its last rule lies on the bottom edge of the text area
    (GB/T 9704 7.4.1); its height follows from the lines of the 抄送 row: 四号 characters in the
    版心 width less 1 字 each side and the hanging "抄送：".
    """
    pitch = round(report.output.line_spacing * 20)
    copy_to = report.print.copy_to
    text = "抄送：" + "，".join(copy_to) + "。"
    per_line = (TEXT_WIDTH - 2 * ONE_SIHAO) / ONE_SIHAO
    first = per_line
    rest = per_line - 3
    width = text_width(text)
    lines = 0 if not copy_to else 1 + max(0, math.ceil((width - first) / rest))
    rows = lines + (1 if report.print.printed_by else 0)
    return lines, pitch, PAGE_HEIGHT - BOTTOM_MARGIN - rows * pitch


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


@functools.lru_cache(maxsize=8)
def _package(path: Path) -> dict[str, bytes]:
    try:
        return read_package(path.read_bytes(), str(path), TemplateError)
    except OSError as exc:
        raise TemplateError(
            [
                Diagnostic(
                    SourceLocation(str(path)),
                    Severity.ERROR,
                    "LG304",
                    f"cannot read the reference document: {exc}",
                )
            ]
        ) from None


def _user_reference(options: RenderOptions) -> Path | None:
    """The user's reference document: --reference-docx, else one in a template directory."""
    if options.reference_docx is not None:
        return options.reference_docx
    return next((d / REFERENCE for d in options.template_dirs if (d / REFERENCE).is_file()), None)


@functools.lru_cache(maxsize=8)
def _reference(user: Path | None) -> tuple[dict[str, bytes], dict[str, str]]:
    """The reference package and the style-ID map for the body (cached: a batch reads it once)."""
    default = _package(builtin_template_dir() / REFERENCE)
    if user is None:
        return default, {}
    entries = _package(user)
    for part in (STYLES_PART, DOCUMENT_PART, "[Content_Types].xml", "_rels/.rels"):
        if part not in entries:
            raise TemplateError(
                [
                    Diagnostic(
                        SourceLocation(str(user)),
                        Severity.ERROR,
                        "LG304",
                        f"not a Word document: it has no {part}",
                    )
                ]
            )
    return adopt_reference(default, entries)


def _splice_body(document_xml: bytes, body: str) -> bytes:
    """Replace everything between ``<w:body>`` and the final ``<w:sectPr`` with ``body``."""
    text = document_xml.decode("utf-8")
    start = text.index("<w:body>") + len("<w:body>")
    end = text.rindex("<w:sectPr")
    return (text[:start] + body + text[end:]).encode("utf-8")


def _timestamp(report: Report) -> str:
    """Created/modified: SOURCE_DATE_EPOCH when set (reproducible builds), else the 成文日期."""
    return source_date(report.date).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(report: Report) -> bytes:
    """``docProps/core.xml`` with the report's title and issuing body and fixed dates."""
    stamp = _timestamp(report)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(report.full_title)}</dc:title>"
        f"<dc:creator>{escape(report.organization)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(report.organization)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The .docx bytes of ``report``: same input, same bytes."""
    date_text = official_date(report.date.year, report.date.month, report.date.day)
    sealed = report.output.seal
    signature_indent, date_indent = signature_indents(report.organization, date_text, sealed)
    printed = report.print.printed_date
    copy_to_lines, line_pitch, imprint_top = imprint_layout(report)
    body = render_template(
        TEMPLATE,
        {
            "report": report,
            "blocks": outline(report),
            "opening": paragraph_texts(report.opening),
            "variant": options.variant.value,
            "text_width": TEXT_WIDTH,
            "copy_to_lines": copy_to_lines,
            "line_pitch": line_pitch,
            "imprint_top": imprint_top,
            "date_text": date_text,
            "signature_indent": signature_indent,
            # A seal needs room: 2 blank lines above the 署名 instead of 1 (GBT9704.md §5).
            "blank_lines_before_signature": 2 if sealed else 1,
            "date_indent": date_indent,
            "letterhead": report.print.letterhead or f"{report.organization}文件",
            "printed_date": official_date(printed.year, printed.month, printed.day)
            if printed
            else "",
        },
        options.template_dirs,
    )
    reference, id_map = _reference(_user_reference(options))
    entries = apply_settings(dict(reference), report.output, id_map)
    entries[DOCUMENT_PART] = _splice_body(entries[DOCUMENT_PART], rename_style_refs(body, id_map))
    entries[CORE_PART] = core_properties(report)
    return write_package(stamp_docx_entries(entries))
