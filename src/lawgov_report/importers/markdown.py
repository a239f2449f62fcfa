"""Markdown (lawgov's own output, or a hand-written report): headings and escapes understood."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .lines import Line, read_source_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _plain(text: str) -> str:
    """Markdown source text → the text a reader sees (escapes and character references)."""
    return html.unescape(_ESCAPE.sub(r"\1", text)).strip(" \t\u3000")


def read(path: Path, display: str) -> list[Line]:
    """Lines with heading levels: ``#`` is the title, ``##``–``#####`` the four heading levels."""
    lines: list[Line] = []
    for number, raw in enumerate(read_source_text(path, display).splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            continue
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            stripped = stripped[:-1]  # a hard line break: the next line is its own line here
        match = _HEADING.match(stripped)
        if match:
            depth = len(match.group(1))
            text = _plain(match.group(2))
            lines.append(
                Line(text, number, "title", 0)
                if depth == 1
                else Line(text, number, "heading", depth - 1)
            )
        else:
            lines.append(Line(_plain(stripped), number))
    return lines
