"""The form to edit an indicator's definition: names, unit, direction, region, pillar, ..."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from tracker.domain.text import visible
from tracker.domain.vocab import Direction, Frequency
from tracker.tui.entries import IndicatorEntry
from tracker.tui.screens.form_dialog import FormDialog
from tracker.tui.widgets.form_field import FormField
from tracker.tui.words import direction_word, frequency_word, tr

TEXT_FIELDS = ("name", "name_en", "unit", "description", "lead", "responsible")
CHOICE_FIELDS = ("direction", "region", "pillar", "frequency")
LABELS = {"name": "name_zh", "name_en": "name_en", "unit": "unit", "description": "description"}
Choice = tuple[str, str, str, int]


class IndicatorDialog(FormDialog[IndicatorEntry]):
    """Returns the definition as text fields (as in an indicators file); a name is required."""

    def __init__(
        self,
        *,
        lang: str,
        code: str,
        fields: dict[str, str],
        regions: Sequence[Choice],
        pillars: Sequence[Choice],
    ) -> None:
        super().__init__()
        self.lang, self.code, self.fields = lang, code, fields
        self.regions, self.pillars = regions, pillars

    def compose(self) -> ComposeResult:
        lang = self.lang

        def named(choice: Choice) -> Text:
            return Text("  " * choice[3] + (choice[2] if lang == "en" and choice[2] else choice[1]))

        # Names as Text, never markup.
        choices: dict[str, list[tuple[Text | str, str]]] = {
            "direction": [(direction_word(d, lang), d.value) for d in Direction],
            "region": [(named(r), r[0]) for r in self.regions],
            "pillar": [(named(p), p[0]) for p in self.pillars],
            "frequency": [(frequency_word(f, lang), f.value) for f in Frequency],
        }
        with Vertical(id="dialog"):
            yield Label(tr("edit_title", lang, code=self.code), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for name in ("name", "name_en", "unit"):
                    yield FormField(
                        tr(LABELS[name], lang), value=visible(self.fields[name]), id=name
                    )
                for name in CHOICE_FIELDS:
                    with Horizontal(classes="form-field"):
                        yield Label(tr(name, lang), classes="form-label")
                        yield Select(
                            choices[name],
                            value=self.fields[name],
                            allow_blank=False,
                            id=name,
                            classes="form-wide",
                            compact=True,
                        )
                yield FormField(
                    tr("description", lang),
                    value=visible(self.fields["description"]),
                    id="description",
                )
                for name in ("lead", "responsible"):
                    yield FormField(
                        tr(name, lang),
                        value=visible(self.fields[name]),
                        placeholder=tr("departments_hint", lang),
                        id=name,
                    )
            yield Static("", id="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#name", FormField).input.focus()

    @on(Input.Changed, "#name-input")
    def _check_name(self) -> bool:
        field = self.query_one("#name", FormField)
        if field.value.strip():
            field.show_note("")
            return True
        field.show_error(tr("required", self.lang))
        return False

    def action_save(self) -> None:
        """Return the edited definition once the name is given."""
        if not self._check_name():
            self.query_one("#form-error", Static).update(tr("fix_fields", self.lang))
            self.query_one("#name", FormField).input.focus()
            return
        fields = {name: self.query_one(f"#{name}", FormField).value.strip() for name in TEXT_FIELDS}
        for name in CHOICE_FIELDS:
            fields[name] = str(self.query_one(f"#{name}", Select).value)
        self.dismiss(IndicatorEntry(fields))
