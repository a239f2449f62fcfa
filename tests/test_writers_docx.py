"""The .docx read back: page setup, grid, fonts, styles, footers, text, validity, determinism."""

from __future__ import annotations

import importlib.util
import io
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from lawgov_report.pipeline import load_report
from lawgov_report.writers import get_writer
from lawgov_report.writers.docx.placement import (
    rendered_width,
    signature_indents,
    signature_layout,
    text_width,
)

from helpers import EXAMPLE, ROOT, docx_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERENCE = ROOT / "templates" / "reference.docx"
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def built() -> bytes:
    return get_writer("docx")(load_report(EXAMPLE))


def part(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read(name))


def attr(element: ET.Element | None, name: str) -> str | None:
    assert element is not None
    return element.get(f"{W}{name}")


def styles_by_id(data: bytes) -> dict[str, ET.Element]:
    return {attr(s, "styleId") or "": s for s in part(data, "word/styles.xml").iter(f"{W}style")}


def test_page_setup_and_grid(built: bytes) -> None:
    sect = part(built, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert sect is not None
    size, margins, grid = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar"), sect.find(f"{W}docGrid")
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert {k: attr(margins, k) for k in ("top", "bottom", "left", "right", "gutter")} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1588",
        "right": "1474",
        "gutter": "0",
    }
    assert (attr(grid, "type"), attr(grid, "linePitch"), attr(grid, "charSpace")) == (
        "lines",
        "579",
        None,
    )


def test_body_style_is_fangsong_sanhao_on_the_grid(built: bytes) -> None:
    normal = styles_by_id(built)["Normal"]
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert attr(fonts, "eastAsia") == "仿宋_GB2312"
    assert attr(normal.find(f"{W}rPr/{W}sz"), "val") == "32"
    assert attr(normal.find(f"{W}rPr/{W}spacing"), "val") == "-5"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
    assert attr(normal.find(f"{W}pPr/{W}ind"), "firstLineChars") == "200"
    assert attr(normal.find(f"{W}pPr/{W}widowControl"), "val") == "0"
    assert attr(normal.find(f"{W}pPr/{W}jc"), "val") == "both"


@pytest.mark.parametrize(
    ("style_id", "name", "font", "outline"),
    [
        ("Heading1", "heading 1", "黑体", "0"),
        ("Heading2", "heading 2", "楷体_GB2312", "1"),
        ("Heading3", "heading 3", "仿宋_GB2312", "2"),
        ("Heading4", "heading 4", "仿宋_GB2312", "3"),
    ],
)
def test_heading_styles(built: bytes, style_id: str, name: str, font: str, outline: str) -> None:
    style = styles_by_id(built)[style_id]
    assert attr(style.find(f"{W}name"), "val") == name
    assert attr(style.find(f"{W}rPr/{W}rFonts"), "eastAsia") == font
    assert attr(style.find(f"{W}rPr/{W}b"), "val") == "0"
    assert attr(style.find(f"{W}rPr/{W}color"), "val") == "000000"
    assert attr(style.find(f"{W}pPr/{W}outlineLvl"), "val") == outline


def test_title_lines_break_inside_one_paragraph(built: bytes) -> None:
    body = part(built, "word/document.xml").find(f"{W}body")
    assert body is not None
    title = next(
        p for p in body.iter(f"{W}p") if attr(p.find(f"{W}pPr/{W}pStyle"), "val") == "Title"
    )
    pieces = [
        ("br" if r.find(f"{W}br") is not None else r.findtext(f"{W}t")) for r in title.iter(f"{W}r")
    ]
    assert pieces == ["高青县科学技术局2021年度", "br", "法治政府建设工作报告"]


def test_title_style(built: bytes) -> None:
    title = styles_by_id(built)["Title"]
    assert attr(title.find(f"{W}rPr/{W}rFonts"), "eastAsia") == "方正小标宋简体"
    assert attr(title.find(f"{W}rPr/{W}sz"), "val") == "44"
    assert attr(title.find(f"{W}pPr/{W}jc"), "val") == "center"
    assert attr(title.find(f"{W}pPr/{W}snapToGrid"), "val") == "0"


