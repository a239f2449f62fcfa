"""Helpers the tests share: paths, and readers that turn each output back into paragraphs."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
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


_LIMITED = """\
import resource, sys
limit = int(sys.argv[1]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["lawgov", *sys.argv[2:]]
from lawgov_report.cli.app import main
main()
"""


def run_lawgov(
    args: list[str],
    cwd: Path,
    memory_mb: int = 1024,
    timeout: float = 30,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``lawgov ARGS`` in a fresh process with at most ``memory_mb`` of address space.

    For hostile inputs: a bomb that gets past lawgov's limits fails in that process (as a
    MemoryError the test then sees), never by swapping the machine that runs the tests.
    Messages are in English unless ``env`` says otherwise.
    """
    environment = {**os.environ, "LAWGOV_LANG": "en", "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", _LIMITED, str(memory_mb), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


_EXCERPT = re.compile(r"^  [ \d]* \| .*\n", re.M)


def without_excerpts(stderr: str) -> str:
    """Diagnostics without the source lines (and carets) the console shows under each one."""
    return _EXCERPT.sub("", stderr)
