"""Chinese and English labels for the interface; Chinese first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker.domain.vocab import Direction, Kind, Status

LANGUAGES = ("zh", "en")

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: ("已达成", "achieved"),
    Status.ON_TRACK: ("正常推进", "on track"),
    Status.ACCELERATE: ("需加快", "accelerate"),
    Status.OFF_TRACK: ("滞后", "off track"),
    Status.INSUFFICIENT: ("数据不足", "no data"),
    Status.NO_TARGET: ("无目标", "no target"),
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
