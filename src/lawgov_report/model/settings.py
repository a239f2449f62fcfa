"""Resolved options for rendering one report: which templates, which reference, which variant.

Why a module of its own: the pipeline decides these before any writer runs, and ``check``
must be able to import the pipeline without pulling in Jinja or the writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .report import Report, Variant


class RenderOptions(NamedTuple):
    """Where templates come from and which variant to render (resolved by the pipeline).

    ``previous`` is last year's report, for the figures table's last-year column; ``history``
    the years before it (oldest first) when the figures are plotted.
    """

    template_dirs: tuple[Path, ...] = ()
    reference_docx: Path | None = None
    variant: Variant = Variant.WEB
    previous: Report | None = None
    history: tuple[Report, ...] = ()


DEFAULT_RENDER = RenderOptions()
