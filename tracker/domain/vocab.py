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
    """How a value relates to the figure written: a point (`=`), a bound (`>`, `>=`, `<`,
    `<=`) or an approximation (`~`: 近, 约, 左右); for a target, how it is met."""

    GE = ">="
    LE = "<="
    EQ = "="
    GT = ">"
    LT = "<"
    APPROX = "~"


LOWER_BOUNDS = (Comparator.GE, Comparator.GT)
UPPER_BOUNDS = (Comparator.LE, Comparator.LT)


class Measure(StrEnum):
    """What an indicator's values are: a level, a rate of change (never projected as a level)
    or a rank (a position: 1 is first, lower is better)."""

    LEVEL = "level"
    RATE = "rate"
    RANK = "rank"


class DeadlineBasis(StrEnum):
    """Where a target's deadline comes from: the text (`stated`), the end of the programme
    that set it (`plan_end`), or a person's assumption (`assumed`: never turns a verdict red)."""

    STATED = "stated"
    PLAN_END = "plan_end"
    ASSUMED = "assumed"


class MilestoneState(StrEnum):
    """A deliverable's state: planned, started (开工), approved (获批/立项), completed (建成)."""

    PLANNED = "planned"
    STARTED = "started"
    APPROVED = "approved"
    COMPLETED = "completed"


class Frequency(StrEnum):
    """How often an actual is expected."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    ONCE = "once"


class Precision(StrEnum):
    """How precisely a period is known: a point (year, month, day), a quarter or half-year,
    or a range of them (`2024-01..2024-05`)."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    QUARTER = "quarter"
    HALF = "half"
    RANGE = "range"


class Status(StrEnum):
    """The verdict of the status engine, worst first in `STATUS_ORDER`.

    The first four are performance verdicts and need data; the others say why there is none:
    a deadline passed with nothing reported (a gap to chase), too few points or an
    inconclusive bound, a target with no deadline (an open commitment), no target at all.
    A closed programme's indicator is `closed`, with a final state (see `FinalState`).
    """

    OFF_TRACK = "off_track"
    ACCELERATE = "accelerate"
    ON_TRACK = "on_track"
    ACHIEVED = "achieved"
    NOT_REPORTED = "not_reported"
    INSUFFICIENT = "insufficient_data"
    OPEN = "open_commitment"
    NO_TARGET = "no_target"
    CLOSED = "closed"


STATUS_ORDER: tuple[Status, ...] = (
    Status.OFF_TRACK,
    Status.ACCELERATE,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.NOT_REPORTED,
    Status.INSUFFICIENT,
    Status.OPEN,
    Status.NO_TARGET,
    Status.CLOSED,
)
# The verdicts on performance; the others are reporting facts, shown apart from them.
PERFORMANCE = (Status.OFF_TRACK, Status.ACCELERATE, Status.ON_TRACK, Status.ACHIEVED)


class FinalState(StrEnum):
    """How a closed programme's target ended."""

    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"
    NOT_REPORTED = "not_reported"


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
    "以上": Comparator.GE,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "力争达到": Comparator.GE,
    "达到": Comparator.GE,
    "<=": Comparator.LE,
    "≤": Comparator.LE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "控制在": Comparator.LE,
    "=": Comparator.EQ,
    "==": Comparator.EQ,
    "等于": Comparator.EQ,
    ">": Comparator.GT,
    "超过": Comparator.GT,
    "突破": Comparator.GT,
    "余": Comparator.GT,
    "多于": Comparator.GT,
    "高于": Comparator.GT,
    "<": Comparator.LT,
    "低于": Comparator.LT,
    "少于": Comparator.LT,
    "不足": Comparator.LT,
    "~": Comparator.APPROX,
    "≈": Comparator.APPROX,
    "约": Comparator.APPROX,
    "近": Comparator.APPROX,
    "左右": Comparator.APPROX,
}

MEASURE_WORDS: dict[str, Measure] = {
    "level": Measure.LEVEL,
    "水平": Measure.LEVEL,
    "总量": Measure.LEVEL,
    "rate": Measure.RATE,
    "增速": Measure.RATE,
    "增长率": Measure.RATE,
    "rank": Measure.RANK,
    "排名": Measure.RANK,
    "位次": Measure.RANK,
}

DEADLINE_BASIS_WORDS: dict[str, DeadlineBasis] = {
    "stated": DeadlineBasis.STATED,
    "明确": DeadlineBasis.STATED,
    "原文": DeadlineBasis.STATED,
    "plan_end": DeadlineBasis.PLAN_END,
    "规划期末": DeadlineBasis.PLAN_END,
    "方案期末": DeadlineBasis.PLAN_END,
    "assumed": DeadlineBasis.ASSUMED,
    "假定": DeadlineBasis.ASSUMED,
    "推定": DeadlineBasis.ASSUMED,
}

MILESTONE_STATE_WORDS: dict[str, MilestoneState] = {
    "planned": MilestoneState.PLANNED,
    "计划": MilestoneState.PLANNED,
    "规划": MilestoneState.PLANNED,
    "started": MilestoneState.STARTED,
    "开工": MilestoneState.STARTED,
    "approved": MilestoneState.APPROVED,
    "获批": MilestoneState.APPROVED,
    "立项": MilestoneState.APPROVED,
    "通过评审": MilestoneState.APPROVED,
    "completed": MilestoneState.COMPLETED,
    "完成": MilestoneState.COMPLETED,
    "完工": MilestoneState.COMPLETED,
    "建成": MilestoneState.COMPLETED,
    "通车": MilestoneState.COMPLETED,
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
