"""What lint rules are made of: the rule record, the texts they read, the options that pick them.

Why a module of its own: the rules live in two modules (whole-document checks and per-text
checks) and the engine in a third; all three share these types without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..errors import Severity
from ..model.report import Heading, Paragraph, Report
from ..source.loader import KeyPath


class At(NamedTuple):
    """A place inside a text, for findings about one word of it: key path, text, offset."""

    key_path: KeyPath
    text: str
    offset: int


class Key(NamedTuple):
    """A finding about a section as a whole (what it lacks): located at its key, not its value.

    ``print:`` followed by ``copy_to:`` on the next line is a mapping whose value starts at
    ``copy_to``; a missing ``signer`` is the ``print:`` section's fault, so the key is named.
    """

    key_path: KeyPath


Finding = tuple[KeyPath | At | Key, str, str]  # (where, message, hint)
# (message, hint), or (message, hint, offset) when the finding is about one character of the
# text: the offset into the text, which the engine turns into that character's line and column.
Message = tuple[str, str] | tuple[str, str, int]


class TextField(NamedTuple):
    """One piece of user text, where it sits, and what role it plays in the document."""

    key_path: KeyPath
    text: str
    role: str  # "title", "heading", "run_in", "body", "point", "meta"


class Context(NamedTuple):
    """What whole-document checks read: the report and every text in it, in document order.

    ``previous`` is last year's report, when known (the figures compare with it).
    """

    report: Report
    texts: list[TextField]
    previous: Report | None = None


DocumentCheck = Callable[[Context], Iterator[Finding]]
TextCheck = Callable[[TextField, Report], Message | None]


class Rule(NamedTuple):
    """One lint rule: code, default severity, a one-line summary, and its check.

    A rule checks either the whole document (``check``) or each text on its own
    (``text_check``); the engine runs all text checks in one pass over the texts. ``reads``
    names the key paths a whole-document check depends on (``date``, ``parts``): when the
    report does not validate, the check still runs if none of them had to be replaced (see
    ``pipeline``); a check that names none runs then only if nothing was replaced.
    """

    code: str
    severity: Severity
    summary: str
    check: DocumentCheck | None = None
    text_check: TextCheck | None = None
    reads: tuple[str, ...] = ()


class LintOptions(NamedTuple):
    """Which rules run and at what severity (command line merged over the YAML's ``lint:``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()


def _paragraph_texts(base: KeyPath, paragraphs: list[Paragraph]) -> Iterator[TextField]:
    for i, p in enumerate(paragraphs):
        if p.text is not None:
            yield TextField((*base, i, "text"), p.text, "body")
        for j, point in enumerate(p.points):
            yield TextField((*base, i, "points", j), point, "point")
        if p.after is not None:
            yield TextField((*base, i, "after"), p.after, "body")


def _heading_texts(base: KeyPath, heading: Heading) -> Iterator[TextField]:
    yield TextField((*base, "title"), heading.title, "run_in" if heading.run_in else "heading")
    yield from _paragraph_texts((*base, "paragraphs"), heading.paragraphs)
    for i, child in enumerate(getattr(heading, "items", [])):
        yield from _heading_texts((*base, "items", i), child)


def iter_texts(report: Report) -> Iterator[TextField]:
    """Every text the user wrote, with its key path, in document order."""
    yield TextField(("organization",), report.organization, "meta")
    for i, line in enumerate(report.title):
        yield TextField(("title", i), line, "title")
    for key in ("doc_number", "recipients"):
        value = getattr(report, key)
        if value is not None:
            yield TextField((key,), value, "meta")
    yield from _paragraph_texts(("opening",), report.opening)
    for i, part in enumerate(report.parts):
        base: KeyPath = ("parts", i)
        yield TextField((*base, "title"), part.title, "heading")
        yield from _paragraph_texts((*base, "paragraphs"), part.paragraphs)
        for j, item in enumerate(part.items):
            yield from _heading_texts((*base, "items", j), item)
    if report.closing is not None:
        yield TextField(("closing",), report.closing, "body")
    for i, name in enumerate(report.attachments):
        yield TextField(("attachments", i), name, "meta")


def iter_paragraphs(report: Report) -> Iterator[tuple[KeyPath, Paragraph]]:
    """Every paragraph with its key path, in document order."""

    def from_heading(base: KeyPath, heading: Heading) -> Iterator[tuple[KeyPath, Paragraph]]:
        for i, p in enumerate(heading.paragraphs):
            yield (*base, "paragraphs", i), p
        for i, child in enumerate(getattr(heading, "items", [])):
            yield from from_heading((*base, "items", i), child)

    for i, p in enumerate(report.opening):
        yield ("opening", i), p
    for i, part in enumerate(report.parts):
        for j, p in enumerate(part.paragraphs):
            yield ("parts", i, "paragraphs", j), p
        for j, item in enumerate(part.items):
            yield from from_heading(("parts", i, "items", j), item)
