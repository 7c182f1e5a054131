"""The status engine's explanations: why a verdict is what it is, in Chinese or English,
written from the numbers it holds when asked for. The rules and numbers are the verdict's;
the words are the catalogue's (`tracker.i18n`, keys `explain.*`)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.numbers import format_decimal
from tracker.domain.vocab import Comparator, DeadlineBasis, FinalState, Measure
from tracker.i18n import t

if TYPE_CHECKING:
    from tracker.domain.status_facts import Point, Target, Thresholds, Verdict


def explain(verdict: Verdict, lang: str) -> str:
    """Why the verdict is what it is, in `zh` or `en`, from the numbers it holds; then what
    its deadline rests on, its deliverables, and the values held out."""
    parts = [_reason(verdict, lang)]
    target = verdict.target
    if verdict.capped:
        parts.append(t("explain.capped", lang))
    elif target is not None and target.deadline is not None and verdict.rule != "no_target":
        if target.basis is DeadlineBasis.PLAN_END:
            parts.append(t("explain.plan_end", lang))
        elif target.basis is DeadlineBasis.ASSUMED:
            parts.append(t("explain.assumed", lang))
    if verdict.delivered is not None:
        done, total = verdict.delivered
        parts.append(t("explain.delivered", lang, done=done, total=total))
    if verdict.held:
        parts.append(t("explain.held", lang, held=verdict.held))
    return (" " if lang == "en" else "").join(parts)


def _reason(verdict: Verdict, lang: str) -> str:
    v = verdict
    target, latest = v.target, v.latest
    if v.rule == "no_target" or target is None:
        return t("explain.no_target", lang)
    goal = _goal(target)
    shown = _point(latest, lang)
    if v.rule == "achieved" and latest is not None:
        return t("explain.achieved", lang, shown=shown, goal=goal)
    if v.rule == "closed":
        final = t(f"final.{(v.final or FinalState.NOT_REPORTED).value}", lang)
        end = target.programme_end
        return t("explain.closed", lang, end=end, goal=goal, final=final, shown=shown)
    if v.rule == "open_commitment":
        return t("explain.open_commitment", lang, goal=goal, shown=shown)
    if v.rule in ("not_reported", "deadline_passed", "bound_inconclusive"):
        return t(f"explain.{v.rule}", lang, deadline=target.deadline, shown=shown, goal=goal)
    if v.rule == "not_projected":
        which = "rank" if v.measure is Measure.RANK else "rate"
        return t(f"explain.{which}_not_projected", lang, goal=goal)
    if v.rule in ("relative_met", "relative_short", "relative_no_common_period"):
        other = _point(v.base, lang)
        name = target.relative_to or ""
        return t(f"explain.{v.rule}", lang, shown=shown, name=name, other=other)
    if v.rule == "periods_differ":
        return t("explain.periods_differ", lang)
    if v.rule == "milestone_line" and latest is not None and v.ratio is not None:
        return t(
            "explain.milestone_line",
            lang,
            when=latest.when,
            value=_n(latest.value),
            start=v.start,
            deadline=target.deadline,
            expected=v.expected,
            ratio=v.ratio,
            word=_ratio_words(v.ratio, v.thresholds, lang),
        )
    if (
        v.rule == "pace_projection"
        and latest
        and v.base
        and v.ratio is not None
        and v.rate is not None
    ):
        how = t("explain.compound" if v.compound else "explain.linear", lang, rate=v.rate)
        return t(
            "explain.pace_projection",
            lang,
            base_when=v.base.when,
            base=_n(v.base.value),
            when=latest.when,
            value=_n(latest.value),
            how=how,
            deadline=target.deadline,
            projected=v.projected,
            goal=goal,
            ratio=v.ratio,
            word=_ratio_words(v.ratio, v.thresholds, lang),
        )
    if v.rule in ("milestone_no_progress", "milestone_no_start"):
        return t(f"explain.{v.rule}", lang)
    return t("explain.too_few", lang)


def _goal(target: Target) -> str:
    if target.value is None:
        return f"{target.comparator} {target.relative_to or ''}".rstrip()
    return f"{target.comparator} {_n(target.value)}"


def _point(point: Point | None, lang: str) -> str:
    if point is None:
        return t("none", lang)
    bound = "" if point.comparator is Comparator.EQ else f"{point.comparator} "
    return t("explain.point", lang, bound=bound, value=_n(point.value), when=point.when)


def _ratio_words(ratio: float, th: Thresholds, lang: str) -> str:
    if ratio >= th.on_track:
        return t("explain.on_pace", lang, on_track=th.on_track)
    if ratio >= th.accelerate:
        return t("explain.behind_pace", lang, accelerate=th.accelerate, on_track=th.on_track)
    return t("explain.stalled", lang, accelerate=th.accelerate)


def _n(value: Decimal) -> str:
    return format_decimal(value)
