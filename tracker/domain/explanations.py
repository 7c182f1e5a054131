"""The status engine's explanations: why a verdict is what it is, in Chinese or English,
written from the numbers it holds when asked for."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.numbers import format_decimal
from tracker.domain.vocab import Comparator, DeadlineBasis, FinalState, Measure

if TYPE_CHECKING:
    from tracker.domain.status import Point, Target, Thresholds, Verdict


def explain(verdict: Verdict, lang: str) -> str:
    """Why the verdict is what it is, in `zh` or `en`, from the numbers it holds; then what
    its deadline rests on, its deliverables, and the values held out."""
    zh = lang == "zh"
    parts = [_reason(verdict, zh)]
    target = verdict.target
    if verdict.capped:
        parts.append(
            "期限为假定,不判为滞后。"
            if zh
            else "The deadline is assumed, so this is never judged off track."
        )
    elif target is not None and target.deadline is not None and verdict.rule != "no_target":
        if target.basis is DeadlineBasis.PLAN_END:
            parts.append(
                "期限按规划期末推定。"
                if zh
                else "The deadline is inferred from the programme's end."
            )
        elif target.basis is DeadlineBasis.ASSUMED:
            parts.append("期限为假定。" if zh else "The deadline is assumed.")
    if verdict.delivered is not None:
        done, total = verdict.delivered
        parts.append(
            f"交付项已完成 {done}/{total}。" if zh else f"{done} of {total} deliverables completed."
        )
    if verdict.held:
        parts.append(
            f"另有 {verdict.held} 个数值待核,未计入。"
            if zh
            else f"{verdict.held} value(s) held for checking are left out."
        )
    return ("" if zh else " ").join(parts)


def _reason(verdict: Verdict, zh: bool) -> str:
    v = verdict
    target, latest = v.target, v.latest
    if v.rule == "no_target" or target is None:
        return (
            "未设定目标,无从判断。"
            if zh
            else "No target is set, so there is nothing to judge against."
        )
    goal = _goal(target)
    shown = _point(latest, zh)
    if v.rule == "achieved" and latest is not None:
        if zh:
            return f"最新实际值 {shown}已达到目标 {goal}。"
        return f"The latest actual {shown} already meets the target {goal}."
    if v.rule == "closed":
        final = FINAL_WORDS[v.final or FinalState.NOT_REPORTED][0 if zh else 1]
        end = target.programme_end
        if zh:
            return (
                f"所属规划已于 {end} 结束(已关闭);目标 {goal},最终状态:{final};最新实际值:{shown}。"
            )
        return (
            f"Its programme ended on {end} (closed); target {goal}, final state: {final};"
            f" latest actual: {shown}."
        )
    if v.rule == "open_commitment":
        if zh:
            return f"目标 {goal} 未设定期限(开放承诺),不作评判;最新实际值:{shown}。"
        return (
            f"The target {goal} has no deadline (an open commitment): not scored;"
            f" latest actual: {shown}."
        )
    if v.rule == "not_reported":
        if zh:
            return (
                f"期限 {target.deadline} 已过,期内未报告实际值(逾期未报),"
                f"不作滞后判断;最新实际值:{shown}。"
            )
        return (
            f"The deadline {target.deadline} has passed with no actual reported for its period"
            f" (not reported), which is a reporting gap, not a verdict; latest actual: {shown}."
        )
    if v.rule == "deadline_passed":
        if zh:
            return f"期限 {target.deadline} 已过,期内最新实际值 {shown}未达到目标 {goal}。"
        return (
            f"The deadline {target.deadline} has passed and the latest actual for its period,"
            f" {shown}, falls short of {goal}."
        )
    if v.rule == "bound_inconclusive":
        if zh:
            return f"实际值 {shown}为区间值,无法判断是否达到目标 {goal}(不视为下降)。"
        return (
            f"The actual {shown} is a bound, which cannot decide whether {goal} is met"
            " (it is not read as a decline)."
        )
    if v.rule == "not_projected":
        if v.measure is Measure.RANK:
            if zh:
                return f"位次类指标不外推;期内尚无达到目标 {goal} 的报告。"
            return f"A rank is not projected; nothing reported for the period meets {goal} yet."
        if zh:
            return f"增速类指标不按水平值外推;期内尚无达到目标 {goal} 的报告。"
        return (
            f"A rate of change is not projected as a level; nothing reported for the period"
            f" meets {goal} yet."
        )
    if v.rule in ("relative_met", "relative_short", "relative_no_common_period"):
        other = _point(v.base, zh)
        name = target.relative_to or ""
        if v.rule == "relative_no_common_period":
            if zh:
                return f"目标为不低于 {name};两者尚无同期数值可比。"
            return (
                f"The target is not to fall below {name}; there are no values of one period"
                " to compare."
            )
        word = (
            ("达到" if zh else "meets")
            if v.rule == "relative_met"
            else ("未达到" if zh else "falls short of")
        )
        if zh:
            return f"最新实际值 {shown}{word}同期 {name} 的 {other}。"
        return f"The latest actual {shown} {word} {name}'s {other} for the same period."
    if v.rule == "periods_differ":
        if zh:
            return "基期值与最新实际值的统计期不同(如年初至今与全年),不作比较。"
        return (
            "The base and the latest actual cover different spans (e.g. year-to-date and a full"
            " year), so they are not compared as levels."
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
    if v.rule == "milestone_no_start":
        if zh:
            return "任务起始日期未知(规划起始或原文日期),无法画出进度直线。"
        return (
            "The task's start (its programme's start or a date its text gives) is unknown or"
            " not before its report, so there is no line to judge progress against."
        )
    if zh:
        return "基期值与实际值不足两个时点,无法估计进度。"
    return "Fewer than two dated values (baseline and actuals), so the pace cannot be estimated."


FINAL_WORDS = {
    FinalState.COMPLETED: ("已完成", "completed"),
    FinalState.NOT_COMPLETED: ("未完成", "not completed"),
    FinalState.NOT_REPORTED: ("未报告", "not reported"),
}


def _goal(target: Target) -> str:
    if target.value is None:
        return f"{target.comparator} {target.relative_to or ''}".rstrip()
    return f"{target.comparator} {_n(target.value)}"


def _point(point: Point | None, zh: bool) -> str:
    if point is None:
        return "无" if zh else "none"
    bound = "" if point.comparator is Comparator.EQ else f"{point.comparator} "
    if zh:
        return f"{bound}{_n(point.value)}({point.when})"
    return f"{bound}{_n(point.value)} ({point.when})"


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
