"""Every word the interface shows, in Chinese and English: one catalogue for the domain's
explanations, the CLI and the TUI.

A dict of key -> (zh, en) with `t(key, lang, **params)` rather than gettext catalogues:
there are exactly two languages, both written by the same people at the same time, and a
missing or drifting translation should fail a unit test (`tests/unit/test_i18n.py`), not
fall back silently at run time as gettext does. The catalogue is plain Python, imports
nothing of the project, and so may be used by every layer (the domain's explanations
included) without breaking the direction of dependencies. Keys are grouped by prefix:
`status.`, `kind.`, ... for the closed vocabularies, `explain.` for the status engine's
reasons, `error.` for the errors the core raises, `action.` for audit actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from typing import NamedTuple

LANGUAGES = ("zh", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # shared words: table headers and section titles
    "code": ("编码", "Code"),
    "name": ("指标", "Indicator"),
    "region": ("地区", "Region"),
    "pillar": ("领域", "Pillar"),
    "unit": ("单位", "Unit"),
    "baseline": ("基期", "Baseline"),
    "actual": ("最新实际", "Latest actual"),
    "target": ("目标", "Target"),
    "progress": ("进度", "Progress"),
    "status": ("状态", "Status"),
    "deadline": ("期限", "Deadline"),
    "remaining": ("尚差", "To go"),
    "flagged": ("已标记", "flagged"),
    "stale": ("过期", "stale"),
    "total": ("合计", "Total"),
    "attention": ("需关注的指标", "Indicators needing attention"),
    "reporting": ("报告情况(非绩效判断)", "Reporting (not performance verdicts)"),
    "not_reported_list": ("逾期未报的指标", "Targets past their deadline with nothing reported"),
    "open_list": ("开放承诺(无期限,不评判)", "Open commitments (no deadline, not scored)"),
    "closed_hidden": ("已关闭规划的指标未列入", "indicators of closed programmes not shown"),
    "quarantined": ("待核", "held for checking"),
    "relative_no_value": (
        "相对目标(不低于另一指标同期数值)没有可更正的数值",
        "a relative target (not below another series in the same period) has no value to correct",
    ),
    "no_deadline_means": (
        "不填期限:开放承诺(不评判)",
        "no deadline: an open commitment (not scored)",
    ),
    "final_state": ("最终状态", "Final state"),
    "programme": ("所属规划", "Programme"),
    "deadline_basis": ("期限依据", "Deadline basis"),
    "deliverables": ("交付项", "Deliverables"),
    "counts": ("各领域状态", "Status by pillar"),
    "counts_region": ("各地区状态", "Status by region"),
    "as_of": ("截至", "as of"),
    "none": ("无", "none"),
    # the terminal interface
    "app_title": ("沈阳现代化都市圈 指标跟踪", "Shenyang Metropolitan Circle indicators"),
    "markers": ("标记", "Marks"),
    "search": ("搜索编码或名称 (/)", "Search code or name (/)"),
    "all_regions": ("全部地区", "All regions"),
    "all_pillars": ("全部领域", "All pillars"),
    "all_statuses": ("全部状态", "All statuses"),
    "all_departments": ("全部部门", "All departments"),
    "flagged_only": ("仅已标记", "Flagged"),
    "stale_only": ("仅过期", "Stale"),
    "attention_only": ("需关注", "Attention"),
    "attention_view": ("需关注的指标", "Needs attention"),
    "shown": ("显示 {shown}/{total}", "Showing {shown} of {total}"),
    "loading": ("加载中…", "Loading…"),
    "no_rows": ("没有符合条件的指标", "No indicator matches"),
    "act_search": ("搜索", "Search"),
    "act_detail": ("详情", "Detail"),
    "act_record": ("记录", "Record"),
    "act_target": ("改目标", "Target"),
    "act_flag": ("标记", "Flag"),
    "act_edit": ("改指标", "Edit"),
    "act_correct": ("更正所选值", "Correct value"),
    "act_undo": ("撤销", "Undo"),
    "act_back": ("返回", "Back"),
    "act_help": ("帮助", "Help"),
    "act_dashboard": ("总览", "Dashboard"),
    "act_attention": ("需关注", "Attention"),
    "act_closed": ("已关闭规划", "Closed"),
    "open_period": ("无期限", "no deadline"),
    "closed_view": ("含已关闭规划", "With closed programmes"),
    "act_sort": ("排序列", "Sort column"),
    "act_reverse": ("倒序", "Reverse"),
    "act_clear": ("清除筛选", "Clear filters"),
    "act_language": ("English", "中文"),
    "act_quit": ("退出", "Quit"),
    "act_table": ("到表格", "To table"),
    "act_palette": ("命令", "Commands"),
    "act_filter_cell": ("按单元格筛选", "Filter by cell"),
    "key": ("按键", "Key"),
    "act_next": ("下一区域", "Next area"),
    "mouse": ("鼠标", "Mouse"),
    "mouse_help": (
        "单击行选中,双击打开;单击表头排序,再次单击倒序;单击筛选框和复选框筛选",
        "Click a row to select it, double-click to open it; click a header to sort (again to"
        " reverse); click the filters and boxes to filter",
    ),
    "palette": ("命令", "commands"),
    "detail_title": ("指标详情", "Indicator detail"),
    "observations": ("观测值", "Observations"),
    "flags": ("标记记录", "Flags"),
    "audit": ("审计记录", "Audit trail"),
    "kind": ("类型", "Kind"),
    "period": ("时期", "Period"),
    "value": ("数值", "Value"),
    "state": ("状态", "State"),
    "document": ("来源文件", "Source document"),
    "quote": ("原文", "Quote"),
    "note": ("备注", "Note"),
    "source": ("来源说明", "Source"),
    "who": ("录入人", "Entered by"),
    "when": ("时间", "When"),
    "action": ("操作", "Action"),
    "change": ("变更", "Change"),
    "origin": ("来源", "Origin"),
    "level": ("级别", "Level"),
    "reason": ("原因", "Reason"),
    "raised": ("标记人/时间", "Raised"),
    "cleared": ("解除人/时间", "Cleared"),
    "direction": ("方向", "Direction"),
    "frequency": ("频率", "Frequency"),
    "lead": ("牵头单位", "Lead"),
    "responsible": ("责任单位", "Responsible"),
    "description": ("说明", "Description"),
    "version": ("版本", "Version"),
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "open": ("未解除", "open"),
    "plot_actual": ("实际值", "actual"),
    "plot_path": ("基期→目标轨迹", "baseline→target path"),
    "plot_target": ("目标", "target"),
    "plot_empty": ("尚无可绘制的数值", "Nothing to plot yet"),
    "verdict": ("判断", "Verdict"),
    "flag_open": ("已标记({level}):{reason}", "Flagged ({level}): {reason}"),
    "past_deadline": ("已过期限", "past deadline"),
    "record_title": ("记录实际值 · {code}", "Record an actual · {code}"),
    "correct_title": ("更正 · {code}", "Correct · {code}"),
    "target_title": ("修改目标 · {code}", "Edit the target · {code}"),
    "edit_title": ("修改指标 · {code}", "Edit indicator · {code}"),
    "flag_title": ("标记 · {code}", "Flag · {code}"),
    "unflag_title": ("解除标记 · {code}", "Clear the flag · {code}"),
    "value_in": ("数值(单位:{unit})", "Value (unit: {unit})"),
    "value_hint": ("如 87.5、87.5%、1,613、6.1万、3亿", "e.g. 87.5, 87.5%, 1,613, 6.1万, 3亿"),
    "period_hint": ("如 2025、2025-06、2025-06-30、2025年6月", "e.g. 2025, 2025-06, 2025-06-30"),
    "comparator": ("比较", "Comparator"),
    "no_document": ("(无)", "(none)"),
    "save": ("保存", "Save"),
    "cancel": ("取消", "Cancel"),
    "means": ("即 {value} {unit}", "= {value} {unit}"),
    "period_means": ("即 {period}(截至 {end})", "= {period} (ends {end})"),
    "required": ("必填", "required"),
    "fix_fields": ("请先更正标出的字段", "Fix the marked fields first"),
    "departments_hint": ("多个用 、 分隔", "separate several with 、"),
    "level_off_track": ("滞后", "off track"),
    "level_watch": ("关注", "watch"),
    "flag_reason": ("原因(必填)", "Reason (required)"),
    "clear_note": ("说明(必填)", "Note (required)"),
    "current_flag": ("当前标记:{reason}", "Current flag: {reason}"),
    "outlier_title": ("请确认数值", "Please confirm the value"),
    "outlier_body": (
        "{value} 看起来不寻常:{reason}。仍要保存吗?",
        "{value} looks unusual: {reason}. Save it anyway?",
    ),
    "yes_save": ("确认保存", "Save anyway"),
    "no_back": ("返回修改", "Go back"),
    "saved": ("已保存:{summary}", "Saved: {summary}"),
    "unchanged": ("与现有值相同,未作更改", "Same as the stored value; nothing changed"),
    "undone": ("已撤销:{summary}", "Undone: {summary}"),
    "nothing_to_undo": ("本次会话中没有可撤销的更改", "No change of this session to undo"),
    "refreshed": ("数据已由他人更新", "Data changed elsewhere; refreshed"),
    "conflict_title": ("他人已修改此指标", "Someone else changed this indicator"),
    "conflict_others": ("打开后发生的更改:", "Changes since you opened it:"),
    "conflict_mine": ("您的更改:{summary}", "Your change: {summary}"),
    "conflict_fields": ("逐项对比:", "Field by field:"),
    "conflict_field": (
        "{field}:他人 {theirs};您 {yours}",
        "{field}: theirs {theirs}; yours {yours}",
    ),
    "field_unchanged": ("未改", "unchanged"),
    "reapply": ("在最新版本上重新应用", "Re-apply mine on the new version"),
    "edit_again": ("重新编辑", "Edit again"),
    "discard": ("放弃我的更改", "Discard mine"),
    "discarded": ("已放弃您的更改", "Your change was discarded"),
    "error": ("未保存:{message}", "Not saved: {message}"),
    "cannot_undo": ("无法撤销:{message}", "Cannot undo: {message}"),
    "dashboard_title": ("总览:领域 × 地区", "Dashboard: pillar × region"),
    "heat_help": (
        "单元格:需关注数/指标数,颜色越红越需关注;回车按该单元格筛选",
        "Cells: needing attention / indicators, redder is worse; enter filters the table",
    ),
    "worst": ("最需关注的指标", "Indicators needing attention most"),
    "all": ("全部", "All"),
    "help_title": ("帮助", "Help"),
    "keys_everywhere": ("任何界面", "Everywhere"),
    "keys_browse": ("指标表", "Indicator table"),
    "keys_detail": ("指标详情", "Indicator detail"),
    "keys_dashboard": ("总览", "Dashboard"),
    "legend": ("标记说明", "Markers"),
    "legend_flag": ("⚑ 已被标记", "⚑ flagged by a person"),
    "legend_stale": (
        "⧗ 数据过期(超过报送频率加宽限期)",
        "⧗ stale (no actual within its frequency)",
    ),
    "legend_deadline": ("⏲ 期限已过仍未达成", "⏲ deadline passed unmet"),
    "statuses": ("状态说明", "Statuses"),
    "status_help": (
        "按基期至最新实际值的速度推算至期限:比值≥0.95 正常推进;0.10–0.95 需加快;"
        "<0.10 或期限已过、期内实际值未达成 滞后。期限已过而期内无实际值为逾期未报,"
        "无期限的目标为开放承诺,均不作绩效判断;规划结束后为已关闭。",
        "Pace from the baseline to the latest actual, projected to the deadline: ratio ≥ 0.95"
        " on track; 0.10-0.95 accelerate; below 0.10, or past the deadline with the period's"
        " actual short: off track. Past the deadline with nothing reported for its period is"
        " not reported, a target with no deadline an open commitment: neither is a verdict."
        " Once its programme ends, closed.",
    ),
    "database": ("数据库:{where}", "Database: {where}"),
    "settings_at": ("设置保存在:{path}", "Settings are kept in: {path}"),
    "as_of_date": ("判断日期:{date}", "Judged as of {date}"),
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
    # errors the core raises (TrackerError.of): said in the interface's language
    "error.not_a_period": (
        "“{shown}”不是时期(应如 2025、2025-06、2025-06-30、2025年6月、2025年上半年、2025Q2、"
        "2025H1、2024-01..2024-05 或 2025年1-6月)",
        "{shown!r} is not a period (expected e.g. 2025, 2025-06, 2025-06-30, 2025年6月,"
        " 2025年上半年, 2025Q2, 2025H1, 2024-01..2024-05 or 2025年1-6月)",
    ),
    "error.range_points": (
        "“{shown}”:区间应从某年、月或日到另一个年、月或日",
        "{shown!r}: a range runs from a year, month or day to another",
    ),
    "error.range_order": (
        "“{shown}”:区间的结束应晚于开始",
        "{shown!r}: a range must end after it starts",
    ),
    "error.year": (
        "“{shown}”:年份 {year} 不在 1900-2200 之间",
        "{shown!r}: year {year} is outside 1900-2200",
    ),
    "error.month": (
        "“{shown}”:月份 {month} 不在 1-12 之间",
        "{shown!r}: month {month} is not 1-12",
    ),
    "error.day": (
        "“{shown}”:该月没有这一日",
        "{shown!r}: day is out of range for month",
    ),
    "error.number_required": ("请填写数字", "a number is required"),
    "error.number_length": (
        "数字最多 {limit} 个字符",
        "a number of at most {limit} characters was expected",
    ),
    "error.not_a_number": (
        "“{shown}”不是数字(应如 87.5、1,613、6.1万、87.5%)",
        "{shown!r} is not a number (expected e.g. 87.5, 1,613, 6.1万, 87.5%)",
    ),
    "error.exponent": (
        "“{shown}”:请勿使用指数写法(可写作 1.25万)",
        "{shown!r}: write the number without an exponent (e.g. 1.25万)",
    ),
    "error.separators": (
        "“{shown}”不是数字(千位分隔符应每 3 位一个)",
        "{shown!r} is not a number (thousands separators every 3 digits)",
    ),
    "error.percentage": (
        "“{shown}”是百分数,但单位是 {unit}",
        "{shown!r} is a percentage but the unit is {unit}",
    ),
    "error.percentage_no_unit": (
        "“{shown}”是百分数,但该指标没有单位",
        "{shown!r} is a percentage but the unit is none",
    ),
    "error.unit": (
        "“{shown}”:单位“{written}”无法换算为“{unit}”",
        "{shown!r}: unit {written!r} cannot be converted into {unit!r}",
    ),
    "error.unit_none": (
        "“{shown}”:单位“{written}”无法换算为无单位的数字",
        "{shown!r}: unit {written!r} cannot be converted into a number without a unit",
    ),
    "error.magnitude_percent": (
        "“{shown}”:万、亿等数量级不能用于百分数",
        "{shown!r}: a magnitude such as 万 cannot apply to a percentage",
    ),
    "error.not_finite": ("“{shown}”不是有限的数", "{shown!r} is not a finite number"),
    "error.too_large": (
        "“{shown}”太大(小数点前最多 18 位)",
        "{shown!r} is too large (at most 18 digits before the point)",
    ),
    "error.too_precise": (
        "“{shown}”的有效数字超过 {digits} 位",
        "{shown!r} has more than {digits} significant digits",
    ),
    "error.control_at": (
        "第 {column} 个字符是控制字符 {code};只允许制表符和换行",
        "control character {code} at character {column}; only tab and newline are allowed",
    ),
    "error.control_at_line": (
        "第 {line} 行第 {column} 个字符是控制字符 {code};只允许制表符和换行",
        "control character {code} at line {line}, character {column}; only tab and newline"
        " are allowed",
    ),
    "error.too_long": ("最多 {limit} 个字符", "at most {limit} characters"),
    "error.field": ("{field}:{problem}", "{field}: {problem}"),
    "error.conflict": (
        "您打开后此指标已被他人修改(现为第 {version} 版)。",
        "This indicator was changed after you opened it (now version {version}).",
    ),
    # why a new actual looks wrong (services.suspicious)
    # how an import read a sheet, and its report's lines (cli/importing)
    "layout.sheet": ("  工作表: {sheet}", "  sheet: {sheet}"),
    "layout.header": (
        "  表头在第 {line} 行; 跳过其上的第 {numbers} 行",
        "  header on line {line}; skipped line(s) {numbers} above it",
    ),
    "layout.wide": (
        "  宽表: 每列一个时期 ({periods})",
        "  wide table: a column per period ({periods})",
    ),
    "layout.ignored": ("  未读取的列: {names}", "  columns not read: {names}"),
    "layout.unit": ("  表头单位: {unit}", "  unit from the header: {unit}"),
    "layout.skipped": ("  跳过的非数据行: {parts}", "  rows that are not data, skipped: {parts}"),
    "layout.skipped.total": ("合计行", "total"),
    "layout.skipped.note": ("注释行", "note"),
    "layout.skipped.header repeated": ("重复表头", "header repeated"),
    "import.more_warnings": ("  …… 另有 {n} 条警告", "  ... and {n} more warning(s)"),
    "import.would_refuse": (
        "错误:{path}:导入将被拒绝:{why}",
        "error: {path}: the import would be refused: {why}",
    ),
    "outlier.percentage": (
        "百分数超过 100({value}%)",
        "a percentage above 100 ({value}%)",
    ),
    "outlier.negative_count": (
        "计数为负({value} {unit})",
        "a negative count ({value} {unit})",
    ),
    "outlier.implausible": (
        "大得不可信({value} {unit})",
        "implausibly large ({value} {unit})",
    ),
    "outlier.fold": (
        "与最新实际值 {previous} 相比变化了 {ratio} 倍",
        "a {ratio}-fold change from the latest actual {previous}",
    ),
    # what a change did, in the toasts and the conflict dialog
    "summary_flag": ("标记({level}):{reason}", "flag {level}: {reason}"),
    "summary_unflag": ("解除标记:{note}", "unflag: {note}"),
    "summary_edit": ("修改 {fields}", "edit {fields}"),
    "summary_undo": ("撤销 {summary}", "undo: {summary}"),
    "list_sep": ("、", ", "),
    "audit_line": (
        "{at} {actor}({origin}){action}:{summary}",
        "{at} {actor} ({origin}) {action}: {summary}",
    ),
    # what an audit event changed (services.describe_event)
    "audit.value": ("{kind} {period} {comparator} {value}", "{kind} {period} {comparator} {value}"),
    "audit.was": ("(原为 {period} {value})", " (was {period} {value})"),
    "audit.withdrawn": (" 已撤回", " withdrawn"),
    "audit.flag": ("{level}:{reason}", "{level}: {reason}"),
    "audit.cleared": ("已解除 {level}", "cleared {level}"),
    "audit.cleared_note": ("已解除 {level}:{note}", "cleared {level}: {note}"),
    "audit.field": ("{field}:{old} → {new}", "{field}: {old} -> {new}"),
    # audit actions
    "action.create": ("新建", "create"),
    "action.update": ("修改", "update"),
    "action.record": ("记录", "record"),
    "action.correct": ("更正", "correct"),
    "action.withdraw": ("撤回", "withdraw"),
    "action.flag": ("标记", "flag"),
    "action.unflag": ("解除标记", "unflag"),
    "action.grant": ("授权", "grant"),
    "action.revoke": ("撤销授权", "revoke"),
    # Textual's own key bindings, as the palette and the footer show them
    "binding.Copy selected text": ("复制所选文字", "Copy selected text"),
    "binding.Focus Next": ("下一个控件", "Focus Next"),
    "binding.Focus Previous": ("上一个控件", "Focus Previous"),
    "binding.Page Left": ("向左翻页", "Page Left"),
    "binding.Page Right": ("向右翻页", "Page Right"),
    "binding.Quit": ("退出", "Quit"),
    "binding.Scroll Left": ("向左滚动", "Scroll Left"),
    "binding.Scroll Right": ("向右滚动", "Scroll Right"),
    "binding.Bottom": ("到底部", "Bottom"),
    "binding.Top": ("到顶部", "Top"),
    "binding.Cursor down": ("光标下移", "Cursor down"),
    "binding.Cursor up": ("光标上移", "Cursor up"),
    "binding.Cursor left": ("光标左移", "Cursor left"),
    "binding.Cursor right": ("光标右移", "Cursor right"),
    "binding.End": ("到末尾", "End"),
    "binding.Home": ("到开头", "Home"),
    "binding.Page down": ("向下翻页", "Page down"),
    "binding.Page up": ("向上翻页", "Page up"),
    "binding.Select": ("选择", "Select"),
    # the command palette: Textual's own commands, and its prompt
    "palette.placeholder": ("搜索命令…", "Search for commands…"),
    "palette.Theme": ("主题", "Theme"),
    "palette.Theme.help": ("更换配色主题", "Change the current theme"),
    "palette.Quit": ("退出", "Quit"),
    "palette.Quit.help": ("立即退出程序", "Quit the application as soon as possible"),
    "palette.Keys": ("按键", "Keys"),
    "palette.Keys.help": (
        "显示当前部件的帮助和可用按键",
        "Show help for the focused widget and a summary of available keys",
    ),
    "palette.Keys.hide": ("隐藏按键和帮助面板", "Hide the keys and widget help panel"),
    "palette.Minimize": ("还原", "Minimize"),
    "palette.Minimize.help": (
        "将部件还原为正常大小",
        "Minimize the widget and restore to normal size",
    ),
    "palette.Maximize": ("最大化", "Maximize"),
    "palette.Maximize.help": ("最大化当前部件", "Maximize the focused widget"),
    "palette.Screenshot": ("截图", "Screenshot"),
    "palette.Screenshot.help": (
        "将当前界面保存为 SVG 截图",
        "Save an SVG 'screenshot' of the current screen",
    ),
    "cli.error": ("错误:{message}", "error: {message}"),
    "cli.damaged": (
        "{where} 已损坏({integrity} 项完整性问题,{references} 处引用断裂);通过此检查之前拒绝"
        "任何更改:请恢复 `tracker backup` 制作的最近一份完好副本。",
        "{where} is damaged ({integrity} integrity finding(s), {references} broken"
        " reference(s)); changes are refused until this check passes: restore the latest good"
        " copy made by `tracker backup`.",
    ),
    "cli.malformed": (
        "数据库已损坏({reason}):运行 `tracker db check` 查看问题,并恢复 `tracker backup`"
        " 制作的最近一份完好副本。",
        "the store is damaged ({reason}): run `tracker db check` to see what is wrong, and"
        " restore the latest good copy made by `tracker backup`.",
    ),
    "cli.refused": ("数据库拒绝了请求:{reason}", "the database refused the request: {reason}"),
    "cli.created": ("已创建 {path} 并载入种子数据", "created {path} and loaded the seed data"),
    "cli.not_granted": ("{where}:{role} 本无写入权限", "{where}: {role} had no write permission"),
    "cli.revoked": ("{where}:{role} 不再可写 {regions}", "{where}: {role} no longer in {regions}"),
    "cli.no_grants": (
        "{where}:尚无角色有写入权限(tracker access grant)",
        "{where}: no role has write permission yet (tracker access grant)",
    ),
    "cli.initialised": (
        "{where}:数据库结构已是最新;种子数据新增 {new},变更 {changed},未变 {unchanged}",
        "{where}: schema current; seed rows new {new}, changed {changed}, unchanged {unchanged}",
    ),
    "cli.at_revision": ("{where}:结构版本 {revision}", "{where}: at revision {revision}"),
    "cli.revision": (
        "{where}:结构版本 {found}(本程序需要 {needed})",
        "{where}: revision {found} (this tracker needs {needed})",
    ),
    "cli.sound": ("{where}:完整性正常,引用均正常", "{where}: integrity ok, every reference ok"),
    "cli.integrity": ("{where}:完整性:{finding}", "{where}: integrity: {finding}"),
    "cli.reference": ("{where}:引用:{finding}", "{where}: reference: {finding}"),
    "cli.backed_up": (
        "已备份到 {path}({size} 字节,结构版本 {revision})",
        "backed up to {path} ({size} bytes, schema revision {revision})",
    ),
    "cli.wrote": (
        "已将 {count} 条 {what} 写入 {path}({format})",
        "wrote {count} {what} to {path} ({format})",
    ),
    "cli.suspicious": (
        "{path}:{total} 个可疑数值;{cause}",
        "{path}: {total} suspicious value(s); {cause}",
    ),
    "cli.and_more": ("  …… 另有 {n} 项", "  ... and {n} more"),
    "cli.added": ("{code}:已新增(版本 {version})", "{code}: added (version {version})"),
    "cli.value_warning": (
        "警告:{value} 看来有误({why});已按所填记录,如有误请更正",
        "warning: {value} looks wrong ({why}); recorded as typed: correct it if it is a slip",
    ),
    "cli.unchanged": (
        "{code}:未更改,该数值已记录",
        "{code}: unchanged, that value is already recorded",
    ),
    "cli.recorded": (
        "{code}:已记录 {kind} {value}(观测值 {id})",
        "{code}: recorded {kind} {value} (observation {id})",
    ),
    "cli.flagged": ("{code}:已标记 {level}(标记 {id})", "{code}: flagged {level} (flag {id})"),
    "cli.flag_cleared": ("{code}:标记 {id} 已解除", "{code}: flag {id} cleared"),
    "error.no_indicator": ("没有编码为“{code}”的指标", "no indicator with code {code!r}"),
    "error.flag_reason": ("标记指标须说明原因", "a reason is required to flag an indicator"),
    "error.already_flagged": (
        "{code} 已被标记;请先解除该标记",
        "{code} is already flagged; clear that flag first",
    ),
    "error.no_open_flag": ("{code} 没有未解除的标记", "{code} has no open flag to clear"),
    "error.indicator_exists": ("指标 {code} 已存在", "indicator {code} already exists"),
    "error.clear_note": ("解除标记须写明原因", "a note is required to clear a flag: say why"),
    "error.flag_gone": ("{code}:该标记已被解除", "{code}: that flag is no longer open"),
    "error.no_change": ("没有可撤销的更改 {event}", "no change {event} to undo"),
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
    "review.edit_value": ("改数值", "Edit value"),
    "review.edit_period": ("改时期", "Edit period"),
    "review.kind": ("改类型", "Kind"),
    "review.attach": ("归入指标", "Attach"),
    "review.new_indicator": ("新指标", "New indicator"),
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


def t(key: str, lang: str, **params: object) -> str:
    """The words for `key` in `lang` (zh, or en for anything starting with en), with
    `params` filled in; a parameter that is itself a `Phrase` or an error with a key is
    said in the same language."""
    zh, en = CATALOGUE[key]
    text = en if lang.startswith("en") else zh
    if not params:
        return text
    return text.format(**{name: said(value, lang) for name, value in params.items()})


def said(value: object, lang: str) -> object:
    """`value` in `lang` when it can be said (a Phrase, an error with a key), else itself."""
    say = getattr(value, "say", None)
    return say(lang) if callable(say) else value


def has(key: str) -> bool:
    """Whether the catalogue holds `key`."""
    return key in CATALOGUE


def fields(text: str) -> set[str]:
    """The names of the parameters a catalogue text uses."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


class Phrase(NamedTuple):
    """Words not yet said: a catalogue key and its parameters. Said in English by `str`
    (the log, the JSON, the shell's English), in either language by `say`."""

    key: str
    params: Mapping[str, object] = {}

    def say(self, lang: str) -> str:
        """The phrase in `lang`."""
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.say("en")


class Words(str):
    """A text that is English as a `str` (as stored, logged and compared) and can be said
    in another language from its parts (phrases and plain text) by `say`."""

    parts: tuple[object, ...]

    def __new__(cls, english: str, parts: tuple[object, ...] = ()) -> Words:
        """`english`, said otherwise as the concatenation of `parts`."""
        words = super().__new__(cls, english)
        words.parts = parts or (english,)
        return words

    def say(self, lang: str) -> str:
        """The text in `lang`."""
        if lang.startswith("en"):
            return str.__str__(self)
        return "".join(str(said(part, lang)) for part in self.parts)


def phrase(key: str, **params: object) -> Phrase:
    """A phrase of `key` with `params` (checked to exist now, said later)."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Phrase(key, params)
