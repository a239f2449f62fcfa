"""The pieces of the supervising office: the page model, the roster, similarity, the drafts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import lawgov_report.i18n
from lawgov_report.cli.app import app
from lawgov_report.model.roster import roster_schema_text
from lawgov_report.supervise.pagination import Paragraph, Props, break_lines, paginate
from lawgov_report.supervise.similarity import closest_others, containment, ngrams

from helpers import EXAMPLE, ROOT

BODY = Props(size=32, spacing=-5)
WIDTH = 8844  # GB/T 9704 版心, twips
FIRST = 640  # 2 字 first-line indent


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    lawgov_report.i18n.reload()


def _lines(text: str, first: int = 0) -> list[str]:
    return break_lines([(text, BODY)], WIDTH, first)


# ---------------------------------------------------------------- line layout


def test_28_characters_a_line_26_after_the_indent() -> None:
    lines = _lines("测" * 80, FIRST)
    assert [len(line) for line in lines] == [26, 28, 26]


def test_a_closing_mark_hangs_rather_than_starting_a_line() -> None:
    assert _lines("测" * 28 + "，测测") == ["测" * 28 + "，", "测测"]
    assert _lines("测" * 28 + "。测") == ["测" * 28 + "。", "测"]


def test_a_quote_pulls_the_character_before_it_down() -> None:
    # ” may not start a line and does not hang: 测” moves down together.
    assert _lines("测" * 28 + "”测") == ["测" * 27, "测”测"]
    assert _lines("测" * 28 + "。”测") == ["测" * 27, "测。”测"]


def test_an_opening_mark_never_ends_a_line() -> None:
    assert _lines("测" * 27 + "“测测") == ["测" * 27, "“测测"]


def test_numbers_do_not_break_and_get_space_beside_chinese() -> None:
    # 27 characters and "12" (two half-width digits and the space before them) do not fit.
    assert _lines("测" * 27 + "12测") == ["测" * 27, "12测"]
    assert _lines("测" * 26 + "12测") == ["测" * 26 + "12", "测"]


def test_a_dash_pair_stays_whole_and_may_start_a_line() -> None:
    assert _lines("测" * 27 + "——测") == ["测" * 27, "——测"]


def test_no_mark_hangs_after_digits() -> None:
    assert _lines("测" * 25 + "1932；测") == ["测" * 25, "1932；测"]


def test_chinese_as_the_western_language_breaks_digits_and_letters_anywhere() -> None:
    # The reference document sets w:lang zh-CN: LibreOffice then breaks 2021 or ISO like 汉字,
    # and a mark may hang after a digit.
    text = "测" * 27 + "1234测"
    assert break_lines([(text, BODY)], WIDTH, 0, latin_words=False) == ["测" * 27 + "1", "234测"]
    assert break_lines([("测" * 27 + "9，测", BODY)], WIDTH, 0, latin_words=False) == [
        "测" * 27 + "9，",
        "测",
    ]


def test_a_page_holds_22_lines() -> None:
    blocks = [Paragraph(["x"] * 50, 579, 0, 0, False, False, False)]
    assert [len(p.lines) for p in paginate(blocks, 12756)] == [22, 22, 6]


def test_widow_control_moves_two_lines_with_the_signature() -> None:
    # The last body paragraph keeps with the signature block and is under widow control: when
    # the block does not fit, two of its lines go with it.
    body = Paragraph(["x"] * 20, 579, 0, 0, True, False, False, False, True)
    blank = Paragraph([""], 579, 0, 0, True, False, False)
    signature = Paragraph(["署名"], 579, 0, 0, True, False, False)
    date = Paragraph(["日期"], 579, 0, 0, False, False, False)
    pages = paginate([body, blank, signature, date], 12756)
    assert [len(p.lines) for p in pages] == [18, 5]


def test_a_heading_keeps_with_the_next_paragraph() -> None:
    body = Paragraph(["x"] * 21, 579, 0, 0, False, False, False)
    heading = Paragraph(["一、标题"], 579, 0, 0, True, False, False)
    pages = paginate([body, heading, Paragraph(["y"] * 3, 579, 0, 0, False, False, False)], 12756)
    assert [len(p.lines) for p in pages] == [21, 4]
    assert pages[1].lines[0] == "一、标题"


# ---------------------------------------------------------------- similarity


def test_containment_of_a_copy_and_of_unrelated_text() -> None:
    text = "执法人员法治培训覆盖面不够广，部分行政执法人员运用法治思维解决问题的能力有待提高。"
    assert containment(ngrams(text), ngrams(text + "另外一句。")) == 1.0
    assert containment(ngrams(text), ngrams("规范性文件备案审查工作仍需加强。")) < 0.1


def test_closest_others_names_the_copy_whatever_the_order() -> None:
    base = "部分单位对法治政府建设重视程度不够，工作推进不平衡，基层执法力量薄弱，执法装备不足。"
    texts = [
        "",
        "完全不同的内容在这里写着一些别的事情和问题。",
        base,
        base[:30] + "另写的后半部分内容。",
    ]
    found = closest_others([ngrams(t) for t in texts])
    assert found[0] is None
    assert found[2] is not None
    assert found[2].position == 3
    assert found[3] is not None
    assert found[3].position == 2
    assert found[3].score > 0.5


# ---------------------------------------------------------------- the roster


def _roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_roster_mistakes_are_located(tmp_path: Path) -> None:
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n"
        "  - name: 县司法局\n    report: a.yaml\n    levle: 部门\n"
        "  - name: 县司法局\n    report: b.yaml\n    level: 科室\n",
    )
    result = CliRunner().invoke(app, ["status", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:6:5: error: units[0].levle: unknown key 'levle' [LG011]",
        "  6 |     levle: 部门",
        "    |     ^",
        "  hint: did you mean 'level'?",
        f"{path}:9:12: error: units[1].level: expected one of 部门, 乡镇街道, 下级政府;"
        " got '科室' [LG012]",
        "  9 |     level: 科室",
        "    |            ^",
    ]


def test_a_unit_listed_twice(tmp_path: Path) -> None:
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n"
        "  - name: 县司法局\n    report: a.yaml\n  - name: 县司法局\n    report: b.yaml\n",
    )
    result = CliRunner().invoke(app, ["status", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:6:11: error: units[1].name: the unit “县司法局” is listed twice (also units[0])"
        " [LG701]"
    )


def test_a_year_is_needed(tmp_path: Path) -> None:
    path = _roster(
        tmp_path, "office: 县依法治县办\nunits:\n  - name: 县司法局\n    report: a.yaml\n"
    )
    result = CliRunner().invoke(app, ["status", str(path)])
    assert result.exit_code == 1
    assert "the roster gives no report year [LG702]" in result.stderr
    assert CliRunner().invoke(app, ["status", str(path), "--year", "2021"]).exit_code == 1


def test_deadlines_by_level_and_chinese_dates(tmp_path: Path) -> None:
    report = tmp_path / "科技局"
    report.mkdir()
    (report / "2021.yaml").write_bytes(EXAMPLE.read_bytes())
    path = _roster(
        tmp_path,
        "office: 高青县依法治县办\nyear: 2021\ndeadlines: {department: 1月5日}\nunits:\n"
        "  - name: 高青县科学技术局\n    level: 部门\n    report: 科技局\n"
        "    published: 2022年3月31日\n",
    )
    result = CliRunner().invoke(app, ["status", str(path), "-f", "json", "--as-of", "2022-03-01"])
    unit = json.loads(result.stdout)["units"][0]
    assert unit["deadline"] == "2022-01-05"
    assert unit["days_late"] == 2  # dated 2022-01-07
    assert unit["published_on_time"] is True


def test_a_folder_of_several_undated_reports_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "科技局"
    folder.mkdir()
    (folder / "报告.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "另一份.yaml").write_bytes(EXAMPLE.read_bytes())
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n  - name: 高青县科学技术局\n    report: 科技局\n",
    )
    result = CliRunner().invoke(app, ["status", str(path), "--as-of", "2022-01-01"])
    assert "none has 2021 in its name; put the year in the file name [LG704]" in result.stderr


def test_committed_roster_schema_is_current_and_accepts_the_example() -> None:
    committed = ROOT / "schema" / "roster.schema.json"
    assert committed.read_text(encoding="utf-8") == roster_schema_text(), (
        "run: lawgov schema --roster > schema/roster.schema.json"
    )
    schema = json.loads(committed.read_text(encoding="utf-8"))
    example = yaml.safe_load((ROOT / "examples" / "units.yaml").read_text(encoding="utf-8"))
    example = json.loads(json.dumps(example, default=str))
    jsonschema.validate(example, schema)
    result = CliRunner().invoke(app, ["schema", "--roster"])
    assert result.stdout == roster_schema_text()


def test_the_example_roster(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["status", str(ROOT / "examples" / "units.yaml"), "--as-of", "2022-03-02"]
    )
    assert result.exit_code == 1  # 高青县农业农村局 has not reported
    assert "高青县科学技术局" in result.stdout
    assert "not submitted, 1 day overdue" in result.stdout


# ---------------------------------------------------------------- drafts


def test_new_roster_from_a_folder_of_reports(tmp_path: Path) -> None:
    from supervise_corpus import make_county

    county = make_county(tmp_path / "county", units=6, seed=5)
    target = tmp_path / "名册.yaml"
    result = CliRunner().invoke(
        app, ["new-roster", str(county.parent / "units"), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    drafted = yaml.safe_load(target.read_text(encoding="utf-8"))
    original = yaml.safe_load(county.read_text(encoding="utf-8"))
    assert [u["name"] for u in drafted["units"]] == [u["name"] for u in original["units"]]
    assert [u["level"] for u in drafted["units"]] == [u["level"] for u in original["units"]]
    assert drafted["year"] == 2021
    assert drafted["units"][0]["report"] == "county/units/00000"
    # The draft works as it is.
    status = CliRunner().invoke(app, ["status", str(target), "--as-of", "2022-02-28"])
    assert status.exit_code == 0, status.output


def test_new_roster_lists_an_unreadable_report_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    lawgov_report.i18n.reload()
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "科技局.yaml")
    (folder / "农业局.yaml").write_text("organization: [\n", encoding="utf-8")
    target = tmp_path / "units.yaml"
    result = CliRunner().invoke(app, ["new-roster", str(folder), "-o", str(target)])
    lawgov_report.i18n.reload()
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{folder / '农业局.yaml'}:")
    assert result.stderr.splitlines()[-1] == (
        "the draft lists these units under their file names; replace their reports"
    )
    drafted = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [u["name"] for u in drafted["units"]] == ["农业局", "高青县科学技术局"]


def test_remind_drafts_a_notice_that_builds(tmp_path: Path) -> None:
    from supervise_corpus import AS_OF, make_county

    county = make_county(tmp_path / "county")
    notice = tmp_path / "催报通知.yaml"
    result = CliRunner().invoke(
        app, ["remind", str(county), "--as-of", AS_OF.isoformat(), "-o", str(notice)]
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(notice.read_text(encoding="utf-8"))
    roster = yaml.safe_load(county.read_text(encoding="utf-8"))
    listed = "".join(p for part in data["parts"] for p in part["paragraphs"])
    from supervise_corpus import PLANTED

    for i in (*PLANTED.missing, PLANTED.broken, *PLANTED.late):
        assert roster["units"][i]["name"] in listed
    assert roster["units"][PLANTED.not_yet_due]["name"] not in listed
    built = CliRunner().invoke(app, ["build", str(notice), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "催报通知.docx").exists()


def test_year_placeholder_and_previous_report(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    folder = tmp_path / "科技局"
    folder.mkdir()
    (folder / "2021.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    last = dict(data, year=2020, date="2021-01-08")
    (folder / "2020.yaml").write_text(yaml.safe_dump(last, allow_unicode=True), encoding="utf-8")
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n"
        "  - name: 高青县科学技术局\n    report: 科技局/{year}.yaml\n",
    )
    result = CliRunner().invoke(app, ["status", str(path), "-f", "json", "--as-of", "2022-02-01"])
    unit = json.loads(result.stdout)["units"][0]
    assert unit["file"].endswith("2021.yaml")
    assert unit["previous_similarity"] == 1.0  # the same 不足 as last year
    result = CliRunner().invoke(
        app, ["status", str(path), "-f", "json", "--year", "2020", "--as-of", "2021-02-01"]
    )
    unit = json.loads(result.stdout)["units"][0]
    assert unit["file"].endswith("2020.yaml")
    assert unit["previous_similarity"] is None


def test_a_unit_folder_may_hold_anything_lawgov_import_reads() -> None:
    from lawgov_report.importers import READERS
    from lawgov_report.supervise.roster import REPORT_SUFFIXES, YAML_SUFFIXES

    assert set(READERS) | set(YAML_SUFFIXES) == set(REPORT_SUFFIXES)
    assert REPORT_SUFFIXES[: len(YAML_SUFFIXES)] == YAML_SUFFIXES  # the YAML before its outputs


# ---------------------------------------------------------------- audit gaps


def test_two_files_named_with_the_year_are_ambiguous(tmp_path: Path) -> None:
    folder = tmp_path / "审计局"
    folder.mkdir()
    (folder / "2021.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "2021修改版.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "2021.docx").write_bytes(b"built from 2021.yaml")  # same stem: not a rival
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n  - name: 高青县科学技术局\n    report: 审计局\n",
    )
    result = CliRunner().invoke(app, ["status", str(path), "-f", "json", "--as-of", "2022-01-01"])
    assert (
        f"{folder} holds several reports with 2021 in their names (2021.docx、2021.yaml、2021修改版.yaml); "
        "keep one, or write the file to use in report: [LG704]"
    ) in result.stderr
    assert json.loads(result.stdout)["units"][0]["state"] == "missing"
    (folder / "2021修改版.yaml").unlink()
    result = CliRunner().invoke(app, ["status", str(path), "-f", "json", "--as-of", "2022-01-01"])
    assert json.loads(result.stdout)["units"][0]["file"].endswith("2021.yaml")


def test_new_roster_skips_lock_files_and_lists_empty_folders(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "科技局").mkdir(parents=True)
    (folder / "水利局").mkdir()  # nothing yet: the unit to chase
    shutil.copy(EXAMPLE, folder / "科技局" / "2021.yaml")
    (folder / "科技局" / "~$2021.docx").write_bytes(b"\x00lock")
    (folder / "科技局" / ".~lock.2021.docx#").write_bytes(b"lock")
    (folder / "~$农业局.docx").write_bytes(b"\x00lock")
    (folder / "草稿.tmp").write_bytes(b"tmp")
    target = tmp_path / "units.yaml"
    result = CliRunner().invoke(app, ["new-roster", str(folder), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "LG5" not in result.stderr
    text = target.read_text(encoding="utf-8")
    drafted = yaml.safe_load(text)
    assert drafted["units"] == [
        {"name": "水利局", "level": "部门", "report": "reports/水利局"},
        {"name": "高青县科学技术局", "level": "部门", "report": "reports/科技局"},
    ]
    assert "# reports/水利局: no report found; the unit is listed under its folder's name" in text


def test_drafts_link_a_schema_only_when_it_is_beside_them(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "科技局.yaml")
    target = tmp_path / "units.yaml"
    CliRunner().invoke(app, ["new-roster", str(folder), "-o", str(target)])
    text = target.read_text(encoding="utf-8")
    assert "$schema=roster.schema.json" not in text.splitlines()[0]
    assert "lawgov schema --roster > roster.schema.json" in text
    (tmp_path / "roster.schema.json").write_text(roster_schema_text(), encoding="utf-8")
    CliRunner().invoke(app, ["new-roster", str(folder), "-o", str(target), "--force"])
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=roster.schema.json"


def test_remind_refuses_a_reply_date_before_as_of(tmp_path: Path) -> None:
    path = _roster(
        tmp_path, "office: 县依法治县办\nyear: 2021\nunits:\n  - name: 县司法局\n    report: a\n"
    )
    result = CliRunner().invoke(
        app, ["remind", str(path), "--as-of", "2022-03-10", "--reply-by", "2022-03-01"]
    )
    assert result.exit_code == 2
    assert "the new deadline 2022-03-01 is before 2022-03-10; give a later date" in result.stderr


def test_compile_and_remind_refuse_a_placeholder_office(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "科技局.yaml")
    path = _roster(
        tmp_path,
        "office: 【待填写】督办机关名称\nyear: 2021\nunits:\n"
        "  - name: 高青县科学技术局\n    report: 科技局.yaml\n",
    )
    out = tmp_path / "汇编.docx"
    result = CliRunner().invoke(app, ["compile", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:1:9: error: office: office: still “【待填写】督办机关名称” [LG705]"
    )
    assert not out.exists()
    notice = tmp_path / "n.yaml"
    result = CliRunner().invoke(
        app, ["remind", str(path), "--as-of", "2022-03-10", "-o", str(notice)]
    )
    assert result.exit_code == 1
    assert "LG705" in result.stderr
    assert not notice.exists()


def test_compile_warns_of_another_year_or_signature(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    (tmp_path / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    last = dict(data, year=2020, date="2021-01-08")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(last, allow_unicode=True), encoding="utf-8")
    path = _roster(
        tmp_path,
        "office: 县依法治县办\nyear: 2021\nunits:\n"
        "  - name: 高青县科学技术局\n    report: a.yaml\n"
        "  - name: 高青县水利局\n    report: b.yaml\n",
    )
    result = CliRunner().invoke(app, ["compile", str(path), "-o", str(tmp_path / "v.docx")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "[LG706]" in line]
    assert warnings == [
        f"{path}:7:13: warning: units[1].report: {tmp_path / 'b.yaml'}: signed “高青县科学技术局”,"
        " the roster says “高青县水利局”; report year 2020, not 2021; it is in the volume all"
        " the same [LG706]"
    ]
    assert result.stderr.splitlines()[-1] == (
        "included although year or 署名 differ from the roster: 高青县水利局"
    )


def test_the_benchmark_heading_names_the_command_as_run() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_supervise", ROOT / "bench" / "supervise.py"
    )
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.command_line(["--units", "200"]) == "python bench/supervise.py --units 200"


def test_new_roster_of_a_file_names_the_argument_as_help_shows_it(
    tmp_path: Path, chinese: None
) -> None:
    afile = tmp_path / "2021.yaml"
    afile.write_text("year: 2021\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["new-roster", str(afile)])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"错误：“目录”的值不对：{afile} 不是文件夹\n"), result.stderr
