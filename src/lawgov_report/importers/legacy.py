"""Old binary Word files (.doc, and WPS's .wps): converted to .docx by LibreOffice, then read.

Why LibreOffice: the binary format is documented but large, and LibreOffice reads it (and the
.wps files WPS Office writes, which are the same format) as well as anything free does. It runs
headless, with a profile directory of its own (a user's running LibreOffice, or another
conversion at the same time, would otherwise hold the profile and make this one fail
silently), in a temporary directory removed afterwards, and with a time limit. Without
LibreOffice the message says how to save the file as .docx in Word or WPS.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from ..ooxml.package import cannot_read
from .lines import Reading, warning

TIMEOUT_SECONDS = 180


def _error(display: str, message: str, hint: str = "") -> ReportError:
    return ReportError(
        [Diagnostic(SourceLocation(display), Severity.ERROR, "LG614", message, hint=hint)]
    )


def _save_as_hint() -> str:
    return _(
        "open the file in Word or WPS, choose 文件 → 另存为, save it as “Word 文档 (*.docx)”, "
        "and import the .docx"
    )


def soffice() -> str | None:
    """The LibreOffice command, if installed (on PATH, or where its installers put it)."""
    from ..typeset.libreoffice import find_soffice

    found = find_soffice()
    return str(found) if found is not None else None


def convert(path: Path, display: str) -> bytes:
    """The .docx LibreOffice makes of ``path``, or a ``ReportError`` saying why not."""
    program = soffice()
    if program is None:
        raise _error(
            display,
            _(
                "this is Word's old binary format (.doc, .wps), which lawgov reads through "
                "LibreOffice; LibreOffice is not installed"
            ),
            _save_as_hint(),
        )
    with tempfile.TemporaryDirectory(prefix="lawgov-import-") as tmp:
        work = Path(tmp)
        source = work / "source.doc"  # LibreOffice tells the format from the content
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise _error(display, cannot_read(exc)) from None
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stderr = process.communicate(timeout=TIMEOUT_SECONDS)[1]
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise _error(
                display,
                _("LibreOffice did not finish converting the file within {seconds} s").format(
                    seconds=TIMEOUT_SECONDS
                ),
                _save_as_hint(),
            ) from None
        converted = work / "out" / "source.docx"
        if not converted.is_file():
            reason = stderr.decode("utf-8", errors="replace").strip().splitlines()
            raise _error(
                display,
                _(
                    "LibreOffice could not convert the file ({reason}); it may be damaged or "
                    "protected by a password"
                ).format(reason=reason[-1] if reason else f"exit {process.returncode}"),
                _save_as_hint(),
            )
        return converted.read_bytes()


def read(path: Path, display: str) -> Reading:
    """The lines of an old binary Word file, by way of LibreOffice's .docx."""
    from .docx_reader import read_bytes

    reading = read_bytes(convert(path, display), display)
    notice = warning(
        display,
        0,
        "LG614",
        _("converted from Word's old binary format with LibreOffice; check the result"),
    )
    return Reading(reading.lines, [notice, *reading.warnings])
