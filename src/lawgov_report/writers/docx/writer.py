"""DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Why this shape (DESIGN.md "DOCX: how Jinja reaches Word"): every style, the page setup and the
footers live in ``reference.docx``, which users can restyle in Word; the report only contributes
the paragraphs of ``<w:body>`` and the core properties. Neither python-docx nor lxml is imported:
the body is text from a template and the package is handled with ``zipfile``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from pathlib import Path
from typing import NamedTuple

from ...errors import Diagnostic, Severity, SourceLocation, TemplateError
from ...i18n import _
from ...model.report import Report
from ...model.settings import DEFAULT_RENDER, RenderOptions
from ...ooxml.package import read_package, write_package
from ...provenance import stamp_docx_entries
from ...render.environment import builtin_template_dir
from ...render.environment import render as render_template
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

TEMPLATE = "report.docx.xml.j2"
TEXT_WIDTH = 11906 - 1588 - 1474  # 版心 width in twips (A4 less the GB/T 9704 margins)
PAGE_HEIGHT, BOTTOM_MARGIN = 16838, 1984
ONE_SIHAO = 280  # one 四号 (14 pt) character in twips
IMPRINT_END = 20  # the 1 pt paragraph a text box must end with, after the 版记 table
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
                    _("cannot read the reference document: {reason}").format(reason=exc),
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
    from .reference import check_structure, heading_fonts, page_warnings

    display = str(user)
    entries = _package(user)
    document = check_structure(entries, display)
    warnings = page_warnings(entries, document, display)
    run_fonts = {level: tuple(fonts) for level, fonts in heading_fonts(entries, display).items()}
    adopted, id_map = adopt_reference(default, entries, run_fonts)  # type: ignore[arg-type]
    return Reference(adopted, id_map, warnings)


def warnings(options: RenderOptions = DEFAULT_RENDER) -> list[Diagnostic]:
    """What the build should warn about: a user's reference document that departs from GB/T 9704."""
    return list(_reference(_user_reference(options)).warnings)


_DOCUMENT_START = re.compile(r"<w:document\b[^>]*>")


def check_body(body: str, document_xml: bytes, options: RenderOptions) -> None:
    """Refuse a body template whose output is not well-formed XML (Word could not open it).

    Parsed with expat inside the reference document's root element (for its namespace
    declarations); the error names the template and the line of its output.
    """
    from xml.parsers import expat

    start = _DOCUMENT_START.search(document_xml.decode("utf-8"))
    prefix = (start.group() if start else "<w:document>") + "<w:body>"
    parser = expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(prefix.replace("\n", " ") + body + "</w:body></w:document>", True)
    except expat.ExpatError as exc:
        from ...render.environment import make_env

        template = make_env(options.template_dirs).get_template(TEMPLATE).filename or TEMPLATE
        lines = body.split("\n")
        line = exc.lineno
        column = exc.offset - (len(prefix) if line == 1 else 0)
        near = lines[line - 1][max(0, column - 40) : column + 20] if line <= len(lines) else ""
        raise TemplateError(
            [
                Diagnostic(
                    SourceLocation(template),
                    Severity.ERROR,
                    "LG306",
                    _(
                        "the template's output is not well-formed XML, so Word could not open the "
                        "document: {reason} at line {line}, column {column} of the output, near: {near}"
                    ).format(
                        reason=expat.ErrorString(exc.code),
                        line=line,
                        column=column + 1,
                        near=near,
                    ),
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


def _timestamp(report: Report) -> str:
    """Created/modified: SOURCE_DATE_EPOCH when set (reproducible builds), else the 成文日期."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    else:
        moment = dt.datetime(report.date.year, report.date.month, report.date.day, tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(report: Report) -> bytes:
    """``docProps/core.xml`` with the report's title and issuing body and fixed dates."""
    stamp = _timestamp(report)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(report.full_title)}</dc:title>"
        f"<dc:creator>{xml_escape(report.organization)}</dc:creator>"
        f"<cp:lastModifiedBy>{xml_escape(report.organization)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The .docx bytes of ``report``: same input, same bytes."""
    date_text = official_date(report.date.year, report.date.month, report.date.day)
    sealed = report.output.seal
    signature_place, date_place = signature_layout(report.organization, date_text, sealed)
    printed = report.print.printed_date
    copy_to_lines, line_pitch, imprint_height = imprint_layout(report)
    body = render_template(
        TEMPLATE,
        {
            "report": report,
            "blocks": outline(report),
            "title_lines": title_lines(report),
            "opening": paragraph_texts(report.opening),
            "variant": options.variant.value,
            "text_width": TEXT_WIDTH,
            "copy_to_lines": copy_to_lines,
            "line_pitch": line_pitch,
            "imprint_height": imprint_height,
            "one_sihao": ONE_SIHAO,
            "date_text": date_text,
            "signature_place": signature_place,
            # A seal needs room: 2 blank lines above the 署名 instead of 1 (GBT9704.md §5).
            "blank_lines_before_signature": 2 if sealed else 1,
            "date_place": date_place,
            "letterhead": report.print.letterhead or f"{report.organization}文件",
            "printed_date": official_date(printed.year, printed.month, printed.day)
            if printed
            else "",
        },
        options.template_dirs,
    )
    reference = _reference(_user_reference(options))
    if options.template_dirs:  # the built-in template is tested; a user's may emit anything
        check_body(body, reference.entries[DOCUMENT_PART], options)
    entries = apply_settings(dict(reference.entries), report.output, reference.id_map)
    entries[DOCUMENT_PART] = _splice_body(
        entries[DOCUMENT_PART], rename_style_refs(body, reference.id_map)
    )
    entries[CORE_PART] = core_properties(report)
    if APP_PART in entries:
        entries[APP_PART] = APP_PROPERTIES
    return write_package(stamp_docx_entries(entries))
