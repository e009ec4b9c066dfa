"""A Pareto chart in the terminal: cumulative revenue over ranked customers, A/B/C bands."""

from __future__ import annotations

from bisect import bisect_left

from textual.content import Content
from textual.widget import Widget

from kamtui.text.i18n import gettext as _

BLOCKS = " ▁▂▃▄▅▆▇█"
BAND_STYLES = {"A": "$text-success", "B": "$text-accent", "C": "$text-primary"}
AXIS = 6  # width of the y-axis labels


def curve_at(points: list[tuple[float, float]], x: float) -> float:
    """Linear interpolation of the curve (x ascending from 0 to 1) at *x*."""
    if not points:
        return 0.0
    xs = [p[0] for p in points]
    i = bisect_left(xs, x)
    if i <= 0:
        return points[0][1]
    if i >= len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def chart_lines(
    points: list[tuple[float, float]], bands: tuple[float, float], width: int, height: int
) -> list[list[tuple[str, str]]]:
    """Rows of (text, style) runs, top row first: a filled area under the curve, coloured by
    the class band of each column (A up to ``bands[0]`` of customers, B up to ``bands[1]``)."""
    plot_w = max(1, width - AXIS)
    rows: list[list[tuple[str, str]]] = [[] for _ in range(height)]
    for c in range(plot_w):
        x = (c + 0.5) / plot_w
        level = curve_at(points, x) * height * 8
        band = "A" if x <= bands[0] else ("B" if x <= bands[1] else "C")
        for r in range(height):
            fill = max(0, min(8, round(level - (height - 1 - r) * 8)))
            rows[r].append((BLOCKS[fill], BAND_STYLES[band]))
    out = []
    for r, runs in enumerate(rows):
        share = 1 - r / max(1, height - 1)
        label = f"{share:>4.0%} │" if r in (0, height // 2, height - 1) else "     │"
        out.append([(label, "dim"), *runs])
    return out


class ParetoChart(Widget):
    """Cumulative share of revenue (up) against the share of customers in rank order
    (across); the columns are coloured by ABC class."""

    DEFAULT_CSS = """
    ParetoChart { height: 12; }
    """

    LABEL_LINES = 3

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.points: list[tuple[float, float]] = []
        self.bands: tuple[float, float] = (0.0, 0.0)

    def set_data(self, points: list[tuple[float, float]], bands: tuple[float, float]) -> None:
        self.points, self.bands = points, bands
        self.refresh()

    def render(self) -> Content:
        if not self.points:
            return Content(_("Run an analysis to see the Pareto curve."))
        width, height = self.size.width, max(3, self.size.height - self.LABEL_LINES)
        parts: list[str | tuple[str, str]] = []
        for runs in chart_lines(self.points, self.bands, width, height):
            parts.extend(runs)
            parts.append("\n")
        plot_w = max(1, width - AXIS)
        parts.append(("     └" + "─" * plot_w + "\n", "dim"))
        ends = (0, round(self.bands[0] * plot_w), round(self.bands[1] * plot_w), plot_w)
        axis = [" "] * plot_w
        for letter, lo, hi in zip("ABC", ends, ends[1:], strict=False):
            if hi > lo:
                axis[min(plot_w - 1, (lo + hi) // 2)] = letter
        parts.append(" " * AXIS)
        for ch in axis:
            parts.append((ch, BAND_STYLES[ch] + " bold") if ch in BAND_STYLES else ch)
        parts.append(("\n" + " " * AXIS + _("customers in rank order →"), "dim"))
        return Content.assemble(*parts)
