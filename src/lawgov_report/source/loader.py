"""Read a report file: bytes → text → YAML nodes with positions → plain data + source map.

Why a node walk instead of ``yaml.safe_load``: safe_load forgets where each value came from, keeps
the last of two duplicate keys without a word, and turns ``no`` into ``False`` and ``1.10`` into
``1.1``. Walking the composed nodes keeps every scalar exactly as typed (pydantic converts the
fields that really are numbers, dates or flags), records each key's and value's position for
error messages, refuses duplicate keys, unknown tags, alias bombs and absurd nesting, and folds
wrapped lines of Chinese text without inserting spaces (``folding``). A Word, PDF, Markdown or
text report given where YAML belongs is recognised and pointed to ``lawgov import``.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import Diagnostic, ReportError, Severity, SourceLocation, os_error_text
from ..i18n import _
from .files import FileTooLargeError, NotAFileError, read_limited
from .folding import refold
from .syntax import mistyped_key, syntax_error

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 50  # a report nests about a dozen levels; more is a mistake or an attack
_LINE_BREAKS = re.compile("\n|\x85|\u2028|\u2029")  # YAML's line breaks, after CR → LF
_TEXT_REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".htm", ".html")
_YAML_KEY_LINE = re.compile(r"^(organization|year|date|parts)\s*:", re.M)

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
        self.escaped: set[KeyPath] = set()  # double-quoted values with a backslash escape

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
        where the value starts. In double quotes with an escape (``\u201c``, ``\n``) the
        characters are not all in the file as they are in the value; then the value's start is
        the answer, never a wrong place.
        """
        written = self.written(key_path)
        mark = self.values.get(written)
        start = self.value_at(key_path)
        if mark is None or not self.text or not 0 <= offset < len(value) or written in self.escaped:
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


def source_lines(text: str) -> list[str]:
    """The lines of a text as YAML counts them (LF, CR LF, CR, NEL, LS and PS end a line)."""
    return _LINE_BREAKS.split(text.replace("\r\n", "\n").replace("\r", "\n"))


def _shell_word(path: str) -> str:
    return f'"{path}"' if any(ch in path for ch in " '\"&|;()<>$`") else path


# The names ``lawgov import`` accepts for a Word package and for an old binary Word/WPS file.
_WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".wps")
_OLD_WORD_SUFFIXES = (".doc", ".wps")


def import_hint(display: str, suffixes: tuple[str, ...] = ()) -> str:
    """``lawgov import 2021.docx -o 2021.yaml``: the command that turns ``display`` into YAML.

    ``suffixes`` are the names ``import`` accepts for what the file really is; a file named
    otherwise (a Word file saved as ``2021.yaml``) is to be renamed first — ``import`` goes by
    the name, and the output then takes the name the file had, never writing over its input.
    """
    source = Path(display)
    target = _shell_word(str(source.with_suffix(".yaml")))
    if suffixes and source.suffix.lower() not in suffixes:
        renamed = _shell_word(str(source.with_suffix(suffixes[0])))
        return _(
            "rename the file to {renamed}, then run lawgov import {renamed} -o {target}"
            " to turn it into report YAML"
        ).format(renamed=renamed, target=target)
    return _("lawgov import {file} -o {target} turns it into report YAML").format(
        file=_shell_word(display), target=target
    )


def _not_yaml(raw: bytes, display: str) -> Diagnostic | None:
    """A Word, WPS or PDF file where report YAML belongs, told by its first bytes.

    A Word package is told from other zip files by its ``word/`` parts, whose names stand
    in the zip's headers as plain bytes.
    """
    suffix = Path(display).suffix.lower()
    word = suffix in (*_WORD_SUFFIXES, "") or b"word/" in raw
    if raw.startswith(b"PK\x03\x04") and word:
        message = _("this is a Word file, not report YAML")
        hint = import_hint(display, _WORD_SUFFIXES)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        message = _("this is an old Word or WPS file (.doc), not report YAML")
        hint = import_hint(display, _OLD_WORD_SUFFIXES)
    elif raw.startswith(b"%PDF"):
        message = _("this is a PDF file, not report YAML")
        hint = _("lawgov cannot read PDF; use the Word file it was made from: {command}").format(
            command=import_hint(str(Path(display).with_suffix(".docx")))
        )
    elif raw.startswith(b"PK\x03\x04"):
        message = _("this is a zip archive (a Word, Excel or other Office file), not report YAML")
        hint = _("give lawgov the report's .yaml file")
    else:
        return None
    return _error(display, 0, 0, "LG008", message, hint)


