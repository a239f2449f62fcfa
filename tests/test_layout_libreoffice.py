"""The printed page, measured: built .docx files converted by LibreOffice and read from the PDF.

LibreOffice is what many government Linux desktops and 国产 office suites use, and the one
renderer CI can run. Text positions come from ``pdftotext -bbox-layout``; the red 版头 rule and
the 版记's rules from the page raster (``pdf_layout``). All documents are converted in one
LibreOffice run. What is checked is what a reviewer in the 办公室 looks at first:

- the web example: 28 characters a line, 22 lines a page, page numbers (GBT9704.md §2, §4.4);
- the paper version (``examples/print-2021.yaml``), its sealed form and a 7-page paper report
  whose last page is tight: the 版记 follows the 成文日期 on the last page with its last rule
  on the 版心's bottom edge; no page holds the signature block without body text above it; the
  red rule spans the 版心, with a 签发人 and without; the date stands 2 字 right of the 署名
  (sealed: 署名 centred over it); page 1, under its 版头, holds as many lines as any full page;
- a long default title: broken between words, lines as ``break_title`` chose them.
"""

from __future__ import annotations

import collections
import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from lawgov_report.pipeline import build, load_report
from lawgov_report.render.title import break_title

from helpers import DATA, EXAMPLE, ROOT
from pdf_layout import TEXT_BOTTOM, Line, convert, rules, text_lines

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None
    or shutil.which("pdftotext") is None
    or shutil.which("pdftoppm") is None,
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm)",
)

