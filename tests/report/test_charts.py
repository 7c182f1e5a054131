"""The charts draw Chinese in the font the project installs: real glyphs, never boxes."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from datetime import date
from pathlib import Path

from matplotlib.ft2font import FT2Font

from tracker.domain.vocab import Status
from tracker.report import charts
from tracker.report.model import Trajectory

TITLE = "跨域通办事项"


def glyphs_drawn(svg: str) -> list[str]:
    """The glyph ids the SVG's text uses, in order (text drawn as paths: <use> of a glyph)."""
    return re.findall(r'<use xlink:href="#([^"]+)"', svg)


def glyph_paths(svg: str) -> dict[str, str]:
    return dict(re.findall(r'<path id="([^"]+)" d="([^"]*)"', svg))


def test_the_font_comes_from_an_installed_package() -> None:
    path = charts.font_path()
    assert "site-packages" in path.parts or "dist-packages" in path.parts
    assert path.is_relative_to(Path(__import__("mplfonts").__file__).parent)
    font = FT2Font(str(path))
    assert all(font.get_char_index(ord(c)) for c in TITLE + "滞后需加快逾期未报")


def test_chinese_renders_as_chinese_on_a_chart() -> None:
    path = charts.font_path()
    font = FT2Font(str(path))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of every glyph missing from the font
        with charts.chart_style():
            figure = charts.trajectory_figure(
                Trajectory(
                    ((date(2024, 6, 3), 152.0), (date(2025, 5, 26), 210.0)),
                    ((date(2024, 6, 3), 152.0), (date(2025, 12, 31), 260.0)),
                    ((date(2025, 12, 31), 260.0),),
                ),
                TITLE,
                "项",
                "zh",
            )
            svg = charts.svg(figure)
    family = font.postscript_name
    for text in (TITLE, "实际值", "基期至目标路径"):
        # Each character is drawn as the font's own outline for it (after shaping, so not
        # necessarily its cmap glyph): one <use> per character, none the .notdef box (glyph
        # 0, what a missing character is drawn as), each a different, non-trivial outline.
        at = svg.index(f"<!-- {text} -->")
        group = svg[at : svg.index("</g>", svg.index("<use", at))]
        drawn, paths = glyphs_drawn(group), glyph_paths(svg)
        assert len(drawn) == len(text)
        assert all(g.startswith(f"{family}-") for g in drawn)
        assert f"{family}-0" not in drawn
        outlines = [paths[g] for g in drawn]
        assert all(len(d) > 50 for d in outlines)
        assert len(set(outlines)) == len(set(text))


def test_the_same_counts_give_the_same_chart() -> None:
    counts = Counter({Status.ACCELERATE: 1, Status.NOT_REPORTED: 4, Status.NO_TARGET: 107})
    with charts.chart_style():
        first = charts.svg(charts.status_figure(counts, "zh"))
        again = charts.svg(charts.status_figure(counts, "zh"))
        png = charts.png(charts.status_figure(counts, "en"))
    assert first == again
    assert png.startswith(b"\x89PNG")
    assert "<text" not in first  # outlines: a reader needs no font to see them
