"""Gaps an audit found in loading and checking a report (issues 13 and 15).

Each mistake gets the exact stderr in English and in Chinese (golden files under
``tests/data/messages/``), written into a temporary directory by the test itself.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.errors import ReportError, os_error_text
from test_messages import _both_languages

Golden = Callable[[Path, str], None]
HEAD = "organization: 高青县科学技术局\nyear: 2021\ndate: 2022-01-07\n"


@pytest.fixture
def check_file(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, tmp_path: Path
) -> Callable[..., dict[str, str]]:
    """Write ``NAME.yaml`` with the given bytes, check it in both languages, compare stderr."""

    def run(name: str, content: bytes | str, exit_code: int = 1) -> dict[str, str]:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / f"{name}.yaml").write_bytes(data)
        monkeypatch.chdir(tmp_path)
        return _both_languages(
            ["check", f"{name}.yaml"], name, runner, monkeypatch, golden, exit_code
        )

    return run


@pytest.fixture
def check_file_at(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, tmp_path: Path
) -> Callable[..., dict[str, str]]:
    """Make ``NAME.yaml`` with ``make(path)``, check it in both languages, compare stderr."""

    def run(name: str, make: Callable[[Path], None]) -> dict[str, str]:
        make(tmp_path / f"{name}.yaml")
        monkeypatch.chdir(tmp_path)
        return _both_languages(["check", f"{name}.yaml"], name, runner, monkeypatch, golden)

    return run


def test_a_control_character_is_named_at_its_line_and_column(
    check_file: Callable[..., dict[str, str]],
) -> None:
    found = check_file("vertical_tab", "year: 2021\norganization: 高\x0b县\n")
    assert found["en"].startswith(
        "vertical_tab.yaml:2:16: error: contains the control character U+000B"
    )
    assert found["zh"].startswith("vertical_tab.yaml:2:16: 错误：含有控制字符 U+000B")


def test_a_colon_in_a_list_items_title_is_not_called_indentation(
    check_file: Callable[..., dict[str, str]],
) -> None:
    content = HEAD + (
        "parts:\n"
        "  - kind: measures\n"
        "    title: 主要举措\n"
        "    items:\n"
        "      - title: 强队伍建设: 履行第一责任人职责。\n"
        "        text: 全年组织学法12次。\n"
    )
    found = check_file("colon_in_item_title", content)
    assert found["en"].startswith("colon_in_item_title.yaml:8:21: error: the text contains ': '")
    assert "space" not in found["en"].split("hint:")[1]


@pytest.mark.parametrize(
    ("name", "line", "where"),
    [
        ("no_space_after_colon", "organization:高青县科学技术局\n", "1:14"),
        ("full_width_space_after_colon", "organization:\u3000高青县科学技术局\n", "1:14"),
        ("no_break_space_after_colon", "organization:\u00a0高青县科学技术局\n", "1:14"),
    ],
)
def test_a_key_without_its_space_is_found_where_it_was_typed(
    name: str, line: str, where: str, check_file: Callable[..., dict[str, str]]
) -> None:
    found = check_file(name, line + "# 报告年度\nyear: 2021\ndate: 2022-01-07\n")
    assert found["en"].startswith(f"{name}.yaml:{where}: error: ")
    assert "'organization: '" in found["en"]


def test_a_nested_key_with_a_full_width_space_is_found_above_the_comment(
    check_file: Callable[..., dict[str, str]],
) -> None:
    content = HEAD + (
        "parts:\n"
        "  - kind: measures\n"
        "    title:\u3000主要举措\n"
        "    # 二级条目\n"
        "    items:\n"
        "      - title: 强队伍建设。\n"
    )
    found = check_file("full_width_space_nested", content)
    assert found["en"].startswith("full_width_space_nested.yaml:6:11: error: the space after")


@pytest.mark.parametrize(
    ("code", "in_english", "in_chinese"),
    [
        (errno.ENOENT, "no such file or directory", "文件或文件夹不存在（请检查路径和文件名）"),
        (
            errno.EACCES,
            "permission denied (ask whoever manages this computer for access)",
            "没有权限（请找本机管理员开通访问权限）",
        ),
        (
            errno.ENOSPC,
            "the disk is full (free some space and try again)",
            "磁盘已满（请腾出空间后重试）",
        ),
        (
            errno.EROFS,
            "the disk is read-only (choose a folder you can write to)",
            "磁盘是只读的（请换一个可以写入的文件夹）",
        ),
    ],
)
def test_os_error_reasons_are_in_the_readers_language(
    code: int, in_english: str, in_chinese: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    exc = OSError(code, "English from the C library")
    assert os_error_text(exc) == in_english
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    assert os_error_text(exc) == in_chinese


def test_an_unlisted_os_error_keeps_the_systems_words_and_number() -> None:
    assert os_error_text(OSError(errno.ECONNRESET, "Connection reset")) == (
        f"Connection reset (errno {errno.ECONNRESET})"
    )
    assert os_error_text(OSError("plain")) == "plain"


def test_an_unknown_key_hides_no_whole_report_finding(
    check_file: Callable[..., dict[str, str]],
) -> None:
    content = (
        "organization: 高青县科学技术局\n"
        "year: 2021\n"
        "date: 2020-01-07\n"
        "doc_number: 高科字〔2019〕1号\n"
        "title: 高青县科学技术局年度法治政府建设工作报告。\n"
        "parts:\n"
        "  - kind: measures\n"
        "    title: 主要举措和成效\n"
        "    bogus: x\n"
        "    items:\n"
        "      - title: 强队伍建设\n"
        "        paragraphs:\n"
        "          - 全年组织学法12次。\n"
    )
    found = check_file("unknown_key_and_dates", content)
    codes = [line.rsplit("[", 1)[1] for line in found["en"].splitlines() if line.endswith("]")]
    assert sorted(codes) == ["LG011]", "LG101]", "LG105]", "LG106]", "LG107]", "LG110]", "LG111]"]


def test_a_replaced_value_keeps_the_rules_that_read_it_quiet(
    check_file: Callable[..., dict[str, str]],
) -> None:
    content = (
        "organization: 高青县科学技术局\n"
        "year: 2021\n"
        "date: 2022-13-45\n"
        "doc_number: 高科字〔2022〕1号\n"
        "parts:\n"
        "  - kind: problemz\n"
        "    title: 存在的不足\n"
        "    paragraphs:\n"
        "      - 内容。\n"
    )
    found = check_file("replaced_values", content)
    for code in ("LG101", "LG102", "LG103", "LG105", "LG110", "LG111"):
        assert f"[{code}]" not in found["en"]
    assert found["en"].count("[LG012]") == 2


@pytest.mark.parametrize(
    ("name", "date", "reason"),
    [
        ("no_such_day", "2022年2月30日", "month 2 has no day 30"),
        ("no_such_day_iso", "2022-02-30", "month 2 has no day 30"),
        ("no_such_month", "2022年13月1日", "there is no month 13"),
        ("not_a_leap_year", "2023-02-29", "2023 is not a leap year; February has 28 days"),
    ],
)
def test_a_date_that_does_not_exist_says_why_in_the_readers_words(
    name: str, date: str, reason: str, check_file: Callable[..., dict[str, str]]
) -> None:
    content = (
        f"organization: 高青县科学技术局\nyear: 2021\ndate: {date}\n"
        "parts:\n  - kind: problems\n    also_covers: [responsibility]\n"
        "    title: 存在的不足\n    paragraphs:\n      - 内容。\n"
    )
    found = check_file(name, content)
    assert f"is not a real date ({reason}) [LG012]" in found["en"]


def test_a_units_level_is_offered_in_the_words_the_roster_uses(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, tmp_path: Path
) -> None:
    (tmp_path / "units.yaml").write_text(
        "office: 高青县依法治县办\nyear: 2021\nunits:\n"
        "  - name: 高青县科学技术局\n    level: 部\n    report: 科技局.yaml\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    found = _both_languages(["status", "units.yaml"], "unit_level", runner, monkeypatch, golden)
    assert "expected one of 部门, 乡镇街道, 下级政府; got '部'" in found["en"]
    assert "department" not in found["zh"]


def test_a_misspelled_key_does_not_make_its_item_look_empty(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "r.yaml").write_text(
        "organization: 高县\nyear: 2021\ndate: 2022-01-07\nparts:\n  - kind: problems\n"
        "    also_covers: [responsibility]\n    title: 不足\n    items:\n"
        "      - title: 强队伍\n        paragraph:\n          - 内容。\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(tmp_path / "r.yaml")])
    assert result.exit_code == 1
    assert "[LG011]" in result.stderr
    assert "[LG112]" not in result.stderr


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@needs_fifo
def test_a_named_pipe_is_refused_at_once(check_file_at: Callable[..., dict[str, str]]) -> None:
    found = check_file_at("pipe", lambda path: os.mkfifo(path))
    assert found["en"] == (
        "pipe.yaml: error: it is a device, pipe or socket, not a file;"
        " give the report's file [LG001]\n1 error, 0 warnings\n"
    )


def test_a_huge_sparse_file_is_refused_without_reading_it(
    check_file_at: Callable[..., dict[str, str]],
) -> None:
    def sparse(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(2 * 1024**3)

    found = check_file_at("huge", sparse)
    assert "huge.yaml: error: file is 2147483648 bytes; the limit is 10485760 bytes" in found["en"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "/dev/zero"])
    assert (result.exit_code, result.stderr) == (
        1,
        "/dev/zero: error: it is a device, pipe or socket, not a file;"
        " give the report's file [LG001]\n1 error, 0 warnings\n",
    )


@needs_fifo
@pytest.mark.parametrize("command", ["textconv", "import"])
def test_importers_refuse_a_pipe_too(command: str, runner: CliRunner, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "report.txt")
    args = [command, str(tmp_path / "report.txt")]
    if command == "import":
        args += ["-o", str(tmp_path / "report.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "it is a device, pipe or socket, not a file" in result.stderr
    assert not (tmp_path / "report.yaml").exists()


def test_a_word_file_as_a_pipe_is_refused(tmp_path: Path) -> None:
    from lawgov_report.ooxml.reading import read_word_file

    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    os.mkfifo(tmp_path / "report.docx")
    with pytest.raises(ReportError) as caught:
        read_word_file(tmp_path / "report.docx", "report.docx")
    assert caught.value.diagnostics[0].message == (
        "cannot read: it is a device, pipe or socket, not a file; give the report's file"
    )


def test_importing_a_pipe_named_docx_is_refused_without_waiting(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The import's first look (is it an old .doc?) must not block on a pipe either."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    os.mkfifo(tmp_path / "report.docx")
    result = runner.invoke(app, ["import", str(tmp_path / "report.docx"), "-o", "x.yaml"])
    assert result.exit_code == 1
    assert "device, pipe or socket" in result.stderr


def test_a_file_the_system_will_not_open_says_why_in_chinese(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, chinese: None
) -> None:
    (tmp_path / "r.yaml").write_text("year: 2021\n", encoding="utf-8")

    def refuse(path: object, flags: int, *args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("lawgov_report.source.files.os.open", refuse)
    result = runner.invoke(app, ["check", str(tmp_path / "r.yaml")])
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'r.yaml'}: 错误：无法读取：没有权限（请找本机管理员开通访问权限） [LG001]"
    )


def test_text_findings_point_at_the_character(check_file: Callable[..., dict[str, str]]) -> None:
    content = HEAD + (
        "opening: 全年组织学法12次，发放宣传册3000份;开展【待填写】普法\n"
        'closing: "发放\\u201c法\\u201d宣传册,开展"\n'
        "parts:\n"
        "  - kind: problems\n"
        "    also_covers: [responsibility]\n"
        "    title: 存在的不足\n"
        "    paragraphs:\n"
        "      - >-\n"
        "        折叠的段落，\n"
        "        第二行,有问题\n"
        '      - "引号里的,文字"\n'
    )
    found = check_file("character_columns", content)
    starts = [line.split(": ", 1)[0] for line in found["en"].splitlines() if ": error" in line]
    assert starts == [
        "character_columns.yaml:4:30",  # the ';' of a plain scalar
        "character_columns.yaml:4:33",  # the 【 of 【待填写】
        "character_columns.yaml:5:10",  # double quotes with escapes: the value's start
        "character_columns.yaml:13:12",  # the ',' on the second line of a folded scalar
        "character_columns.yaml:14:14",  # the ',' inside plain double quotes
    ]


def test_an_old_word_file_named_yaml_is_renamed_before_import(
    check_file: Callable[..., dict[str, str]],
) -> None:
    found = check_file("real", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert (
        "rename the file to real.doc, then run lawgov import real.doc -o real.yaml" in (found["en"])
    )
    assert "-o real.yaml" in found["en"]
    assert "import real.yaml" not in found["en"]


def test_a_word_file_named_yaml_is_called_a_word_file(
    check_file: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("高青县科学技术局2021年度法治政府建设工作报告")
    document.save(str(tmp_path / "made.docx"))
    found = check_file("renamed", (tmp_path / "made.docx").read_bytes())
    assert found["en"].startswith("renamed.yaml: error: this is a Word file, not report YAML")
    assert "lawgov import renamed.docx -o renamed.yaml" in found["en"]


def test_the_title_year_hint_names_the_reports_year(
    check_file: Callable[..., dict[str, str]],
) -> None:
    content = (
        "organization: 高青县科学技术局\nyear: 2023\ndate: 2024-01-10\n"
        "title: 高青县科学技术局法治政府建设工作报告\n"
        "parts:\n  - kind: problems\n    also_covers: [responsibility]\n"
        "    title: 存在的不足\n    paragraphs:\n      - 内容。\n"
    )
    found = check_file("title_year", content, exit_code=0)
    assert "e.g. “2023年度法治政府建设工作报告”" in found["en"]
    assert "2021" not in found["en"] + found["zh"]


@pytest.mark.parametrize(
    ("forced", "expected"),
    [
        ("zh-Hans", "zh"),
        ("zh_CN", "zh"),
        ("zh-CN", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("ZH", "zh"),
        ("en_US", "en"),
        ("en-GB", "en"),
        ("C.UTF-8", "en"),
    ],
)
def test_lawgov_lang_takes_the_usual_spellings(forced: str, expected: str) -> None:
    from lawgov_report.i18n import choose_language

    other = "C" if expected == "zh" else "zh_CN.UTF-8"
    assert choose_language({"LAWGOV_LANG": forced, "LANG": other}, "linux") == expected


def test_lawgov_lang_zh_hans_prints_chinese(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "zh-Hans")
    i18n.reload()
    result = runner.invoke(app, ["check", str(tmp_path / "missing.yaml")])
    assert result.stderr.endswith("1 个错误，0 个警告\n")
