"""A braille line chart of an indicator's actuals against its baseline-to-target path."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.tui.words import tr

Point = tuple[date, float]
# Bit of each braille dot, by row (0-3) and column (0-1) inside a cell.
DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
LAYERS = ("target", "path", "actual")  # later layers win a cell's colour
MIN_DAYS = 120


def short(value: float) -> str:
    """An axis label as people read figures: 21, 87.5, 1,613, 106,000 (an exponent only
    beyond a billion)."""
    if abs(value) >= 1e9:
        return f"{value:.3g}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


class TrajectoryPlot(Widget):
    """Actuals as a solid line with dots, the path from baseline to target dashed, targets ◆."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trajectory-plot--actual",
        "trajectory-plot--path",
        "trajectory-plot--target",
        "trajectory-plot--axis",
    }

    lang = reactive("zh")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actuals: Sequence[Point] = ()
        self.path: Sequence[Point] = ()
        self.targets: Sequence[Point] = ()

    def show_plot(
        self, *, actuals: Sequence[Point], path: Sequence[Point], targets: Sequence[Point]
    ) -> None:
        """Plot these actuals, the expected path (two points) and the targets."""
        self.actuals, self.path, self.targets = actuals, path, targets
        self.refresh()

    @property
    def has_points(self) -> bool:
        """Whether there is anything to draw."""
        return bool(self.actuals or self.path or self.targets)

    def render(self) -> Text:
        points = [*self.actuals, *self.path, *self.targets]
        width, height = self.content_size
        if not points or width < 20 or height < 4:
            return Text(tr("plot_empty", self.lang), style="dim")
        style = self.get_component_rich_style
        least, most = min(v for _, v in points), max(v for _, v in points)
        lows, highs = least, most
        if lows == highs:  # one level: it sits in the middle, labelled once
            spread = max(abs(lows) * 0.1, 1.0)
            lows, highs = lows - spread, highs + spread
        pad = (highs - lows) * 0.05
        lows, highs = lows - pad, highs + pad
        first = min(d for d, _ in points).toordinal()
        last = max(d for d, _ in points).toordinal()
        if last - first < MIN_DAYS:  # one date only: centre it in a readable span
            first, last = first - MIN_DAYS // 2, last + MIN_DAYS // 2
        label_width = max(len(short(most)), len(short(least))) + 1
        plot_w, plot_h = width - label_width, height - 2
        dots_w, dots_h = plot_w * 2, plot_h * 4

        def spot(point: Point) -> tuple[int, int]:
            when, value = point
            x = round((when.toordinal() - first) / (last - first) * (dots_w - 1))
            y = round((highs - value) / (highs - lows) * (dots_h - 1))
            return x, y

        cells: dict[tuple[int, int], dict[str, int]] = {}
        marks: dict[tuple[int, int], tuple[str, str]] = {}

        def dot(x: int, y: int, layer: str) -> None:
            bits = cells.setdefault((x // 2, y // 4), {})
            bits[layer] = bits.get(layer, 0) | DOTS[y % 4][x % 2]

        def line(a: Point, b: Point, layer: str, dashed: bool = False) -> None:
            (x0, y0), (x1, y1) = spot(a), spot(b)
            steps = max(abs(x1 - x0), abs(y1 - y0), 1)
            for i in range(steps + 1):
                if dashed and (i // 2) % 2:
                    continue
                dot(round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps), layer)

        for a, b in zip(self.path, self.path[1:], strict=False):
            line(a, b, "path", dashed=True)
        ordered = sorted(self.actuals)
        for a, b in zip(ordered, ordered[1:], strict=False):
            line(a, b, "actual")
        for point in ordered:
            x, y = spot(point)
            marks[(x // 2, y // 4)] = ("●", "actual")
        for point in self.targets:
            x, y = spot(point)
            marks[(x // 2, y // 4)] = ("◆", "target")

        text = Text()
        legend = [("── ", "actual", "plot_actual"), ("┄┄ ", "path", "plot_path")]
        for glyph, layer, word in [*legend, ("◆ ", "target", "plot_target")]:
            text.append(glyph, style=style(f"trajectory-plot--{layer}"))
            text.append(tr(word, self.lang) + "   ")
        text.append("\n")
        axis = style("trajectory-plot--axis")
        # The highest and lowest values are labelled on their own rows (not the padded edges).
        labels = {spot((points[0][0], least))[1] // 4: short(least)}
        labels[spot((points[0][0], most))[1] // 4] = short(most)
        for row in range(plot_h):
            label = labels.get(row, "")
            text.append(label.rjust(label_width - 1) + "┤", style=axis)
            for column in range(plot_w):
                if (column, row) in marks:
                    glyph, layer = marks[(column, row)]
                    text.append(glyph, style=style(f"trajectory-plot--{layer}"))
                    continue
                bits = cells.get((column, row))
                if not bits:
                    text.append(" ")
                    continue
                top = max(bits, key=LAYERS.index)
                text.append(chr(0x2800 + _merge(bits)), style=style(f"trajectory-plot--{top}"))
            text.append("\n")
        start, end = date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()
        gap = max(1, plot_w - len(start) - len(end))
        text.append(" " * label_width + start + " " * gap + end, style=axis)
        return text


def _merge(bits: dict[str, int]) -> int:
    """The union of the dots every layer set in one cell."""
    merged = 0
    for value in bits.values():
        merged |= value
    return merged
