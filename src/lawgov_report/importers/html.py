"""Web pages: lawgov's own published page (its markup says what each element is), or any page.

Why: the report a website publishes is often the only copy left of last year's. lawgov's own
page (``lawgov build --format html``, marked by ``<meta name="generator" content="lawgov">``)
is read by its elements — h1 the title, h2–h5 the four heading levels, the run-in headings,
the 发文字号 of the metadata list, 署名 and 成文日期 — so importing it gives back the report.
Any other page is read as text, one line per block element (and per ``<br>``), and left to the
same patterns as text copied from a website. Scripts, styles and the page's head are skipped;
character references are decoded by the standard library's parser (no DTD, no entities).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from .lines import Line, Reading, read_source_text

MAX_BYTES = 20 * 1024 * 1024
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Classes of lawgov's page (templates/report-body.html.j2) → the role hints of ``Line``.
_ROLES = {
    "recipients": "recipients",
    "attachments": "attachment",
    "signature": "signature",
    "date": "date",
}
_SPACES = re.compile(r"[ \t\r\n\f]+")
_EDGES = " \t\u3000\xa0"


class _Element(NamedTuple):
    tag: str
    classes: frozenset[str]
    serial: int  # tells two elements with the same tag and classes apart


class Block(NamedTuple):
    """The text of one block element (up to a ``<br>``), where it starts, and its ancestors."""

    text: str
    line: int
    tag: str
    within: tuple[_Element, ...]  # the open elements, outermost first

    def inside(self, css_class: str) -> _Element | None:
        """The nearest open element with ``css_class``, if any."""
        return next((e for e in reversed(self.within) if css_class in e.classes), None)


class _Blocks(HTMLParser):
    """Collects the text of block elements, with the elements around each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.generator = ""
        self._open: list[_Element] = []
        self._text: list[str] = []
        self._line = 0
        self._skipping = 0
        self._serial = 0

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._text)).strip(_EDGES)
        if text and not self._skipping:
            tag = next((e.tag for e in reversed(self._open) if e.tag in _BLOCK_TAGS), "")
            self.blocks.append(Block(text, self._line, tag, tuple(self._open)))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("name", "").lower() == "generator":
            self.generator = values.get("content", "")
        if tag == "br" or tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID_TAGS:
            return
        self._serial += 1
        self._open.append(_Element(tag, frozenset(values.get("class", "").split()), self._serial))
        self._skipping += tag in _SKIPPED_TAGS

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                closed = self._open[depth:]
                del self._open[depth:]
                self._skipping -= sum(e.tag in _SKIPPED_TAGS for e in closed)
                break

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if not self._text or not "".join(self._text).strip():
            self._line = self.getpos()[0]
        self._text.append(data)

    def close(self) -> None:
        """Flush the text after the last block element."""
        super().close()
        self._flush()


def _level(tag: str) -> int:
    return int(tag[1]) - 1 if re.fullmatch(r"h[2-5]", tag) else 0


def _table(rows: list[tuple[int, list[str]]], line: int) -> Line:
    """A table as one line: its first row as text, its number of rows, its cells."""
    cells = tuple(tuple(row) for _serial, row in rows)
    return Line(" | ".join(cells[0]), line, "table", len(cells), soft=False, rows=cells)


def _own_page(blocks: list[Block]) -> list[Line]:
    """Lines with the roles lawgov's page gives its elements."""
    lines: list[Line] = []
    head: tuple[Block, _Element] | None = None  # a run-in heading waiting for its paragraph
    title: list[Block] = []
    table: list[tuple[int, list[str]]] = []  # the figures table's rows: (tr serial, cells)
    table_line = 0
    for block in blocks:
        run_in = block.inside("run-in")
        if head is not None and (run_in is None or run_in.serial != head[1].serial):
            lines.append(Line("", head[0].line, "run_in", _level(head[0].tag), head[0].text))
            head = None
        if block.tag == "h1":
            title.append(block)
            continue
        if title:
            lines.append(Line("\n".join(b.text for b in title), title[0].line, "title"))
            title = []
        if block.inside("figures") is not None:
            # the figures attachment: its mark and title as lines, its table as one line with
            # its cells (``attachment`` reads it back as figures:, not as report text)
            row = next((e for e in reversed(block.within) if e.tag == "tr"), None)
            if row is None:
                lines.append(Line(block.text, block.line))
            elif table and table[-1][0] == row.serial:
                table[-1][1].append(block.text)
            else:
                if not table:
                    table_line = block.line
                table.append((row.serial, [block.text]))
            continue
        if table:
            lines.append(_table(table, table_line))
            table = []
        if block.inside("meta") is not None:
            if block.inside("meta-doc-number") is not None and block.tag == "dd":
                lines.append(Line(block.text, block.line, "doc_number"))
            continue
        if run_in is not None and _level(block.tag):
            head = (block, run_in)
        elif run_in is not None and head is not None:
            lines.append(
                Line(block.text, head[0].line, "run_in", _level(head[0].tag), head[0].text)
            )
            head = None
        elif _level(block.tag):
            lines.append(Line(block.text, block.line, "heading", _level(block.tag)))
        else:
            hint = next((h for c, h in _ROLES.items() if block.inside(c) is not None), "")
            lines.append(Line(block.text, block.line, hint))
    if table:
        lines.append(_table(table, table_line))
    if head is not None:
        lines.append(Line("", head[0].line, "run_in", _level(head[0].tag), head[0].text))
    if title:
        lines.append(Line("\n".join(b.text for b in title), title[0].line, "title"))
    return lines


def read(path: Path, display: str) -> Reading:
    """The page's lines: with roles for lawgov's own page, as plain text for any other."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_source_text reports what is wrong with the path
    if size > MAX_BYTES:
        raise ReportError(
            [
                Diagnostic(
                    SourceLocation(display),
                    Severity.ERROR,
                    "LG601",
                    _("the page is larger than {size} MiB; not imported").format(
                        size=MAX_BYTES // (1024 * 1024)
                    ),
                )
            ]
        )
    warnings: list[Diagnostic] = []  # bytes the decoder could not read, named
    parser = _Blocks()
    parser.feed(read_source_text(path, display, warnings))
    parser.close()
    if parser.generator.split()[:1] == ["lawgov"]:
        return Reading(_own_page(parser.blocks), warnings)
    return Reading([Line(block.text, block.line) for block in parser.blocks], warnings)
