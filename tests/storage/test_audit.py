"""The record one to one, on SQLite and PostgreSQL: for a scripted mix of operations, each write
is one change set, every change to the data is recorded in it exactly once (values by the rows
that name it, definitions and flags by audit events), and every entry read back from the
record describes a change."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.storage.checks import Rows, actor_of, audit_matches_data, same_number, snapshot
from tracker import services
from tracker.errors import ConflictError, ValidationError
from tracker.storage import history, mutations, queries
from tracker.storage.engine import reading, writing

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
OTHER = "SYMC-PLAN-SPECIAL-PLANS"
# Columns claim() stamps on the indicator with every change to it or its figures.
STAMP = {"version", "updated_at", "updated_by"}


def changed(before: Rows, after: Rows, table: str) -> tuple[set[Any], set[Any]]:
    """Keys of rows inserted and rows updated in `table` between two snapshots."""
    old, new = before.get(table, {}), after.get(table, {})
    inserted = set(new) - set(old)
    updated = {k for k in set(new) & set(old) if new[k] != old[k]}
    assert not set(old) - set(new), f"rows deleted from {table}"
    return inserted, updated


def expected_events(before: Rows, after: Rows) -> list[tuple[str, str, str]]:
    """The (entity, action, entity_id) events the changes between two snapshots call for."""
    expected: list[tuple[str, str, str]] = []
    obs_new, obs_changed = changed(before, after, "observation")
    observations = after["observation"]
    superseded_by = {
        observations[k]["superseded_by_id"]: k[0]
        for k in obs_changed
        if observations[k]["state"] == "superseded"
    }
    for (obs_id,) in obs_new:
        expected.append(("observation", "correct" if obs_id in superseded_by else "record", obs_id))
    for key in obs_changed:
        row, was = observations[key], before["observation"][key]
        assert was["state"] == "current", "a value left history"
        if row["state"] == "withdrawn":
            expected.append(("observation", "withdraw", key[0]))
        elif row["state"] == "superseded":
            assert row["superseded_by_id"] in {k[0] for k in obs_new}, "superseded by an old row"
    flags_new, flags_changed = changed(before, after, "flag")
    expected += [("flag", "flag", k[0]) for k in flags_new]
    expected += [("flag", "unflag", k[0]) for k in flags_changed]
    ind_new, ind_changed = changed(before, after, "indicator")
    indicators = after["indicator"]
    expected += [("indicator", "create", indicators[k]["code"]) for k in ind_new]
    for key in ind_changed:
        was, row = before["indicator"][key], indicators[key]
        if {c for c in row if row[c] != was[c]} - STAMP:
            expected.append(("indicator", "update", row["code"]))
    links_new, links_changed = changed(before, after, "indicator_department")
    assert not links_changed
    touched = {str(k[0]) for k in links_new} | {
        str(k[0]) for k in set(before["indicator_department"]) - set(after["indicator_department"])
    }
    defined = {indicators[(i,)]["code"] for i in touched if (i,) in indicators}
    assert defined <= {e[2] for e in expected if e[0] == "indicator"}, "links changed silently"
    for (obs_id,) in obs_changed:
        assert observations[(obs_id,)]["state"] in ("superseded", "withdrawn")
    return sorted(expected)


def check_step(url: str, before: Rows, after: Rows) -> int:
    """Assert the step wrote at most one change set, that its rows and events name it, and
    that the record read back lists its changes one to one; returns how many there were."""
    sets, touched = changed(before, after, "change_set")
    assert not touched, "change sets were changed"
    expected = expected_events(before, after)
    if not expected:
        assert not sets, "a write that changed nothing opened a change set"
        assert changed(before, after, "audit_event") == (set(), set())
        return 0
    [(change_set,)] = sets
    events, edited = changed(before, after, "audit_event")
    assert not edited, "audit events were changed"
    assert {after["audit_event"][k]["change_set_id"] for k in events} <= {change_set}
    assert all(after["audit_event"][k]["entity"] != "observation" for k in events)
    obs_new, obs_changed = changed(before, after, "observation")
    observations = after["observation"]
    assert {observations[k]["written_in"] for k in obs_new} <= {change_set}
    assert {observations[k]["superseded_in"] for k in obs_changed} <= {change_set}
    store = services.open_store(url, create=False)
    with reading(store.engine) as session:
        entries = history.entries(session=session, change_set_id=int(change_set))
    store.engine.dispose()
    assert sorted((e.entity, e.action, e.entity_id) for e in entries) == expected
    for entry in entries:
        if entry.entity == "observation" and entry.action in ("record", "correct"):
            row = observations[(entry.entity_id,)]
            recorded = json.loads(entry.after or "{}")
            assert same_number(recorded["value"], row["value"])
            assert str(recorded["indicator_id"]) == row["indicator_id"]
            assert recorded["period"] == row["period"] and recorded["kind"] == row["kind"]
        if entry.action == "correct":
            old = json.loads(entry.before or "{}")
            assert observations[(str(old["id"]),)]["superseded_by_id"] == entry.entity_id
    return len(entries)


def version_of(store: services.Store, code: str) -> int:
    """An indicator's version now."""
    with reading(store.engine) as session:
        return queries.get_indicator(session=session, code=code).version


