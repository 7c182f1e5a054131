"""The briefing's words, Chinese first; statuses and shared words come from domain.labels."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "title": ("指标调度通报", "Indicator briefing"),
    "programme": (
        "沈阳现代化都市圈与沈大“双核”建设",
        "The Shenyang Modern Metropolitan Circle and the Shenyang-Dalian double core",
    ),
    "as_of": ("截至日期", "As of"),
    "store": ("数据库", "Store"),
    "scope": ("范围", "Scope"),
    "scope_all": ("全部地区和领域", "Every region and pillar"),
    "headline": ("总体情况", "Headline"),
    "headline_text": (
        "共 {total} 项指标:{parts}。需关注 {attention} 项,逾期未报 {not_reported} 项。",
        "{total} indicators: {parts}. {attention} need attention; {not_reported} are not reported.",
    ),
    "status_chart": ("各状态指标数", "Indicators by status"),
    "by_pillar": ("分领域情况", "By pillar"),
    "by_region": ("分地区情况", "By region"),
    "attention": ("需关注的指标", "Indicators needing attention"),
    "attention_none": ("没有需关注的指标。", "No indicator needs attention."),
    "latest": (
        "最新实际值 {actual}({when}),目标 {target},期限 {deadline}。",
        "Latest actual {actual} ({when}) against a target of {target} by {deadline}.",
    ),
    "no_actual": (
        "尚无实际值;目标 {target},期限 {deadline}。",
        "No actual yet; target {target} by {deadline}.",
    ),
    "share": ("已完成所需变化的 {share:.0%}。", "{share:.0%} of the required change is done."),
    "pace_up": (
        "按目前的速度,到期限约可达到 {projected},相当于所需变化的 {ratio:.0%}。",
        "At the present pace it would reach about {projected} by the deadline, {ratio:.0%} of"
        " the change required.",
    ),
    "line": (
        "按直线进度此时应完成 {expected:.0f}%,实际完成约为应完成的 {ratio:.0%}。",
        "A straight line to the deadline expects {expected:.0f}% by now; about {ratio:.0%} of"
        " that is done.",
    ),
    "why": ("依据:", "Why: "),
    "flagged": ("人工标记", "Flagged"),
    "level_off_track": ("滞后", "off track"),
    "level_watch": ("关注", "watch"),
    "flag_line": ("{level}:{reason}({who},{when})", "{level}: {reason} ({who}, {when})"),
    "trajectory": ("{name}:实际值与基期至目标路径", "{name}: actuals against the path to target"),
    "figure": ("图{n} ", "Figure {n}. "),
    "table": ("表{n} ", "Table {n}. "),
    "actuals": ("实际值", "Actuals"),
    "path": ("基期至目标路径", "Baseline to target"),
    "targets": ("目标", "Target"),
    "reminders": ("待报送提醒(逾期未报)", "Reminders: targets past their deadline, not reported"),
    "reminders_none": ("没有逾期未报的指标。", "Nothing is overdue."),
    "reminder": (
        "{name}({code}):期限 {deadline},期内未报告实际值;最新实际值:{latest}。",
        "{name} ({code}): deadline {deadline}, nothing reported for its period; latest actual:"
        " {latest}.",
    ),
    "closed": ("已结束规划", "Programmes that have ended"),
    "closed_none": (
        "范围内没有已结束规划的指标。",
        "No indicator here belongs to an ended programme.",
    ),
    "closed_line": (
        "{programme}(截至 {end}):{n} 项指标,{parts}。",
        "{programme} (ended {end}): {n} indicators; {parts}.",
    ),
    "sources": ("资料来源", "Sources"),
    "source_line": (
        "{document}:“{quote}”({kind} {period})",
        "{document}: “{quote}” ({kind} {period})",
    ),
    "manual": ("人工录入:{source}", "entered by hand: {source}"),
    "none": ("无", "none"),
    "final_state": ("最终状态", "Final state"),
    "unknown_programme": ("未注明规划", "Programme not named"),
    "tui_report": ("生成调度通报", "Write the briefing"),
    "tui_report_help": (
        "当前日期的 Word 通报,写入当前目录",
        "A Word briefing as of the current date, in the current folder",
    ),
    "tui_report_done": ("通报已写入 {path}", "Briefing written to {path}"),
}


def say(key: str, lang: str, **values: object) -> str:
    """A phrase of the briefing in `lang`, with values filled in."""
    zh, en = WORDS[key]
    return (zh if lang == "zh" else en).format(**values)
