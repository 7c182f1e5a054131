"""The form to clear an indicator's flag with a note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.domain.text import visible
from tracker.tui.widgets.form_field import FormField
from tracker.tui.words import tr


class ClearFlagDialog(ModalScreen[str | None]):
    """Shows the open flag's reason and returns the note (required) for clearing it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
    ]

    def __init__(self, *, lang: str, code: str, reason: str) -> None:
        super().__init__()
        self.lang, self.code, self.reason = lang, code, reason

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(tr("unflag_title", lang, code=self.code), classes="dialog-title")
            yield Static(
                tr("current_flag", lang, reason=visible(self.reason)),
                classes="dialog-subtitle",
                markup=False,
            )
            yield FormField(tr("clear_note", lang), id="note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("save", lang), variant="primary", id="save")
                yield Button(tr("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", FormField).input.focus()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Return the note once it is given."""
        field = self.query_one("#note", FormField)
        if not field.value.strip():
            field.show_error(tr("required", self.lang))
            return
        self.dismiss(field.value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without clearing the flag."""
        self.dismiss(None)
