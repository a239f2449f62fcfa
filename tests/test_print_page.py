"""XML facts of the printed page: Word's mode, properties, indents, keeps, the 版记's anchoring.

What LibreOffice shows is measured in ``test_layout_libreoffice``; these are the facts Word and
WPS read from the XML, read here with the standard library's parser (independent of lawgov's
own readers).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from lawgov_report.pipeline import build

from helpers import EXAMPLE, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PRINT_EXAMPLE = ROOT / "examples" / "print-2021.yaml"
SIDES = ("left", "right", "firstLine", "hanging", "start", "end")


def _variants(tmp_path: Path) -> dict[str, Path]:
    """Every kind of .docx lawgov writes: web, print, sealed print, attachments, long title."""
    printed = yaml.safe_load(PRINT_EXAMPLE.read_text(encoding="utf-8"))
    sealed = {**printed, "output": {"variant": "print", "seal": True}}
    attachments = {**printed, "attachments": ["2021年度学法计划", "普法责任清单"]}
    long_title = {k: v for k, v in printed.items() if k != "title"}
    long_title["organization"] = "深圳市光明区人民政府"

    def dump(data: dict[str, Any]) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    sources = {
        "web": EXAMPLE.read_text(encoding="utf-8"),
        "print": PRINT_EXAMPLE.read_text(encoding="utf-8"),
        "sealed": dump(sealed),
        "attachments": dump(attachments),
        "long-title": dump(long_title),
    }
    built = {}
    for name, yaml_text in sources.items():
        source = tmp_path / f"{name}.yaml"
        source.write_text(yaml_text, encoding="utf-8")
        build(source, tmp_path, ("docx",))
        built[name] = tmp_path / f"{name}.docx"
    return built


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _variants(tmp_path_factory.mktemp("variants"))


def _part(path: Path, name: str) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read(name))


def _body(path: Path) -> ET.Element:
    body = _part(path, "word/document.xml").find(f"{W}body")
    assert body is not None
    return body


def _style(p: ET.Element) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return "" if style is None else style.get(f"{W}val", "")


@pytest.mark.parametrize(
    "name", ["web", "print", "sealed", "attachments", "long-title", "reference"]
)
def test_open_xml_validator_finds_nothing(variants: dict[str, Path], name: str) -> None:
    from openxml_audit import OpenXmlValidator

    path = ROOT / "templates" / "reference.docx" if name == "reference" else variants[name]
    assert [str(e) for e in OpenXmlValidator().validate(path).errors] == []


def test_word_opens_it_in_its_current_mode(variants: dict[str, Path]) -> None:
    settings = _part(variants["print"], "word/settings.xml")
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_app_properties_claim_no_statistics(variants: dict[str, Path]) -> None:
    app = _part(variants["print"], "docProps/app.xml")
    names = {child.tag.split("}")[1] for child in app}
    assert not names & {"Pages", "Words", "Characters", "Lines", "Paragraphs", "Template"}
    assert not names & {"AppVersion", "CharactersWithSpaces", "TotalTime"}


def test_document_language_is_chinese(variants: dict[str, Path]) -> None:
    lang = _part(variants["print"], "word/styles.xml").find(
        f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"
    )
    assert lang is not None
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("zh-CN", "zh-CN")


@pytest.mark.parametrize("name", ["web", "print", "sealed", "attachments"])
def test_every_indent_zeroes_its_character_units(variants: dict[str, Path], name: str) -> None:
    """An indent in twips without its ``*Chars`` twin inherits Normal's firstLineChars=200.

    In Word and WPS a ``*Chars`` value overrides the twips one, so every ``w:ind`` that sets a
    side in twips also sets that side's ``*Chars`` (zero unless meant), and a hanging indent
    cancels the inherited first-line characters.
    """
    missing = []
    for part in ("word/styles.xml", "word/document.xml"):
        for ind in _part(variants[name], part).iter(f"{W}ind"):
            attrs = {k.removeprefix(W) for k in ind.attrib}
            for side in SIDES:
                if side in attrs and f"{side}Chars" not in attrs:
                    missing.append((part, side, dict(ind.attrib)))
            if "hanging" in attrs and "firstLineChars" not in attrs:
                missing.append((part, "firstLineChars", dict(ind.attrib)))
    assert missing == []


def test_copy_to_and_printed_by_styles_have_no_first_line_indent(
    variants: dict[str, Path],
) -> None:
    styles = {
        s.get(f"{W}styleId"): s
        for s in _part(variants["print"], "word/styles.xml").iter(f"{W}style")
    }
    for style_id in ("GwCopyTo", "GwPrintedBy"):
        ind = styles[style_id].find(f"{W}pPr/{W}ind")
        assert ind is not None
        assert ind.get(f"{W}firstLineChars") == "0"
        assert ind.get(f"{W}leftChars") == "0"


def test_the_imprint_is_the_last_thing_anchored_after_the_date(variants: dict[str, Path]) -> None:
    paragraphs = _body(variants["print"]).findall(f"{W}p")
    assert [_style(p) for p in paragraphs[-3:]] == ["GwSignature", "GwDate", "GwImprintAnchor"]
    anchor = paragraphs[-1].find(f"{W}r/{W}drawing/{WP}anchor")
    assert anchor is not None
    assert anchor.get("layoutInCell") == "0"
    horizontal, vertical = anchor.find(f"{WP}positionH"), anchor.find(f"{WP}positionV")
    assert horizontal is not None
    assert vertical is not None
    assert (horizontal.get("relativeFrom"), horizontal.findtext(f"{WP}align")) == (
        "margin",
        "center",
    )
    assert (vertical.get("relativeFrom"), vertical.findtext(f"{WP}align")) == ("margin", "bottom")
    extent = anchor.find(f"{WP}extent")
    assert extent is not None
    assert extent.get("cx") == str((11906 - 1588 - 1474) * 635)  # the 版心's width in EMU
    # Text stored once, in the DrawingML text box (no mc:AlternateContent, no VML copy).
    xml = ET.tostring(paragraphs[-1], encoding="unicode")
    assert xml.count("txbxContent") == 2  # the open and the close tag
    assert "AlternateContent" not in xml
    assert "v:textbox" not in xml


def _spacing(p: ET.Element, styles: dict[str, ET.Element], name: str) -> int:
    """A paragraph's spacing attribute in twips: its own, else its style's, else Normal's."""
    for element in (p, styles.get(_style(p)), styles["Normal"]):
        spacing = None if element is None else element.find(f"{W}pPr/{W}spacing")
        if spacing is not None and spacing.get(f"{W}{name}") is not None:
            return int(spacing.get(f"{W}{name}", "0"))
    return 0


