"""The status engine: is an indicator on track? Pure functions of the facts and a date.

The rule follows the UN Statistics Division's SDG Progress Chart, adapted to mid-year dates:
from the baseline (or the earliest actual) to the latest actual, estimate the pace (compound
annual growth where all values are positive, linear otherwise), project it to the target's
deadline in fractional years, and take ratio = (projected - base) / (target - base).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.numbers import format_decimal, split_unit
from tracker.domain.periods import years_between
from tracker.domain.vocab import Comparator, Direction, Frequency, Status


class Point(NamedTuple):
    """A dated value: a baseline or an actual."""

    when: date
    value: Decimal


class Target(NamedTuple):
    """A value to reach by a deadline, met according to its comparator."""

    value: Decimal
    comparator: Comparator
    deadline: date


class Facts(NamedTuple):
    """Everything the engine needs to know about one indicator's current observations."""

    direction: Direction
    unit: str = ""
    frequency: Frequency = Frequency.ANNUAL
    baseline: Point | None = None
    actuals: tuple[Point, ...] = ()
    targets: tuple[Target, ...] = ()
    start: date | None = None
    flagged: bool = False


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
    if target is None:
        return Verdict(
            Status.NO_TARGET,
            "no_target",
            None,
            latest,
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    if latest is not None and meets(latest.value, target, _tolerance(target, facts.unit, th)):
        # Every field in order: the most common verdicts are built without keywords, which
        # cost twice as much (status, rule, target, latest, base, projected, ratio, progress,
        # stale, flagged, rate, compound, start, expected, thresholds).
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
        )
    if as_of > target.deadline:
        return Verdict(
            Status.OFF_TRACK,
            "deadline_passed",
            target,
            latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    if facts.direction is Direction.MILESTONE:
        return _judge_milestone(facts, target, actuals, th, stale)
    return _judge_pace(facts, target, actuals, th, stale)


def pick_target(targets: tuple[Target, ...], as_of: date) -> Target | None:
    """The target that governs now: the earliest deadline not yet passed, else the latest one."""
    if not targets:
        return None
    if len(targets) == 1:
        return targets[0]
    ahead = [t for t in targets if t.deadline >= as_of]
    if ahead:
        return min(ahead, key=lambda t: t.deadline)
    return max(targets, key=lambda t: t.deadline)


def progress_toward(facts: Facts, actuals: list[Point], target: Target) -> float | None:
    """The share of the required change achieved by the latest actual (None when unknown).

    For a milestone it is the share complete; otherwise (latest - base) / (target - base), with
    the baseline, or else the earliest actual, as the base.
    """
    if not actuals:
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
    if target.comparator is Comparator.GE:
        return value >= target.value - tolerance
    if target.comparator is Comparator.LE:
        return value <= target.value + tolerance
    return abs(value - target.value) <= tolerance


def is_stale(facts: Facts, latest: Point | None, as_of: date, th: Thresholds) -> bool:
    """Whether the latest actual is older than the reporting frequency plus its grace period."""
    if facts.frequency is Frequency.ONCE:
        return False
    reference = latest or facts.baseline
    if reference is None:
        return False
    window = PERIOD_DAYS[facts.frequency] + th.grace.get(facts.frequency, 0)
    return (as_of - reference.when).days > window


def _tolerance(target: Target, unit: str, th: Thresholds) -> Decimal:
    """Within one point of a 0 % or 100 % target counts as meeting it."""
    if target.value in (ZERO, HUNDRED) and split_unit(unit)[1] == "%":
        return th.percent_tolerance
    return ZERO


ZERO, HUNDRED = Decimal(0), Decimal(100)


def _judge_milestone(
    facts: Facts,
    target: Target,
    actuals: list[Point],
    th: Thresholds,
    stale: bool,
) -> Verdict:
    latest = actuals[-1] if actuals else None
    start = facts.start or (facts.baseline.when if facts.baseline else None)
    if latest is None or start is None or start >= target.deadline:
        return Verdict(
            Status.INSUFFICIENT,
            "milestone_no_progress",
            target,
            latest,
            progress=progress_toward(facts, actuals, target),
            stale=stale,
            flagged=facts.flagged,
            thresholds=th,
        )
    span = (target.deadline - start).days
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
    return Verdict(  # every field in order, as for "achieved" in judge()
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


# -- explanations -----------------------------------------------------------------------------


def explain(verdict: Verdict, lang: str) -> str:
    """Why the verdict is what it is, in `zh` or `en`, from the numbers it holds."""
    v, zh = verdict, lang == "zh"
    target, latest = v.target, v.latest
    if v.rule == "no_target" or target is None:
        return (
            "未设定目标,无从判断。"
            if zh
            else "No target is set, so there is nothing to judge against."
        )
    goal = f"{target.comparator} {_n(target.value)}"
    if v.rule == "achieved" and latest is not None:
        if zh:
            return f"最新实际值 {_n(latest.value)}({latest.when})已达到目标 {goal}。"
        return (
            f"The latest actual {_n(latest.value)} ({latest.when}) already meets the target {goal}."
        )
    if v.rule == "deadline_passed":
        if zh:
            shown = f"{_n(latest.value)}({latest.when})" if latest else "无"
            return f"期限 {target.deadline} 已过,目标 {goal} 未达成;最新实际值:{shown}。"
        shown = f"{_n(latest.value)} ({latest.when})" if latest else "none"
        return (
            f"The deadline {target.deadline} has passed without reaching {goal};"
            f" latest actual: {shown}."
        )
    if v.rule == "milestone_line" and latest is not None and v.ratio is not None:
        word = _ratio_words(v.ratio, v.thresholds, zh)
        if zh:
            return (
                f"截至 {latest.when} 完成 {_n(latest.value)}%,按 {v.start} 至 {target.deadline}"
                f" 的直线进度应完成 {v.expected:.1f}%,比值 {v.ratio:.2f},{word}。"
            )
        return (
            f"{_n(latest.value)}% complete on {latest.when}; a straight line from {v.start} to"
            f" {target.deadline} expects {v.expected:.1f}%; ratio {v.ratio:.2f}: {word}."
        )
    if (
        v.rule == "pace_projection"
        and latest
        and v.base
        and v.ratio is not None
        and v.rate is not None
    ):
        base, word = v.base, _ratio_words(v.ratio, v.thresholds, zh)
        if zh:
            how = f"年均复合增速 {v.rate:+.1%}" if v.compound else f"年均线性变化 {v.rate:+.4g}"
            return (
                f"自 {base.when} 的 {_n(base.value)} 至 {latest.when} 的 {_n(latest.value)},"
                f"{how};按此推算至 {target.deadline} 约为 {v.projected:.4g},"
                f"目标 {goal},比值 {v.ratio:.2f},{word}。"
            )
        how = (
            f"compound annual rate {v.rate:+.1%}"
            if v.compound
            else f"linear change {v.rate:+.4g} a year"
        )
        return (
            f"From {_n(base.value)} on {base.when} to {_n(latest.value)} on {latest.when}"
            f" ({how}); projected to {target.deadline}: {v.projected:.4g} against"
            f" {goal}; ratio {v.ratio:.2f}: {word}."
        )
    if v.rule == "milestone_no_progress":
        if zh:
            return "尚无完成进度的报告,无法判断。"
        return "No progress has been reported yet, so the pace cannot be judged."
    if zh:
        return "基期值与实际值不足两个时点,无法估计进度。"
    return "Fewer than two dated values (baseline and actuals), so the pace cannot be estimated."


def _ratio_words(ratio: float, th: Thresholds, zh: bool) -> str:
    if ratio >= th.on_track:
        return f"不低于 {th.on_track},进度正常" if zh else f"at least {th.on_track}, on track"
    if ratio >= th.accelerate:
        if zh:
            return f"介于 {th.accelerate} 与 {th.on_track} 之间,需加快进度"
        return f"between {th.accelerate} and {th.on_track}, acceleration needed"
    return (
        f"低于 {th.accelerate},停滞或倒退"
        if zh
        else f"below {th.accelerate}, stagnation or regression"
    )


def _n(value: Decimal) -> str:
    return format_decimal(value)


def _when(point: Point) -> date:
    return point.when
