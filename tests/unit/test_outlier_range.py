"""The quick look at a value with nothing to compare it with finds what the full rules find:
a value is in `quiet_range` exactly when `suspicious` has nothing to say about it alone."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.services.outliers import IMPLAUSIBLE, quiet_range, suspicious

UNITS = ["%", "个", "万人次", "亿元", "万亿元", "列", "公里", "", "千瓦时"]
# Values around every edge: 0, 100, the implausible size in each unit, and plain ones.
EDGES = [Decimal(0), Decimal(100), IMPLAUSIBLE, IMPLAUSIBLE / 10**4, IMPLAUSIBLE / 10**8]
VALUES = st.one_of(
    st.sampled_from(EDGES).flatmap(
        lambda edge: st.sampled_from([edge, -edge, edge.next_plus(), edge.next_minus()])
    ),
    st.decimals(min_value=-(10**18), max_value=10**18, allow_nan=False, places=4),
)


@settings(max_examples=3000, deadline=None)
@given(VALUES, st.sampled_from(UNITS), st.sampled_from(["level", "rate", "rank"]))
def test_a_value_in_the_quiet_range_is_one_no_rule_objects_to(
    value: Decimal, unit: str, measure: str
) -> None:
    low, high = quiet_range(unit, measure)
    assert (low <= value <= high) == (suspicious(value, unit, None, measure) is None)