@pytest.mark.parametrize("data_name", ["built", "reference"])
def test_every_font_is_explicit_east_asian_and_never_a_theme(built: bytes, data_name: str) -> None:
    data = built if data_name == "built" else REFERENCE.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "theme" not in name:
                for fonts in ET.fromstring(archive.read(name)).iter(f"{W}rFonts"):
                    assert not any(attr(fonts, a) for a in THEME_ATTRS), name
    defaults = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert attr(defaults, "eastAsia") == "仿宋_GB2312"
    for style_id, style in styles_by_id(data).items():
        if attr(style, "type") in ("paragraph", "character") and style_id != "DefaultParagraphFont":
            assert attr(style.find(f"{W}rPr/{W}rFonts"), "eastAsia"), style_id
    lang = part(data, "word/settings.xml").find(f"{W}themeFontLang")
    assert attr(lang, "eastAsia") == "zh-CN"


def test_paragraph_styles_follow_the_outline(built: bytes) -> None:
    body = part(built, "word/document.xml").find(f"{W}body")
    assert body is not None
    styled = []
    for p in body.iter(f"{W}p"):
        style = (
            attr(p.find(f"{W}pPr/{W}pStyle"), "val")
            if p.find(f"{W}pPr/{W}pStyle") is not None
            else None
        )
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        styled.append((style, text))
    headings = [(s, t) for s, t in styled if s and s.startswith("Heading")]
    assert headings == [
        ("Heading1", "一、法治政府建设的主要举措和成效"),
        ("Heading1", "二、存在的主要问题"),
        ("Heading1", "三、下一步工作措施"),
    ]
    assert styled[0] == ("GwDocNumber", "高科字〔2022〕1号")
    assert ("Title", "高青县科学技术局2021年度法治政府建设工作报告") in styled
    assert styled[-2:] == [("GwSignature", "高青县科学技术局"), ("GwDate", "2022年1月7日")]


def test_run_in_heading_is_one_paragraph_with_a_kaiti_run(built: bytes) -> None:
    body = part(built, "word/document.xml").find(f"{W}body")
    assert body is not None
    for p in body.iter(f"{W}p"):
        runs = p.findall(f"{W}r")
        if runs and "".join(t.text or "" for t in runs[0].iter(f"{W}t")).startswith("（一）强队伍"):
            assert attr(runs[0].find(f"{W}rPr/{W}rStyle"), "val") == "GwHeading2Run"
            assert runs[1].find(f"{W}rPr/{W}rStyle") is None
            assert "".join(t.text or "" for t in runs[1].iter(f"{W}t")).startswith(
                "县科技局高度重视"
            )
            break
    else:
        pytest.fail("run-in heading not found")
    assert (
        attr(styles_by_id(built)["GwHeading2Run"].find(f"{W}rPr/{W}rFonts"), "eastAsia")
        == "楷体_GB2312"
    )


