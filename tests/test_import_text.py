"""Importing text and Markdown safely: encodings named, entities kept, patterns in linear time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lawgov_report.importers import import_file
from lawgov_report.importers.lines import decode_text
from lawgov_report.pipeline import build
from lawgov_report.source.yaml_writer import commented_yaml

REPORT = (
    "某局2021年度法治政府建设工作报告\n"
    "一、主要成效\n"
    "（一）健全制度。制定办法三项。\n"
    "二、存在问题\n"
    "制度执行不够到位。\n"
    "某局\n"
    "2022年1月10日\n"
)


def test_utf8_is_read_without_a_word() -> None:
    text, warnings = decode_text(REPORT.encode("utf-8"), "r.txt")
    assert (text, warnings) == (REPORT, [])


def test_one_bad_byte_is_named_and_the_rest_stays_utf8() -> None:
    raw = REPORT.encode("utf-8").replace("执行".encode(), "执".encode() + b"\xff", 1)
    text, warnings = decode_text(raw, "r.txt")
    assert "制度执\ufffd不够到位。" in text
    assert "主要成效" in text  # not mojibake
    assert [w.format() for w in warnings] == [
        "r.txt:5:4: warning: bytes FF cannot be read as UTF-8; they are shown as “\ufffd”: "
        "check the text here against the original [LG609]"
    ]


def test_gb18030_is_read_and_said(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes(REPORT.encode("gb18030"))
    imported = import_file(source)
    assert imported.data["title"] == "某局2021年度法治政府建设工作报告"
    assert imported.warnings[0].format() == (
        f"{source}: warning: the file is not UTF-8; read it as GB18030 (GBK), the encoding "
        "Chinese Windows saves text in — check that the Chinese reads right [LG609]"
    )


def test_bytes_neither_encoding_reads_are_named() -> None:
    raw = REPORT.encode("gb18030") + b"\x80\n"
    text, warnings = decode_text(raw, "r.txt")
    assert "制度执行不够到位" in text
    assert [w.code for w in warnings] == ["LG609", "LG609"]
    assert warnings[1].location.line == 8
    assert "bytes 80 cannot be read as GB18030" in warnings[1].message


def test_utf16_with_bom(tmp_path: Path) -> None:
    source = tmp_path / "unicode.txt"
    source.write_bytes(REPORT.encode("utf-16"))
    imported = import_file(source)
    assert imported.data["organization"] == "某局"
    assert not imported.warnings or all(w.code != "LG609" for w in imported.warnings)


@pytest.mark.parametrize("text", ["&copy;", "&amp;", "a\\&copy;b", "&#x4E00;", "\\*星号\\*", "<b>"])
def test_escapes_and_entities_round_trip(text: str, tmp_path: Path) -> None:
    """Text → YAML → Markdown → YAML: the characters typed come back as typed."""
    source = tmp_path / "t.txt"
    source.write_text(REPORT.replace("制定办法三项。", f"制定办法三项{text}。"), encoding="utf-8")
    data = import_file(source).data
    assert data["parts"][0]["items"][0]["paragraphs"] == [f"制定办法三项{text}。"]
    first = tmp_path / "one.yaml"
    first.write_text(commented_yaml(data, "t", "s.json"), encoding="utf-8")
    build(first, tmp_path, ("md",))
    again = import_file(tmp_path / "one.md").data
    assert again["parts"][0]["items"][0]["paragraphs"] == [f"制定办法三项{text}。"]


@pytest.mark.parametrize("heading", ["# #", "#", "# # #", "## ##", "#\t#"])
def test_empty_headings_are_no_error(heading: str, tmp_path: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text(f"{heading}\n\n" + REPORT, encoding="utf-8")
    data = import_file(source).data
    assert data["organization"] == "某局"


def test_markdown_closing_hashes_and_escapes(tmp_path: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text(
        "# 某局2021年度法治政府建设工作报告 #\n\n## 一、主要成效 ##\n\n正文\\#1，&lt;b&gt;。\n",
        encoding="utf-8",
    )
    data = import_file(source).data
    assert data["title"] == "某局2021年度法治政府建设工作报告"
    assert data["parts"][0]["paragraphs"] == ["正文#1，<b>。"]


SPACES = " " * 4000
HOSTILE = [
    f"#{SPACES}a{SPACES}b{SPACES}#",
    f"## a{SPACES}b{SPACES}x",  # took minutes with the heading pattern before 0.2
    f"一、{SPACES}",
    f"（一）{SPACES}强化{SPACES}",
    f"1.{SPACES}x{SPACES}",
    f"附件：{SPACES}1.{SPACES}",
    f"某{SPACES}〔2022〕{SPACES}号",
    f"签发人：{SPACES}",
    f"抄送：{SPACES}，{SPACES}",
    f"某办公室{SPACES}2022年{SPACES}1月{SPACES}7日印发x",
    f"索引号：{SPACES}发布机构：{SPACES}",
    f"2022{SPACES}年{SPACES}1{SPACES}月{SPACES}日",
    "（" + "一" * 4000 + "）",
    "X" * 4000 + "〔2022〕1号",
]


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_long_runs_of_spaces_cost_linear_time(suffix: str, tmp_path: Path) -> None:
    """Every hostile line in one file, imported in a child with a hard time limit.

    A backtracking pattern takes minutes on these; linear patterns take well under a second.
    The limit is generous (the machine is shared) and catches hangs, not slowness.
    """
    source = tmp_path / f"hostile{suffix}"
    source.write_text("\n".join([*HOSTILE, REPORT]), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from lawgov_report.importers import import_file;"
        "print(import_file(Path(sys.argv[1])).data['organization'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(source)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "某局"


def test_web_copy_information_panel(tmp_path: Path) -> None:
    source = tmp_path / "web.txt"
    source.write_text(
        "当前位置：首页 > 信息公开\n"
        "索引号：11370322004269245Y/2022-00012    发布机构：某县应急管理局\n"
        "发文字号：\n某应急发〔2022〕5号\n"
        "成文日期：2022年01月20日\n"
        "名称：某县应急管理局2021年度法治政府建设工作报告\n"
        "某县应急管理局2021年度法治政府建设工作报告\n"
        "一、主要成效\n全年开展执法检查120次。\n",
        encoding="utf-8",
    )
    imported = import_file(source)
    data = imported.data
    assert data["title"] == "某县应急管理局2021年度法治政府建设工作报告"
    assert (data["organization"], data["date"], data["doc_number"], data["year"]) == (
        "某县应急管理局",
        "2022-01-20",
        "某应急发〔2022〕5号",
        2021,
    )
    assert [d.format() for d in imported.warnings if d.code == "LG613"] == [
        f"{source}:2:1: warning: organization taken from the web page's information panel: "
        "某县应急管理局 [LG613]",
        f"{source}:5:1: warning: date taken from the web page's information panel: "
        "2022-01-20 [LG613]",
    ]


def test_text_after_the_closing_is_not_the_opening(tmp_path: Path) -> None:
    source = tmp_path / "web.txt"
    source.write_text(
        REPORT.replace("某局\n", "特此报告。\n【打印】 【关闭】\n某局\n"), encoding="utf-8"
    )
    imported = import_file(source)
    assert "opening" not in imported.data
    assert imported.data["organization"] == "某局"
    assert any("skipped a line after the report text" in d.message for d in imported.warnings)


def test_panel_values_on_the_line_after_their_keys(tmp_path: Path) -> None:
    """A panel copied key above value: 成文日期 then its date, 发文字号 then its number."""
    source = tmp_path / "web.txt"
    source.write_text(
        "当前位置：首页 > 信息公开 > 法定主动公开内容\n"
        "索引号：\n000014349/2023-00021\n"
        "发布机构：\n某某市某某区司法局\n"
        "成文日期：\n2023年01月18日\n"
        "发文字号：\n某区司〔2023〕2号\n"
        "名称：\n某某区司法局2022年度法治政府建设情况报告\n"
        "某某区司法局2022年度法治政府建设情况报告\n"
        "一、主要工作举措\n开展普法活动120场。\n",
        encoding="utf-8",
    )
    imported = import_file(source)
    data = imported.data
    assert (data["date"], data["doc_number"], data["year"]) == (
        "2023-01-18",
        "某区司〔2023〕2号",
        2022,
    )
    assert not any("2023年01月18日" in d.message for d in imported.warnings)


def test_page_furniture_at_the_end_without_a_closing(tmp_path: Path) -> None:
    """No 特此报告。: the share and print buttons after the text are still not report text."""
    source = tmp_path / "web.txt"
    body = REPORT.replace("某局\n2022年1月10日\n", "")  # no 署名 either: the text ends the page
    source.write_text(body + "扫一扫在手机打开当前页\n【打印】【关闭】\n", encoding="utf-8")
    imported = import_file(source)
    assert "扫一扫" not in str(imported.data)
    assert "【打印】" not in str(imported.data)
    assert imported.data["parts"][-1]["paragraphs"] == ["制度执行不够到位。"]
    skipped = [d.location.line for d in imported.warnings if "after the report text" in d.message]
    assert skipped == [6, 7]


def test_a_skipped_heading_level_is_kept_one_level_down(tmp_path: Path) -> None:
    """一、 then 1. (no （一）), as small units write: the 1. items become （一） items, warned."""
    source = tmp_path / "web.txt"
    source.write_text(
        "某镇2022年度法治政府建设情况报告\n"
        "1.本报告按要求编写。\n"  # a 1. before any part: kept as text, its number too
        "一、主要举措和成效\n"
        "1.健全制度。制定了各项制度。\n"
        "（1）完善会议制度\n"
        "每月召开一次会议。\n"
        "2.加强培训。组织培训3次。\n"
        "二、存在问题\n"
        "制度执行不够到位。\n"
        "某镇人民政府\n2023年1月5日\n",
        encoding="utf-8",
    )
    imported = import_file(source)
    data = imported.data
    assert data["opening"] == ["1.本报告按要求编写。"]
    items = data["parts"][0]["items"]
    assert [(item["title"], item["paragraphs"]) for item in items] == [
        ("健全制度。", ["制定了各项制度。"]),
        ("加强培训。", ["组织培训3次。"]),
    ]
    assert items[0]["items"] == [{"title": "完善会议制度", "paragraphs": ["每月召开一次会议。"]}]
    found = [(d.location.line, d.code) for d in imported.warnings if d.code in ("LG604", "LG605")]
    assert found == [(2, "LG604"), (4, "LG604"), (5, "LG604"), (7, "LG604")]
    at_4 = [d.message for d in imported.warnings if d.location.line == 4]
    assert any("numbered （一） in the outputs" in message for message in at_4)
