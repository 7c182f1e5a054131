"""The status engine: is an indicator on track? Pure functions of the facts and a date.

The rule follows the UN Statistics Division's SDG Progress Chart, adapted to mid-year dates:
from the baseline (or the earliest actual) to the latest actual, estimate the pace (compound
annual growth where all values are positive, linear otherwise), project it to the target's
deadline in fractional years, and take ratio = (projected - base) / (target - base).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tracker.domain.numbers import format_decimal, split_unit
from tracker.domain.periods import years_between
from tracker.domain.vocab import Comparator, Direction, Frequency, Status


@dataclass(frozen=True)
class Point:
    """A dated value: a baseline or an actual."""

    when: date
    value: Decimal


@dataclass(frozen=True)
class Target:
    """A value to reach by a deadline, met according to its comparator."""

    value: Decimal
    comparator: Comparator
    deadline: date


@dataclass(frozen=True)
class Facts:
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


@dataclass(frozen=True)
class Verdict:
    """A status with the numbers behind it and a readable explanation in both languages."""

    status: Status
    rule: str
    explanation_zh: str
    explanation_en: str
    target: Target | None = None
    latest: Point | None = None
    base: Point | None = None
    projected: float | None = None
    ratio: float | None = None
    progress: float | None = None
    stale: bool = False
    flagged: bool = False

    def explanation(self, lang: str) -> str:
        """The explanation in `zh` or `en`."""
        return self.explanation_zh if lang == "zh" else self.explanation_en


def judge(facts: Facts, as_of: date, thresholds: Thresholds | None = None) -> Verdict:
    """Judge one indicator as of a date."""
    th = thresholds or Thresholds()
    actuals = sorted((p for p in facts.actuals if p.when <= as_of), key=lambda p: p.when)
    latest = actuals[-1] if actuals else None
    target = pick_target(facts.targets, as_of)
    common = Verdict(
        Status.NO_TARGET,
        "no_target",
        "未设定目标,无从判断。",
        "No target is set, so there is nothing to judge against.",
        target=target,
        latest=latest,
        stale=is_stale(facts, latest, as_of, th),
        flagged=facts.flagged,
    )
    if target is None:
        return common
    common = replace(common, progress=progress_toward(facts, actuals, target))
    tol = _tolerance(target, facts.unit, th)
    if latest is not None and meets(latest.value, target, tol):
        return _verdict(
            common,
            Status.ACHIEVED,
            "achieved",
            f"最新实际值 {_n(latest.value)}({latest.when})已达到目标"
            f" {target.comparator} {_n(target.value)}。",
            f"The latest actual {_n(latest.value)} ({latest.when}) already meets the target"
            f" {target.comparator} {_n(target.value)}.",
            progress=1.0,
        )
    if as_of > target.deadline:
        shown = f"{_n(latest.value)}({latest.when})" if latest else "无"
        shown_en = f"{_n(latest.value)} ({latest.when})" if latest else "none"
        return _verdict(
            common,
            Status.OFF_TRACK,
            "deadline_passed",
            f"期限 {target.deadline} 已过,目标 {target.comparator} {_n(target.value)}"
            f" 未达成;最新实际值:{shown}。",
            f"The deadline {target.deadline} has passed without reaching"
            f" {target.comparator} {_n(target.value)}; latest actual: {shown_en}.",
        )
    if facts.direction is Direction.MILESTONE:
        return _judge_milestone(facts, target, latest, th, common)
    return _judge_pace(facts, target, actuals, th, common)


def pick_target(targets: tuple[Target, ...], as_of: date) -> Target | None:
    """The target that governs now: the earliest deadline not yet passed, else the latest one."""
    if not targets:
        return None
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
    return as_of - reference.when > timedelta(days=window)


def _tolerance(target: Target, unit: str, th: Thresholds) -> Decimal:
    """Within one point of a 0 % or 100 % target counts as meeting it."""
    if split_unit(unit)[1] == "%" and target.value in (Decimal(0), Decimal(100)):
        return th.percent_tolerance
    return Decimal(0)


def _judge_milestone(
    facts: Facts, target: Target, latest: Point | None, th: Thresholds, common: Verdict
) -> Verdict:
    start = facts.start or (facts.baseline.when if facts.baseline else None)
    if latest is None or start is None or start >= target.deadline:
        return _verdict(
            common,
            Status.INSUFFICIENT,
            "milestone_no_progress",
            "尚无完成进度的报告,无法判断。",
            "No progress has been reported yet, so the pace cannot be judged.",
        )
    span = (target.deadline - start).days
    elapsed = max(0, (latest.when - start).days)
    expected = float(target.value) * min(1.0, elapsed / span)
    done = float(latest.value)
    ratio = 1.0 if expected <= 0 else done / expected
    status, word_zh, word_en = _classify(ratio, th)
    return _verdict(
        common,
        status,
        "milestone_line",
        f"截至 {latest.when} 完成 {_n(latest.value)}%,按 {start} 至 {target.deadline}"
        f" 的直线进度应完成 {expected:.1f}%,比值 {ratio:.2f},{word_zh}。",
        f"{_n(latest.value)}% complete on {latest.when}; a straight line from {start} to"
        f" {target.deadline} expects {expected:.1f}%; ratio {ratio:.2f}: {word_en}.",
        ratio=ratio,
        progress=done / float(target.value) if target.value else None,
    )


def _judge_pace(
    facts: Facts,
    target: Target,
    actuals: list[Point],
    th: Thresholds,
    common: Verdict,
) -> Verdict:
    latest = actuals[-1] if actuals else None
    base = facts.baseline
    if latest is not None and (base is None or base.when >= latest.when):
        base = actuals[0]
    if latest is None or base is None or base.when >= latest.when:
        return _verdict(
            common,
            Status.INSUFFICIENT,
            "fewer_than_two_points",
            "基期值与实际值不足两个时点,无法估计进度。",
            "Fewer than two dated values (baseline and actuals), so the pace cannot be estimated.",
            base=base,
        )
    elapsed = years_between(base.when, latest.when)
    remaining = years_between(latest.when, target.deadline)
    b, v, goal = float(base.value), float(latest.value), float(target.value)
    if b > 0 and v > 0:
        rate = (v / b) ** (1 / elapsed)
        projected = v * rate**remaining
        how_zh, how_en = f"年均复合增速 {rate - 1:+.1%}", f"compound annual rate {rate - 1:+.1%}"
    else:
        slope = (v - b) / elapsed
        projected = v + slope * remaining
        how_zh, how_en = f"年均线性变化 {slope:+.4g}", f"linear change {slope:+.4g} a year"
    if math.isclose(goal, b):
        ratio = 1.0 if meets(Decimal(repr(projected)), target) else 0.0
    else:
        ratio = (projected - b) / (goal - b)
    progress = None if math.isclose(goal, b) else (v - b) / (goal - b)
    status, word_zh, word_en = _classify(ratio, th)
    return _verdict(
        common,
        status,
        "pace_projection",
        f"自 {base.when} 的 {_n(base.value)} 至 {latest.when} 的 {_n(latest.value)},"
        f"{how_zh};按此推算至 {target.deadline} 约为 {projected:.4g},"
        f"目标 {target.comparator} {_n(target.value)},比值 {ratio:.2f},{word_zh}。",
        f"From {_n(base.value)} on {base.when} to {_n(latest.value)} on {latest.when}"
        f" ({how_en}); projected to {target.deadline}: {projected:.4g} against"
        f" {target.comparator} {_n(target.value)}; ratio {ratio:.2f}: {word_en}.",
        base=base,
        projected=projected,
        ratio=ratio,
        progress=progress,
    )


def _verdict(
    common: Verdict, status: Status, rule: str, zh: str, en: str, **numbers: Any
) -> Verdict:
    """The common verdict with its status, rule, explanations and numbers filled in."""
    return replace(
        common, status=status, rule=rule, explanation_zh=zh, explanation_en=en, **numbers
    )


def _classify(ratio: float, th: Thresholds) -> tuple[Status, str, str]:
    if ratio >= th.on_track:
        return (
            Status.ON_TRACK,
            f"不低于 {th.on_track},进度正常",
            f"at least {th.on_track}, on track",
        )
    if ratio >= th.accelerate:
        return (
            Status.ACCELERATE,
            f"介于 {th.accelerate} 与 {th.on_track} 之间,需加快进度",
            f"between {th.accelerate} and {th.on_track}, acceleration needed",
        )
    return (
        Status.OFF_TRACK,
        f"低于 {th.accelerate},停滞或倒退",
        f"below {th.accelerate}, stagnation or regression",
    )


def _n(value: Decimal) -> str:
    return format_decimal(value)
