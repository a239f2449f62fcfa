"""LibreOffice, headless: finding it, its version, and many .docx files to PDF/A in one process.

Why one process for many files: starting LibreOffice costs one to two seconds, converting a
report a fraction of that; ``soffice --convert-to`` takes any number of files, so a batch of
reports pays the start once (per worker). Each run gets its own profile directory
(``-env:UserInstallation``): two runs sharing one would hand their work to each other or fail
on the profile's lock. The fontconfig alias file of ``fonts`` reaches LibreOffice through
``FONTCONFIG_FILE``. The process group is killed on a timeout or an interrupt, so no
LibreOffice is left running behind a stopped build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..i18n import _

# PDF/A-2b (SelectPdfVersion 2), tagged, with the document outline as bookmarks.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)
_START_SECONDS = 120  # a first start with a new profile, on a slow shared machine
_SECONDS_PER_FILE = 60
_FILES_PER_CALL = 200  # keeps the command line short enough for Windows (32 767 characters)


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice`` on PATH, or where its installers put it (Windows, macOS)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    places = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        base = os.environ.get(variable)
        if base:
            places.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    return next((place for place in places if place.is_file()), None)


def install_hint() -> str:
    """How to install LibreOffice, for the two systems our users have."""
    return _(
        "install LibreOffice, then build again. Debian/Ubuntu/UOS/Kylin: "
        "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk; Windows: download the "
        "installer from https://www.libreoffice.org/download/ and install it with the default "
        "settings (lawgov finds it in C:\\Program Files\\LibreOffice)"
    )


def _profile_uri(directory: Path) -> str:
    return "-env:UserInstallation=" + directory.resolve().as_uri()


_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()
_stopping = threading.Event()


def _kill(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def stop_all() -> None:
    """Kill every LibreOffice this process started and still waits for, and start no more.

    For an interrupt: only the main thread sees Ctrl-C, while worker threads wait for their
    LibreOffice; this ends those waits at once.
    """
    _stopping.set()
    with _running_lock:
        running = list(_running)
    for process in running:
        _kill(process)


def resume() -> None:
    """Allow conversions again after ``stop_all`` (once the stopped threads have returned)."""
    _stopping.clear()


def _run(args: Sequence[str], cwd: Path, env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own; kill the whole group if it must stop.

    Its own group (session), so that Ctrl-C reaches lawgov, which then stops LibreOffice and
    its children (oosplash starts soffice.bin) instead of leaving them behind.
    """
    with subprocess.Popen(
        list(args),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=sys.platform != "win32",
    ) as process:
        with _running_lock:
            _running.add(process)
        try:
            output, _unused = process.communicate(timeout=timeout)
        except BaseException:  # a timeout, Ctrl-C or a signal turned into an exception
            _kill(process)
            raise
        finally:
            with _running_lock:
                _running.discard(process)
    return process.returncode, output.decode("utf-8", errors="replace")


def version(soffice: Path) -> str | None:
    """``LibreOffice 7.4.7.2 …`` as the program reports it (with a throwaway profile)."""
    with tempfile.TemporaryDirectory(prefix="lawgov-lo-") as work:
        try:
            code, output = _run(
                [str(soffice), _profile_uri(Path(work) / "profile"), "--version"],
                Path(work),
                dict(os.environ),
                _START_SECONDS,
            )
        except (OSError, subprocess.SubprocessError):
            return None
    lines = [line.strip() for line in output.splitlines() if "LibreOffice" in line]
    return lines[0] if code == 0 and lines else None


class Converted(NamedTuple):
    """The PDF of each input in order (None where LibreOffice made none), and its output."""

    pdfs: list[bytes | None]
    log: str


def convert(
    soffice: Path, documents: Sequence[bytes], font_config: str | None, work: Path
) -> Converted:
    """Convert .docx documents to PDF/A-2b with one LibreOffice process per 200 files.

    ``work`` is an empty private directory; the documents, the profile, the alias file and
    the PDFs live there (the caller removes it). A file LibreOffice could not convert has no
    PDF; the log says why.
    """
    inputs, outputs = work / "in", work / "out"
    inputs.mkdir()
    outputs.mkdir()
    env = dict(os.environ)
    if font_config is not None:
        config = work / "fonts.conf"
        config.write_text(font_config, encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    names = [f"{i:05d}.docx" for i in range(len(documents))]
    for name, data in zip(names, documents, strict=True):
        (inputs / name).write_bytes(data)
    logs = []
    for start in range(0, len(names), _FILES_PER_CALL):
        if _stopping.is_set():
            break
        chunk = names[start : start + _FILES_PER_CALL]
        args = [
            str(soffice),
            _profile_uri(work / "profile"),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(outputs),
            *chunk,
        ]
        timeout = _START_SECONDS + _SECONDS_PER_FILE * len(chunk)
        try:
            code, output = _run(args, inputs, env, timeout)
        except subprocess.TimeoutExpired:
            logs.append(_("LibreOffice did not finish within {seconds} s").format(seconds=timeout))
            break
        if code != 0:
            logs.append(_("LibreOffice stopped with exit code {code}").format(code=code))
        logs.extend(line for line in output.splitlines() if line.lower().startswith("error"))
    pdfs: list[bytes | None] = []
    for name in names:
        target = outputs / (name[: -len(".docx")] + ".pdf")
        pdfs.append(target.read_bytes() if target.is_file() else None)
    return Converted(pdfs, "; ".join(logs))
