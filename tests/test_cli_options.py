"""``check`` and ``build`` take the same inputs and the same lint options, as the README says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from lawgov_report.cli.app import app

from helpers import DATA, EXAMPLE

LINT = DATA / "lint" / "original-date.yaml"  # LG101 and LG105, both errors


def test_check_accepts_a_directory_as_build_does(tmp_path: Path, runner: CliRunner) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(EXAMPLE, reports / "2021.yaml")
    shutil.copy(LINT, reports / "old.yml")
    (reports / "notes.txt").write_text("not a report", encoding="utf-8")
    result = runner.invoke(app, ["check", str(reports)])
    assert result.exit_code == 1
    assert f"{reports / 'old.yml'}:16:7: error: " in result.stderr
    assert result.stderr.count(f"{reports / 'old.yml'}:") == 2
    assert result.stderr.endswith("2 errors, 0 warnings\n")
    as_json = runner.invoke(app, ["check", "--format", "json", str(reports)])
    assert {f["code"] for f in json.loads(as_json.stdout)} == {"LG101", "LG105"}
    (reports / "old.yml").unlink()
    assert runner.invoke(app, ["check", str(reports)]).exit_code == 0


def test_build_takes_the_lint_options_of_check(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "r.yaml"
    shutil.copy(LINT, source)
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(source), "-o", str(out)]).exit_code == 1
    assert not out.exists()
    ignored = runner.invoke(app, ["build", str(source), "-o", str(out), "--ignore", "LG101,LG105"])
    assert (ignored.exit_code, ignored.stderr) == (0, "")
    demoted = runner.invoke(
        app,
        [
            "build",
            str(source),
            "-o",
            str(out),
            "--force",
            "--severity",
            "LG101=warning",
            "--severity",
            "LG105=info",
        ],
    )
    assert demoted.exit_code == 0, demoted.stderr
    assert demoted.stderr.endswith("0 errors, 1 warning\n")
    strict = runner.invoke(
        app,
        ["build", str(source), "-o", str(out), "--severity", "LG101=warning", "--strict"],
    )
    assert strict.exit_code == 1
    selected = runner.invoke(app, ["build", str(source), "-o", str(out), "--select", "LG12"])
    assert (selected.exit_code, selected.stderr) == (0, "")
    unknown = runner.invoke(app, ["build", str(source), "-o", str(out), "--ignore", "LG1O1"])
    assert unknown.exit_code == 1
    assert "did you mean 'LG101'?" in unknown.stderr


ROSTER = EXAMPLE.parent / "units.yaml"


def test_a_roster_named_as_a_report_is_told_what_reads_it(runner: CliRunner) -> None:
    for command in ("check", "build"):
        result = runner.invoke(app, [command, str(ROSTER)])
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"{ROSTER}:18:1: error: this is a supervising office's roster (units:), not a report"
            " [LG009]\n"
        ), result.stderr
        assert f"for a roster use lawgov status {ROSTER} or lawgov compile" in result.stderr
        assert "LG010" not in result.stderr
        assert "LG011" not in result.stderr


def test_a_roster_beside_the_reports_is_not_one_of_them(tmp_path: Path, runner: CliRunner) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(EXAMPLE, reports / "2021.yaml")
    shutil.copy(ROSTER, reports / "units.yaml")
    checked = runner.invoke(app, ["check", str(reports)])
    assert checked.exit_code == 0, checked.stderr
    assert "units.yaml" not in checked.stderr
    built = runner.invoke(app, ["build", str(reports), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2021.docx", "2021.md"]
