"""DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Why this shape (DESIGN.md "DOCX: how Jinja reaches Word"): every style, the page setup and the
footers live in ``reference.docx``, which users can restyle in Word; the report only contributes
the paragraphs of ``<w:body>`` and the core properties. Neither python-docx nor lxml is imported:
the body is text from a template and the package is handled with ``zipfile``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import NamedTuple

from ...errors import Diagnostic, Severity, SourceLocation, TemplateError, os_error_text
from ...i18n import _
from ...model.report import Report
from ...model.settings import DEFAULT_RENDER, RenderOptions
from ...ooxml.package import read_package, write_package
from ...provenance import source_date, stamp_docx_entries
from ...render.environment import builtin_template_dir
from ...render.environment import render as render_template
from ...render.figures import table as figure_table
from ...render.numbering import official_date
from ...render.outline import outline, paragraph_texts
from ...render.title import break_title
from .layout import (
    DOCUMENT_PART,
    adopt_reference,
    apply_settings,
    rename_style_refs,
    xml_escape,
)
from .placement import (
    ONE_SIHAO,
    TEXT_WIDTH,
    imprint_layout,
    letterhead_gap,
    letterhead_lines,
    signature_layout,
    title_lines,
)

TEMPLATE = "report.docx.xml.j2"
REFERENCE = "reference.docx"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
# Extended properties without statistics: page, word and character counts are Word's to compute
# when it saves; a generated file that claims 1 page, 0 words and Normal.dotm is wrong from the
# first page (a user's reference document carries the counts of its own sample text).
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>lawgov</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)


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
                    _("cannot read the reference document: {reason}").format(
                        reason=os_error_text(exc)
                    ),
                )
            ]
        ) from None


def _user_reference(options: RenderOptions) -> Path | None:
    """The user's reference document: --reference-docx, else one in a template directory."""
    if options.reference_docx is not None:
        return options.reference_docx
    return next((d / REFERENCE for d in options.template_dirs if (d / REFERENCE).is_file()), None)


class Reference(NamedTuple):
    """The reference package to write into, the body's style-ID map, and what to warn about."""

    entries: dict[str, bytes]
    id_map: dict[str, str]
    warnings: list[Diagnostic]


@functools.lru_cache(maxsize=8)
def _reference(user: Path | None) -> Reference:
    """The reference package (cached: a batch reads it once); a user's is checked first."""
    default = _package(builtin_template_dir() / REFERENCE)
    if user is None:
        return Reference(default, {}, [])
    from ...ooxml.xml import as_utf8
    from .reference import check_structure, heading_fonts, page_warnings

    display = str(user)
    entries = {  # Word may save a part in UTF-16; lawgov edits them as UTF-8 text
        name: as_utf8(data, display, name, TemplateError)
        if name.endswith((".xml", ".rels"))
        else data
        for name, data in _package(user).items()
    }
    document = check_structure(entries, display)
    warnings = page_warnings(entries, document, display)
    run_fonts = {level: tuple(fonts) for level, fonts in heading_fonts(entries, display).items()}
    adopted, id_map = adopt_reference(default, entries, run_fonts)  # type: ignore[arg-type]
    return Reference(adopted, id_map, warnings)


def warnings(options: RenderOptions = DEFAULT_RENDER) -> list[Diagnostic]:
    """What the build should warn about: a user's reference document that departs from GB/T 9704."""
    return list(_reference(_user_reference(options)).warnings)


_DOCUMENT_START = re.compile(r"<w:document\b[^>]*>")


def check_body(body: str, document_xml: bytes, options: RenderOptions, report: Report) -> None:
    """Refuse a body template whose output is not well-formed XML (Word could not open it).

    Parsed with expat inside the reference document's root element (for its namespace
    declarations). The error names the template line that wrote the faulty tag (the output's
    own line and column mean nothing to the template's author) and, for a tag closed by the
    wrong end tag, the line that opened it.
    """
    from xml.parsers import expat

    from ...render.environment import make_env, origin_of, output_origins

    start = _DOCUMENT_START.search(document_xml.decode("utf-8"))
    prefix = ((start.group() if start else "<w:document>") + "<w:body>").encode("utf-8")
    data = body.encode("utf-8")
    parser = expat.ParserCreate()
    opened: list[tuple[str, int]] = []
    parser.StartElementHandler = lambda name, attrs: opened.append(
        (name, parser.CurrentByteIndex - len(prefix))
    )
    parser.EndElementHandler = lambda name: opened.pop()
    try:
        parser.Parse(prefix + data + b"</w:body></w:document>", True)
    except expat.ExpatError:
        origins = output_origins(TEMPLATE, body_context(report, options), options.template_dirs)
        error_at = origin_of(origins, parser.ErrorByteIndex - len(prefix))
        template = make_env(options.template_dirs).get_template(TEMPLATE).filename or TEMPLATE
        reason = expat.ErrorString(parser.ErrorCode)
        open_tag = opened[-1] if opened and opened[-1][1] >= 0 else None
        opened_at = origin_of(origins, open_tag[1]) if open_tag else None
        if parser.ErrorCode == expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH] and (
            open_tag and opened_at
        ):
            message = _(
                "the template's output is not well-formed XML, so Word could not open the "
                "document: <{tag}>, written at line {line}, is not closed before the end tag "
                "written here"
            ).format(tag=open_tag[0], line=opened_at.line)
        else:
            message = _(
                "the template's output is not well-formed XML, so Word could not open the "
                "document: {reason}"
            ).format(reason=reason)
        raise TemplateError(
            [
                Diagnostic(
                    error_at or SourceLocation(template),
                    Severity.ERROR,
                    "LG306",
                    message,
                    hint=_(
                        "check the tags you changed in the template: each <w:…> needs its </w:…>"
                    ),
                )
            ]
        ) from None


