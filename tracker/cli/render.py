"""Rich rendering for the shell: status words with colour, CJK-aware tables within 80 columns."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from rich.box import Box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.domain.labels import (
    DIRECTION_LABELS,
    FINAL_LABELS,
    KIND_LABELS,
    MILESTONE_STATE_LABELS,
    label,
    status_label,
    word,
)
from tracker.domain.numbers import format_decimal
from tracker.domain.status import Verdict
from tracker.domain.text import visible
from tracker.domain.vocab import (
    PERFORMANCE,
    STATUS_ORDER,
    Comparator,
    Direction,
    Kind,
    MilestoneState,
    Status,
)
from tracker.i18n import has, t

STATUS_STYLES = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.ACCELERATE: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.NOT_REPORTED: "magenta",
    Status.INSUFFICIENT: "dim",
    Status.OPEN: "cyan",
    Status.NO_TARGET: "dim",
    Status.CLOSED: "dim",
}
# No vertical lines; a rule under the header and above a section such as the totals row.
RULED = Box("    \n    \n ── \n    \n ── \n ── \n    \n    \n")


def text(key: str, lang: str, **values: object) -> str:
    """A phrase of the shell's tables in `lang` (the catalogue's `cli.` wording first)."""
    return t(f"cli.{key}" if has(f"cli.{key}") else key, lang, **values)


def state_label(state: str, lang: str) -> str:
    """An observation's state (current, superseded, withdrawn) as a word."""
    return t(f"state.{state}", lang)


class _PipeConsole(Console):
    """Rich's console, but a pipe closed by the reader (`| head`) ends the command quietly
    with 0: the rest of the output was not wanted, which is no failure (Rich exits 1)."""

    def on_broken_pipe(self) -> None:
        if self.quiet:
            return
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


