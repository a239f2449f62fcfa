"""The unit every reader produces: one paragraph of text, where it was, and any role hint."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import Diagnostic, ReportError, Severity, SourceLocation


class Line(NamedTuple):
    """One paragraph of the source.

    ``hint`` is what the format itself says: "title", "doc_number", "recipients", "heading"
    (with ``level`` 1–4), "run_in" (with ``level`` and the heading sentence in ``head``),
    "signature", "date", "attachment", or "" when only the text can tell.
    """

    text: str
    number: int  # 1-based line (text) or paragraph (docx) number in the source
    hint: str = ""
    level: int = 0
    head: str = ""


def read_source_text(path: Path, display: str) -> str:
    """A text file as UTF-8 (BOM accepted), or GB18030 — web copies are often saved that way."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportError(
            [
                Diagnostic(
                    SourceLocation(display), Severity.ERROR, "LG001", f"cannot read: {exc.strerror}"
                )
            ]
        ) from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
