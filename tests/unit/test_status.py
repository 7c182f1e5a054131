"""The status engine's rules, as tables of cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.status import (
    Deliverable,
    Facts,
    Point,
    Target,
    Thresholds,
    attains,
    deliverable_progress,
    judge,
    meets,
    pick_target,
)
from tracker.domain.vocab import Comparator as C
from tracker.domain.vocab import (
    DeadlineBasis,
    Direction,
    FinalState,
    Frequency,
    Measure,
    MilestoneState,
    Status,
)

UP, DOWN, MILESTONE = Direction.INCREASE, Direction.DECREASE, Direction.MILESTONE


def facts(
    direction=UP,
    base=None,
    actuals=(),
    targets=(),
    unit="",
    start=None,
    frequency=Frequency.ANNUAL,
    flagged=False,
):  # type: ignore[no-untyped-def]
    return Facts(
        direction=direction,
        unit=unit,
        frequency=frequency,
        baseline=Point(*base) if base else None,
        actuals=tuple(Point(w, D(v)) for w, v in actuals),
        targets=tuple(Target(D(v), c, w) for v, c, w in targets),
        start=start,
        flagged=flagged,
    )


T2025 = date(2025, 12, 31)


@pytest.mark.parametrize(
    ("case", "expected", "rule"),
    [
        # achieved: the latest actual meets the target under its comparator
        (
            facts(actuals=[(date(2024, 6, 13), "87.5")], targets=[("82", C.GE, T2025)], unit="%"),
            Status.ACHIEVED,
            "achieved",
        ),
        (
            facts(DOWN, actuals=[(date(2024, 6, 1), "3")], targets=[("5", C.LE, T2025)]),
            Status.ACHIEVED,
            "achieved",
        ),
        # within one point of a 100 % target counts
        (
            facts(actuals=[(date(2024, 6, 30), "99.2")], targets=[("100", C.GE, T2025)], unit="%"),
            Status.ACHIEVED,
            "achieved",
        ),
        # ... but not of a 95 % target
        (
            facts(actuals=[(date(2024, 6, 30), "94.2")], targets=[("95", C.GE, T2025)], unit="%"),
            Status.INSUFFICIENT,
            "fewer_than_two_points",
        ),
        # equality targets
        (
            facts(actuals=[(date(2024, 6, 30), "7")], targets=[("7", C.EQ, T2025)]),
            Status.ACHIEVED,
            "achieved",
        ),
        # no target
        (facts(actuals=[(date(2025, 6, 30), "7")]), Status.NO_TARGET, "no_target"),
        # one point only, not achieved
        (
            facts(actuals=[(date(2025, 6, 30), "7")], targets=[("9", C.GE, T2025)]),
            Status.INSUFFICIENT,
            "fewer_than_two_points",
        ),
        # on track: compound pace reaches the target
        (
            facts(
                base=(date(2023, 12, 31), D(100)),
                actuals=[(date(2024, 12, 31), "110")],
                targets=[("120", C.GE, T2025)],
            ),
            Status.ON_TRACK,
            "pace_projection",
        ),
        # acceleration needed: half-way pace
        (
            facts(
                base=(date(2023, 12, 31), D(100)),
                actuals=[(date(2024, 12, 31), "103")],
                targets=[("120", C.GE, T2025)],
            ),
            Status.ACCELERATE,
            "pace_projection",
        ),
        # off track: regression
        (
            facts(
                base=(date(2023, 12, 31), D(100)),
                actuals=[(date(2024, 12, 31), "95")],
                targets=[("120", C.GE, T2025)],
            ),
            Status.OFF_TRACK,
            "pace_projection",
        ),
        # off track: stagnation
        (
            facts(
                base=(date(2023, 12, 31), D(100)),
                actuals=[(date(2024, 12, 31), "100")],
                targets=[("120", C.GE, T2025)],
            ),
            Status.OFF_TRACK,
            "pace_projection",
        ),
        # lower is better, falling fast enough
        (
            facts(
                DOWN,
                base=(date(2023, 12, 31), D(50)),
                actuals=[(date(2024, 12, 31), "40")],
                targets=[("35", C.LE, T2025)],
            ),
            Status.ON_TRACK,
            "pace_projection",
        ),
        # lower is better, rising
        (
            facts(
                DOWN,
                base=(date(2023, 12, 31), D(50)),
                actuals=[(date(2024, 12, 31), "55")],
                targets=[("30", C.LE, T2025)],
            ),
            Status.OFF_TRACK,
            "pace_projection",
        ),
        # zero and negative values use the linear pace
        (
            facts(
                base=(date(2023, 12, 31), D(0)),
                actuals=[(date(2024, 12, 31), "5")],
                targets=[("10", C.GE, T2025)],
            ),
            Status.ON_TRACK,
            "pace_projection",
        ),
        (
            facts(
                base=(date(2023, 12, 31), D(-10)),
                actuals=[(date(2024, 12, 31), "-6")],
                targets=[("0", C.GE, T2025)],
            ),
            Status.ACCELERATE,
            "pace_projection",
        ),
        # the earliest actual stands in for a missing baseline
        (
            facts(
                actuals=[(date(2023, 12, 31), "100"), (date(2024, 12, 31), "110")],
                targets=[("120", C.GE, T2025)],
            ),
            Status.ON_TRACK,
            "pace_projection",
        ),
    ],
)
def test_rules(case: Facts, expected: Status, rule: str) -> None:
    verdict = judge(case, date(2025, 1, 1))
    assert (verdict.status, verdict.rule) == (expected, rule)
    assert verdict.explanation_zh and verdict.explanation_en


def test_deadline_passed_without_achieving_is_off_track() -> None:
    case = facts(
        base=(date(2023, 12, 31), D(100)),
        actuals=[(date(2024, 12, 31), "118")],
        targets=[("120", C.GE, T2025)],
    )
    assert judge(case, date(2025, 12, 1)).status is Status.ON_TRACK
    late = judge(case, date(2026, 1, 1))
    assert (late.status, late.rule) == (Status.OFF_TRACK, "deadline_passed")
    assert "2025-12-31" in late.explanation_en and "2025-12-31" in late.explanation_zh


def test_mid_year_dates_use_fractional_years() -> None:
    # 152 at mid-2024 -> 210 reported in December 2025; 260 due by the end of 2025.
    case = facts(
        actuals=[(date(2024, 6, 30), "152"), (date(2025, 12, 3), "210")],
        targets=[("260", C.GE, T2025)],
    )
    verdict = judge(case, date(2025, 12, 3))
    rate = (210 / 152) ** (1 / ((date(2025, 12, 3) - date(2024, 6, 30)).days / 365.25))
    projected = 210 * rate ** ((T2025 - date(2025, 12, 3)).days / 365.25)
    assert verdict.projected == pytest.approx(projected)
    assert verdict.ratio == pytest.approx((projected - 152) / (260 - 152))
    assert verdict.status is Status.ACCELERATE


def test_future_actuals_are_ignored_as_of_an_earlier_date() -> None:
    case = facts(
        actuals=[(date(2024, 6, 30), "80"), (date(2025, 6, 30), "90")],
        targets=[("85", C.GE, T2025)],
    )
    assert judge(case, date(2025, 7, 1)).status is Status.ACHIEVED
    assert judge(case, date(2025, 1, 1)).status is Status.INSUFFICIENT


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        ("60", Status.ON_TRACK),
        ("40", Status.ACCELERATE),
        ("2", Status.OFF_TRACK),
        ("100", Status.ACHIEVED),
    ],
)
def test_milestones_follow_a_straight_line(done: str, expected: Status) -> None:
    # Half-way through 2024-2025, 50 % is expected.
    case = facts(
        MILESTONE,
        actuals=[(date(2025, 1, 1), done)],
        targets=[("100", C.GE, date(2025, 12, 31))],
        unit="%",
        start=date(2024, 1, 1),
    )
    assert judge(case, date(2025, 1, 2)).status is expected


def test_milestone_without_progress_is_insufficient() -> None:
    case = facts(MILESTONE, targets=[("100", C.GE, T2025)], unit="%", start=date(2024, 1, 1))
    assert judge(case, date(2025, 1, 1)).status is Status.INSUFFICIENT


@pytest.mark.parametrize(
    ("frequency", "last", "as_of", "stale"),
    [
        (Frequency.ANNUAL, date(2024, 1, 1), date(2025, 1, 1), False),
        (Frequency.ANNUAL, date(2024, 1, 1), date(2025, 5, 1), True),
        (Frequency.MONTHLY, date(2025, 1, 31), date(2025, 3, 1), False),
        (Frequency.MONTHLY, date(2025, 1, 31), date(2025, 4, 1), True),
        (Frequency.ONCE, date(2015, 1, 1), date(2025, 4, 1), False),
    ],
)
def test_staleness_by_frequency(frequency: Frequency, last: date, as_of: date, stale: bool) -> None:
    case = facts(actuals=[(last, "1")], frequency=frequency)
    assert judge(case, as_of).stale is stale


def test_flag_is_carried_alongside_the_status() -> None:
    case = facts(actuals=[(date(2024, 6, 13), "87.5")], targets=[("82", C.GE, T2025)], flagged=True)
    verdict = judge(case, date(2025, 1, 1))
    assert verdict.status is Status.ACHIEVED and verdict.flagged


def test_thresholds_are_configurable() -> None:
    case = facts(
        base=(date(2023, 12, 31), D(100)),
        actuals=[(date(2024, 12, 31), "103")],
        targets=[("120", C.GE, T2025)],
    )
    assert judge(case, date(2025, 1, 1)).status is Status.ACCELERATE
    assert (
        judge(case, date(2025, 1, 1), Thresholds(on_track=0.3, accelerate=0.1)).status
        is Status.ON_TRACK
    )


def test_pick_target_prefers_the_next_deadline() -> None:
    t1, t2 = Target(D(1), C.GE, date(2025, 12, 31)), Target(D(2), C.GE, date(2030, 12, 31))
    assert pick_target((t2, t1), date(2025, 6, 1)) is t1
    assert pick_target((t2, t1), date(2026, 6, 1)) is t2
    assert pick_target((t1,), date(2026, 6, 1)) is t1


@pytest.mark.parametrize(
    ("value", "comparator", "target", "ok"),
    [
        ("5", C.GE, "5", True),
        ("4.9", C.GE, "5", False),
        ("5", C.LE, "5", True),
        ("5.1", C.LE, "5", False),
        ("5", C.EQ, "5", True),
    ],
)
def test_meets(value: str, comparator: C, target: str, ok: bool) -> None:
    assert meets(D(value), Target(D(target), comparator, T2025)) is ok


def test_progress_is_reported_even_after_the_deadline() -> None:
    case = facts(
        actuals=[(date(2024, 6, 30), "152"), (date(2025, 5, 26), "210")],
        targets=[("260", C.GE, T2025)],
    )
    late = judge(case, date(2026, 6, 1))
    assert late.status is Status.OFF_TRACK
    assert late.progress == pytest.approx((210 - 152) / (260 - 152))


def test_progress_is_unknown_from_a_single_point() -> None:
    case = facts(actuals=[(date(2025, 5, 26), "210")], targets=[("260", C.GE, T2025)])
    assert judge(case, date(2025, 6, 1)).progress is None


# -- the vocabulary of issue 12 -----------------------------------------------------------------

Y2025 = date(2025, 1, 1)  # the first day of a 2025 target's own period
LATE = date(2026, 12, 1)  # well after the 2025 deadlines


def target(value, comparator=C.GE, deadline=T2025, **more):  # type: ignore[no-untyped-def]
    """A target for 2025 (its window opens on 1 January) unless told otherwise."""
    start = more.pop("start", Y2025 if deadline == T2025 else None)
    return Target(None if value is None else D(value), comparator, deadline, start, **more)


def point(when, value, comparator=C.EQ, start=None):  # type: ignore[no-untyped-def]
    return Point(when, D(value), comparator, start)


def case(direction=UP, base=None, actuals=(), targets=(), **more):  # type: ignore[no-untyped-def]
    return Facts(
        direction=direction,
        baseline=base,
        actuals=tuple(actuals),
        targets=tuple(targets),
        **more,
    )


@pytest.mark.parametrize(
    ("facts", "as_of", "expected", "rule"),
    [
        # deadline passed, nothing reported at all: a reporting gap, never off track
        (case(targets=[target("4500")]), LATE, Status.NOT_REPORTED, "not_reported"),
        # deadline passed, the only actual is from before the target's period
        (
            case(actuals=[point(date(2023, 12, 31), "3000")], targets=[target("4500")]),
            LATE,
            Status.NOT_REPORTED,
            "not_reported",
        ),
        # deadline passed with an actual of its period short of it: a measured shortfall
        (
            case(actuals=[point(date(2025, 5, 26), "210")], targets=[target("260")]),
            LATE,
            Status.OFF_TRACK,
            "deadline_passed",
        ),
        # before the deadline with one point: insufficient data, as before
        (
            case(actuals=[point(date(2025, 5, 26), "210")], targets=[target("260")]),
            date(2025, 6, 1),
            Status.INSUFFICIENT,
            "fewer_than_two_points",
        ),
        # no target reached: an actual reported after the deadline still counts as evidence
        (
            case(actuals=[point(date(2026, 3, 31), "270")], targets=[target("260")]),
            LATE,
            Status.ACHIEVED,
            "achieved",
        ),
    ],
)
def test_not_reported_is_a_gap_and_off_track_needs_data(
    facts: Facts, as_of: date, expected: Status, rule: str
) -> None:
    verdict = judge(facts, as_of)
    assert (verdict.status, verdict.rule) == (expected, rule)
    if expected is Status.NOT_REPORTED:
        assert "逾期未报" in verdict.explanation_zh and "not reported" in verdict.explanation_en


@pytest.mark.parametrize(
    ("latest", "base", "goal", "expected", "rule"),
    [
        # a lower bound at or above the target meets it ("突破900" of 900 or more)
        (point(date(2025, 6, 30), "900", C.GT), None, target("900"), Status.ACHIEVED, "achieved"),
        # a lower bound below the target cannot say it fell short ("1000余" of 1200)
        (
            point(date(2025, 6, 30), "1000", C.GT),
            None,
            target("1200"),
            Status.INSUFFICIENT,
            "bound_inconclusive",
        ),
        # 83 % then "80 %以上": never read as a decline
        (
            point(date(2025, 6, 30), "80", C.GE),
            point(date(2024, 6, 30), "83"),
            target("90", deadline=date(2026, 12, 31)),
            Status.INSUFFICIENT,
            "bound_inconclusive",
        ),
        # ... while a lower bound whose pace is enough is on track
        (
            point(date(2025, 6, 30), "88", C.GE),
            point(date(2024, 6, 30), "83"),
            target("90", deadline=date(2026, 12, 31)),
            Status.ON_TRACK,
            "pace_projection",
        ),
        # an upper bound below a floor is short for certain ("不足800" of 900)
        (
            point(date(2025, 6, 30), "800", C.LT),
            None,
            target("900"),
            Status.OFF_TRACK,
            "deadline_passed",
        ),
        # an upper bound above a floor cannot say it is met
        (
            point(date(2025, 6, 30), "1000", C.LE),
            None,
            target("900"),
            Status.INSUFFICIENT,
            "bound_inconclusive",
        ),
        # approximately is read as the value ("近3亿" of 3亿 is short)
        (
            point(date(2025, 6, 30), "2.9", C.APPROX),
            None,
            target("3"),
            Status.OFF_TRACK,
            "deadline_passed",
        ),
        # a baseline that is a lower bound cannot show enough progress
        (
            point(date(2025, 6, 30), "88"),
            point(date(2024, 6, 30), "83", C.GE),
            target("90", deadline=date(2026, 12, 31)),
            Status.INSUFFICIENT,
            "bound_inconclusive",
        ),
    ],
)
def test_bounds_on_any_kind(
    latest: Point, base: Point | None, goal: Target, expected: Status, rule: str
) -> None:
    as_of = LATE if goal.deadline == T2025 else date(2025, 7, 1)
    verdict = judge(case(base=base, actuals=[latest], targets=[goal]), as_of)
    assert (verdict.status, verdict.rule) == (expected, rule)


@pytest.mark.parametrize(
    ("value", "written", "goal", "comparator", "expected"),
    [
        ("900", C.GT, "900", C.GE, True),
        ("899", C.GT, "900", C.GE, None),
        ("800", C.LT, "900", C.GE, False),
        ("950", C.LE, "900", C.GE, None),
        ("5", C.LE, "6", C.LE, True),
        ("7", C.GE, "6", C.LE, False),
        ("5", C.GE, "6", C.LE, None),
        ("6", C.APPROX, "6", C.EQ, True),
        ("6", C.GE, "6", C.EQ, None),
    ],
)
def test_attains_with_bounds(
    value: str, written: C, goal: str, comparator: C, expected: bool | None
) -> None:
    assert attains(point(T2025, value, written), target(goal, comparator)) is expected


@pytest.mark.parametrize(
    ("actuals", "base", "as_of", "expected", "rule"),
    [
        # a year-to-date figure is not a level of the full-year series
        (
            [point(date(2024, 5, 31), "40", start=date(2024, 1, 1))],
            point(date(2023, 12, 31), "100"),
            date(2024, 6, 30),
            Status.INSUFFICIENT,
            "periods_differ",
        ),
        # two full years are compared
        (
            [point(date(2024, 12, 31), "110")],
            point(date(2023, 12, 31), "100"),
            date(2025, 1, 1),
            Status.ON_TRACK,
            "pace_projection",
        ),
    ],
)
def test_ranges_are_never_compared_with_full_years(
    actuals: list[Point], base: Point, as_of: date, expected: Status, rule: str
) -> None:
    verdict = judge(case(base=base, actuals=actuals, targets=[target("120")]), as_of)
    assert (verdict.status, verdict.rule) == (expected, rule)


def test_a_partial_figure_counts_only_for_a_target_of_its_own_span() -> None:
    half = point(date(2025, 6, 30), "60", start=date(2025, 1, 1))
    own = target("50", deadline=date(2025, 6, 30), start=date(2025, 1, 1))
    assert judge(case(partial=half, targets=[own]), date(2025, 7, 1)).status is Status.ACHIEVED
    # against the full year's 100 a half-year's 60 says nothing: the year is not reported
    year = judge(case(partial=half, targets=[target("100")]), LATE)
    assert (year.status, year.rule) == (Status.NOT_REPORTED, "not_reported")


@pytest.mark.parametrize(
    ("measure", "actuals", "as_of", "expected", "rule"),
    [
        # a growth rate is not projected as a level
        (
            Measure.RATE,
            [point(date(2023, 12, 31), "150"), point(date(2024, 12, 31), "153")],
            date(2025, 6, 30),
            Status.INSUFFICIENT,
            "not_projected",
        ),
        # an earlier year's rate says nothing of the target's year
        (
            Measure.RATE,
            [point(date(2023, 12, 31), "200")],
            LATE,
            Status.NOT_REPORTED,
            "not_reported",
        ),
        # the rate of the target's own year is judged against it
        (Measure.RATE, [point(date(2025, 12, 31), "6.5")], LATE, Status.ACHIEVED, "achieved"),
        (Measure.RATE, [point(date(2025, 12, 31), "5")], LATE, Status.OFF_TRACK, "deadline_passed"),
        # a level two years before still shows its pace
        (
            Measure.LEVEL,
            [point(date(2023, 12, 31), "150"), point(date(2024, 12, 31), "153")],
            date(2025, 6, 30),
            Status.OFF_TRACK,
            "pace_projection",
        ),
    ],
)
def test_rates_are_never_projected_as_levels(
    measure: Measure, actuals: list[Point], as_of: date, expected: Status, rule: str
) -> None:
    goal = target("6") if measure is Measure.RATE and len(actuals) == 1 else target("300")
    verdict = judge(case(actuals=actuals, targets=[goal], measure=measure), as_of)
    assert (verdict.status, verdict.rule) == (expected, rule)


def test_a_rank_is_judged_in_its_own_period_lower_is_better() -> None:
    first = target("1", C.LE)  # 东北首位
    facts = case(
        DOWN, actuals=[point(date(2025, 12, 31), "1")], targets=[first], measure=Measure.RANK
    )
    assert judge(facts, LATE).status is Status.ACHIEVED
    second = facts._replace(actuals=(point(date(2025, 12, 31), "2"),))
    assert judge(second, LATE).status is Status.OFF_TRACK


@pytest.mark.parametrize(
    ("actuals", "as_of"),
    [((), LATE), ((point(date(2024, 6, 30), "5"), point(date(2025, 6, 30), "1")), LATE)],
)
def test_an_open_commitment_is_never_scored(actuals: tuple[Point, ...], as_of: date) -> None:
    verdict = judge(case(actuals=actuals, targets=[target("100", deadline=None)]), as_of)
    assert (verdict.status, verdict.rule) == (Status.OPEN, "open_commitment")
    assert "开放承诺" in verdict.explanation_zh and "open commitment" in verdict.explanation_en


@pytest.mark.parametrize(
    ("basis", "expected", "words"),
    [
        (DeadlineBasis.STATED, Status.OFF_TRACK, ""),
        (DeadlineBasis.PLAN_END, Status.OFF_TRACK, "inferred from the programme's end"),
        (DeadlineBasis.ASSUMED, Status.ACCELERATE, "assumed"),
    ],
)
def test_an_assumed_deadline_never_turns_red_and_the_basis_is_explained(
    basis: DeadlineBasis, expected: Status, words: str
) -> None:
    short = case(actuals=[point(date(2025, 5, 26), "210")], targets=[target("260", basis=basis)])
    verdict = judge(short, LATE)
    assert verdict.status is expected
    assert words in verdict.explanation_en
    stagnant = case(
        base=point(date(2023, 12, 31), "100"),
        actuals=[point(date(2024, 12, 31), "100")],
        targets=[target("120", basis=basis)],
    )
    assert judge(stagnant, date(2025, 1, 1)).status is expected


@pytest.mark.parametrize(
    ("actuals", "final"),
    [
        ([point(date(2016, 12, 31), "100")], FinalState.COMPLETED),
        ([point(date(2016, 12, 31), "60")], FinalState.NOT_COMPLETED),
        ([point(date(2015, 12, 31), "60")], FinalState.NOT_REPORTED),
        ([], FinalState.NOT_REPORTED),
    ],
)
def test_a_closed_programme_records_its_final_state(
    actuals: list[Point], final: FinalState
) -> None:
    plan = target(
        "100",
        deadline=date(2016, 12, 31),
        start=date(2016, 1, 1),
        programme_start=date(2016, 1, 1),
        programme_end=date(2018, 12, 31),
    )
    verdict = judge(case(actuals=actuals, targets=[plan]), LATE)
    assert (verdict.status, verdict.final) == (Status.CLOSED, final)
    # while the programme runs, the same facts are judged as usual
    assert (
        judge(case(actuals=actuals, targets=[plan]), date(2018, 6, 1)).status is not Status.CLOSED
    )


def test_a_running_programme_governs_over_a_closed_one() -> None:
    old = target("50", deadline=date(2016, 12, 31), programme_end=date(2018, 12, 31))
    new = target("90", deadline=None, programme_start=date(2021, 1, 1))
    assert pick_target((old, new), LATE) is new
    assert pick_target((old,), LATE) is old


def deliverables(*rows: tuple[str, MilestoneState, date | None]) -> tuple[Deliverable, ...]:
    return tuple(Deliverable(*row) for row in rows)


AIRPORTS = deliverables(
    ("西丰通用机场", MilestoneState.STARTED, date(2022, 6, 30)),
    ("西丰通用机场", MilestoneState.COMPLETED, date(2024, 6, 30)),
    ("昌图通用机场", MilestoneState.APPROVED, date(2023, 6, 30)),
    ("调兵山通用机场", MilestoneState.PLANNED, None),
)


@pytest.mark.parametrize(
    ("as_of", "expected", "delivered"),
    [
        # one of three done by mid-2024, of a line from 2021 to 2025: a third expected is 0.7
        (date(2024, 7, 1), Status.ACCELERATE, (1, 3)),
        # before anything is completed: the line expects some, none is done
        (date(2023, 7, 1), Status.OFF_TRACK, (0, 3)),
        # the deadline passed with nothing reported in 2025: not reported
        (LATE, Status.NOT_REPORTED, (1, 3)),
    ],
)
def test_milestone_progress_comes_from_its_deliverables(
    as_of: date, expected: Status, delivered: tuple[int, int]
) -> None:
    task = case(
        MILESTONE,
        targets=[target("3", programme_start=date(2021, 1, 1))],
        deliverables=AIRPORTS,
    )
    verdict = judge(task, as_of)
    assert (verdict.status, verdict.delivered) == (expected, delivered)
    assert f"{delivered[0]}/{delivered[1]}" in verdict.explanation_zh


def test_a_deliverable_reported_in_the_deadlines_year_makes_a_shortfall_measured() -> None:
    reported = (*AIRPORTS, Deliverable("调兵山通用机场", MilestoneState.STARTED, date(2025, 9, 30)))
    task = case(MILESTONE, targets=[target("3")], deliverables=reported)
    verdict = judge(task, LATE)
    assert (verdict.status, verdict.rule, verdict.delivered) == (
        Status.OFF_TRACK,
        "deadline_passed",
        (1, 3),
    )


def test_all_deliverables_completed_is_achieved() -> None:
    done = deliverables(
        ("A", MilestoneState.COMPLETED, date(2024, 1, 31)),
        ("B", MilestoneState.COMPLETED, date(2025, 3, 31)),
    )
    task = case(MILESTONE, targets=[target("2")], deliverables=done)
    assert judge(task, date(2025, 6, 30)).status is Status.ACHIEVED


@pytest.mark.parametrize(
    ("start", "expected", "rule"),
    [
        # 78 % on the deadline's year from a 2021 start: 2024-06 expects about 70 %
        (date(2021, 1, 1), Status.ON_TRACK, "milestone_line"),
        # no start known: not "on track, ratio 1.00" from the date of its only report
        (None, Status.INSUFFICIENT, "milestone_no_start"),
    ],
)
def test_a_progress_percentage_is_judged_from_the_tasks_start(
    start: date | None, expected: Status, rule: str
) -> None:
    task = case(
        MILESTONE,
        actuals=[point(date(2024, 6, 13), "78")],
        targets=[target("100", programme_start=start)],
    )
    verdict = judge(task, date(2024, 6, 13))
    assert (verdict.status, verdict.rule) == (expected, rule)
    if start is not None:
        assert verdict.start == start and verdict.ratio != pytest.approx(1.0)


@pytest.mark.parametrize(
    ("ours", "theirs", "expected", "rule"),
    [
        (
            point(date(2024, 12, 31), "6.1"),
            point(date(2024, 12, 31), "5.1"),
            Status.ACHIEVED,
            "relative_met",
        ),
        (
            point(date(2024, 12, 31), "4.9"),
            point(date(2024, 12, 31), "5.1"),
            Status.OFF_TRACK,
            "relative_short",
        ),
        (
            point(date(2024, 12, 31), "6.1"),
            point(date(2023, 12, 31), "5.1"),
            Status.INSUFFICIENT,
            "relative_no_common_period",
        ),
        (point(date(2024, 12, 31), "6.1"), None, Status.INSUFFICIENT, "relative_no_common_period"),
        # a year before the target's own period says nothing of it
        (
            point(date(2023, 12, 31), "6.1"),
            point(date(2023, 12, 31), "5.1"),
            Status.INSUFFICIENT,
            "relative_no_common_period",
        ),
    ],
)
def test_a_target_relative_to_another_series(
    ours: Point, theirs: Point | None, expected: Status, rule: str
) -> None:
    # 经济增长不低于全省经济增速
    # over 2024-2025 (a range target: its window opens in 2024)
    goal = Target(None, C.GE, date(2025, 12, 31), date(2024, 1, 1), relative_to="LN-GDP-GROWTH")
    facts = case(actuals=[ours], targets=[goal], relative=theirs, measure=Measure.RATE)
    verdict = judge(facts, date(2025, 6, 30))
    assert (verdict.status, verdict.rule) == (expected, rule)
    assert verdict.explanation_zh and verdict.explanation_en


def test_quarantined_values_are_left_out_and_said() -> None:
    facts = case(actuals=[point(date(2024, 5, 31), "10")], targets=[target("20")], held=1)
    verdict = judge(facts, date(2024, 6, 30))
    assert verdict.held == 1
    assert "待核" in verdict.explanation_zh and "held for checking" in verdict.explanation_en


def test_deliverable_progress_is_a_share_to_one_decimal_and_never_100_short_of_all() -> None:
    two_of_three = deliverables(
        ("A", MilestoneState.COMPLETED, date(2024, 1, 31)),
        ("B", MilestoneState.COMPLETED, date(2024, 3, 31)),
        ("C", MilestoneState.STARTED, date(2024, 3, 31)),
    )
    counts, point = deliverable_progress(two_of_three, date(2025, 6, 30))
    assert counts == (2, 3) and point is not None and str(point.value) == "66.7"
    almost = deliverables(
        *((f"D{i}", MilestoneState.COMPLETED, date(2024, 1, 31)) for i in range(1999)),
        ("last", MilestoneState.STARTED, date(2024, 1, 31)),
    )
    counts, point = deliverable_progress(almost, date(2025, 6, 30))
    assert counts == (1999, 2000) and point is not None and point.value == D("99.9")
    task = case(MILESTONE, targets=[target("2000")], deliverables=almost)
    assert judge(task, date(2025, 6, 30)).status is not Status.ACHIEVED
