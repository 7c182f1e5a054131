"""Shown when someone else changed the indicator after it was opened: the user decides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from tracker.domain.text import visible
from tracker.tui.screens.form_dialog import Dialog
from tracker.tui.words import field_word, tr


def shorten(value: str, width: int = 60) -> str:
    """`value` on one line, cut to `width` characters."""
    line = " ".join(visible(value).split())
    return line if len(line) <= width else line[: width - 1] + "…"


class ConflictDialog(Dialog[str]):
    """Lists the other changes and the user's own; returns `reapply`, `edit` or `discard`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('discard')", "discard")]

    def __init__(
        self,
        *,
        lang: str,
        message: str,
        others: Sequence[str],
        mine: str,
        can_edit: bool,
        fields: Sequence[tuple[str, str | None, str | None]] = (),
    ) -> None:
        super().__init__()
        self.lang, self.message, self.others = lang, message, others
        self.mine, self.can_edit, self.fields = mine, can_edit, fields

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog", classes="-error"):
            yield Label(tr("conflict_title", lang), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(visible(self.message), markup=False, id="conflict-message")
                yield Label(tr("conflict_others", lang))
                with Vertical(id="conflict-others"):
                    for line in self.others:
                        yield Static(visible(f"• {line}"), markup=False)
                mine = visible(tr("conflict_mine", lang, summary=self.mine))
                yield Static(mine, markup=False, id="mine")
                if self.fields:
                    yield Label(tr("conflict_fields", lang))
                    with Vertical(id="conflict-fields"):
                        for name, theirs, yours in self.fields:
                            yield Static(self._field_line(name, theirs, yours), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("reapply", lang), variant="warning", id="reapply")
                if self.can_edit:
                    yield Button(tr("edit_again", lang), variant="primary", id="edit")
                yield Button(tr("discard", lang), id="discard")

    def _field_line(self, name: str, theirs: str | None, yours: str | None) -> str:
        """`English name: theirs unchanged; yours "Tech SMEs"`."""
        lang, same = self.lang, tr("field_unchanged", self.lang)
        label = field_word(name, lang)
        their = same if theirs is None else f"“{shorten(theirs)}”"
        your = same if yours is None else f"“{shorten(yours)}”"
        return tr("conflict_field", lang, field=label, theirs=their, yours=your)

    def on_mount(self) -> None:
        self.query_one("#edit" if self.can_edit else "#discard", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "discard")

    def action_choose(self, choice: str) -> None:
        """Close with `choice`."""
        self.dismiss(choice)
