"""HTML writers: the report as a web page (``html``) and as a fragment for a website's editor.

Why two: a website either publishes a page as it is (``report.html.j2``: a standalone page
with its style sheet) or has its clerks paste the text into its content system's editor,
which keeps inline styles but strips ``<style>`` and classes (``report.fragment.html.j2``).
Both render the same body (``report-body.html.j2``) with the numbers the other writers use.
The generation record (``provenance``) is an HTML comment at the end, as in the Markdown.
With ``figures: {attachment: true}`` the figures table follows the 成文日期, as in the other
formats, and with ``plots: true`` a trend plot per figure (PNG in ``data:`` URIs, so the page
stays one file) drawn in the 黑体-style family ``typeset.fonts`` finds, as the PDF's are.
"""

from __future__ import annotations

from typing import Any

from ..model.report import Report
from ..model.settings import DEFAULT_RENDER, RenderOptions
from ..provenance import stamp_markdown
from ..render.environment import render as render_template
from ..render.figures import table
from ..render.numbering import official_date
from ..render.outline import outline, paragraph_texts

PAGE = "report.html.j2"
FRAGMENT = "report.fragment.html.j2"


def _plots(report: Report, options: RenderOptions) -> list[Any]:
    """The trend plots the report asks for, over the years found beside it."""
    section = report.figures
    if section is None or not section.plots or options.previous is None:
        return []
    from ..render.plot import trend_plots
    from ..typeset import fonts

    families = fonts.installed_families() or set()
    chosen = fonts.choose("黑体", fonts.Style.HEI, families).family
    # matplotlib knows a face by the name in its file, often the English one: both are tried.
    names = tuple(dict.fromkeys(n for n in (chosen, *fonts.CANDIDATES[fonts.Style.HEI]) if n))
    return trend_plots(report, [*options.history, options.previous], names)


def _context(report: Report, options: RenderOptions) -> dict[str, Any]:
    date, published = report.date, report.published
    return {
        "figure_table": table(report, options.previous),
        "plots": _plots(report, options),
        "report": report,
        "blocks": outline(report),
        "opening": paragraph_texts(report.opening),
        "date_iso": date.isoformat(),
        "date_text": official_date(date.year, date.month, date.day),
        "published_iso": published.isoformat() if published else "",
        "published_text": official_date(published.year, published.month, published.day)
        if published
        else "",
    }


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The web page of ``report`` as UTF-8, then the generation record."""
    text = render_template(PAGE, _context(report, options), options.template_dirs)
    return stamp_markdown(text).encode("utf-8")


def render_fragment(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The report as one ``<div>`` with inline styles, then the generation record."""
    text = render_template(FRAGMENT, _context(report, options), options.template_dirs)
    return stamp_markdown(text).encode("utf-8")
