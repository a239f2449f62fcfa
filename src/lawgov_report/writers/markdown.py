"""Markdown writer: the report through ``report.md.j2``, as UTF-8 with LF line ends."""

from __future__ import annotations

from pathlib import Path

from ..model import Report
from ..render import render as render_template

TEMPLATE = "report.md.j2"


def render(report: Report, template_dirs: tuple[Path, ...] = ()) -> bytes:
    """The Markdown bytes of ``report``: one paragraph per line, blank line between."""
    text = render_template(TEMPLATE, {"report": report}, template_dirs)
    return text.encode("utf-8")
