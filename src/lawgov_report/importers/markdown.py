r"""Markdown (lawgov's own output, or a hand-written report): headings and escapes understood.

Backslash escapes and character references are undone in one pass, left to right, as a
Markdown renderer does: ``\\&copy;`` is the text ``&copy;`` and ``&copy;`` is ``©``. (Undoing them
one after the other would turn an escaped ``\\&copy;`` into ``©``.) Headings are taken apart
by hand, not by a regular expression with several optional parts, so that a heading of
thousands of spaces costs linear time. A pipe table (a row of cells, then a delimiter row
such as ``| --- | ---: |``) is one line with its cells: lawgov's figures attachment is
recognised from them, any other table is named in a warning.
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
_DELIMITER = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")


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


def _cells(row: str) -> tuple[str, ...]:
    r"""A table row's cells, split at the pipes that are not escaped (``\|`` is a pipe)."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in row.strip(_BLANKS).removeprefix("|"):
        if ch == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        escaped = ch == "\\" and not escaped
    if "".join(current).strip(_BLANKS):
        cells.append("".join(current))
    return tuple(_plain(cell) for cell in cells)


def _table(raws: list[str], start: int) -> int:
    """How many source lines the pipe table starting at ``start`` takes (0: no table there)."""
    if start + 1 >= len(raws) or not raws[start].strip(_BLANKS).startswith("|"):
        return 0
    if not _DELIMITER.fullmatch(raws[start + 1].strip(_BLANKS)):
        return 0
    end = start + 2
    while end < len(raws) and raws[end].strip(_BLANKS).startswith("|"):
        end += 1
    return end - start


def read(path: Path, display: str) -> Reading:
    """Lines with heading levels: ``#`` is the title, ``##``–``#####`` the four heading levels."""
    warnings: list[Diagnostic] = []
    lines: list[Line] = []
    raws = read_source_text(path, display, warnings).splitlines()
    skip_to = 0
    for number, raw in enumerate(raws, start=1):
        if number <= skip_to:
            continue
        taken = _table(raws, number - 1)
        if taken:
            rows = tuple(
                _cells(r) for i, r in enumerate(raws[number - 1 : number - 1 + taken]) if i != 1
            )
            lines.append(
                Line(
                    " | ".join(c for c in rows[0] if c),
                    number,
                    "table",
                    len(rows),
                    soft=False,
                    rows=rows,
                )
            )
            skip_to = number - 1 + taken
            continue
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
