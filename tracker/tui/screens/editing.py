"""What every screen that edits indicators shares: the forms for values, flags and definitions."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType

from tracker import services
from tracker.domain.periods import POINTS, parse_period
from tracker.domain.status_board import IndicatorStatus
from tracker.domain.text import visible
from tracker.domain.vocab import Frequency, Kind, Precision
from tracker.errors import TrackerError, driver_errors
from tracker.tui.entries import FlagEntry, IndicatorEntry, ValueEntry
from tracker.tui.screens.clear_flag_dialog import ClearFlagDialog
from tracker.tui.screens.confirm_dialog import ConfirmDialog
from tracker.tui.screens.flag_dialog import FlagDialog
from tracker.tui.screens.indicator_dialog import IndicatorDialog
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.screens.saving import PendingChange, SavingScreen, definition_fields
from tracker.tui.table_row import name_in, number
from tracker.tui.words import error_text, field_word, frequency_word, kind_word, level_word, tr

# The periods of each frequency's own; any other leaves the row's latest actual as it was.
OWN_PRECISIONS = {
    Frequency.ANNUAL: {Precision.YEAR, Precision.DAY},
    Frequency.QUARTERLY: {Precision.QUARTER, Precision.YEAR, Precision.DAY},
    Frequency.MONTHLY: {Precision.MONTH, Precision.QUARTER, Precision.YEAR, Precision.DAY},
}


def questions(
    item: IndicatorStatus, entry: ValueEntry, as_of: date, lang: str
) -> list[tuple[str, str]]:
    """What to ask (title, body) before an actual is saved: a figure that looks wrong, a
    period that ends after the judging date, a period that is not one of the indicator's and
    that the row would not show (a quarter, or a month older than its latest actual)."""
    if entry.kind is not Kind.ACTUAL:
        return []
    asked, row, latest_actual = [], item.row, item.latest
    reason = services.suspicious(
        entry.parsed, row.unit, latest_actual.value if latest_actual else None
    )
    if reason is not None:
        value = f"{number(entry.parsed)} {row.unit}"
        asked.append(
            (tr("outlier_title", lang), tr("outlier_body", lang, value=value, reason=reason))
        )
    period = parse_period(entry.period)
    if period.end > as_of:
        body = tr("future_body", lang, period=period.text, as_of=as_of.isoformat())
        asked.append((tr("future_title", lang), body))
    own = OWN_PRECISIONS.get(Frequency(row.frequency))
    # A month of an annual indicator counts only as its newest figure; a quarter never does.
    latest = parse_period(row.latest_period).end if row.latest_period else None
    shown = period.precision in POINTS and (latest is None or period.end > latest)
    if own is not None and period.precision not in own and not shown:
        frequency = frequency_word(row.frequency, lang)
        body = tr("finer_body", lang, frequency=frequency, period=period.text)
        asked.append((tr("finer_title", lang), body))
    return asked


class EditingScreen(SavingScreen):
    """A screen showing indicators that can be recorded, re-targeted, flagged and edited."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "record", "act_record"),
        Binding("t", "target", "act_target"),
        Binding("f", "flag", "act_flag"),
        Binding("e", "edit", "act_edit", show=False),
        Binding("ctrl+z", "undo", "act_undo"),
    ]

    # -- the forms ------------------------------------------------------------------------

    def action_record(self) -> None:
        """Record a new actual of the current indicator."""
        item = self.acted_on()
        if item is not None:
            self.open_value_form(item, Kind.ACTUAL, None, item.row.version, self.loaded_marker[0])

    def action_target(self) -> None:
        """Change the target that governs the current indicator's verdict (or set one)."""
        item = self.acted_on()
        if item is None:
            return
        initial, target = None, item.target
        if target is not None and target.value is not None:
            initial = ValueEntry(
                kind=Kind.TARGET,
                value=number(target.value).replace(",", ""),
                period=item.row.target_period,
                parsed=target.value,
                comparator=target.comparator,
                supersedes_id=item.row.target_id,
            )
        self.open_value_form(item, Kind.TARGET, initial, item.row.version, self.loaded_marker[0])

    def open_value_form(
        self,
        item: IndicatorStatus,
        kind: Kind,
        initial: ValueEntry | None,
        version: int | None,
        seen_event: int,
    ) -> None:
        """Open the value form; what it returns is checked, confirmed if odd, then saved."""
        lang, row = self.app.lang, item.row  # type: ignore[attr-defined]
        if kind is Kind.TARGET:
            title = tr("target_title", lang, code=row.code)
        elif initial and initial.supersedes_id:
            title = tr("correct_title", lang, code=row.code)
        else:
            title = tr("record_title", lang, code=row.code)
        documents = [(d.code, d.name) for d in self.tracker.reference.documents]
        dialog = ObservationDialog(
            lang=lang,
            title=title,
            name=name_in(row, lang),
            unit=row.unit,
            kind=kind,
            documents=documents,
            initial=initial,
            supersedes_id=initial.supersedes_id if initial else None,
        )

        def chosen(entry: ValueEntry | None) -> None:
            if entry is not None:
                self._confirm_value(item, entry, version, seen_event)

        self.app.push_screen(dialog, chosen)

    def _confirm_value(
        self, item: IndicatorStatus, entry: ValueEntry, version: int | None, seen_event: int
    ) -> None:
        """Save the value, after a yes to each question it raises (a figure that looks
        wrong, a period to come, a period unlike the indicator's); a no goes back to the form."""
        pending = self._value_change(item, entry, version, seen_event)
        asked = questions(item, entry, self.tracker.as_of, self.app.lang)  # type: ignore[attr-defined]

        def ask(remaining: list[tuple[str, str]]) -> None:
            if not remaining:
                self.submit(pending)
                return
            (title, body), rest = remaining[0], remaining[1:]

            def answered(yes: bool | None) -> None:
                if yes:
                    ask(rest)
                else:
                    self.open_value_form(item, entry.kind, entry, version, seen_event)

            lang = self.app.lang  # type: ignore[attr-defined]
            dialog = ConfirmDialog(
                title=title, body=body, yes=tr("yes_save", lang), no=tr("no_back", lang)
            )
            self.app.push_screen(dialog, answered)

        ask(asked)

    def _value_change(
        self, item: IndicatorStatus, entry: ValueEntry, version: int | None, seen_event: int
    ) -> PendingChange:

        tracker, actor = self.tracker, self.tracker.actor

        def write(expected: int | None) -> services.Change | None:
            return services.record(
                tracker.store,
                code=item.code,
                value=entry.value,
                period=entry.period,
                actor=actor,
                origin=services.TUI_ORIGIN,
                expected_version=expected,
                kind=entry.kind,
                comparator=entry.comparator,
                source_doc=entry.source_doc,
                source=entry.source,
                note=entry.note,
                supersedes_id=entry.supersedes_id,
            )

        def reopen(new_version: int | None, new_seen: int) -> None:
            self.open_value_form(item, entry.kind, entry, new_version, new_seen)

        sign = f" {entry.comparator}" if entry.comparator else ""
        lang = self.app.lang  # type: ignore[attr-defined]
        # The value as it is stored (230 for a typed ２３０), the period as typed.
        stored = number(entry.parsed).replace(",", "")
        summary = f"{kind_word(entry.kind, lang)} {entry.period}{sign} {stored}"
        return PendingChange(item.code, summary, version, seen_event, write, reopen)

    def action_flag(self) -> None:
        """Flag the current indicator, or clear its flag."""

        item = self.acted_on()
        if item is None:
            return
        lang, row = self.app.lang, item.row  # type: ignore[attr-defined]
        tracker, actor = self.tracker, self.tracker.actor
        version, seen = row.version, self.loaded_marker[0]
        flag = row.flag
        if flag is not None:

            def cleared(note: str | None) -> None:
                if note is None:
                    return
                self.submit(
                    PendingChange(
                        row.code,
                        tr("summary_unflag", lang, note=note),
                        version,
                        seen,
                        lambda expected: services.unflag(
                            tracker.store,
                            code=row.code,
                            note=note,
                            actor=actor,
                            origin=services.TUI_ORIGIN,
                            expected_version=expected,
                        ),
                    )
                )

            dialog: Any = ClearFlagDialog(lang=lang, code=row.code, reason=flag.reason)
            self.app.push_screen(dialog, cleared)
            return

        def raised(entry: FlagEntry | None) -> None:
            if entry is None:
                return
            self.submit(
                PendingChange(
                    row.code,
                    tr(
                        "summary_flag",
                        lang,
                        level=level_word(entry.level, lang),
                        reason=entry.reason,
                    ),
                    version,
                    seen,
                    lambda expected: services.flag(
                        tracker.store,
                        code=row.code,
                        level=entry.level,
                        reason=entry.reason,
                        actor=actor,
                        origin=services.TUI_ORIGIN,
                        expected_version=expected,
                    ),
                )
            )

        self.app.push_screen(FlagDialog(lang=lang, code=row.code, name=name_in(row, lang)), raised)

    def action_edit(self) -> None:
        """Edit the current indicator's definition (read fresh first)."""
        item = self.acted_on()
        if item is not None:
            self._open_definition(item.code)

    @work(thread=True, group="read")
    def _open_definition(self, code: str, mine: dict[str, str] | None = None) -> None:
        """Read the definition fresh and open the form on it, with `mine` typed over it."""

        try:
            view = services.indicator_view(self.tracker.store, code, as_of=self.tracker.as_of)
            marker = services.change_marker(self.tracker.store)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            self.app.call_from_thread(self._failed_read, exc)
            return
        self.app.call_from_thread(self._edit_definition, view, marker[0], mine or {})

    def _failed_read(self, exc: Exception) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        self.notify(visible(error_text(exc, lang)), severity="error", markup=False)

    def _edit_definition(
        self, view: services.IndicatorView, seen: int, mine: dict[str, str]
    ) -> None:
        """The form on the definition as read; only the fields the user changes are saved."""

        item, lang = view.item.row, self.app.lang  # type: ignore[attr-defined]
        seen_fields = definition_fields(view)
        tracker, actor = self.tracker, self.tracker.actor
        dialog = IndicatorDialog(
            lang=lang,
            code=item.code,
            fields=seen_fields | mine,
            regions=self.tracker.region_choices(),
            pillars=self.tracker.pillar_choices(),
        )

        def chosen(entry: IndicatorEntry | None) -> None:
            if entry is None:
                return
            # What the user changed from what the form showed (control characters shown as
            # escapes): a colleague's change to any other field since then stands.
            changed = {
                k: v
                for k, v in entry.fields.items()
                if v.strip() != visible(seen_fields.get(k, "")).strip()
            }

            def reopen(new_version: int | None, new_seen: int) -> None:
                self._open_definition(item.code, changed)

            self.submit(
                PendingChange(
                    item.code,
                    tr(
                        "summary_edit",
                        lang,
                        fields=tr("list_sep", lang).join(field_word(k, lang) for k in changed)
                        or "-",
                    ),
                    item.version,
                    seen,
                    lambda expected: services.edit_indicator(
                        tracker.store,
                        code=item.code,
                        fields=changed,
                        actor=actor,
                        origin=services.TUI_ORIGIN,
                        expected_version=expected,
                    ),
                    reopen,
                    fields=(seen_fields, changed),
                )
            )

        self.app.push_screen(dialog, chosen)
