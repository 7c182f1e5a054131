"""The search box and filters above the table, on one line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Checkbox, Input, Select

from tracker.domain.text import visible
from tracker.domain.vocab import STATUS_ORDER
from tracker.tui.messages import FiltersChanged
from tracker.tui.selection import Selection
from tracker.tui.words import status_word, tr

# A choice offered by a filter: code, Chinese name, English name, depth in the hierarchy.
Choice = tuple[str, str, str, int]
CHECKS = (("flagged", "flagged_only"), ("stale", "stale_only"), ("attention", "attention_only"))


class FilterBar(Horizontal):
    """Search by code or name as you type; filter by region, pillar, status, department."""

    lang = reactive("zh")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.regions: Sequence[Choice] = ()
        self.pillars: Sequence[Choice] = ()
        self.departments: Sequence[str] = ()

    def compose(self) -> ComposeResult:
        yield Input(id="search", compact=True)
        for name in ("region", "pillar", "status", "department"):
            yield Select[Any]([], id=name, compact=True, allow_blank=True)
        for name, _ in CHECKS:
            yield Checkbox(id=name, compact=True)

    def on_mount(self) -> None:
        self._relabel()

    def watch_lang(self) -> None:
        if self.is_mounted:
            self._relabel()

    def set_choices(
        self, regions: Sequence[Choice], pillars: Sequence[Choice], departments: Sequence[str]
    ) -> None:
        """Offer these regions, pillars and departments (the current choices are kept)."""
        self.regions, self.pillars, self.departments = regions, pillars, departments
        self._relabel()

    def set_selection(self, selection: Selection) -> None:
        """Show `selection` in the controls without reporting it back."""
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            self.query_one("#search", Input).value = selection.search
            for name in ("region", "pillar", "status", "department"):
                value = getattr(selection, name)
                select = self.query_one(f"#{name}", Select)
                select.value = value if value is not None else Select.NULL
            for name, _ in CHECKS:
                self.query_one(f"#{name}", Checkbox).value = getattr(selection, name)

    @property
    def selection(self) -> Selection:
        """The filters as they are set now (sorting is not the bar's business)."""

        def chosen(name: str) -> Any:
            return self.query_one(f"#{name}", Select).selection

        return Selection(
            search=self.query_one("#search", Input).value,
            region=chosen("region"),
            pillar=chosen("pillar"),
            status=chosen("status"),
            department=chosen("department"),
            flagged=self.query_one("#flagged", Checkbox).value,
            stale=self.query_one("#stale", Checkbox).value,
            attention=self.query_one("#attention", Checkbox).value,
        )

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Any) -> None:
        event.stop()
        self.post_message(FiltersChanged(self.selection))

    def _relabel(self) -> None:
        lang = self.lang

        def name(choice: Choice) -> Text:
            code, zh, en, depth = choice
            return Text("  " * depth + (en if lang == "en" and en else zh))

        # Names as Text, never markup.
        options: dict[str, list[tuple[Text, Any]]] = {
            "region": [(name(c), c[0]) for c in self.regions],
            "pillar": [(name(c), c[0]) for c in self.pillars],
            "status": [(Text(status_word(s, lang)), s) for s in STATUS_ORDER],
            "department": [(Text(visible(d)), d) for d in self.departments],
        }
        prompts = {
            "region": "all_regions",
            "pillar": "all_pillars",
            "status": "all_statuses",
            "department": "all_departments",
        }
        with self.prevent(Select.Changed):
            for key, choices in options.items():
                select = self.query_one(f"#{key}", Select)
                kept = select.selection
                select.prompt = tr(prompts[key], lang)
                select.set_options(choices)
                if kept is not None and any(value == kept for _, value in choices):
                    select.value = kept
        self.query_one("#search", Input).placeholder = tr("search", lang)
        for key, word in CHECKS:
            self.query_one(f"#{key}", Checkbox).label = tr(word, lang)
