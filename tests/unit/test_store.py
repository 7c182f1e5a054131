"""The seeded store: creation on first use, idempotent init, and seeded verdicts end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import dump, table_counts
from tests.seed_figures import closed_indicators, seed_rows
from tracker import services
from tracker.domain.vocab import FinalState, Status
from tracker.errors import SchemaError
from tracker.storage.engine import make_engine


def verdict_of(store: services.Store, code: str, as_of: date):  # type: ignore[no-untyped-def]
    found = [s for s in services.statuses(store, as_of=as_of) if s.row.code == code]
    assert len(found) == 1
    return found[0].verdict


def test_first_use_creates_and_seeds(empty_url: str, tmp_path: Path) -> None:
    store = services.open_store(empty_url)
    counts = table_counts(empty_url)
    assert counts["indicator"] >= 100 and counts["observation"] >= 150
    # One change set; an event for every row but the values, which name it themselves.
    assert counts["change_set"] == 1
    assert (
        counts["audit_event"]
        == counts["indicator"]
        + counts["document"]
        + counts["region"]
        + counts["pillar"]
        + counts["programme"]
        + counts["milestone"]
    )
    assert (tmp_path / "empty.db").stat().st_mode & 0o777 == 0o600
    store.engine.dispose()


def test_init_twice_changes_nothing(store: services.Store, db_url: str) -> None:
    before = dump(db_url)
    counts = services.initialize(store)
    assert counts.get("new", 0) == 0 and counts.get("changed", 0) == 0
    assert dump(db_url) == before


def test_a_database_without_schema_is_refused_when_not_creating(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    make_engine(url).dispose()
    with pytest.raises(SchemaError, match="tracker init"):
        services.open_store(url, create=False)


def test_an_older_schema_says_how_to_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    with pytest.raises(SchemaError, match="tracker db upgrade"):
        services.open_store(db_url)


def test_good_air_days_are_achieved(store: services.Store) -> None:
    verdict = verdict_of(store, "SYMC-ECO-GOOD-AIR-DAYS", date(2025, 6, 30))
    assert verdict.status is Status.ACHIEVED
    assert "87.5" in verdict.explanation_en and "82" in verdict.explanation_en


def test_cross_region_services_are_not_on_track_once_the_deadline_passed(
    store: services.Store,
) -> None:
    # 152 (2024-06-03) -> 210 (2025-05-26) of 260 by the end of 2025, the 2025 plan's end:
    # once the plan is over the target is closed, and it ended not completed.
    verdict = verdict_of(store, "SYMC-GOV-CROSS-REGION-ITEMS", date(2026, 1, 1))
    assert verdict.status is Status.CLOSED and verdict.final is FinalState.NOT_COMPLETED
    assert verdict.latest is not None and verdict.latest.value == 210
    during = verdict_of(store, "SYMC-GOV-CROSS-REGION-ITEMS", date(2025, 6, 30))
    assert during.rule == "pace_projection" and during.base is not None and during.base.value == 152


def test_summary_counts_every_indicator_once(store: services.Store) -> None:
    as_of = date(2025, 6, 30)
    summary = services.summarize(store, as_of=as_of)
    # Those of programmes that have ended are counted apart, as hidden.
    assert summary.closed_hidden == len(closed_indicators(as_of)) > 0
    shown = sum(summary.total.values())
    assert shown + summary.closed_hidden == table_counts(store.url)["indicator"]
    assert sum(sum(c.values()) for _, _, c in summary.groups) == shown
    assert all(
        i.verdict.status in services.ATTENTION or i.verdict.flagged for i in summary.attention
    )


def test_region_filter_includes_sub_regions(store: services.Store) -> None:
    tieling = services.statuses(store, as_of=date(2025, 6, 30), region="铁岭")
    assert tieling and all(s.row.region.code.startswith("TL") for s in tieling)


def test_export_lists_every_current_observation_with_its_quote(store: services.Store) -> None:
    text = services.export_observations_csv(store)
    lines = text.splitlines()
    assert lines[0] == ",".join(services.EXPORT_COLUMNS)
    assert len(lines) - 1 == table_counts(store.url)["observation"]
    assert "已实现210项都市圈跨域通办事项" in text


def test_programmes_and_milestones_load_with_the_seed_when_present(
    empty_url: str, tmp_path: Path
) -> None:
    """The seed format v2: programmes.csv before the observations that name them, and
    milestones.csv after the indicators; loading again changes nothing."""
    import shutil

    from tracker.config import seeds_dir
    from tracker.storage import queries
    from tracker.storage.engine import reading

    folder = tmp_path / "seed"
    shutil.copytree(seeds_dir(), folder)
    # A programme, a task's deliverables and an open commitment added to the shipped seed.
    with (folder / "programmes.csv").open("a", encoding="utf-8") as f:
        f.write("P-TEST,测试方案,Test programme,001_429e4e3d7d47d75c,2024,2025\n")
    with (folder / "milestones.csv").open("a", encoding="utf-8") as f:
        f.write(
            "SYMC-TRANS-SHENBAI-HSR-PROGRESS,沈白高铁,started,2021,,,\n"
            "SYMC-TRANS-SHENBAI-HSR-PROGRESS,沈白高铁,completed,2025-09,,,\n"
        )
    with (folder / "observations.csv").open("a", encoding="utf-8") as f:
        f.write("SYMC-TRANS-SHENBAI-HSR-PROGRESS,target,,100,,,,,,P-TEST,,,\n")
    store = services.Store(empty_url, make_engine(empty_url))
    from tracker.storage.migrate import upgrade

    upgrade(store.engine)
    services.load_seeds(store, folder)
    with reading(store.engine) as session:
        programmes = {p.code: p.end_period for p in queries.programmes(session=session)}
        shipped = {p["code"]: p["end"] for p in seed_rows("programmes")}
        assert programmes == {**shipped, "P-TEST": "2025"}
        indicator = queries.get_indicator(session=session, code="SYMC-TRANS-SHENBAI-HSR-PROGRESS")
        states = [m.state for m in queries.milestones_of(session=session, indicator=indicator)]
        assert states == ["started", "completed"]
        [open_target] = [
            o
            for o in queries.observations_of(session=session, indicator=indicator)
            if o.kind == "target" and o.period == ""
        ]
        assert open_target.period_end is None and open_target.precision is None
        assert open_target.programme == "P-TEST"
    before = dump(empty_url)
    again = services.load_seeds(store, folder)
    assert again.get("new", 0) == 0 and again.get("changed", 0) == 0
    assert dump(empty_url) == before
    store.engine.dispose()
