"""The form to raise a flag: off track or watch, with a required reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, RadioButton, RadioSet, Static

from tracker.domain.text import visible
from tracker.domain.vocab import FlagLevel
from tracker.tui.entries import FlagEntry
from tracker.tui.screens.form_dialog import FormDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.words import level_word, tr


class FlagDialog(FormDialog[FlagEntry]):
    """Returns the level and reason; an empty reason is refused next to the field."""

    def __init__(self, *, lang: str, code: str, name: str) -> None:
        super().__init__()
        self.lang, self.code, self.indicator_name = lang, code, name

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(tr("flag_title", lang, code=self.code), classes="dialog-title")
            yield Static(visible(self.indicator_name), classes="dialog-subtitle", markup=False)
            with VerticalScroll(classes="dialog-body"):
                with Horizontal(classes="form-field"):
                    yield Label(tr("level", lang), classes="form-label")
                    with RadioSet(id="level"):
                        for level in FlagLevel:
                            yield RadioButton(
                                level_word(level, lang),
                                value=level is FlagLevel.OFF_TRACK,
                                id=f"level-{level.value}",
                            )
                yield FormField(tr("flag_reason", lang), id="reason")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#reason", FormField).input.focus()

    def action_save(self) -> None:
        """Return the flag once a reason is given."""
        field = self.query_one("#reason", FormField)
        if not field.value.strip():
            field.show_error(tr("required", self.lang))
            field.input.focus()
            return
        pressed = self.query_one("#level", RadioSet).pressed_button
        level = FlagLevel.WATCH if pressed and pressed.id == "level-watch" else FlagLevel.OFF_TRACK
        self.dismiss(FlagEntry(level, field.value.strip()))
