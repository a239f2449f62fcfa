"""lawgov status over a generated county of 60 units: each planted case in its column, nowhere else."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import lawgov_report.i18n
from lawgov_report.cli.app import app

from supervise_corpus import AS_OF, PLANTED, make_county

ARGS = ["--as-of", AS_OF.isoformat()]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_county(tmp_path_factory.mktemp("county"))


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    lawgov_report.i18n.reload()


@pytest.fixture(scope="module")
def report(county: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["status", str(county), "-f", "json", *ARGS])
    assert result.exit_code == 1, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _where(units: list[dict[str, Any]], test: Any) -> set[int]:
    return {i for i, unit in enumerate(units) if test(unit)}


def test_missing_units_and_days_overdue(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["state"] == "missing") == {
        *PLANTED.missing,
        PLANTED.not_yet_due,
    }
    for i in PLANTED.missing:
        assert units[i]["days_late"] == (AS_OF - dt.date(2022, 3, 1)).days
        assert units[i]["file"] == ""
    # Missing, but its own deadline (2022-03-20) has not passed: not overdue, nothing to flag.
    assert units[PLANTED.not_yet_due]["days_late"] == 0
    assert units[PLANTED.not_yet_due]["notes"] == []
    assert report["summary"]["overdue"] == len(PLANTED.missing)


def test_late_submissions(report: dict[str, Any]) -> None:
    units = report["units"]
    late = {i: u["days_late"] for i, u in enumerate(units) if u["state"] == "submitted"}
    assert {i: d for i, d in late.items() if d} == PLANTED.late


def test_reports_without_a_problems_part(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["item_problems"] is False) == set(PLANTED.no_problems)
    for i in PLANTED.no_problems:
        assert units[i]["problems_chars"] == 0
        assert units[i]["previous_similarity"] is None
        assert units[i]["item_measures"] is True


def test_problems_copied_from_last_year(report: dict[str, Any]) -> None:
    units = report["units"]
    copied = _where(units, lambda u: (u["previous_similarity"] or 0) >= 0.5)
    assert copied == {PLANTED.copies_last_year}
    assert units[PLANTED.copies_last_year]["previous_similarity"] == 1.0
    assert "shortcomings copied from last year" in units[PLANTED.copies_last_year]["notes"]


def test_two_units_sharing_their_text(report: dict[str, Any]) -> None:
    units = report["units"]
    first, second = PLANTED.shared_pair
    assert _where(units, lambda u: (u["similar_score"] or 0) >= 0.5) == {first, second}
    assert units[first]["similar_unit"] == units[second]["unit"]
    assert units[second]["similar_unit"] == units[first]["unit"]
    assert units[first]["similar_score"] >= 0.6


def test_a_word_file_is_imported_with_its_warnings(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["file"].endswith(".docx")) == {PLANTED.docx}
    docx = units[PLANTED.docx]
    assert docx["state"] == "submitted"
    assert _where(units, lambda u: u["import_warnings"] > 0) == {PLANTED.docx}
    assert [d["code"] for d in docx["diagnostics"] if d["code"].startswith("LG6")] == ["LG606"]


def test_broken_yaml_is_unreadable_with_its_error(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["state"] == "unreadable") == {PLANTED.broken}
    broken = units[PLANTED.broken]
    assert broken["errors"] == 1
    assert broken["diagnostics"][0]["code"] == "LG003"
    assert broken["item_measures"] is None


def test_lint_errors_only_where_planted(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: (u["errors"] or 0) > 0) == {PLANTED.lint_error, PLANTED.broken}
    codes = [d["code"] for d in units[PLANTED.lint_error]["diagnostics"]]
    assert "LG120" in codes


def test_title_and_date_consistency(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["consistency"]) == {PLANTED.title_year}
    assert units[PLANTED.title_year]["consistency"] == ["title says 2020, the report year is 2021"]


def test_publication_in_time(report: dict[str, Any]) -> None:
    units = report["units"]
    assert _where(units, lambda u: u["published_on_time"] is False) == {PLANTED.published_late}
    on_time = _where(units, lambda u: u["published_on_time"] is True)
    assert on_time
    assert all(units[i]["url"] for i in on_time)


def test_every_unit_has_one_row_in_roster_order(report: dict[str, Any], county: Path) -> None:
    import yaml

    roster = yaml.safe_load(county.read_text(encoding="utf-8"))
    assert [u["unit"] for u in report["units"]] == [u["name"] for u in roster["units"]]
    assert report["summary"] == {
        "units": 60,
        "submitted": 55,
        "missing": 4,
        "overdue": 3,
        "unreadable": 1,
        "late": 3,
        "with_errors": 2,  # as the rows' errors column: the lint error and the broken YAML
    }


def test_the_spreadsheet_reads_back(county: Path, tmp_path: Path, report: dict[str, Any]) -> None:
    import openpyxl

    target = tmp_path / "报送情况.xlsx"
    result = CliRunner().invoke(
        app, ["status", str(county), "-f", "xlsx", "-o", str(target), "-j", "2", *ARGS]
    )
    assert result.exit_code == 1, result.output
    assert result.stdout.strip() == str(target)
    book = openpyxl.load_workbook(target)
    sheet = book["status"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}61"
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["unit", "level", "state", "file"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 60
    column = {h: i for i, h in enumerate(headers)}
    for unit, row in zip(report["units"], rows, strict=True):
        assert row[column["unit"]] == unit["unit"]
        assert row[column["errors"]] == unit["errors"]
        dated = row[column["dated"]]
        assert (dated.date().isoformat() if dated else None) == unit["date"]
    copied = rows[PLANTED.copies_last_year][column["same as last year"]]
    assert copied == 1.0
    assert (
        sheet.cell(PLANTED.copies_last_year + 2, column["same as last year"] + 1).number_format
        == "0%"
    )
    # Widths fit Chinese text: a Chinese character counts two.
    longest = max(len(u["unit"]) for u in report["units"])
    assert sheet.column_dimensions["A"].width >= 2 * longest
    findings = book["findings"]
    assert findings.max_row > 1
    # Same rows, same bytes.
    again = tmp_path / "again.xlsx"
    CliRunner().invoke(app, ["status", str(county), "-f", "xlsx", "-o", str(again), *ARGS])
    assert again.read_bytes() == target.read_bytes()


def test_text_table_in_chinese(county: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    lawgov_report.i18n.reload()
    result = CliRunner().invoke(app, ["status", str(county), *ARGS])
    assert result.exit_code == 1
    header = next(line for line in result.stdout.splitlines() if "单位" in line)
    for word in ("报送情况", "成文日期", "逾期天数", "不足和原因", "错误", "警告"):
        assert word in header
    assert "未报送，已逾期9天" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("60个单位：已报送55个")


def test_markdown_table(county: Path) -> None:
    result = CliRunner().invoke(app, ["status", str(county), "-f", "md", *ARGS])
    lines = result.stdout.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 62  # header, rule, 60 units
    assert all(line.count("|") == table[0].count("|") for line in table)


def test_without_openpyxl_a_plain_message(
    county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    lawgov_report.i18n.reload()
    result = CliRunner().invoke(
        app, ["status", str(county), "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"), *ARGS]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr == (
        "--format xlsx: 错误：生成 .xlsx 文件需要 openpyxl 软件包，当前没有安装 [LG703]\n"
        "  建议：安装方法：pip install 'lawgov-report[xlsx]'\n"
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_parallel_gives_the_same_rows(county: Path, report: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["status", str(county), "-f", "json", "-j", "2", *ARGS])
    assert json.loads(result.stdout) == report


def test_all_well_exits_zero(tmp_path: Path) -> None:
    roster = make_county(tmp_path / "small", units=5, seed=3)
    result = CliRunner().invoke(app, ["status", str(roster), "--as-of", "2022-02-28"])
    assert result.exit_code == 0, result.output
    assert "5 units: 5 submitted" in result.stderr


def test_text_output_has_no_colour_off_a_terminal(county: Path) -> None:
    result = CliRunner().invoke(app, ["status", str(county), *ARGS])
    assert "\x1b[" not in result.stdout
    assert io.StringIO(result.stdout).readline().strip().startswith("2021 annual reports")


@pytest.fixture(scope="module")
def status_rows(county: Path) -> list[Any]:
    from lawgov_report.pipeline import CheckOptions
    from lawgov_report.supervise.collect import CollectJob, run
    from lawgov_report.supervise.roster import load_roster, unit_files
    from lawgov_report.supervise.status import build_rows

    loaded = load_roster(county)
    facts = list(run([CollectJob(f, 2021, CheckOptions()) for f in unit_files(loaded, 2021)]))
    return build_rows(loaded.roster, 2021, facts, AS_OF)


@pytest.mark.parametrize("width", [80, 100, 200])
def test_terminal_table_keeps_key_columns_readable(
    status_rows: list[Any], width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.cells import cell_len

    from lawgov_report.supervise.tables import fit_columns, to_text

    monkeypatch.setenv("LAWGOV_LANG", "zh")
    lawgov_report.i18n.reload()
    text = to_text(status_rows, "2021年度报送情况", True, width)
    plain = [line for line in _strip_ansi(text).splitlines()]
    assert max(cell_len(line) for line in plain) <= width
    header = next(line for line in plain if "单位" in line and "成文日期" in line)
    for word in ("单位", "报送情况", "成文日期", "逾期天数", "需要关注"):
        assert f" {word} " in f"{header} "
    body = "\n".join(plain)
    for row in status_rows:  # every unit's whole name on one line, every date whole
        assert any(line.lstrip().startswith(row.name + " ") for line in plain), row.name
        if row.date:
            assert row.date.isoformat() in body
    assert "未报送，已逾期9天" in body.replace("\n", "").replace(" ", "")
    _shown, hidden = fit_columns(status_rows, width)
    assert hidden > 0  # 60 units' figures and similarity do not fit even 200 columns
    assert f"另有{hidden}列" in body
    assert "-f xlsx" in body
    if width >= 200:
        for word in ("错误", "警告", "举措和成效", "其他"):
            assert word in header


def test_terminal_table_off_a_terminal_has_every_column(status_rows: list[Any]) -> None:
    from lawgov_report.supervise.tables import fit_columns, to_text

    _shown, hidden = fit_columns(status_rows, None)
    assert hidden == 0
    assert "xlsx" not in to_text(status_rows, "t", False)


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_the_spreadsheet_in_chinese_says_错误_and_leaves_missing_units_blank(
    county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.setenv("LAWGOV_LANG", "zh")
    lawgov_report.i18n.reload()
    target = tmp_path / "s.xlsx"
    CliRunner().invoke(app, ["status", str(county), "-f", "xlsx", "-o", str(target), *ARGS])
    book = openpyxl.load_workbook(target)
    sheet = next(ws for ws in book.worksheets if "级别" in [c.value for c in ws[1]])
    findings = list(sheet.iter_rows(values_only=True))
    severity = findings[0].index("级别")
    assert {row[severity] for row in findings[1:]} <= {"错误", "警告", "提示"}
    assert "错误" in {row[severity] for row in findings[1:]}
    sheet = next(ws for ws in book.worksheets if ws.cell(1, 1).value == "单位")
    rows = list(sheet.iter_rows(values_only=True))
    errors, warnings = rows[0].index("错误"), rows[0].index("警告")
    for i in PLANTED.missing:
        assert rows[i + 1][errors] is None
        assert rows[i + 1][warnings] is None
