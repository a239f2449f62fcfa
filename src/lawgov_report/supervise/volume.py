"""The compiled volume (汇编): every unit's report re-rendered from its model into one document.

Why re-render and not merge Word files: the units' .docx files differ in styles, numbering and
section settings, and merging them is where 汇编 go wrong by hand; the models render through
the same body template as ``lawgov build``, so every report in the volume looks as its own
build does, and the volume is deterministic (same reports, same bytes). The 目录's page numbers
come from ``pagination`` (each report from a new odd page; continuous `— N —` numbering), so no
field needs updating in Word, WPS or a printed PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Diagnostic, LawgovError, Severity
from ..model.figures import Figure, figures_of
from ..model.roster import Roster
from ..pipeline import CheckOptions
from .collect import FIVE_ITEMS, covered_kinds, in_order, load_any
from .roster import UnitFiles
from .status import TERMINAL_RATES

TEMPLATE = "supervise/volume.docx.xml.j2"  # not exported: the volume uses the built-ins
FIVE_ITEM_HEADERS = ("举措成效", "第一责任人", "不足原因", "下年安排", "其他")
SUMMARY_WIDTHS = (600, 3224, 700, 700, 700, 700, 700, 440, 440, 640)
PAGE_COLUMN = 900  # twips: the 目录's page-number column
BLANK_FOOTER_ID = "rIdLawgovBlankFooter"
BLANK_FOOTER_PART = "word/footer-blank.xml"
_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.DOTALL)


class Rendered(NamedTuple):
    """One unit's part of the volume (small and picklable: workers render in parallel)."""

    position: int
    source: str
    diagnostics: list[Diagnostic]
    title: str
    body: str  # WordprocessingML paragraphs; "" when the report could not be read
    markdown: str
    pages: int
    kinds: frozenset[str]
    errors: int
    warnings: int
    date: dt.date | None
    figures: tuple[Figure, ...] = ()  # the catalogue's figures the report gives
    organization: str = ""  # the report's 署名, checked against the roster
    year: int | None = None  # the report's year, checked against the volume's

    @property
    def readable(self) -> bool:
        """Whether the report could be read (and so is in the volume)."""
        return bool(self.body)


class RenderJob(NamedTuple):
    """Everything a worker needs to render one unit (picklable)."""

    files: UnitFiles
    options: CheckOptions


def _frame() -> tuple[dict[str, bytes], bytes, int, int]:
    """The reference package, its styles, and the text area's width and height in twips."""
    from ..writers.docx.writer import default_reference

    reference = default_reference()
    document = reference["word/document.xml"].decode("utf-8")
    sect = _SECT.findall(document)[-1]
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', sect)
    margins = re.search(
        r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', sect
    )
    assert size, "the built-in reference document has no page size"
    assert margins, "the built-in reference document has no margins"
    width = int(size.group(1)) - int(margins.group(2)) - int(margins.group(4))
    height = int(size.group(2)) - int(margins.group(1)) - int(margins.group(3))
    return reference, reference["word/styles.xml"], width, height


def render_one(job: RenderJob) -> Rendered:
    """Read one unit's report and render its body, its Markdown and its page count."""
    from ..model.settings import RenderOptions
    from ..render.figures import substitute
    from ..writers.docx.writer import render_body
    from ..writers.markdown import render_text
    from .pagination import count_pages

    files = job.files
    if files.report is None:
        return Rendered(files.position, "", [], "", "", "", 0, frozenset(), 0, 0, None)
    source = str(files.report)
    try:
        loaded = load_any(files.report, job.options)
    except LawgovError as exc:
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        return Rendered(
            files.position, source, exc.diagnostics, "", "", "", 0, frozenset(), errors, 0, None
        )
    report = substitute(loaded.report)  # figure references printed as in a build
    options = RenderOptions()  # the volume is the web variant with the built-in templates
    body = render_body(report, options)
    _reference, styles, width, height = _frame()
    findings = [*loaded.import_warnings, *loaded.findings]
    return Rendered(
        position=files.position,
        source=source,
        diagnostics=findings,
        title=report.full_title,
        body=body,
        markdown=render_text(report, options),
        pages=count_pages(body, styles, width, height),
        kinds=frozenset(str(k) for k in covered_kinds(report)),
        errors=sum(d.severity is Severity.ERROR for d in loaded.findings),
        warnings=sum(d.severity is Severity.WARNING for d in loaded.findings),
        date=report.date,
        figures=tuple(f for f in figures_of(report) if f.catalogue),
        organization=report.organization,
        year=report.year,
    )


