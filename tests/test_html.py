"""HTML: the web page and the editor fragment — structure, text, accessibility, round trip."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.importers import import_file
from lawgov_report.pipeline import load_report
from lawgov_report.provenance import State, state_of
from lawgov_report.render.outline import outline
from lawgov_report.source.yaml_writer import commented_yaml
from lawgov_report.writers import get_writer

from helpers import DATA, EXAMPLE, GOLDEN, ROOT, markdown_paragraphs

VALID = sorted((DATA / "valid").glob("*.yaml"))
THEMATIC = DATA / "valid" / "thematic.yaml"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
_HEADING = re.compile(r"h[1-6]")


class _Outline(HTMLParser):
    """Headings (tag, text) and the text of every block, in document order.

    A run-in heading and its paragraph (``div.run-in``, or in the fragment the ``div`` that holds
    a heading) read as one block, as they print as one paragraph; the metadata list is left out.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.blocks: list[str] = []
        self._stack: list[str] = []
        self._text: list[str] = []
        self._heading: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._text.append("\n")
            self._heading.append("\n")
        elif tag not in ("meta", "link"):
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._stack.pop()
        if _HEADING.fullmatch(tag):
            self.headings.append((tag, "".join(self._heading)))
            self._heading = []
        inside_div = "div" in self._stack[1:] or (self._stack[-1:] == ["div"] and tag != "div")
        ends_block = tag in ("p", "div") or bool(_HEADING.fullmatch(tag))
        if ends_block and not inside_div and "dl" not in self._stack:
            text = "".join(self._text).strip()
            if text:
                self.blocks.append(text if self.blocks else text.replace("\n", ""))
            self._text = []
        elif "dl" in self._stack or tag == "dl":
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] not in ("style", "title", "head", "html"):
            self._text.append(data)
            if any(_HEADING.fullmatch(t) for t in self._stack):
                self._heading.append(data)


def _parsed(data: bytes) -> _Outline:
    parser = _Outline()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return parser


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
def test_golden(fmt: str, golden: Callable[[Path, str], None]) -> None:
    suffix = ".html" if fmt == "html" else ".fragment.html"
    golden(GOLDEN / f"seed{suffix}", get_writer(fmt)(load_report(EXAMPLE)).decode("utf-8"))


def test_page_is_standalone_and_accessible_by_construction() -> None:
    page = get_writer("html")(load_report(EXAMPLE)).decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n')
    assert page.count("<h1>") == 1
    assert '<meta charset="utf-8">' in page
    assert "<title>高青县科学技术局2021年度法治政府建设工作报告</title>" in page
    for forbidden in ("<script", "@font-face", "url(", "<link", "@import", "javascript:"):
        assert forbidden not in page
    assert "@media print" in page
    assert '<time datetime="2022-01-07">2022年1月7日</time>' in page


def test_fragment_has_inline_styles_only() -> None:
    fragment = get_writer("html-fragment")(load_report(EXAMPLE)).decode("utf-8")
    assert fragment.startswith('<div lang="zh-CN" style="')
    for forbidden in ("class=", "<style", "<script", "@font-face", "url(", "<html", "<head>"):
        assert forbidden not in fragment
    elements = re.findall(r"<(p|h[1-6]|div|dl)\b([^>]*)>", fragment)
    assert elements
    assert all("style=" in attrs for tag, attrs in elements if tag != "div" or attrs)


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
@pytest.mark.parametrize("source", [EXAMPLE, THEMATIC], ids=["seed", "thematic"])
def test_heading_outline_follows_the_numbering(fmt: str, source: Path) -> None:
    report = load_report(source)
    parsed = _parsed(get_writer(fmt)(report))
    expected = [("h1", "\n".join(report.title_lines))] + [
        (f"h{b.level + 1}", b.marker + b.title) for b in outline(report)
    ]
    assert parsed.headings == expected
    patterns = {
        "h2": "[一二三四五六七八九十]+、",
        "h3": "（[一二三四五六七八九十]+）",
        "h4": r"\d+\.",
        "h5": r"（\d+）",
    }
    for tag, text in parsed.headings[1:]:
        assert re.match(patterns[tag], text), (tag, text)
    if source == THEMATIC:
        assert [t for t, _ in parsed.headings if t in ("h4", "h5")] == ["h4", "h5", "h5", "h4"]
        assert ("h4", "1.整合执法队伍") in parsed.headings
        assert ("h5", "（1）街道层面") in parsed.headings


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
@pytest.mark.parametrize("source", [EXAMPLE, *VALID], ids=lambda p: p.stem)
def test_every_paragraph_of_the_report_in_order(fmt: str, source: Path) -> None:
    """The blocks of the page are the Markdown's paragraphs, in order (the meta list aside)."""
    report = load_report(source)
    blocks = _parsed(get_writer(fmt)(report)).blocks
    markdown = markdown_paragraphs(get_writer("md")(report).decode("utf-8"))
    if report.doc_number:
        markdown.remove(report.doc_number)  # the page shows it in the metadata list
    assert blocks == markdown


