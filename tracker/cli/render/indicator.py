"""One indicator's views: `tracker show` and `tracker history` (definition, verdict
explained, observations with their sources, deliverables, flags), as tables and as data."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.cli.render.audit import audit_table, event_json
from tracker.cli.render.board import indicator_json
from tracker.cli.render.common import (
    RULED,
    budget_cell,
    flag_json,
    name_of,
    state_label,
    status_cell,
    text,
)
from tracker.domain.labels import DIRECTION_LABELS, KIND_LABELS, MILESTONE_STATE_LABELS, label, word
from tracker.domain.numbers import format_decimal
from tracker.domain.text import visible
from tracker.domain.vocab import Direction, Kind, MilestoneState
from tracker.i18n import has


def detail_view(detail: Any, lang: str) -> list[RenderableType]:
    """`show`: the definition, the verdict explained, current values, flags, recent changes."""
    item = detail.item
    ind, row, verdict = item.row, item.row, item.verdict
    head = Text()
    head.append(visible(ind.code), style="bold")
    head.append("  " + visible(ind.name), style="bold")
    if ind.name_en:
        head.append("\n" + visible(ind.name_en))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row(word("region", lang), name_of(row.region, lang))
    facts.add_row(word("pillar", lang), name_of(row.pillar, lang))
    facts.add_row(word("unit", lang), visible(ind.unit) or "—")
    facts.add_row(text("direction", lang), label(DIRECTION_LABELS, Direction(ind.direction), lang))
    facts.add_row(text("frequency", lang), text(f"every_{ind.frequency}", lang))
    facts.add_row(text("lead", lang), visible("、".join(row.lead)) or "—")
    facts.add_row(text("responsible", lang), visible("、".join(row.responsible)) or "—")
    facts.add_row(
        text("version", lang),
        f"{ind.version} ({visible(ind.updated_by)}, {ind.updated_at:%Y-%m-%d})",
    )
    if ind.description:
        facts.add_row(text("description", lang), visible(ind.description))
    state = Text()
    state.append_text(status_cell(item, lang))
    state.append(f"  {budget_cell(item, lang)}")
    if verdict.target and verdict.target.deadline:
        state.append(f"  {word('deadline', lang)} {verdict.target.deadline}")
    state.append("\n" + verdict.explanation(lang))
    if row.flag:
        flag = row.flag
        state.append(
            f"\n{text('flag', lang)}: {visible(flag.reason)} ({visible(flag.raised_by)})", "magenta"
        )
    view: list[RenderableType] = [Group(head, facts), state]
    current = [o for o in detail.observations if o.state == "current"]
    table = observation_table(current, detail.documents, lang)
    earlier = len(detail.observations) - len(current)
    if earlier:
        more = Text(text("earlier", lang, n=earlier, code=ind.code), style="dim")
        view.append(Group(table, more))
    else:
        view.append(table)
    if detail.milestones:
        view.append(milestone_table(detail.milestones, detail.documents, lang))
    if detail.flags:
        view.append(flag_table(detail.flags, lang))
    if detail.events:
        view.append(audit_table(detail.events, lang, title=text("changes", lang)))
    return view


def detail_json(detail: Any) -> dict[str, Any]:
    """Everything `show` prints, as data."""
    return {
        "indicator": indicator_json(detail.item),
        "observations": [observation_json(o) for o in detail.observations],
        "flags": [flag_json(f) for f in detail.flags],
        "recent_changes": [event_json(e) for e in detail.events],
        "milestones": [milestone_json(m) for m in detail.milestones],
    }


def observation_table(
    observations: list[Any], documents: dict[str, Any], lang: str, *, history: bool = False
) -> RenderableType:
    """Observations with their source and quote; with `history`, state and who entered them."""
    table = Table(
        title=text("history" if history else "observations", lang),
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    table.add_column(text("kind", lang), no_wrap=True)
    table.add_column(text("period", lang), no_wrap=True)
    table.add_column(text("value", lang), justify="right", overflow="fold")
    if history:
        table.add_column(text("state", lang), no_wrap=True)
        table.add_column(text("entered", lang), overflow="fold", ratio=1)
    table.add_column(text("source", lang), overflow="fold", ratio=2)
    for obs in observations:
        shown = format_decimal(obs.value) if obs.value is not None else obs.relative_to or ""
        value = f"{obs.comparator or ''}{shown}"
        if obs.quarantine:
            value += f"\n[{word('quarantined', lang)}]"
        source = obs.source_doc or obs.source or ""
        if obs.source_doc in documents:
            source = documents[obs.source_doc].title
        if obs.quote:
            source += f"\n“{obs.quote}”"
        if obs.note:
            source += f"\n{text('note', lang)}: {obs.note}"
        if obs.quarantine:
            source += f"\n{word('quarantined', lang)}: {obs.quarantine}"
        cells = [label(KIND_LABELS, Kind(obs.kind), lang), obs.period, value]
        if history:
            state = state_label(obs.state, lang) if has(f"state.{obs.state}") else obs.state
            cells += [state, f"{obs.entered_by} {obs.entered_at:%Y-%m-%d}"]
        table.add_row(*map(visible, cells), visible(source))
    return table


def observation_json(obs: Any) -> dict[str, Any]:
    """An observation as plain data, its value as exact text."""
    return {
        "id": obs.id,
        "kind": obs.kind,
        "period": obs.period,
        "period_start": obs.period_start.isoformat() if obs.period_start else None,
        "period_end": obs.period_end.isoformat() if obs.period_end else None,
        "value": format_decimal(obs.value) if obs.value is not None else None,
        "programme": obs.programme,
        "deadline_basis": obs.deadline_basis,
        "relative_to": obs.relative_to,
        "quarantine": obs.quarantine,
        "comparator": obs.comparator,
        "source_doc": obs.source_doc,
        "source": obs.source,
        "quote": obs.quote,
        "note": obs.note,
        "state": obs.state,
        "superseded_by": obs.superseded_by_id,
        "entered_by": obs.entered_by,
        "entered_at": obs.entered_at.isoformat(),
    }


def milestone_table(milestones: list[Any], documents: dict[str, Any], lang: str) -> Table:
    """Each deliverable's dated states, each with its source: documents that disagree each
    keep their row."""
    table = Table(
        title=word("deliverables", lang),
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    table.add_column(word("deliverables", lang), overflow="fold")
    table.add_column(text("state", lang), no_wrap=True)
    table.add_column(text("period", lang), no_wrap=True)
    table.add_column(text("source", lang), overflow="fold", ratio=2)
    for row in milestones:
        source = row.source_doc or ""
        if row.source_doc in documents:
            source = documents[row.source_doc].title
        if row.quote:
            source += f"\n“{row.quote}”"
        if row.note:
            source += f"\n{text('note', lang)}: {row.note}"
        state = label(MILESTONE_STATE_LABELS, MilestoneState(row.state), lang)
        table.add_row(row.deliverable, state, row.period or "—", source)
    return table


def milestone_json(row: Any) -> dict[str, Any]:
    """One dated state of a deliverable as plain data."""
    return {
        "deliverable": row.deliverable,
        "state": row.state,
        "period": row.period,
        "source_doc": row.source_doc,
        "quote": row.quote,
        "note": row.note,
    }


def flag_table(flags: list[Any], lang: str) -> RenderableType:
    """Flags raised and cleared, oldest first."""
    table = Table(
        title=text("flags", lang), title_justify="left", box=RULED, pad_edge=False, show_edge=False
    )
    table.add_column(text("when", lang), no_wrap=True)
    table.add_column(text("actor", lang), overflow="fold")
    table.add_column(text("what", lang), overflow="fold", ratio=1)
    for flag in flags:
        state = text("cleared" if flag.cleared_at else "open", lang)
        what = f"{flag.level}: {flag.reason} [{state}]"
        if flag.cleared_at:
            what += f"\n{flag.cleared_by} {flag.cleared_at:%Y-%m-%d}: {flag.clear_note or ''}"
        table.add_row(f"{flag.raised_at:%Y-%m-%d}", visible(flag.raised_by), visible(what))
    return table
