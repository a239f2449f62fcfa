"""PDF: PDF/A-2b through LibreOffice, the same bytes every run, the 公文 fonts in the right style.

The tests that convert need LibreOffice, poppler-utils and pikepdf (``.ci/run`` installs them);
the ones about a missing LibreOffice, the batch plumbing and the normalisation run everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.pipeline import load_report
from lawgov_report.provenance import State, state_of
from lawgov_report.typeset import libreoffice
from lawgov_report.writers.pdf import document_moment

from helpers import DATA, EXAMPLE

pikepdf = pytest.importorskip("pikepdf")
if TYPE_CHECKING:
    from pikepdf import Pdf

needs_libreoffice = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("soffice", "pdftotext", "pdffonts")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdffonts)",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example built twice, as a user would: lawgov build … --format pdf,html,docx."""
    if shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice")
    root = tmp_path_factory.mktemp("pdf")
    runner = CliRunner()
    for out in ("a", "b"):
        args = ["build", str(EXAMPLE), "-o", str(root / out), "--format", "pdf,html,docx"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == [
            str(root / out / f"2021.{s}") for s in ("pdf", "html", "docx")
        ]
    return root / "a", root / "b"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


def _text_per_font(pdf: Pdf) -> dict[str, int]:
    """Characters shown in each font (by base font name without the subset tag), all pages."""
    shown: dict[str, int] = {}
    for page in pdf.pages:
        fonts: Any = page.Resources.get("/Font", {})
        current = ""
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "Tf":
                font = fonts.get(str(operands[0]))
                current = str(font.BaseFont).split("+")[-1] if font is not None else ""
            elif str(operator) in ("Tj", "TJ", "'", '"'):
                strings = operands[-1] if str(operator) == "TJ" else [operands[-1]]
                count = sum(len(bytes(s)) for s in strings if isinstance(s, pikepdf.String))
                shown[current] = shown.get(current, 0) + count
    return shown


@needs_libreoffice
def test_two_builds_give_the_same_bytes(built: tuple[Path, Path]) -> None:
    a, b = built
    for name in ("2021.pdf", "2021.html", "2021.docx"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@needs_libreoffice
def test_every_font_is_embedded_and_the_body_is_serif(built: tuple[Path, Path]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(built[0] / "2021.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:  # name, type, encoding, emb, sub, uni, object, generation
        assert line.split()[-5] == "yes", line
    with pikepdf.open(built[0] / "2021.pdf") as pdf:
        shown = _text_per_font(pdf)
    body = max(shown, key=lambda name: shown[name])
    assert "Serif" in body or "Ming" in body or "Song" in body, shown
    sans = [name for name in shown if "Sans" in name or "Hei" in name]
    assert sum(shown[name] for name in sans) < shown[body] / 10, shown  # only the 一、 headings


@needs_libreoffice
def test_declares_pdfa_2b_language_and_the_reports_metadata(built: tuple[Path, Path]) -> None:
    data = (built[0] / "2021.pdf").read_bytes()
    assert b"/Lang (zh-CN)" in data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta.pdfa_status == "2B"
        assert meta["dc:title"] == "高青县科学技术局2021年度法治政府建设工作报告"
        assert meta["xmp:CreateDate"] == "2022-01-07T00:00:00Z"
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.MarkInfo.Marked)  # tagged
        assert "/StructTreeRoot" in pdf.Root
        info = pdf.docinfo
        assert str(info.Title) == "高青县科学技术局2021年度法治政府建设工作报告"
        assert str(info.Author) == "高青县科学技术局"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20220107000000Z"
        assert "/DocChecksum" not in pdf.trailer


@needs_libreoffice
def test_pages_are_libreoffices_rendering_of_the_docx(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A plain LibreOffice export of the .docx lawgov wrote: same pages, same text on each."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built[0] / "2021.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    ours, plain = _pages(built[0] / "2021.pdf"), _pages(tmp_path / "2021.pdf")
    assert len(ours) == len(plain) >= 4
    assert ours == plain


@needs_libreoffice
def test_a_reports_pdf_does_not_depend_on_its_batch(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """One LibreOffice numbers fonts across the files it converts; the bytes must not show it."""
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(DATA / "valid" / "thematic.yaml", reports / "1-other.yaml")
    shutil.copy(DATA / "valid" / "five-items.yaml", reports / "2-another.yaml")
    shutil.copy(EXAMPLE, reports / "3-example.yaml")
    result = CliRunner().invoke(
        app, ["build", str(reports), "-o", str(tmp_path / "out"), "-f", "pdf"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "3-example.pdf").read_bytes() == (built[0] / "2021.pdf").read_bytes()
    assert len(list((tmp_path / "out").iterdir())) == 3


@needs_libreoffice
def test_an_edited_pdf_is_not_overwritten(built: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "2021.pdf"
    shutil.copy(built[0] / "2021.pdf", target)
    assert state_of(target) is State.GENERATED
    with target.open("ab") as handle:  # what a PDF editor's incremental save does
        handle.write(b"\n% signed\n")
    assert state_of(target) is State.EDITED
    edited = target.read_bytes()
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "-f", "pdf,md"])
    assert result.exit_code == 3
    assert "LG402" in result.stderr
    assert target.read_bytes() == edited
    assert not (tmp_path / "2021.md").exists()  # the whole report stops, as for .docx


# ---------------------------------------------------------------- without LibreOffice


def _two_reports(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(EXAMPLE, reports / "a.yaml")
    shutil.copy(EXAMPLE, reports / "b.yaml")
    return reports


@pytest.mark.parametrize("language", ["en", "zh"])
def test_missing_libreoffice_loses_nothing_else(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWGOV_LANG", language)
    i18n.reload()
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    reports = _two_reports(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(reports), "-o", str(out), "-f", "pdf,md,html"])
    i18n.reload()
    assert result.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "a.md", "b.html", "b.md"]
    lines = result.stderr.splitlines()
    if language == "en":
        assert (
            lines[0] == f"{out / 'a.pdf'}: error: LibreOffice is not installed or not found [LG410]"
        )
        assert "sudo apt-get install libreoffice-writer-nogui" in lines[1]
        assert "https://www.libreoffice.org/download/" in lines[1]
        assert lines[2] == (
            f"{out / 'b.pdf'}: error: not written: LibreOffice is not installed or not found "
            "(see above) [LG410]"
        )
    else:
        assert "没有安装 LibreOffice" in lines[0]
        assert "sudo apt-get install libreoffice-writer-nogui" in lines[1]
        assert "Windows" in lines[1]
    assert result.stdout.split() == [str(out / n) for n in ("a.md", "a.html", "b.md", "b.html")]


def test_missing_pikepdf_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()
    monkeypatch.setitem(sys.modules, "pikepdf", None)  # import pikepdf raises ImportError
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "-f", "pdf,md"])
    i18n.reload()
    assert result.exit_code == 3
    assert "pikepdf, which is not installed [LG412]" in result.stderr
    assert 'pip install "lawgov-report[pdf]"' in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.md"]


def test_a_stuck_libreoffice_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform == "win32":
        pytest.skip("process groups are POSIX")
    fake = tmp_path / "soffice"
    pids = tmp_path / "pids"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pids}\nwait\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(libreoffice, "_START_SECONDS", 1)
    monkeypatch.setattr(libreoffice, "_SECONDS_PER_FILE", 0)
    work = tmp_path / "work"
    work.mkdir()
    converted = libreoffice.convert(fake, [b"not really a docx"], None, work)
    assert converted.pdfs == [None]
    assert "did not finish within 1 s" in converted.log
    child = int(pids.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the child LibreOffice started was left running")


def test_an_interrupt_stops_the_libreoffice_of_other_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C reaches the main thread only; the workers' LibreOffice must stop too."""
    if sys.platform == "win32":
        pytest.skip("process groups are POSIX")
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(libreoffice, "_FILES_PER_CALL", 1)  # two calls: the second never starts
    results: list[libreoffice.Converted] = []
    work = tmp_path / "work"
    work.mkdir()
    worker = threading.Thread(
        target=lambda: results.append(libreoffice.convert(fake, [b"a", b"b"], None, work))
    )
    started = time.monotonic()
    worker.start()
    while not libreoffice._running and time.monotonic() - started < 10:
        time.sleep(0.05)
    libreoffice.stop_all()
    worker.join(timeout=10)
    libreoffice.resume()
    assert not worker.is_alive()
    assert time.monotonic() - started < 20
    assert results[0].pdfs == [None, None]
    assert "exit code" in results[0].log


def test_dates_come_from_the_date_or_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    report = load_report(EXAMPLE)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_moment(report) == dt.datetime(2022, 1, 7, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert document_moment(report) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
