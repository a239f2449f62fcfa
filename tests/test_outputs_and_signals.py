"""Outputs: paths checked before any work, no output replaces an input, interruptions clean up."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app

from helpers import EXAMPLE, without_excerpts

ONE = "1 error, 0 warnings\n"
O_HINT = "  hint: -o names a directory for the outputs; it is created when missing\n"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def test_o_naming_a_file_is_a_usage_error(report: Path, tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["build", str(report), "-o", str(target)])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"{target}: error: -o names a file, not a directory [LG405]\n" + O_HINT + ONE
    )
    assert target.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "notes.txt"]


def test_o_naming_the_input_itself(report: Path, tmp_path: Path, runner: CliRunner) -> None:
    before = report.read_bytes()
    result = runner.invoke(app, ["build", str(report), "-o", str(report)])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"{report}: error: -o names an input file, not a directory for the outputs [LG405]\n"
        + O_HINT
        + ONE
    )
    assert report.read_bytes() == before


def test_o_below_a_file_cannot_be_created(report: Path, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", str(report), "-o", str(report / "out")])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"{report / 'out'}: error: -o cannot be created: {report} is a file [LG405]\n"
        + O_HINT
        + ONE
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_o_in_a_directory_without_permission(
    report: Path, tmp_path: Path, runner: CliRunner
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = runner.invoke(app, ["build", str(report), "-o", str(locked / "out")])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr).startswith(
        f"{locked / 'out'}: error: -o cannot be written: no permission to write in {locked} "
        "[LG405]\n"
    )


def test_a_report_named_like_its_output_is_never_overwritten(
    tmp_path: Path, runner: CliRunner
) -> None:
    source = tmp_path / "report.md"
    shutil.copy(EXAMPLE, source)
    before = source.read_bytes()
    result = runner.invoke(app, ["build", str(source), "--force"])
    assert result.exit_code == 3
    assert without_excerpts(result.stderr) == (
        f"{source}: error: this output would replace the input {source}; not written [LG404]\n"
        "  hint: name report files *.yaml, and keep inputs out of the -o directory\n" + ONE
    )
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no .docx either


def test_an_output_that_is_another_input_is_refused_before_any_work(
    tmp_path: Path, runner: CliRunner
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "a.md"
    shutil.copy(EXAMPLE, first)
    shutil.copy(EXAMPLE, second)  # a report someone saved as a.md
    before = second.read_bytes()
    result = runner.invoke(app, ["build", str(first), str(second), "--force", "-f", "md"])
    assert result.exit_code == 3
    assert (
        f"{second}: error: this output would replace the input {second}; not written [LG404]\n"
    ) in result.stderr
    assert result.stderr.count("[LG404]") == 2  # a.yaml's a.md is the input a.md too
    assert second.read_bytes() == before


def test_a_reference_document_in_the_output_directory_is_not_replaced(
    report: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    reference = out / "a.docx"
    shutil.copy(Path(__file__).parents[1] / "templates" / "reference.docx", reference)
    before = reference.read_bytes()
    result = runner.invoke(
        app, ["build", str(report), "-o", str(out), "--reference-docx", str(reference), "--force"]
    )
    assert result.exit_code == 3
    assert (
        f"{reference}: error: this output would replace the input {reference}; not written [LG404]"
    ) in result.stderr
    assert reference.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["a.docx"]


def test_a_forgotten_o_is_caught(report: Path, tmp_path: Path, runner: CliRunner) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    result = runner.invoke(app, ["build", str(report), str(dist)])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"{dist}: error: no report files (.yaml, .yml) in this directory [LG406]\n"
        f"  hint: did you mean -o {dist}? (-o names the directory for the outputs)\n" + ONE
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "dist"]
    assert list(dist.iterdir()) == []


def test_a_forgotten_o_naming_a_new_directory_is_caught(
    report: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """``lawgov build a.yaml out/`` with no out/ yet: nothing is built beside the input."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(report), f"{out}/"])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"{out}: error: there is no such file or directory [LG406]\n"
        f"  hint: to name the output directory, use -o {out}/\n" + ONE
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_directory_without_reports(tmp_path: Path, runner: CliRunner) -> None:
    for command in ("build", "check"):
        result = runner.invoke(app, [command, str(tmp_path)])
        assert result.exit_code == 2
        assert without_excerpts(result.stderr) == (
            f"{tmp_path}: error: no report files (.yaml, .yml) in this directory [LG406]\n"
            "  hint: put the report YAML files there, or name the files themselves\n" + ONE
        )


