"""What every screen that edits indicators shares: the forms, the save, conflicts and undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tracker import services
from tracker.domain.text import visible
from tracker.domain.vocab import Kind
from tracker.errors import ConflictError, TrackerError, driver_errors
from tracker.tui.entries import FlagEntry, IndicatorEntry, ValueEntry
from tracker.tui.messages import ChangeSaved
from tracker.tui.screens.clear_flag_dialog import ClearFlagDialog
from tracker.tui.screens.confirm_dialog import ConfirmDialog
from tracker.tui.screens.conflict_dialog import ConflictDialog
from tracker.tui.screens.flag_dialog import FlagDialog
from tracker.tui.screens.indicator_dialog import IndicatorDialog
from tracker.tui.screens.observation_dialog import ObservationDialog
from tracker.tui.table_row import TableRow, number
from tracker.tui.words import (
    action_word,
    error_text,
    field_word,
    kind_word,
    level_word,
    tr,
)

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

Write = Callable[[int | None], "services.Change | None"]


@dataclass
class PendingChange:
    """A change the user asked for, not yet saved: enough to save, retry or edit it again."""

    code: str
    summary: str
    version: int | None
    seen_event: int
    write: Write
    reopen: Callable[[int | None, int], None] | None = None
    undoes: services.Change | None = None
    # A definition edit: the fields as the form showed them, and those the user changed.
    fields: tuple[dict[str, str], dict[str, str]] | None = None


def definition_fields(view: services.IndicatorView) -> dict[str, str]:
    """An indicator's definition as the edit form shows it (region and pillar as codes)."""
    item = view.item.row
    return {
        "name": item.name,
        "name_en": item.name_en,
        "unit": item.unit,
        "direction": item.direction.value,
        "region": item.region.code,
        "pillar": item.pillar.code,
        "frequency": item.frequency.value,
        "description": view.description,
        "lead": "、".join(item.lead),
        "responsible": "、".join(item.responsible),
    }


def field_rows(
    seen: dict[str, str], latest: dict[str, str], mine: dict[str, str]
) -> list[tuple[str, str | None, str | None]]:
    """Each field someone changed: (field, theirs or None, yours or None)."""
    names = [k for k in latest if latest[k] != seen.get(k) or k in mine]
    return [(k, latest[k] if latest[k] != seen.get(k) else None, mine.get(k)) for k in names]