def run(
    jobs: list[RenderJob], workers: int = 1, advance: Callable[[Rendered], None] | None = None
) -> Iterator[Rendered]:
    """Every unit rendered, in roster order, in parallel when ``workers`` > 1."""
    return in_order(render_one, jobs, workers, advance, max_chunk=16)


def next_odd(page: int) -> int:
    """The first odd page number at or after ``page``."""
    return page if page % 2 else page + 1


class Layout(NamedTuple):
    """Where everything starts: the 目录, each included report (by roster index), the table."""

    contents_start: int
    starts: dict[int, int]
    summary_start: int


def plan(contents_pages: int, parts: list[Rendered]) -> Layout:
    """Page numbers: cover on page 1, 目录 from page 3, then each report from an odd page."""
    contents_start = 3
    page = next_odd(contents_start + contents_pages)
    starts: dict[int, int] = {}
    for part in parts:
        if not part.readable:
            continue
        starts[part.position] = page
        page = next_odd(page + part.pages)
    return Layout(contents_start, starts, page)


def _section(kind: str, footer_odd: str, footer_even: str, page_setup: str) -> str:
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{footer_odd}"/>'
        f'<w:footerReference w:type="even" r:id="{footer_even}"/>'
        f'<w:type w:val="{kind}"/>{page_setup}</w:sectPr>'
    )


def attach_section(body: str, section: str) -> str:
    """Make ``body``'s last paragraph end the section (no empty paragraph, which could add a page)."""
    start = max(body.rfind("<w:p>"), body.rfind("<w:p "))
    if start < 0 or body.rstrip().endswith("</w:tbl>"):
        return body + f"<w:p><w:pPr>{section}</w:pPr></w:p>"
    head_end = body.index(">", start) + 1
    if body.startswith("<w:pPr>", head_end):
        close = body.index("</w:pPr>", head_end)
        return body[:close] + section + body[close:]
    return body[:head_end] + f"<w:pPr>{section}</w:pPr>" + body[head_end:]


def _page_setup(reference: dict[str, bytes]) -> str:
    sect = _SECT.findall(reference["word/document.xml"].decode("utf-8"))[-1]
    pieces = [
        m.group()
        for tag in ("pgSz", "pgMar", "cols", "docGrid")
        if (m := re.search(rf"<w:{tag}\b[^>]*/>", sect))
    ]
    return "".join(pieces)


def _footer_ids(reference: dict[str, bytes]) -> tuple[str, str]:
    sect = _SECT.findall(reference["word/document.xml"].decode("utf-8"))[-1]
    odd = re.search(r'<w:footerReference w:type="default" r:id="([^"]+)"', sect)
    even = re.search(r'<w:footerReference w:type="even" r:id="([^"]+)"', sect)
    assert odd, "the built-in reference document has no odd-page footer"
    assert even, "the built-in reference document has no even-page footer"
    return odd.group(1), even.group(1)


class Volume(NamedTuple):
    """The compiled volume in both forms, and where each report starts."""

    docx: bytes
    markdown: bytes
    layout: Layout


def _title_lines(title: str) -> list[str]:
    """The cover title in lines of at most 16 characters, broken after 年度 where it helps."""
    if len(title) <= 16:
        return [title]
    cut = title.find("年度") + 2 if "年度" in title else 0
    if 4 <= cut <= 16 and len(title) - cut <= 16:
        return [title[:cut], title[cut:]]
    return [title[i : i + 16] for i in range(0, len(title), 16)]


