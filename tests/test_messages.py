"""The mistakes people actually make, and the message that sends them the right way.

One test per row of the table in issue 13, each with the exact stderr in English and in
Chinese (``tests/data/messages/NAME.stderr`` and ``NAME.zh.stderr``; ``pytest
--update-golden`` rewrites them for review).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from test_cli_help import english_sentences

from helpers import DATA, EXAMPLE, docx_paragraphs, markdown_paragraphs

MESSAGES = DATA / "messages"
Golden = Callable[[Path, str], None]


def _both_languages(
    args: list[str],
    name: str,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    golden: Golden,
    exit_code: int = 1,
) -> dict[str, str]:
    """Run the command in English and in Chinese; compare stderr with the golden files."""
    found = {}
    for language, suffix in (("en", ".stderr"), ("zh", ".zh.stderr")):
        monkeypatch.setenv("LAWGOV_LANG", language)
        i18n.reload()
        result = runner.invoke(app, args)
        assert result.exit_code == exit_code, result.output
        assert result.stdout == ""
        golden(MESSAGES / f"{name}{suffix}", result.stderr)
        found[language] = result.stderr
    assert english_sentences(found["zh"]) == [], found["zh"]
    return found


@pytest.fixture
def in_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MESSAGES)


def test_full_width_colon_after_a_key(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, in_messages: None
) -> None:
    found = _both_languages(
        ["check", "full_width_colon.yaml"], "full_width_colon", runner, monkeypatch, golden
    )
    assert found["en"].startswith("full_width_colon.yaml:1:13: error: a full-width colon")


def test_key_indented_one_space_too_many(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, in_messages: None
) -> None:
    found = _both_languages(
        ["check", "indented_key.yaml"], "indented_key", runner, monkeypatch, golden
    )
    assert "'title' starts at column 6, but should start at column 5" in found["en"]


def test_colon_inside_a_sentence(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, in_messages: None
) -> None:
    found = _both_languages(
        ["check", "colon_in_sentence.yaml"], "colon_in_sentence", runner, monkeypatch, golden
    )
    assert "colon_in_sentence.yaml:8:13:" in found["en"]
    assert "unknown key" not in found["en"]


def test_a_word_file_given_to_build_points_to_import(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    golden: Golden,
    tmp_path: Path,
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("高青县科学技术局2021年度法治政府建设工作报告")
    document.save(str(tmp_path / "2021.docx"))
    monkeypatch.chdir(tmp_path)
    found = _both_languages(["build", "2021.docx"], "word_file", runner, monkeypatch, golden)
    assert "lawgov import 2021.docx -o 2021.yaml" in found["en"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.docx"]


@pytest.mark.parametrize("name", ["report.md", "report.txt"])
def test_markdown_or_text_given_to_check_points_to_import(
    name: str,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    golden: Golden,
    in_messages: None,
) -> None:
    found = _both_languages(["check", name], name.replace(".", "_"), runner, monkeypatch, golden)
    assert f"lawgov import {name} -o report.yaml" in found["en"]


def test_a_file_fresh_from_new_shows_every_problem_in_one_run(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "2021.yaml")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["new", "2022", "--from", "2021.yaml"]).exit_code == 0
    found = _both_languages(["check", "2022.yaml"], "fresh_from_new", runner, monkeypatch, golden)
    assert "date: the date is not filled in yet (【待填写】) [LG012]" in found["en"]
    assert "  hint: write the 成文日期, e.g. 2023-01-10\n" in found["en"]
    assert found["en"].count("[LG150]") >= 20


def test_missing_date_hint_follows_the_report_year(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, golden: Golden, in_messages: None
) -> None:
    found = _both_languages(
        ["check", "missing_date.yaml"], "missing_date", runner, monkeypatch, golden
    )
    assert "hint: add the line 'date: 2024-01-10'" in found["en"]


def test_wrapped_chinese_paragraph_comes_out_as_typed(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    monkeypatch.chdir(MESSAGES)
    result = runner.invoke(app, ["build", "wrapped.yaml", "-o", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "")
    expected = [
        "全年组织学法12次，开展普法宣传活动20余场，发放“Law in Action”宣传册3000份。",
        "Some training used the English materials.",
        "主要负责人带头学法用法。",
    ]
    markdown = markdown_paragraphs((tmp_path / "wrapped.md").read_text(encoding="utf-8"))
    word = docx_paragraphs((tmp_path / "wrapped.docx").read_bytes())
    for text in expected:
        assert text in markdown
        assert text in word