class EditingScreen(Screen[None]):
    """A screen showing indicators that can be recorded, re-targeted, flagged and edited."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "record", "act_record"),
        Binding("t", "target", "act_target"),
        Binding("f", "flag", "act_flag"),
        Binding("e", "edit", "act_edit"),
        Binding("ctrl+z", "undo", "act_undo"),
    ]

    loaded_marker: tuple[int, int] = (0, 0)

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def acted_on(self) -> TableRow | None:
        """The indicator the edit keys act on."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the screen's data again."""
        raise NotImplementedError

    # -- the forms ------------------------------------------------------------------------

    def action_record(self) -> None:
        """Record a new actual of the current indicator."""
        row = self.acted_on()
        if row is not None:
            self.open_value_form(row, Kind.ACTUAL, None, row.version, self.loaded_marker[0])

    def action_target(self) -> None:
        """Change the target that governs the current indicator's verdict (or set one)."""
        row = self.acted_on()
        if row is None:
            return
        initial = None
        if row.target_value is not None:
            initial = ValueEntry(
                kind=Kind.TARGET,
                value=number(row.target_value).replace(",", ""),
                period=row.target_period,
                parsed=row.target_value,
                comparator=row.target_comparator,
                supersedes_id=row.target_id,
            )
        self.open_value_form(row, Kind.TARGET, initial, row.version, self.loaded_marker[0])

    def open_value_form(
        self,
        row: TableRow,
        kind: Kind,
        initial: ValueEntry | None,
        version: int | None,
        seen_event: int,
    ) -> None:
        """Open the value form; what it returns is checked, confirmed if odd, then saved."""
        lang = self.app.lang  # type: ignore[attr-defined]
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
            name=row.name_in(lang),
            unit=row.unit,
            kind=kind,
            documents=documents,
            initial=initial,
            supersedes_id=initial.supersedes_id if initial else None,
        )

        def chosen(entry: ValueEntry | None) -> None:
            if entry is not None:
                self._confirm_value(row, entry, version, seen_event)

        self.app.push_screen(dialog, chosen)

    def _confirm_value(
        self, row: TableRow, entry: ValueEntry, version: int | None, seen_event: int
    ) -> None:

        lang = self.app.lang  # type: ignore[attr-defined]
        pending = self._value_change(row, entry, version, seen_event)
        reason = None
        if entry.kind is Kind.ACTUAL:
            reason = services.suspicious(entry.parsed, row.unit, row.actual_value)
        if reason is None:
            self.submit(pending)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.submit(pending)
            else:
                self.open_value_form(row, entry.kind, entry, version, seen_event)

        body = tr("outlier_body", lang, value=f"{number(entry.parsed)} {row.unit}", reason=reason)
        dialog = ConfirmDialog(
            title=tr("outlier_title", lang),
            body=body,
            yes=tr("yes_save", lang),
            no=tr("no_back", lang),
        )
        self.app.push_screen(dialog, answered)

    def _value_change(
        self, row: TableRow, entry: ValueEntry, version: int | None, seen_event: int
    ) -> PendingChange:

        tracker, actor = self.tracker, self.tracker.actor

        def write(expected: int | None) -> services.Change | None:
            return services.record(
                tracker.store,
                code=row.code,
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
            self.open_value_form(row, entry.kind, entry, new_version, new_seen)

        sign = f" {entry.comparator}" if entry.comparator else ""
        lang = self.app.lang  # type: ignore[attr-defined]
        summary = f"{kind_word(entry.kind, lang)} {entry.period}{sign} {entry.value}"
        return PendingChange(row.code, summary, version, seen_event, write, reopen)

    def action_flag(self) -> None:
        """Flag the current indicator, or clear its flag."""

        row = self.acted_on()
        if row is None:
            return
        lang = self.app.lang  # type: ignore[attr-defined]
        tracker, actor = self.tracker, self.tracker.actor
        version, seen = row.version, self.loaded_marker[0]
        if row.flagged:

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

            dialog: Any = ClearFlagDialog(lang=lang, code=row.code, reason=row.flag_reason)
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

        self.app.push_screen(FlagDialog(lang=lang, code=row.code, name=row.name_in(lang)), raised)

    def action_edit(self) -> None:
        """Edit the current indicator's definition (read fresh first)."""
        row = self.acted_on()
        if row is not None:
            self._open_definition(row.code)

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

    # -- saving ---------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change made in this session, as a new audited change."""

        change = self.tracker.changes[-1] if self.tracker.changes else None
        if change is None:
            self.notify(tr("nothing_to_undo", self.app.lang))  # type: ignore[attr-defined]
            return
        tracker, actor = self.tracker, self.tracker.actor

        def write(expected: int | None) -> services.Change | None:
            # The same revert as `tracker revert`: a new change set undoing the change's.
            return services.revert(
                tracker.store,
                change.change_set_id,
                actor=actor,
                origin=services.TUI_ORIGIN,
                expected_version=expected,
            )

        # This session's later changes moved the version on; anyone else's is a conflict.
        version = self.tracker.versions.get(change.code, change.version)
        self.submit(
            PendingChange(
                change.code,
                tr("summary_undo", self.app.lang, summary=change.summary),  # type: ignore[attr-defined]
                version,
                change.change_set_id,
                write,
                undoes=change,
            )
        )

    def submit(self, pending: PendingChange, expected: int | None = None) -> None:
        """Save `pending` in a worker, based on the version the user saw (or `expected`)."""
        self._write(pending, pending.version if expected is None else expected)

    @work(thread=True, group="write")
    def _write(self, pending: PendingChange, expected: int | None) -> None:

        try:
            change = pending.write(expected)
        except ConflictError as exc:
            rows: list[tuple[str, str | None, str | None]] = []
            try:
                store, code = self.tracker.store, pending.code
                others = services.changes_since(store, code, pending.seen_event)
                if pending.fields is not None:
                    view = services.indicator_view(store, code, as_of=self.tracker.as_of)
                    seen, mine = pending.fields
                    rows = field_rows(seen, definition_fields(view), mine)
            except (TrackerError, *driver_errors()):  # type: ignore[misc]  # mypy misreads the starred tuple
                others = []
            self.app.call_from_thread(self._conflicted, pending, exc, others, rows)
        except (TrackerError, *driver_errors()) as exc:  # type: ignore[misc]  # mypy misreads the starred tuple
            self.app.call_from_thread(self._failed, pending, exc)
        else:
            self.app.call_from_thread(self._written, pending, change)

    def _written(self, pending: PendingChange, change: services.Change | None) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        if change is not None:
            self.tracker.versions[change.code] = change.version
        if change is None:
            self.notify(tr("unchanged", lang))
        elif pending.undoes is not None:
            if pending.undoes in self.tracker.changes:
                self.tracker.changes.remove(pending.undoes)
            self.notify(visible(tr("undone", lang, summary=pending.undoes.summary)), markup=False)
        else:
            self.post_message(ChangeSaved(change))
            self.notify(visible(tr("saved", lang, summary=pending.summary)), markup=False)
        self.reload()

    def _failed(self, pending: PendingChange, exc: Exception) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        if pending.undoes is not None and isinstance(exc, TrackerError):
            # It can no longer be undone (someone replaced the value, cleared the flag...):
            # drop it, so that the next undo goes to the change before it.
            if pending.undoes in self.tracker.changes:
                self.tracker.changes.remove(pending.undoes)
            message = visible(tr("cannot_undo", lang, message=error_text(exc, lang)))
            self.notify(message, severity="error", timeout=8, markup=False)
            self.reload()
            return
        message = visible(tr("error", lang, message=error_text(exc, lang)))
        self.notify(message, severity="error", timeout=8, markup=False)
        if pending.reopen is not None:
            pending.reopen(pending.version, pending.seen_event)

    def _conflicted(
        self,
        pending: PendingChange,
        exc: ConflictError,
        others: list[services.AuditLine],
        fields: list[tuple[str, str | None, str | None]],
    ) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        lines = [
            tr(
                "audit_line",
                lang,
                at=f"{o.at:%Y-%m-%d %H:%M}",
                actor=o.actor,
                origin=o.origin,
                action=action_word(o.action, lang),
                summary=o.summary,
            )
            for o in others
        ]
        newest = max([pending.seen_event, *(o.id for o in others)])
        dialog = ConflictDialog(
            lang=lang,
            message=error_text(exc, lang),
            others=lines,
            mine=pending.summary,
            can_edit=pending.reopen is not None,
            fields=fields,
        )

        def chosen(choice: str | None) -> None:
            if choice == "reapply":
                self.submit(pending, exc.current_version)
            elif choice == "edit" and pending.reopen is not None:
                pending.reopen(exc.current_version, newest)
            else:
                self.notify(tr("discarded", lang))
            self.reload()

        self.app.push_screen(dialog, chosen)