def compile_volume(
    roster: Roster, year: int, parts: list[Rendered], title: str | None, date: dt.date | None
) -> Volume:
    """The volume's .docx and .md bytes from every unit's rendered part (roster order)."""
    from ..ooxml.package import write_package
    from ..provenance import stamp_docx_entries, stamp_markdown
    from ..render.environment import render as render_template
    from ..render.numbering import official_date
    from ..writers.docx.writer import core_xml
    from .pagination import section_pages

    reference, styles, width, height = _frame()
    page_setup = _page_setup(reference)
    odd_footer, even_footer = _footer_ids(reference)
    volume_title = title or roster.title or f"{year}年度法治政府建设年度报告汇编"
    dates = [p.date for p in parts if p.date is not None]
    volume_date = date or roster.date or (max(dates) if dates else dt.date(year + 1, 4, 1))
    blank = _section("nextPage", BLANK_FOOTER_ID, BLANK_FOOTER_ID, page_setup)
    numbered = _section("oddPage", odd_footer, even_footer, page_setup)
    included = [p for p in parts if p.readable]

    def context(layout: Layout) -> dict[str, Any]:
        return {
            "title_lines": _title_lines(volume_title),
            "cover_blank_lines": 5,
            "cover_gap_lines": 9,
            "office": roster.office,
            "date_text": official_date(volume_date.year, volume_date.month, volume_date.day),
            "sections": {
                "cover": blank,
                "contents": _section("oddPage", BLANK_FOOTER_ID, BLANK_FOOTER_ID, page_setup),
            },
            "contents_widths": (width - PAGE_COLUMN, PAGE_COLUMN),
            "contents": [
                {"title": p.title, "page": str(layout.starts.get(p.position, ""))} for p in included
            ]
            + [{"title": "汇总表", "page": str(layout.summary_start)}],
            "reports": [{"body": attach_section(p.body, numbered)} for p in included],
            "summary_title": "汇总表",
            "summary_widths": SUMMARY_WIDTHS,
            "summary_headers": ("序号", "单位", *FIVE_ITEM_HEADERS, "错误", "警告", "页码"),
            "summary_rows": _summary_rows(roster, parts, layout),
            "summary_note": "注：√ 有该项内容，× 缺少该项内容；错误、警告为 lawgov check 的检查结果。",
            "figure_headers": ("序号", "单位", *TERMINAL_RATES),
            "figure_widths": FIGURE_WIDTHS,
            "figure_rows": figure_summary(roster, parts),
        }

    # The 目录's length does not depend on its page numbers: lay out the cover and the 目录
    # (without the reports) with placeholders first.
    front = {**context(Layout(3, {}, 0)), "reports": []}
    cover_pages, contents_pages, *_rest = section_pages(
        render_template(TEMPLATE, front), styles, width, height
    )
    if cover_pages != 1:
        raise AssertionError(f"the cover takes {cover_pages} pages")
    layout = plan(contents_pages, included)
    body = render_template(TEMPLATE, context(layout))
    entries = dict(reference)
    document = entries["word/document.xml"].decode("utf-8")
    head = document[: document.index("<w:body>") + len("<w:body>")]
    entries["word/document.xml"] = (head + body + numbered + "</w:body></w:document>").encode()
    entries.update(_blank_footer(entries))
    entries["docProps/core.xml"] = core_xml(volume_title, roster.office, volume_date)
    docx = write_package(stamp_docx_entries(entries))
    markdown = stamp_markdown(_markdown(volume_title, roster, parts, layout, volume_date))
    return Volume(docx, markdown.encode("utf-8"), layout)


FIGURE_WIDTHS = (600, sum(SUMMARY_WIDTHS) - 600 - 3 * 1600, 1600, 1600, 1600)


