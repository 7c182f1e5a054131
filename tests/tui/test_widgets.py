"""Widgets on their own: the chart draws a plot, the table aligns double-width text."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tests.tui.test_structure import synthetic_rows
from tracker.domain.labels import STATUS_LABELS
from tracker.domain.vocab import Status
from tracker.tui.widgets.indicator_table import IndicatorTable, widest_text
from tracker.tui.widgets.status_counts import StatusCounts
from tracker.tui.widgets.trajectory_plot import TrajectoryPlot


class PlotApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TrajectoryPlot()


async def test_the_chart_plots_actuals_against_the_path_to_the_target() -> None:
    app = PlotApp()
    async with app.run_test(size=(60, 14)):
        plot = app.query_one(TrajectoryPlot)
        plot.show_plot(
            actuals=[
                (date(2020, 12, 31), 100.0),
                (date(2022, 12, 31), 120.0),
                (date(2024, 6, 30), 150.0),
            ],
            path=[(date(2020, 12, 31), 100.0), (date(2025, 12, 31), 200.0)],
            targets=[(date(2025, 12, 31), 200.0)],
        )
        lines = plot.render().plain.splitlines()
        assert "实际值" in lines[0] and "目标" in lines[0]
        body = "\n".join(lines[1:-1])
        assert body.count("●") == 3 and body.count("◆") == 1
        assert any(0x2800 < ord(ch) <= 0x28FF for ch in body)  # braille line segments
        # The highest and the lowest values label their own rows (not the padded edges).
        assert lines[1].strip().startswith("200┤") and lines[-2].strip().startswith("100┤")
        assert lines[-1].strip().startswith("2020-12-31") and lines[-1].endswith("2025-12-31")
        # The target sits top right, the first actual bottom left.
        assert lines[1].rstrip().endswith("◆")
        assert lines[-2].split("┤", 1)[1].startswith("●")


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield IndicatorTable()


async def test_double_width_names_keep_the_columns_aligned() -> None:
    app = TableApp()
    async with app.run_test(size=(140, 12)):
        table = app.query_one(IndicatorTable)
        table.show_rows(synthetic_rows(8))
        lines = [table.render_line(y).text for y in range(1, 9)]
        assert all(cell_len(line) == cell_len(lines[0]) for line in lines)
        # Names of different widths (CJK takes two cells) leave the next columns in place.
        assert {
            cell_len(line[: line.index(row.code)])
            for line, row in zip(lines, table.rows, strict=True)
        } == {4}
        words = [zh for zh, _ in STATUS_LABELS.values()]
        columns = set()
        for line in lines:
            word = next(w for w in words if w in line)
            columns.add(cell_len(line[: line.index(word)]))
        assert len(columns) == 1


@given(st.sets(st.text(alphabet="a中Ａé·🎉\u0301 ", max_size=12), max_size=40))
def test_column_widths_come_out_as_if_every_text_were_measured(texts: set[str]) -> None:
    assert widest_text(texts) == max((cell_len(t) for t in texts), default=0)


class CountsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusCounts()


async def test_the_counts_line_separates_thousands() -> None:
    app = CountsApp()
    async with app.run_test(size=(140, 3)):
        counts = app.query_one(StatusCounts)
        counts.show_counts(
            Counter({Status.NO_TARGET: 100_000, Status.OFF_TRACK: 123}),
            shown=100_123,
            total=100_123,
            flagged=1_204,
            stale=12_000,
        )
        text = counts.render().plain
    assert "显示 100,123/100,123" in text and "无目标 100,000" in text and "滞后 123" in text
    assert "⚑ 1,204" in text and "⧗ 12,000" in text


async def test_a_narrow_counts_line_leaves_out_empty_statuses_and_ends_with_an_ellipsis() -> None:
    shown = Counter({Status.NO_TARGET: 100, Status.OFF_TRACK: 3, Status.ACHIEVED: 1})
    lines = {}
    for width in (48, 200):
        app = CountsApp()
        async with app.run_test(size=(width, 3)):
            counts = app.query_one(StatusCounts)
            counts.show_counts(shown, shown=104, total=104, flagged=2, stale=7)
            lines[width] = counts.render()
    # The flags and stale counts first, then the statuses: every one where they fit, else only
    # those with rows, cut to the width.
    assert lines[200].plain.startswith("显示 104/104 │ ⚑ 2  ⧗ 7 │ 滞后 3  需加快 0")
    narrow = lines[48]
    assert narrow.plain.startswith("显示 104/104 │ ⚑ 2  ⧗ 7 │ 滞后 3  已达成 1  无")
    assert narrow.plain.endswith("…") and narrow.cell_len <= 48 and "需加快" not in narrow.plain
