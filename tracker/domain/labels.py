"""Chinese and English labels for the interface; Chinese first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker.domain.vocab import (
    DeadlineBasis,
    Direction,
    FinalState,
    Kind,
    MilestoneState,
    Status,
)

LANGUAGES = ("zh", "en")

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("已达成", "achieved"),
    Status.ON_TRACK: ("正常推进", "on track"),
    Status.ACCELERATE: ("需加快", "accelerate"),
    Status.OFF_TRACK: ("滞后", "off track"),
    Status.NOT_REPORTED: ("逾期未报", "not reported"),
    Status.INSUFFICIENT: ("数据不足", "no data"),
    Status.OPEN: ("开放承诺", "open commitment"),
    Status.NO_TARGET: ("无目标", "no target"),
    Status.CLOSED: ("已关闭", "closed"),
}

FINAL_LABELS: dict[FinalState, tuple[str, str]] = {
    FinalState.COMPLETED: ("已完成", "completed"),
    FinalState.NOT_COMPLETED: ("未完成", "not completed"),
    FinalState.NOT_REPORTED: ("未报告", "not reported"),
}

BASIS_LABELS: dict[DeadlineBasis, tuple[str, str]] = {
    DeadlineBasis.STATED: ("原文明确", "stated"),
    DeadlineBasis.PLAN_END: ("规划期末", "plan end"),
    DeadlineBasis.ASSUMED: ("假定", "assumed"),
}

MILESTONE_STATE_LABELS: dict[MilestoneState, tuple[str, str]] = {
    MilestoneState.PLANNED: ("计划", "planned"),
    MilestoneState.STARTED: ("开工", "started"),
    MilestoneState.APPROVED: ("获批", "approved"),
    MilestoneState.COMPLETED: ("建成", "completed"),
}

KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.BASELINE: ("基期", "baseline"),
    Kind.TARGET: ("目标", "target"),
    Kind.ACTUAL: ("实际", "actual"),
}

DIRECTION_LABELS: dict[Direction, tuple[str, str]] = {
    Direction.INCREASE: ("越高越好", "higher is better"),
    Direction.DECREASE: ("越低越好", "lower is better"),
    Direction.MILESTONE: ("任务", "milestone"),
}

WORDS: dict[str, tuple[str, str]] = {
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
    "final_state": ("最终状态", "Final state"),
    "programme": ("所属规划", "Programme"),
    "deadline_basis": ("期限依据", "Deadline basis"),
    "deliverables": ("交付项", "Deliverables"),
    "counts": ("各领域状态", "Status by pillar"),
    "counts_region": ("各地区状态", "Status by region"),
    "as_of": ("截至", "as of"),
    "none": ("无", "none"),
}


def label(table: Mapping[Any, tuple[str, str]], key: object, lang: str) -> str:
    """The label of `key` in `lang` (zh or en)."""
    zh, en = table[key]
    return zh if lang == "zh" else en


def status_label(status: Status, lang: str) -> str:
    """A status word."""
    return label(STATUS_LABELS, status, lang)


def word(key: str, lang: str) -> str:
    """An interface word."""
    return label(WORDS, key, lang)
