"""The shell's table words, the closed vocabularies (status, kind, state ...) and the status
engine's explanations."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the shell's tables (cli.* where the shell words a thing differently)
    "budget": ("实际 [占目标]", "Actual [of target]"),
    "of": ("目标{target}的{share}", "{share} of {target}"),
    "target_only": ("目标{target}", "of {target}"),
    "more": ("还有 {n} 项未列出(--limit 0 列出全部)", "... and {n} more (--limit 0 lists all)"),
    "cli.shown": ("{total} 项", "{total}"),
    "flag": ("标记", "flag"),
    "cli.source": ("来源", "Source"),
    "entered": ("录入", "Entered"),
    "cli.observations": ("当前数值", "Current values"),
    "changes": ("最近变更", "Recent changes"),
    "history": ("全部数值记录", "Every value entered"),
    "actor": ("操作人", "Who"),
    "cli.origin": ("来源", "From"),
    "what": ("内容", "What"),
    "every_monthly": ("每月", "monthly"),
    "every_quarterly": ("每季度", "quarterly"),
    "every_annual": ("每年", "annual"),
    "every_once": ("一次性", "once"),
    "earlier": (
        "另有 {n} 条已更正或撤回的数值:tracker history {code}",
        "{n} superseded or withdrawn values: tracker history {code}",
    ),
    "cli.cleared": ("已解除", "cleared"),
    "count": ("共 {n} 项", "{n} indicators"),
    "no_events": ("没有符合条件的变更记录", "No audit events match"),
    "no_indicators": ("没有符合条件的指标", "No indicators match"),
    "cli.closed_hidden": (
        "另有 {n} 项属已结束的规划,未列入(--include-closed 列出)",
        "{n} indicators of programmes that have ended are not shown (--include-closed)",
    ),
    "held": ("待核 {n} 个数值", "{n} held for checking"),
    "final": ("最终:{state}", "final: {state}"),
    # status
    "status.achieved": ("已达成", "achieved"),
    "status.on_track": ("正常推进", "on track"),
    "status.accelerate": ("需加快", "accelerate"),
    "status.off_track": ("滞后", "off track"),
    "status.not_reported": ("逾期未报", "not reported"),
    "status.insufficient_data": ("数据不足", "no data"),
    "status.open_commitment": ("开放承诺", "open commitment"),
    "status.no_target": ("无目标", "no target"),
    "status.closed": ("已关闭", "closed"),
    # final
    "final.completed": ("已完成", "completed"),
    "final.not_completed": ("未完成", "not completed"),
    "final.not_reported": ("未报告", "not reported"),
    # basis
    "basis.stated": ("原文明确", "stated"),
    "basis.plan_end": ("规划期末", "plan end"),
    "basis.assumed": ("假定", "assumed"),
    # milestone
    "milestone.planned": ("计划", "planned"),
    "milestone.started": ("开工", "started"),
    "milestone.approved": ("获批", "approved"),
    "milestone.completed": ("建成", "completed"),
    # kind
    "kind.baseline": ("基期", "baseline"),
    "kind.target": ("目标", "target"),
    "kind.actual": ("实际", "actual"),
    # direction
    "direction.increase": ("越高越好", "higher is better"),
    "direction.decrease": ("越低越好", "lower is better"),
    "direction.milestone": ("任务", "milestone"),
    # frequency
    "frequency.monthly": ("月度", "monthly"),
    "frequency.quarterly": ("季度", "quarterly"),
    "frequency.annual": ("年度", "annual"),
    "frequency.once": ("一次", "once"),
    # state
    "state.current": ("当前", "current"),
    "state.superseded": ("已更正", "superseded"),
    "state.withdrawn": ("已撤回", "withdrawn"),
    # the status engine's explanations (tracker/domain/explanations.py)
    "explain.capped": (
        "期限为假定,不判为滞后。",
        "The deadline is assumed, so this is never judged off track.",
    ),
    "explain.plan_end": (
        "期限按规划期末推定。",
        "The deadline is inferred from the programme's end.",
    ),
    "explain.assumed": ("期限为假定。", "The deadline is assumed."),
    "explain.delivered": (
        "交付项已完成 {done}/{total}。",
        "{done} of {total} deliverables completed.",
    ),
    "explain.held": (
        "另有 {held} 个数值待核,未计入。",
        "{held} value(s) held for checking are left out.",
    ),
    "explain.no_target": (
        "未设定目标,无从判断。",
        "No target is set, so there is nothing to judge against.",
    ),
    "explain.achieved": (
        "最新实际值 {shown}已达到目标 {goal}。",
        "The latest actual {shown} already meets the target {goal}.",
    ),
    "explain.closed": (
        "所属规划已于 {end} 结束(已关闭);目标 {goal},最终状态:{final};最新实际值:{shown}。",
        "Its programme ended on {end} (closed); target {goal}, final state: {final};"
        " latest actual: {shown}.",
    ),
    "explain.open_commitment": (
        "目标 {goal} 未设定期限(开放承诺),不作评判;最新实际值:{shown}。",
        "The target {goal} has no deadline (an open commitment): not scored;"
        " latest actual: {shown}.",
    ),
    "explain.not_reported": (
        "期限 {deadline} 已过,期内未报告实际值(逾期未报),不作滞后判断;最新实际值:{shown}。",
        "The deadline {deadline} has passed with no actual reported for its period"
        " (not reported), which is a reporting gap, not a verdict; latest actual: {shown}.",
    ),
    "explain.deadline_passed": (
        "期限 {deadline} 已过,期内最新实际值 {shown}未达到目标 {goal}。",
        "The deadline {deadline} has passed and the latest actual for its period,"
        " {shown}, falls short of {goal}.",
    ),
    "explain.bound_inconclusive": (
        "实际值 {shown}为区间值,无法判断是否达到目标 {goal}(不视为下降)。",
        "The actual {shown} is a bound, which cannot decide whether {goal} is met"
        " (it is not read as a decline).",
    ),
    "explain.rank_not_projected": (
        "位次类指标不外推;期内尚无达到目标 {goal} 的报告。",
        "A rank is not projected; nothing reported for the period meets {goal} yet.",
    ),
    "explain.rate_not_projected": (
        "增速类指标不按水平值外推;期内尚无达到目标 {goal} 的报告。",
        "A rate of change is not projected as a level; nothing reported for the period"
        " meets {goal} yet.",
    ),
    "explain.relative_no_common_period": (
        "目标为不低于 {name};两者尚无同期数值可比。",
        "The target is not to fall below {name}; there are no values of one period to compare.",
    ),
    "explain.relative_met": (
        "最新实际值 {shown}达到同期 {name} 的 {other}。",
        "The latest actual {shown} meets {name}'s {other} for the same period.",
    ),
    "explain.relative_short": (
        "最新实际值 {shown}未达到同期 {name} 的 {other}。",
        "The latest actual {shown} falls short of {name}'s {other} for the same period.",
    ),
    "explain.periods_differ": (
        "基期值与最新实际值的统计期不同(如年初至今与全年),不作比较。",
        "The base and the latest actual cover different spans (e.g. year-to-date and a full"
        " year), so they are not compared as levels.",
    ),
    "explain.milestone_line": (
        "截至 {when} 完成 {value}%,按 {start} 至 {deadline} 的直线进度应完成 {expected:.1f}%,"
        "比值 {ratio:.2f},{word}。",
        "{value}% complete on {when}; a straight line from {start} to {deadline} expects"
        " {expected:.1f}%; ratio {ratio:.2f}: {word}.",
    ),
    "explain.pace_projection": (
        "自 {base_when} 的 {base} 至 {when} 的 {value},{how};按此推算至 {deadline} 约为"
        " {projected:.4g},目标 {goal},比值 {ratio:.2f},{word}。",
        "From {base} on {base_when} to {value} on {when} ({how}); projected to {deadline}:"
        " {projected:.4g} against {goal}; ratio {ratio:.2f}: {word}.",
    ),
    "explain.compound": ("年均复合增速 {rate:+.1%}", "compound annual rate {rate:+.1%}"),
    "explain.linear": ("年均线性变化 {rate:+.4g}", "linear change {rate:+.4g} a year"),
    "explain.milestone_no_progress": (
        "尚无完成进度的报告,无法判断。",
        "No progress has been reported yet, so the pace cannot be judged.",
    ),
    "explain.milestone_no_start": (
        "任务起始日期未知(规划起始或原文日期),无法画出进度直线。",
        "The task's start (its programme's start or a date its text gives) is unknown or"
        " not before its report, so there is no line to judge progress against.",
    ),
    "explain.too_few": (
        "基期值与实际值不足两个时点,无法估计进度。",
        "Fewer than two dated values (baseline and actuals), so the pace cannot be estimated.",
    ),
    "explain.point": ("{bound}{value}({when})", "{bound}{value} ({when})"),
    "explain.on_pace": ("不低于 {on_track},进度正常", "at least {on_track}, on track"),
    "explain.behind_pace": (
        "介于 {accelerate} 与 {on_track} 之间,需加快进度",
        "between {accelerate} and {on_track}, acceleration needed",
    ),
    "explain.stalled": (
        "低于 {accelerate},停滞或倒退",
        "below {accelerate}, stagnation or regression",
    ),
}
