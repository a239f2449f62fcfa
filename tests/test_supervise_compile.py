"""lawgov compile: one volume re-rendered from every unit's model; 目录 numbers that are right."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import lawgov_report.i18n
from lawgov_report.cli.app import app
from lawgov_report.pipeline import load_report
from lawgov_report.render.outline import outline, paragraph_texts

from helpers import docx_paragraphs, markdown_paragraphs
from supervise_corpus import PLANTED, make_county


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_county(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="module")
def volume(county: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lawgov_report.i18n.reload()
    out = tmp_path_factory.mktemp("volume") / "汇编.docx"
    result = CliRunner().invoke(app, ["compile", str(county), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1, result.output  # one unreadable report
    assert result.stdout.splitlines() == [str(out), str(out.with_suffix(".md"))]
    return out


def _report_texts(path: Path) -> list[str]:
    """Every text a reader sees of one report, in order (what the volume must contain)."""
    report = load_report(path)
    texts = [report.full_title, *paragraph_texts(report.opening)]
    for block in outline(report):
        texts.append(block.marker + block.title)
        texts.extend(block.texts)
    return texts


def _units_in_volume(county: Path) -> list[Path]:
    units = sorted((county.parent / "units").iterdir())
    skipped = {*PLANTED.missing, PLANTED.not_yet_due, PLANTED.broken}
    return [u for i, u in enumerate(units) if i not in skipped]


def test_every_report_in_roster_order_with_all_its_text(volume: Path, county: Path) -> None:
    # Body paragraphs (the 目录 and summary tables are not here); a title's lines joined.
    paragraphs = [p.replace("\n", "") for p in docx_paragraphs(volume.read_bytes())]
    joined = "\n".join(paragraphs)
    position = 0
    for unit in _units_in_volume(county):
        source = unit / "2021.yaml"
        if not source.exists():
            continue  # the .docx unit: its text is checked through the import in status
        for text in _report_texts(source):
            found = joined.find(text, position)
            assert found >= 0, f"{unit.name}: missing or out of order: {text[:30]}"
            position = found + len(text)


def test_markdown_volume_has_every_report(volume: Path, county: Path) -> None:
    markdown = volume.with_suffix(".md").read_text(encoding="utf-8")
    paragraphs = markdown_paragraphs(markdown)
    titles = [p for p in paragraphs if p.endswith(("工作报告", "情况的报告"))]
    assert len([t for t in titles if "（第" not in t]) == len(_units_in_volume(county))
    assert markdown.count("\n## ") == len(_units_in_volume(county)) + 2  # + 目录, 汇总表
    assert "| 序号 | 单位 |" in markdown


def test_summary_table_lists_every_unit(volume: Path) -> None:
    import docx

    document = docx.Document(str(volume))
    table = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["序号", "单位", "举措成效"]
    assert len(rows) == 62  # the headers, 60 units, the note (a row: never alone on a page)
    assert rows[-1][0].startswith("注：")
    assert rows[PLANTED.missing[0] + 1][2] == "未报送"
    assert rows[PLANTED.broken + 1][2] == "无法读取"
    assert rows[PLANTED.no_problems[0] + 1][4] == "×"


def test_the_volume_is_deterministic(volume: Path, county: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    CliRunner().invoke(app, ["compile", str(county), "-o", str(again)])
    assert again.read_bytes() == volume.read_bytes()
    assert again.with_suffix(".md").read_bytes() == volume.with_suffix(".md").read_bytes()


def test_openxml_audit_accepts_the_volume(volume: Path) -> None:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(volume)
    assert [str(e) for e in result.errors] == []


def test_sections_start_reports_on_odd_pages(volume: Path) -> None:
    with zipfile.ZipFile(volume) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    kinds = re.findall(r'<w:type w:val="(\w+)"/>', document)
    assert kinds[0] == "nextPage"  # the cover
    assert set(kinds[1:]) == {"oddPage"}
    assert len(kinds) == 2 + 55 + 1  # cover, 目录, each report, the summary table


def test_compile_refuses_to_overwrite_an_edited_volume(volume: Path, county: Path) -> None:
    edited = volume.with_name("edited.md")
    edited.write_text("我改过的汇编\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["compile", str(county), "-o", str(edited.with_suffix(".docx")), "-f", "md"]
    )
    assert result.exit_code == 3
    assert "LG402" in result.stderr
    assert edited.read_text(encoding="utf-8") == "我改过的汇编\n"


def _times_is_liberation() -> bool:
    """LibreOffice sets Times New Roman in Liberation Serif, which has its metrics."""
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "Times New Roman"], capture_output=True, text=True)
    return "Liberation" in found.stdout


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None
    or shutil.which("pdftotext") is None
    or not _times_is_liberation(),
    reason="needs LibreOffice (soffice), poppler-utils (pdftotext) and fonts-liberation",
)


def _pdf_pages(docx_path: Path) -> list[str]:
    out = docx_path.parent
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", str(docx_path.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")


@needs_libreoffice
def test_contents_page_numbers_match_the_libreoffice_render(volume: Path) -> None:
    pages = _pdf_pages(volume)
    numbered: list[tuple[int, list[str]]] = []
    contents: list[str] = []
    for page_text in pages:
        lines = [re.sub(r"\s", "", line) for line in page_text.splitlines() if line.strip()]
        footer = [line for line in lines if re.fullmatch(r"—\d+—", line)]
        body = [line for line in lines if not re.fullmatch(r"—\d+—", line)]
        if footer:
            numbered.append((int(footer[0].strip("—")), body))
        elif not numbered and body and body[0] not in ("目录", "目") and not contents:
            continue  # the cover
        else:
            contents.extend(line for line in body if line not in ("目录", "目", "录"))
    # The 目录: title lines, then the page number in its own cell.
    entries: list[tuple[str, int]] = []
    title = ""
    for line in contents:
        if line.isdigit():
            entries.append((title, int(line)))
            title = ""
        else:
            title += line
    assert len(entries) == 55 + 1  # every readable report and the summary table
    for heading, page in entries:
        starts = [n for n, body in numbered if heading in "".join(body[:6])]
        assert starts, f"{heading} not found in the render"
        assert starts[0] == page, f"{heading}: 目录 says {page}, the render has {starts[0]}"
        assert page % 2 == 1
