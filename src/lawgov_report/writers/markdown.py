"""Markdown writer: the report through ``report.md.j2``, as UTF-8 with LF line ends."""

from __future__ import annotations

from ..model import Report
from ..provenance import stamp_markdown
from ..render import DEFAULT_RENDER, RenderOptions
from ..render import render as render_template

TEMPLATE = "report.md.j2"


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The Markdown bytes of ``report``: one paragraph per line, then the generation record."""
    text = render_template(TEMPLATE, {"report": report}, options.template_dirs)
    return stamp_markdown(text).encode("utf-8")
