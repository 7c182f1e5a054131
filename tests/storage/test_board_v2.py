"""The board read carries the seed format v2 on both backends: programmes and their closing,
quarantined values held out, year-to-date ranges kept apart, open commitments, deliverables,
and targets relative to another series; every verdict is the one the detail view gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker import services
from tracker.domain.models import Programme
from tracker.domain.vocab import FinalState, Status
from tracker.storage import mutations
from tracker.storage.engine import writing

TRAINS = "SY-OPEN-CRE-TRAINS"  # 900 by 2024 (2024 reply: 力争突破900列)
HSR = "SYMC-TRANS-SHENBAI-HSR-PROGRESS"  # 78 % on 2025-05-26, 100 by 2025
DATES = [date(2024, 6, 30), date(2025, 7, 1), date(2026, 7, 1), date(2026, 12, 1)]


@pytest.fixture
def v2(backend_url: str, tmp_path: Path) -> services.Store:
    """The seeded store with figures of every new kind."""
    store = services.open_store(backend_url)
    with writing(store.engine) as session:
        ctx = services.context("t", "test")
        for code, start, end in (("P-2024", "2024", "2024"), ("P-2021", "2021", "2025")):
            row = Programme(code=code, name=code, start_period=start, end_period=end)
            mutations.upsert_reference(session=session, ctx=ctx, row=row)
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "code,name,direction,region,pillar,unit,measure\n"
        "T-GROWTH,测试增速,increase,沈阳,对外开放,%,rate\n"
        "T-LN-GROWTH,全省增速,increase,辽宁省,对外开放,%,rate\n",
        encoding="utf-8",
    )
    observations = tmp_path / "observations.csv"
    observations.write_text(
        "indicator,kind,period,value,comparator,programme,deadline_basis,relative_to,quarantine\n"
        f"{TRAINS},target,2024,900,>=,P-2024,,,\n"  # the same target, now of a programme
        f"{TRAINS},actual,2024-01..2024-05,400,,,,,\n"  # year to date: not a year's level
        f"{TRAINS},actual,2023,106031,,,,,数量级存疑\n"  # held out
        f"{TRAINS},target,,1200,,,,,\n"  # next step, no deadline
        f"{HSR},target,2025,100,>=,P-2021,plan_end,,\n"
        "T-GROWTH,target,2024,,>=,,,T-LN-GROWTH,\n"
        "T-GROWTH,actual,2024,6.1,,,,,\n"
        "T-LN-GROWTH,actual,2024,5.1,,,,,\n"
        "T-LN-GROWTH,actual,2025,7.0,,,,,\n",  # a later year of the other series only
        encoding="utf-8",
    )
    milestones = tmp_path / "milestones.csv"
    milestones.write_text(
        "indicator,deliverable,state,period,source_doc,quote,note\n"
        f"{HSR},沈白高铁,started,2021-06,,,\n"
        f"{HSR},沈白高铁,completed,2025-09,,,\n"
        f"{HSR},沈丹铁路外迁,started,2022,,,\n",
        encoding="utf-8",
    )
    for path in (indicators, observations, milestones):
        services.import_file(store, path, actor="t", origin="test")
    return store


def verdicts(store: services.Store, as_of: date) -> dict[str, object]:
    return {i.code: i.verdict for i in services.statuses(store, as_of=as_of)}


def test_the_board_reads_the_new_facts(v2: services.Store) -> None:
    late = verdicts(v2, date(2026, 12, 1))
    trains = late[TRAINS]
    # The 2024 programme has ended; the open commitment with no programme now governs.
    assert trains.status is Status.OPEN  # type: ignore[attr-defined]
    assert trains.held == 1 and "待核" in trains.explanation_zh  # type: ignore[attr-defined]
    in_2024 = verdicts(v2, date(2024, 6, 30))[TRAINS]
    # Jan-May's 400 is not compared with the year's 900 as a level, nor is 106031 used.
    assert in_2024.status is Status.INSUFFICIENT and in_2024.latest is None  # type: ignore[attr-defined]
    # The railway task: one of two deliverables completed when its programme closed.
    hsr = late[HSR]
    assert (hsr.status, hsr.final, hsr.delivered) == (  # type: ignore[attr-defined]
        Status.CLOSED,
        FinalState.NOT_COMPLETED,
        (1, 2),
    )
    growth = verdicts(v2, date(2026, 7, 1))["T-GROWTH"]
    # 6.1 against the province's 5.1 of the same year, not its later 7.0
    assert (growth.status, growth.rule) == (Status.ACHIEVED, "relative_met")  # type: ignore[attr-defined]
    assert growth.base.value == Decimal("5.1")  # type: ignore[attr-defined]


@pytest.mark.parametrize("as_of", DATES)
def test_every_verdict_is_the_detail_views(v2: services.Store, as_of: date) -> None:
    for code in (TRAINS, HSR, "T-GROWTH", "T-LN-GROWTH"):
        item = next(i for i in services.statuses(v2, as_of=as_of) if i.code == code)
        view = services.indicator_view(v2, code, as_of=as_of)
        assert view.item.verdict == item.verdict, (code, as_of)
        assert view.item.row._replace(facts=item.row.facts) == item.row, code


@pytest.mark.parametrize("as_of", DATES)
def test_the_file_read_gives_the_same_board(v2: services.Store, as_of: date) -> None:
    if not v2.url.startswith("sqlite"):
        pytest.skip("the sqlite3 read is for SQLite files")
    from_file = services.read_status_board(v2.url, as_of=as_of)
    assert from_file.store is None
    assert from_file.statuses == services.statuses(v2, as_of=as_of)


def test_closed_programmes_leave_the_default_summary(v2: services.Store) -> None:
    summary = services.summarize(v2, as_of=date(2026, 12, 1))
    assert summary.closed_hidden >= 1 and Status.CLOSED not in summary.total
    everything = services.summarize(v2, as_of=date(2026, 12, 1), include_closed=True)
    assert everything.total[Status.CLOSED] == summary.closed_hidden
    assert HSR not in {i.code for i in summary.attention}
