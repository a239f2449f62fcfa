"""A user's reference .docx and body template from outside: located errors, warnings, escaping.

Fixtures are our own reference document altered the way a damaged, foreign or restyled file
differs (generated here, not committed as binaries).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app

from helpers import EXAMPLE, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERENCE = ROOT / "templates" / "reference.docx"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()


def _altered(tmp_path: Path, name: str, change: Callable[[dict[str, str]], None]) -> Path:
    with zipfile.ZipFile(REFERENCE) as archive:
        parts = {i.filename: archive.read(i).decode("utf-8") for i in archive.infolist()}
    change(parts)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for part, text in parts.items():
            archive.writestr(part, text.encode("utf-8"))
    return path


def _build(
    runner: CliRunner, tmp_path: Path, *extra: str, source: Path = EXAMPLE
) -> tuple[int, str]:
    result = runner.invoke(
        app, ["build", str(source), "-o", str(tmp_path / "out"), "-f", "docx", *extra]
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _styles(path: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("word/styles.xml"))
    return {s.get(f"{W}styleId", ""): s for s in root.iter(f"{W}style")}


def test_reference_with_broken_styles_is_a_located_error(runner: CliRunner, tmp_path: Path) -> None:
    def damage(parts: dict[str, str]) -> None:
        parts["word/styles.xml"] = parts["word/styles.xml"].replace("</w:styles>", "<w:style>")

    reference = _altered(tmp_path, "broken.docx", damage)
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(reference))
    assert code == 3
    assert stderr.startswith(
        f"{reference}: error: the file is damaged: its part word/styles.xml is not well-formed "
        "XML (line 2); open it in Word and save it again as .docx (detail: "
    )
    assert not (tmp_path / "out").exists()


def _in_utf16(tmp_path: Path, parts_to_change: tuple[str, ...]) -> Path:
    """The built-in reference with some parts saved in UTF-16 (with a BOM), as Word may."""
    with zipfile.ZipFile(REFERENCE) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    for part in parts_to_change:
        text = parts[part].decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'", 1)
        parts[part] = text.encode("utf-16")
    path = tmp_path / "utf16.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


@pytest.mark.parametrize(
    "parts",
    [("word/styles.xml",), ("word/document.xml",), ("word/styles.xml", "word/footer1.xml")],
    ids=["styles", "document", "styles-and-footer"],
)
def test_reference_parts_in_utf16_are_read(
    runner: CliRunner, tmp_path: Path, parts: tuple[str, ...]
) -> None:
    reference = _in_utf16(tmp_path, parts)
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(reference))
    assert (code, stderr) == (0, "")
    with zipfile.ZipFile(tmp_path / "out" / "2021.docx") as archive:
        document = ET.fromstring(archive.read("word/document.xml"))
        footer = ET.fromstring(archive.read("word/footer1.xml"))
    assert document.find(f"{W}body/{W}sectPr/{W}pgSz") is not None
    assert (
        footer.find(f".//{W}fldSimple") is not None or footer.find(f".//{W}instrText") is not None
    )
    assert set(_styles(tmp_path / "out" / "2021.docx")) == set(_styles(REFERENCE))


def test_a_damaged_reference_is_explained_in_chinese(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Chinese lead (what is wrong, what to do) before lxml's and zipfile's English detail."""
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()

    def damage(parts: dict[str, str]) -> None:
        parts["word/styles.xml"] = parts["word/styles.xml"].replace("</w:styles>", "<w:style>")

    broken = _altered(tmp_path, "broken.docx", damage)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(REFERENCE.read_bytes()[:2000])
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(broken))
    assert code == 3
    assert stderr.startswith(
        f"{broken}: 错误：文件已损坏：其中的部件 word/styles.xml 不是格式正确的 XML（第 2 行）；"
        "请用 Word 打开后另存为 .docx 再试（技术细节：Premature end of data in tag"
    )
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(truncated))
    assert code == 3
    assert stderr.startswith(
        f"{truncated}: 错误：不是 Word .docx 文件，或文件已损坏；请用 Word 打开后另存为 .docx "
        "再试（技术细节：File is not a zip file） [LG501]\n"
    )


def test_reference_without_page_setup_is_a_located_error(runner: CliRunner, tmp_path: Path) -> None:
    def strip(parts: dict[str, str]) -> None:
        parts["word/document.xml"] = re.sub(
            r"<w:sectPr\b.*?</w:sectPr>", "", parts["word/document.xml"], flags=re.DOTALL
        )

    reference = _altered(tmp_path, "no-sectpr.docx", strip)
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(reference))
    assert code == 3
    assert stderr.splitlines()[0] == (
        f"{reference}: error: the reference document has no page setup (w:sectPr in w:body); "
        "open it in Word, check 页面设置, and save it again as .docx [LG304]"
    )