def _border(p: ET.Element, styles: dict[str, ET.Element]) -> int:
    """What a paragraph's bottom border adds to its height in twips: its space and its width."""
    for element in (p, styles.get(_style(p))):
        bottom = None if element is None else element.find(f"{W}pPr/{W}pBdr/{W}bottom")
        if bottom is not None:
            return int(bottom.get(f"{W}space", "0")) * 20 + int(bottom.get(f"{W}sz", "0")) * 20 // 8
    return 0


LONG_LETTERHEAD = "新疆维吾尔自治区伊犁哈萨克自治州人民政府文件"  # 22 × 27 pt: two lines of 442 pt


@pytest.mark.parametrize(
    ("line_spacing", "signer", "letterhead"),
    [
        (28.95, True, None),
        (28.95, False, None),
        (28.0, True, None),
        (28.0, False, None),
        (29.5, True, None),
        (28.95, True, LONG_LETTERHEAD),
        (28.0, False, LONG_LETTERHEAD),
    ],
)
def test_the_letterhead_takes_whole_lines_of_the_grid(
    tmp_path: Path, line_spacing: float, signer: bool, letterhead: str | None
) -> None:
    """Word's arithmetic: every paragraph has an exact line height (the grid adds nothing to it,
    ECMA-376 17.3.1.33), a border adds its space and width, so the 版头 — 发文机关标志, blank
    lines, 发文字号 with the red rule, blank line — must sum to whole lines of ``linePitch`` or
    page 1 holds a line fewer than 22 (at 28.95 pt it was 0.45 pt over ten lines).
    The lengths GB/T 9704 fixes stay: 35 mm to the 标志, the rule 4 pt under the 文号, and the
    title about two lines under the rule. A 标志 too long for one line takes two 45 pt lines
    (LibreOffice, checked by eye: the body of such a page 1 stays on the grid).
    """
    data = yaml.safe_load(PRINT_EXAMPLE.read_text(encoding="utf-8"))
    data["output"]["line_spacing"] = line_spacing
    if not signer:
        del data["print"]["signer"]
    if letterhead:
        data["print"]["letterhead"] = letterhead
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(source, tmp_path, ("docx",))
    docx = tmp_path / "r.docx"
    styles = {s.get(f"{W}styleId", ""): s for s in _part(docx, "word/styles.xml").iter(f"{W}style")}
    grid = _part(docx, "word/document.xml").find(f".//{W}sectPr/{W}docGrid")
    assert grid is not None
    pitch = int(grid.get(f"{W}linePitch", "0"))
    assert pitch == round(line_spacing * 20)
    paragraphs = _body(docx).findall(f"{W}p")
    head = paragraphs[: [_style(p) for p in paragraphs].index("Title")]
    assert [_style(p) for p in head] == [
        "GwLetterhead",
        "Normal",
        "Normal",
        "GwDocNumberPrint",
        "Normal",
    ]
    heights = [
        _spacing(p, styles, "before")
        + (2 if letterhead and p is head[0] else 1) * _spacing(p, styles, "line")
        + _border(p, styles)
        + _spacing(p, styles, "after")
        for p in head
    ]
    assert sum(heights) % pitch == 0, heights
    mark, number = head[0], head[3]
    line = _spacing(mark, styles, "line")
    assert _spacing(mark, styles, "before") + (line - 720) // 2 == 1984  # 35 mm
    assert _border(number, styles) == 4 * 20 + 30  # 4 pt, then a 1.5 pt rule
    below_rule = _spacing(number, styles, "after") + heights[4]
    assert abs(below_rule - 2 * pitch) <= pitch // 2  # 空二行 before the title


