"""What the command line prints and writes on its own account: diagnostics, summaries, new files.

Shared by the command modules (``build``, ``workflow``); the exit codes are documented in the
README and in ``cli``. Imports no Typer at module level, so a fast path that answers without the
app (``lawgov textconv`` for git) can print diagnostics the same way. Messages for a person go to stderr in the console's own encoding (a GBK
console gets GBK, and a character it cannot show becomes ``?`` instead of a traceback); data
(JSON, the schema, text for ``git diff``) goes to stdout as UTF-8 whatever the console.
"""

import sys
from pathlib import Path

from ..errors import Diagnostic, Severity
from ..i18n import N_, _, ngettext

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3

_LINE = {
    Severity.ERROR: N_("{location}: error: {message} [{code}]"),
    Severity.WARNING: N_("{location}: warning: {message} [{code}]"),
    Severity.INFO: N_("{location}: info: {message} [{code}]"),
}
_CONTEXT = 40  # columns of the source line shown before the caret, at most
_SHOWN = 100  # columns of the source line shown in all


def say(text: str, nl: bool = True) -> None:
    """A message for the person at the console (stderr).

    Written with ``print``, not ``click.echo``: Click re-wraps a stream whose encoding is ASCII
    (``LC_ALL=C``) and replaces what it cannot encode, file names included.
    """
    print(text, file=sys.stderr, end="\n" if nl else "", flush=not nl)


def result(text: str) -> None:
    """A result line on stdout: a path written, a short answer."""
    print(text, file=sys.stdout)


def emit_data(text: str) -> None:
    """Data for a program or a file (JSON, the schema, text for git): UTF-8 on stdout."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # pragma: no cover - a stream without bytes underneath
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", errors="surrogateescape"))
    buffer.flush()


class _Sources:
    """Source lines for the excerpts under diagnostics, each file read once."""

    def __init__(self) -> None:
        self.files: dict[str, list[str] | None] = {}

    def line(self, path: str, number: int) -> str | None:
        if path not in self.files:
            self.files[path] = self._read(path)
        lines = self.files[path]
        return lines[number - 1] if lines is not None and 0 < number <= len(lines) else None

    @staticmethod
    def _read(path: str) -> list[str] | None:
        from ..source.loader import source_lines

        try:
            raw = Path(path).read_bytes()
        except (OSError, ValueError):
            return None
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            return None  # not text we could show (a Word file, a GBK file)
        return source_lines(text)


def _visible(ch: str) -> str:
    """A character as the excerpt shows it: tabs as spaces, control characters as symbols."""
    if ch == "\t":
        return "    "
    if ch < " " or ch == "\x7f":
        return chr(0x2400 + ord(ch)) if ch < " " else "\u2421"
    return ch


def excerpt(line: str, column: int) -> tuple[str, str]:
    """The source line as shown, and the line with a caret under ``column`` (1-based)."""
    from .console import display_width

    shown = [_visible(ch) for ch in line]
    before, after = shown[: max(column - 1, 0)], shown[max(column - 1, 0) :]
    lead = ""
    while before and display_width("".join(before)) > _CONTEXT:
        before.pop(0)
        lead = "…"
    text = lead + "".join(before)
    caret = " " * display_width(text) + "^"
    rest = ""
    for piece in after:
        if display_width(text + rest + piece) > _SHOWN:
            rest += "…"
            break
        rest += piece
    return (text + rest).rstrip(), caret


def format_diagnostic(diagnostic: Diagnostic, sources: _Sources | None = None) -> str:
    """``FILE:LINE:COL: error: key.path: message [CODE]``, the source line, a caret, the hint."""
    message = diagnostic.message
    if diagnostic.key_path:
        message = _("{key_path}: {message}").format(key_path=diagnostic.key_path, message=message)
    lines = [
        _(_LINE[diagnostic.severity]).format(
            location=diagnostic.location, message=message, code=diagnostic.code
        )
    ]
    location = diagnostic.location
    source = sources.line(location.path, location.line) if sources and location.line else None
    if source is not None and source.strip():
        shown, caret = excerpt(source, location.column)
        gutter = str(location.line)
        lines.append(f"  {gutter} | {shown}")
        if location.column > 0:  # no caret where the column is not known
            lines.append(f"  {' ' * len(gutter)} | {caret}")
    if diagnostic.hint:
        lines.append(_("  hint: {hint}").format(hint=diagnostic.hint))
    return "\n".join(lines)


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Each diagnostic on stderr, in the order given, with the line of the file it is about."""
    sources = _Sources()
    for diagnostic in diagnostics:
        say(format_diagnostic(diagnostic, sources))


def summary(diagnostics: list[Diagnostic]) -> None:
    """``N errors, M warnings`` on stderr, when there is anything to count."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        counts = ngettext("{errors} error", "{errors} errors", errors).format(errors=errors)
        counts += ngettext(", {warnings} warning", ", {warnings} warnings", warnings).format(
            warnings=warnings
        )
        say(counts)


def write_new_file(target: Path, text: str, force: bool, source: Path | None = None) -> None:
    """Write a YAML file for the user to edit; never over an existing file without --force.

    Never over ``source`` (the file it was made from) either, --force or not.
    """
    import typer

    from ..errors import SourceLocation
    from ..pipeline import InputFiles, overwritten_inputs

    if source is not None:
        hint = _("choose another file with -o")
        overwritten = overwritten_inputs([target], InputFiles([source]), hint)
        if overwritten:
            print_diagnostics(overwritten)
            raise typer.Exit(EXIT_OUTPUT)
    if target.exists() and not force:
        refusal = Diagnostic(
            SourceLocation(str(target)),
            Severity.ERROR,
            "LG402",
            _("already exists; not overwriting"),
            hint=_("choose another file with -o, or add --force"),
        )
        print_diagnostics([refusal])
        raise typer.Exit(EXIT_OUTPUT)
    write_or_exit({target: text.encode("utf-8")})


def write_or_exit(files: dict[Path, bytes]) -> None:
    """Write ``files`` all at once (``output.write_all``), or say why not and end the command."""
    import typer

    from ..errors import LawgovError
    from ..output import write_all

    try:
        write_all(files)
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
