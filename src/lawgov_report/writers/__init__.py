"""The table of output formats: one module per format, one entry here (pandoc's writer table).

Owns: the table and one module (or package) per format: ``markdown``, ``docx``. Writers may
import ``render``, ``model``, ``ooxml``, ``provenance`` and ``errors``; only the pipeline
imports them, through this table.

Why lazy: each entry names its module, imported only when that format is written, so ``check``
and a Markdown-only build never import the DOCX writer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..errors import Diagnostic
    from ..model.report import Report
    from ..model.settings import RenderOptions


class Writer(Protocol):
    """A format's ``render``: the report's bytes in that format."""

    def __call__(self, report: Report, options: RenderOptions = ..., /) -> bytes:
        """Render ``report`` with ``options`` (templates, reference document, variant)."""


WRITERS: dict[str, tuple[str, str]] = {
    # format: (module under lawgov_report.writers, file suffix)
    "docx": ("docx.writer", ".docx"),
    "md": ("markdown", ".md"),
}


def get_writer(fmt: str) -> Writer:
    """The ``render(report, options) -> bytes`` function of one format."""
    module_name, _suffix = WRITERS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    writer: Writer = module.render
    return writer


def writer_warnings(fmt: str, options: RenderOptions) -> list[Diagnostic]:
    """What a format's writer found questionable in its own inputs (a user's reference document).

    A writer module may define ``warnings(options)``; it is called after ``render``, so it costs
    nothing the render did not already pay.
    """
    module_name, _suffix = WRITERS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    check = getattr(module, "warnings", None)
    found: list[Diagnostic] = check(options) if check is not None else []
    return found


def suffix_of(fmt: str) -> str:
    """The file suffix a format writes (``.md``)."""
    return WRITERS[fmt][1]
