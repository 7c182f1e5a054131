"""The briefing, the review of extracted candidates, and why extraction guessed what it did."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the briefing (tracker report)
    "report.title": ("指标调度通报", "Indicator briefing"),
    "report.programme": (
        "沈阳现代化都市圈与沈大“双核”建设",
        "The Shenyang Modern Metropolitan Circle and the Shenyang-Dalian double core",
    ),
    "report.as_of": ("截至日期", "As of"),
    "report.store": ("数据库", "Store"),
    "report.scope": ("范围", "Scope"),
    "report.scope_all": ("全部地区和领域", "Every region and pillar"),
    "report.headline": ("总体情况", "Headline"),
    "report.headline_text": (
        "共 {total} 项指标:{parts}。需关注 {attention} 项,逾期未报 {not_reported} 项。",
        "{total} indicators: {parts}. {attention} need attention; {not_reported} are not reported.",
    ),
    "report.status_chart": ("各状态指标数", "Indicators by status"),
    "report.by_pillar": ("分领域情况", "By pillar"),
    "report.by_region": ("分地区情况", "By region"),
    "report.attention": ("需关注的指标", "Indicators needing attention"),
    "report.attention_none": ("没有需关注的指标。", "No indicator needs attention."),
    "report.latest": (
        "最新实际值 {actual}({when}),目标 {target},期限 {deadline}。",
        "Latest actual {actual} ({when}) against a target of {target} by {deadline}.",
    ),
    "report.no_actual": (
        "尚无实际值;目标 {target},期限 {deadline}。",
        "No actual yet; target {target} by {deadline}.",
    ),
    "report.share": (
        "已完成所需变化的 {share:.0%}。",
        "{share:.0%} of the required change is done.",
    ),
    "report.pace_up": (
        "按目前的速度,到期限约可达到 {projected},相当于所需变化的 {ratio:.0%}。",
        "At the present pace it would reach about {projected} by the deadline, {ratio:.0%} of"
        " the change required.",
    ),
    "report.line": (
        "按直线进度此时应完成 {expected:.0f}%,实际完成约为应完成的 {ratio:.0%}。",
        "A straight line to the deadline expects {expected:.0f}% by now; about {ratio:.0%} of"
        " that is done.",
    ),
    "report.why": ("依据:", "Why: "),
    "report.flagged": ("人工标记", "Flagged"),
    "report.level_off_track": ("滞后", "off track"),
    "report.level_watch": ("关注", "watch"),
    "report.flag_line": ("{level}:{reason}({who},{when})", "{level}: {reason} ({who}, {when})"),
    "report.trajectory": (
        "{name}:实际值与基期至目标路径",
        "{name}: actuals against the path to target",
    ),
    "report.figure": ("图{n} ", "Figure {n}. "),
    "report.table": ("表{n} ", "Table {n}. "),
    "report.actuals": ("实际值", "Actuals"),
    "report.path": ("基期至目标路径", "Baseline to target"),
    "report.targets": ("目标", "Target"),
    "report.reminders": (
        "待报送提醒(逾期未报)",
        "Reminders: targets past their deadline, not reported",
    ),
    "report.reminders_none": ("没有逾期未报的指标。", "Nothing is overdue."),
    "report.reminder": (
        "{name}({code}):期限 {deadline},期内未报告实际值;最新实际值:{latest}。",
        "{name} ({code}): deadline {deadline}, nothing reported for its period; latest actual:"
        " {latest}.",
    ),
    "report.closed": ("已结束规划", "Programmes that have ended"),
    "report.closed_none": (
        "范围内没有已结束规划的指标。",
        "No indicator here belongs to an ended programme.",
    ),
    "report.closed_line": (
        "{programme}(截至 {end}):{n} 项指标,{parts}。",
        "{programme} (ended {end}): {n} indicators; {parts}.",
    ),
    "report.sources": ("资料来源", "Sources"),
    "report.source_line": (
        "{document}:“{quote}”({kind} {period})",
        "{document}: “{quote}” ({kind} {period})",
    ),
    "report.manual": ("人工录入:{source}", "entered by hand: {source}"),
    "report.none": ("无", "none"),
    "report.final_state": ("最终状态", "Final state"),
    "report.unknown_programme": ("未注明规划", "Programme not named"),
    "report.tui_report": ("生成调度通报", "Write the briefing"),
    "report.tui_report_help": (
        "当前日期的 Word 通报,写入当前目录",
        "A Word briefing as of the current date, in the current folder",
    ),
    "report.tui_report_done": ("通报已写入 {path}", "Briefing written to {path}"),
    # the review of extracted candidates (tracker review)
    "review.accept": ("采纳", "Accept"),
    "review.reject": ("舍弃", "Reject"),
    "review.edit_value": ("改数值", "Value"),
    "review.edit_period": ("改时期", "Period"),
    "review.kind": ("改类型", "Kind"),
    "review.attach": ("归入", "Attach"),
    "review.new_indicator": ("新指标", "New"),
    "review.split": ("拆分", "Split"),
    "review.write": ("写入", "Write"),
    "review.next": ("下一条", "Next"),
    "review.previous": ("上一条", "Previous"),
    "review.quit": ("退出", "Quit"),
    "review.accepted": ("已采纳", "accepted"),
    "review.rejected": ("已舍弃", "rejected"),
    "review.pending": ("待定", "pending"),
    "review.position": (
        "第 {n}/{total} 条 · 采纳 {a} · 舍弃 {r}",
        "{n} of {total} · {a} accepted · {r} rejected",
    ),
    "review.fields": (
        "类型 {kind} · 数值 {value} {unit} {comparator} · 时期 {period} ({rule})",
        "kind {kind} · value {value} {unit} {comparator} · period {period} ({rule})",
    ),
    "review.state": (
        "状态 {state} · 交付项 {deliverable}",
        "state {state} · deliverable {deliverable}",
    ),
    "review.indicator": (
        "指标 {code} {name} · 置信度 {confidence}",
        "indicator {code} {name} · confidence {confidence}",
    ),
    "review.reason": ("依据: {reason}", "why: {reason}"),
    "review.open": ("无期限", "open"),
    "review.ask_value": ("新数值(如 6.1万、87.5%):", "New value (e.g. 6.1万, 87.5%):"),
    "review.ask_period": (
        "新时期(如 2024、2024-06、2024-01..2024-05,空为无期限):",
        "New period (2024, 2024-06, 2024-01..2024-05; empty: open):",
    ),
    "review.ask_indicator": ("指标编码:", "Indicator code:"),
    "review.ask_new": (
        "新指标: 编码 名称 地区 领域(如 TL-IND-PARKS 铁岭产业园区 铁岭市 产业共链):",
        "New indicator: code name region pillar (e.g. TL-IND-PARKS 铁岭产业园区 铁岭市 产业共链):",
    ),
    "review.new_needs": (
        "需要编码、名称、地区和领域四项",
        "expected a code, a name, a region and a pillar",
    ),
    "review.code_taken": ("编码 {code} 已有指标:用 i 归入", "{code} exists: attach with i"),
    "review.unknown_indicator": ("没有编码为 {code} 的指标", "no indicator with code {code}"),
    "review.no_value": (
        "进展没有数值:可改时期或类型",
        "a state has no value: edit its period or kind",
    ),
    "review.cannot_split": ("此条没有可拆分的并列项", "nothing to split: no listed items"),
    "review.nothing_accepted": ("尚未采纳任何候选", "no candidate accepted yet"),
    "review.written": (
        "已写入: 文档 {document},新指标 {indicators},数值 {observations},进展 {milestones}",
        "written: document {document}, {indicators} new indicators, {observations} values,"
        " {milestones} states",
    ),
    "extract.done": (
        "{id}:{count} 条候选({title};{dated})",
        "{id}: {count} candidates ({title}; {dated})",
    ),
    "extract.undated": ("无日期", "undated"),
    "report.wrote": ("已写入 {path}", "wrote {path}"),
    # why tracker extract guessed what it guessed
    "extract.reason.kind_plan": (
        "类型 {kind}: 规划中的数字(承诺)",
        "kind {kind}: a plan's figure (a commitment)",
    ),
    "extract.reason.kind_cue": ("类型 {kind}: 提示词 {cue}", "kind {kind}: cue {cue}"),
    "extract.reason.kind_done": ("类型 {kind}: 已报告完成", "kind {kind}: reported as done"),
    "extract.reason.kind_plan_fact": (
        "类型 {kind}: 规划自身的清单或结构({cue}),是成文日的事实",
        "kind {kind}: a plan's own list or structure ({cue}), a fact on the day it was written",
    ),
    "extract.reason.period": ("时期 {period}: {rule}", "period {period}: {rule}"),
    "extract.reason.bound": ("界限 {bound}", "bound {bound}"),
    "extract.reason.task": (
        "规划中带责任单位的编号任务:完成即100%",
        "a numbered task of a plan with its responsible units: done is 100%",
    ),
    "extract.reason.goal": (
        "规划的{year}年目标,句中写明:达到即100%",
        "a plan's goal for {year}, stated: reached is 100%",
    ),
    "extract.reason.completion": (
        "规划写明工程将完成({cue}):完成即100%",
        "a plan says the work will be finished ({cue}): done is 100%",
    ),
    "extract.reason.state": ("状态 {state}: 提示词 {cue}", "state {state}: cue {cue}"),
    "extract.reason.pillar": (
        "领域 {pillar}: 标题 {heading}",
        "pillar {pillar}: heading {heading}",
    ),
    "extract.reason.indicator": (
        "指标 {code}: 名称 {name}({score}/100)",
        "indicator {code}: name {name} ({score}/100)",
    ),
    "extract.reason.set_period": ("时期由审核人填写", "period set by the reviewer"),
    "extract.reason.set_indicator": ("指标由审核人选定", "indicator set by the reviewer"),
    "extract.reason.new_indicator": (
        "审核人新定义的指标",
        "a new indicator defined by the reviewer",
    ),
    "extract.open": ("无期限", "open"),
}
