"""One line to type (a date, a file name), checked before it is returned: Enter or OK
returns it, Escape or Cancel returns None."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.tui.words import tr


class PromptDialog(ModalScreen[str | None]):
    """Ask for one value; `check` returns what is wrong with a text, or None when it is good."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel"),
        Binding("ctrl+s", "ok", "ok"),
    ]

    def __init__(
        self,
        *,
        title: str,
        prompt: str,
        value: str,
        lang: str,
        check: Callable[[str], str | None],
        dialog_id: str,
    ) -> None:
        super().__init__(id=dialog_id)
        self.title_text, self.prompt, self.value, self.lang = title, prompt, value, lang
        self.check = check

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            hint = f"{self.prompt}\n{tr('dialog_keys', self.lang)}"
            yield Static(hint, classes="dialog-subtitle", markup=False)
            yield Input(self.value, id="prompt-value", classes="form-wide")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("ok", self.lang), variant="primary", id="ok")
                yield Button(tr("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-value", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_ok(self) -> None:
        """Return the text if it is good; else say what is wrong with it."""
        text = self.query_one("#prompt-value", Input).value.strip()
        problem = self.check(text)
        if problem is not None:
            self.query_one("#form-error", Static).update(problem)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close, returning nothing."""
        self.dismiss(None)