def _splice_body(document_xml: bytes, body: str) -> bytes:
    """Replace everything between ``<w:body>`` and the final ``<w:sectPr`` with ``body``."""
    text = document_xml.decode("utf-8")
    start = text.index("<w:body>") + len("<w:body>")
    end = text.rindex("<w:sectPr")
    return (text[:start] + body + text[end:]).encode("utf-8")


def core_properties(report: Report) -> bytes:
    """``docProps/core.xml`` with the report's title and issuing body and fixed dates."""
    return core_xml(report.full_title, report.organization, report.date)


def core_xml(title: str, creator: str, made: dt.date) -> bytes:
    """``docProps/core.xml``: title, author and created/modified, never the clock.

    The dates are ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else ``made`` (the
    成文日期 of a report, the date of a compiled volume), so the same input gives the same bytes.
    """
    stamp = source_date(made).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(title)}</dc:title>"
        f"<dc:creator>{xml_escape(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{xml_escape(creator)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def body_context(report: Report, options: RenderOptions = DEFAULT_RENDER) -> dict[str, object]:
    """What the body template sees (also used by ``lawgov compile`` to render each report)."""
    date_text = official_date(report.date.year, report.date.month, report.date.day)
    sealed = report.output.seal
    signature_place, date_place = signature_layout(report.organization, date_text, sealed)
    printed = report.print.printed_date
    copy_to_lines, line_pitch, imprint_height = imprint_layout(report)
    figures = figure_table(report, options.previous)
    letterhead = report.print.letterhead or f"{report.organization}文件"
    return {
        "report": report,
        "blocks": outline(report),
        "title_lines": title_lines(report),
        "opening": paragraph_texts(report.opening),
        "figure_table": figures,
        "figure_title_lines": break_title(figures.title, report.organization) if figures else [],
        "variant": options.variant.value,
        "text_width": TEXT_WIDTH,
        "copy_to_lines": copy_to_lines,
        "line_pitch": line_pitch,
        "letterhead_gap": letterhead_gap(line_pitch, letterhead_lines(letterhead)),
        "imprint_height": imprint_height,
        "one_sihao": ONE_SIHAO,
        "date_text": date_text,
        "signature_place": signature_place,
        # A seal needs room: 2 blank lines above the 署名 instead of 1 (GBT9704.md §5).
        "blank_lines_before_signature": 2 if sealed else 1,
        "date_place": date_place,
        "letterhead": letterhead,
        "printed_date": official_date(printed.year, printed.month, printed.day) if printed else "",
    }


def render_body(report: Report, options: RenderOptions = DEFAULT_RENDER) -> str:
    """The WordprocessingML paragraphs of the report's body (what goes inside ``<w:body>``)."""
    return render_template(TEMPLATE, body_context(report, options), options.template_dirs)


def default_reference() -> dict[str, bytes]:
    """The built-in reference package (styles, page setup, footers), read once per process."""
    return _reference(None).entries


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The .docx bytes of ``report``: same input, same bytes."""
    body = render_body(report, options)
    reference = _reference(_user_reference(options))
    if options.template_dirs:  # the built-in template is tested; a user's may emit anything
        check_body(body, reference.entries[DOCUMENT_PART], options, report)
    entries = apply_settings(dict(reference.entries), report.output, reference.id_map)
    entries[DOCUMENT_PART] = _splice_body(
        entries[DOCUMENT_PART], rename_style_refs(body, reference.id_map)
    )
    entries[CORE_PART] = core_properties(report)
    if APP_PART in entries:
        entries[APP_PART] = APP_PROPERTIES
    return write_package(stamp_docx_entries(entries))
