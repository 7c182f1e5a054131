"""An indicator's status as a coloured word, its markers, and the explanation of the verdict."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.text import visible
from tracker.domain.vocab import Status
from tracker.tui.table_row import TableRow
from tracker.tui.words import level_word, status_word, tr


class VerdictLine(Widget):
    """`滞后 ⚑ 已标记(滞后):… — 自 2020 的 … 比值 0.05,…`"""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "verdict-line--flag",
        "verdict-line--stale",
        "verdict-line--deadline",
        *(f"verdict-line--status-{s.value}" for s in Status),
    }

    lang = reactive("zh")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row: TableRow | None = None

    def show_verdict(self, row: TableRow) -> None:
        """Show the verdict of `row`."""
        self.row = row
        self.refresh(layout=True)

    def render(self) -> Text:
        row, lang = self.row, self.lang
        if row is None:
            return Text("")
        style = self.get_component_rich_style
        text = Text(tr("verdict", lang) + ": ")
        status_style = style(f"verdict-line--status-{row.status}")
        text.append(status_word(row.status, lang), style=status_style)
        if row.flagged:
            flag = tr(
                "flag_open",
                lang,
                level=level_word(row.flag_level or "", lang),
                reason=visible(row.flag_reason),
            )
            text.append(f"  ⚑ {flag}", style=style("verdict-line--flag"))
        if row.past_deadline:
            text.append(f"  ⏲ {tr('past_deadline', lang)}", style=style("verdict-line--deadline"))
        if row.stale:
            text.append(f"  ⧗ {tr('stale', lang)}", style=style("verdict-line--stale"))
        text.append("\n" + row.explanation(lang))
        return text