def test_letter_reference_without_page_numbers_warns_in_chinese(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def letter(parts: dict[str, str]) -> None:
        document = parts["word/document.xml"]
        document = document.replace('w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"')
        document = re.sub(r"<w:footerReference [^>]*/>", "", document)
        parts["word/document.xml"] = document

    reference = _altered(tmp_path, "letter.docx", letter)
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    code, stderr = _build(runner, tmp_path, "--reference-docx", str(reference))
    assert code == 0
    warnings = [line for line in stderr.splitlines() if "[LG307]" in line]
    assert len(warnings) == 2
    assert any("纸张不是 A4" in w for w in warnings)
    assert any("页脚没有页码" in w for w in warnings)
    assert "布局 → 纸张大小 → A4" in stderr


def test_body_template_with_malformed_xml_names_the_template(
    runner: CliRunner, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    template = (ROOT / "templates" / "report.docx.xml.j2").read_text(encoding="utf-8")
    (mine / "report.docx.xml.j2").write_text(
        template.replace("{{ title(title_lines) }}", "<w:p><w:r>{{ title(title_lines) }}"),
        encoding="utf-8",
    )
    code, stderr = _build(runner, tmp_path, "--template-dir", str(mine))
    assert code == 3
    first = stderr.splitlines()[0]
    opened = template.split("\n").index("{{ title(title_lines) }}") + 1
    # Located in the template (the line that wrote the wrong end tag), never in the output.
    assert re.fullmatch(
        re.escape(f"{mine / 'report.docx.xml.j2'}:")
        + r"\d+"
        + re.escape(
            ": error: the template's output is not well-formed XML, so Word could not open the "
            f"document: <w:r>, written at line {opened}, is not closed before the end tag "
            "written here [LG306]"
        ),
        first,
    )
    assert not (tmp_path / "out").exists()


def test_a_stray_end_tag_is_located_at_its_template_line(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    lines = (ROOT / "templates" / "report.docx.xml.j2").read_text(encoding="utf-8").split("\n")
    at = lines.index("{{ title(title_lines) }}")
    lines.insert(at + 1, "</w:tbl>")
    (mine / "report.docx.xml.j2").write_text("\n".join(lines), encoding="utf-8")
    code, stderr = _build(runner, tmp_path, "--template-dir", str(mine))
    assert code == 3
    assert stderr.splitlines()[0] == (
        f"{mine / 'report.docx.xml.j2'}:{at + 2}: error: the template's output is not "
        "well-formed XML, so Word could not open the document: mismatched tag [LG306]"
    )


@pytest.mark.parametrize("font", ['A&B"<C', "仿宋\\体", "a'b>c"])
def test_font_names_from_the_yaml_are_escaped_once(tmp_path: Path, font: str) -> None:
    from lawgov_report.pipeline import build

    source = tmp_path / "r.yaml"
    quoted = "'" + font.replace("'", "''") + "'"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8") + f"output:\n  fonts:\n    body: {quoted}\n",
        encoding="utf-8",
    )
    build(source, None, ("docx",))
    normal = _styles(tmp_path / "r.docx")["Normal"]
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts is not None
    assert fonts.get(f"{W}eastAsia") == font


def test_run_in_headings_follow_the_users_heading_and_body_size(tmp_path: Path) -> None:
    """A reference with a 14 pt body and 楷体 headings, without lawgov's run-in styles."""
    from lawgov_report.pipeline import TemplateChoice, build

    def restyle(parts: dict[str, str]) -> None:
        styles = parts["word/styles.xml"]
        normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.DOTALL)
        assert normal is not None
        styles = styles.replace(normal.group(), normal.group().replace('w:val="32"', 'w:val="28"'))
        styles = re.sub(
            r'(<w:style [^>]*w:styleId="Heading2".*?)楷体_GB2312',
            r"\g<1>楷体",
            styles,
            count=1,
            flags=re.DOTALL,
        )
        styles = re.sub(
            r'<w:style [^>]*w:styleId="GwHeading[234]Run".*?</w:style>', "", styles, flags=re.DOTALL
        )
        parts["word/styles.xml"] = styles

    reference = _altered(tmp_path, "14pt.docx", restyle)
    build(EXAMPLE, tmp_path / "out", ("docx",), TemplateChoice(reference_docx=reference))
    styles = _styles(tmp_path / "out" / "2021.docx")
    run = styles["GwHeading2Run"]
    fonts = run.find(f"{W}rPr/{W}rFonts")
    assert fonts is not None
    assert fonts.get(f"{W}eastAsia") == "楷体"
    assert run.find(f"{W}rPr/{W}sz") is None  # the body paragraph's size: 14 pt
    normal_size = styles["Normal"].find(f"{W}rPr/{W}sz")
    assert normal_size is not None
    assert normal_size.get(f"{W}val") == "28"


def test_default_run_in_styles_have_no_size_of_their_own() -> None:
    for level in (2, 3, 4):
        assert _styles(REFERENCE)[f"GwHeading{level}Run"].find(f"{W}rPr/{W}sz") is None
