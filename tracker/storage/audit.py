"""Audit events, written in the same transaction as the change they describe."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from tracker.domain.models import AuditEvent
from tracker.storage.changes import WriteContext, stamp

__all__ = ["WriteContext", "record_audit", "to_json"]


# The change set a mutation opens, by the action of its first audit event; any other (an
# access grant, a document's text) is an edit.
COMMAND_OF_ACTION = {
    "create": "create",
    "record": "record",
    "flag": "flag",
    "unflag": "unflag",
}


def to_json(data: dict[str, Any] | None) -> str | None:
    """Serialise a row snapshot: decimals and dates as text, keys sorted."""
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def record_audit(
    *,
    session: Session,
    ctx: WriteContext,
    action: str,
    entity: str,
    entity_id: object,
    indicator_code: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit event to the session's transaction, in the write's change set."""
    change_set_id = stamp(session=session, ctx=ctx, origin=COMMAND_OF_ACTION.get(action, "edit"))
    event = AuditEvent(
        change_set_id=change_set_id,
        at=ctx.now,
        actor=ctx.actor,
        origin=ctx.origin,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        indicator_code=indicator_code,
        before=to_json(before),
        after=to_json(after),
    )
    session.add(event)
    return event
