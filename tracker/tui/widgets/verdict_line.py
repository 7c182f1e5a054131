"""An indicator's status as a coloured word, its markers, and the explanation of the verdict."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.domain.vocab import Status
from tracker.tui.table_row import past_deadline
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
        self.item: IndicatorStatus | None = None

    def show_verdict(self, item: IndicatorStatus) -> None:
        """Show the verdict of `item`."""
        self.item = item
        self.refresh(layout=True)

    def render(self) -> Text:
        item, lang = self.item, self.lang
        if item is None:
            return Text("")
        verdict, flag = item.verdict, item.row.flag
        style = self.get_component_rich_style
        text = Text(tr("verdict", lang) + ": ")
        status_style = style(f"verdict-line--status-{verdict.status}")
        text.append(status_word(verdict.status, lang), style=status_style)
        if flag is not None:
            words = tr(
                "flag_open", lang, level=level_word(flag.level, lang), reason=visible(flag.reason)
            )
            text.append(f"  ⚑ {words}", style=style("verdict-line--flag"))
        if past_deadline(item):
            text.append(f"  ⏲ {tr('past_deadline', lang)}", style=style("verdict-line--deadline"))
        if verdict.stale:
            text.append(f"  ⧗ {tr('stale', lang)}", style=style("verdict-line--stale"))
        text.append("\n" + verdict.explanation(lang))
        return text