def test_publication_date_in_the_metadata_list(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "date: 2022-01-07", "date: 2022-01-07\npublished: 2022-03-20"
    )
    source.write_text(text, encoding="utf-8")
    page = get_writer("html")(load_report(source)).decode("utf-8")
    assert (
        '<div class="meta-published"><dt>发布日期</dt><dd><time datetime="2022-03-20">'
        "2022年3月20日</time></dd></div>"
    ) in page
    assert "发布日期" not in get_writer("html")(load_report(EXAMPLE)).decode("utf-8")


def test_same_bytes_every_run(runner: CliRunner, tmp_path: Path) -> None:
    for out in ("a", "b"):
        args = ["build", str(EXAMPLE), "-o", str(tmp_path / out), "-f", "html,html-fragment"]
        assert runner.invoke(app, args).exit_code == 0
    for name in ("2021.html", "2021.fragment.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        assert state_of(tmp_path / "a" / name) is State.GENERATED


def test_user_text_is_escaped(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "为全县经济高质量发展", "<script>alert(1)</script>&amp;为全县经济高质量发展"
    )
    source.write_text(text, encoding="utf-8")
    page = get_writer("html")(load_report(source)).decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;为全县" in page


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
def test_every_text_colour_has_aa_contrast_on_white(fmt: str) -> None:
    """WCAG 2.1 AA: 4.5:1 for text (the borders, #767676, reach it too)."""
    styled = get_writer(fmt)(load_report(EXAMPLE)).decode("utf-8")
    colours = set(re.findall(r"(?:color|border[a-z-]*):\s*(?:1px solid )?(#[0-9a-f]{6})", styled))
    assert colours >= {"#1a1a1a", "#4d4d4d"}
    for colour in colours:
        ratio = (1.0 + 0.05) / (_relative_luminance(colour) + 0.05)
        assert ratio >= 4.5, (colour, ratio)


def _imported(page: Path, tmp_path: Path) -> Path:
    target = tmp_path / (page.stem + ".yaml")
    data = import_file(page).data
    target.write_text(commented_yaml(data, "test", "lawgov.schema.json"), encoding="utf-8")
    return target


@pytest.mark.parametrize("source", [EXAMPLE, *VALID], ids=lambda p: p.stem)
def test_importing_the_published_page_gives_back_the_report(source: Path, tmp_path: Path) -> None:
    report = load_report(source)
    page = tmp_path / "page.html"
    page.write_bytes(get_writer("html")(report))
    again = load_report(_imported(page, tmp_path))
    assert get_writer("md")(again) == get_writer("md")(report)
    assert get_writer("html")(again) == get_writer("html")(report)
    content = {"output", "print", "lint", "published", "parts", "title"}
    assert again.model_dump(exclude=content) == report.model_dump(exclude=content)
    assert again.title_lines == report.title_lines
    if source == EXAMPLE:  # kinds, run-in items and 一是/二是 points too
        assert again.parts == report.parts


def test_any_other_web_page_is_read_as_text(tmp_path: Path) -> None:
    page = tmp_path / "gov.html"
    page.write_text(
        "<html><head><meta charset='gb2312'><title>网站</title><script>var x = '一、';</script>"
        "<style>p{}</style></head><body><div class='nav'>首页 &gt; 政务公开</div>"
        "<div class='content'><p style='text-align:center'>某县司法局2021年度法治政府建设工作报告</p>"
        "<p>一、主要举措和成效</p><p>（一）强化学习。全年学法12次。</p>"
        "<p>二、存在的不足和原因</p><p>学法形式单一。</p><p>某县司法局<br>2022年1月7日</p>"
        "</div></body></html>",
        encoding="gb18030",
    )
    imported = import_file(page)
    data = imported.data
    assert data["title"] == "某县司法局2021年度法治政府建设工作报告"
    assert [p["title"] for p in data["parts"]] == ["主要举措和成效", "存在的不足和原因"]
    assert data["parts"][0]["items"][0]["title"] == "强化学习。"
    assert (data["organization"], data["date"]) == ("某县司法局", "2022年1月7日")
    assert "var x" not in json.dumps(data, ensure_ascii=False)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_HARNESS = """<script src="{axe}"></script><script>
function report(r) {{ return r.violations.map(function (v) {{
  return {{id: v.id, nodes: v.nodes.map(function (n) {{ return n.target.join(" "); }})}}; }}); }}
axe.run({{exclude: [["#control"]]}}).then(function (page) {{
  axe.run(document.getElementById("control")).then(function (control) {{
    var pre = document.createElement("pre");
    pre.id = "axe-result";
    pre.textContent = JSON.stringify({{page: report(page), control: report(control),
      checked: page.passes.map(function (p) {{ return p.id; }})}});
    document.body.appendChild(pre);
  }});
}});
</script>"""


def _figures_page() -> str:
    """The 2022 figures example with its 附件 table and trend plots (last year beside it)."""
    from lawgov_report.model.settings import RenderOptions
    from lawgov_report.pipeline import check

    checked = check(ROOT / "examples" / "figures" / "2022.yaml")
    report = checked.report
    assert report.figures is not None
    if importlib.util.find_spec("matplotlib") is not None:
        report = report.model_copy(
            update={"figures": report.figures.model_copy(update={"plots": True})}
        )
    options = RenderOptions(previous=checked.previous)
    return get_writer("html")(report, options).decode("utf-8")


@pytest.mark.skipif(
    _chromium() is None or not AXE.is_file(),
    reason="needs chromium (apt-get install chromium) and axe-core (npm install axe-core)",
)
@pytest.mark.parametrize("page_name", ["example", "figures"])
def test_page_passes_axe_in_a_headless_browser(tmp_path: Path, page_name: str) -> None:
    """axe-core's WCAG 2.1 A/AA and best-practice rules in Chromium: no violation.

    A control element with grey-on-white text is checked in the same run and must fail, so
    a harness that silently checks nothing cannot pass. The figures page adds a data table
    and images.
    """
    if page_name == "figures":
        page = _figures_page()
    else:
        page = get_writer("html")(load_report(EXAMPLE)).decode("utf-8")
    control = '<p id="control" style="color:#bbb">对比度不足的文字</p>'
    harness = tmp_path / "axe.html"
    harness.write_text(
        page.replace("</body>", control + _HARNESS.format(axe=AXE.as_uri()) + "</body>"),
        encoding="utf-8",
    )
    chromium = _chromium()
    assert chromium is not None
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--allow-file-access-from-files",
            "--virtual-time-budget=30000",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert result["page"] == []
    assert {"color-contrast", "html-has-lang", "page-has-heading-one", "heading-order"} <= set(
        result["checked"]
    )
    assert [v["id"] for v in result["control"]] == ["color-contrast"]
