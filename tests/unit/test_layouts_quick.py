"""The quick test for a plain data row leaves out exactly the rows the full test leaves out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.importers import layouts
from tracker.importers.tables import RawTable

HEADER = ["indicator", "kind", "period", "value", "note"]
CELL = st.sampled_from(
    [
        "",
        " ",
        "SY-A",
        "indicator",
        " indicator ",
        "合计",
        "总 计",
        "小计",
        "注：单位为亿元",
        "说明",
        "数据来源：统计局",
        "资料来源：年鉴",
        "2025-06",
        "1,613",
        Decimal(5),
        date(2025, 6, 30),
    ]
)


def dropped(rows: list[tuple[int, list[object]]]) -> tuple[object, object]:
    """The rows kept and the counts of those left out, by reason."""
    table = RawTable("t.csv", list(HEADER), list(rows), "utf-8")
    layout = layouts.Layout("observations")
    layouts.drop_non_data(table, layout)
    return table.rows, layout.skipped


# Mostly plain rows, so that whole tables of data (the quickest look) come up often.
PLAIN_CELL = st.sampled_from(["SY-A", "2025-06", "1,613", " indicator ", "", "合计", Decimal(5)])
PLAIN_ROWS = st.lists(st.lists(PLAIN_CELL, min_size=2, max_size=5), max_size=8)
TABLES = (
    st.lists(st.lists(CELL, max_size=6), max_size=12)
    | PLAIN_ROWS
    | PLAIN_ROWS.map(lambda rows: [*rows, list(HEADER)])  # the header repeated among them
)


@settings(max_examples=400, deadline=None)
@given(TABLES)
def test_the_quick_look_at_a_row_keeps_and_drops_what_the_full_look_does(
    cells: list[list[object]],
) -> None:
    rows: list[tuple[int, list[object]]] = list(enumerate(cells, start=2))
    quick = dropped(rows)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layouts, "_plainly_data", lambda cells, first: False)
        full = dropped(rows)
    assert quick == full