PRINT_EXAMPLE = ROOT / "examples" / "print-2021.yaml"
ZI = 16 * 25.4 / 72  # one 三号 字 in mm
COPY_TO = ["县委办公室", "县人大常委会办公室", "县政协办公室", "县委全面依法治县委员会办公室"]
COPY_TO += ["市科学技术局", "县司法局"]


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _sources(directory: Path) -> dict[str, Path]:
    """The reports to render: the examples, the sealed form, a 7-page paper report, a long title."""
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    printed = yaml.safe_load(PRINT_EXAMPLE.read_text(encoding="utf-8"))
    guangming = yaml.safe_load((DATA / "valid" / "guangming.yaml").read_text(encoding="utf-8"))
    sealed = copy.deepcopy(printed)
    sealed["output"]["seal"] = True
    # The seed's report and one 光明区 part, sent on paper with six 抄送 bodies: seven pages, and
    # the body ends three lines above where the 版记 begins — where a signature is easily
    # pushed on to a page of its own.
    long = copy.deepcopy(example)
    long["parts"] = example["parts"] + guangming["parts"][:1]
    # One more opening line: with the 版头 on the line grid, page 1 holds its 22nd line, and
    # this line keeps the rest of the report on the pages where it tests the signature block.
    long["opening"] = example["opening"] + ["现将有关情况报告如下："]
    long["output"] = {"variant": "print"}
    long["print"] = dict(printed["print"], copy_to=COPY_TO)
    long_title = {k: v for k, v in guangming.items() if k != "title"}
    # A 下行文-style paper version: no 签发人, so the 发文字号 is centred with nothing beside it.
    unsigned = copy.deepcopy(printed)
    del unsigned["print"]["signer"]
    texts = {
        "web": EXAMPLE.read_text(encoding="utf-8"),
        "print": PRINT_EXAMPLE.read_text(encoding="utf-8"),
        "sealed": _yaml(sealed),
        "long": _yaml(long),
        "unsigned": _yaml(unsigned),
        "title": _yaml(long_title),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = directory / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


class Rendered:
    """One built report and its LibreOffice PDF, measured."""

    def __init__(self, source: Path, pdf: Path) -> None:
        self.report = load_report(source)
        self.pdf = pdf
        self.pages = text_lines(pdf)

    def find(self, text: str, exact: bool = False) -> tuple[int, Line]:
        """The page (0-based) and the last line that starts with ``text`` (or is it)."""
        found = [
            (n, line)
            for n, page in enumerate(self.pages)
            for line in page
            if (line.text == text if exact else line.text.startswith(text))
        ]
        assert found, f"{text!r} not found in {self.pdf.name}"
        return found[-1]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("layout")
    sources = _sources(out)
    for source in sources.values():
        build(source, out, ("docx",))
    convert([out / f"{name}.docx" for name in sources], out)
    return {name: Rendered(source, out / f"{name}.pdf") for name, source in sources.items()}


# ---------------------------------------------------------------- the grid (web example)


LINE_MM = 28.95 * 25.4 / 72  # one line of the grid


def _lines(page: list[Line]) -> list[Line]:
    """A page's lines without its page number."""
    return [line for line in page if not line.text.startswith("—")]


def _body(page: list[Line]) -> list[str]:
    return [line.text for line in _lines(page)]


def _cjk_only(line: str) -> bool:
    return all(ord(ch) >= 0x2000 for ch in line)


def _grid_length(line: str) -> int:
    """Characters on the grid: a closing mark may hang past the last cell (标点悬挂)."""
    return (
        len(line) - 1
        if line.endswith(tuple("，。、；：？！”’）》")) and len(line) > 28
        else len(line)
    )


def test_full_lines_hold_28_characters(rendered: dict[str, Rendered]) -> None:
    pages = rendered["web"].pages
    lengths = collections.Counter(
        _grid_length(text) for page in pages for text in _body(page) if _cjk_only(text)
    )
    assert max(lengths) == 28
    assert lengths.most_common(1)[0][0] == 28


def test_full_pages_hold_22_lines(rendered: dict[str, Rendered]) -> None:
    pages = rendered["web"].pages
    assert len(pages) >= 3
    for page in pages[1:-1]:
        assert len(_body(page)) == 22


def test_footers_number_the_pages(rendered: dict[str, Rendered]) -> None:
    footers = [
        line.text for page in rendered["web"].pages for line in page if line.text.startswith("—")
    ]
    assert footers == [f"—{n}—" for n in range(1, len(footers) + 1)]


# ---------------------------------------------------------------- the paper version

PAPER = ["print", "sealed", "long"]


def test_the_long_report_has_seven_pages(rendered: dict[str, Rendered]) -> None:
    assert len(rendered["long"].pages) == 7


@pytest.mark.parametrize("name", PAPER)
def test_imprint_follows_the_date_on_the_last_page(
    rendered: dict[str, Rendered], name: str
) -> None:
    doc = rendered[name]
    last = len(doc.pages) - 1
    date_page, date = doc.find("2022年1月7日", exact=True)
    copy_page, copy_to = doc.find("抄送：")
    printed_page, printed = doc.find(doc.report.print.printed_by or "")
    assert date_page == copy_page == printed_page == last
    assert date.bottom < copy_to.top < printed.top
    # Nothing of the 版记 is lost: every 抄送 body and the 印发 line are on the page.
    imprint = "".join(line.text for line in doc.pages[last] if line.top >= copy_to.top)
    for body in doc.report.print.copy_to:
        assert body in imprint
    assert "2022年1月7日印发" in imprint


@pytest.mark.parametrize("name", PAPER)
def test_imprint_rules_span_the_text_area_and_end_on_its_bottom_edge(
    rendered: dict[str, Rendered], name: str
) -> None:
    doc = rendered[name]
    found = [r for r in rules(doc.pdf, len(doc.pages)) if r.colour == "black"]
    assert len(found) == 3  # above 抄送, between, below 印发
    for rule in found:
        assert abs(rule.width - 156) <= 1
    assert abs(found[-1].y - TEXT_BOTTOM) <= 2
    _, copy_to = doc.find("抄送：")
    _, printed = doc.find(doc.report.print.printed_by or "")
    assert found[0].y < copy_to.top < found[1].y < printed.top < found[2].y


@pytest.mark.parametrize("name", PAPER)
def test_no_page_holds_the_signature_block_alone(rendered: dict[str, Rendered], name: str) -> None:
    doc = rendered[name]
    page, signature = doc.find(doc.report.organization, exact=True)
    above = [
        line
        for line in doc.pages[page]
        if line.bottom <= signature.top and not line.text.startswith("—")
    ]
    # At least the last two lines of body text stand above the 署名 on its page.
    assert len(above) >= 2, [line.text for line in doc.pages[page]]


@pytest.mark.parametrize("name", [*PAPER, "unsigned"])
def test_red_rule_spans_the_text_area(rendered: dict[str, Rendered], name: str) -> None:
    doc = rendered[name]
    red = [r for r in rules(doc.pdf, 1) if r.colour == "red"]
    assert len(red) == 1
    assert abs(red[0].width - 156) <= 1
    assert abs(red[0].left - 28) <= 1
    _, number = doc.find(doc.report.doc_number or "")
    assert number.bottom < red[0].y  # below the 发文字号 and 签发人 line


def test_page_one_under_the_letterhead_fills_the_text_area(rendered: dict[str, Rendered]) -> None:
    """The 版头 takes whole lines of the grid, so page 1 loses no body line to it.

    The long paper report's body runs on past page 1, so page 1's last line is the grid's last
    (22nd) line, as on the full page 2: it ends within one line of the 版心's bottom edge and
    level with page 2's last line. When the 版头 ended 0.16 mm past a grid line (its 45 pt 标志
    line and the red rule's border), page 1 ended one line short, at 251.1 mm.
    """
    doc = rendered["long"]
    first, second = (_lines(page) for page in doc.pages[:2])
    assert len(second) == 22
    assert TEXT_BOTTOM - first[-1].bottom < LINE_MM
    assert abs(first[-1].bottom - second[-1].bottom) <= 0.3


@pytest.mark.parametrize("name", ["print", "long"])
def test_unsealed_date_starts_two_characters_right_of_the_signature(
    rendered: dict[str, Rendered], name: str
) -> None:
    doc = rendered[name]
    _, signature = doc.find(doc.report.organization, exact=True)
    _, date = doc.find("2022年1月7日", exact=True)
    assert abs((date.left - signature.left) / ZI - 2) <= 0.3


def test_sealed_signature_is_centred_over_the_date(rendered: dict[str, Rendered]) -> None:
    doc = rendered["sealed"]
    _, signature = doc.find(doc.report.organization, exact=True)
    _, date = doc.find("2022年1月7日", exact=True)
    assert abs(signature.centre - date.centre) <= 1
    # 右空四字: exact in Word; LibreOffice widens the date by about 1 字 of digit/汉字 gaps, and
    # the centring gives half of that to each side.
    assert 3.3 <= (210 - 26 - date.right) / ZI <= 4.1


# ---------------------------------------------------------------- the title


def test_long_default_title_prints_on_the_lines_chosen(rendered: dict[str, Rendered]) -> None:
    doc = rendered["title"]
    expected = break_title(doc.report.full_title, doc.report.organization)
    assert expected == ["深圳市光明区人民政府", "2021年度法治政府建设工作报告"]
    title = [line.text for line in doc.pages[0] if line.height > 8]  # 二号 lines (22 pt)
    assert title == expected
