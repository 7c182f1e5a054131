"""The status engine: is an indicator on track? Pure functions of the facts and a date.

The rule follows the UN Statistics Division's SDG Progress Chart, adapted to mid-year dates:
from the baseline (or the earliest actual) to the latest actual, estimate the pace (compound
annual growth where all values are positive, linear otherwise), project it to the target's
deadline in fractional years, and take ratio = (projected - base) / (target - base).

As in that method, too little data is not a verdict. A verdict on performance (off track,
acceleration needed, on track, achieved) needs evidence: a measured pace, or a deadline passed
with the latest actual in the target's period short of it. Everything else says why there is
none: a deadline passed with nothing reported for its period (not reported), too few points or
a bound that cannot decide (insufficient data), a target with no deadline (open commitment),
no target, or a programme that has ended (closed, with its final state).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.explanations import explain
from tracker.domain.numbers import canonical, split_unit
from tracker.domain.periods import years_between
from tracker.domain.vocab import (
    LOWER_BOUNDS,
    UPPER_BOUNDS,
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


PERIOD_DAYS = {Frequency.MONTHLY: 31, Frequency.QUARTERLY: 92, Frequency.ANNUAL: 366}


DEFAULT_THRESHOLDS = Thresholds()
FAVOURABLE = (Status.ON_TRACK, Status.ACHIEVED)
UNFAVOURABLE = (Status.OFF_TRACK, Status.ACCELERATE)


class Verdict(NamedTuple):
    """A status with the numbers behind it; its explanation in either language is written
    from them when asked for (most verdicts are counted or coloured, few are read)."""

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


def judge(facts: Facts, as_of: date, thresholds: Thresholds | None = None) -> Verdict:
    """Judge one indicator as of a date."""
    th = thresholds or DEFAULT_THRESHOLDS
    actuals = sorted(facts.actuals, key=_when) if len(facts.actuals) > 1 else list(facts.actuals)
    while actuals and actuals[-1].when > as_of:  # what was reported for later periods
        actuals.pop()
    latest = actuals[-1] if actuals else None
    target = pick_target(facts.targets, as_of)
    stale = is_stale(facts, latest, as_of, th)
    delivered = None
    if facts.deliverables and facts.direction is Direction.MILESTONE:
        delivered, progress_point = deliverable_progress(facts.deliverables, as_of)
        latest = progress_point
        actuals = [progress_point] if progress_point is not None else []
        if target is not None:
            target = target._replace(value=HUNDRED, comparator=Comparator.GE)
    if target is None:
        return Verdict(
            Status.NO_TARGET,
            "no_target",
            None,
            latest,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            measure=facts.measure,
            held=facts.held,
            delivered=delivered,
        )
    verdict = _judge_target(facts, target, actuals, latest, as_of, th, stale)
    capped = target.basis is DeadlineBasis.ASSUMED and verdict.status is Status.OFF_TRACK
    if (
        verdict.measure is not facts.measure
        or verdict.held != facts.held
        or verdict.delivered != delivered
        or capped
    ):
        verdict = verdict._replace(
            status=Status.ACCELERATE if capped else verdict.status,
            measure=facts.measure,
            held=facts.held,
            delivered=delivered,
            capped=capped,
        )
    return verdict


def _judge_target(
    facts: Facts,
    target: Target,
    actuals: list[Point],
    latest: Point | None,
    as_of: date,
    th: Thresholds,
    stale: bool,
) -> Verdict:
    """The verdict on the governing target, before an assumed deadline is taken into account."""
    if target.programme_end is not None and target.programme_end < as_of:
        return Verdict(
            Status.CLOSED,
            "closed",
            target,
            latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            final=final_state(facts, target, latest, th),
        )
    if target.deadline is None:
        return Verdict(
            Status.OPEN, "open_commitment", target, latest, stale=stale, flagged=facts.flagged
        )
    if target.relative_to is not None or target.value is None:
        return _judge_relative(facts, target, latest, as_of, th, stale)
    partial = facts.partial
    if (
        partial is not None
        and partial.when <= as_of
        and partial.start == target.start
        and partial.when == target.deadline
        and (latest is None or partial.when > latest.when)
    ):
        latest = partial  # a figure for the target's own quarter, half-year or range
        actuals = [*actuals, partial]
    in_window = latest is not None and (target.start is None or latest.when >= target.start)
    reached = None if latest is None else attains(latest, target, _tolerance(target, facts, th))
    if facts.measure is not Measure.LEVEL and not in_window:
        reached = None  # a rate or a rank speaks of its own period only
    if reached is True:
        # Every field in order: the most common verdicts are built without keywords, which
        # cost twice as much.
        return Verdict(
            Status.ACHIEVED,
            "achieved",
            target,
            latest,
            None,
            None,
            None,
            1.0,
            stale,
            facts.flagged,
            None,
            False,
            None,
            None,
            th,
            facts.measure,
        )
    if as_of > target.deadline:
        if not in_window:
            rule, status = "not_reported", Status.NOT_REPORTED
        elif reached is False:
            rule, status = "deadline_passed", Status.OFF_TRACK
        else:
            rule, status = "bound_inconclusive", Status.INSUFFICIENT
        return Verdict(
            status,
            rule,
            target,
            latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            measure=facts.measure,
        )
    if facts.measure is not Measure.LEVEL:
        return Verdict(
            Status.INSUFFICIENT,
            "not_projected",
            target,
            latest,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            measure=facts.measure,
        )
    if facts.direction is Direction.MILESTONE:
        verdict = _judge_milestone(facts, target, actuals, th, stale)
    else:
        verdict = _judge_pace(facts, target, actuals, th, stale)
    if verdict.status in _doubtful(verdict, target):
        return verdict._replace(status=Status.INSUFFICIENT, rule="bound_inconclusive")
    return verdict


def pick_target(targets: tuple[Target, ...], as_of: date) -> Target | None:
    """The target that governs now: the earliest deadline not yet passed, else the latest
    deadline passed while its programme is open, else an open commitment (no deadline), else
    the latest deadline of all."""
    if not targets:
        return None
    if len(targets) == 1:
        return targets[0]
    dated = [t for t in targets if t.deadline is not None]
    ahead = [t for t in dated if t.deadline >= as_of]  # type: ignore[operator]
    if ahead:
        return min(ahead, key=_deadline)
    running = [t for t in dated if t.programme_end is None or t.programme_end >= as_of]
    if running:
        return max(running, key=_deadline)
    open_ = [t for t in targets if t.deadline is None]
    if open_:
        return open_[0]
    return max(dated, key=_deadline)


def deliverable_progress(
    deliverables: tuple[Deliverable, ...], as_of: date
) -> tuple[tuple[int, int], Point | None]:
    """(completed, all) of a task's deliverables as of a date, and its progress as a point:
    100 × completed / all to one decimal (as a person would write 66.7%; never 100 until all
    are completed), dated by the latest state reported by then (None when none is)."""
    names = {d.name for d in deliverables}
    done = {
        d.name
        for d in deliverables
        if d.state is MilestoneState.COMPLETED and d.when is not None and d.when <= as_of
    }
    dated = [d.when for d in deliverables if d.when is not None and d.when <= as_of]
    counts = (len(done), len(names))
    if not dated:
        return counts, None
    share = (HUNDRED * len(done) / len(names)).quantize(TENTH)
    if len(done) < len(names):
        share = min(share, HUNDRED - TENTH)
    return counts, Point(max(dated), canonical(share))


def final_state(facts: Facts, target: Target, latest: Point | None, th: Thresholds) -> FinalState:
    """How a closed programme's target ended: completed, not completed (an actual in its
    period short of it), or not reported."""
    if latest is None or target.value is None:
        return FinalState.NOT_REPORTED
    reached = attains(latest, target, _tolerance(target, facts, th))
    if reached is True:
        return FinalState.COMPLETED
    in_window = target.start is None or latest.when >= target.start
    return FinalState.NOT_COMPLETED if reached is False and in_window else FinalState.NOT_REPORTED


def progress_toward(facts: Facts, actuals: list[Point], target: Target) -> float | None:
    """The share of the required change achieved by the latest actual (None when unknown).

    For a milestone it is the share complete; otherwise (latest - base) / (target - base), with
    the baseline, or else the earliest actual, as the base.
    """
    if not actuals or target.value is None:
        return None
    latest = actuals[-1]
    if facts.direction is Direction.MILESTONE:
        return float(latest.value / target.value) if target.value else None
    base = facts.baseline
    if base is None or base.when >= latest.when:
        base = actuals[0] if len(actuals) > 1 else None
    if base is None or target.value == base.value:
        return None
    return float((latest.value - base.value) / (target.value - base.value))


def meets(value: Decimal, target: Target, tolerance: Decimal = Decimal(0)) -> bool:
    """Whether a value satisfies a target under its comparator, within a tolerance."""
    goal = target.value
    if goal is None:
        return False
    comparator = target.comparator
    if comparator is Comparator.GE:
        return value >= goal - tolerance
    if comparator is Comparator.LE:
        return value <= goal + tolerance
    if comparator is Comparator.GT:
        return value > goal - tolerance if tolerance else value > goal
    if comparator is Comparator.LT:
        return value < goal + tolerance if tolerance else value < goal
    return abs(value - goal) <= tolerance


def attains(point: Point, target: Target, tolerance: Decimal = Decimal(0)) -> bool | None:
    """Whether a value meets a target when the value may be a bound: True or False when the
    bound decides, None when it cannot (a lower bound below a floor may still be above it)."""
    ok = meets(point.value, target, tolerance)
    written = point.comparator
    if written is Comparator.EQ or written is Comparator.APPROX:
        return ok
    floor = target.comparator in LOWER_BOUNDS
    ceiling = target.comparator in UPPER_BOUNDS
    if written in LOWER_BOUNDS:  # the value is at least this
        if floor:
            return True if ok else None
        return None if ok else False
    if ceiling:  # the value is at most this
        return True if ok else None
    return None if ok else False


def is_stale(facts: Facts, latest: Point | None, as_of: date, th: Thresholds) -> bool:
    """Whether the latest actual is older than the reporting frequency plus its grace period."""
    if facts.frequency is Frequency.ONCE:
        return False
    reference = latest or facts.baseline
    if reference is None:
        return False
    window = PERIOD_DAYS[facts.frequency] + th.grace.get(facts.frequency, 0)
    return (as_of - reference.when).days > window


def _doubtful(verdict: Verdict, target: Target) -> tuple[Status, ...]:
    """The verdicts a bound cannot support: a latest value that may be better than written
    cannot show a shortfall, one that may be worse cannot show progress (and the other way
    round for the base)."""
    higher_is_better = target.comparator not in UPPER_BOUNDS
    doubt: tuple[Status, ...] = ()
    for point, sign in ((verdict.latest, 1), (verdict.base, -1)):
        if point is None or point.comparator in (Comparator.EQ, Comparator.APPROX):
            continue
        may_be_higher = point.comparator in LOWER_BOUNDS
        better = (may_be_higher == higher_is_better) == (sign == 1)
        doubt += UNFAVOURABLE if better else FAVOURABLE
    return doubt


def _tolerance(target: Target, facts: Facts, th: Thresholds) -> Decimal:
    """Within one point of a 0 % or 100 % target counts as meeting it."""
    if facts.deliverables and facts.direction is Direction.MILESTONE:
        return ZERO  # a share of deliverables: all of them, not 99 %
    if target.value in (ZERO, HUNDRED) and split_unit(facts.unit)[1] == "%":
        return th.percent_tolerance
    return ZERO


ZERO, HUNDRED, TENTH = Decimal(0), Decimal(100), Decimal("0.1")


def _judge_relative(
    facts: Facts,
    target: Target,
    latest: Point | None,
    as_of: date,
    th: Thresholds,
    stale: bool,
) -> Verdict:
    """A target defined against another series: met when this series is not below (or as its
    comparator says) the other in the same period; otherwise there is nothing to compare."""
    other = facts.relative
    in_window = latest is not None and (target.start is None or latest.when >= target.start)
    if latest is not None and other is not None and other.when == latest.when and in_window:
        reached = attains(latest, target._replace(value=other.value), ZERO)
        if other.comparator not in (Comparator.EQ, Comparator.APPROX):
            reached = None
        status = {True: Status.ACHIEVED, False: Status.OFF_TRACK, None: Status.INSUFFICIENT}
        rule = {True: "relative_met", False: "relative_short", None: "bound_inconclusive"}
        return Verdict(
            status[reached],
            rule[reached],
            target,
            latest,
            other,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    passed = target.deadline is not None and as_of > target.deadline
    return Verdict(
        Status.NOT_REPORTED if passed else Status.INSUFFICIENT,
        "not_reported" if passed else "relative_no_common_period",
        target,
        latest,
        other,
        stale=stale,
        flagged=facts.flagged,
        thresholds=th,
    )


def _judge_milestone(
    facts: Facts,
    target: Target,
    actuals: list[Point],
    th: Thresholds,
    stale: bool,
) -> Verdict:
    latest = actuals[-1] if actuals else None
    # The line runs from the task's start: the date its text gives, else its programme's
    # start, else its baseline; never from the date of its only report.
    start = facts.start or target.programme_start or (facts.baseline and facts.baseline.when)
    deadline = target.deadline
    assert deadline is not None and target.value is not None
    if latest is None or start is None or start >= deadline or start >= latest.when:
        return Verdict(
            Status.INSUFFICIENT,
            "milestone_no_progress" if latest is None else "milestone_no_start",
            target,
            latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            start=start,
        )
    span = (deadline - start).days
    elapsed = max(0, (latest.when - start).days)
    expected = float(target.value) * min(1.0, elapsed / span)
    done = float(latest.value)
    ratio = 1.0 if expected <= 0 else done / expected
    return Verdict(
        _classify(ratio, th),
        "milestone_line",
        target,
        latest,
        ratio=ratio,
        progress=done / float(target.value) if target.value else None,
        stale=stale,
        flagged=facts.flagged,
        start=start,
        expected=expected,
        thresholds=th,
    )


def _judge_pace(
    facts: Facts,
    target: Target,
    actuals: list[Point],
    th: Thresholds,
    stale: bool,
) -> Verdict:
    latest = actuals[-1] if actuals else None
    base = facts.baseline
    if latest is not None and (base is None or base.when >= latest.when):
        base = actuals[0]
    assert target.deadline is not None and target.value is not None
    if latest is None or base is None or base.when >= latest.when:
        return Verdict(
            Status.INSUFFICIENT,
            "fewer_than_two_points",
            target,
            latest,
            base,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    if (base.start is None) != (latest.start is None):
        # A year-to-date or quarterly figure is not a level of the same series as a full one.
        return Verdict(
            Status.INSUFFICIENT,
            "periods_differ",
            target,
            latest,
            base,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    elapsed = years_between(base.when, latest.when)
    remaining = years_between(latest.when, target.deadline)
    b, v, goal = float(base.value), float(latest.value), float(target.value)
    compound = b > 0 and v > 0
    if compound:
        growth = (v / b) ** (1 / elapsed)
        projected, rate = v * growth**remaining, growth - 1
    else:
        rate = (v - b) / elapsed
        projected = v + rate * remaining
    if math.isclose(goal, b):
        ratio = 1.0 if meets(Decimal(repr(projected)), target) else 0.0
    else:
        ratio = (projected - b) / (goal - b)
    progress = None if math.isclose(goal, b) else (v - b) / (goal - b)
    return Verdict(  # every field in order, as for "achieved" in _judge_target()
        _classify(ratio, th),
        "pace_projection",
        target,
        latest,
        base,
        projected,
        ratio,
        progress,
        stale,
        facts.flagged,
        rate,
        compound,
        None,
        None,
        th,
    )


def _classify(ratio: float, th: Thresholds) -> Status:
    if ratio >= th.on_track:
        return Status.ON_TRACK
    if ratio >= th.accelerate:
        return Status.ACCELERATE
    return Status.OFF_TRACK


def _deadline(target: Target) -> date:
    assert target.deadline is not None
    return target.deadline


def _when(point: Point) -> date:
    return point.when
