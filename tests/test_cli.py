"""The command line as a user runs it: exact stderr, stdout and exit codes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report import __version__
from lawgov_report.cli.app import app

from helpers import DATA, EXAMPLE

INVALID = DATA / "invalid"
INVALID_CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", INVALID_CASES)
def test_invalid_input_gives_exact_diagnostics(
    name: str,
    language: str,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[[Path, str], None],
) -> None:
    from lawgov_report import i18n

    monkeypatch.chdir(INVALID)
    monkeypatch.setenv("LAWGOV_LANG", language)
    i18n.reload()
    result = runner.invoke(app, ["check", f"{name}.yaml"])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    suffix = ".stderr" if language == "en" else ".zh.stderr"
    golden(INVALID / f"{name}{suffix}", result.stderr)


@pytest.mark.parametrize("name", INVALID_CASES)
def test_invalid_input_builds_nothing(name: str, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(INVALID / f"{name}.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_build_writes_both_formats_beside_the_input(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "2021.yaml"
    shutil.copy(EXAMPLE, source)
    result = runner.invoke(app, ["build", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "2021.docx"), str(tmp_path / "2021.md")]
    assert result.stderr == ""


def test_build_format_md_only(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "md"])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.md"]


def test_unknown_format_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "odt"])
    assert result.exit_code == 2
    assert "unknown format odt; choose from docx, html, html-fragment, md, pdf" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_two_builds_give_identical_bytes(runner: CliRunner, tmp_path: Path) -> None:
    for out in ("a", "b"):
        assert runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path / out)]).exit_code == 0
    for name in ("2021.md", "2021.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_one_bad_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(INVALID / "empty.yaml"), str(EXAMPLE), "-o", str(tmp_path), "-f", "md"]
    )
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / '2021.md'}\n"
    assert "empty.yaml:1:1: error: the file is empty [LG007]" in result.stderr


def test_missing_file(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "nope.yaml"])
    assert result.exit_code == 1
    assert result.stderr == "nope.yaml: error: file not found [LG001]\n1 error, 0 warnings\n"


def test_check_says_a_clean_file_has_no_problems(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"{EXAMPLE}: no problems found\n"


def test_check_quiet_is_silent_about_clean_files(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-q", str(EXAMPLE)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_check_says_so_in_chinese(runner: CliRunner, chinese: None) -> None:
    result = runner.invoke(app, ["check", "examples/2021.yaml"])
    assert (result.exit_code, result.stderr) == (0, "examples/2021.yaml：未发现问题\n")


def test_check_json(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(INVALID)
    result = runner.invoke(app, ["check", "--format", "json", "misspelled_key.yaml"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings[0] == {
        "file": "misspelled_key.yaml",
        "line": 4,
        "column": 1,
        "severity": "error",
        "code": "LG011",
        "key_path": "titel",
        "message": "unknown key 'titel'",
        "hint": "did you mean 'title'?",
    }


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"lawgov {__version__}\n")


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["check"],
        ["new"],
        ["diff"],
        ["import"],
        ["textconv"],
        ["schema"],
        ["templates", "export"],
    ],
    ids=lambda c: " ".join(c),
)
def test_help_ends_with_an_example(command: list[str], runner: CliRunner) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert f"Example: lawgov {' '.join(command)} " in result.stdout


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "build" in result.output
    assert "check" in result.output


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawgov_report",
            "build",
            str(EXAMPLE),
            "-o",
            str(tmp_path),
            "-f",
            "md",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{tmp_path / '2021.md'}\n"


def test_original_date_fixture_still_validates() -> None:
    from lawgov_report.pipeline import load_report

    report = load_report(DATA / "lint" / "original-date.yaml")
    assert report.date.isoformat() == "2020-01-07"
