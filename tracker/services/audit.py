"""The record of changes read back: the audit trail (`tracker audit`, the TUI's audit tab),
the changes since a moment, and the change sets (`tracker changes`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tracker.domain.schemas import EDITABLE_INDICATOR_FIELDS
from tracker.errors import ValidationError
from tracker.i18n import Words, has, phrase
from tracker.services.store import Store
from tracker.storage import history, queries
from tracker.storage.changes import ChangeSummary
from tracker.storage.changes import change_sets as history_sets
from tracker.storage.engine import reading

AUDIT_SHOWN = 200


def audit_trail(
    store: Store,
    *,
    indicator: str | None = None,
    actor: str | None = None,
    source: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[history.Entry]:
    """Every recorded change, newest first (definition and flag changes from their audit
    events, value changes from the observation chain, each with its change set's who and
    when): by indicator, actor, origin (cli, tui, import:FILE, seed) and a date range
    [since, until)."""
    if since and until and since >= until:
        raise ValidationError(f"the range {since} to {until} is empty")

    def midnight(day: date | None) -> Any:
        # Changes are stamped in UTC; a day is taken from UTC midnight.
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None

    with reading(store.engine) as session:
        code = queries.get_indicator(session=session, code=indicator).code if indicator else None
        return history.entries(
            session=session,
            indicator_code=code,
            actor=actor,
            origin=source,
            since=midnight(since),
            until=midnight(until),
            limit=limit,
        )


@dataclass(frozen=True)
class AuditLine:
    """One recorded change (its id the change set's), with a short account of what it
    changed."""

    id: int
    at: datetime
    actor: str
    origin: str
    action: str
    entity: str
    summary: str


def audit_line(event: history.Entry) -> AuditLine:
    """A recorded change with a one-line account of it."""
    summary = describe_event(event.action, event.entity, event.before, event.after)
    return AuditLine(
        event.id or 0, event.at, event.actor, event.origin, event.action, event.entity, summary
    )


def describe_event(action: str, entity: str, before: str | None, after: str | None) -> str:
    """What an audit event changed, from its before/after snapshots, in a few words: English
    as a `str`, in Chinese too by `say(lang)` (a `Words`)."""
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    if entity == "observation":
        shown = new or old
        kind = shown.get("kind", "")
        text = f"{kind} {shown.get('period', '')} = {shown.get('value', '')}"
        if shown.get("comparator"):
            text = f"{shown['kind']} {shown['period']} {shown['comparator']} {shown['value']}"
        parts: list[object] = [
            phrase(
                "audit.value",
                kind=phrase(f"kind.{kind}") if has(f"kind.{kind}") else kind,
                period=shown.get("period", ""),
                comparator=shown.get("comparator") or "=",
                value=shown.get("value", ""),
            )
        ]
        if action == "correct" and old:
            text += f" (was {old.get('period', '')} {old.get('value', '')})"
            parts.append(
                phrase("audit.was", period=old.get("period", ""), value=old.get("value", ""))
            )
        if action == "withdraw":
            text += " withdrawn"
            parts.append(phrase("audit.withdrawn"))
        return Words(text, tuple(parts))
    if entity == "flag":
        level = new.get("level", "")
        word = phrase(f"level_{level}") if has(f"level_{level}") else level
        if action == "unflag":
            note = new.get("clear_note") or ""
            text = f"cleared {level}: {note}".rstrip(": ")
            key = "audit.cleared_note" if note else "audit.cleared"
            return Words(text, (phrase(key, level=word, note=note),))
        reason = new.get("reason", "")
        return Words(f"{level}: {reason}", (phrase("audit.flag", level=word, reason=reason),))
    if action == "update":
        fields = [
            k for k in (*EDITABLE_INDICATOR_FIELDS, "departments") if old.get(k) != new.get(k)
        ]
        changed = [f"{k}: {old.get(k)!s} -> {new.get(k)!s}" for k in fields]
        said = [
            phrase("audit.field", field=k, old=f"{old.get(k)!s}", new=f"{new.get(k)!s}")
            for k in fields
        ]
        separated = [part for i, p in enumerate(said) for part in (("; ", p) if i else (p,))]
        return Words("; ".join(changed), tuple(separated))
    return Words(action, (phrase(f"action.{action}") if has(f"action.{action}") else action,))


def changes_since(store: Store, code: str, after_change: int) -> list[AuditLine]:
    """The recorded changes of one indicator made after change set `after_change`, oldest
    first."""
    with reading(store.engine) as session:
        found = history.entries(
            session=session, indicator_code=code, after_change=after_change, limit=AUDIT_SHOWN
        )
    return [audit_line(e) for e in reversed(found)]


def change_marker(store: Store) -> tuple[int, int]:
    """A cheap value that differs after any committed write (polled to refresh the screens)."""
    with reading(store.engine) as session:
        return queries.change_marker(session=session)


def change_sets(
    store: Store, *, limit: int | None = None, only: int | None = None
) -> list[ChangeSummary]:
    """`tracker changes`: change sets (or the one numbered `only`) newest first, with what
    each did."""
    with reading(store.engine) as session:
        return history_sets(session=session, limit=limit, only=only)
