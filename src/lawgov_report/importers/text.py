"""Plain text (copied from a government website or saved from Word): one line per paragraph."""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic
from .lines import Line, Reading, read_source_text

_BLANKS = " \t\u3000\xa0"


def _without_hashes(text: str) -> str:
    """Text extracted from Markdown-ish sources keeps its “## ”; drop it (linear time)."""
    depth = len(text) - len(text.lstrip("#"))
    if 1 <= depth <= 6 and text[depth : depth + 1] in (" ", "\t", "\u3000"):
        return text[depth:].strip(_BLANKS)
    return text


def read(path: Path, display: str) -> Reading:
    """Every line with its number; blank lines are kept out, indentation is stripped."""
    warnings: list[Diagnostic] = []
    text = read_source_text(path, display, warnings)
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = _without_hashes(raw.strip(_BLANKS))
        if stripped:
            lines.append(Line(stripped, number))
    return Reading(lines, warnings)
