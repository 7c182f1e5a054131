"""The Textual app: the store, the language, the change marker it polls, this session's changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from tracker import services
from tracker.config import current_actor
from tracker.domain.status_board import Reference
from tracker.domain.text import visible
from tracker.errors import TrackerError, driver_errors
from tracker.i18n import has
from tracker.report import write_report
from tracker.report.words import say
from tracker.tui.choices import Choice, pillar_choices, region_choices
from tracker.tui.keys import localize_bindings, translated
from tracker.tui.messages import ChangeSaved
from tracker.tui.screens.browse import BrowseScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.settings import load_settings, save_settings
from tracker.tui.view_actions import ViewTable, ask_as_of, export_table, write_template
from tracker.tui.words import error_text, title_word, tr


class TrackerApp(App[None]):
    """Browse and update the indicators of one store."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "act_help", key_display="?"),
        Binding("l", "language", "act_language", show=False),
        Binding("q", "quit", "act_quit", show=False),
        # Textual's own palette key, described in the current language
        Binding("ctrl+p", "command_palette", "act_palette", show=False, priority=True),
    ]

    lang = reactive("zh")
    marker: reactive[tuple[int, int]] = reactive((0, 0))
    # The date every verdict is judged as of; the screens judge again when it changes.
    as_of: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self,
        url: str,
        *,
        store: services.Store | None = None,
        first: services.StatusBoard | None = None,
        lang: str,
        as_of: date,
        actor: str,
        poll_seconds: float = 2.0,
        cursor_blink: bool = True,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.url, self.actor = url, actor
        self.set_reactive(TrackerApp.as_of, as_of)
        self._store, self._opening = store, threading.Lock()
        self._first = first
        self.poll_seconds, self.cursor_blink, self.remember = poll_seconds, cursor_blink, remember
        self.changes: list[services.Change] = []
        self.versions: dict[str, int] = {}  # the version each indicator reached by our writes
        self.reference = Reference((), (), ())
        self._my_region: str | None = None
        self.set_reactive(TrackerApp.lang, lang)

    @property
    def store(self) -> services.Store:
        """The store, opened on first use: the first screen of a SQLite file is read without
        it (see services.read_status_board), and `open_in_background` opens it while people
        look."""
        with self._opening:
            if self._store is None:
                try:
                    self._store = services.open_store(self.url)
                except OSError as exc:  # a file this user may read but not write, say
                    raise TrackerError(f"cannot open {self.url} for changes: {exc}") from exc
            return self._store

    @property
    def opened(self) -> services.Store | None:
        """The store if it is open already (else it is read from its file or opened)."""
        return self._store

    def adopt(self, store: services.Store) -> None:
        """Keep a store that a read opened."""
        with self._opening:
            if self._store is None:
                self._store = store

    def take_first_board(self) -> services.StatusBoard | None:
        """The board `make_app` read, once (later loads read again)."""
        first, self._first = self._first, None
        return first

    @property
    def where(self) -> str:
        """The store's URL with any password hidden (a store not opened yet is a plain SQLite
        file, whose URL has none)."""
        return self._store.where if self._store is not None else self.url

    def open_in_background(self) -> None:
        """Open the store in a worker so that the first change does not wait for it; if it
        cannot be opened for changes, say so now rather than at the first change."""
        self.run_worker(self._open, thread=True, group="open", exit_on_error=False)

    def _open(self) -> None:
        try:
            self.store  # noqa: B018 - opening it is the point
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            self.call_from_thread(
                self.notify,
                visible(error_text(exc, self.lang)),
                severity="error",
                timeout=30,
                markup=False,
            )

    def get_default_screen(self) -> Screen[Any]:

        return BrowseScreen()

    def on_mount(self) -> None:
        self.title = title_word(self.lang, url=self.url, actor=self.actor)
        localize_bindings(self, self.lang)
        localize_bindings(self.screen, self.lang)
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.check_for_changes)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Push a screen with its keys described in the current language."""
        if isinstance(screen, Screen):
            localize_bindings(screen, self.lang)
        return super().push_screen(screen, *args, **kwargs)

    def watch_lang(self, lang: str) -> None:
        self.title = title_word(lang, url=self.url, actor=self.actor)
        if self.screen_stack:
            localize_bindings(self, lang)
            for screen in self.screen_stack:
                localize_bindings(screen, lang)
        if self.remember:
            save_settings(lang=lang)

    def action_language(self) -> None:
        """Switch between Chinese and English (remembered for the next run)."""
        self.lang = "en" if self.lang == "zh" else "zh"

    def action_help(self) -> None:
        """Show the keys and what the markers and statuses mean."""

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def check_for_changes(self) -> None:
        """Read the change marker in a worker; the screens reload when it moves."""
        self.run_worker(
            self._read_marker, thread=True, group="poll", exclusive=True, exit_on_error=False
        )

    def _read_marker(self) -> None:
        try:
            marker = services.change_marker(self.store)
        except (TrackerError, *driver_errors()):  # type: ignore[misc]  # mypy misreads the starred tuple
            return  # a busy or unreachable database is tried again at the next tick
        self.call_from_thread(setattr, self, "marker", marker)

    def on_change_saved(self, message: ChangeSaved) -> None:
        self.changes.append(message.change)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def region_choices(self) -> list[Choice]:
        """Regions as filter and form choices."""
        return region_choices(self.reference.regions)

    def pillar_choices(self) -> list[Choice]:
        """Pillars as filter and form choices."""
        return pillar_choices(self.reference.pillars)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen, and sorting by each column, in the palette."""
        for command in super().get_system_commands(screen):
            yield palette_command(command, self.lang)
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.description and binding.action not in seen and binding.action:
                seen.add(binding.action)
                yield SystemCommand(
                    translated(binding, self.lang).description,
                    f"{tr('key', self.lang)}: {key}",
                    lambda node=active.node, action=binding.action: self._run(node, action),
                )
        yield from getattr(screen, "commands", lambda: [])()
        yield SystemCommand(
            say("tui_report", self.lang), say("tui_report_help", self.lang), self.write_briefing
        )
        yield SystemCommand(
            tr("act_template", self.lang), tr("act_template_help", self.lang), self.write_template
        )

    def write_briefing(self) -> None:
        """Write the Word briefing as of the app's date into the current folder, in a worker."""
        self.run_worker(self._write_briefing, thread=True, group="report", exit_on_error=False)

    def _write_briefing(self) -> None:
        path = Path.cwd() / f"briefing-{self.as_of}.docx"
        try:
            write_report(self.store, path, as_of=self.as_of, lang=self.lang)
        except (TrackerError, OSError, *driver_errors()) as exc:  # type: ignore[misc]  # as in _open
            self.call_from_thread(self.notify, visible(str(exc)), severity="error", markup=False)
            return
        done = say("tui_report_done", self.lang, path=path)
        self.call_from_thread(self.notify, visible(done), timeout=15, markup=False)

    @property
    def my_region(self) -> str | None:
        """The region remembered as the user's own (set in the filters dialog)."""
        region = load_settings().get("region") if self.remember else self._my_region
        return region if isinstance(region, str) and region else None

    @my_region.setter
    def my_region(self, region: str | None) -> None:
        self._my_region = region
        if self.remember:
            save_settings(region=region or "")

    def write_template(self) -> None:
        """Write the fill-in workbook of the region shown (or my region) for the period due,
        into the current folder, in a worker."""
        write_template(self)

    def action_as_of(self) -> None:
        """Ask for the date to judge every indicator as of."""
        ask_as_of(self)

    def export_table(self, what: str, table: Callable[[], ViewTable]) -> None:
        """Ask for a file name, then write `table()` (headers and rows) there, in a worker."""
        export_table(self, what, table)

    async def _run(self, node: Any, action: str) -> None:
        await node.run_action(action)

    def action_command_palette(self) -> None:
        """The command palette, its prompt in the current language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = tr("palette.placeholder", self.lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))


def palette_command(command: SystemCommand, lang: str) -> SystemCommand:
    """One of Textual's own palette commands in `lang` (their words are the catalogue's
    `palette.<title>` keys; a command Textual adds later stays as it is)."""
    title, hidden = f"palette.{command.title}", command.help.startswith("Hide")
    if not has(title):
        return command
    help_key = f"{title}.hide" if hidden and has(f"{title}.hide") else f"{title}.help"
    words = tr(help_key, lang) if has(help_key) else command.help
    return command._replace(title=tr(title, lang), help=words)


def initial_lang(lang: str | None) -> str:
    """The language asked for, else the remembered one, else TRACKER_LANG, else Chinese."""
    chosen = lang or load_settings().get("lang") or os.environ.get("TRACKER_LANG") or "zh"
    return "en" if str(chosen).lower().startswith("en") else "zh"


def make_app(
    url: str,
    *,
    lang: str | None = None,
    as_of: date | None = None,
    actor: str | None = None,
    poll_seconds: float = 2.0,
    cursor_blink: bool = True,
) -> TrackerApp:
    """The app on the store at `url` (created and seeded when absent). A SQLite file at the
    current schema is opened once the first screen shows; anything else is opened now, so
    that a store that must be created, migrated or reached fails before the screen does."""
    when = as_of or date.today()
    # The first screen's board is read now: a store that must be created, migrated or
    # reached fails here rather than on the screen.
    first = services.read_status_board(url, as_of=when, create=True)
    return TrackerApp(
        url,
        store=first.store,
        first=first,
        lang=initial_lang(lang),
        as_of=when,
        actor=actor or current_actor(),
        poll_seconds=poll_seconds,
        cursor_blink=cursor_blink,
    )
