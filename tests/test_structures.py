"""Every report structure the model must express validates and renders (golden Markdown)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lawgov_report.model.report import PartKind
from lawgov_report.pipeline import load_report
from lawgov_report.writers import get_writer

from helpers import DATA, EXAMPLE, GOLDEN, docx_paragraphs, markdown_paragraphs

STRUCTURES = {
    "seed": EXAMPLE,
    "guangming": DATA / "valid" / "guangming.yaml",
    "thematic": DATA / "valid" / "thematic.yaml",
    "five-items": DATA / "valid" / "five-items.yaml",
    "responsibility-first": DATA / "valid" / "responsibility-first.yaml",
}


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_markdown_matches_golden(name: str, golden: Callable[[Path, str], None]) -> None:
    report = load_report(STRUCTURES[name])
    golden(GOLDEN / f"{name}.md", get_writer("md")(report).decode("utf-8"))


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_both_outputs_hold_the_same_paragraphs(name: str) -> None:
    report = load_report(STRUCTURES[name])
    markdown = markdown_paragraphs(get_writer("md")(report).decode("utf-8"))
    # Word breaks the title's lines inside one paragraph; Markdown keeps the title on one
    # line and puts the attachment names in one paragraph with line breaks.
    word = [p.replace("\n", "") for p in docx_paragraphs(get_writer("docx")(report)) if p]
    assert [p for m in markdown for p in m.split("\n")] == word


def test_seed_shape() -> None:
    report = load_report(EXAMPLE)
    assert [p.kind for p in report.parts] == [PartKind.MEASURES, PartKind.PROBLEMS, PartKind.PLANS]
    assert len(report.parts[0].items) == 6
    assert all(item.run_in for item in report.parts[0].items)
    assert len(report.parts[2].items) == 5
    assert len(report.parts[2].items[4].paragraphs[0].points) == 2


def test_thematic_has_nine_parts_and_four_levels() -> None:
    report = load_report(STRUCTURES["thematic"])
    assert len(report.parts) == 9
    assert report.parts[-1].kind is PartKind.PLANS
    assert PartKind.PROBLEMS not in {p.kind for p in report.parts}
    markdown = get_writer("md")(report).decode("utf-8")
    for line in ("## 九、2020年工作安排", "#### 1.整合执法队伍", "##### （1）街道层面"):
        assert line in markdown.splitlines()
    assert "（2）区级层面区级保留五支专业执法队伍。" in markdown


def test_five_items_in_order() -> None:
    report = load_report(STRUCTURES["five-items"])
    assert [p.kind.value for p in report.parts] == [
        "measures",
        "problems",
        "responsibility",
        "plans",
        "other",
    ]


def test_responsibility_first() -> None:
    report = load_report(STRUCTURES["responsibility-first"])
    assert report.parts[0].kind is PartKind.RESPONSIBILITY
