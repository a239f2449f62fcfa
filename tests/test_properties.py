"""Properties over generated input: nothing the user writes is lost, nothing crashes."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.model.figures import REFERENCE
from lawgov_report.pipeline import load_report
from lawgov_report.writers import get_writer

from helpers import EXAMPLE, docx_paragraphs, markdown_paragraphs

# Chinese text, its punctuation, ASCII, and everything Markdown, HTML, XML or Jinja might read as
# markup; spaces and tabs too, also at the ends of a text.
ALPHABET = (
    "法治政府建设年度报告县科技局一二三是（）《》“”‘’、，。；：！？…—·　"
    + string.ascii_letters
    + string.digits
    + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t"
)
# A key in braces ({x}) cites a figure, so it is not literal text: left out here (test_figures).
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(
    lambda t: t.strip() != "" and not REFERENCE.search(t)
)
paragraphs = st.one_of(
    texts,
    st.fixed_dictionaries(
        {"points": st.lists(texts, min_size=1, max_size=3)},
        optional={"text": texts, "after": texts},
    ),
)
items = st.fixed_dictionaries(
    {"title": texts},
    optional={"run_in": st.booleans(), "paragraphs": st.lists(paragraphs, max_size=2)},
)
parts = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["measures", "problems", "plans", "thematic"]),
        "title": texts,
    },
    optional={"paragraphs": st.lists(paragraphs, max_size=2), "items": st.lists(items, max_size=3)},
)
reports = st.fixed_dictionaries(
    {
        "organization": texts,
        "year": st.integers(2000, 2099),
        "date": st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat()),
        "parts": st.lists(parts, min_size=1, max_size=3),
    },
    optional={
        "title": st.one_of(texts, st.lists(texts, min_size=1, max_size=2)),
        "doc_number": texts,
        "recipients": texts,
        "opening": st.lists(paragraphs, max_size=2),
        "closing": texts,
        "attachments": st.lists(texts, max_size=2),
    },
)


def _fragments(value: Any, key: str = "") -> list[str]:
    """Every text the user wrote (not the year, date, kinds or flags)."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _fragments(v, k)]
    if isinstance(value, list):
        return [f for v in value for f in _fragments(v, key)]
    if isinstance(value, str) and key not in ("kind", "date"):
        return [value]
    return []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=reports)
def test_every_text_survives_into_both_outputs(data: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = load_report(source)
    markdown = "\n\n".join(markdown_paragraphs(get_writer("md")(report).decode("utf-8")))
    # A title is printed on several lines (w:br) when it is long; its text is the lines joined.
    word = "\n\n".join(p.replace("\n", "") for p in docx_paragraphs(get_writer("docx")(report)))
    for fragment in _fragments(data):
        assert fragment in markdown, fragment
        assert fragment in word, fragment


EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
edits = st.lists(
    st.tuples(
        st.integers(0, len(EXAMPLE_TEXT)),
        st.integers(0, 8),
        st.text(alphabet=ALPHABET + "\n\r\x00\x01\ufeff&*!|>-:[]{}", max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=edits)
def test_check_never_crashes_on_mutated_yaml(
    changes: list[tuple[int, int, str]], tmp_path: Path
) -> None:
    text = EXAMPLE_TEXT
    for at, cut, insert in changes:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    source = tmp_path / "m.yaml"
    source.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    result = CliRunner().invoke(app, ["check", str(source)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


MARKUP = [
    "{{ 7*7 }}",
    "{% raw %}",
    "**x**",
    "# 标题",
    "| a | b |",
    "<b>粗</b>",
    "&amp; &",
    "</w:t><w:b/>",
]


def test_markup_looking_text_is_literal_in_both_outputs(tmp_path: Path) -> None:
    data = {
        "organization": "单位",
        "year": 2021,
        "date": "2022-01-07",
        "parts": [{"kind": "measures", "title": "标题", "paragraphs": MARKUP}],
    }
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = load_report(source)
    markdown = markdown_paragraphs(get_writer("md")(report).decode("utf-8"))
    word = docx_paragraphs(get_writer("docx")(report))
    for text in MARKUP:
        assert text in markdown
        assert text in word
