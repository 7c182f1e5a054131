"""The same use-cases and commands on SQLite and PostgreSQL: init and seed through migrations,
record, correct, flag, unflag, import, export, summary, conflicts and audit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from tests.cli.conftest import TESTER
from tests.conftest import dump, table_counts
from tests.storage.checks import audit_matches_data, who
from tracker import services
from tracker.cli.main import app
from tracker.storage import HEAD_REVISION, history, queries
from tracker.storage.engine import mask_url, reading

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`cli(db, *args)` runs tracker in-process as user `tester`; no traceback may escape."""
    monkeypatch.setenv("TRACKER_USER", "tester")
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "100")

    def invoke(db: str, *args: str) -> Result:
        result = CliRunner().invoke(app, [*args, "--db", db])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return invoke


def test_init_creates_the_schema_and_seeds_through_the_migrations(
    backend_empty_url: str, seeded_template: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    first = cli(backend_empty_url, "init")
    assert first.exit_code == 0, first.output
    assert mask_url(backend_empty_url) in first.output
    counts = table_counts(backend_empty_url)
    gates = counts.pop("write_gate", None)  # PostgreSQL only: one writers' lock row per region
    assert counts == table_counts(f"sqlite:///{seeded_template}")
    assert gates in (None, counts["region"])
    again = cli(backend_empty_url, "init")
    assert again.exit_code == 0 and "new 0, changed 0" in again.output
    current = cli(backend_empty_url, "db", "current")
    assert f"revision {HEAD_REVISION}" in current.output
    assert audit_matches_data(backend_empty_url) == []


def test_sqlite_and_postgresql_give_the_same_answers(db_url: str, pg_url: str, cli) -> None:  # type: ignore[no-untyped-def]
    on_sqlite, on_pg = services.open_store(db_url), services.open_store(pg_url)
    when = date(2025, 6, 30)

    def verdicts(store: services.Store) -> dict[str, tuple[object, ...]]:
        return {
            s.row.code: (s.verdict.status, s.verdict.ratio, s.verdict.stale)
            for s in services.statuses(store, as_of=when)
        }

    assert verdicts(on_sqlite) == verdicts(on_pg)
    assert services.export_observations_csv(on_sqlite) == services.export_observations_csv(on_pg)
    summaries = [
        json.loads(cli(url, "summary", "--json", "--as-of", "2025-06-30").output)
        for url in (db_url, pg_url)
    ]
    assert summaries[0] == summaries[1]
    for store in (on_sqlite, on_pg):
        store.engine.dispose()


def test_writes_through_the_commands(backend_url: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    steps = [
        ("record", CODE, "230", "--period", "2025-09", "--quote", "已实现230项"),
        ("record", CODE, "231", "--period", "2025-09", "--note", "更正"),
        ("flag", CODE, "--reason", "进度滞后"),
        ("unflag", CODE, "--note", "已跟进"),
    ]
    for step in steps:
        result = cli(backend_url, *step)
        assert result.exit_code == 0, (step, result.output)
    figures = tmp_path / "figures.csv"
    figures.write_text(
        f"indicator,kind,period,value\n{CODE},actual,2025-10,240\n{CODE},actual,2025-11,245\n",
        encoding="utf-8",
    )
    imported = cli(backend_url, "import", str(figures), "--accept-outliers")
    assert imported.exit_code == 0, imported.output
    exported = tmp_path / "out.csv"
    result = cli(backend_url, "export", "observations", "-o", str(exported))
    assert result.exit_code == 0, result.output
    lines = exported.read_text(encoding="utf-8").splitlines()
    mine = [line for line in lines if line.startswith(CODE) and ",actual,2025-" in line]
    assert [line.split(",")[6:8] for line in mine][-3:] == [
        ["2025-09", "231"],
        ["2025-10", "240"],
        ["2025-11", "245"],
    ]
    store = services.open_store(backend_url)
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        [flag] = queries.flags_of(session=session, indicator=indicator)
        events = history.entries(session=session, indicator_code=CODE, actor="tester")
    assert flag.cleared_by == TESTER and flag.clear_note == "已跟进"
    assert sorted(e.action for e in events) == sorted(
        ["record", "correct", "flag", "unflag", "record", "record"]
    )
    assert audit_matches_data(backend_url) == []
    store.engine.dispose()
    trail = cli(backend_url, "audit", "--actor", "tester", "--since", "2000-01-01", "--json")
    assert trail.exit_code == 0, trail.output
    assert len(json.loads(trail.output)) == 6
    # CODE's programme (the 2025 work plan) has ended: the default list leaves it out.
    listing = ("list", "--include-closed", "--json")
    for args in (listing, ("show", CODE, "--json"), ("history", CODE)):
        shown = cli(backend_url, *args)
        assert shown.exit_code == 0 and "245" in shown.output, (args, shown.output)


def test_a_stale_command_exits_1_naming_the_change_and_writes_nothing(
    backend_url: str, cli
) -> None:  # type: ignore[no-untyped-def]
    store = services.open_store(backend_url)
    with reading(store.engine) as session:
        opened = queries.get_indicator(session=session, code=CODE).version
    services.record(store, code=CODE, value="250", period="2025-12", actor="wang", origin="tui")
    store.engine.dispose()
    # On PostgreSQL the database names the login role, with the name given beside it.
    author = who(backend_url, "wang")
    before = dump(backend_url)
    for args in (
        ("record", CODE, "251", "--period", "2025-12"),
        ("flag", CODE, "--reason", "滞后"),
    ):
        result = cli(backend_url, *args, "--expected-version", str(opened))
        assert result.exit_code == 1
        assert f"record by {author}" in result.output and "Traceback" not in result.output
    assert dump(backend_url) == before


def test_a_refused_import_leaves_the_store_as_it_was(backend_url: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"indicator,kind,period,value\n{CODE},actual,2025-10,240\nNOPE,actual,2025,1\n"
        f"{CODE},actual,2025-13,1\n",
        encoding="utf-8",
    )
    before = dump(backend_url)
    result = cli(backend_url, "import", str(bad))
    assert result.exit_code == 1
    assert "line 3" in result.output and "line 4" in result.output
    assert dump(backend_url) == before


def test_the_tui_use_cases_give_the_same_answers_on_both(db_url: str, pg_url: str) -> None:
    """What the TUI shows and does (browse, detail, record, flag, clear, undo) on both stores."""
    when = date(2025, 6, 30)
    results = []
    for url in (db_url, pg_url):
        store = services.open_store(url)
        chosen = next(i for i in services.statuses(store, as_of=when) if i.code == CODE)
        version = chosen.row.version
        tui = services.TUI_ORIGIN
        made = services.record(
            store,
            code=CODE,
            value="233",
            period="2025-09",
            actor="li",
            origin=tui,
            expected_version=version,
        )
        assert made is not None
        flagged = services.flag(
            store,
            code=CODE,
            level=services.FlagLevel.WATCH,
            reason="关注",
            actor="li",
            origin=tui,
            expected_version=made.version,
        )
        cleared = services.unflag(
            store,
            code=CODE,
            note="已跟进",
            actor="li",
            origin=tui,
            expected_version=flagged.version,
        )
        undone = services.revert(
            store, made.change_set_id, actor="li", origin=tui, expected_version=cleared.version
        )
        assert [c.action for c in (made, flagged, cleared, undone)] == [
            "record",
            "flag",
            "unflag",
            "revert",
        ]
        assert undone.version == version + 4
        items = [
            (i.code, i.row.version, i.latest, i.row.latest_period, i.target, i.baseline)
            for i in services.statuses(store, as_of=when)
        ]
        view = services.indicator_view(store, CODE, as_of=when)
        results.append((items, view.facts, len(view.observations), len(view.flags)))
        assert audit_matches_data(url) == []
        store.engine.dispose()
    assert results[0] == results[1]


def test_a_read_session_sees_one_state_of_the_store_while_others_write(backend_url: str) -> None:
    """A listing made of several queries never mixes states (PostgreSQL: REPEATABLE READ)."""

    store = services.open_store(backend_url)
    count = sa.text("SELECT count(*) FROM flag")
    with reading(store.engine) as session:
        before = session.execute(count).scalar_one()
        services.flag(store, code=CODE, reason="滞后", actor="wang", origin="cli")
        assert session.execute(count).scalar_one() == before
        assert len(services.statuses(store, as_of=date(2025, 6, 30))) == 176
    with reading(store.engine) as session:
        assert session.execute(count).scalar_one() == before + 1
    store.engine.dispose()
