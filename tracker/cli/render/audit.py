"""The audit trail's views: `tracker audit` and the recent changes of `tracker show`,
each event said in one line."""

from __future__ import annotations

import json
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from tracker.cli.render.common import RULED, text
from tracker.domain.text import visible
from tracker.i18n import has, t


def audit_table(events: list[Any], lang: str, *, title: str | None = None) -> RenderableType:
    """Audit events, newest first: when, who, from where, what changed."""
    if not events:
        return Text(text("no_events", lang), style="dim")
    table = Table(title=title, title_justify="left", box=RULED, pad_edge=False, show_edge=False)
    table.add_column(text("when", lang), no_wrap=True)
    table.add_column(text("actor", lang), overflow="fold")
    table.add_column(text("origin", lang), overflow="fold")
    table.add_column(text("what", lang), overflow="fold", ratio=1)
    for event in events:
        table.add_row(
            f"{event.at:%Y-%m-%d %H:%M}",
            visible(event.actor),
            visible(event.origin),
            visible(describe_event(event, lang)),
        )
    return table


def describe_event(event: Any, lang: str = "en") -> str:
    """One line saying what an audit event changed: `record SYMC-X actual 2025 = 12`, its
    action and kind in `lang` (`记录 SYMC-X 实际 2025 = 12`)."""
    before = json.loads(event.before) if event.before else {}
    after = json.loads(event.after) if event.after else {}
    subject = event.indicator_code or f"{event.entity} {event.entity_id}"
    action = _word("action", event.action, lang)
    if event.entity == "observation":
        shown = after or before
        what = f"{_word('kind', shown.get('kind', ''), lang)} {shown.get('period', '')}"
        if event.action == "correct":
            return f"{action} {subject} {what}: {before.get('value')} -> {after.get('value')}"
        return f"{action} {subject} {what} = {shown.get('value')}"
    if event.entity == "flag":
        note = after.get("clear_note") if event.action == "unflag" else after.get("reason")
        return f"{action} {subject}: {note}"
    if event.action == "update":
        changed = sorted(k for k in after if before.get(k) != after.get(k) and k != "version")
        return f"{action} {subject}: {', '.join(changed)}"
    return f"{action} {subject}"


def _word(vocabulary: str, value: str, lang: str) -> str:
    """A stored vocabulary value (an audit action, a kind) as a word, else as stored."""
    key = f"{vocabulary}.{value}"
    return t(key, lang) if has(key) else value


def event_json(event: Any) -> dict[str, Any]:
    """An audit event, its before and after snapshots as data."""
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "origin": event.origin,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "indicator": event.indicator_code,
        "before": json.loads(event.before) if event.before else None,
        "after": json.loads(event.after) if event.after else None,
    }
