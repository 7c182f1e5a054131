"""The base of the TUI's forms: save with ctrl+s, Enter or Save; close with Escape or Cancel.

Every dialog has the same frame: a title, a body that scrolls when the terminal is short,
and the buttons with the keys that stand for them, always on screen under the body.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tracker.tui.words import tr

EntryT = TypeVar("EntryT")
ResultT = TypeVar("ResultT")

# A dialog in a short or narrow terminal (80x24) drops its margins and stacks its fields.
DIALOG_HEIGHTS: list[tuple[int, str]] = [(0, "-short"), (32, "-tall")]
DIALOG_WIDTHS: list[tuple[int, str]] = [(0, "-narrow"), (100, "-wide")]


class Dialog(ModalScreen[ResultT]):
    """A modal screen laid out compactly in a small terminal (`-short`, `-narrow`)."""

    VERTICAL_BREAKPOINTS = DIALOG_HEIGHTS
    HORIZONTAL_BREAKPOINTS = DIALOG_WIDTHS

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_body)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_body)

    def fit_body(self) -> None:
        """Let the scrolling body have what the screen leaves after the title and buttons,
        so that the buttons stay on screen however short the terminal."""
        bodies = self.query(".dialog-body")
        if not bodies:
            return
        body, dialog = bodies.first(), self.query_one("#dialog")
        frame = dialog.outer_size.height - dialog.content_size.height
        others = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in dialog.children
            if child is not body and child.display
        )
        body.styles.max_height = max(3, self.size.height - frame - others)


class FormDialog(Dialog[EntryT | None]):
    """A modal form that returns its entry through `dismiss`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "save", "save"),
    ]

    lang: str

    def buttons(self) -> ComposeResult:
        """The Save and Cancel buttons under the form, and the keys that do the same."""
        with Horizontal(classes="dialog-buttons"):
            yield Button(tr("save", self.lang), variant="primary", id="save")
            yield Button(tr("cancel", self.lang), id="cancel")
            yield Static(tr("form_keys", self.lang), classes="dialog-keys", markup=False)

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
