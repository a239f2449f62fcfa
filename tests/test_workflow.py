"""The yearly workflow: lawgov new from last year's file, lawgov diff between years."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.pipeline import CheckOptions, check, load_report
from lawgov_report.workflow.compare import compare, render_markdown

from helpers import DATA, EXAMPLE, ROOT


def test_new_from_last_year(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "2021.yaml"
    shutil.copy(EXAMPLE, source)
    result = runner.invoke(app, ["new", "2022", "--from", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / '2022.yaml'}\n"
    text = (tmp_path / "2022.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["year"] == 2022
    assert data["date"] == "【待填写】"
    assert data["doc_number"] == "高科字〔2023〕【待填写】号"
    assert data["title"] == ["高青县科学技术局2022年度", "法治政府建设工作报告"]
    assert [p["title"] for p in data["parts"]] == [
        "法治政府建设的主要举措和成效",
        "存在的主要问题",
        "下一步工作措施",
    ]
    measures = data["parts"][0]["items"]
    assert [i["title"] for i in measures][-1] == "【去年计划】强化法制学习培训。"
    assert all(i["paragraphs"] == ["【待填写】"] for i in measures)
    assert data["parts"][1]["paragraphs"][0]["points"][0].startswith("【去年】规范性文件")
    assert text.startswith("# yaml-language-server: $schema=../schema/lawgov.schema.json\n")


def test_new_file_fails_check_until_filled(tmp_path: Path, runner: CliRunner) -> None:
    shutil.copy(EXAMPLE, tmp_path / "2021.yaml")
    assert runner.invoke(app, ["new", "2022", "--from", str(tmp_path / "2021.yaml")]).exit_code == 0
    new = tmp_path / "2022.yaml"
    first = runner.invoke(app, ["check", str(new)])
    assert first.exit_code == 1
    assert "date: the date is not filled in yet (【待填写】) [LG012]" in first.stderr
    new.write_text(
        new.read_text(encoding="utf-8").replace("date: 【待填写】", "date: 2023-01-09"),
        encoding="utf-8",
    )
    findings = check(new, CheckOptions()).findings
    assert findings
    assert {d.code for d in findings} == {"LG150"}
    # Fill everything in: remove the marks and the placeholder paragraphs.
    text = new.read_text(encoding="utf-8").replace("【去年】", "").replace("【去年计划】", "")
    text = text.replace("【待填写】号", "2号").replace("- 【待填写】", "- 已落实。")
    new.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["check", "--strict", str(new)]).exit_code == 0


def test_new_without_from_has_the_five_items(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "blank.yaml"
    assert runner.invoke(app, ["new", "2023", "-o", str(out)]).exit_code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [p["kind"] for p in data["parts"]] == [
        "measures",
        "problems",
        "responsibility",
        "plans",
        "other",
    ]
    assert runner.invoke(app, ["check", str(out)]).exit_code == 1


def test_new_does_not_overwrite(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "2022.yaml"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["new", "2022", "-o", str(out)])
    assert result.exit_code == 3
    assert out.read_text(encoding="utf-8") == "mine"


def _edited(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace("强队伍建设", "强化队伍建设")
    text = text.replace("  - kind: problems\n", "  - kind: problems\n    also_covers: [other]\n")
    start = text.index("      - title: 畅通诉求渠道")
    end = text.index("      - title: 丰富普法")
    text = text[:start] + "      - title: 推进数字法治建设。\n        run_in: true\n\n" + text[end:]
    path = tmp_path / "2022.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_finds_added_removed_and_changed(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(_edited(tmp_path))])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "    一、法治政府建设的主要举措和成效" in lines
    assert (
        "    ~ （一）强队伍建设，履行第一责任人职责。 → （一）强化队伍建设，履行第一责任人职责。"
        in lines
    )
    assert "    - （四）畅通诉求渠道，依法有效化解矛盾。" in lines
    assert "    + （四）推进数字法治建设。" in lines
    assert not any("存在的主要问题" in line for line in lines)  # also_covers is not text


def test_diff_markdown(tmp_path: Path, chinese: None) -> None:
    changes = compare(load_report(EXAMPLE), load_report(_edited(tmp_path)))
    markdown = render_markdown(changes, "2021.yaml", "2022.yaml")
    assert markdown.startswith("# 2021.yaml → 2022.yaml\n")
    assert "- **删除** （四）畅通诉求渠道，依法有效化解矛盾。" in markdown


def test_diff_of_identical_reports(runner: CliRunner) -> None:
    assert runner.invoke(app, ["diff", str(EXAMPLE), str(EXAMPLE)]).stdout == ""
    md = runner.invoke(app, ["diff", "--format", "md", str(EXAMPLE), str(EXAMPLE)]).stdout
    assert md.endswith("两份报告的内容相同。\n")


def test_diff_reports_invalid_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(DATA / "invalid" / "empty.yaml")])
    assert result.exit_code == 1
    assert "empty.yaml:1:1: error: the file is empty [LG007]" in result.stderr


def test_pre_commit_hooks_run_lawgov_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "lawgov-check": "lawgov check",
        "lawgov-check-strict": "lawgov check --strict",
    }
