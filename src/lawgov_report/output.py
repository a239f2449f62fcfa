"""Atomic writing of a build's output files.

Why: a build that fails half-way must leave the previous outputs exactly as they were and no
stray temporary files. All outputs of one report are first written to temporary files beside
their targets; only when every one is complete are they renamed into place.

Interruptions too: Ctrl-C (and SIGTERM, which the command line turns into the same
``KeyboardInterrupt``) unwind through ``write_all``'s ``finally``, which removes the temporary
files. The few steps that must not be cut in two — registering a new temporary file, the
renames, the clean-up — hold SIGINT and SIGTERM back until they are done (where the platform
can: ``pthread_sigmask``), so a second Ctrl-C cannot leave a file behind either.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import Diagnostic, OutputError, Severity, SourceLocation, os_error_text
from .i18n import _


def _fail(path: Path, message: str) -> OutputError:
    return OutputError([Diagnostic(SourceLocation(str(path)), Severity.ERROR, "LG401", message)])


def _file_mode() -> int:
    """The mode a newly created file gets here (0o666 less the umask), as open() would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done (no-op where the platform cannot)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: temporary files first, then one rename each."""
    temps: dict[Path, Path] = {}
    mode = _file_mode()
    try:
        for target, data in files.items():
            if target.is_dir():
                raise _fail(
                    target, _("the output path is a directory; choose another -o directory")
                )
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with signals_held():
                    fd, name = tempfile.mkstemp(
                        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                    )
                    temps[target] = Path(name)
                os.fchmod(
                    fd, mode
                )  # mkstemp makes files private (0600); outputs are ordinary files
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise _fail(
                    target, _("cannot write: {reason}").format(reason=os_error_text(exc))
                ) from None
        with signals_held():
            for target, temp in temps.items():
                try:
                    temp.replace(target)
                except OSError as exc:
                    raise _fail(
                        target, _("cannot write: {reason}").format(reason=os_error_text(exc))
                    ) from None
    finally:
        with signals_held():
            for temp in temps.values():
                with contextlib.suppress(OSError):
                    temp.unlink()
