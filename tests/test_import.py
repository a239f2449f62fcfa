"""lawgov import: real reports and web copies become YAML that builds back to the same text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.importers import import_file
from lawgov_report.pipeline import build, load_report
from lawgov_report.source.yaml_writer import commented_yaml
from lawgov_report.writers import get_writer

from helpers import DATA, EXAMPLE, REFERENCE_DIR, markdown_paragraphs, reference_sentences

IMPORT = DATA / "import"
SEED = REFERENCE_DIR / "seed-2021-gaoqing-kejiju.txt"
GUANGMING = REFERENCE_DIR / "guangming-2021.txt"


def _imported_yaml(source: Path, tmp_path: Path) -> Path:
    imported = import_file(source)
    target = tmp_path / (source.stem + ".yaml")
    target.write_text(commented_yaml(imported.data, "test", "lawgov.schema.json"), encoding="utf-8")
    return target


def _markdown(path: Path) -> str:
    return get_writer("md")(load_report(path)).decode("utf-8")


def _in_order_share(sentences: list[str], paragraphs: list[str]) -> float:
    """The share of sentences found verbatim, each after the previous one found."""
    index, position, found = 0, 0, 0
    for sentence in sentences:
        for i in range(index, len(paragraphs)):
            at = paragraphs[i].find(sentence, position if i == index else 0)
            if at >= 0:
                index, position, found = i, at + len(sentence), found + 1
                break
    return found / len(sentences)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/reference not present")
@pytest.mark.parametrize(
    ("source", "errata", "items"),
    [
        (SEED, {"\n2021\n": "\n"}, [6, 0, 5]),
        (GUANGMING, {}, [7, 0, 4]),
    ],
    ids=["seed", "guangming"],
)
def test_reference_reports_come_back(
    source: Path, errata: dict[str, str], items: list[int], tmp_path: Path
) -> None:
    path = _imported_yaml(source, tmp_path)
    report = load_report(path)
    assert [len(part.items) for part in report.parts] == items
    sentences = reference_sentences(source, errata)
    share = _in_order_share(sentences, markdown_paragraphs(_markdown(path)))
    assert share >= 0.98, share


@pytest.mark.skipif(not SEED.exists(), reason="../shared/reference not present")
def test_seed_structure_details(tmp_path: Path) -> None:
    data = import_file(SEED).data
    assert data["doc_number"] == "高科字〔2022〕1号"
    assert (data["organization"], data["year"], data["date"]) == (
        "高青县科学技术局",
        2021,
        "2020年1月7日",
    )
    assert [p["kind"] for p in data["parts"]] == ["measures", "problems", "plans"]
    assert data["parts"][0]["also_covers"] == ["responsibility"]
    first = data["parts"][0]["items"][0]
    assert first["title"] == "强队伍建设，履行第一责任人职责。"
    assert first["run_in"] is True
    assert first["paragraphs"][0]["points"][0].endswith(
        "领导小组下设办公室，为工作落实提供了组织保障。"
    )


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_round_trip_of_our_own_output(fmt: str, tmp_path: Path) -> None:
    build(EXAMPLE, tmp_path, (fmt,))
    imported_dir = tmp_path / "imported"
    imported_dir.mkdir()
    path = _imported_yaml(tmp_path / f"2021.{fmt}", imported_dir)
    assert _markdown(path) == _markdown(EXAMPLE)


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_round_trip_with_the_figures_attachment(fmt: str, tmp_path: Path) -> None:
    """The 附件 主要数据 table comes back as figures:, not as text of the last part."""
    source = tmp_path / "2022.yaml"
    shutil.copy(EXAMPLE.parent / "figures" / "2022.yaml", source)  # without last year's file
    build(source, tmp_path, (fmt,))
    imported_dir = tmp_path / "imported"
    imported_dir.mkdir()
    imported = import_file(tmp_path / f"2022.{fmt}")
    data = imported.data
    assert "行政复议收案数" not in str(data["parts"])
    assert "attachments" not in data  # the build lists the table itself
    expected = yaml.safe_load(source.read_text(encoding="utf-8"))["figures"]
    assert data["figures"] == expected
    path = _imported_yaml(tmp_path / f"2022.{fmt}", imported_dir)
    assert _markdown(path) == _markdown(source)


def test_web_copy_variants() -> None:
    imported = import_file(IMPORT / "web-copy.txt")
    data = imported.data
    assert data["title"] == ["某县司法局关于2021年度", "法治政府建设情况的报告"]
    assert data["doc_number"] == "某司发〔2022〕3号"
    assert data["recipients"] == "中共某县委、某县人民政府："
    assert data["opening"] == [
        "2021年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下："
    ]
    measures = data["parts"][0]
    assert [item["title"] for item in measures["items"]] == ["强化组织领导。", "规范执法行为"]
    first = measures["items"][0]
    assert first["paragraphs"] == [
        {
            "text": "局党组书记切实履行第一责任人职责,",
            "points": ["召开党组会专题研究；", "制定年度工作要点。"],
        }
    ]
    assert [sub["title"] for sub in first["items"]] == ["健全制度。", "加强培训。"]
    assert first["items"][1]["paragraphs"] == ["全年组织学法12次，参训干部300余人次。"]
    detail = measures["items"][1]["items"][0]["items"][0]
    assert (detail["title"], detail["paragraphs"]) == ("公示信息。", ["公开执法主体、人员等信息。"])
    assert [p["kind"] for p in data["parts"]] == ["measures", "problems", "plans"]
    assert data["closing"] == "特此报告。"
    assert data["attachments"] == ["2021年度行政执法统计表", "2021年度普法工作台账"]
    assert (data["organization"], data["date"], data["year"]) == (
        "某县司法局",
        "2022年2月18日",
        2021,
    )
    messages = [(d.location.line, d.code) for d in imported.warnings]
    assert messages == [(1, "LG602"), (2, "LG602"), (14, "LG605")]


def test_no_blank_lines_and_full_width_indentation(tmp_path: Path) -> None:
    source = tmp_path / "dense.txt"
    source.write_text(
        "某局2021年度法治政府建设工作报告\n"
        "\u3000\u3000一、主要成效\n"
        "\u3000\u3000（一）健全制度。制定办法三项。\n"
        "\u3000\u3000二、存在问题\n"
        "\u3000\u3000制度执行不够到位。\n"
        "某局\n2022年1月10日\n",
        encoding="utf-8",
    )
    data = import_file(source).data
    assert data["title"] == "某局2021年度法治政府建设工作报告"
    assert data["parts"][0]["items"][0]["paragraphs"] == ["制定办法三项。"]
    assert data["parts"][1] == {
        "kind": "problems",
        "title": "存在问题",
        "paragraphs": ["制度执行不够到位。"],
    }


def test_cli_import_writes_commented_yaml(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "web.txt"
    shutil.copy(IMPORT / "web-copy.txt", source)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'web.yaml'}\n"
    assert f"{source}:14:1: warning: numbered “3” in the source" in result.stderr
    text = (tmp_path / "web.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=lawgov.schema.json\n# Imported by lawgov import from web.txt."
    )
    assert "# 发文机关署名（全称或规范化简称）。\norganization: 某县司法局\n" in text
    assert yaml.safe_load(text)["organization"] == "某县司法局"
    assert load_report(tmp_path / "web.yaml").organization == "某县司法局"  # valid YAML for lawgov
    again = runner.invoke(app, ["import", str(source)])
    assert again.exit_code == 3


def test_unsupported_format(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert (
        "cannot import .pdf; use one of .doc, .docm, .docx, .dotm, .dotx, .htm, .html, "
        ".markdown, .md, .txt, .wps [LG601]" in result.stderr
    )


def test_import_help_names_every_format_it_reads(runner: CliRunner) -> None:
    result = runner.invoke(app, ["import", "--help"], env={"LAWGOV_LANG": "en", "COLUMNS": "200"})
    assert result.exit_code == 0
    for suffix in (".docx", ".doc", ".wps", ".txt", ".md", ".html"):
        assert suffix in result.stdout, suffix


def test_a_markdown_table_is_named_not_run_into_the_text(tmp_path: Path) -> None:
    """A pipe table other than lawgov's figures attachment: one warning, as in a Word file."""
    source = tmp_path / "t.md"
    source.write_text(
        "# 某局2022年度法治政府建设工作报告\n\n## 一、主要成效\n\n完成任务。\n\n"
        "| 指标 | 数量 |\n| --- | --- |\n| 培训 \\| 宣传 | 3 |\n\n某局\n\n2023年1月5日\n",
        encoding="utf-8",
    )
    imported = import_file(source)
    assert imported.data["parts"][0]["paragraphs"] == ["完成任务。"]
    assert [d.format() for d in imported.warnings] == [
        f"{source}:7:1: warning: a table of 2 rows is not kept (the report has no tables): "
        "“指标 | 数量”; write its figures into the text [LG611]"
    ]
