"""The interface's words in Chinese and English; domain labels come from tracker.domain.labels."""

from __future__ import annotations

from tracker.domain.labels import (
    DIRECTION_LABELS,
    KIND_LABELS,
    MILESTONE_STATE_LABELS,
    WORDS,
    status_label,
)
from tracker.domain.vocab import Direction, FlagLevel, Frequency, Kind, MilestoneState, Status

TUI_WORDS: dict[str, tuple[str, str]] = {
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
    # actions (footer, command palette, help)
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
    # detail
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
    "cleared": ("取消人/时间", "Cleared"),
    "direction": ("方向", "Direction"),
    "frequency": ("频率", "Frequency"),
    "lead": ("牵头单位", "Lead"),
    "responsible": ("责任单位", "Responsible"),
    "description": ("说明", "Description"),
    "version": ("版本", "Version"),
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "current": ("现行", "current"),
    "superseded": ("已更正", "superseded"),
    "withdrawn": ("已撤回", "withdrawn"),
    "open": ("未取消", "open"),
    "plot_actual": ("实际值", "actual"),
    "plot_path": ("基期→目标轨迹", "baseline→target path"),
    "plot_target": ("目标", "target"),
    "plot_empty": ("尚无可绘制的数值", "Nothing to plot yet"),
    "verdict": ("判断", "Verdict"),
    "flag_open": ("已标记({level}):{reason}", "Flagged ({level}): {reason}"),
    "past_deadline": ("已过期限", "past deadline"),
    # forms
    "record_title": ("记录实际值 · {code}", "Record an actual · {code}"),
    "correct_title": ("更正 · {code}", "Correct · {code}"),
    "target_title": ("修改目标 · {code}", "Edit the target · {code}"),
    "edit_title": ("修改指标 · {code}", "Edit indicator · {code}"),
    "flag_title": ("标记 · {code}", "Flag · {code}"),
    "unflag_title": ("取消标记 · {code}", "Clear the flag · {code}"),
    "value_in": ("数值(单位:{unit})", "Value (unit: {unit})"),
    "value_hint": ("如 87.5、87.5%、1,613、6.1万、3亿", "e.g. 87.5, 87.5%, 1,613, 6.1万, 3亿"),
    "period_hint": ("如 2025、2025-06、2025-06-30、2025年6月", "e.g. 2025, 2025-06, 2025-06-30"),
    "deadline": ("期限", "Deadline"),
    "comparator": ("比较", "Comparator"),
    "no_document": ("(无)", "(none)"),
    "save": ("保存", "Save"),
    "cancel": ("取消", "Cancel"),
    "means": ("即 {value} {unit}", "= {value} {unit}"),
    "period_means": ("即 {period}(截至 {end})", "= {period} (ends {end})"),
    "no_deadline_means": (
        "不填期限:开放承诺(不评判)",
        "no deadline: an open commitment (not scored)",
    ),
    "required": ("必填", "required"),
    "fix_fields": ("请先更正标出的字段", "Fix the marked fields first"),
    "departments_hint": ("多个用 、 分隔", "separate several with 、"),
    "level_off_track": ("滞后", "off track"),
    "level_watch": ("关注", "watch"),
    "flag_reason": ("原因(必填)", "Reason (required)"),
    "clear_note": ("说明(必填)", "Note (required)"),
    "current_flag": ("当前标记:{reason}", "Current flag: {reason}"),
    # confirmations and outcomes
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
    # dashboard
    "dashboard_title": ("总览:领域 × 地区", "Dashboard: pillar × region"),
    "heat_help": (
        "单元格:需关注数/指标数,颜色越红越需关注;回车按该单元格筛选",
        "Cells: needing attention / indicators, redder is worse; enter filters the table",
    ),
    "worst": ("最需关注的指标", "Indicators needing attention most"),
    "all": ("全部", "All"),
    # help
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
}

FREQUENCY_LABELS: dict[Frequency, tuple[str, str]] = {
    Frequency.MONTHLY: ("月度", "monthly"),
    Frequency.QUARTERLY: ("季度", "quarterly"),
    Frequency.ANNUAL: ("年度", "annual"),
    Frequency.ONCE: ("一次", "once"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The word for `key` in `lang` (zh or en), with `values` filled in."""
    zh, en = TUI_WORDS.get(key) or WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def status_word(status: Status, lang: str) -> str:
    """A status as a word."""
    return status_label(status, lang)


def kind_word(kind: Kind | str, lang: str) -> str:
    """baseline / target / actual as a word."""
    zh, en = KIND_LABELS[Kind(kind)]
    return en if lang == "en" else zh


def direction_word(direction: Direction | str, lang: str) -> str:
    """Which way is better, as words."""
    zh, en = DIRECTION_LABELS[Direction(direction)]
    return en if lang == "en" else zh


def frequency_word(frequency: Frequency | str, lang: str) -> str:
    """How often actuals are expected, as a word."""
    zh, en = FREQUENCY_LABELS[Frequency(frequency)]
    return en if lang == "en" else zh


def milestone_state_word(state: MilestoneState | str, lang: str) -> str:
    """A deliverable's state (planned, started, approved, completed) as a word."""
    zh, en = MILESTONE_STATE_LABELS[MilestoneState(state)]
    return en if lang == "en" else zh


def level_word(level: FlagLevel | str, lang: str) -> str:
    """A flag level as a word."""
    return tr(f"level_{FlagLevel(level).value}", lang)
