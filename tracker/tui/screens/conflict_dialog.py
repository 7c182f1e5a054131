"""Shown when someone else changed the indicator after it was opened: the user decides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tracker.tui.words import tr


class ConflictDialog(ModalScreen[str]):
    """Lists the other changes and the user's own; returns `reapply`, `edit` or `discard`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('discard')", "discard")]

    def __init__(
        self, *, lang: str, message: str, others: Sequence[str], mine: str, can_edit: bool
    ) -> None:
        super().__init__()
        self.lang, self.message, self.others = lang, message, others
        self.mine, self.can_edit = mine, can_edit

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog", classes="-error"):
            yield Label(tr("conflict_title", lang), classes="dialog-title")
            yield Static(self.message, markup=False, id="conflict-message")
            yield Label(tr("conflict_others", lang))
            with VerticalScroll(id="conflict-others"):
                for line in self.others:
                    yield Static(f"• {line}", markup=False)
            yield Static(tr("conflict_mine", lang, summary=self.mine), markup=False, id="mine")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("reapply", lang), variant="warning", id="reapply")
                if self.can_edit:
                    yield Button(tr("edit_again", lang), variant="primary", id="edit")
                yield Button(tr("discard", lang), id="discard")

    def on_mount(self) -> None:
        self.query_one("#edit" if self.can_edit else "#discard", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "discard")

    def action_choose(self, choice: str) -> None:
        """Close with `choice`."""
        self.dismiss(choice)
