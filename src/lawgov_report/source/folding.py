"""Line folding that leaves Chinese text as it was typed.

Why: YAML folds a line break inside a plain or quoted scalar (and a ``>`` block) into a space,
which is right for English and wrong for Chinese: a paragraph wrapped over two lines in an
editor, ``全年组织学法12次，`` / ``开展普法……``, would print as ``12次，␣开展``. Here a fold
next to a Chinese character or full-width mark becomes nothing; between Latin words it stays
one space, as YAML has it. The value is rebuilt from the source lines, and used only when
folding every break into a space reproduces exactly what PyYAML made of them; anything less
plain (escapes in double quotes, more-indented lines of a ``>`` block) keeps PyYAML's value.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import yaml

_CJK_MARKS = frozenset("“”‘’…—·")
_SPACES = " \t"


def is_cjk(ch: str) -> bool:
    """True for Chinese characters and full-width marks: text that needs no space around it."""
    return ch in _CJK_MARKS or (not ch.isascii() and unicodedata.east_asian_width(ch) in "WF")


def fold_break(before: str, after: str) -> str:
    """What one folded line break between ``before`` and ``after`` becomes: nothing or a space."""
    return "" if is_cjk(before) or is_cjk(after) else " "


def _space(before: str, after: str) -> str:
    return " "


def _fold(pieces: list[str], join: Callable[[str, str], str]) -> str:
    """Join the trimmed lines of a scalar: one break folds, n+1 breaks keep n newlines."""
    out = pieces[0]
    empty = 0
    for piece in pieces[1:]:
        if not piece:
            empty += 1
            continue
        if empty:
            out += "\n" * empty
        else:
            out += join(out[-1], piece[0]) if out else " "
        out += piece
        empty = 0
    return out + "\n" * empty


def _flow_pieces(node: yaml.ScalarNode, lines: list[str]) -> list[str] | None:
    """The trimmed lines of a multi-line plain or quoted scalar."""
    start, end = node.start_mark, node.end_mark
    quoted = 1 if node.style in ("'", '"') else 0
    middle = lines[start.line + 1 : end.line]
    pieces = [
        lines[start.line][start.column + quoted :].rstrip(_SPACES),
        *(line.strip(_SPACES) for line in middle),
        lines[end.line][: end.column - quoted].lstrip(_SPACES),
    ]
    if node.style == '"' and any("\\" in piece for piece in pieces):
        return None
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
    pieces = _flow_pieces(node, lines)
    if pieces is None or _fold(pieces, _space) != node.value:
        return str(node.value)
    return _fold(pieces, fold_break)
