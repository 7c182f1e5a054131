"""A labelled form input with its error (or a preview of what was understood) beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static


class FormField(Horizontal):
    """`Label  [input]  message`; the message turns red when the input is invalid."""

    def __init__(
        self, label: str, *, value: str = "", placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="form-field")
        self._label, self._value, self._placeholder = label, value, placeholder

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="form-label")
        yield Input(
            value=self._value,
            placeholder=self._placeholder,
            id=f"{self.id}-input" if self.id else None,
            classes="form-input",
            compact=True,
        )
        yield Static("", classes="form-message", markup=False)

    @property
    def value(self) -> str:
        """What is typed."""
        return self.query_one(Input).value

    @property
    def input(self) -> Input:
        """The input itself."""
        return self.query_one(Input)

    def show_error(self, message: str) -> None:
        """Explain what is wrong, next to the input."""
        self.set_class(True, "-invalid")
        self.query_one(".form-message", Static).update(message)

    def show_note(self, message: str) -> None:
        """Show what was understood (or nothing): the input is valid."""
        self.set_class(False, "-invalid")
        self.query_one(".form-message", Static).update(message)

    @property
    def invalid(self) -> bool:
        """Whether an error is shown."""
        return self.has_class("-invalid")
