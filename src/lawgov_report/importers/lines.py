"""The unit every reader produces — one paragraph of text, where it was, any role hint — and text decoding.

Why decoding lives here: web copies and hand-written Markdown arrive in UTF-8, in GB18030 (what
Chinese Windows' Notepad saved for years) or in UTF-16 (Notepad's "Unicode"). Guessing silently
is how one bad byte turns a whole report into mojibake, so the choice is explicit and said: UTF-8
when the bytes are UTF-8 but for a few bad ones (each named, with its line and column, and
shown as “�”), GB18030 when the bytes are not UTF-8 but are GB18030 (with a warning saying so),
and the bytes neither can read are named either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from ..ooxml.package import cannot_read
from ..source.files import read_limited

MAX_NAMED_BYTES = 5  # bad places named one by one; the rest are counted
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a text report is a few hundred KB; more is not a report
_SCAN_LIMIT = 50  # more bad places than this and the bytes are not in that encoding


class Line(NamedTuple):
    """One paragraph of the source.

    ``hint`` is what the format itself says: "title", "doc_number", "recipients", "heading"
    (with ``level`` 1–4), "run_in" (with ``level`` and the heading sentence in ``head``),
    "signature", "date", "attachment", "letterhead" (发文机关标志), "signer", "copy_to",
    "printed" (印发机关和印发日期), "table" (a table of figures, ``level`` its rows, ``rows``
    its cells row by row), or "" when only the text can tell. ``soft`` says the break before this line may be a mere line
    break inside a paragraph (text copied from a web page, a ``w:br`` in Word): a line that does
    not end a sentence may then run on into the next. Word paragraph boundaries are not soft.
    """

    text: str
    number: int  # 1-based line (text) or paragraph (docx) number in the source
    hint: str = ""
    level: int = 0
    head: str = ""
    soft: bool = True
    rows: tuple[tuple[str, ...], ...] = ()


class Reading(NamedTuple):
    """What a reader returns: the lines, and what it noticed on the way (dropped content…)."""

    lines: list[Line]
    warnings: list[Diagnostic]


def warning(display: str, line: int, code: str, message: str) -> Diagnostic:
    """A warning at ``line`` (column 1) of the source; line 0 names only the file."""
    return Diagnostic(
        SourceLocation(display, line, 1 if line else 0), Severity.WARNING, code, message
    )


def _bad_places(raw: bytes, encoding: str) -> list[tuple[int, int]]:
    """Byte ranges ``encoding`` cannot read, in order, at most ``_SCAN_LIMIT`` of them."""
    places: list[tuple[int, int]] = []
    position = 0
    while len(places) < _SCAN_LIMIT:
        try:
            raw[position:].decode(encoding)
            break
        except UnicodeDecodeError as exc:
            places.append((position + exc.start, position + exc.end))
            position += exc.end
    return places


def _where(raw: bytes, start: int, encoding: str) -> tuple[int, int]:
    """Line and column (in characters) of byte ``start``."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode(encoding, errors="replace")) + 1
    return raw.count(b"\n", 0, start) + 1, column


def _report_bad(
    raw: bytes, places: list[tuple[int, int]], encoding: str, display: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for start, end in places[:MAX_NAMED_BYTES]:
        line, column = _where(raw, start, encoding)
        found.append(
            Diagnostic(
                SourceLocation(display, line, column),
                Severity.WARNING,
                "LG609",
                _(
                    "bytes {bytes} cannot be read as {encoding}; they are shown as “\ufffd”: "
                    "check the text here against the original"
                ).format(bytes=raw[start:end].hex(" ").upper(), encoding=encoding.upper()),
            )
        )
    if len(places) > MAX_NAMED_BYTES:
        more = "" if len(places) < _SCAN_LIMIT else "+"
        found.append(
            warning(
                display,
                0,
                "LG609",
                _("{count} more places with bytes that cannot be read").format(
                    count=f"{len(places) - MAX_NAMED_BYTES}{more}"
                ),
            )
        )
    return found


def _not_text(raw: bytes, display: str) -> ReportError:
    """A file that holds binary data (a Word file, an image) named like a text file."""
    start = raw.index(b"\x00")
    line, column = _where(raw, start, "utf-8")
    if raw.startswith(b"PK\x03\x04"):
        message = _("this is a Word (.docx) or other zip file, not text")
        hint = _("name it .docx to import it as a Word file")
    else:
        message = _("this is not a text file: it holds binary data (byte 00)")
        hint = _("import the original Word file, or save the text as UTF-8")
    return ReportError(
        [
            Diagnostic(
                SourceLocation(display, line, column), Severity.ERROR, "LG001", message, hint=hint
            )
        ]
    )


def decode_text(raw: bytes, display: str) -> tuple[str, list[Diagnostic]]:
    """Bytes of a text file → text, and a warning for every guess and every unreadable byte.

    Text in UTF-8 or GB18030 never holds a zero byte; a file that does is binary (a Word file,
    an image) and is refused rather than turned into a page of “\ufffd”.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8"
    else:
        encoding = "utf-8"
    if encoding == "utf-8" and b"\x00" in raw:
        raise _not_text(raw, display)
    places = _bad_places(raw, encoding)
    if not places:
        return raw.decode(encoding), []
    if encoding == "utf-8":
        text = raw.decode("utf-8", errors="replace")
        readable = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
        if len(places) > max(1, readable // 20):  # mostly not UTF-8: is it GB18030?
            gb_places = _bad_places(raw, "gb18030")
            if len(gb_places) < len(places):
                notice = warning(
                    display,
                    0,
                    "LG609",
                    _(
                        "the file is not UTF-8; read it as GB18030 (GBK), the encoding Chinese "
                        "Windows saves text in — check that the Chinese reads right"
                    ),
                )
                return raw.decode("gb18030", errors="replace"), [
                    notice,
                    *_report_bad(raw, gb_places, "gb18030", display),
                ]
    return raw.decode(encoding, errors="replace"), _report_bad(raw, places, encoding, display)


def read_source_text(path: Path, display: str, warnings: list[Diagnostic] | None = None) -> str:
    """A text file, decoded by ``decode_text``; its warnings are added to ``warnings``."""
    try:
        raw = read_limited(path, MAX_TEXT_BYTES)
    except OSError as exc:
        raise ReportError(
            [
                Diagnostic(
                    SourceLocation(display),
                    Severity.ERROR,
                    "LG001",
                    cannot_read(exc),
                )
            ]
        ) from None
    text, found = decode_text(raw, display)
    if warnings is not None:
        warnings.extend(found)
    return text
