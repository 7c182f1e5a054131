"""The closed vocabularies of the domain, with the words people write for them."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an observation states."""

    BASELINE = "baseline"
    TARGET = "target"
    ACTUAL = "actual"


class Direction(StrEnum):
    """Which way is better for an indicator."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MILESTONE = "milestone"


class Comparator(StrEnum):
    """How a target is met."""

    GE = ">="
    LE = "<="
    EQ = "="


class Frequency(StrEnum):
    """How often an actual is expected."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    ONCE = "once"


class Precision(StrEnum):
    """How precisely a period is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Status(StrEnum):
    """The verdict of the status engine, worst first in `STATUS_ORDER`."""

    OFF_TRACK = "off_track"
    ACCELERATE = "accelerate"
    ON_TRACK = "on_track"
    ACHIEVED = "achieved"
    INSUFFICIENT = "insufficient_data"
    NO_TARGET = "no_target"


STATUS_ORDER: tuple[Status, ...] = (
    Status.OFF_TRACK,
    Status.ACCELERATE,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.INSUFFICIENT,
    Status.NO_TARGET,
)


class FlagLevel(StrEnum):
    """How serious a person's flag is."""

    OFF_TRACK = "off_track"
    WATCH = "watch"


class DepartmentRole(StrEnum):
    """How a department is linked to an indicator."""

    LEAD = "lead"
    RESPONSIBLE = "responsible"


class DocumentKind(StrEnum):
    """The kinds of source document."""

    CPPCC_REPLY = "cppcc_reply"
    WORK_PLAN = "work_plan"
    IMPLEMENTATION_OPINION = "implementation_opinion"
    OTHER = "other"


KIND_WORDS: dict[str, Kind] = {
    "baseline": Kind.BASELINE,
    "base": Kind.BASELINE,
    "基期": Kind.BASELINE,
    "基期值": Kind.BASELINE,
    "基准": Kind.BASELINE,
    "基准值": Kind.BASELINE,
    "target": Kind.TARGET,
    "目标": Kind.TARGET,
    "目标值": Kind.TARGET,
    "actual": Kind.ACTUAL,
    "实际": Kind.ACTUAL,
    "实际值": Kind.ACTUAL,
    "完成值": Kind.ACTUAL,
}

COMPARATOR_WORDS: dict[str, Comparator] = {
    ">=": Comparator.GE,
    "≥": Comparator.GE,
    ">": Comparator.GE,
    "以上": Comparator.GE,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "超过": Comparator.GE,
    "力争达到": Comparator.GE,
    "达到": Comparator.GE,
    "<=": Comparator.LE,
    "≤": Comparator.LE,
    "<": Comparator.LE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "控制在": Comparator.LE,
    "=": Comparator.EQ,
    "==": Comparator.EQ,
    "等于": Comparator.EQ,
}

DIRECTION_WORDS: dict[str, Direction] = {
    "increase": Direction.INCREASE,
    "higher": Direction.INCREASE,
    "up": Direction.INCREASE,
    "正向": Direction.INCREASE,
    "越高越好": Direction.INCREASE,
    "decrease": Direction.DECREASE,
    "lower": Direction.DECREASE,
    "down": Direction.DECREASE,
    "逆向": Direction.DECREASE,
    "越低越好": Direction.DECREASE,
    "milestone": Direction.MILESTONE,
    "里程碑": Direction.MILESTONE,
    "任务": Direction.MILESTONE,
}

FREQUENCY_WORDS: dict[str, Frequency] = {
    "monthly": Frequency.MONTHLY,
    "月": Frequency.MONTHLY,
    "月度": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "季": Frequency.QUARTERLY,
    "季度": Frequency.QUARTERLY,
    "annual": Frequency.ANNUAL,
    "yearly": Frequency.ANNUAL,
    "年": Frequency.ANNUAL,
    "年度": Frequency.ANNUAL,
    "once": Frequency.ONCE,
    "一次": Frequency.ONCE,
}


class ObservationState(StrEnum):
    """Whether an observation is the one in force; nothing is ever deleted."""

    CURRENT = "current"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"
