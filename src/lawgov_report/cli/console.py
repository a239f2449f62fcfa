"""The terminal: encodings that never raise, and the width text takes on screen.

Why a module of its own: help screens, diagnostics and their source excerpts are laid out for
a terminal where a Chinese character takes two columns, and written to consoles whose encoding
may be GBK, ASCII (``LC_ALL=C``) or UTF-8. Both concerns are the console's, not the messages'.
"""

import sys
from collections.abc import Iterator

ERRORS_HANDLER = "lawgov-console"


def _console_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Encode what the console cannot: a file name's undecodable bytes as they were, else ``?``.

    Python keeps bytes of a file name it could not decode (``LC_ALL=C``) as lone surrogates;
    writing them back unchanged shows the name as ``ls`` would.
    """
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if all("\udc80" <= ch <= "\udcff" for ch in chunk):
        return bytes(ord(ch) - 0xDC00 for ch in chunk), exc.end
    return "?" * len(chunk), exc.end


def setup_console() -> None:
    """Let stdout and stderr write anything in their own encoding, never raising.

    The encoding stays what the console, the locale or ``PYTHONIOENCODING`` chose (GBK on a
    Chinese Windows console whose output is redirected); a character it cannot encode is
    replaced rather than stopping the run after the outputs were written.
    """
    import codecs

    codecs.register_error(ERRORS_HANDLER, _console_replace)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS_HANDLER)


_OPENING = frozenset("（《“‘【〔「『［｛〈〖([{")
_CLOSING = frozenset("，。、；：？！）》”’】〕」』］｝〉〗…,.;:?!)]}")


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in "WF"


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _tokens(text: str) -> Iterator[str]:
    """Words of Latin text, single wide characters (each a place to break) and single spaces."""
    word = ""
    for ch in " ".join(text.split()):
        if ch == " " or (not ch.isascii() and (_is_wide(ch) or ch in _OPENING | _CLOSING)):
            if word:
                yield word
            word = ""
            yield ch
        else:
            word += ch
    if word:
        yield word


def _carried(line: list[str], token: str) -> list[str]:
    """What moves down to the next line with ``token``, taken off the end of ``line``.

    Before a closing mark: the marks before it and the word they close (even across a space,
    as in "a ，"); an opening mark at the end of the line always.
    """
    carried: list[str] = []
    if token in _CLOSING:
        while line and line[-1] in _CLOSING:
            carried.insert(0, line.pop())
        spaces = []
        while line and line[-1] == " ":
            spaces.append(line.pop())
        if line:
            carried[:0] = [line.pop(), *spaces]
    while line and line[-1] in _OPENING:
        carried.insert(0, line.pop())
    return carried


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """Fill ``text`` into lines of at most ``width`` columns.

    Latin words break at spaces; Chinese text breaks between any two characters, except that a
    closing mark (，。）》) never starts a line — the word before it moves down with it — and an
    opening mark (（《“) never ends one.
    """
    lines: list[str] = []
    line: list[str] = []
    indent = initial_indent
    used = display_width(indent)
    for token in _tokens(text):
        if token == " ":
            if line:
                line.append(" ")
                used += 1
            continue
        size = display_width(token)
        if used + size > width and line:
            while line and line[-1] == " ":
                line.pop()
            carried = _carried(line, token)
            if line:
                lines.append(indent + "".join(line))
                indent, line = subsequent_indent, carried
            else:  # nothing would be left: let the marks hang past the margin
                line = carried
            used = display_width(indent) + sum(display_width(t) for t in line)
        line.append(token)
        used += size
    if line or not lines:
        lines.append(indent + "".join(line).rstrip())
    return lines
