"""The status board: every indicator with its names, figures and verdict, and the summary a
coordinator opens with. Pure functions of the rows the storage layer read and a date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, Protocol

from tracker.domain.status import judge
from tracker.domain.status_facts import Facts, Point, Target, Thresholds, Verdict
from tracker.domain.vocab import STATUS_ORDER, Direction, FlagLevel, Frequency, Status
from tracker.errors import NotFoundError

ATTENTION = (Status.OFF_TRACK, Status.ACCELERATE)
# Reporting facts, shown apart from the verdicts on performance (STATUS_ORDER's first four).
REPORTING = (Status.NOT_REPORTED, Status.INSUFFICIENT, Status.OPEN, Status.NO_TARGET)


@dataclass(frozen=True, slots=True)
class Named:
    """A region, pillar or document as the interfaces list it."""

    code: str
    name: str
    name_en: str = ""
    parent: str | None = None
    position: int = 0


class OpenFlag(NamedTuple):
    """An indicator's open flag (its clearing fields are there to read like any flag's)."""

    id: int
    level: FlagLevel
    reason: str
    raised_by: str
    raised_at: datetime
    cleared_by: str | None = None
    cleared_at: datetime | None = None
    clear_note: str | None = None


class BoardRow(NamedTuple):
    """One indicator as read for the board: names, departments, open flag, the engine's
    facts, and the period texts of the figures shown (a tuple: built ten thousand times a
    read, and light to hold a hundred thousand of)."""

    id: int
    code: str
    name: str
    name_en: str
    region: Named
    pillar: Named
    unit: str
    direction: Direction
    frequency: Frequency
    version: int
    updated_at: datetime
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    description: str
    updated_by: str
    flag: OpenFlag | None
    facts: Facts
    baseline_period: str
    latest_period: str
    target_period: str
    target_id: int | None


class IndicatorStatus(NamedTuple):
    """An indicator with its verdict as of a date."""

    row: BoardRow
    verdict: Verdict

    @property
    def code(self) -> str:
        """The indicator's code."""
        return self.row.code

    @property
    def baseline(self) -> Point | None:
        """The baseline the verdict measured from (the latest current one)."""
        return self.row.facts.baseline

    @property
    def latest(self) -> Point | None:
        """The latest current actual up to the date."""
        return self.verdict.latest

    @property
    def target(self) -> Target | None:
        """The target that governs on the date."""
        return self.verdict.target


def judge_all(
    rows: Iterable[BoardRow], as_of: date, thresholds: Thresholds | None = None
) -> list[IndicatorStatus]:
    """Every row's verdict as of a date."""
    return [IndicatorStatus(row=row, verdict=judge(row.facts, as_of, thresholds)) for row in rows]


def descendants(regions: Iterable[Named], code: str) -> set[str]:
    """A region's code and the codes of every region below it."""
    children: dict[str | None, list[str]] = {}
    for r in regions:
        children.setdefault(r.parent, []).append(r.code)
    found, stack = set(), [code]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, []))
    return found


class Nameable(Protocol):
    """A region or pillar: a code and names in both languages."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str: ...


def resolve_name(*, rows: Sequence[Nameable], text: str, what: str) -> str:
    """The code of the region or pillar named by code, Chinese name or English name."""
    wanted = text.strip()
    for row in rows:
        if wanted in (row.code, row.name, row.name_en) or wanted.lower() == row.name_en.lower():
            return row.code
    for row in rows:  # 铁岭 also matches 铁岭市
        if wanted.rstrip("市") == row.name:
            return row.code
    raise NotFoundError(f"no {what} named {text!r}")


@dataclass(frozen=True, slots=True)
class Reference:
    """The lists the interfaces offer to choose from."""

    regions: tuple[Named, ...]
    pillars: tuple[Named, ...]
    documents: tuple[Named, ...]


@dataclass(frozen=True, slots=True)
class Board:
    """Every indicator's board row, with all regions and pillars (to resolve filters)."""

    rows: list[BoardRow]
    regions: tuple[Named, ...]
    pillars: tuple[Named, ...]


def within(board: Board, *, region: str | None = None, pillar: str | None = None) -> list[BoardRow]:
    """The rows of one region (with its sub-regions) and/or one pillar, named as people
    name them; all rows when neither is given."""
    rows = board.rows
    if region:
        code = resolve_name(rows=board.regions, text=region, what="region")
        codes = descendants(board.regions, code)
        rows = [r for r in rows if r.region.code in codes]
    if pillar:
        code = resolve_name(rows=board.pillars, text=pillar, what="pillar")
        rows = [r for r in rows if r.pillar.code == code]
    return rows


def verdict_needs_attention(verdict: Verdict) -> bool:
    """The one definition of "needs attention", for the summary, the TUI and --json: flagged
    by a person, or a measured shortfall (off track, acceleration needed). A reporting gap
    (not reported), too little data and open commitments are listed apart."""
    return verdict.flagged or verdict.status in ATTENTION


def needs_attention(item: IndicatorStatus) -> bool:
    """Whether an indicator needs attention (see `verdict_needs_attention`)."""
    return verdict_needs_attention(item.verdict)


_ORDER = {s: i for i, s in enumerate(STATUS_ORDER)}


def attention_order(item: IndicatorStatus) -> tuple[bool, int, float, str]:
    """Flagged first, then worst status, lowest ratio, code."""
    v = item.verdict
    return (not v.flagged, _ORDER[v.status], v.ratio if v.ratio is not None else -1e9, item.code)


def on_board(
    items: Iterable[IndicatorStatus], *, include_closed: bool = False
) -> list[IndicatorStatus]:
    """The indicators the board shows: those of closed programmes only when asked for."""
    if include_closed:
        return list(items)
    return [i for i in items if i.verdict.status is not Status.CLOSED]


@dataclass
class Summary:
    """Counts by status per group; the indicators that need attention (flagged first, then
    worst); apart from them, the targets not reported and the open commitments; and how many
    indicators of closed programmes were left out."""

    as_of: date
    group_by: str
    groups: list[tuple[str, str, Counter[Status]]]
    attention: list[IndicatorStatus]
    total: Counter[Status]
    not_reported: list[IndicatorStatus] = field(default_factory=list)
    open_commitments: list[IndicatorStatus] = field(default_factory=list)
    closed_hidden: int = 0


def summarize(
    items: list[IndicatorStatus],
    *,
    as_of: date,
    group_by: str = "pillar",
    include_closed: bool = False,
) -> Summary:
    """Counts by status per pillar or region, what needs attention, and the reporting gaps."""
    shown = on_board(items, include_closed=include_closed)
    groups: dict[str, tuple[str, str, Counter[Status]]] = {}
    for item in shown:
        owner = item.row.pillar if group_by == "pillar" else item.row.region
        if owner.code not in groups:
            groups[owner.code] = (owner.name, owner.name_en, Counter())
        groups[owner.code][2][item.verdict.status] += 1
    attention = sorted((i for i in shown if needs_attention(i)), key=attention_order)
    not_reported = [i for i in shown if i.verdict.status is Status.NOT_REPORTED]
    open_ = [i for i in shown if i.verdict.status is Status.OPEN]
    total: Counter[Status] = Counter(i.verdict.status for i in shown)
    return Summary(
        as_of=as_of,
        group_by=group_by,
        groups=list(groups.values()),
        attention=attention,
        total=total,
        not_reported=not_reported,
        open_commitments=open_,
        closed_hidden=len(items) - len(shown),
    )
