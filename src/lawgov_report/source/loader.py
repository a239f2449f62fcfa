"""Read a report file: bytes → text → YAML nodes with positions → plain data + source map.

Why a node walk instead of ``yaml.safe_load``: safe_load forgets where each value came from, keeps
the last of two duplicate keys without a word, and turns ``no`` into ``False`` and ``1.10`` into
``1.1``. Walking the composed nodes keeps every scalar exactly as typed (pydantic converts the
fields that really are numbers, dates or flags), records each key's and value's position for
error messages, and refuses duplicate keys, unknown tags and alias bombs.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import Diagnostic, ReportError, Severity, SourceLocation

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000

_NULL_TAG = "tag:yaml.org,2002:null"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    _NULL_TAG,
}
_MAP_TAG = "tag:yaml.org,2002:map"
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_SEQ_TAG = "tag:yaml.org,2002:seq"

KeyPath = tuple[str | int, ...]


class SourceMap:
    """Where each key and value of the data came from, by key path.

    It keeps the parser's marks and makes ``SourceLocation``s only when one is asked for: a long
    report has tens of thousands of values and needs locations for a handful of findings.
    """

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text  # the decoded file, for positions inside a value (``within``)
        self.keys: dict[KeyPath, yaml.Mark] = {}
        self.values: dict[KeyPath, yaml.Mark] = {}

    def _location(self, mark: yaml.Mark) -> SourceLocation:
        return SourceLocation(self.path, mark.line + 1, mark.column + 1)

    def value_at(self, key_path: KeyPath) -> SourceLocation:
        """The value at the longest known prefix of ``key_path`` (the file itself if none)."""
        for end in range(len(key_path), -1, -1):
            mark = self.values.get(key_path[:end])
            if mark is not None:
                return self._location(mark)
        return SourceLocation(self.path, 1, 1)

    def key_at(self, key_path: KeyPath) -> SourceLocation:
        """The key itself where known, else where its value starts."""
        mark = self.keys.get(key_path)
        return self._location(mark) if mark is not None else self.value_at(key_path)

    def written(self, key_path: KeyPath) -> KeyPath:
        """The longest part of ``key_path`` the file spells out.

        A paragraph written as plain text is, in the model, a paragraph's ``text``.
        """
        for end in range(len(key_path), 0, -1):
            if key_path[:end] in self.values:
                return key_path[:end]
        return ()

    def within(self, key_path: KeyPath, value: str, offset: int) -> SourceLocation:
        r"""Where character ``offset`` of the text ``value`` at ``key_path`` is in the file.

        The value's characters appear in the file in order, apart from what YAML adds or
        removes around them (quotes, ``|``, indentation, folded line breaks): follow them from
        where the value starts. An escape such as ``\u4e00`` in double quotes loses the trail;
        then the value's start is the answer.
        """
        mark = self.values.get(self.written(key_path))
        start = self.value_at(key_path)
        if mark is None or not self.text or not 0 <= offset < len(value):
            return start
        text, at = self.text, mark.index
        for ch in value[: offset + 1]:
            found = text.find(ch, at, at + 200)
            if found < 0:
                return start
            at = found + 1
        line_start = text.rfind("\n", 0, at - 1) + 1
        line = text.count("\n", 0, at - 1) + 1
        return SourceLocation(self.path, line, at - line_start)


class LoadedData(NamedTuple):
    """The plain data of one file and the map back to its lines and columns."""

    data: Any
    source_map: SourceMap


def _error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(SourceLocation(path, line, col), Severity.ERROR, code, message, hint=hint)


def read_text(path: Path, display: str) -> str:
    """Read the file as UTF-8 (a BOM is accepted); refuse other encodings with a how-to."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError([_error(display, 0, 0, "LG001", "file not found")]) from None
    except IsADirectoryError:
        raise ReportError(
            [_error(display, 0, 0, "LG001", "is a directory, not a YAML file")]
        ) from None
    except OSError as exc:
        raise ReportError(
            [_error(display, 0, 0, "LG001", f"cannot read: {exc.strerror}")]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES} bytes"
        raise ReportError([_error(display, 0, 0, "LG001", message)])
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportError([_decode_error(raw, exc, display)]) from None


