"""The status engine's rules on single facts: which target governs, whether a value meets
it (a bound may not decide), the share of the change achieved, a task's deliverables as
progress, how a closed programme's target ended, and whether the latest figure is stale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.domain.numbers import canonical, split_unit
from tracker.domain.status_facts import Deliverable, Facts, Point, Target, Thresholds
from tracker.domain.vocab import (
    LOWER_BOUNDS,
    UPPER_BOUNDS,
    Comparator,
    Direction,
    FinalState,
    Frequency,
    MilestoneState,
    Status,
)

PERIOD_DAYS = {Frequency.MONTHLY: 31, Frequency.QUARTERLY: 92, Frequency.ANNUAL: 366}


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
    reached = attains(latest, target, tolerance_for(target, facts, th))
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


def tolerance_for(target: Target, facts: Facts, th: Thresholds) -> Decimal:
    """Within one point of a 0 % or 100 % target counts as meeting it."""
    if facts.deliverables and facts.direction is Direction.MILESTONE:
        return ZERO  # a share of deliverables: all of them, not 99 %
    if target.value in (ZERO, HUNDRED) and split_unit(facts.unit)[1] == "%":
        return th.percent_tolerance
    return ZERO


ZERO, HUNDRED, TENTH = Decimal(0), Decimal(100), Decimal("0.1")


def classify(ratio: float, th: Thresholds) -> Status:
    """The verdict of a projected ratio of the way to the target."""
    if ratio >= th.on_track:
        return Status.ON_TRACK
    if ratio >= th.accelerate:
        return Status.ACCELERATE
    return Status.OFF_TRACK


def _deadline(target: Target) -> date:
    assert target.deadline is not None
    return target.deadline
