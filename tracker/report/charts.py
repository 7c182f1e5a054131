"""The briefing's charts, drawn with matplotlib in the CJK font the project installs (the
mplfonts package's Noto Sans CJK SC), never a system font that may be absent: Chinese renders
as Chinese on every machine. SVG text is drawn as paths, so a page needs no font to show it."""

from __future__ import annotations

import importlib.util
import io
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager

from tracker.domain.labels import status_label
from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.errors import TrackerError
from tracker.report.model import Trajectory
from tracker.report.words import say

FONT_PACKAGE, FONT_FILE = "mplfonts", "fonts/NotoSansCJKsc-Regular.otf"
STATUS_COLOURS = {
    Status.ACHIEVED: "#1a7f37",
    Status.ON_TRACK: "#4caf50",
    Status.ACCELERATE: "#d4a017",
    Status.OFF_TRACK: "#c62828",
    Status.NOT_REPORTED: "#8e24aa",
    Status.INSUFFICIENT: "#9e9e9e",
    Status.OPEN: "#0097a7",
    Status.NO_TARGET: "#bdbdbd",
    Status.CLOSED: "#757575",
}
# Pinned so that the same data give the same bytes: no dates, no random ids.
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}
DPI = 150


def font_path() -> Path:
    """The CJK font file the project installs (found without importing its package)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = Path(folder) / FONT_FILE
        if found.is_file():
            return found
    raise TrackerError(
        f"the Chinese font for charts is missing ({FONT_PACKAGE}: {FONT_FILE});"
        f" reinstall tracker (pip install {FONT_PACKAGE})"
    )


@cache
def font_family() -> str:
    """The font's family name, registered with matplotlib once."""
    path = font_path()
    fontManager.addfont(str(path))
    return FontProperties(fname=str(path)).get_name()


@contextmanager
def chart_style() -> Iterator[None]:
    """matplotlib's settings for every chart of a briefing."""
    with rc_context(
        {
            "font.family": [font_family()],
            "axes.unicode_minus": False,
            "svg.fonttype": "path",
            "svg.hashsalt": "tracker-briefing",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 9,
        }
    ):
        yield


def status_figure(total: Counter[Status], lang: str) -> Figure:
    """A bar per status present, verdicts first, with its count."""
    shown = [s for s in STATUS_ORDER if total[s]]
    figure = Figure(figsize=(6.4, 0.45 * max(len(shown), 1) + 0.8))
    axes = figure.add_subplot()
    labels = [status_label(s, lang) for s in shown]
    counts = [total[s] for s in shown]
    bars = axes.barh(labels, counts, color=[STATUS_COLOURS[s] for s in shown])
    axes.bar_label(bars, padding=3)
    axes.invert_yaxis()
    axes.set_title(say("status_chart", lang), loc="left")
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    figure.tight_layout()
    return figure


def trajectory_figure(trajectory: Trajectory, title: str, unit: str, lang: str) -> Figure:
    """Actuals as a line with dots against the dashed baseline-to-target path; targets ◆."""
    figure = Figure(figsize=(6.4, 3.0))
    axes = figure.add_subplot()
    if trajectory.path:
        xs, ys = zip(*trajectory.path, strict=True)
        axes.plot(xs, ys, linestyle="--", color="#888888", label=say("path", lang))
    if trajectory.actuals:
        xs, ys = zip(*trajectory.actuals, strict=True)
        axes.plot(xs, ys, marker="o", color="#1565c0", label=say("actuals", lang))
    if trajectory.targets:
        xs, ys = zip(*trajectory.targets, strict=True)
        axes.plot(xs, ys, linestyle="none", marker="D", color="#c62828", label=say("targets", lang))
    axes.set_title(title, loc="left")
    if unit:
        axes.set_ylabel(unit)
    axes.grid(axis="y", color="#e0e0e0")
    if trajectory.path or trajectory.actuals or trajectory.targets:
        axes.legend(loc="best", frameon=False)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def svg(figure: Figure) -> str:
    """The figure as SVG text, its text drawn as paths."""
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata=SVG_METADATA)
    return out.getvalue()


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata=PNG_METADATA)
    return out.getvalue()
