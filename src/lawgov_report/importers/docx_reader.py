"""Word files: lawgov's own output (its styles say what each paragraph is) or anyone's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..ooxml.reading import open_document
from .lines import Line

# Paragraph style names (lower case, as Word compares them) → the role they give a paragraph.
_ROLES = {
    "title": "title",
    "gw 发文字号": "doc_number",
    "gw 发文字号（版头）": "doc_number",
    "gw 主送机关": "recipients",
    "gw 发文机关署名": "signature",
    "gw 成文日期": "date",
    "gw 附件说明": "attachment",
}
_SKIP = {"gw 发文机关标志"}  # the red letterhead repeats the issuing body
_RUN_IN = {"gw 二级标题（段内）": 2, "gw 三级标题（段内）": 3, "gw 四级标题（段内）": 4}


def _style_name(style: Any) -> str:
    return str(getattr(style, "name", "") or "").strip().lower()


def _heading_level(style: Any) -> int:
    while style is not None:
        name = _style_name(style)
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        style = style.base_style
    return 0


def _line(paragraph: Any, number: int) -> Line | None:
    text = paragraph.text.strip(" \t\u3000\xa0")
    if not text:
        return None
    name = _style_name(paragraph.style)
    if name in _SKIP:
        return None
    if name in _ROLES:
        role = _ROLES[name]
        if role == "doc_number" and "签发人" in text:
            text = text.split("签发人")[0].strip(" \t\u3000")
        return Line(text, number, role)
    level = _heading_level(paragraph.style)
    if 1 <= level <= 4:
        return Line(text, number, "heading", level)
    runs = paragraph.runs
    first = runs[0] if runs else None
    run_in_level = (
        _RUN_IN.get(_style_name(first.style))
        if first is not None and first.style is not None
        else None
    )
    if run_in_level:
        head = "".join(
            r.text
            for r in runs
            if r.style is not None and _RUN_IN.get(_style_name(r.style)) == run_in_level
        )
        return Line(text[len(head) :], number, "run_in", run_in_level, head)
    return Line(text, number)


def read(path: Path, display: str) -> list[Line]:
    """Body paragraphs in order (tables, headers and footers are not report text)."""
    document = open_document(path, display)
    lines = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        line = _line(paragraph, number)
        if line is not None:
            lines.append(line)
    return lines
