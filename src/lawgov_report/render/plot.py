"""Trend plots of the figures, as PNG images for the HTML page (matplotlib, an optional extra).

Why only there: a web page can show a small chart beside the table; the signed .docx and the
diffable Markdown cannot carry one usefully. Why optional: matplotlib is large and slow to
import, so it is imported here, when a report asks for plots (``figures: {plots: true}``), and
never at start-up; without it the build stops with a message saying how to install it.

Each plot is drawn without pyplot's global state, in the Chinese font families the caller
names (the HTML writer passes the ones it chose for the page), and saved without the
version stamp matplotlib writes by default, so the same report gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from typing import Any, NamedTuple

from ..errors import Diagnostic, OutputError, Severity, SourceLocation
from ..i18n import _
from ..model.figures import Figure, figure_map, figures_of
from ..model.report import Report
from .figures import display, format_percent

WIDTH, HEIGHT, DPI = 4.8, 2.4, 100
LINE = "#1f4e79"  # dark blue: 8.6:1 on white (WCAG AA needs 4.5:1 for text, 3:1 for graphics)


class Plot(NamedTuple):
    """One figure's trend: its label, a text alternative with every value, the PNG."""

    key: str
    label: str
    alt: str
    png: bytes

    @property
    def data_uri(self) -> str:
        """The PNG as a ``data:`` URI, so the HTML page stays one standalone file."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def series(report: Report, history: list[Report]) -> dict[str, list[tuple[int, Figure]]]:
    """Each figure of ``report`` over the years of ``history`` (earlier reports) and its own."""
    years = sorted([*history, report], key=lambda r: r.year)
    found: dict[str, list[tuple[int, Figure]]] = {f.key: [] for f in figures_of(report)}
    for each in years:
        known = figure_map(each)
        for key, points in found.items():
            figure = known.get(key)
            if figure is not None and figure.value is not None:
                points.append((each.year, figure))
    return found


def _missing() -> OutputError:
    return OutputError(
        [
            Diagnostic(
                SourceLocation("figures.plots"),
                Severity.ERROR,
                "LG420",
                _("the trend plots need matplotlib, which is not installed"),
                hint=_(
                    'install it with: pip install "lawgov-report[plot]"; or delete plots: true '
                    "under figures:"
                ),
            )
        ]
    )


def _no_font(families: tuple[str, ...]) -> OutputError:
    return OutputError(
        [
            Diagnostic(
                SourceLocation("figures.plots"),
                Severity.ERROR,
                "LG421",
                _("no Chinese font for the trend plots (tried: {families})").format(
                    families="、".join(families) or "—"
                ),
                hint=_(
                    "install one, e.g. apt-get install fonts-noto-cjk; or delete plots: true "
                    "under figures:"
                ),
            )
        ]
    )


def trend_plots(
    report: Report, history: list[Report], families: tuple[str, ...] = ()
) -> list[Plot]:
    """A plot per figure that has values for at least two years; none without ``plots: true``.

    ``families`` are font family names to draw the Chinese labels with, best first.
    """
    section = report.figures
    if section is None or not section.plots or not history:
        return []
    try:
        import matplotlib
        from matplotlib import font_manager
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure as Canvas
    except ImportError:
        raise _missing() from None
    # Only the families matplotlib has: it would log every missing one for every text drawn.
    known = {face.name for face in font_manager.fontManager.ttflist}
    usable = [family for family in families if family in known]
    if not usable:
        raise _no_font(families)
    decimals = section.decimals
    plots = []
    rc: dict[Any, Any] = {
        "font.family": [*usable, "sans-serif"],
        "axes.unicode_minus": False,
        "font.size": 9,
    }
    for key, points in series(report, history).items():
        if len(points) < 2:
            continue
        first = points[-1][1]
        unit = first.unit
        values = [float(f.value) for _year, f in points if f.value is not None]
        labels = [display(f, decimals) for _year, f in points]
        with matplotlib.rc_context(rc):
            canvas = Canvas(figsize=(WIDTH, HEIGHT), dpi=DPI)
            FigureCanvasAgg(canvas)
            # Fixed margins rather than tight_layout(), which costs a second draw per plot.
            canvas.subplots_adjust(left=0.12, right=0.97, top=0.84, bottom=0.14)
            axes = canvas.add_subplot()
            x = list(range(len(points)))
            axes.plot(x, values, marker="o", color=LINE, linewidth=1.5)
            for i, (value, text) in enumerate(zip(values, labels, strict=True)):
                axes.annotate(
                    text, (i, value), textcoords="offset points", xytext=(0, 6), ha="center"
                )
            axes.set_xticks(x, [f"{year}年" for year, _f in points])
            axes.set_title(f"{first.label}（{unit}）")
            axes.margins(x=0.15)
            axes.spines[["top", "right"]].set_visible(False)
            # From zero, so a change looks as large as it is; room above for the values.
            axes.set_ylim(0, max(values) * 1.25 or 1)
            out = io.BytesIO()
            canvas.savefig(out, format="png", metadata={"Software": None})
        alt = "{label}（{unit}）：{values}".format(
            label=first.label,
            unit=unit,
            values="，".join(f"{year}年{_plain(f, decimals)}" for year, f in points),
        )
        plots.append(Plot(key, first.label, alt, out.getvalue()))
    return plots


def _plain(figure: Figure, decimals: int) -> str:
    if figure.is_rate:
        return format_percent(figure.value, decimals) + "%"
    return display(figure, decimals) + figure.unit
