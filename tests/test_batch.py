"""Many reports in one call: every good file built, every bad one named, exit 1 at the end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app

from helpers import EXAMPLE


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(200):
        shutil.copy(EXAMPLE, folder / f"r{n:03}.yaml")
    (folder / "broken.yaml").write_text("organization: [\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_200_reports_and_a_broken_one(
    reports: Path, tmp_path: Path, runner: CliRunner, jobs: str
) -> None:
    dist = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(reports), "-o", str(dist), "-j", jobs])
    assert result.exit_code == 1
    names = sorted(p.name for p in dist.iterdir())
    assert len(names) == 400
    assert names[:2] == ["r000.docx", "r000.md"]
    assert result.stdout.splitlines()[:2] == [str(dist / "r000.docx"), str(dist / "r000.md")]
    assert len(result.stdout.splitlines()) == 400
    assert f"{reports / 'broken.yaml'}:2:1: error: YAML syntax error" in result.stderr
    assert result.stderr.endswith(f"1 of 201 files failed: {reports / 'broken.yaml'}\n")


def test_parallel_and_serial_outputs_are_identical(
    reports: Path, tmp_path: Path, runner: CliRunner
) -> None:
    (reports / "broken.yaml").unlink()
    for jobs in ("1", "2"):
        runner.invoke(
            app,
            [
                "build",
                str(reports / "r000.yaml"),
                str(reports / "r001.yaml"),
                "-o",
                str(tmp_path / jobs),
                "-j",
                jobs,
            ],
        )
    for name in ("r000.docx", "r001.md"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_same_output_name_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE, tmp_path / folder / "2021.yaml")
    dist = tmp_path / "dist"
    result = runner.invoke(
        app,
        [
            "build",
            str(tmp_path / "a" / "2021.yaml"),
            str(tmp_path / "b" / "2021.yaml"),
            "-o",
            str(dist),
        ],
    )
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'b' / '2021.yaml'}: error: writes {dist / '2021.docx'}, which "
        f"{tmp_path / 'a' / '2021.yaml'} writes too; not built [LG403]"
    ) in result.stderr
    assert sorted(p.name for p in dist.iterdir()) == ["2021.docx", "2021.md"]


def test_quiet_when_piped(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["build", str(EXAMPLE), str(EXAMPLE.parent), "-o", str(tmp_path), "-f", "md"]
    )
    assert "\r" not in result.stderr