def console(*, stderr: bool = False) -> Console:
    """A console for stdout (or stderr); 80 columns when not a terminal.

    Markup and emoji codes are off: names and quotes such as `[2025]` are data, not styles;
    people's text goes through `visible`, so that no control character reaches the terminal.
    """
    return _PipeConsole(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


def print_all(renderables: Iterable[RenderableType]) -> None:
    """Print renderables to stdout, a blank line after each."""
    out = console()
    for item in renderables:
        out.print(item)
        out.print()


def status_text(status: Status, lang: str) -> Text:
    """A status as a coloured word (never a colour alone)."""
    return Text(status_label(status, lang), style=STATUS_STYLES[status])


def status_cell(item: Any, lang: str, *, stacked: bool = False) -> Text:
    """The status word, then the markers for an open flag and an overdue actual (on the next
    line when `stacked`)."""
    cell = status_text(item.verdict.status, lang)
    if item.verdict.final is not None:
        cell.append(" " + text("final", lang, state=label(FINAL_LABELS, item.verdict.final, lang)))
    markers = []
    if item.verdict.flagged:
        markers.append(Text(text("flag", lang), style="bold magenta"))
    if item.verdict.stale:
        markers.append(Text(word("stale", lang), style="dim"))
    if item.verdict.held:
        markers.append(Text(text("held", lang, n=item.verdict.held), style="yellow"))
    if markers:
        cell.append("\n" if stacked else " ")
        cell.append_text(Text(" ").join(markers))
    return cell


class Named(Protocol):
    """A region, pillar, indicator or row: a Chinese name and perhaps an English one."""

    @property
    def name(self) -> str: ...

    @property
    def name_en(self) -> str | None: ...


def name_of(named: Named, lang: str) -> str:
    """The name in `lang` (Chinese when there is no English name), control characters shown."""
    return visible(named.name_en if lang == "en" and named.name_en else named.name)


def share_of_target(verdict: Verdict) -> Decimal | None:
    """The latest actual as a percentage of the target, hledger-budget style."""
    if verdict.latest is None or verdict.target is None or not verdict.target.value:
        return None
    return verdict.latest.value / verdict.target.value * 100


def remaining(verdict: Verdict) -> Decimal | None:
    """What is left to reach the target from the latest actual (0 once it is met)."""
    if verdict.latest is None or verdict.target is None or verdict.target.value is None:
        return None
    gap = verdict.target.value - verdict.latest.value
    if verdict.target.comparator is Comparator.LE:
        gap = -gap
    elif verdict.target.comparator is Comparator.EQ:
        gap = abs(gap)
    return max(gap, Decimal(0))


def budget_cell(item: Any, lang: str) -> str:
    """`actual [x% of target]`: `21个 [70% of 30]`; `—` where no actual is known."""
    verdict, unit = item.verdict, visible(item.row.unit)
    actual = f"{format_decimal(verdict.latest.value)}{unit}" if verdict.latest else "—"
    if verdict.target is None or verdict.target.value is None:
        return actual
    target = format_decimal(verdict.target.value)
    share = share_of_target(verdict)
    if share is None:
        return f"{actual} [{text('target_only', lang, target=target)}]"
    return f"{actual} [{text('of', lang, share=f'{share:.0f}%', target=target)}]"


def remaining_cell(item: Any) -> str:
    """What remains to the target, or empty when it cannot be said."""
    gap = remaining(item.verdict)
    return "" if gap is None else format_decimal(gap.quantize(Decimal("0.01")))


# -- summary ----------------------------------------------------------------------------------


def summary_view(summary: Any, lang: str, limit: int) -> list[RenderableType]:
    """The counts table, then the attention table limited to `limit` rows (0: all)."""
    by_pillar = summary.group_by == "pillar"
    title = word("counts" if by_pillar else "counts_region", lang)
    counts = Table(
        title=f"{title} ({word('as_of', lang)} {summary.as_of})",
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    longest = max((len(n_en if lang == "en" else n) for n, n_en, _ in summary.groups), default=4)
    counts.add_column(
        word("pillar" if by_pillar else "region", lang), overflow="fold", min_width=min(longest, 22)
    )
    # Verdicts on performance first, then the reporting facts (逾期未报, open commitments, ...).
    shown = [s for s in STATUS_ORDER if summary.total[s]]
    # A rule between the two kinds of column: verdicts on performance, then reporting facts.
    apart = next((i for i, s in enumerate(shown) if s not in PERFORMANCE), None)
    if apart is None or apart == 0:
        apart = None
    for at, status in enumerate(shown):
        if at == apart:
            counts.add_column("│", style="dim", no_wrap=True)
        # Two-word labels (off track) stack so that eight columns fit in 80.
        header = Text(status_label(status, lang).replace(" ", "\n"), style=STATUS_STYLES[status])
        counts.add_column(header, justify="right", overflow="fold")
    counts.add_column(word("total", lang), justify="right", no_wrap=True)

    def cells(found: Any, blank: str) -> list[str]:
        row = [str(found[s]) if found[s] else blank for s in shown]
        return row if apart is None else [*row[:apart], "│", *row[apart:]]

    for name, name_en, counter in summary.groups:
        counts.add_row(
            visible(name_en if lang == "en" and name_en else name),
            *cells(counter, "·"),
            str(sum(counter.values())),
        )
    counts.add_section()
    counts.add_row(
        word("total", lang),
        *cells(summary.total, "0"),
        str(sum(summary.total.values())),
        style="bold",
    )
    items = summary.attention if limit <= 0 else summary.attention[:limit]
    attention = Table(
        title=f"{word('attention', lang)} ({text('shown', lang, total=len(summary.attention))})",
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    # Names get the room; the markers go under the status word to keep that column narrow.
    attention.add_column(word("name", lang), overflow="fold")
    attention.add_column(text("budget", lang), overflow="fold")
    attention.add_column(word("remaining", lang), justify="right", overflow="fold")
    attention.add_column(word("deadline", lang), no_wrap=True)
    attention.add_column(word("status", lang), overflow="fold")
    for item in items:
        attention.add_row(
            name_of(item.row, lang),
            budget_cell(item, lang),
            remaining_cell(item),
            deadline_cell(item),
            status_cell(item, lang, stacked=True),
        )
    view: list[RenderableType] = [counts, attention]
    hidden = len(summary.attention) - len(items)
    if hidden > 0:
        view.append(Text(text("more", lang, n=hidden), style="dim"))
    view.extend(reporting_view(summary, lang, limit))
    return view


def reporting_view(summary: Any, lang: str, limit: int) -> list[RenderableType]:
    """Apart from the verdicts: the targets past their deadline with nothing reported, the
    open commitments, and how many closed programmes' indicators were left out."""
    view: list[RenderableType] = []
    for key, found in (
        ("not_reported_list", summary.not_reported),
        ("open_list", summary.open_commitments),
    ):
        if not found:
            continue
        items = found if limit <= 0 else found[:limit]
        table = Table(
            title=f"{word(key, lang)} ({text('shown', lang, total=len(found))})",
            title_justify="left",
            box=RULED,
            pad_edge=False,
            show_edge=False,
        )
        table.add_column(word("name", lang), overflow="fold")
        table.add_column(text("budget", lang), overflow="fold")
        table.add_column(word("deadline", lang), no_wrap=True)
        for item in items:
            table.add_row(name_of(item.row, lang), budget_cell(item, lang), deadline_cell(item))
        view.append(table)
        if len(found) > len(items):
            view.append(Text(text("more", lang, n=len(found) - len(items)), style="dim"))
    if summary.closed_hidden:
        view.append(Text(text("closed_hidden", lang, n=summary.closed_hidden), style="dim"))
    return view


def deadline_cell(item: Any) -> str:
    """The governing target's deadline; empty for an open commitment or without a target."""
    target = item.verdict.target
    return str(target.deadline) if target is not None and target.deadline else ""


def summary_json(summary: Any) -> dict[str, Any]:
    """The same data as the tables, for scripts (every indicator needing attention)."""
    return {
        "as_of": summary.as_of.isoformat(),
        "group_by": summary.group_by,
        "groups": [
            {
                "name": name,
                "name_en": name_en,
                "counts": {s.value: counter[s] for s in STATUS_ORDER},
                "total": sum(counter.values()),
            }
            for name, name_en, counter in summary.groups
        ],
        "total": {s.value: summary.total[s] for s in STATUS_ORDER},
        "attention": [verdict_json(item) for item in summary.attention],
        "not_reported": [verdict_json(item) for item in summary.not_reported],
        "open_commitments": [verdict_json(item) for item in summary.open_commitments],
        "closed_hidden": summary.closed_hidden,
    }


def verdict_json(item: Any) -> dict[str, Any]:
    """An indicator with its verdict as plain data."""
    ind, v = item.row, item.verdict
    share, gap = share_of_target(v), remaining(v)
    return {
        "code": ind.code,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "region": item.row.region.name,
        "pillar": item.row.pillar.name,
        "status": v.status.value,
        "rule": v.rule,
        "ratio": v.ratio,
        "progress": v.progress,
        "projected": v.projected,
        "latest": {
            "when": v.latest.when.isoformat(),
            "value": format_decimal(v.latest.value),
            "comparator": v.latest.comparator.value,
        }
        if v.latest
        else None,
        "target": {
            "value": format_decimal(v.target.value) if v.target.value is not None else None,
            "comparator": v.target.comparator.value,
            "deadline": v.target.deadline.isoformat() if v.target.deadline else None,
            "deadline_basis": v.target.basis.value,
            "relative_to": v.target.relative_to,
        }
        if v.target
        else None,
        "final_state": v.final.value if v.final else None,
        "held_for_checking": v.held,
        "share_of_target": round(float(share), 1) if share is not None else None,
        "remaining": format_decimal(gap) if gap is not None else None,
        "flagged": v.flagged,
        "stale": v.stale,
        "explanation_zh": v.explanation_zh,
        "explanation_en": v.explanation_en,
    }


# -- indicators -------------------------------------------------------------------------------


def indicator_table(items: list[Any], lang: str) -> RenderableType:
    """The listing: code, name, `actual [x% of target]`, deadline, status with markers."""
    if not items:
        return Text(text("no_indicators", lang), style="dim")
    table = Table(
        title=text("count", lang, n=len(items)),
        title_justify="left",
        box=RULED,
        pad_edge=False,
        show_edge=False,
    )
    # The code stays whole (people copy it); the name goes under it and wraps.
    widest = max(len(item.row.code) for item in items)
    # A fixed width: Rich would shrink a min_width column and then crop the table.
    table.add_column(f"{word('code', lang)} / {word('name', lang)}", width=widest)
    table.add_column(text("budget", lang), overflow="fold")
    table.add_column(word("deadline", lang), no_wrap=True)
    table.add_column(word("status", lang), overflow="fold")
    for item in items:
        ind = item.row
        head = Text(ind.code, style="bold", no_wrap=True, overflow="ignore")
        table.add_row(
            Text("\n").join([head, Text(name_of(ind, lang))]),
            budget_cell(item, lang),
            deadline_cell(item),
            status_cell(item, lang),
        )
    return table


def indicator_json(item: Any) -> dict[str, Any]:
    """An indicator's definition, departments, open flag and verdict, for scripts."""
    ind = row = item.row
    return verdict_json(item) | {
        "region_code": row.region.code,
        "pillar_code": row.pillar.code,
        "direction": row.direction.value,
        "frequency": row.frequency.value,
        "description": ind.description,
        "lead": row.lead,
        "responsible": row.responsible,
        "version": ind.version,
        "updated_at": ind.updated_at.isoformat(),
        "updated_by": ind.updated_by,
        "flag": flag_json(row.flag) if row.flag else None,
    }


def flag_json(flag: Any) -> dict[str, Any]:
    """A flag as plain data."""
    return {
        "id": flag.id,
        "level": flag.level,
        "reason": flag.reason,
        "raised_by": flag.raised_by,
        "raised_at": flag.raised_at.isoformat(),
        "cleared_by": flag.cleared_by,
        "cleared_at": flag.cleared_at.isoformat() if flag.cleared_at else None,
        "clear_note": flag.clear_note,
    }


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


def detail_json(detail: Any) -> dict[str, Any]:
    """Everything `show` prints, as data."""
    return {
        "indicator": indicator_json(detail.item),
        "observations": [observation_json(o) for o in detail.observations],
        "flags": [flag_json(f) for f in detail.flags],
        "recent_changes": [event_json(e) for e in detail.events],
        "milestones": [milestone_json(m) for m in detail.milestones],
    }


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


# -- import -----------------------------------------------------------------------------------


def import_report(report: Any) -> list[str]:
    """The final report of an import: rows read, new, changed, unchanged, warnings, time."""
    verb = "would change" if report.dry_run else "changed"
    lines = [
        f"{report.path} ({report.shape}, {report.encoding}): {report.rows} rows read;"
        f" new {report.new}, changed {report.changed}, unchanged {report.unchanged};"
        f" {len(report.warnings)} warning(s); {report.seconds:.2f} s",
    ]
    if report.nothing_changed:
        lines.append("nothing changed: the store already holds these values")
    if report.dry_run:
        lines.append("dry run: nothing was written")
    for change in report.first_changes:
        lines.append(f"  {verb}: {change}")
    for warning in report.warnings:
        lines.append(f"  warning: {warning}")
    return [visible(line) for line in lines]


def import_report_json(report: Any) -> dict[str, Any]:
    """The import report as data."""
    return {
        "path": report.path,
        "shape": report.shape,
        "encoding": report.encoding,
        "rows": report.rows,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "warnings": [row_error_json(w) for w in report.warnings],
        "first_changes": report.first_changes,
        "dry_run": report.dry_run,
        "seconds": round(report.seconds, 3),
    }


def row_error_json(error: Any) -> dict[str, Any]:
    """A row error as data."""
    return {
        "line": error.line,
        "column": error.column,
        "value": error.value,
        "message": error.message,
    }
