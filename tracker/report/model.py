"""What the briefing says: the summary's counts, the indicators that need attention with their
figures, sources and flags, the reminders and the ended programmes. Verdicts, counts and the
attention list come from tracker.services; this module only words and arranges them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker import services
from tracker.domain.labels import FINAL_LABELS, KIND_LABELS, label, status_label
from tracker.domain.numbers import format_decimal
from tracker.domain.status import Point, Target
from tracker.domain.status_board import Summary
from tracker.domain.status_board import summarize as summary_of
from tracker.domain.text import visible
from tracker.domain.vocab import STATUS_ORDER, Direction, FinalState, Kind, Status
from tracker.report.words import say
from tracker.storage import queries
from tracker.storage.engine import reading

Dated = tuple[date, float]


@dataclass(frozen=True)
class Trajectory:
    """A chart's data: actuals (the baseline first), the baseline-to-target path, targets."""

    actuals: tuple[Dated, ...]
    path: tuple[Dated, ...]
    targets: tuple[Dated, ...]


@dataclass(frozen=True)
class Source:
    """Where one figure comes from: its document's title and the sentence quoted."""

    number: int
    text: str


@dataclass(frozen=True)
class Attention:
    """One indicator that needs attention, worded for the briefing."""

    item: services.IndicatorStatus
    name: str
    text: str
    flags: tuple[str, ...]
    sources: tuple[Source, ...]
    trajectory: Trajectory

    def heading(self, lang: str) -> str:
        """`名称(编码)` / `Name (CODE)`."""
        return (
            f"{self.name}({self.item.code})" if lang == "zh" else f"{self.name} ({self.item.code})"
        )

    def lead(self, lang: str) -> str:
        """The status word that opens the paragraph: `需加快。` / `Accelerate. `."""
        word = status_label(self.item.verdict.status, lang)
        return f"{word}。" if lang == "zh" else f"{word[:1].upper()}{word[1:]}. "


@dataclass(frozen=True)
class ClosedProgramme:
    """A programme that has ended, with how its indicators' targets ended."""

    name: str
    end: date | None
    finals: Counter[FinalState]


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing shows, in one language."""

    lang: str
    as_of: date
    store: str
    scope: str
    by_pillar: Summary
    by_region: Summary
    attention: tuple[Attention, ...]
    reminders: tuple[str, ...]
    closed: tuple[ClosedProgramme, ...]
    sources: tuple[Source, ...]


def build_briefing(
    store: services.Store,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    lang: str = "zh",
) -> Briefing:
    """The briefing's content for `as_of`: counts as `tracker summary` gives them for the same
    region, pillar and date (one read of every verdict)."""
    items = services.statuses(store, as_of=as_of, region=region, pillar=pillar)
    by_pillar = summary_of(items, as_of=as_of, group_by="pillar")
    by_region = summary_of(items, as_of=as_of, group_by="region")
    numbering: dict[str, int] = {}
    attention = tuple(
        _attention(store, item, as_of, lang, numbering) for item in by_pillar.attention
    )
    reminders = tuple(_reminder(item, lang) for item in by_pillar.not_reported)
    ended = [i for i in items if i.verdict.status is Status.CLOSED]
    closed = _closed(store, ended, as_of, lang)
    sources = tuple(Source(n, text) for text, n in numbering.items())
    scope = " · ".join(s for s in (region, pillar) if s) or say("scope_all", lang)
    return Briefing(
        lang,
        as_of,
        store.where,
        visible(scope),
        by_pillar,
        by_region,
        attention,
        reminders,
        closed,
        sources,
    )


def name_of(item: services.IndicatorStatus, lang: str) -> str:
    """The indicator's name in `lang` (Chinese when it has no English one)."""
    row = item.row
    return visible(row.name_en if lang == "en" and row.name_en else row.name)


def status_parts(counts: Counter[Status], lang: str) -> str:
    """`滞后 3、需加快 5` / `off track 3, accelerate 5`: the statuses present, in order."""
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(f"{status_label(s, lang)} {counts[s]}" for s in STATUS_ORDER if counts[s])


def figure(value: Decimal | float | None, unit: str) -> str:
    """A value with its unit; `—` when there is none."""
    if value is None:
        return "—"
    shown = format_decimal(value) if isinstance(value, Decimal) else f"{value:.4g}"
    return f"{shown}{visible(unit)}"


def _point(point: Point | None, unit: str) -> str:
    if point is None:
        return "—"
    bound = "" if point.comparator.value == "=" else f"{point.comparator.value} "
    return f"{bound}{figure(point.value, unit)}"


def _goal(target: Target | None, unit: str) -> str:
    if target is None:
        return "—"
    if target.value is None:
        return f"{target.comparator.value} {visible(target.relative_to or '')}".strip()
    return f"{target.comparator.value} {figure(target.value, unit)}"


