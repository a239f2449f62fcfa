"""Reading and writing the zip package of a .docx with the standard library only.

Why not python-docx here: writing a DOCX must stay cheap at start-up (no lxml), and must give the
same bytes on every machine. Entries are therefore written in a fixed order with a fixed timestamp
and *stored*, not deflated: deflate output depends on the zlib build (zlib-ng, used by several
Linux distributions, compresses differently), stored bytes do not.
"""

from __future__ import annotations

import io
import zipfile

# 1980-01-01 00:00:00 is the earliest time a zip entry can carry.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def read_package(data: bytes) -> dict[str, bytes]:
    """Every entry of a zip package, in the order the archive lists them."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


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
