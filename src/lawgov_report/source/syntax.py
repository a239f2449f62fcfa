"""YAML syntax errors told as what the person typed wrong, at the place they typed it.

Why: PyYAML reports where the parser gave up, in parser words ("mapping values are not allowed
here"), often a line after the mistake. The usual mistakes of people who write Chinese are few
and recognisable from the lines themselves: a full-width ``：`` after a key, a key indented one
space too many or too few, ``: `` inside a sentence. Each gets its own message at the line and
column of the mistake; anything else keeps a plain-words version of PyYAML's problem.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from ..errors import Diagnostic, Severity, SourceLocation
from ..i18n import N_, _, ngettext

_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")
# ``key:value`` with no space, or with a full-width space or a no-break space after the colon:
# YAML reads the whole line as text, and complains a line or two later.
_ODD_SPACES = "\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f"
_UNSPACED_KEY = re.compile(rf"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/:]|[{_ODD_SPACES}])")
_LOOK_BACK = 5  # lines above the parser's complaint searched for a mistyped key
# ``key: value`` at the start of a line: the value starts after the colon and the blanks.
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:[ \t]+")

# PyYAML's wording → what a person editing the file needs to hear (checked in order).
_PROBLEMS: list[tuple[str, str, str]] = [
    (
        "expected <block end>",
        N_("this line is indented differently from the lines above it"),
        N_("line it up with the other keys of the same level (spaces, not tabs)"),
    ),
    (
        "did not find expected key",
        N_("this line is indented differently from the lines above it"),
        N_("line it up with the other keys of the same level (spaces, not tabs)"),
    ),
    (
        "did not find expected '-' indicator",
        N_("a list entry is indented differently from the others"),
        N_("start every entry of the list with '- ' at the same column"),
    ),
    (
        "cannot start any token",
        N_("a character that cannot start a value here"),
        N_("YAML indentation must use spaces, not tabs; quote text that starts with @ ` or a tab"),
    ),
    (
        "could not find expected ':'",
        N_("a key is missing its ':'"),
        N_("write 'key: value', or quote the text if this line continues the one above"),
    ),
    (
        "found undefined alias",
        N_("an alias (*name) with no matching anchor (&name)"),
        N_("remove the '*'; write the text out"),
    ),
    (
        "found unknown escape character",
        N_("an unknown escape after '\\' in double-quoted text"),
        N_("write '\\\\' for a backslash, or put the text in single quotes"),
    ),
    (
        "expected ',' or ']'",
        N_("a list in [ ] is not closed"),
        N_("close it with ']', or write the entries one per line, each starting with '- '"),
    ),
    (
        "expected ',' or '}'",
        N_("a mapping in { } is not closed"),
        N_("close it with '}', or write the keys one per line"),
    ),
    (
        "node content",
        N_("a value is missing here"),
        N_("write a value, or quote text that starts with a mark such as - ? : ,"),
    ),
]
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-' indicator",
)


def _error(display: str, line: int, column: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(
        SourceLocation(display, line, column), Severity.ERROR, "LG003", message, hint=hint
    )


def full_width_colon(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """(line index, column index, key) of ``key：`` on a line between ``first`` and ``last``.

    The nearest to ``last`` wins: the parser complains on the line the key's text runs into.
    """
    for index in range(min(last, len(lines) - 1), max(first, 0) - 1, -1):
        match = _FULL_WIDTH_KEY.match(lines[index])
        if match:
            return index, match.end() - 1, match.group(2)
    return None


def full_width_colon_diagnostic(display: str, line: int, column: int, key: str) -> Diagnostic:
    """The message for ``key：value``, at the ``：`` (1-based line and column)."""
    return _error(
        display,
        line,
        column,
        _("a full-width colon '：' after the key '{key}'").format(key=key),
        _("type a half-width ':' and a space instead: '{key}: '").format(key=key),
    )


def unspaced_key(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """(line index, column index, key) of ``key:value`` typed without a plain space.

    The column is the character after the colon: a full-width or no-break space, or the
    value's first character when there is no space at all. The nearest line to ``last`` wins.
    """
    for index in range(min(last, len(lines) - 1), max(first, 0) - 1, -1):
        match = _UNSPACED_KEY.match(lines[index])
        if match:
            return index, match.end(), match.group(2)
    return None


def unspaced_key_diagnostic(
    display: str, line: int, column: int, key: str, char: str
) -> Diagnostic:
    """The message for ``key:value`` or ``key:　value``, at the character after the colon."""
    if char in _ODD_SPACES:
        message = _(
            "the space after '{key}:' is a full-width or no-break space (U+{code:04X}),"
            " which YAML does not read as a space"
        ).format(key=key, code=ord(char))
        hint = _(
            "delete it and type a half-width space (the space bar in English input mode): '{key}: '"
        )
    else:
        message = _("there is no space after the colon of '{key}:'").format(key=key)
        hint = _("type a space after the colon: '{key}: '")
    return _error(display, line, column, message, hint.format(key=key))


def mistyped_key(display: str, lines: list[str], first: int, last: int) -> Diagnostic | None:
    """A key typed with a full-width colon, or without the space after its colon, near ``last``.

    YAML then reads the whole line as text and complains a line or two later, in parser words.
    """
    colon = full_width_colon(lines, first, last)
    if colon is not None:
        return full_width_colon_diagnostic(display, colon[0] + 1, colon[1] + 1, colon[2])
    unspaced = unspaced_key(lines, first, last)
    if unspaced is not None:
        index, column, key = unspaced
        return unspaced_key_diagnostic(display, index + 1, column + 1, key, lines[index][column])
    return None


def _colon_in_value(line_text: str) -> int | None:
    """Column index of a ``: `` (or a final ``:``) inside the plain text after ``key: ``."""
    head = _KEY_VALUE.match(line_text)
    if head is None:
        return None
    value = line_text[head.end() :]
    if not value or value[0] in "'\"|>[{&*!#":
        return None
    comment = value.find(" #")
    if comment >= 0:
        value = value[:comment]
    value = value.rstrip()
    found = value.find(": ")
    if found < 0 and value.endswith(":"):
        found = len(value) - 1
    return None if found < 0 else head.end() + found


class _Entry(NamedTuple):
    """Where a line's content starts: a key's column, and whether the line is a list entry."""

    line: int
    start: int  # column of the first character (the '-' of a list entry)
    key: int  # column of the key (after '- ' for a list entry)
    dash: bool
    label: str  # the key, or the entry's text

    def name(self, as_entry: bool) -> str:
        """How a message names the line: ``- kind`` as a list entry, ``kind`` as a key."""
        return f"- {self.label}" if as_entry and self.dash else self.label


def _entry(lines: list[str], index: int) -> _Entry | None:
    text = lines[index]
    content = text.lstrip(" ")
    if not content.strip() or content.startswith("#"):
        return None
    start = len(text) - len(content)
    dash = content == "-" or content.startswith("- ")
    key = start + 2 if content == "-" else start
    if dash:
        rest = content[1:]
        key = start + 1 + len(rest) - len(rest.lstrip(" "))
    body = content[key - start :] if dash else content
    label = body.split(":", 1)[0].strip() if ":" in body else body.strip()
    if len(label) > 20:
        label = label[:19] + "…"
    return _Entry(index, start, key, dash, label)


def _indentation(lines: list[str], index: int, display: str) -> Diagnostic | None:
    """A line whose key starts at no column a key could start at here: say where it should."""
    current = _entry(lines, index)
    if current is None:
        return None
    seen: list[_Entry] = []
    bound = 1 << 30
    for above in range(index - 1, -1, -1):
        entry = _entry(lines, above)
        if entry is None or entry.start > bound:
            continue
        seen.append(entry)
        bound = entry.start
    if not seen:
        return None
    # A list entry lines up with the dashes above it, a key with the keys.
    choices = [(e.start, e) for e in seen if e.dash] if current.dash else [(e.key, e) for e in seen]
    if not choices or any(column == current.start for column, _entry_ in choices):
        return None
    column, like = min(choices, key=lambda c: (abs(c[0] - current.start), -c[1].line))
    spaces = abs(column - current.start)
    if column < current.start:
        hint = ngettext(
            "delete {n} space before '{key}'", "delete {n} spaces before '{key}'", spaces
        )
    else:
        hint = ngettext("add {n} space before '{key}'", "add {n} spaces before '{key}'", spaces)
    message = _(
        "'{key}' starts at column {found}, but should start at column {expected},"
        " like '{like}' on line {line}"
    ).format(
        key=current.name(current.dash),
        found=current.start + 1,
        expected=column + 1,
        like=like.name(current.dash),
        line=like.line + 1,
    )
    return _error(
        display,
        index + 1,
        current.start + 1,
        message,
        hint.format(n=spaces, key=current.name(current.dash)),
    )


def _colon_in_text(display: str, line: int, column: int) -> Diagnostic:
    return _error(
        display,
        line,
        column,
        _("the text contains ': ' (a colon and a space), which YAML reads as the start of a key"),
        _("use the full-width colon '：', or put the whole text in quotes"),
    )


def syntax_error(exc: yaml.MarkedYAMLError, display: str, lines: list[str]) -> Diagnostic:
    """The diagnostic for one YAML syntax error, told as the mistake the person made."""
    mark = exc.problem_mark or exc.context_mark
    raw = exc.problem or "invalid YAML"
    index, col = (mark.line, mark.column) if mark else (0, 0)
    if (
        exc.context
        and "quoted scalar" in exc.context
        and "end of stream" in raw
        and exc.context_mark is not None
    ):
        # The parser notices an unclosed quote only at the end of the file; point at its start.
        start = exc.context_mark
        return _error(
            display,
            start.line + 1,
            start.column + 1,
            _("YAML syntax error: {problem}").format(problem=_("this quoted text is never closed")),
            _("add the closing quote at the end of the text"),
        )
    mistyped = mistyped_key(display, lines, index - _LOOK_BACK, index)
    if mistyped is not None:
        return mistyped
    line_text = lines[index] if 0 <= index < len(lines) else ""
    in_value = _colon_in_value(line_text) if "mapping values are not allowed" in raw else None
    if in_value is not None:
        return _colon_in_text(display, index + 1, in_value + 1)
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return _error(
            display,
            index + 1,
            col + 1,
            _("YAML syntax error: {problem}").format(
                problem=_("a tab character in the indentation")
            ),
            _("YAML indentation must use spaces, not tabs"),
        )
    if any(needle in raw for needle in _INDENT_PROBLEMS):
        misplaced = _indentation(lines, index, display)
        if misplaced is not None:
            return misplaced
    if "mapping values are not allowed" in raw:
        return _colon_in_text(display, index + 1, col + 1)
    problem, hint = raw, N_("check the indentation and quotes on this line and the one above")
    for needle, plain, advice in _PROBLEMS:
        if needle in raw:
            problem, hint = plain, advice
            break
    return _error(
        display,
        index + 1,
        col + 1,
        _("YAML syntax error: {problem}").format(problem=_(problem)),
        _(hint),
    )