def _attention(
    store: services.Store,
    item: services.IndicatorStatus,
    as_of: date,
    lang: str,
    numbering: dict[str, int],
) -> Attention:
    view = services.indicator_view(store, item.code, as_of=as_of)
    verdict, unit = item.verdict, item.row.unit
    target = verdict.target
    deadline = str(target.deadline) if target and target.deadline else "—"
    goal = _goal(target, unit)
    if verdict.latest is not None:
        parts = [
            say(
                "latest",
                lang,
                actual=_point(verdict.latest, unit),
                when=verdict.latest.when,
                target=goal,
                deadline=deadline,
            )
        ]
    else:
        parts = [say("no_actual", lang, target=goal, deadline=deadline)]
    if verdict.progress is not None and verdict.rule != "milestone_line":
        parts.append(say("share", lang, share=verdict.progress))
    if verdict.rule == "pace_projection" and verdict.projected is not None:
        parts.append(
            say("pace_up", lang, projected=figure(verdict.projected, unit), ratio=verdict.ratio)
        )
    if verdict.rule == "milestone_line" and verdict.expected is not None:
        parts.append(say("line", lang, expected=verdict.expected, ratio=verdict.ratio))
    parts.append(say("why", lang) + verdict.explanation(lang))
    flags = tuple(
        say(
            "flag_line",
            lang,
            level=say(f"level_{f.level.value}", lang),
            reason=visible(f.reason),
            who=visible(f.raised_by),
            when=f"{f.raised_at:%Y-%m-%d}",
        )
        for f in view.flags
        if f.cleared_at is None
    )
    sources = []
    for o in view.observations:
        if o.state.value != "current" or o.quarantine is not None:
            continue
        document = o.document or say("manual", lang, source=o.source or "—")
        text = say(
            "source_line",
            lang,
            document=visible(document),
            quote=visible(o.quote or "—"),
            kind=label(KIND_LABELS, o.kind, lang),
            period=visible(o.period),
        )
        number = numbering.setdefault(text, len(numbering) + 1)
        sources.append(Source(number, text))
    text = ("" if lang == "zh" else " ").join(parts)
    return Attention(item, name_of(item, lang), text, flags, tuple(sources), _trajectory(view))


def _trajectory(view: services.IndicatorView) -> Trajectory:
    """What the TUI's detail plots: the baseline and actuals, the straight path from the
    baseline (a task: from its start at 0) to the governing target, and every dated target."""
    facts = view.facts
    actuals = [(p.when, float(p.value)) for p in facts.actuals]
    if facts.baseline is not None:
        actuals.insert(0, (facts.baseline.when, float(facts.baseline.value)))
    targets = tuple(
        (t.deadline, float(t.value))
        for t in facts.targets
        if t.deadline is not None and t.value is not None
    )
    path: tuple[Dated, ...] = ()
    target = view.item.target
    if target is not None and target.deadline is not None and target.value is not None:
        start = facts.start or target.programme_start
        if facts.direction is Direction.MILESTONE and start is not None:
            path = ((start, 0.0), (target.deadline, float(target.value)))
        else:
            base = facts.baseline or (facts.actuals[0] if facts.actuals else None)
            if base is not None and base.when < target.deadline:
                path = ((base.when, float(base.value)), (target.deadline, float(target.value)))
    return Trajectory(tuple(sorted(actuals)), path, targets)


def _reminder(item: services.IndicatorStatus, lang: str) -> str:
    target = item.verdict.target
    return say(
        "reminder",
        lang,
        name=name_of(item, lang),
        code=item.code,
        deadline=target.deadline if target and target.deadline else "—",
        latest=_point(item.verdict.latest, item.row.unit),
    )


def _closed(
    store: services.Store, items: list[services.IndicatorStatus], as_of: date, lang: str
) -> tuple[ClosedProgramme, ...]:
    """The ended programmes of the closed indicators, each with its targets' final states."""
    if not items:
        return ()
    with reading(store.engine) as session:
        programmes = {p.code: p for p in queries.programmes(session=session)}
    grouped: dict[str, tuple[date | None, Counter[FinalState]]] = {}
    for item in items:
        target = item.verdict.target
        code = _programme_of(store, item, as_of)
        end = target.programme_end if target else None
        _, finals = grouped.setdefault(code, (end, Counter()))
        finals[item.verdict.final or FinalState.NOT_REPORTED] += 1
    closed = []
    for code, (end, finals) in sorted(grouped.items(), key=lambda g: (g[1][0] or date.min, g[0])):
        programme = programmes.get(code)
        if programme is None:
            name = say("unknown_programme", lang)
        else:
            name = programme.name_en if lang == "en" and programme.name_en else programme.name
        closed.append(ClosedProgramme(visible(name), end, finals))
    return tuple(closed)


def _programme_of(store: services.Store, item: services.IndicatorStatus, as_of: date) -> str:
    """The programme that set the governing target (the current target observation of its
    value and deadline)."""
    target = item.verdict.target
    view = services.indicator_view(store, item.code, as_of=as_of)
    for o in view.observations:
        if o.kind is Kind.TARGET and o.state.value == "current" and o.programme:
            if target is None or target.value is None or o.value == target.value:
                return o.programme
    return ""


def closed_parts(finals: Counter[FinalState], lang: str) -> str:
    """`已完成 2、未完成 1`: how an ended programme's targets ended."""
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(
        f"{label(FINAL_LABELS, state, lang)} {finals[state]}"
        for state in FinalState
        if finals[state]
    )