def edit(store: services.Store, changes: dict[str, str], lead: list[str] | None = None) -> None:
    """Change the indicator's definition (and departments)."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        mutations.update_indicator(
            session=session,
            ctx=services.context("wang", "tui"),
            indicator=indicator,
            changes=changes,
            expected_version=indicator.version,
            lead=lead,
        )


def withdraw(store: services.Store, observation_id: int) -> None:
    """Undo a recorded value."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        mutations.withdraw_observation(
            session=session,
            ctx=services.context("wang", "tui"),
            indicator=indicator,
            observation_id=observation_id,
        )


def write_file(path: Path, text: str) -> Path:
    """A UTF-8 file with `text`."""
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mix_of_operations_records_each_change_once_in_its_change_set(
    backend_url: str, tmp_path: Path
) -> None:
    store = services.open_store(backend_url)
    ids: dict[str, int | None] = {}

    def remember(name: str, change: services.Change | None) -> None:
        ids[name] = change.row_id if change else None

    steps: list[tuple[str, Callable[[], object], int]] = [
        (
            "record",
            lambda: remember(
                "a",
                services.record(
                    store, code=CODE, value="230", period="2025-09", actor="wang", origin="cli"
                ),
            ),
            1,
        ),
        (
            "correct",
            lambda: remember(
                "b",
                services.record(
                    store, code=CODE, value="231", period="2025-09", actor="li", origin="tui"
                ),
            ),
            1,
        ),
        (
            "same value again",
            lambda: services.record(
                store, code=CODE, value="231", period="2025-09", actor="li", origin="tui"
            ),
            0,
        ),
        (
            "flag",
            lambda: services.flag(store, code=CODE, reason="进度滞后", actor="li", origin="tui"),
            1,
        ),
        (
            "unflag",
            lambda: services.unflag(store, code=CODE, note="已跟进", actor="wang", origin="cli"),
            1,
        ),
        (
            "edit definition and departments",
            lambda: edit(
                store, {"name": "跨域通办事项(新)", "frequency": "quarterly"}, lead=["省营商局"]
            ),
            1,
        ),
        ("withdraw the correction", lambda: withdraw(store, ids["b"] or 0), 1),
        (
            "import figures",
            lambda: services.import_file(
                store,
                write_file(
                    tmp_path / "figures.csv",
                    "indicator,kind,period,value\n"
                    f"{CODE},actual,2025-10,240\n{CODE},actual,2025-09,232\n"
                    f"{OTHER},actual,2025-12,22\n{OTHER},actual,2025-05-26,21\n",
                ),
                actor="zhao",
                accept_outliers=True,
            ),
            4,
        ),
        (
            "import the same file again",
            lambda: services.import_file(
                store, tmp_path / "figures.csv", actor="zhao", accept_outliers=True
            ),
            0,
        ),
        (
            "import indicators",
            lambda: services.import_file(
                store,
                write_file(
                    tmp_path / "indicators.csv",
                    "code,name,name_en,unit,direction,region,pillar,lead,responsible,"
                    "frequency,description\n"
                    "TL-AUDIT-1,审计测试指标,Audit test,个,increase,铁岭,规划共绘,"
                    "市发展改革委,,annual,\n",
                ),
                actor="zhao",
            ),
            1,
        ),
    ]
    total = 0
    for name, run, count in steps:
        before = snapshot(backend_url)
        run()
        after = snapshot(backend_url)
        assert check_step(backend_url, before, after) == count, name
        total += count
    # Refused writes change nothing and write no event.
    for refused in (
        lambda: services.record(
            store, code=CODE, value="1", period="2025-11", actor="x", origin="t", expected_version=1
        ),
        lambda: services.unflag(store, code=CODE, note="x", actor="x", origin="t"),
    ):
        before = snapshot(backend_url)
        with pytest.raises((ConflictError, ValidationError)):
            refused()
        assert snapshot(backend_url) == before
    assert total == 11
    assert audit_matches_data(backend_url) == []
    store.engine.dispose()


def test_the_seeded_store_records_every_row_in_seed_change_sets(backend_url: str) -> None:
    assert audit_matches_data(backend_url) == []
    rows = snapshot(backend_url)
    events = list(rows["audit_event"].values())
    for table in ("document", "region", "pillar", "indicator"):
        created = [e for e in events if e["entity"] == table and e["action"] == "create"]
        assert len(created) == len(rows[table]), table
    sets = rows["change_set"].values()
    assert {(c["origin"], c["actor"]) for c in sets} == {("seed", actor_of(backend_url, "seed"))}
    assert len(sets) == 1


@pytest.mark.parametrize("origin", ["cli", "tui"])
def test_a_flag_is_never_cleared_without_a_note(store: services.Store, origin: str) -> None:
    services.flag(store, code=CODE, reason="late", actor="a", origin=origin)
    before = snapshot(store.url)
    with pytest.raises(ValidationError, match="a note is required"):
        services.unflag(store, code=CODE, note="  ", actor="a", origin=origin)
    with writing(store.engine) as session, pytest.raises(ValidationError, match="a note is"):
        mutations.clear_flag(
            session=session,
            ctx=services.context("a", origin),
            indicator=queries.get_indicator(session=session, code=CODE),
            note="\t",
        )
    assert snapshot(store.url) == before
