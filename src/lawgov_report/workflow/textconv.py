"""The text of any .docx in a stable Markdown-like form, for ``git diff`` (textconv).

Why: a .docx is a zip, so ``git diff`` shows nothing useful; with ``*.docx diff=lawgov`` in
.gitattributes and this as the textconv, reviewers see which sentences changed. It reads any
Word file, not only ours: headings (Word's built-in heading styles, or an outline level) become
``#`` lines, table rows become ``| a | b |`` lines, every other paragraph is one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..ooxml.reading import open_document

_HEADING = re.compile(r"^heading (\d)$", re.IGNORECASE)


def _level(paragraph: Any) -> int:
    """0 for the title, 1–9 for headings, -1 for body text."""
    style = paragraph.style
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 0
        match = _HEADING.match(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return -1


def textconv(path: Path) -> str:
    """Paragraphs and tables of the document body in order, one line each."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = open_document(path, str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            if not text.strip():
                continue
            level = _level(block)
            lines.append(text if level < 0 else "#" * (level + 1) + " " + text.replace("\n", ""))
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append(
                    "| " + " | ".join(cell.text.replace("\n", " ") for cell in row.cells) + " |"
                )
    return "\n".join(lines) + ("\n" if lines else "")