def read_text(path: Path, display: str) -> str:
    """Read the file as UTF-8 (a BOM is accepted); refuse other encodings with a how-to.

    Only a regular file of at most ``MAX_FILE_BYTES`` is read (``files.read_limited``): a
    device, a pipe or a huge file is refused before it can hang or exhaust the memory.
    """
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise ReportError([_error(display, 0, 0, "LG001", _("file not found"))]) from None
    except IsADirectoryError:
        raise ReportError(
            [_error(display, 0, 0, "LG001", _("is a directory, not a YAML file"))]
        ) from None
    except (NotAFileError, FileTooLargeError) as exc:
        raise ReportError([_error(display, 0, 0, "LG001", str(exc.strerror))]) from None
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=os_error_text(exc))
        raise ReportError([_error(display, 0, 0, "LG001", message)]) from None
    not_yaml = _not_yaml(raw, display)
    if not_yaml is not None:
        raise ReportError([not_yaml])
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
            _("byte 0x{byte:02X} is not valid UTF-8").format(byte=raw[exc.start]),
            _("save the file as UTF-8 (Notepad or WPS: Save As → Encoding: UTF-8)"),
        )
    return _error(
        display,
        line,
        col,
        "LG002",
        _("the file is saved as GBK/GB18030, not UTF-8"),
        _(
            "save it as UTF-8: Notepad → Save As → Encoding UTF-8;"
            " VS Code → the encoding at the bottom right → Save with Encoding → UTF-8"
        ),
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


def _too_deep(text: str) -> Any:
    """Where the nesting first goes deeper than ``MAX_DEPTH``, read as a stream of events.

    Events come from a state machine, not recursion, so a hostile file cannot exhaust the
    stack here; reading stops at the first place too deep.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _depth_error(display: str, mark: yaml.Mark) -> Diagnostic:
    return _error(
        display,
        mark.line + 1,
        mark.column + 1,
        "LG005",
        _("nested more than {limit} levels deep").format(limit=MAX_DEPTH),
        _("a report is never nested this deep; check the indentation and the brackets here"),
    )


def _compose(text: str, display: str, lines: list[str]) -> yaml.Node | None:
    composer = _Composer(text)
    try:
        node: yaml.Node | None = composer.get_single_node()
        return node
    except (yaml.YAMLError, RecursionError):
        pass
    finally:
        composer.dispose()
    # libyaml and the pure-Python parser word their errors differently; report the
    # pure-Python wording so messages are the same on every installation. The events are
    # read first (no recursion), and composed only to find what the parser cannot see.
    deep = _too_deep(text)
    if deep is not None:
        raise ReportError([_depth_error(display, deep)])
    try:
        for _event in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise ReportError([syntax_error(exc, display, lines)]) from None
    except yaml.reader.ReaderError as exc:
        raise ReportError([_unreadable_character(exc, display, lines)]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        message = _("YAML syntax error: {problem}").format(problem=exc)
        raise ReportError([_error(display, 1, 1, "LG003", message)]) from None
    message = _("YAML syntax error: {problem}").format(problem=_("the file could not be read"))
    raise ReportError([_error(display, 1, 1, "LG003", message)])


def _unreadable_character(
    exc: yaml.reader.ReaderError, display: str, lines: list[str]
) -> Diagnostic:
    """A character YAML refuses (a control character, most often Word's Shift+Enter), located.

    The reader reports an offset into the text; every line break is one character once CR LF
    and CR are read as LF, so the offset becomes a line and a column by walking the lines.
    """
    offset, line = exc.position, 0
    while line < len(lines) - 1 and offset > len(lines[line]):
        offset -= len(lines[line]) + 1
        line += 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    if code < 0x20 or 0x7F <= code <= 0x9F:
        message = _(
            "contains the control character U+{code:04X}, which a Word document cannot hold;"
            " delete it"
        ).format(code=code)
        hint = _(
            "the character is invisible in most editors; it usually comes from text copied out of"
            " Word (a Shift+Enter line break or a page break): delete the character at this column"
        )
    else:
        message = _("contains the character U+{code:04X}, which a text file cannot hold").format(
            code=code
        )
        hint = _("delete the character at this column, or type it again")
    return _error(display, line + 1, offset + 1, "LG003", message, hint)


def _display_tag(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


class _Walker:
    """Turns composed nodes into plain data, recording positions and collecting problems."""

    def __init__(self, display: str, lines: list[str]) -> None:
        self.display = display
        self.lines = lines
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
                        _("the document expands to more than {limit} values").format(
                            limit=MAX_NODES
                        ),
                        _("remove YAML anchors and aliases (&name / *name); write each text out"),
                    )
                ]
            )
        self.source_map.values[key_path] = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            if node.style == '"' and "\\" in self._source(node):
                self.source_map.escaped.add(key_path)
            if node.tag == _STR_TAG and node.start_mark.line == node.end_mark.line:
                return node.value  # nearly every value: take the fast way
            return self._scalar(node)
        if len(key_path) >= MAX_DEPTH:
            self.problems.append(_depth_error(self.display, node.start_mark))
            return None
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            return [self.walk(child, (*key_path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, _MAP_TAG)
        return self._mapping(node, key_path)

    def _source(self, node: yaml.Node) -> str:
        """The node as written in the file (marks count characters of the decoded text)."""
        return self.source_map.text[node.start_mark.index : node.end_mark.index]

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.problems.append(
                _error(
                    self.display,
                    *self._position(node),
                    "LG004",
                    _("unsupported YAML tag {tag}").format(tag=_display_tag(node.tag)),
                    _("remove the tag; lawgov reads plain YAML only (nothing is ever executed)"),
                )
            )

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag not in _PLAIN_TAGS:
            self._check_tag(node, "tag:yaml.org,2002:str")
        if node.tag == _NULL_TAG and not node.style:  # libyaml gives plain scalars style ''
            return None
        if node.start_mark.line != node.end_mark.line:
            return refold(node, self.lines)
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
                        _("a key must be a plain name"),
                        _("merge keys (<<) and complex keys are not supported"),
                    )
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                line, _column = self._position(first_seen[key])
                self.problems.append(
                    _error(
                        self.display,
                        *self._position(key_node),
                        "LG006",
                        _("duplicate key '{key}' (first defined on line {line})").format(
                            key=key, line=line
                        ),
                        _("delete one of the two; YAML would silently keep only the last"),
                    )
                )
                continue
            first_seen[key] = key_node
            child_path = (*key_path, key)
            self.source_map.keys[child_path] = key_node.start_mark
            result[key] = self.walk(value_node, child_path)
        return result


def load_data(text: str, display: str) -> LoadedData:
    """Parse YAML text into plain data (scalars as typed strings) and its source map.

    A Markdown or plain-text report (by its name) that is not YAML gets one message pointing
    to ``lawgov import`` instead of YAML's complaints about it.
    """
    with paused_garbage_collection():
        try:
            return _load_data(text, display)
        except ReportError:
            if Path(display).suffix.lower() in _TEXT_REPORT_SUFFIXES and not _YAML_KEY_LINE.search(
                text
            ):
                message = _("this looks like a report in Markdown or plain text, not report YAML")
                raise ReportError(
                    [_error(display, 0, 0, "LG008", message, import_hint(display))]
                ) from None
            raise


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
    if "\r" in text:  # YAML reads CR LF and CR as LF; so do the folding and the excerpts
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = source_lines(text)
    root = _compose(text, display, lines)
    if root is None:
        raise ReportError(
            [
                _error(
                    display,
                    1,
                    1,
                    "LG007",
                    _("the file is empty"),
                    _("start from examples/2021.yaml or run 'lawgov new'"),
                )
            ]
        )
    walker = _Walker(display, lines)
    walker.source_map.text = text
    data = walker.walk(root, ())
    if walker.problems:
        raise ReportError(walker.problems)
    if not isinstance(data, dict):
        line, column = walker._position(root)
        mistyped = (
            mistyped_key(display, lines, line - 1, line - 1) if isinstance(data, str) else None
        )
        if mistyped is not None:
            raise ReportError([mistyped])
        kind = _("a list") if isinstance(data, list) else _("a single value")
        message = _(
            "the top level must be a mapping of keys (organization:, year:, …), got {kind}"
        ).format(kind=kind)
        raise ReportError([_error(display, line, column, "LG007", message)])
    return LoadedData(data, walker.source_map)
