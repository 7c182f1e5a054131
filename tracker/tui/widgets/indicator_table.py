"""A virtual indicator table: it draws only the lines on screen, so 100,000 rows stay fast."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.domain.vocab import Status
from tracker.tui.messages import ColumnClicked, IndicatorChosen, IndicatorHighlighted
from tracker.tui.table_cells import (
    COLUMNS,
    GAP,
    LONGEST_TEXTS,
    MEASURED_ROWS,
    TEXT_OF,
    VARIANTS,
    allocate,
    cell,
    fit,
    widest_text,
)
from tracker.tui.words import tr

__all__ = ["COLUMNS", "IndicatorTable", "widest_text"]


class IndicatorTable(ScrollView, can_focus=True):
    """Indicators in columns, one line each, with a cursor; sorting and filtering happen above."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "choose", "act_detail", show=False),
        Binding("left", "column(-1)", show=False),
        Binding("right", "column(1)", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "indicator-table--header",
        "indicator-table--cursor",
        "indicator-table--dim",
        "indicator-table--flag",
        "indicator-table--stale",
        "indicator-table--deadline",
        "indicator-table--bar",
        "indicator-table--bar-empty",
        *(f"indicator-table--status-{s.value}" for s in Status),
    }

    lang = reactive("zh")
    sort_column = reactive("code")
    sort_reverse = reactive(False)
    placeholder = reactive("")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[IndicatorStatus] = ()
        self.cursor = 0
        self._measured: dict[str, int] = {}
        self._widths: list[int] = []
        self._lines: dict[tuple[int, bool], Strip] = {}
        self._styles: dict[str | None, Style] = {}

    # -- what the screen calls ------------------------------------------------------------

    @property
    def current(self) -> IndicatorStatus | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def measure(self, rows: Sequence[IndicatorStatus]) -> None:
        """Size the columns to fit a sample of `rows`, with the longest texts of the text
        columns among them."""
        lang = self.lang
        sample = rows[:: max(1, len(rows) // MEASURED_ROWS)]
        measured = {}
        for column in COLUMNS:
            text_of = TEXT_OF.get(column.key)
            if text_of is not None:
                # The sample's texts and the longest in characters: a rare longer name is cut
                # with an ellipsis and shown whole in the line below the table.
                longest = heapq.nlargest(LONGEST_TEXTS, rows, key=lambda r: len(text_of(r, lang)))
                widest = widest_text({visible(text_of(r, lang)) for r in (*sample, *longest)})
            else:
                chosen = sample
                if column.key in VARIANTS:  # one row per variant, so that a rare one counts
                    chosen = list({VARIANTS[column.key](r): r for r in rows}.values())
                widest = max(
                    (sum(cell_len(t) for t, _ in cell(column.key, r, lang)) for r in chosen),
                    default=0,
                )
            measured[column.key] = max(cell_len(tr(column.key, lang)), widest)
        self._measured = measured
        self._relayout()

    def show_rows(self, rows: Sequence[IndicatorStatus], *, keep: str | None = None) -> None:
        """Show `rows`, keeping the cursor on the indicator `keep` if it is still there."""
        before = self.current.code if self.current else None
        self.rows = rows
        wanted = keep if keep is not None else before
        index = next((i for i, r in enumerate(rows) if r.row.code == wanted), None)
        self.cursor = index if index is not None else min(self.cursor, max(0, len(rows) - 1))
        if not self._measured and rows:
            self.measure(rows)
        self._relayout()
        self._scroll_to_cursor()
        after = self.current.code if self.current else None
        if after != before or keep is None:
            self.post_message(IndicatorHighlighted(after))

    # -- actions --------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        """Move the cursor by `delta` rows."""
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.move_cursor(self.cursor + direction * max(1, self.size.height - 2))

    def action_jump(self, index: int) -> None:
        """Move the cursor to the first (0) or last (-1) row."""
        self.move_cursor(len(self.rows) - 1 if index < 0 else index)

    def action_column(self, delta: int) -> None:
        """Scroll sideways by one column: the next (or previous) column starts at the left."""
        lefts, left = [], 0
        for width in self._widths:
            lefts.append(left)
            left += width + GAP
        x = int(self.scroll_offset.x)
        ahead = [edge for edge in lefts if edge > x] if delta > 0 else []
        behind = [edge for edge in lefts if edge < x] if delta < 0 else []
        edge = ahead[0] if ahead else behind[-1] if behind else x
        self.scroll_to(x=min(edge, self.max_scroll_x), animate=False, immediate=True)

    def action_choose(self) -> None:
        """Open the indicator under the cursor."""
        if self.current is not None:
            self.post_message(IndicatorChosen(self.current.code))

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.cursor:
            self.cursor = index
            self._lines.clear()
            self.refresh()
            self.post_message(IndicatorHighlighted(self.rows[index].code))
        self._scroll_to_cursor()

    # -- mouse ----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A header click sorts; a click moves the cursor; a double click opens the row."""
        scroll_x, scroll_y = self.scroll_offset
        if event.y == 0:
            column = self.column_at(event.x + scroll_x)
            if column:
                self.post_message(ColumnClicked(column))
            return
        index = scroll_y + event.y - 1
        if 0 <= index < len(self.rows):
            self.move_cursor(index)
            if event.chain >= 2:
                self.action_choose()

    def column_at(self, x: int) -> str | None:
        """The key of the column at virtual cell `x`."""
        left = 0
        for column, width in zip(COLUMNS, self._widths, strict=True):
            if left <= x < left + width + GAP:
                return column.key
            left += width + GAP
        return None

    # -- drawing --------------------------------------------------------------------------

    def watch_lang(self) -> None:
        if self.rows:
            self.measure(self.rows)
        self._invalidate()

    def watch_sort_column(self) -> None:
        self._invalidate()

    def watch_sort_reverse(self) -> None:
        self._invalidate()

    def watch_placeholder(self) -> None:
        self._invalidate()

    def on_mount(self) -> None:
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _invalidate(self) -> None:
        self._lines.clear()
        self.refresh()

    def _relayout(self) -> None:
        natural = dict(self._measured)
        for column in COLUMNS:
            natural[column.key] = max(natural.get(column.key, 0), cell_len(self._label(column.key)))
        self._widths = allocate(natural, self.scrollable_content_region.width)
        total = sum(self._widths) + GAP * (len(self._widths) - 1)
        self.virtual_size = Size(total, len(self.rows) + 1)
        self._invalidate()

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _style(self, name: str | None) -> Style:
        if name not in self._styles:
            self._styles[name] = (
                self.get_component_rich_style(f"indicator-table--{name}", partial=True)
                if name
                else Style()
            )
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._widths:
            return Strip.blank(width, base)
        if y == 0:
            strip = self._header()
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                if y == 1 and not self.rows and self.placeholder:
                    text = set_cell_size(f"  {self.placeholder}", width)
                    return Strip([Segment(text, base + self._style("dim"))])
                return Strip.blank(width, base)
            key = (index, index == self.cursor)
            strip = self._lines.get(key) or self._row(index)
            self._lines[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _header(self) -> Strip:
        style = self.rich_style + self._style("header")
        segments: list[Segment] = []
        for column, width in zip(COLUMNS, self._widths, strict=True):
            label = self._label(column.key)
            for text, _ in fit([(label, None)], width, column.right):
                segments.append(Segment(text, style))
            segments.append(Segment(" " * GAP, style))
        return Strip(segments[:-1])

    def _label(self, key: str) -> str:
        label = "⚑" if key == "markers" else tr(key, self.lang)
        return label + ("▼" if self.sort_reverse else "▲") if key == self.sort_column else label

    def _row(self, index: int) -> Strip:
        row = self.rows[index]
        base = self.rich_style
        if index == self.cursor:
            base = base + self._style("cursor")
        segments: list[Segment] = []
        for column, width in zip(COLUMNS, self._widths, strict=True):
            for text, name in fit(cell(column.key, row, self.lang), width, column.right):
                segments.append(Segment(text, base + self._style(name) if name else base))
            segments.append(Segment(" " * GAP, base))
        return Strip(segments[:-1]).simplify()
