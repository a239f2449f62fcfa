"""Reading and writing the zip package of a .docx with the standard library only.

Why not python-docx here: writing a DOCX must stay cheap at start-up (no lxml), and must give the
same bytes on every machine. Entries are therefore written in a fixed order with a fixed timestamp
and *stored*, not deflated: deflate output depends on the zlib build (zlib-ng, used by several
Linux distributions, compresses differently), stored bytes do not.

Reading is the one hardened path for every package that comes from outside (a Word file to
import or textconv, a user's reference document): a zip's headers are not trusted, so entry
counts, sizes and compression ratios are capped while reading, encrypted and unusual entries
are refused by name, and every failure is a ``Diagnostic`` naming the file — never a zlib or
zipfile traceback, never a machine brought down by a zip bomb.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

from ..errors import (
    Diagnostic,
    LawgovError,
    ReportError,
    Severity,
    SourceLocation,
    os_error_text,
)
from ..i18n import _

# 1980-01-01 00:00:00 is the earliest time a zip entry can carry.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Generous for real Word files (a report with photos is a few MB; Word's own limit per part is
# far below these), small enough that a bomb cannot exhaust memory.
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


def cannot_read(exc: OSError) -> str:
    """“cannot read: …” for a file the system would not open, in the reader's language."""
    if isinstance(exc, FileNotFoundError):
        reason = _("there is no such file")
    elif isinstance(exc, PermissionError):
        reason = _("permission denied")
    elif isinstance(exc, IsADirectoryError):
        reason = _("it is a folder, not a file")
    else:
        reason = os_error_text(exc)
    return _("cannot read: {reason}").format(reason=reason)


def refuse(
    display: str, message: str, error: type[LawgovError] = ReportError, code: str = "LG501"
) -> LawgovError:
    """The error for an unreadable package: one located diagnostic naming the file."""
    return error([Diagnostic(SourceLocation(display), Severity.ERROR, code, message)])


def _read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: int,
    display: str,
    error: type[LawgovError],
) -> bytes:
    """One entry, read in chunks so that a size the header understates cannot exceed the caps."""
    limit = min(MAX_ENTRY_BYTES, budget)
    try:
        return _read_chunks(archive, info, limit, display, error)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refuse(
            display,
            _(
                "the file is damaged: its part {part} cannot be unpacked; "
                "open it in Word and save it again as .docx (detail: {reason})"
            ).format(part=info.filename, reason=exc),
            error,
        ) from None


def _read_chunks(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: int,
    display: str,
    error: type[LawgovError],
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            ratio_limit = max(RATIO_FLOOR, info.compress_size * MAX_RATIO)
            if size > limit or size > ratio_limit:
                raise refuse(
                    display,
                    _("part {part} unpacks to more than {limit} MB; refused as a zip bomb").format(
                        part=info.filename, limit=min(limit, ratio_limit) // (1024 * 1024)
                    ),
                    error,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def read_package(
    data: bytes,
    display: str = "",
    error: type[LawgovError] = ReportError,
    wanted: Callable[[str], bool] | None = None,
) -> dict[str, bytes]:
    """Every entry of a zip package, in the order the archive lists them, within the caps.

    ``error`` is the exception raised for a package that cannot be read: ``ReportError``
    (exit 1) for an input, ``TemplateError`` (exit 3) for a reference document. With
    ``wanted``, only the entries it accepts are unpacked (a reader that needs the text skips the
    photos); every entry's header is checked all the same.
    """
    name = display or _("the package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise refuse(
                    name,
                    _("the package has {count} parts; more than {limit} is not a Word file").format(
                        count=len(infos), limit=MAX_ENTRIES
                    ),
                    error,
                )
            entries: dict[str, bytes] = {}
            total = declared_total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise refuse(
                        name,
                        _("part {part} is encrypted; save the document without a password").format(
                            part=info.filename
                        ),
                        error,
                    )
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise refuse(
                        name,
                        _("part {part} uses a compression Word does not write").format(
                            part=info.filename
                        ),
                        error,
                    )
                if info.filename in entries:
                    raise refuse(
                        name, _("part {part} occurs twice").format(part=info.filename), error
                    )
                declared_total += info.file_size
                if (
                    info.file_size > max(RATIO_FLOOR, info.compress_size * MAX_RATIO)
                    or info.file_size > MAX_ENTRY_BYTES
                    or declared_total > MAX_TOTAL_BYTES
                ):
                    raise refuse(
                        name,
                        _("part {part} unpacks to {size} MB; refused as a zip bomb").format(
                            part=info.filename, size=info.file_size // (1024 * 1024)
                        ),
                        error,
                    )
                if wanted is not None and not wanted(info.filename):
                    entries[info.filename] = b""
                    continue
                content = _read_entry(archive, info, MAX_TOTAL_BYTES - total, name, error)
                total += len(content)
                entries[info.filename] = content
            if wanted is not None:
                return {key: value for key, value in entries.items() if wanted(key)}
            return entries
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise refuse(
            name,
            _(
                "not a Word .docx file, or a damaged one; "
                "open it in Word and save it again as .docx (detail: {reason})"
            ).format(reason=exc),
            error,
        ) from None


def write_package(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` in their given order, stored, with a fixed timestamp.

    ``[Content_Types].xml`` goes first, as Office itself writes it and some readers expect.
    """
    ordered = sorted(entries, key=lambda name: name != "[Content_Types].xml")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, entries[name])
    return buffer.getvalue()
