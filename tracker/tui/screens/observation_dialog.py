"""The form to record or correct an actual, or to set a target: checked as you type."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from tracker.domain.numbers import parse_value
from tracker.domain.periods import parse_period
from tracker.domain.text import visible
from tracker.domain.vocab import Kind
from tracker.errors import ValidationError
from tracker.tui.entries import ValueEntry
from tracker.tui.screens.form_dialog import FormDialog
from tracker.tui.table_row import number
from tracker.tui.widgets.form_field import FormField
from tracker.tui.words import error_text, tr

COMPARATORS = ((">=", "≥"), (">", ">"), ("<=", "≤"), ("<", "<"), ("=", "="), ("~", "≈"))


class ObservationDialog(FormDialog[ValueEntry]):
    """Value, period (or deadline and comparator for a target), source document, source, note.

    Nothing is returned until the value and the period are valid; each problem is explained
    next to its field. A target may have no deadline: it is then an open commitment.
    """

    def __init__(
        self,
        *,
        lang: str,
        title: str,
        name: str,
        unit: str,
        kind: Kind,
        documents: Sequence[tuple[str, str]],
        initial: ValueEntry | None = None,
        supersedes_id: int | None = None,
    ) -> None:
        super().__init__()
        self.lang, self.title_text, self.indicator_name = lang, title, name
        self.unit, self.kind, self.documents = unit, kind, documents
        self.initial, self.supersedes_id = initial, supersedes_id

    def compose(self) -> ComposeResult:
        lang, first = self.lang, self.initial
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(visible(self.indicator_name), classes="dialog-subtitle", markup=False)
            with VerticalScroll(classes="dialog-body"):
                yield FormField(
                    tr("value_in", lang, unit=self.unit or "—"),
                    value=first.value if first else "",
                    placeholder=tr("value_hint", lang),
                    id="value",
                )
                if self.kind is Kind.TARGET:
                    with Horizontal(classes="form-field"):
                        yield Label(tr("comparator", lang), classes="form-label")
                        yield Select(
                            [(shown, sign) for sign, shown in COMPARATORS],
                            value=(first.comparator if first and first.comparator else ">="),
                            allow_blank=False,
                            id="comparator",
                            classes="form-input",
                            compact=True,
                        )
                yield FormField(
                    tr("deadline" if self.kind is Kind.TARGET else "period", lang),
                    value=first.period if first else "",
                    placeholder=tr("period_hint", lang),
                    id="period",
                )
                with Horizontal(classes="form-field"):
                    yield Label(tr("document", lang), classes="form-label")
                    yield Select(
                        [(title[:60], doc) for doc, title in self.documents],
                        value=first.source_doc if first and first.source_doc else Select.NULL,
                        prompt=tr("no_document", lang),
                        id="document",
                        classes="form-wide",
                        compact=True,
                    )
                yield FormField(
                    tr("source", lang), value=first.source if first else "", id="source"
                )
                yield FormField(tr("note", lang), value=first.note if first else "", id="note")
            yield Static("", id="form-error", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        if self.initial:
            self._check_value()
            self._check_period()
        self.query_one("#value", FormField).input.focus()

    @on(Input.Changed, "#value-input")
    def _check_value(self) -> Decimal | None:
        field = self.query_one("#value", FormField)
        if not field.value.strip():
            field.show_note("")
            return None
        try:
            parsed = parse_value(field.value, self.unit)
        except ValidationError as exc:
            field.show_error(error_text(exc, self.lang))
            return None
        field.show_note(tr("means", self.lang, value=number(parsed), unit=self.unit))
        return parsed

    @on(Input.Changed, "#period-input")
    def _check_period(self) -> bool:
        field = self.query_one("#period", FormField)
        if not field.value.strip():
            if self.kind is Kind.TARGET:
                field.show_note(tr("no_deadline_means", self.lang))
                return True
            field.show_note("")
            return False
        try:
            period = parse_period(field.value)
        except ValidationError as exc:
            field.show_error(error_text(exc, self.lang))
            return False
        field.show_note(tr("period_means", self.lang, period=period.text, end=period.end))
        return True

    def action_save(self) -> None:
        """Return the entry if every field is valid; otherwise say what to fix."""
        parsed, period_ok = self._check_value(), self._check_period()
        for name, ok in (("value", parsed is not None), ("period", period_ok)):
            field = self.query_one(f"#{name}", FormField)
            if not ok and not field.invalid:
                field.show_error(tr("required", self.lang))
        if parsed is None or not period_ok:
            self.query_one("#form-error", Static).update(tr("fix_fields", self.lang))
            invalid = [f for f in self.query(FormField) if f.invalid]
            if invalid:
                invalid[0].input.focus()
            return
        document: Any = self.query_one("#document", Select).selection
        comparator = None
        if self.kind is Kind.TARGET:
            comparator = str(self.query_one("#comparator", Select).value)
        self.dismiss(
            ValueEntry(
                kind=self.kind,
                value=self.query_one("#value", FormField).value.strip(),
                period=self.query_one("#period", FormField).value.strip(),
                parsed=parsed,
                comparator=comparator,
                source_doc=document,
                source=self.query_one("#source", FormField).value.strip(),
                note=self.query_one("#note", FormField).value.strip(),
                supersedes_id=self.supersedes_id,
            )
        )
