"""A line of counts per status for the rows currently shown, each status a coloured word."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.tui.words import status_word, tr


class StatusCounts(Widget):
    """`Showing 40 of 152 │ ⚑ 2  ⧗ 7 │ off track 3  accelerate 5 …`; the statuses with no rows
    shown are left out when the line would not fit, and what still does not is cut with `…`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-counts--dim",
        "status-counts--flag",
        "status-counts--stale",
        *(f"status-counts--status-{s.value}" for s in Status),
    }

    lang = reactive("zh")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.counts: Counter[Status] = Counter()
        self.shown = 0
        self.total = 0
        self.flagged = 0
        self.stale = 0

    def show_counts(
        self, counts: Counter[Status], *, shown: int, total: int, flagged: int, stale: int
    ) -> None:
        """Show the counts of the current selection."""
        self.counts, self.shown, self.total = counts, shown, total
        self.flagged, self.stale = flagged, stale
        self.refresh()

    def render(self) -> Text:
        # Every status; when they do not fit, those with rows shown, cut with an ellipsis.
        text = self._line(every=True)
        if text.cell_len > self.size.width:
            text = self._line(every=False)
            text.truncate(self.size.width, overflow="ellipsis")
        return text

    def _line(self, *, every: bool) -> Text:
        style = self.get_component_rich_style
        text = Text(tr("shown", self.lang, shown=f"{self.shown:,}", total=f"{self.total:,}"))
        text.append(" │ ", style=style("status-counts--dim"))
        text.append("⚑", style=style("status-counts--flag"))
        text.append(f" {self.flagged:,}  ")
        text.append("⧗", style=style("status-counts--stale"))
        text.append(f" {self.stale:,}")
        text.append(" │ ", style=style("status-counts--dim"))
        for status in STATUS_ORDER:
            if not every and not self.counts[status]:
                continue
            word_style = style(f"status-counts--status-{status.value}")
            text.append(status_word(status, self.lang), style=word_style)
            text.append(f" {self.counts[status]:,}  ")
        text.rstrip()
        return text