def test_web_version_has_no_imprint(variants: dict[str, Path]) -> None:
    paragraphs = _body(variants["web"]).findall(f"{W}p")
    assert _style(paragraphs[-1]) == "GwDate"
    assert not list(_body(variants["web"]).iter(f"{WP}anchor"))


@pytest.mark.parametrize("name", ["print", "attachments"])
def test_signature_block_keeps_with_the_last_body_lines(
    variants: dict[str, Path], name: str
) -> None:
    """From the paragraph before 特此报告 to the date every paragraph keeps with the next.

    The date too: it keeps with the 1-pt paragraph after it that anchors the 版记's text box,
    so the 版记 is on the page of the date, and the signature block with both.
    """
    paragraphs = _body(variants[name]).findall(f"{W}p")
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
    closing = texts.index("特此报告。")
    date = next(i for i, p in enumerate(paragraphs) if _style(p) == "GwDate")
    assert _style(paragraphs[date + 1]) == "GwImprintAnchor"
    for i in range(closing - 1, date + 1):
        assert paragraphs[i].find(f"{W}pPr/{W}keepNext") is not None, texts[i]
    # The last body paragraphs keep at least two of their lines together.
    for i in (closing - 1, closing):
        assert paragraphs[i].find(f"{W}pPr/{W}widowControl") is not None


def test_long_default_title_is_broken_between_words(variants: dict[str, Path]) -> None:
    title = next(p for p in _body(variants["long-title"]).findall(f"{W}p") if _style(p) == "Title")
    pieces = [
        "br" if r.find(f"{W}br") is not None else "".join(t.text or "" for t in r.iter(f"{W}t"))
        for r in title.findall(f"{W}r")
    ]
    assert pieces == ["深圳市光明区人民政府", "br", "2021年度法治政府建设工作报告"]


def test_docx_bytes_are_deterministic(variants: dict[str, Path], tmp_path: Path) -> None:
    again = _variants(tmp_path)
    for name, path in variants.items():
        assert again[name].read_bytes() == path.read_bytes(), name


def test_the_package_opens_as_a_zip(variants: dict[str, Path]) -> None:
    for path in variants.values():
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            assert archive.testzip() is None