# Interruptions. The parent process does all the writing; a hook in a real subprocess holds it
# inside its first fsync, with a temporary file on disk, until the test sends the signal.
_HELD_IN_FSYNC = """\
import os, sys, time
marker = sys.argv[1]
real_fsync = os.fsync
def held_fsync(fd):
    if not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep(60)
    real_fsync(fd)
os.fsync = held_fsync
sys.argv = ["lawgov", *sys.argv[2:]]
from lawgov_report.cli.app import main
main()
"""


@pytest.mark.parametrize(
    ("signum", "to_group", "code"),
    [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)],
    ids=["ctrl-c-to-every-process", "sigterm-to-lawgov"],
)
def test_an_interrupted_parallel_batch_leaves_no_temporary_file(
    tmp_path: Path, signum: signal.Signals, to_group: bool, code: int
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for n in range(8):
        shutil.copy(EXAMPLE, reports / f"r{n}.yaml")
    out, marker = tmp_path / "out", tmp_path / "in-fsync"
    command = [sys.executable, "-c", _HELD_IN_FSYNC, str(marker), "build", str(reports)]
    process = _held_until(marker, [*command, "-o", str(out), "-j", "2"], 20)
    try:
        assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # caught mid-write
        if to_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
        stdout, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == code
    assert stdout == ""
    assert stderr == "interrupted after 0 of 8 files; no output was left half-written\n"
    assert list(out.iterdir()) == []
    with pytest.raises(ProcessLookupError):  # no worker outlived the command
        os.killpg(process.pid, 0)


# The PDF step stands still (as LibreOffice does for minutes on a big batch) until the signal.
_HELD_IN_PDF = """\
import os, sys, time
import lawgov_report.pipeline as pipeline
marker = sys.argv[1]
def held(fmt):
    def finish(items, workers):
        open(marker, "w").close()
        time.sleep(60)
    return finish
pipeline.get_finisher = held
sys.argv = ["lawgov", *sys.argv[2:]]
from lawgov_report.cli.app import main
main()
"""


def test_an_interrupted_pdf_batch_writes_no_report_in_part(tmp_path: Path) -> None:
    """Ctrl-C while the PDFs are made: no report's .docx or .md without its .pdf, and the
    count says so (it used to say 0 with every .docx and .md already written)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for n in range(4):
        shutil.copy(EXAMPLE, reports / f"r{n}.yaml")
    out, marker = tmp_path / "out", tmp_path / "in-pdf"
    command = [sys.executable, "-c", _HELD_IN_PDF, str(marker), "build", str(reports)]
    process = _held_until(marker, [*command, "-o", str(out), "-j", "2", "-f", "docx,md,pdf"], 30)
    try:
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert stdout == ""
    assert stderr == "interrupted after 0 of 4 files; no output was left half-written\n"
    assert not out.exists() or list(out.iterdir()) == []


_DIES_ON_R1 = """\
import os, sys
import lawgov_report.batch as batch
real_prepare = batch.prepare_one
def dying(job):
    if job.source.name == "r1.yaml":
        os._exit(9)
    return real_prepare(job)
batch.prepare_one = dying
sys.argv = ["lawgov", *sys.argv[1:]]
from lawgov_report.cli.app import main
main()
"""


def test_a_worker_that_dies_is_reported_and_the_rest_are_built(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for n in range(4):
        shutil.copy(EXAMPLE, reports / f"r{n}.yaml")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", _DIES_ON_R1, "build", str(reports), "-o", str(out), "-j", "2"],
        capture_output=True,
        text=True,
        env={**os.environ, "LAWGOV_LANG": "en"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 3
    assert without_excerpts(result.stderr) == (
        f"{reports / 'r1.yaml'}: error: the process building this file stopped unexpectedly "
        "(exit code 9) [LG408]\n"
        "  hint: build it again alone (without -j) to see why\n"
        "1 error, 0 warnings\n"
        f"1 of 4 files failed: {reports / 'r1.yaml'}\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        f"r{n}.{suffix}" for n in (0, 2, 3) for suffix in ("docx", "md")
    ]


def test_new_and_import_never_write_over_their_source(
    report: Path, tmp_path: Path, runner: CliRunner
) -> None:
    before = report.read_bytes()
    result = runner.invoke(
        app, ["new", "2022", "--from", str(report), "-o", str(report), "--force"]
    )
    assert result.exit_code == 3
    assert without_excerpts(result.stderr) == (
        f"{report}: error: this output would replace the input {report}; not written [LG404]\n"
        "  hint: choose another file with -o\n"
    )
    assert report.read_bytes() == before
    assert runner.invoke(app, ["build", str(report), "-f", "docx"]).exit_code == 0
    word = tmp_path / "a.docx"
    before = word.read_bytes()
    result = runner.invoke(app, ["import", str(word), "-o", str(word), "--force"])
    assert result.exit_code == 3
    assert "not written [LG404]" in result.stderr
    assert word.read_bytes() == before


# Ctrl-C while Python is still importing lawgov: the signal arrives as the app module loads.
_CTRL_C_AT_START_UP = """\
import builtins, os, signal, sys
real_import = builtins.__import__
def importing(name, *args, **kwargs):
    if name == "typer":
        builtins.__import__ = real_import
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = importing
sys.argv = ["lawgov", *sys.argv[1:]]
from lawgov_report.cli.entry import main
main()
"""


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "interrupted; lawgov stopped"), ("zh", "已中断，lawgov 已停止运行")],
)
def test_ctrl_c_at_start_up_says_one_line(tmp_path: Path, language: str, line: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AT_START_UP, "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LAWGOV_LANG": language, "PYTHONIOENCODING": "utf-8"},
        timeout=30,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", line + "\n")


def test_ctrl_c_in_a_command_says_one_line(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lawgov_report.pipeline.check", interrupted)
    result = runner.invoke(app, ["check", str(EXAMPLE)])
    assert (result.exit_code, result.stderr) == (130, "interrupted; lawgov stopped\n")


def test_a_reader_that_stops_reading_ends_the_run_quietly(tmp_path: Path) -> None:
    """``lawgov schema | head -1``: no traceback, nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lawgov_report", "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LAWGOV_LANG": "en"},
    )
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _stdout, stderr = process.communicate(timeout=30)
    assert stderr == b""
    assert process.returncode in (0, 1, 141)


def test_a_failed_write_says_why_in_chinese(tmp_path: Path, chinese: None) -> None:
    """The system's reason in the reader's language, not ``File exists`` in English."""
    from lawgov_report.errors import OutputError
    from lawgov_report.output import write_all

    (tmp_path / "out").write_text("a file where the directory should be", encoding="utf-8")
    target = tmp_path / "out" / "a.md"
    with pytest.raises(OutputError) as caught:
        write_all({target: b"text"})
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{target}: error: 无法写入：已有同名文件 [LG401]"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _held_until(marker: Path, command: list[str], seconds: float) -> subprocess.Popen[str]:
    """Start ``command`` in its own process group; return once it has written ``marker``.

    The marker is written by a stand-in placed where the run is to be caught (in an fsync, in
    the PDF step), so the signal arrives at exactly that moment, not at a guessed delay.
    """
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LAWGOV_LANG": "en"},
        start_new_session=True,
    )
    deadline = time.monotonic() + seconds
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if not marker.exists():
        os.killpg(process.pid, signal.SIGKILL)  # the command and any workers it started
        pytest.fail(f"never reached the marker: {process.communicate()}")
    return process
