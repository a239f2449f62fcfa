r"""Markdown (lawgov's own output, or a hand-written report): headings and escapes understood.

Backslash escapes and character references are undone in one pass, left to right, as a
Markdown renderer does: ``\\&copy;`` is the text ``&copy;`` and ``&copy;`` is ``©``. (Undoing them
one after the other would turn an escaped ``\\&copy;`` into ``©``.) Headings are taken apart
by hand, not by a regular expression with several optional parts, so that a heading of
thousands of spaces costs linear time.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..errors import Diagnostic
from .lines import Line, Reading, read_source_text

_UNESCAPE = re.compile(
    r"\\([!-/:-@\[-`{-~])|(&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
_BLANKS = " \t\u3000"


def _one(match: re.Match[str]) -> str:
    escaped, reference = match.groups()
    return escaped if escaped is not None else html.unescape(reference)


def _plain(text: str) -> str:
    """Markdown source text → the text a reader sees (escapes and character references)."""
    return _UNESCAPE.sub(_one, text).strip(_BLANKS)


def _heading(stripped: str) -> tuple[int, str] | None:
    """``(depth, text)`` of an ATX heading line (CommonMark §4.2), or None."""
    depth = len(stripped) - len(stripped.lstrip("#"))
    if not 1 <= depth <= 6 or (len(stripped) > depth and stripped[depth] not in " \t"):
        return None
    content = stripped[depth:].strip(" \t")
    closing = content.rstrip("#")
    if closing != content and (not closing or closing[-1] in " \t"):
        content = closing.rstrip(" \t")
    return depth, content


def read(path: Path, display: str) -> Reading:
    """Lines with heading levels: ``#`` is the title, ``##``–``#####`` the four heading levels."""
    warnings: list[Diagnostic] = []
    lines: list[Line] = []
    for number, raw in enumerate(read_source_text(path, display, warnings).splitlines(), start=1):
        stripped = raw.strip(_BLANKS)
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            continue
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            stripped = stripped[:-1]  # a hard line break: the next line is its own line here
        heading = _heading(stripped)
        if heading is None:
            lines.append(Line(_plain(stripped), number))
            continue
        depth, content = heading
        text = _plain(content)
        if not text:
            continue  # an empty heading (“#”, “# #”) holds no text
        lines.append(
            Line(text, number, "title", 0)
            if depth == 1
            else Line(text, number, "heading", depth - 1)
        )
    return Reading(lines, warnings)
