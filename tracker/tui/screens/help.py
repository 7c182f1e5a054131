"""The help screen: the keys of each screen, the markers, the statuses, where things are kept."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tracker.domain.vocab import STATUS_ORDER
from tracker.tui.keys import described
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.indicator_detail import IndicatorDetailScreen
from tracker.tui.settings import settings_path
from tracker.tui.words import status_word, tr


class HelpScreen(Screen[None]):
    """Lists the keys from the screens' own bindings, so that it cannot drift from them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "act_back"),
        Binding("question_mark", "back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="help"):
            yield Static(id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=True)

    def _relabel(self, lang: str) -> None:

        self.sub_title = tr("help_title", lang)
        sections = [
            ("keys_everywhere", type(self.app).BINDINGS),
            ("keys_browse", BrowseScreen.BINDINGS),
            ("keys_detail", IndicatorDetailScreen.BINDINGS),
            ("keys_dashboard", DashboardScreen.BINDINGS),
        ]
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        self.entries = []
        # The markers first: they are what a newcomer wonders about in the table.
        grid.add_row(Text(tr("legend", lang), style="bold underline"), "")
        for word in ("legend_flag", "legend_deadline", "legend_stale"):
            grid.add_row("", tr(word, lang))
        grid.add_row("", "")
        for title, bindings in sections:
            grid.add_row(Text(tr(title, lang), style="bold underline"), "")
            for key, description in described(list(bindings), lang):  # type: ignore[arg-type]
                grid.add_row(Text(key, style="bold"), description)
                self.entries.append((key, description))
            grid.add_row("", "")
        grid.add_row(Text(tr("mouse", lang), style="bold underline"), "")
        grid.add_row("", tr("mouse_help", lang))
        grid.add_row("", "")
        grid.add_row(Text(tr("statuses", lang), style="bold underline"), "")
        grid.add_row("", " · ".join(status_word(s, lang) for s in STATUS_ORDER))
        grid.add_row("", tr("status_help", lang))
        grid.add_row("", "")
        where = self.app.where  # type: ignore[attr-defined]
        grid.add_row("", tr("database", lang, where=where))
        grid.add_row("", tr("settings_at", lang, path=settings_path()))
        self.query_one("#help-text", Static).update(grid)

    def action_back(self) -> None:
        """Close the help."""
        self.dismiss()
