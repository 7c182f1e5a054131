"""Saving a change in a worker: conflicts with another editor, failures, undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from tracker import services
from tracker.domain.text import visible
from tracker.errors import ConflictError, TrackerError, driver_errors
from tracker.tui.messages import ChangeSaved
from tracker.tui.screens.conflict_dialog import ConflictDialog
from tracker.tui.table_row import TableRow
from tracker.tui.words import action_word, error_text, tr

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


class SavingScreen(Screen[None]):
    """A screen that saves the changes its forms ask for, and undoes this session's."""

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
