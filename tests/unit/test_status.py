"""The status engine's rules, as tables of cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.status import Facts, Point, Target, Thresholds, judge, meets, pick_target
from tracker.domain.vocab import Comparator as C
from tracker.domain.vocab import Direction, Frequency, Status

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
