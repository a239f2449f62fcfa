"""Helpers the tests share: paths, and readers that turn each output back into paragraphs."""

from __future__ import annotations

import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
EXAMPLE = ROOT / "examples" / "2021.yaml"
REFERENCE_DIR = ROOT.parent / "shared" / "reference"


def markdown_paragraphs(markdown: str) -> list[str]:
    """The text of each rendered block of a Markdown document, as a reader would see it."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    texts: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            else:
                assert child.type.endswith(("_open", "_close")), child.type
        texts.append("".join(parts))
    return texts


def docx_paragraphs(data: bytes) -> list[str]:
    """The text of each body paragraph of a .docx, read back with python-docx."""
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


_TERMINAL = "。；：！？"
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def reference_sentences(path: Path, replacements: dict[str, str] | None = None) -> list[str]:
    """The sentences of a reference report, in order.

    The text extraction of the original broke some sentences across lines (page breaks); a line
    that does not end a sentence and is followed by body text is joined with the next one.
    Markdown heading marks and blank lines are dropped; ``replacements`` fixes known errata.
    """
    text = path.read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        text = text.replace(old, new)
    lines = [
        line.strip().lstrip("#").strip().replace("\u3000", "")
        for line in text.splitlines()
        if line.strip() and not line.startswith("# source:")
    ]
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        can_join = (
            previous
            and not previous.endswith(tuple(_TERMINAL))
            and not re.match(r"^[一二三四五六七八九十]+、", previous)
            and not re.match(r"^[一二三四五六七八九十]+、|^（|^一是", line)
            and not _DATE_LINE.match(line)
            and not re.search(r"〔\d{4}〕\d+号$", previous)
        )
        if can_join:
            joined[-1] = previous + line
        else:
            joined.append(line)
    sentences: list[str] = []
    for line in joined:
        sentences.extend(s for s in re.split(r"(?<=。)", line) if s)
    return sentences


def assert_sentences_in_order(sentences: list[str], paragraphs: list[str]) -> None:
    """Every sentence appears verbatim inside one paragraph, in the original order."""
    index, position = 0, 0
    for sentence in sentences:
        while index < len(paragraphs):
            found = paragraphs[index].find(sentence, position)
            if found >= 0:
                position = found + len(sentence)
                break
            index, position = index + 1, 0
        else:
            raise AssertionError(f"sentence missing or out of order: {sentence!r}")
