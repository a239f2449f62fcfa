"""DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Why this shape (DESIGN.md "DOCX: how Jinja reaches Word"): every style, the page setup and the
footers live in ``reference.docx``, which users can restyle in Word; the report only contributes
the paragraphs of ``<w:body>`` and the core properties. Neither python-docx nor lxml is imported:
the body is text from a template and the package is handled with ``zipfile``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from xml.sax.saxutils import escape

from ..docx_package import read_package, write_package
from ..errors import Diagnostic, Severity, SourceLocation, TemplateError
from ..model import Report
from ..numbering import official_date
from ..provenance import stamp_docx_entries
from ..render import builtin_template_dir
from ..render import render as render_template

TEMPLATE = "report.docx.xml.j2"
REFERENCE = "reference.docx"
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"


def text_width(text: str) -> float:
    """Width in 字 (GBT9704.md §5): ASCII counts half a character, everything else one."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def signature_indents(organization: str, date_text: str) -> tuple[float, float]:
    """Right indents (in 字) of 署名 and 成文日期 for an unsealed document, GB/T 9704 7.3.5.2.

    The 署名 stands 2 字 from the right margin and the date's first character 2 字 right of the
    署名's first character; a date longer than the 署名 stands 2 字 from the right margin instead,
    and the 署名 moves left to keep the 2 字 offset.
    """
    signature, date = text_width(organization), text_width(date_text)
    if date <= signature:
        return 2.0, signature - date
    return date - signature + 4.0, 2.0


@functools.lru_cache(maxsize=4)
def _reference_entries(path: Path) -> dict[str, bytes]:
    return read_package(path.read_bytes())


def _reference_path(template_dirs: tuple[Path, ...]) -> Path:
    for directory in (*template_dirs, builtin_template_dir()):
        candidate = directory / REFERENCE
        if candidate.is_file():
            return candidate
    raise TemplateError(
        [
            Diagnostic(
                SourceLocation(REFERENCE), Severity.ERROR, "LG301", "reference document not found"
            )
        ]
    )


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
        f"<dc:title>{escape(report.full_title)}</dc:title>"
        f"<dc:creator>{escape(report.organization)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(report.organization)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def render(report: Report, template_dirs: tuple[Path, ...] = ()) -> bytes:
    """The .docx bytes of ``report``: same input, same bytes."""
    date_text = official_date(report.date.year, report.date.month, report.date.day)
    signature_indent, date_indent = signature_indents(report.organization, date_text)
    body = render_template(
        TEMPLATE,
        {
            "report": report,
            "date_text": date_text,
            "signature_indent": signature_indent,
            "date_indent": date_indent,
        },
        template_dirs,
    )
    entries = dict(_reference_entries(_reference_path(template_dirs)))
    entries[DOCUMENT_PART] = _splice_body(entries[DOCUMENT_PART], body)
    entries[CORE_PART] = core_properties(report)
    return write_package(stamp_docx_entries(entries))
