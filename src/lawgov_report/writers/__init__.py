"""The table of output formats: one module per format, one entry here (pandoc's writer table).

Owns: the table and one module (or package) per format: ``markdown``, ``docx``, ``html`` (the
page and the fragment), ``pdf``. Writers may import ``render``, ``model``, ``ooxml``,
``typeset``, ``provenance``, ``i18n`` and ``errors``. The pipeline reaches them only through
this table; ``lawgov compile`` (``supervise.volume``) alone borrows the DOCX writer's body
and package parts and the Markdown text, to lay out many reports in one volume.

Why lazy: each entry names its module, imported only when that format is written, so ``check``
and a Markdown-only build never import the DOCX writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from ..errors import Diagnostic

if TYPE_CHECKING:
    from ..model.report import Report
    from ..model.settings import RenderOptions


class Writer(Protocol):
    """A format's ``render``: the report's bytes in that format."""

    def __call__(self, report: Report, options: RenderOptions = ..., /) -> bytes:
        """Render ``report`` with ``options`` (templates, reference document, variant)."""


WRITERS: dict[str, tuple[str, str]] = {
    # format: (module under lawgov_report.writers[:function, default render], file suffix)
    "docx": ("docx.writer", ".docx"),
    "md": ("markdown", ".md"),
    "html": ("html", ".html"),
    "html-fragment": ("html:render_fragment", ".fragment.html"),
    "pdf": ("pdf", ".pdf"),
}

# Formats finished once for a whole batch (``prepare`` per report, then one ``finish`` call
# for every report of a ``lawgov build``): a PDF needs LibreOffice, whose start costs more
# than a conversion, so one process converts them all.
BATCHED = frozenset({"pdf"})


class Finished(NamedTuple):
    """A batched format's result for one report: its bytes, or None, and what to report."""

    data: bytes | None
    problems: list[Diagnostic]


class Finisher(Protocol):
    """A batched format's ``finish``: every prepared report of the batch in one call."""

    def __call__(self, items: Sequence[tuple[Path, Any]], workers: int = ..., /) -> list[Finished]:
        """One result per (target, prepared job), in order."""


def _function(fmt: str, default: str) -> Any:
    module_name, _colon, function = WRITERS[fmt][0].partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, function or default)


def get_writer(fmt: str) -> Writer:
    """The ``render(report, options) -> bytes`` function of one format.

    Every format renders the report with its figure references (``{复议收案}``) replaced by
    the same numbers: the substitution happens here, once, not in each writer.
    """
    render: Writer = _function(fmt, "render")

    def writer(report: Report, options: RenderOptions | None = None, /) -> bytes:
        if options is None:
            return render(_substituted(report))
        return render(_substituted(report), options)

    return writer


def get_preparer(fmt: str) -> Any:
    """A batched format's ``prepare(report, options)``: the picklable job ``finish`` takes.

    As for ``get_writer``, the report is prepared with its figure references replaced.
    """
    prepare = _function(fmt, "prepare")

    def preparer(report: Report, *options: Any) -> Any:
        return prepare(_substituted(report), *options)

    return preparer


def _substituted(report: Report) -> Report:
    from ..render.figures import substitute

    return substitute(report)


def get_finisher(fmt: str) -> Finisher:
    """A batched format's ``finish(items, workers)``."""
    finisher: Finisher = _function(fmt, "finish")
    return finisher


def writer_warnings(fmt: str, options: RenderOptions) -> list[Diagnostic]:
    """What a format's writer found questionable in its own inputs (a user's reference document).

    A writer module may define ``warnings(options)``; it is called after ``render``, so it costs
    nothing the render did not already pay.
    """
    module_name = WRITERS[fmt][0].partition(":")[0]
    module = importlib.import_module(f"{__name__}.{module_name}")
    check = getattr(module, "warnings", None)
    found: list[Diagnostic] = check(options) if check is not None else []
    return found


def suffix_of(fmt: str) -> str:
    """The file suffix a format writes (``.md``)."""
    return WRITERS[fmt][1]