def test_odd_and_even_footers_hold_page_fields(built: bytes) -> None:
    assert part(built, "word/settings.xml").find(f"{W}evenAndOddHeaders") is not None
    sect = part(built, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert sect is not None
    rels = part(built, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {
        attr(ref, "type"): targets[
            ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        ]
        for ref in sect.findall(f"{W}footerReference")
    }
    assert set(refs) == {"default", "even"}
    for kind, align, cached in (("default", "right", "1"), ("even", "left", "2")):
        footer = part(built, f"word/{refs[kind]}")
        texts = [t.text for t in footer.iter(f"{W}t")]
        assert texts == ["— ", cached, " —"]
        assert "PAGE" in "".join(i.text or "" for i in footer.iter(f"{W}instrText"))
        assert attr(footer.find(f"{W}p/{W}pPr/{W}jc"), "val") == align
        fonts = footer.find(f"{W}p/{W}r/{W}rPr/{W}rFonts")
        assert (attr(fonts, "ascii"), attr(fonts, "eastAsia")) == ("宋体", "宋体")
        assert attr(footer.find(f"{W}p/{W}r/{W}rPr/{W}sz"), "val") == "28"


def test_signature_block_indents(built: bytes) -> None:
    body = part(built, "word/document.xml").find(f"{W}body")
    assert body is not None
    paragraphs = body.findall(f"{W}p")
    sig, date = paragraphs[-2].find(f"{W}pPr"), paragraphs[-1].find(f"{W}pPr")
    # 高青县科学技术局 is 8 字 (8 × 315 twips drawn), 右空二字; the date starts 2 字 further right.
    width = 11906 - 1588 - 1474
    start = width - 640 - 8 * 315
    for ppr, left in ((sig, start), (date, start + 640)):
        assert attr(ppr.find(f"{W}jc"), "val") == "left"  # type: ignore[union-attr]
        ind = ppr.find(f"{W}ind")  # type: ignore[union-attr]
        assert (attr(ind, "left"), attr(ind, "leftChars"), attr(ind, "firstLineChars")) == (
            str(left),
            "0",
            "0",
        )


def test_signature_layout_is_relative_to_the_signature() -> None:
    sig, date = signature_layout("平安县人民政府办公室", "2024年3月1日")
    assert date.left - sig.left == 640
    assert sig.left + rendered_width("平安县人民政府办公室") == 8844 - 640
    # A date longer than the 署名 stands 2 字 from the margin; the 署名 keeps the 2-字 offset.
    sig, date = signature_layout("局", "2024年12月15日")
    assert date.left - sig.left == 640
    assert date.left + rendered_width("2024年12月15日") == 8844 - 640
    # Sealed: both centred on the same point, the date's right edge 4 字 from the margin.
    sig, date = signature_layout("高青县科学技术局", "2022年1月7日", sealed=True)
    assert sig == date
    assert sig.jc == "center"
    centre = (sig.left + 8844 - sig.right) / 2
    assert abs(centre + rendered_width("2022年1月7日") / 2 - (8844 - 4 * 320)) <= 1


def test_signature_indents_follow_gbt9704_examples() -> None:
    assert text_width("2024年3月1日") == 6
    assert signature_indents("平安县人民政府办公室", "2024年3月1日") == (2, 4)
    assert signature_indents("高新区科技局", "2024年1月15日") == (4.5, 2)


def test_sealed_signature_centres_the_body_over_a_date_four_characters_in() -> None:
    # 7.3.5.1: date 右空四字; 署名 centred over the date.
    assert signature_indents("平安县人民政府办公室", "2024年3月1日", sealed=True) == (2, 4)
    assert signature_indents("高青县科学技术局", "2022年1月7日", sealed=True) == (3, 4)
    assert signature_indents("局", "2022年1月7日", sealed=True) == (6.5, 4)


def test_sealed_build_leaves_two_lines_for_the_seal(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8") + "output:\n  seal: true\n", encoding="utf-8"
    )
    body = part(get_writer("docx")(load_report(source)), "word/document.xml").find(f"{W}body")
    assert body is not None
    paragraphs = body.findall(f"{W}p")
    assert ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs[-4:]] == [
        "",
        "",
        "高青县科学技术局",
        "2022年1月7日",
    ]
    assert attr(paragraphs[-1].find(f"{W}pPr/{W}jc"), "val") == "center"
    assert attr(paragraphs[-2].find(f"{W}pPr/{W}jc"), "val") == "center"


def test_text_is_literal_in_word(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    tricky = '甲 & 乙 < 丙 > 丁 "戊" 《己》“庚” </w:t><w:b/> {{ 7*7 }}'
    source.write_text(
        "organization: 单位\nyear: 2021\ndate: 2022-01-07\n"
        f"parts:\n  - kind: measures\n    title: 标题\n    paragraphs:\n      - '{tricky}'\n",
        encoding="utf-8",
    )
    paragraphs = docx_paragraphs(get_writer("docx")(load_report(source)))
    assert tricky in paragraphs


def test_core_properties(built: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    core = part(built, "docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    assert (
        core.findtext("dc:title", namespaces=ns) == "高青县科学技术局2021年度法治政府建设工作报告"
    )
    assert core.findtext("dc:creator", namespaces=ns) == "高青县科学技术局"
    assert core.findtext("dcterms:created", namespaces=ns) == "2022-01-07T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = get_writer("docx")(load_report(EXAMPLE))
    assert (
        part(again, "docProps/core.xml").findtext("dcterms:modified", namespaces=ns)
        == "2023-11-14T22:13:20Z"
    )


def test_no_thumbnail_and_fixed_zip_entries(built: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(built)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert not any("thumbnail" in i.filename or "stylesWithEffects" in i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_two_builds_seconds_apart_are_identical(built: bytes) -> None:
    time.sleep(2.1)  # a zip timestamp has a two-second resolution
    assert get_writer("docx")(load_report(EXAMPLE)) == built


def test_reference_document_regenerates_identically() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "scripts" / "make_reference_docx.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == REFERENCE.read_bytes(), "run python scripts/make_reference_docx.py"


@pytest.mark.parametrize("data_name", ["built", "reference"])
def test_open_xml_validator_finds_nothing(built: bytes, data_name: str, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    path = tmp_path / "x.docx"
    path.write_bytes(built if data_name == "built" else REFERENCE.read_bytes())
    result = OpenXmlValidator().validate(path)
    assert [str(e) for e in result.errors] == []
