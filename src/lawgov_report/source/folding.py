r"""Line folding that leaves Chinese text as it was typed.

Why: YAML folds a line break inside a plain or quoted scalar (and a ``>`` block) into a space,
which is right for English and wrong for Chinese: a paragraph wrapped over two lines in an
editor, ``全年组织学法12次，`` / ``开展普法……``, would print as ``12次，␣开展``. Here a fold
next to a Chinese character or full-width mark becomes nothing; between Latin words it stays
one space, as YAML has it. The value is rebuilt from the source lines — in double quotes with
its escapes decoded and its escaped line breaks (a ``\`` at the end of a line) joined without
anything, as YAML does — and used only when folding every break into a space reproduces
exactly what the parser made of them; anything less plain (more-indented lines of a ``>``
block, an escape the parser would refuse) keeps the parser's value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection

import yaml

_CJK_MARKS = frozenset("“”‘’…—·")
_SPACES = " \t"
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)


class _Unfoldable(Exception):
    """The scalar is not one this module rebuilds; the parser's value stands."""


def is_cjk(ch: str) -> bool:
    """True for Chinese characters and full-width marks: text that needs no space around it."""
    return ch in _CJK_MARKS or (not ch.isascii() and unicodedata.east_asian_width(ch) in "WF")


def fold_break(before: str, after: str) -> str:
    """What one folded line break between ``before`` and ``after`` becomes: nothing or a space."""
    return "" if is_cjk(before) or is_cjk(after) else " "


def _space(before: str, after: str) -> str:
    return " "


def _fold(pieces: list[str], join: Callable[[str, str], str], glued: Collection[int] = ()) -> str:
    r"""Join the trimmed lines of a scalar: one break folds, n+1 breaks keep n newlines.

    ``glued`` holds the indexes of pieces whose line break is escaped (``\`` at the end of a
    line in double quotes): that break is no content at all, only empty lines after it are.
    """
    out = pieces[0]
    empty = 0
    last = 0  # the index of the last piece that was not an empty line
    for index, piece in enumerate(pieces[1:], start=1):
        if not piece:
            empty += 1
            continue
        if empty:
            out += "\n" * empty
        elif last not in glued:
            out += join(out[-1], piece[0]) if out else " "
        out += piece
        empty, last = 0, index
    return out + "\n" * empty


def _unescape(text: str) -> str:
    """The characters a double-quoted piece of one line stands for (YAML's escapes)."""
    replacements = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        if code not in replacements:
            raise _Unfoldable
        return str(replacements[code])

    return _ESCAPE.sub(one, text)


def _line_end(line: str) -> tuple[str, bool]:
    r"""A double-quoted line before its line break: (content, whether the break is escaped).

    White space before an unescaped break is no content; an escaped space or tab (``\ ``)
    is; a ``\`` right before the break escapes it and keeps the white space before it.
    """
    stripped = line.rstrip(_SPACES)
    backslashes = len(stripped) - len(stripped.rstrip("\\"))
    if backslashes % 2 == 0:
        return stripped, False
    if len(stripped) == len(line):
        return stripped[:-1], True
    return line[: len(stripped) + 1], False


def _double_quoted_pieces(node: yaml.ScalarNode, lines: list[str]) -> tuple[list[str], set[int]]:
    """The decoded lines of a multi-line double-quoted scalar, and which breaks are escaped."""
    start, end = node.start_mark, node.end_mark
    raw = [
        lines[start.line][start.column + 1 :],
        *(line.lstrip(_SPACES) for line in lines[start.line + 1 : end.line]),
    ]
    pieces: list[str] = []
    glued: set[int] = set()
    for index, line in enumerate(raw):
        content, escaped = _line_end(line)
        if escaped:
            glued.add(index)
        pieces.append(_unescape(content))
    pieces.append(_unescape(lines[end.line][: end.column - 1].lstrip(_SPACES)))
    return pieces, glued


def _flow_pieces(node: yaml.ScalarNode, lines: list[str]) -> list[str]:
    """The trimmed lines of a multi-line plain or single-quoted scalar."""
    start, end = node.start_mark, node.end_mark
    quoted = 1 if node.style in ("'", '"') else 0
    middle = lines[start.line + 1 : end.line]
    pieces = [
        lines[start.line][start.column + quoted :].rstrip(_SPACES),
        *(line.strip(_SPACES) for line in middle),
        lines[end.line][: end.column - quoted].lstrip(_SPACES),
    ]
    if node.style == "'":
        pieces = [piece.replace("''", "'") for piece in pieces]
    return pieces


def _folded_block(node: yaml.ScalarNode, lines: list[str]) -> str | None:
    """A ``>`` block: lines at the block's indentation fold; anything unusual keeps YAML's value."""
    start, end = node.start_mark, node.end_mark
    header = lines[start.line][start.column :].split("#", 1)[0].strip()
    if any(ch.isdigit() for ch in header):
        return None
    content = lines[start.line + 1 : end.line]
    if end.column:
        content.append(lines[end.line][: end.column])
    filled = [line for line in content if line.strip(_SPACES)]
    if not filled:
        return None
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    pieces = [line[indent:] if line.strip(_SPACES) else "" for line in content]
    if any(p[:1] in (" ", "\t") for p in pieces) or not pieces[0]:
        return None
    while pieces and not pieces[-1]:
        pieces.pop()
    folded, value = _fold(pieces, _space), str(node.value)
    tail = value[len(folded) :]
    if not value.startswith(folded) or tail.strip("\n"):
        return None
    return _fold(pieces, fold_break) + tail


def refold(node: yaml.ScalarNode, lines: list[str]) -> str:
    """The value of a scalar that spans lines, with its line breaks folded for Chinese text."""
    if node.style == ">":
        return _folded_block(node, lines) or node.value
    if node.style == "|":
        return str(node.value)
    glued: set[int] = set()
    try:
        if node.style == '"':
            pieces, glued = _double_quoted_pieces(node, lines)
        else:
            pieces = _flow_pieces(node, lines)
    except (_Unfoldable, ValueError):
        return str(node.value)
    if _fold(pieces, _space, glued) != node.value:
        return str(node.value)
    return _fold(pieces, fold_break, glued)
