"""The report body flattened to numbered blocks in reading order: what the templates render.

Why flatten: both writers need the same walk — parts, items, sub-items, （1） items, each with
its generated number and its paragraphs' text (一是/二是 joined in). Doing it once in Python
keeps the templates to simple loops (no recursive macros, which are Jinja's costly operation)
and guarantees the Markdown and the Word document number everything the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..model.report import Heading, Paragraph, Part, Report
from .numbering import heading_marker, join_points


class Block(NamedTuple):
    """One numbered heading and the text of its paragraphs."""

    level: int  # 1 一、  2 （一）  3 1.  4 （1）
    marker: str  # the generated number, e.g. "（二）"
    title: str
    run_in: bool  # heading and first paragraph share one paragraph
    texts: list[str]  # each paragraph as printed


def paragraph_texts(paragraphs: list[Paragraph]) -> list[str]:
    """Each paragraph as printed: lead, numbered points, tail."""
    return [join_points(p.text, p.points, p.after) for p in paragraphs]


def _blocks(level: int, n: int, heading: Heading | Part) -> Iterator[Block]:
    run_in = level > 1 and bool(getattr(heading, "run_in", False))
    yield Block(
        level, heading_marker(level, n), heading.title, run_in, paragraph_texts(heading.paragraphs)
    )
    for i, child in enumerate(getattr(heading, "items", []), start=1):
        yield from _blocks(level + 1, i, child)


_last: tuple[Report, list[Block]] | None = None


def outline(report: Report) -> list[Block]:
    """Every part and item of the body, numbered, in reading order.

    Both writers render the same report one after the other; the last outline is kept (with
    its report, so the identity check cannot be fooled by a reused id) to build it once.
    """
    global _last
    if _last is not None and _last[0] is report:
        return _last[1]
    blocks = [
        block for i, part in enumerate(report.parts, start=1) for block in _blocks(1, i, part)
    ]
    _last = (report, blocks)
    return blocks