def _decode_error(raw: bytes, exc: UnicodeDecodeError, display: str) -> Diagnostic:
    before = raw[: exc.start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return _error(
            display,
            line,
            col,
            "LG002",
            f"byte 0x{raw[exc.start]:02X} is not valid UTF-8",
            "save the file as UTF-8 (记事本/WPS: 另存为 → 编码选择 UTF-8)",
        )
    return _error(
        display,
        line,
        col,
        "LG002",
        "the file is saved as GBK/GB18030, not UTF-8",
        "save it as UTF-8: 记事本 → 另存为 → 编码 UTF-8; VS Code → 右下角编码 → 通过编码保存 → UTF-8",
    )


class _TextResolver(yaml.resolver.BaseResolver):
    """Tags for untagged nodes: a plain scalar is text unless it is empty or null.

    YAML 1.1's implicit types (bool, int, float, timestamp) are never wanted here — values stay
    exactly as typed — and matching every scalar against their patterns is most of the cost of
    parsing a long report.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULLS:
                return _NULL_TAG
            if implicit[0] and value == "<<":
                return _MERGE_TAG
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


_CParser: Any = getattr(yaml.cyaml, "CParser", None)  # libyaml's parser; absent without libyaml

if _CParser is not None:

    class _Composer(_CParser, _TextResolver):  # type: ignore[misc]
        """libyaml's parser and composer, with the text resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _TextResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _TextResolver,
    ):
        """The pure-Python parser and composer, with the text resolver."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _TextResolver.__init__(self)


def _compose(text: str, display: str) -> yaml.Node | None:
    composer = _Composer(text)
    try:
        node: yaml.Node | None = composer.get_single_node()
        return node
    except yaml.YAMLError:
        # libyaml and the pure-Python parser word their errors differently; report the
        # pure-Python wording so messages are the same on every installation.
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            raise ReportError([_syntax_error(exc, display, text)]) from None
        except yaml.YAMLError as exc:
            raise ReportError([_error(display, 1, 1, "LG003", str(exc))]) from None
    finally:
        composer.dispose()


# PyYAML's wording → what a person editing the file needs to hear (checked in order).
_SYNTAX_PROBLEMS: list[tuple[str, str, str]] = [
    (
        "expected <block end>",
        "this line is indented differently from the lines above it",
        "line it up with the other keys of the same level (spaces, not tabs)",
    ),
    (
        "did not find expected key",
        "this line is indented differently from the lines above it",
        "line it up with the other keys of the same level (spaces, not tabs)",
    ),
    (
        "did not find expected '-' indicator",
        "a list entry is indented differently from the others",
        "start every entry of the list with '- ' at the same column",
    ),
    (
        "cannot start any token",
        "a character that cannot start a value here",
        "YAML indentation must use spaces, not tabs; quote text that starts with @ ` or a tab",
    ),
    (
        "mapping values are not allowed",
        "an unexpected ':' here",
        "text containing ': ' must be put in quotes",
    ),
    (
        "could not find expected ':'",
        "a key is missing its ':'",
        "write 'key: value', or quote the text if this line continues the one above",
    ),
    (
        "found undefined alias",
        "an alias (*name) with no matching anchor (&name)",
        "remove the '*'; write the text out",
    ),
]


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    raw = exc.problem or "invalid YAML"
    problem, hint = raw, "check the indentation and quotes on this line and the one above"
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        # The parser notices an unclosed quote only at the end of the file; point at its start.
        mark = exc.context_mark
        problem, hint = (
            "this quoted text is never closed",
            "add the closing quote at the end of the text",
        )
    else:
        for needle, plain, advice in _SYNTAX_PROBLEMS:
            if needle in raw:
                problem, hint = plain, advice
                break
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        problem, hint = (
            "a tab character in the indentation",
            "YAML indentation must use spaces, not tabs",
        )
    return _error(display, line, col, "LG003", f"YAML syntax error: {problem}", hint)


def _display_tag(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


class _Walker:
    """Turns composed nodes into plain data, recording positions and collecting problems."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.source_map = SourceMap(display)
        self.problems: list[Diagnostic] = []
        self.count = 0

    def walk(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ReportError(
                [
                    _error(
                        self.display,
                        *self._position(node),
                        "LG005",
                        f"the document expands to more than {MAX_NODES} values",
                        "remove YAML anchors and aliases (&name / *name); write each text out",
                    )
                ]
            )
        self.source_map.values[key_path] = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:  # nearly every value: take the fast way
                return node.value
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            return [self.walk(child, (*key_path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, _MAP_TAG)
        return self._mapping(node, key_path)

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.problems.append(
                _error(
                    self.display,
                    *self._position(node),
                    "LG004",
                    f"unsupported YAML tag {_display_tag(node.tag)}",
                    "remove the tag; lawgov reads plain YAML only (nothing is ever executed)",
                )
            )

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag not in _PLAIN_TAGS:
            self._check_tag(node, "tag:yaml.org,2002:str")
        if node.tag == _NULL_TAG and node.style is None:
            return None
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                self.problems.append(
                    _error(
                        self.display,
                        *self._position(key_node),
                        "LG004",
                        "a key must be a plain name",
                        "merge keys (<<) and complex keys are not supported",
                    )
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                line, _ = self._position(first_seen[key])
                self.problems.append(
                    _error(
                        self.display,
                        *self._position(key_node),
                        "LG006",
                        f"duplicate key '{key}' (first defined on line {line})",
                        "delete one of the two; YAML would silently keep only the last",
                    )
                )
                continue
            first_seen[key] = key_node
            child_path = (*key_path, key)
            self.source_map.keys[child_path] = key_node.start_mark
            result[key] = self.walk(value_node, child_path)
        return result


def load_data(text: str, display: str) -> LoadedData:
    """Parse YAML text into plain data (scalars as typed strings) and its source map."""
    with paused_garbage_collection():
        return _load_data(text, display)


@contextlib.contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector for a burst of allocation that makes (almost) no cycles.

    Parsing allocates tens of thousands of nodes and marks that form a tree; rendering makes
    strings. Collections during either find next to nothing and only cost time; the collector
    resumes afterwards and takes whatever cycles there were.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_data(text: str, display: str) -> LoadedData:
    root = _compose(text, display)
    if root is None:
        raise ReportError(
            [
                _error(
                    display,
                    1,
                    1,
                    "LG007",
                    "the file is empty",
                    "start from examples/2021.yaml or run 'lawgov new'",
                )
            ]
        )
    walker = _Walker(display)
    walker.source_map.text = text
    data = walker.walk(root, ())
    if walker.problems:
        raise ReportError(walker.problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ReportError(
            [
                _error(
                    display,
                    *walker._position(root),
                    "LG007",
                    f"the top level must be a mapping of keys (organization:, year:, …), got {kind}",
                )
            ]
        )
    return LoadedData(data, walker.source_map)
