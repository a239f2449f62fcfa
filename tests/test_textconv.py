"""textconv: the text of a .docx, so that git diff shows changed sentences."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.pipeline import build

from helpers import EXAMPLE


def test_our_docx_as_text(tmp_path: Path, runner: CliRunner) -> None:
    build(EXAMPLE, tmp_path, ("docx",))
    result = runner.invoke(app, ["textconv", str(tmp_path / "2021.docx")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["高科字〔2022〕1号", "# 高青县科学技术局2021年度法治政府建设工作报告"]
    assert "## 一、法治政府建设的主要举措和成效" in lines
    assert lines[-2:] == ["高青县科学技术局", "2022年1月7日"]


def test_any_docx_with_headings_and_a_table(tmp_path: Path, runner: CliRunner) -> None:
    document = docx.Document()
    document.add_heading("总标题", level=0)
    document.add_heading("一级", level=1)
    document.add_paragraph("正文。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "甲"
    table.rows[0].cells[1].text = "乙"
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "x.docx").write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["textconv", str(tmp_path / "x.docx")])
    assert result.stdout == "# 总标题\n## 一级\n正文。\n| 甲 | 乙 |\n"


def test_not_a_docx(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "x.docx").write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["textconv", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'x.docx'}: error: not a Word .docx file")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_diff_shows_the_changed_word(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    git("config", "diff.lawgov.textconv", f"{sys.executable} -m lawgov_report textconv")
    (tmp_path / ".gitattributes").write_text("*.docx diff=lawgov\n", encoding="utf-8")
    source = tmp_path / "2021.yaml"
    shutil.copy(EXAMPLE, source)
    build(source, None, ("docx",))
    git("add", ".")
    git("commit", "-qm", "2021")
    source.write_text(
        source.read_text(encoding="utf-8").replace("强队伍建设", "强化队伍建设"), encoding="utf-8"
    )
    build(source, None, ("docx",))
    diff = git("diff", "--", "2021.docx")
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        next(line for line in changed if line.startswith("-")),
        next(line for line in changed if line.startswith("+")),
    ]
    assert changed[0].startswith("-（一）强队伍建设，履行第一责任人职责。")
    assert changed[1].startswith("+（一）强化队伍建设，履行第一责任人职责。")
