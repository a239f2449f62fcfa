"""Markdown writer: the report through ``report.md.j2``, as UTF-8 with LF line ends."""

from __future__ import annotations

from ..model.report import Report
from ..model.settings import DEFAULT_RENDER, RenderOptions
from ..provenance import stamp_markdown
from ..render.environment import render as render_template
from ..render.figures import table
from ..render.outline import outline, paragraph_texts

TEMPLATE = "report.md.j2"


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The Markdown bytes of ``report``: one paragraph per line, then the generation record."""
    context = {
        "report": report,
        "blocks": outline(report),
        "opening": paragraph_texts(report.opening),
        "figure_table": table(report, options.previous),
    }
    text = render_template(TEMPLATE, context, options.template_dirs)
    return stamp_markdown(text).encode("utf-8")
