"""The paper version's lint rules as a clerk meets them: where they point, what they say, and
``lawgov check --variant print`` to run them without building.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.render.title import text_width

from helpers import EXAMPLE, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PRINT_EXAMPLE = ROOT / "examples" / "print-2021.yaml"


def _unsigned(tmp_path: Path) -> Path:
    """The paper example without its 签发人: ``print:`` on line 13, ``copy_to:`` below it."""
    lines = PRINT_EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.lstrip().startswith("signer:")]
    assert kept[12] == "print:\n"
    assert kept[13].startswith("  copy_to:")
    source = tmp_path / "unsigned.yaml"
    source.write_text("".join(kept), encoding="utf-8")
    return source


def test_missing_signer_points_at_the_print_key(runner: CliRunner, tmp_path: Path) -> None:
    source = _unsigned(tmp_path)
    result = runner.invoke(app, ["check", str(source), "--select", "LG160"])
    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"{source}:13:1: warning: print: the paper version is sent up (上行文) and needs a "
        "签发人 in its 版头 (GB/T 9704 7.2.6) [LG160]\n"
        "  13 | print:\n"
        "     | ^\n"
    )


def test_missing_imprint_fields_point_at_the_print_key(runner: CliRunner, tmp_path: Path) -> None:
    text = PRINT_EXAMPLE.read_text(encoding="utf-8").replace(
        "  printed_by: 高青县科学技术局办公室\n", ""
    )
    source = tmp_path / "r.yaml"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(source), "--select", "LG163"])
    assert f"{source}:13:1: warning: print: the 版记 needs" in result.stderr


def test_check_takes_the_variant_as_build_does(runner: CliRunner) -> None:
    """The web example checked as the paper version: the print rules run (it has no print:)."""
    web = runner.invoke(app, ["check", str(EXAMPLE), "--select", "LG16"])
    assert (web.exit_code, web.stderr) == (0, f"{EXAMPLE}: no problems found\n")
    printed = runner.invoke(app, ["check", str(EXAMPLE), "--variant", "print", "--select", "LG16"])
    assert printed.exit_code == 0
    codes = re.findall(r"warning: .*\[(LG\d+)\]", printed.stderr)
    assert codes == ["LG160", "LG161", "LG163"]  # 签发人, 主送机关, 印发机关 and 印发日期
    strict = runner.invoke(app, ["check", str(EXAMPLE), "--variant", "print", "--strict"])
    assert strict.exit_code == 1
    # And back: the paper example checked as the web version has no paper-version findings.
    source = PRINT_EXAMPLE
    web_of_print = runner.invoke(app, ["check", str(source), "--variant", "web"])
    assert (web_of_print.exit_code, web_of_print.stderr) == (0, f"{source}: no problems found\n")


def test_check_rejects_an_unknown_variant(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--variant", "paper"])
    assert result.exit_code == 2
    assert "--variant" in result.stderr


def test_check_variant_help_in_chinese(runner: CliRunner, chinese: None) -> None:
    result = runner.invoke(app, ["check", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "--variant" in result.stdout
    assert "纸质报送版的规则" in result.stdout


# ---------------------------------------------------------------- LG165 and Word's autospace


def test_the_title_style_leaves_word_s_autospace_on() -> None:
    """The premise of ``text_width``'s quarter 字: Word adds the digit/汉字 gap to the title.

    ECMA-376 17.3.1.2–3: autoSpaceDE/DN unset anywhere in the style hierarchy means on. Were
    the Title style (or Normal, its base) to switch them off, Word would set the title without
    the gaps, and LG165 and the title breaking would have to measure without them.
    """
    with zipfile.ZipFile(ROOT / "templates" / "reference.docx") as archive:
        root = ET.fromstring(archive.read("word/styles.xml"))
    styles = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    title, normal = styles["Title"], styles["Normal"]
    based = title.find(f"{W}basedOn")
    assert based is not None
    assert based.get(f"{W}val") == "Normal"
    for style in (title, normal):
        for name in ("autoSpaceDE", "autoSpaceDN"):
            setting = style.find(f"{W}pPr/{W}{name}")
            assert setting is None or setting.get(f"{W}val") not in ("0", "false", "off")


def test_too_long_title_line_says_how_it_was_measured(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load(PRINT_EXAMPLE.read_text(encoding="utf-8"))
    data["organization"] = "深圳市光明区人民政府"
    data["title"] = ["深圳市光明区人民政府2021年度法治政府建设", "工作报告"]
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert text_width(data["title"][0]) == 20.5  # 20 字 of glyphs and two gaps
    result = runner.invoke(app, ["check", str(source), "--select", "LG165"])
    assert (
        "warning: title[0]: title line 1 is 20.5 字 wide, counting the quarter 字 that Word and "
        "LibreOffice add where digits meet 汉字; a 二号 line holds 20, so Word breaks it inside "
        "a word [LG165]"
    ) in result.stderr
    assert "深圳市光明区人民政府 / 2021年度法治政府建设工作报告" in result.stderr


def test_too_long_title_line_in_chinese(runner: CliRunner, tmp_path: Path, chinese: None) -> None:
    data = yaml.safe_load(PRINT_EXAMPLE.read_text(encoding="utf-8"))
    data["title"] = ["高青县科学技术局2021年度法治政府建设工作", "报告"]
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = runner.invoke(app, ["check", str(source), "--select", "LG165"])
    assert "标题第 1 行宽 20.5 字（已计入数字与汉字相接处" in result.stderr
