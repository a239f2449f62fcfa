"""Recording that a file was generated, so an edited output is never silently overwritten.

Why: users fix a typo in the .docx in Word, or in the .md by hand, and forget; the next build
would destroy that work. Every output therefore carries the SHA-256 of its own content:
- Markdown: a last line ``<!-- 由 lawgov 生成，请修改 YAML 源文件而非本文件；sha256=… -->``
  (invisible when rendered), hashing everything before that line;
- DOCX: a custom document property ``lawgov-sha256`` (kept by Word and WPS when they save),
  hashing every other part of the package;
- HTML: the Markdown's last line, an HTML comment after ``</html>``;
- PDF: an Info dictionary entry ``/LawgovSHA256 (…)``, hashing the file with that value
  zeroed (a PDF editor that saves appends to the file, so an edit always shows).
Before a build replaces a file it checks the file still matches its recorded hash. A file that
was edited, or that lawgov did not write, is only replaced with ``--force``.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

from .errors import Diagnostic, Severity, SourceLocation, UsageError
from .i18n import _

CUSTOM_PART = "docProps/custom.xml"
PROPERTY = "lawgov-sha256"
MD_NOTE = "由 lawgov 生成，请修改 YAML 源文件而非本文件"
_MD_STAMP = re.compile(rb"\n<!-- .*?sha256=([0-9a-f]{64}) -->\n\Z")
_DOCX_STAMP = re.compile(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")
_PDF_STAMP = re.compile(rb"/LawgovSHA256 \(([0-9a-f]{64})\)")
_PDF_ZEROS = b"0" * 64
_CUSTOM_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="' + PROPERTY + '">'
    "<vt:lpwstr>{digest}</vt:lpwstr></property></Properties>"
)
_CUSTOM_OVERRIDE = (
    b'<Override PartName="/docProps/custom.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
)
_CUSTOM_REL = (
    b'<Relationship Id="rIdLawgovCustom" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
)


class State(enum.Enum):
    """What is at an output path before a build writes it."""

    ABSENT = "absent"
    GENERATED = "generated"  # written by lawgov and unchanged since
    EDITED = "edited"  # written by lawgov, changed since
    FOREIGN = "foreign"  # no lawgov record: a file someone else made


def stamp_markdown(text: str) -> str:
    """Append the generation record to Markdown (or HTML) text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{text}\n<!-- {MD_NOTE}；sha256={digest} -->\n"


def _entries_digest(entries: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(entries):
        if name != CUSTOM_PART:
            digest.update(name.encode("utf-8") + b"\0" + entries[name] + b"\0")
    return digest.hexdigest()


def stamp_docx_entries(entries: dict[str, bytes]) -> dict[str, bytes]:
    """Add the custom-properties part holding the hash of every other part."""
    stamped = dict(entries)
    types = stamped["[Content_Types].xml"]
    if b"/docProps/custom.xml" not in types:
        stamped["[Content_Types].xml"] = types.replace(b"</Types>", _CUSTOM_OVERRIDE + b"</Types>")
    rels = stamped["_rels/.rels"]
    if b"docProps/custom.xml" not in rels:
        stamped["_rels/.rels"] = rels.replace(
            b"</Relationships>", _CUSTOM_REL + b"</Relationships>"
        )
    stamped[CUSTOM_PART] = _CUSTOM_XML.replace("{digest}", _entries_digest(stamped)).encode("utf-8")
    return stamped


def stamp_pdf(data: bytes) -> bytes:
    """Fill the PDF's zeroed ``/LawgovSHA256`` entry with the SHA-256 of the file as it is."""
    found = _PDF_STAMP.search(data)
    if found is None or found.group(1) != _PDF_ZEROS:
        raise ValueError("the PDF has no empty /LawgovSHA256 entry to fill")
    digest = hashlib.sha256(data).hexdigest().encode()
    return data[: found.start(1)] + digest + data[found.end(1) :]


def _pdf_state(data: bytes) -> State:
    found = _PDF_STAMP.search(data)
    if found is None:
        return State.FOREIGN
    zeroed = data[: found.start(1)] + _PDF_ZEROS + data[found.end(1) :]
    recorded = found.group(1).decode()
    return State.GENERATED if hashlib.sha256(zeroed).hexdigest() == recorded else State.EDITED


def _markdown_state(data: bytes) -> State:
    match = _MD_STAMP.search(data)
    if match is None:
        return State.FOREIGN
    body = data[: match.start()]
    return (
        State.GENERATED
        if hashlib.sha256(body).hexdigest() == match.group(1).decode()
        else State.EDITED
    )


def _docx_state(data: bytes) -> State:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, EOFError):
        return State.FOREIGN
    match = _DOCX_STAMP.search(entries.get(CUSTOM_PART, b""))
    if match is None:
        return State.FOREIGN
    recorded = match.group(1).decode()
    return State.GENERATED if _entries_digest(entries) == recorded else State.EDITED


def state_of(path: Path) -> State:
    """Whether ``path`` is absent, our untouched output, edited since, or not ours at all."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return State.ABSENT
    except IsADirectoryError:
        return State.FOREIGN
    if path.suffix in (".docx", ".xlsx"):
        return _docx_state(data)
    if path.suffix == ".pdf":
        return _pdf_state(data)
    return _markdown_state(data)


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: dates in documents have four-digit years
_ASCII_DIGITS = re.compile(r"[0-9]+")


def source_date(fallback: dt.date) -> dt.datetime:
    """The moment every output records as made: ``SOURCE_DATE_EPOCH``, else ``fallback`` (UTC).

    Why one function: the DOCX core properties, and any other format that stores a date, must
    agree, and must not depend on the clock (same input, same bytes).
    """
    moment = source_date_epoch()
    if moment is None:
        return dt.datetime(fallback.year, fallback.month, fallback.day, tzinfo=dt.UTC)
    return moment


def source_date_epoch() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a moment, None when unset or empty; a malformed value is refused.

    The variable (reproducible-builds.org) is whole seconds since 1970-01-01 UTC in ASCII
    digits. Anything else — a sign, a fraction, other digits, a year after 9999 — is a
    ``UsageError`` saying so, as the specification asks, rather than a silently other date.
    """
    raw = os.environ.get(SOURCE_DATE_EPOCH, "")
    value = raw.strip()
    if not value:
        return None
    if not _ASCII_DIGITS.fullmatch(value):
        problem = _(
            "'{value}' is not a number of seconds since 1970-01-01 (only the digits 0-9)"
        ).format(value=value)
    elif len(value) > 12 or int(value) > _LATEST_EPOCH:
        problem = _("{value} seconds after 1970 is after the year 9999").format(value=value)
    else:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    hint = _(
        "set it to whole seconds, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it "
        "to date the outputs by the 成文日期"
    )
    raise UsageError(
        [Diagnostic(SourceLocation(SOURCE_DATE_EPOCH), Severity.ERROR, "LG407", problem, hint=hint)]
    )
