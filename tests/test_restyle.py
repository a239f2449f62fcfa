"""Restyling: template overrides, a user's reference .docx, the print variant, local settings."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner, Result

from lawgov_report.cli.app import app
from lawgov_report.pipeline import TemplateChoice, build
from lawgov_report.writers.docx.placement import imprint_layout

from helpers import EXAMPLE, ROOT, docx_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"

PRINT_YAML = """\
organization: 高青县科学技术局
year: 2021
date: 2022-01-07
doc_number: 高科字〔2022〕1号
output:
  variant: print
print:
  signer: 张三
  copy_to: [县委办公室, 县人大常委会办公室]
  printed_by: 高青县科学技术局办公室
  printed_date: 2022年1月7日
parts:
  - kind: measures
    also_covers: [responsibility, problems]
    title: 主要举措和成效
    paragraphs: [全年组织学法12次。]
"""


def _entries(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i).decode("utf-8", "replace") for i in archive.infolist()}


def _build_markdown(runner: CliRunner, tmp_path: Path, template_dir: Path) -> Result:
    """``lawgov build`` of the example to Markdown in tmp_path/out with user templates."""
    args = ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "md"]
    return runner.invoke(app, [*args, "--template-dir", str(template_dir)])


def _export(runner: CliRunner, directory: Path) -> None:
    result = runner.invoke(app, ["templates", "export", str(directory)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in directory.iterdir()) == [
        "reference.docx",
        "report-body.html.j2",
        "report.docx.xml.j2",
        "report.fragment.html.j2",
        "report.html.j2",
        "report.md.j2",
    ]


def test_exported_and_edited_markdown_template_changes_the_output(
    tmp_path: Path, runner: CliRunner
) -> None:
    mine = tmp_path / "mine"
    _export(runner, mine)
    template = mine / "report.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("# {{", "# 【本单位】{{"), encoding="utf-8"
    )
    result = _build_markdown(runner, tmp_path, mine)
    assert result.exit_code == 0, result.output
    assert "# 【本单位】高青县科学技术局2021年度法治政府建设工作报告\n" in (
        tmp_path / "out" / "2021.md"
    ).read_text(encoding="utf-8")


def test_template_dir_in_the_yaml_is_relative_to_it(tmp_path: Path, runner: CliRunner) -> None:
    _export(runner, tmp_path / "tpl")
    (tmp_path / "tpl" / "report.md.j2").write_text(
        "{{ report.organization | md_line }}\n", encoding="utf-8"
    )
    source = tmp_path / "r.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8") + "output:\n  template_dir: tpl\n", encoding="utf-8"
    )
    build(source, None, ("md",))
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("高青县科学技术局\n")


def test_missing_template_dir_is_located(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8") + "output:\n  template_dir: nowhere\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["build", str(source)])
    assert result.exit_code == 3
    assert re.search(
        r"r\.yaml:\d+:17: error: output\.template_dir: template directory not found: .*nowhere \[LG305\]",
        result.stderr,
    )


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
            ":2: error: the template sandbox does not allow '__class__' on a value of type str",
        ),
        ("ok\n\n{% if %}\n", ":3: error: template syntax error: Expected an expression"),
        (
            "ok\n{{ report.nothing }}\n",
            ":2: error: 'nothing' is not a field of Report [LG302]",
        ),
    ],
    ids=["sandbox-escape", "syntax-error", "undefined"],
)
def test_template_problems_are_refused_with_their_location(
    template: str, expected: str, tmp_path: Path, runner: CliRunner
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md.j2").write_text(template, encoding="utf-8")
    result = _build_markdown(runner, tmp_path, mine)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{mine / 'report.md.j2'}{expected}")
    assert not (tmp_path / "out").exists()


def _chinese_word_reference(tmp_path: Path) -> Path:
    """Our reference as Chinese Word would save it after a restyle: other fonts, other style IDs."""
    source = ROOT / "templates" / "reference.docx"
    with zipfile.ZipFile(source) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    styles = entries["word/styles.xml"].decode("utf-8").replace("仿宋_GB2312", "华文仿宋")
    styles = styles.replace('w:styleId="Heading1"', 'w:styleId="1"')
    # Drop one of our styles: it must come back from the default reference.
    styles = re.sub(r'<w:style [^>]*w:styleId="GwDate".*?</w:style>', "", styles, flags=re.DOTALL)
    entries["word/styles.xml"] = styles.encode("utf-8")
    path = tmp_path / "我的模板.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_user_reference_docx_changes_fonts_and_keeps_text(tmp_path: Path) -> None:
    reference = _chinese_word_reference(tmp_path)
    build(EXAMPLE, tmp_path / "out", ("docx",), TemplateChoice(reference_docx=reference))
    built = tmp_path / "out" / "2021.docx"
    parts = _entries(built)
    assert "华文仿宋" in parts["word/styles.xml"]
    assert "仿宋_GB2312" not in parts["word/styles.xml"].split('w:styleId="GwDate"')[0]
    assert '<w:pStyle w:val="1"/>' in parts["word/document.xml"]
    assert '<w:pStyle w:val="Heading1"/>' not in parts["word/document.xml"]
    assert 'w:styleId="GwDate"' in parts["word/styles.xml"]
    reference_paragraphs = docx_paragraphs(build_default(tmp_path))
    assert docx_paragraphs(built.read_bytes()) == reference_paragraphs
    import docx

    document = docx.Document(str(built))
    assert [p.style.name for p in document.paragraphs if p.style and p.text.startswith("一、")] == [
        "Heading 1"
    ]


def build_default(tmp_path: Path) -> bytes:
    build(EXAMPLE, tmp_path / "default", ("docx",))
    return (tmp_path / "default" / "2021.docx").read_bytes()


def test_print_variant_has_letterhead_red_line_and_imprint(tmp_path: Path) -> None:
    source = tmp_path / "print.yaml"
    source.write_text(PRINT_YAML, encoding="utf-8")
    build(source, None, ("docx",))
    parts = _entries(tmp_path / "print.docx")
    body = ET.fromstring(parts["word/document.xml"]).find(f"{W}body")
    assert body is not None
    paragraphs = [
        (p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), "".join(t.text or "" for t in p.iter(f"{W}t")))  # type: ignore[union-attr]
        for p in body.findall(f"{W}p")
    ]
    assert paragraphs[0] == ("GwLetterhead", "高青县科学技术局文件")
    assert paragraphs[3] == ("GwDocNumberPrint", "高科字〔2022〕1号签发人：张三")
    # With a 签发人 the insets are tab stops: no indent shortens the red rule (its bottom border).
    number = body.findall(f"{W}p")[3]
    assert number.find(f"{W}pPr/{W}ind") is None
    assert [t.get(f"{W}val") for t in number.iter(f"{W}tab") if t.get(f"{W}val")] == [
        "left",
        "right",
    ]
    styles = parts["word/styles.xml"]
    letterhead = re.search(
        r'<w:style [^>]*w:styleId="GwLetterhead".*?</w:style>', styles, re.DOTALL
    )
    assert letterhead is not None
    assert '<w:color w:val="FF0000"/>' in letterhead.group()
    rule = re.search(r'<w:style [^>]*w:styleId="GwDocNumberPrint".*?</w:style>', styles, re.DOTALL)
    assert rule is not None
    assert '<w:bottom w:val="single" w:sz="12" w:space="4" w:color="FF0000"/>' in rule.group()
    # The 版记: a text box anchored in the document's last paragraph (after the 成文日期), on
    # the bottom of the text area, holding a table whose borders are the rules.
    last = body.findall(f"{W}p")[-1]
    anchor = last.find(f"{W}r/{W}drawing/{WP}anchor")
    assert anchor is not None
    assert paragraphs[-2][0] == "GwDate"
    position = anchor.find(f"{WP}positionV")
    assert position is not None
    assert (position.get("relativeFrom"), position.findtext(f"{WP}align")) == ("margin", "bottom")
    assert anchor.find(f"{WP}wrapTopAndBottom") is not None
    content = anchor.findall(f".//{W}txbxContent")
    assert len(content) == 1  # the text is stored once: no VML fallback copy
    assert not [e for e in last.iter() if e.tag.endswith("}Fallback")]
    table = content[0].find(f"{W}tbl")
    assert table is not None
    texts = ["".join(t.text or "" for t in row.iter(f"{W}t")) for row in table.findall(f"{W}tr")]
    assert texts == [
        "抄送：县委办公室，县人大常委会办公室。",
        "高青县科学技术局办公室2022年1月7日印发",
    ]
    borders = [
        [(b.tag.split("}")[1], b.get(f"{W}sz")) for b in row.iter() if b.get(f"{W}sz")]
        for row in table.findall(f"{W}tr")
    ]
    assert borders == [[("top", "8"), ("bottom", "6")], [("bottom", "8")]]
    width = table.find(f"{W}tblPr/{W}tblW")
    assert width is not None
    assert width.get(f"{W}w") == str(11906 - 1588 - 1474)


def test_imprint_box_is_as_high_as_its_rows(tmp_path: Path) -> None:
    source = tmp_path / "print.yaml"
    source.write_text(PRINT_YAML, encoding="utf-8")
    from lawgov_report.pipeline import load_report

    lines, pitch, height = imprint_layout(load_report(source))
    assert (lines, pitch) == (1, 579)
    assert height == 2 * pitch + 20
    long_list = PRINT_YAML.replace(
        "copy_to: [县委办公室, 县人大常委会办公室]",
        "copy_to: [县委办公室, 县人大常委会办公室, 县政协办公室, 县委全面依法治县委员会办公室]",
    )
    source.write_text(long_list, encoding="utf-8")
    assert imprint_layout(load_report(source))[0] == 2


def test_variant_option_overrides_the_yaml(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "print.yaml"
    source.write_text(PRINT_YAML, encoding="utf-8")
    assert (
        runner.invoke(app, ["build", str(source), "-f", "docx", "--variant", "web"]).exit_code == 0
    )
    assert "GwLetterhead" not in _entries(tmp_path / "print.docx")["word/document.xml"]


def test_print_variant_is_valid_open_xml(tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    source = tmp_path / "print.yaml"
    source.write_text(PRINT_YAML, encoding="utf-8")
    build(source, None, ("docx",))
    assert [str(e) for e in OpenXmlValidator().validate(tmp_path / "print.docx").errors] == []


@pytest.mark.parametrize(
    ("setting", "expect", "absent"),
    [
        ("  fonts: {body: 仿宋, title: 宋体}\n", 'w:eastAsia="仿宋"', 'w:eastAsia="仿宋_GB2312"'),
        ("  line_spacing: 28\n", 'w:line="560"', 'w:line="579"'),
    ],
)
def test_local_settings(tmp_path: Path, setting: str, expect: str, absent: str) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8") + "output:\n" + setting, encoding="utf-8")
    build(source, None, ("docx",))
    parts = _entries(tmp_path / "r.docx")
    assert expect in parts["word/styles.xml"]
    assert absent not in parts["word/styles.xml"]
    if "line_spacing" in setting:
        assert 'w:linePitch="560"' in parts["word/document.xml"]


def test_bold_level3(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8") + "output:\n  bold_level3: true\n", encoding="utf-8"
    )
    build(source, None, ("docx",))
    styles = _entries(tmp_path / "r.docx")["word/styles.xml"]
    for style_id, bold in (("Heading3", True), ("GwHeading3Run", True), ("Heading2", False)):
        element = re.search(
            rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.DOTALL
        )
        assert element is not None
        assert ("<w:b/>" in element.group()) is bold
