"""The form to clear an indicator's flag with a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from tracker.domain.text import visible
from tracker.tui.screens.form_dialog import FormDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.words import tr


class ClearFlagDialog(FormDialog[str]):
    """Shows the open flag's reason and returns the note (required) for clearing it."""

    def __init__(self, *, lang: str, code: str, reason: str) -> None:
        super().__init__()
        self.lang, self.code, self.reason = lang, code, reason

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(tr("unflag_title", lang, code=self.code), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(
                    tr("current_flag", lang, reason=visible(self.reason)),
                    classes="dialog-subtitle",
                    markup=False,
                )
                yield FormField(tr("clear_note", lang), id="note")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#note", FormField).input.focus()

    def action_save(self) -> None:
        """Return the note once it is given."""
        field = self.query_one("#note", FormField)
        if not field.value.strip():
            field.show_error(tr("required", self.lang))
            return
        self.dismiss(field.value.strip())
