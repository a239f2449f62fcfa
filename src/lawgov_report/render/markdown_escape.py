"""Escaping text for CommonMark/GFM so the rendered page shows exactly what the user wrote.

Why: report text is plain prose, but ``*``, ``_``, ``<b>``, ``&amp;``, ``|`` or a leading ``1. ``
would turn into markup on a git host. Every user-supplied fragment goes through ``inline``; a
fragment that starts a line goes through ``line``, which also guards the block-level triggers.
"""

from __future__ import annotations

import re

# ASCII punctuation that can start or end inline markup (CommonMark §6, GFM strikethrough,
# tables, and the math that git hosts render between dollar signs).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$!])")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


def inline(text: str) -> str:
    """Backslash-escape every character that could start inline markup."""
    if _INLINE_SPECIAL.search(text) is None:  # most Chinese prose: nothing to do
        return text
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _entity(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in match.group())


def line(text: str) -> str:
    """Escape a fragment that forms the start of a paragraph line.

    Besides inline markup, a line can open a list (``- ``, ``+ ``, ``1. ``), a setext underline
    (``---``, ``===``) or a code block (leading spaces). Leading and trailing white space (also
    U+3000) would be stripped by a renderer, so it becomes character references.
    """
    escaped = inline(text)
    if escaped[:1].isspace() or escaped[-1:].isspace():
        escaped = _EDGE_SPACE.sub(_entity, escaped)
    first = escaped[:1]
    if first in ("-", "+", "="):
        return "\\" + escaped
    if first.isdigit():
        return _LIST_NUMBER.sub(r"\1\\\2", escaped)
    return escaped
