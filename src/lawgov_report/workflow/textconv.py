"""The text of any .docx in a stable Markdown-like form, for ``git diff`` (textconv).

Why: a .docx is a zip, so ``git diff`` shows nothing useful; with ``*.docx diff=lawgov`` in
.gitattributes and this as the textconv, reviewers see which sentences changed. It reads any
Word file, not only ours, as Word shows it: headings (Word's heading styles, ``标题 N``, or an
outline level) become ``#`` lines, table rows become ``| a | b |`` lines, text boxes follow the
paragraph they are anchored in (once, though Word saves them twice), automatic numbers are
written out, tracked changes are shown accepted, and every other paragraph is one line.

The 版记 of lawgov's paper version (抄送, 印发) is shown once, after the date, where it is
printed — whatever its place in the XML (a floating table or a text box anchored in the last
paragraph).

git runs this once per file version it shows, so it reads the package with lxml alone
(``ooxml.reading``): no python-docx, no pydantic, no Jinja.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from ..ooxml.reading import Paragraph, read_word_file

_IMPRINT_STYLES = {"gw 抄送机关", "gw 印发机关和印发日期"}
_BLANKS = " \t\u3000\xa0"


def _text(paragraph: Paragraph) -> str:
    """What Word shows: the automatic number, then the text.

    Typed indents and tab stops at either end of a line do not count: a diff of them would
    show nothing to read.
    """
    label = paragraph.label
    prefix = label.text if label is not None and label.fmt != "bullet" else ""
    lines = (prefix + paragraph.text).split("\n")
    return "\n".join(line.strip(_BLANKS) for line in lines)


def _line(paragraph: Paragraph) -> str | None:
    text = _text(paragraph)
    if not text.strip():
        return None
    if paragraph.heading < 0:
        return text
    return "#" * (paragraph.heading + 1) + " " + text.replace("\n", "")


def _row(cells: list[Paragraph]) -> str:
    texts = []
    for _, paragraphs in groupby(cells, key=lambda p: p.cell):
        texts.append(" ".join(_text(p).replace("\n", " ") for p in paragraphs if _text(p).strip()))
    return "| " + " | ".join(texts) + " |"


def textconv(path: Path) -> str:
    """Paragraphs, tables and text boxes of the document body in reading order, one line each."""
    document = read_word_file(path, str(path))
    lines: list[str] = []
    imprint: list[str] = []
    paragraphs = document.paragraphs
    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        if paragraph.where != "table":
            line = _line(paragraph)
            if line is not None:
                (imprint if paragraph.style in _IMPRINT_STYLES else lines).append(line)
            i += 1
            continue
        table = paragraph.table
        end = i
        while end < len(paragraphs) and paragraphs[end].table == table:
            end += 1
        cells = paragraphs[i:end]
        if all(p.style in _IMPRINT_STYLES or not p.text.strip() for p in cells):
            imprint.extend(line for p in cells if (line := _line(p)) is not None)
        else:
            for _, row in groupby(cells, key=lambda p: p.row):
                lines.append(_row(list(row)))
        i = end
    lines.extend(imprint)
    return "\n".join(lines) + ("\n" if lines else "")
