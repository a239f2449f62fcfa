"""Lint rules: each triggers on a bad case and stays quiet on the corrected one."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.errors import ReportError, Severity
from lawgov_report.lint.engine import RULES, RULES_BY_CODE
from lawgov_report.pipeline import CheckOptions, check

from helpers import DATA, EXAMPLE, ROOT

BASE: dict[str, Any] = {
    "organization": "某县科学技术局",
    "year": 2021,
    "date": "2022-01-07",
    "doc_number": "某科字〔2022〕1号",
    "title": "某县科学技术局2021年度法治政府建设工作报告",
    "parts": [
        {
            "kind": "measures",
            "also_covers": ["responsibility"],
            "title": "主要举措和成效",
            "items": [
                {"title": "强化学习。", "run_in": True, "paragraphs": ["全年组织学法12次。"]}
            ],
        },
        {
            "kind": "problems",
            "title": "存在的不足和原因",
            "paragraphs": [{"text": "主要有：", "points": ["学法形式单一；", "制度落实不够。"]}],
        },
        {"kind": "plans", "title": "下一步工作安排", "paragraphs": ["继续加强法治宣传教育。"]},
    ],
}

Patch = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Patch:
    def apply(data: dict[str, Any]) -> None:
        *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for key in head:
            target = target[key]
        target[last] = value

    return apply


def _all(*patches: Patch) -> Patch:
    def apply(data: dict[str, Any]) -> None:
        for patch in patches:
            patch(data)

    return apply


def _drop(key: str) -> Patch:
    return lambda data: data.pop(key)


_PRINT = _set("output", {"variant": "print"})


def _text(value: str) -> Patch:
    return _set("parts.2.paragraphs.0", value)


def _figures(
    figures: dict[str, Any], text: str = "", last_year: dict[str, Any] | None = None
) -> Patch:
    """Give the report figures (and a paragraph citing them); ``last_year`` writes 2020.yaml."""

    def apply(data: dict[str, Any]) -> None:
        data["figures"] = figures
        if text:
            _text(text)(data)
        if last_year is not None:
            data[PREVIOUS] = {
                **copy.deepcopy(BASE),
                "year": 2020,
                "date": "2021-01-07",
                "doc_number": "某科字〔2021〕1号",
                "figures": last_year,
                "title": "某县科学技术局2020年度法治政府建设工作报告",
            }

    return apply


PREVIOUS = "__last_year__"  # written beside the report as 2020.yaml, not part of it


CASES: dict[str, tuple[Patch, Patch]] = {
    "LG101": (_set("date", "2020-01-07"), _set("date", "2022-01-07")),
    "LG102": (_set("date", "2021-12-20"), _set("date", "2022-01-05")),
    "LG103": (_set("date", "2022-04-15"), _set("date", "2022-03-31")),
    "LG104": (_set("doc_number", "某科字[2022]第01号"), _set("doc_number", "某科字〔2022〕1号")),
    "LG105": (_set("doc_number", "某科字〔2021〕1号"), _set("doc_number", "某科字〔2022〕3号")),
    "LG106": (
        _set("title", "某县科学技术局法治政府建设工作报告"),
        _set("title", "某县科学技术局2021年法治政府建设情况报告"),
    ),
    "LG107": (
        _set("title", "某县科学技术局2021年度法治政府建设工作报告。"),
        _set("title", ["某县科学技术局2021年度", "法治政府建设工作报告"]),
    ),
    "LG108": (_set("parts.2.title", "下一步工作安排。"), _set("parts.2.title", "下一步工作安排")),
    "LG109": (
        _set("parts.0.items.0.title", "强化学习"),
        _set("parts.0.items.0.title", "强化学习！"),
    ),
    "LG110": (
        _set("parts.1.kind", "other"),
        _set("parts.0.also_covers", ["responsibility", "problems"]),
    ),
    "LG111": (_set("parts.0.also_covers", []), _set("parts.2.kind", "responsibility")),
    "LG112": (
        _set("parts.2.paragraphs", []),
        _set("parts.2.items", [{"title": "只有一句话的条目。", "run_in": True}]),
    ),
    "LG113": (
        _set("parts.2.title", "三、下一步工作安排"),
        _set("parts.2.title", "下一步三项工作安排"),
    ),
    "LG120": (_text("继续加强法治宣传教育,提高能力。"), _text("继续加强法治宣传教育，提高能力。")),
    "LG121": (_text('开展"法律进企业"活动。'), _text("开展“法律进企业”活动。")),
    "LG122": (_text("学习《民法典》和《宪法。"), _text("学习《民法典》和《宪法》。")),
    "LG123": (_text("1、继续学习。2、继续宣传。"), _text("继续学习，继续宣传。")),
    "LG124": (_text("一是：继续学习。"), _text("一是继续学习。二是继续宣传。")),
    "LG125": (
        _text("一是继续学习。三是继续宣传。"),
        _text("一是继续学习。二是继续宣传。三是加强考核。"),
    ),
    "LG126": (_text("继续加强法治宣传教育."), _text("继续加强法治宣传教育，学习3.15相关法律。")),
    "LG127": (
        _text("推动出台光明科学城条例—光明科学城草案。"),
        _text("推动出台《光明科学城条例》——光明科学城的第一部条例……"),
    ),
    "LG130": (_text("全年组织学法１２次。"), _text("全年组织学法12次。")),
    "LG131": (_text("于2022年01月07日召开会议。"), _text("于2022年1月7日召开会议。")),
    "LG150": (_text("【去年】继续加强法治宣传教育。"), _text("继续加强法治宣传教育。")),
    "LG160": (_PRINT, _all(_PRINT, _set("print", {"signer": "张三"}))),
    "LG161": (_PRINT, _all(_PRINT, _set("recipients", "中共某县委、某县人民政府："))),
    "LG162": (_all(_PRINT, _drop("doc_number")), _PRINT),
    "LG163": (
        _all(_PRINT, _set("print", {"printed_by": "某县科学技术局办公室"})),
        _all(
            _PRINT,
            _set("print", {"printed_by": "某县科学技术局办公室", "printed_date": "2022-01-07"}),
        ),
    ),
    "LG164": (
        _set("print", {"printed_date": "2022-01-06"}),
        _set("print", {"printed_date": "2022-01-07"}),
    ),
    "LG165": (
        _set("title", ["深圳市光明区人民政府2021年度法治政府建设工作", "报告"]),
        _set("title", ["深圳市光明区人民政府", "2021年度法治政府建设工作报告"]),
    ),
    "LG190": (
        _figures({"负责人出庭": 20, "应出庭": 19}),
        _figures({"负责人出庭": 19, "应出庭": 20}),
    ),
    "LG191": (_text("群众满意率达到120%。"), _text("群众满意率达到99.5%。")),
    "LG192": (
        _figures({"复议收案": 53}, "全年受理行政复议案件35件。"),
        _figures({"复议收案": 53}, "全年受理行政复议案件{复议收案}件。"),
    ),
    "LG193": (
        _figures({"复议收案": 53}, "全年受理行政复议案件53件，同比下降。", {"复议收案": 48}),
        _figures({"复议收案": 53}, "全年受理行政复议案件53件，同比上升。", {"复议收案": 48}),
    ),
    "LG140": (
        _text("建设廉洁高效、守法诚信的法治政府。"),
        _text("建设智能高效、廉洁诚信、人民满意的法治政府。"),
    ),
    "LG180": (
        _text("聘请律师张某（身份证号11010519491231002X）为法律顾问。"),
        # A check digit that does not fit, and a date that does not exist: not ID numbers.
        _text("档案编号110105194912310021、110105194913310029已归档。"),
    ),
    "LG181": (
        _text("联系人：王某，电话138 1234 5678。"),
        _text("服务热线0533-6961234，12345政务服务便民热线。"),
    ),
    "LG182": (_set("published", "2022-04-02"), _set("published", "2022-03-31")),
    "LG183": (_set("published", "2022-01-06"), _set("published", "2022-01-07")),
}


def _codes(tmp_path: Path, patch: Patch, select: str) -> list[str]:
    data = copy.deepcopy(BASE)
    patch(data)
    source = tmp_path / "r.yaml"
    if PREVIOUS in data:  # last year's report beside this one, found by its name
        previous = data.pop(PREVIOUS)
        (tmp_path / "2020.yaml").write_text(yaml.safe_dump(previous, allow_unicode=True), "utf-8")
        source = tmp_path / "2021.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return [d.code for d in check(source, CheckOptions(select=(select,))).findings]


def test_base_report_is_clean(tmp_path: Path) -> None:
    assert _codes(tmp_path, lambda data: None, "LG") == []


def test_every_rule_has_a_case_and_a_page() -> None:
    assert sorted(CASES) == sorted(RULES_BY_CODE)
    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## {rule.code} " in rules_doc


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers(code: str, tmp_path: Path) -> None:
    assert _codes(tmp_path, CASES[code][0], code) == [code]


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet_on_the_fix(code: str, tmp_path: Path) -> None:
    assert _codes(tmp_path, CASES[code][1], code) == []


def test_example_checks_clean(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--strict", str(EXAMPLE)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"{EXAMPLE}: no problems found\n"


def test_original_date_fails_with_date_and_doc_number_rules(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    monkeypatch.chdir(DATA / "lint")
    result = runner.invoke(app, ["check", "original-date.yaml"])
    assert result.exit_code == 1
    golden(DATA / "lint" / "original-date.stderr", result.stderr)
    assert "original-date.yaml:16:7: error: date: the date (成文日期) 2020-01-07" in result.stderr


def test_original_date_in_chinese(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[[Path, str], None],
    chinese: None,
) -> None:
    monkeypatch.chdir(DATA / "lint")
    result = runner.invoke(app, ["check", "original-date.yaml"])
    assert result.exit_code == 1
    golden(DATA / "lint" / "original-date.zh.stderr", result.stderr)
    assert "original-date.yaml:16:7: 错误：date：成文日期2020年1月7日早于报告年度" in result.stderr
    assert "original-date.yaml:23:13: 错误：doc_number：发文字号年份2022与成文日期" in result.stderr


def test_check_json_lists_findings(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "lint")
    result = runner.invoke(app, ["check", "--format", "json", "original-date.yaml"])
    findings = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["file"], f["line"], f["column"]) for f in findings] == [
        ("LG101", "error", "original-date.yaml", 16, 7),
        ("LG105", "error", "original-date.yaml", 23, 13),
    ]
    assert all(f["message"] for f in findings)


def _both(*patches: Patch) -> Patch:
    def apply(data: dict[str, Any]) -> None:
        for patch in patches:
            patch(data)

    return apply


# A date inside the report year (a warning) and one before it (an error), 发文字号 to match.
EARLY = _both(_set("date", "2021-12-20"), _set("doc_number", "某科字〔2021〕5号"))
TOO_EARLY = _both(_set("date", "2020-01-07"), _set("doc_number", "某科字〔2020〕5号"))


def _write(tmp_path: Path, patch: Patch) -> Path:
    data = copy.deepcopy(BASE)
    patch(data)
    source = tmp_path / "r.yaml"
    if PREVIOUS in data:  # last year's report beside this one, found by its name
        previous = data.pop(PREVIOUS)
        (tmp_path / "2020.yaml").write_text(yaml.safe_dump(previous, allow_unicode=True), "utf-8")
        source = tmp_path / "2021.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return source


def test_warning_passes_check_but_fails_under_strict(runner: CliRunner, tmp_path: Path) -> None:
    source = _write(tmp_path, EARLY)
    assert runner.invoke(app, ["check", str(source)]).exit_code == 0
    strict = runner.invoke(app, ["check", "--strict", str(source)])
    assert strict.exit_code == 1
    assert strict.stderr.endswith("^\n0 errors, 1 warning\n")
    assert "[LG102]\n" in strict.stderr


def test_build_prints_warnings_and_still_builds(
    runner: CliRunner, tmp_path: Path, chinese: None
) -> None:
    source = _write(tmp_path, EARLY)
    result = runner.invoke(app, ["build", str(source), "-f", "md"])
    assert result.exit_code == 0
    assert "警告：date：成文日期2021年12月20日在报告年度2021年之内" in result.stderr
    assert (tmp_path / "r.md").exists()
    assert (
        runner.invoke(app, ["build", "--strict", "--force", str(source), "-f", "md"]).exit_code == 1
    )


def test_build_stops_on_lint_errors(runner: CliRunner, tmp_path: Path) -> None:
    source = _write(tmp_path, TOO_EARLY)
    result = runner.invoke(app, ["build", str(source)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "[LG101]" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]


def test_cli_select_ignore_and_severity(runner: CliRunner, tmp_path: Path) -> None:
    source = _write(tmp_path, TOO_EARLY)
    assert runner.invoke(app, ["check", "--ignore", "LG101", str(source)]).exit_code == 0
    assert runner.invoke(app, ["check", "--select", "LG12", str(source)]).exit_code == 0
    demoted = runner.invoke(app, ["check", "--severity", "LG101=warning", str(source)])
    assert demoted.exit_code == 0
    assert "warning: date:" in demoted.stderr
    bad = runner.invoke(app, ["check", "--severity", "LG101=loud", str(source)])
    assert bad.exit_code == 2


def test_yaml_lint_settings(tmp_path: Path) -> None:
    def patch(data: dict[str, Any]) -> None:
        TOO_EARLY(data)
        CASES["LG120"][0](data)
        data["lint"] = {"ignore": ["LG101"], "severity": {"LG120": "info"}}

    findings = check(_write(tmp_path, patch)).findings
    assert [(d.code, d.severity) for d in findings] == [("LG120", Severity.INFO)]


def test_unknown_rule_code_in_yaml_is_located(tmp_path: Path) -> None:
    source = _write(tmp_path, _set("lint", {"ignore": ["LG1O1"]}))
    with pytest.raises(ReportError) as info:
        check(source)
    diagnostic = info.value.diagnostics[0]
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "LG100",
        "unknown rule code 'LG1O1'",
        "did you mean 'LG101'?",
    )
    assert diagnostic.location.line > 0
