"""The example reproduces the reference report: every sentence verbatim and in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgov_report.pipeline import load_report
from lawgov_report.writers import get_writer

from helpers import (
    EXAMPLE,
    REFERENCE_DIR,
    assert_sentences_in_order,
    docx_paragraphs,
    markdown_paragraphs,
    reference_sentences,
)

SEED = REFERENCE_DIR / "seed-2021-gaoqing-kejiju.txt"
# The lone "2021" line is an extraction artefact; the original's date contradicts its year.
ERRATA = {"\n2021\n": "\n", "2020年1月7日": "2022年1月7日"}

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/reference not present")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return reference_sentences(SEED, ERRATA)


@needs_seed
def test_reference_has_the_page_break_joins(sentences: list[str]) -> None:
    # Sentences the text extraction broke across pages come back whole.
    assert any("领导小组下设办公室，为工作落实提供了组织保障。" in s for s in sentences)
    assert any(s.startswith("一是深化各项改革") for s in sentences)
    assert len(sentences) >= 50


@needs_seed
def test_markdown_has_every_sentence_in_order(sentences: list[str]) -> None:
    markdown = get_writer("md")(load_report(EXAMPLE)).decode("utf-8")
    assert_sentences_in_order(sentences, markdown_paragraphs(markdown))


@needs_seed
def test_docx_has_every_sentence_in_order(sentences: list[str]) -> None:
    data = get_writer("docx")(load_report(EXAMPLE))
    assert_sentences_in_order(sentences, docx_paragraphs(data))


@needs_seed
def test_order_check_catches_a_swap(sentences: list[str]) -> None:
    markdown = get_writer("md")(load_report(EXAMPLE)).decode("utf-8")
    swapped = [sentences[1], sentences[0], *sentences[2:]]
    with pytest.raises(AssertionError, match="out of order"):
        assert_sentences_in_order(swapped, markdown_paragraphs(markdown))


def test_example_path_exists() -> None:
    assert Path(EXAMPLE).is_file()
