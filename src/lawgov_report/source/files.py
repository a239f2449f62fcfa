"""Reading an input file whole, safely: only regular files, and never more than a limit.

Why: ``Path.read_bytes`` on ``/dev/zero`` or a 2 GB file fills the memory, and on a named pipe
(``mkfifo report.yaml``) it waits for a writer forever. Every reader of a user's file — the
report YAML, a text or Markdown report to import, a Word file — goes through ``read_limited``:
the file is opened without blocking, checked to be a regular file, and read up to the limit
plus one byte. Problems are ``OSError``s, so callers keep one ``except OSError``; the two new
ones carry their reason, translated, as ``strerror``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..i18n import _

_CHUNK = 1024 * 1024


class NotAFileError(OSError):
    """The path is a device, a pipe or a socket: nothing a report is ever written in."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            None, _("it is a device, pipe or socket, not a file; give the report's file")
        )
        self.filename = str(path)


class FileTooLargeError(OSError):
    """The file is larger than the reader's limit (``size`` may be a lower bound)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(
            None,
            _("file is {size} bytes; the limit is {limit} bytes").format(size=size, limit=limit),
        )
        self.filename = str(path)
        self.size = size
        self.limit = limit


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused past ``limit`` bytes.

    Raises the system's ``OSError`` (``FileNotFoundError``, ``PermissionError``…),
    ``IsADirectoryError`` for a folder, ``NotAFileError`` for a device, pipe or socket and
    ``FileTooLargeError`` — before reading when the size is known, else after limit + 1 bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)  # non-blocking: a pipe with no writer opens at once
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        mode = os.fstat(descriptor)
        if stat.S_ISDIR(mode.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode.st_mode):
            raise NotAFileError(path)
        if mode.st_size > limit:
            raise FileTooLargeError(path, mode.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = handle.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLargeError(path, total, limit)
        return b"".join(chunks)