def figure_summary(roster: Roster, parts: list[Rendered]) -> list[list[str]]:
    """Units × the three rates reviewers compare, then 合计 (none when no unit gives figures)."""
    from ..model.figures import totals
    from ..render.figures import display

    given = [{f.key: f for f in part.figures} for part in parts]
    if not any(given):
        return []

    def cells(known: dict[str, Figure]) -> list[str]:
        return [display(known[key], 1) if key in known else "" for key in TERMINAL_RATES]

    rows = [
        [str(n), unit.name, *cells(known)]
        for n, (unit, known) in enumerate(zip(roster.units, given, strict=True), start=1)
    ]
    rows.append(["", "合计", *cells(totals([known for known in given if known]))])
    return rows


def _summary_rows(roster: Roster, parts: list[Rendered], layout: Layout) -> list[list[str]]:
    """One row per unit; a missing or unreadable unit has its state in the first item column."""
    rows = []
    for n, (unit, part) in enumerate(zip(roster.units, parts, strict=True), start=1):
        if part.readable:
            marks = ["√" if str(kind) in part.kinds else "×" for kind in FIVE_ITEMS]
            rows.append(
                [
                    str(n),
                    unit.name,
                    *marks,
                    str(part.errors),
                    str(part.warnings),
                    str(layout.starts.get(part.position, "")),
                ]
            )
        else:
            state = "无法读取" if part.source else "未报送"
            rows.append([str(n), unit.name, state, "", "", "", "", "", "", ""])
    return rows


def _blank_footer(entries: dict[str, bytes]) -> dict[str, bytes]:
    """A footer with no page number, for the cover and the 目录."""
    footer = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'
    )
    rels = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="'
        + BLANK_FOOTER_ID.encode()
        + b'" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"'
        b' Target="footer-blank.xml"/></Relationships>',
    )
    types = entries["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footer-blank.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>',
    )
    return {
        BLANK_FOOTER_PART: footer,
        "word/_rels/document.xml.rels": rels,
        "[Content_Types].xml": types,
    }


def _shift_headings(markdown: str) -> str:
    """One level down: the volume's title is ``#``, each report's title ``##``."""
    return "\n".join(
        ("#" + line) if line.startswith("#") else line for line in markdown.split("\n")
    )


def _markdown(
    title: str, roster: Roster, parts: list[Rendered], layout: Layout, date: dt.date
) -> str:
    from ..render.markdown_escape import inline, line
    from ..render.numbering import official_date

    out = [
        f"# {line(title)}",
        "",
        line(roster.office),
        "",
        official_date(date.year, date.month, date.day),
        "",
    ]
    out += ["## 目录", ""]
    for n, part in enumerate(p for p in parts if p.readable):
        out.append(f"{n + 1}. {inline(part.title)}（第{layout.starts[part.position]}页）")
    out.append(f"{sum(p.readable for p in parts) + 1}. 汇总表（第{layout.summary_start}页）")
    out.append("")
    for part in parts:
        if part.readable:
            out += ["---", "", _shift_headings(part.markdown).rstrip("\n"), ""]
    out += ["---", "", "## 汇总表", ""]
    headers = ("序号", "单位", *FIVE_ITEM_HEADERS, "错误", "警告", "页码")
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _h in headers) + "|")
    for row in _summary_rows(roster, parts, layout):
        out.append("| " + " | ".join(inline(cell).replace("|", "\\|") for cell in row) + " |")
    out += ["", "注：√ 有该项内容，× 缺少该项内容；错误、警告为 lawgov check 的检查结果。"]
    figure_rows = figure_summary(roster, parts)
    if figure_rows:
        rate_headers = ("序号", "单位", *TERMINAL_RATES)
        out += [
            "",
            "| " + " | ".join(rate_headers) + " |",
            "|" + "|".join("---" for _h in rate_headers) + "|",
        ]
        for row in figure_rows:
            out.append("| " + " | ".join(inline(c).replace("|", "\\|") for c in row) + " |")
    return "\n".join(out) + "\n"


def write_targets(output: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """The files a compile writes: ``-o 汇编.docx`` and ``汇编.md`` beside it."""
    stem = output.with_suffix("") if output.suffix.lower() in (".docx", ".md") else output
    return {fmt: stem.with_name(stem.name + "." + fmt) for fmt in formats}
