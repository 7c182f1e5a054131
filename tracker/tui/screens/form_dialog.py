"""The base of the TUI's forms: save with ctrl+s, Enter or Save; close with Escape or Cancel."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from tracker.tui.words import tr

EntryT = TypeVar("EntryT")


class FormDialog(ModalScreen[EntryT | None]):
    """A modal form that returns its entry through `dismiss`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
    ]

    lang: str

    def buttons(self) -> ComposeResult:
        """The Save and Cancel buttons under the form."""
        with Horizontal(classes="dialog-buttons"):
            yield Button(tr("save", self.lang), variant="primary", id="save")
            yield Button(tr("cancel", self.lang), id="cancel")

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save_asked(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_asked(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Return the entry once the form is valid (each form checks its own fields)."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
