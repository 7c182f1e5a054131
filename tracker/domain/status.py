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
from dataclasses import replace
from datetime import date
from decimal import Decimal

from tracker.domain.periods import years_between
from tracker.domain.status_facts import (
    DEFAULT_THRESHOLDS,
    Deliverable,
    Facts,
    Point,
    Target,
    Thresholds,
    Verdict,
)
from tracker.domain.status_rules import (
    HUNDRED,
    ZERO,
    attains,
    classify,
    deliverable_progress,
    final_state,
    is_stale,
    meets,
    pick_target,
    progress_toward,
    tolerance_for,
)
from tracker.domain.vocab import (
    LOWER_BOUNDS,
    UPPER_BOUNDS,
    Comparator,
    DeadlineBasis,
    Direction,
    Measure,
    Status,
)

# The engine's names as its callers import them: the facts it judges, the rules it applies,
# and its verdict.
__all__ = [
    "DEFAULT_THRESHOLDS",
    "Deliverable",
    "Facts",
    "Point",
    "Target",
    "Thresholds",
    "Verdict",
    "attains",
    "deliverable_progress",
    "final_state",
    "is_stale",
    "judge",
    "meets",
    "pick_target",
    "progress_toward",
]

FAVOURABLE = (Status.ON_TRACK, Status.ACHIEVED)
UNFAVOURABLE = (Status.OFF_TRACK, Status.ACCELERATE)


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
            status=Status.NO_TARGET,
            rule="no_target",
            target=None,
            latest=latest,
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
        verdict = replace(
            verdict,
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
            status=Status.CLOSED,
            rule="closed",
            target=target,
            latest=latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            final=final_state(facts, target, latest, th),
        )
    if target.deadline is None:
        return Verdict(
            status=Status.OPEN,
            rule="open_commitment",
            target=target,
            latest=latest,
            stale=stale,
            flagged=facts.flagged,
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
    reached = None if latest is None else attains(latest, target, tolerance_for(target, facts, th))
    if facts.measure is not Measure.LEVEL and not in_window:
        reached = None  # a rate or a rank speaks of its own period only
    if reached is True:
        return Verdict(
            status=Status.ACHIEVED,
            rule="achieved",
            target=target,
            latest=latest,
            progress=1.0,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            measure=facts.measure,
        )
    if as_of > target.deadline:
        if not in_window:
            rule, status = "not_reported", Status.NOT_REPORTED
        elif reached is False:
            rule, status = "deadline_passed", Status.OFF_TRACK
        else:
            rule, status = "bound_inconclusive", Status.INSUFFICIENT
        return Verdict(
            status=status,
            rule=rule,
            target=target,
            latest=latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
            measure=facts.measure,
        )
    if facts.measure is not Measure.LEVEL:
        return Verdict(
            status=Status.INSUFFICIENT,
            rule="not_projected",
            target=target,
            latest=latest,
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
        return replace(verdict, status=Status.INSUFFICIENT, rule="bound_inconclusive")
    return verdict


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
            status=status[reached],
            rule=rule[reached],
            target=target,
            latest=latest,
            base=other,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    passed = target.deadline is not None and as_of > target.deadline
    return Verdict(
        status=Status.NOT_REPORTED if passed else Status.INSUFFICIENT,
        rule="not_reported" if passed else "relative_no_common_period",
        target=target,
        latest=latest,
        base=other,
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
            status=Status.INSUFFICIENT,
            rule="milestone_no_progress" if latest is None else "milestone_no_start",
            target=target,
            latest=latest,
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
        status=classify(ratio, th),
        rule="milestone_line",
        target=target,
        latest=latest,
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
            status=Status.INSUFFICIENT,
            rule="fewer_than_two_points",
            target=target,
            latest=latest,
            base=base,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    if (base.start is None) != (latest.start is None):
        # A year-to-date or quarterly figure is not a level of the same series as a full one.
        return Verdict(
            status=Status.INSUFFICIENT,
            rule="periods_differ",
            target=target,
            latest=latest,
            base=base,
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
    return Verdict(
        status=classify(ratio, th),
        rule="pace_projection",
        target=target,
        latest=latest,
        base=base,
        projected=projected,
        ratio=ratio,
        progress=progress,
        stale=stale,
        flagged=facts.flagged,
        rate=rate,
        compound=compound,
        thresholds=th,
    )


def _when(point: Point) -> date:
    return point.when
