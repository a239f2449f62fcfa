"""Problems as data: locations, diagnostics and the few exceptions that carry them.

Why: every stage (loading, validation, lint, rendering, writing) reports what is wrong as
``Diagnostic`` values; only the ``cli`` package prints them and picks the exit code. Keeping them as data
lets one run report every problem, sorted by position, and lets ``check --format json`` reuse them.
"""

from __future__ import annotations

import enum
import errno
from typing import NamedTuple

from .i18n import N_, _


class Severity(enum.StrEnum):
    """How bad a finding is; ``error`` always fails, ``warning`` fails only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class SourceLocation(NamedTuple):
    """A 1-based line and column in a named file (column counts characters, not bytes)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:  # the line is known, the column not (never a made-up column)
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


class Diagnostic(NamedTuple):
    """One problem found in the user's input, the templates or while writing outputs.

    ``key_path`` is the place in the report model (``parts[0].items[2].title``); it is empty when
    the problem is not about one key (a YAML syntax error, an unreadable file).
    """

    location: SourceLocation
    severity: Severity
    code: str
    message: str
    key_path: str = ""
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, then code, so output is stable and reads top-down."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code)

    def format(self) -> str:
        """Render as ``FILE:LINE:COL: severity: key.path: message [CODE]`` plus a hint line."""
        where = f"{self.key_path}: " if self.key_path else ""
        text = f"{self.location}: {self.severity}: {where}{self.message} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def as_json(self) -> dict[str, str | int]:
        """The fields scripts and editors need, with stable key names."""
        return {
            "file": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": str(self.severity),
            "code": self.code,
            "key_path": self.key_path,
            "message": self.message,
            "hint": self.hint,
        }


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by position and drop exact duplicates (two checks may see the same problem)."""
    unique = {(d.sort_key(), d.message, d.key_path): d for d in diagnostics}
    return [unique[k] for k in sorted(unique)]


# The reasons a clerk meets when reading or writing files, said in their words (``strerror``
# is the C library's English whatever the locale).
_OS_REASON_NAMES = {
    "ENOENT": N_("no such file or directory"),
    "EACCES": N_("permission denied (ask whoever manages this computer for access)"),
    "EPERM": N_("operation not permitted (ask whoever manages this computer for access)"),
    "EISDIR": N_("it is a directory, not a file"),
    "ENOTDIR": N_("a part of the path is a file, not a directory"),
    "ENOSPC": N_("the disk is full (free some space and try again)"),
    "EDQUOT": N_("the disk quota is used up (free some space and try again)"),
    "EEXIST": N_("a file of that name already exists"),
    "EROFS": N_("the disk is read-only (choose a folder you can write to)"),
    "ENAMETOOLONG": N_("the file name is too long (use a shorter name or folder)"),
    "EBUSY": N_("the file is in use by another program (close it and try again)"),
    "ETXTBSY": N_("the file is in use by another program (close it and try again)"),
    "EMFILE": N_("too many files are open (close some programs and try again)"),
    "EIO": N_("the disk could not be read or written (input/output error)"),
    "ELOOP": N_("the path has a symbolic link that loops"),
    "EINVAL": N_("the name or path is not valid"),
}
_OS_REASONS = {
    getattr(errno, name): reason
    for name, reason in _OS_REASON_NAMES.items()
    if hasattr(errno, name)
}


def os_error_text(exc: OSError) -> str:
    """Why an operating-system call failed, in the reader's language (for ``cannot read: …``).

    Why: ``exc.strerror`` is always English; common ``errno`` values get a translated reason,
    other ones keep the system's words (with the number, so they can be looked up).
    """
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return _(reason)
    if exc.strerror:
        return f"{exc.strerror} (errno {exc.errno})" if exc.errno else exc.strerror
    return str(exc)


class LawgovError(Exception):
    """Base of every error caused by the user's input or environment, not by a bug in lawgov.

    The ``cli`` package catches exactly this class: anything else is our bug and keeps its traceback.
    """

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = sort_diagnostics(diagnostics)


class ReportError(LawgovError):
    """Raised when a report file cannot be read, parsed or validated (exit code 1)."""

    exit_code = 1


class UsageError(LawgovError):
    """Raised when the command line or its environment asks for something impossible (exit 2)."""

    exit_code = 2


class TemplateError(LawgovError):
    """Raised when a template is missing, has a syntax error or fails while rendering (exit 3)."""

    exit_code = 3


class OutputError(LawgovError):
    """Raised when an output file cannot be written (exit code 3); earlier outputs stay intact."""

    exit_code = 3
