"""Plain text (copied from a government website or saved from Word): one line per paragraph."""

from __future__ import annotations

import re
from pathlib import Path

from .lines import Line, read_source_text

_BLANKS = " \t\u3000\xa0"
_HASHES = re.compile(r"^#{1,6}\s+")  # text extracted from Markdown-ish sources keeps its "## "


def read(path: Path, display: str) -> list[Line]:
    """Every line with its number; blank lines are kept out, indentation is stripped."""
    text = read_source_text(path, display)
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = _HASHES.sub("", raw.strip(_BLANKS)).strip(_BLANKS)
        if stripped:
            lines.append(Line(stripped, number))
    return lines
