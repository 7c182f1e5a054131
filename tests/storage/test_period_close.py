"""A value stored before its period was closed stays as it is: withdrawing it (the TUI's undo)
is refused until the period is reopened."""

from __future__ import annotations

import pytest

from tests.conftest import dump
from tracker import services
from tracker.domain.models import Observation
from tracker.errors import ValidationError
from tracker.storage import mutations, queries
from tracker.storage.engine import writing

CODE = "TL2021-T01"  # 铁岭, %


def test_a_value_in_a_closed_period_cannot_be_withdrawn_until_it_is_reopened(
    store: services.Store, db_url: str
) -> None:
    change = services.record(store, code=CODE, value="50", period="2025-06", actor="a", origin="t")
    assert change is not None and change.row_id is not None
    row_id = change.row_id
    services.close_period(store, period="2025Q2", region="铁岭", actor="p", origin="cli")
    before = dump(db_url)
    refusal = r"TL2021-T01 2025-06 falls in period 2025Q2, closed for 铁岭 \(TL\) by p at "
    with pytest.raises(ValidationError, match=refusal):
        with writing(store.engine) as session:
            mutations.withdraw_observation(
                session=session,
                ctx=services.context("a", "tui"),
                indicator=queries.get_indicator(session=session, code=CODE),
                observation_id=row_id,
            )
    assert dump(db_url) == before
    services.reopen_period(store, period="2025Q2", region="TL", actor="p", origin="cli")
    with writing(store.engine) as session:
        mutations.withdraw_observation(
            session=session,
            ctx=services.context("a", "tui"),
            indicator=queries.get_indicator(session=session, code=CODE),
            observation_id=row_id,
        )
    with writing(store.engine) as session:
        row = session.get(Observation, row_id)
        assert row is not None and row.state == "withdrawn"
