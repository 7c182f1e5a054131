"""What the status engine judges and what it returns: dated points, targets, an indicator's
facts, the thresholds of the verdicts, and the verdict with the numbers behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.explanations import explain
from tracker.domain.vocab import (
    Comparator,
    DeadlineBasis,
    Direction,
    FinalState,
    Frequency,
    Measure,
    MilestoneState,
    Status,
)


class Point(NamedTuple):
    """A dated value: a baseline or an actual; a bound when its comparator says so, and a
    quarter, half-year or range when it has a start."""

    when: date
    value: Decimal
    comparator: Comparator = Comparator.EQ
    start: date | None = None


class Target(NamedTuple):
    """A value to reach by a deadline, met according to its comparator.

    `deadline` is None for an open commitment. `start` is the first day of the target's own
    period: an actual dated from it on is in the target's window. `relative_to` names the
    series the target is defined against (then `value` is None).
    """

    value: Decimal | None
    comparator: Comparator
    deadline: date | None
    start: date | None = None
    basis: DeadlineBasis = DeadlineBasis.STATED
    programme_start: date | None = None
    programme_end: date | None = None
    relative_to: str | None = None


class Deliverable(NamedTuple):
    """One dated state of one named deliverable of a task (`when` None: planned, undated)."""

    name: str
    state: MilestoneState
    when: date | None


class Facts(NamedTuple):
    """Everything the engine needs to know about one indicator's current observations.

    `actuals` are points (years, months, days); `partial` is the latest actual of a quarter,
    half-year or range, never a level of the same series as they. Quarantined values are not
    among them: `held` counts them.
    """

    direction: Direction
    unit: str = ""
    frequency: Frequency = Frequency.ANNUAL
    baseline: Point | None = None
    actuals: tuple[Point, ...] = ()
    targets: tuple[Target, ...] = ()
    start: date | None = None  # a task's start as its text gives it
    flagged: bool = False
    measure: Measure = Measure.LEVEL
    partial: Point | None = None
    deliverables: tuple[Deliverable, ...] = ()
    held: int = 0
    relative: Point | None = None  # the latest actual of the series a target is relative to


@dataclass(frozen=True)
class Thresholds:
    """The cut-offs of the verdicts; configurable per deployment."""

    on_track: float = 0.95
    accelerate: float = 0.10
    percent_tolerance: Decimal = Decimal(1)
    grace: dict[Frequency, int] = field(
        default_factory=lambda: {
            Frequency.MONTHLY: 15,
            Frequency.QUARTERLY: 30,
            Frequency.ANNUAL: 90,
        }
    )


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """A status with the numbers behind it, built by name; its explanation in either language
    is written from them when asked for (most verdicts are counted or coloured, few are read)."""

    status: Status
    rule: str
    target: Target | None = None
    latest: Point | None = None
    base: Point | None = None
    projected: float | None = None
    ratio: float | None = None
    progress: float | None = None
    stale: bool = False
    flagged: bool = False
    rate: float | None = None  # pace_projection: the compound annual rate, or the linear slope
    compound: bool = False
    start: date | None = None  # milestone_line: the straight line's start and its expectation
    expected: float | None = None
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    measure: Measure = Measure.LEVEL
    final: FinalState | None = None  # closed: how the target ended
    held: int = 0  # values held out as quarantined
    delivered: tuple[int, int] | None = None  # deliverables completed, of all
    capped: bool = False  # an assumed deadline kept the verdict from off track

    @property
    def explanation_zh(self) -> str:
        """Why, in Chinese."""
        return explain(self, "zh")

    @property
    def explanation_en(self) -> str:
        """Why, in English."""
        return explain(self, "en")

    def explanation(self, lang: str) -> str:
        """The explanation in `zh` or `en`."""
        return explain(self, "zh" if lang == "zh" else "en")
