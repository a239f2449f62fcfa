"""Markdown writer: the report through ``report.md.j2``, as UTF-8 with LF line ends."""

from __future__ import annotations

from ..model.report import Report
from ..model.settings import DEFAULT_RENDER, RenderOptions
from ..provenance import stamp_markdown
from ..render.environment import render as render_template
from ..render.figures import table
from ..render.outline import outline, paragraph_texts

TEMPLATE = "report.md.j2"


def render_text(report: Report, options: RenderOptions = DEFAULT_RENDER) -> str:
    """The Markdown text of ``report`` without the generation record (``lawgov compile`` joins many)."""
    context = {
        "report": report,
        "blocks": outline(report),
        "opening": paragraph_texts(report.opening),
        "figure_table": table(report, options.previous),
    }
    return render_template(TEMPLATE, context, options.template_dirs)


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The Markdown bytes of ``report``: one paragraph per line, then the generation record."""
    return stamp_markdown(render_text(report, options)).encode("utf-8")
