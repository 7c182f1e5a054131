"""The status board read from a SQLite file gives what the engine's read gives, with the
store's thresholds; anything else is read through the engine."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tracker import services
from tracker.domain.status import Thresholds
from tracker.domain.status_board import summarize
from tracker.domain.vocab import Comparator, DeadlineBasis, MilestoneState
from tracker.services import status_board
from tracker.storage.sqlite_snapshot import sqlite_snapshot

DATES = [date(2024, 6, 30), date(2025, 12, 31), date(2026, 11, 22)]


@contextmanager
def no_file(url: str) -> Iterator[None]:
    """No direct read, as for a store that is not a SQLite file."""
    yield None


@pytest.fixture
def engine_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read every store through the engine."""
    monkeypatch.setattr(status_board, "sqlite_snapshot", no_file)


def statuses_from_file(store: services.Store, **kwargs: object) -> list[services.IndicatorStatus]:
    board = services.read_status_board(store.url, **kwargs)  # type: ignore[arg-type]
    assert board.store is None  # read from the file: no store was opened
    return board.statuses


def statuses_from_engine(
    store: services.Store, monkeypatch: pytest.MonkeyPatch, **kwargs: object
) -> list[services.IndicatorStatus]:
    with monkeypatch.context() as patch:
        patch.setattr(status_board, "sqlite_snapshot", no_file)
        return services.read_status_board(store, **kwargs).statuses  # type: ignore[arg-type]


@pytest.mark.parametrize("as_of", DATES)
def test_the_file_read_gives_every_status_the_engine_gives(
    store: services.Store, as_of: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.flag(
        store,
        code="SYMC-GOV-CROSS-REGION-ITEMS",
        level=services.FlagLevel.WATCH,
        reason="核对",
        actor="t",
        origin="test",
    )
    expected = statuses_from_engine(store, monkeypatch, as_of=as_of)
    assert statuses_from_file(store, as_of=as_of) == expected
    assert services.statuses(store, as_of=as_of) == expected
    assert any(item.row.flag for item in expected) and any(item.row.lead for item in expected)


def test_the_stores_thresholds_decide_either_way(
    store: services.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = date(2025, 12, 31)
    default = [i.verdict.status for i in services.statuses(store, as_of=as_of)]
    strict = replace(store, thresholds=Thresholds(on_track=10.0, accelerate=9.0))
    from_file = [i.verdict.status for i in services.statuses(strict, as_of=as_of)]
    from_engine = [i.verdict.status for i in statuses_from_engine(strict, monkeypatch, as_of=as_of)]
    assert from_file == from_engine != default
    assert services.Status.ON_TRACK not in from_file


def test_every_row_read_has_its_facts_in_the_engines_types(store: services.Store) -> None:
    # What the engine judges: dated points, targets with or without a deadline and value,
    # comparators, deadline bases and deliverable states as the vocabulary's members.
    items = services.statuses(store, as_of=date(2025, 12, 31))
    facts = [item.row.facts for item in items]
    points = [p for f in facts for p in (f.baseline, *f.actuals) if p is not None]
    targets = [t for f in facts for t in f.targets]
    assert all(isinstance(p.when, date) and isinstance(p.value, Decimal) for p in points)
    # An open commitment has no deadline; a target relative to another series has no value.
    assert {type(t.deadline) for t in targets} == {date, type(None)}
    assert all(isinstance(t.value, Decimal) is (t.relative_to is None) for t in targets)
    assert any(t.relative_to for t in targets)
    assert all(isinstance(t.comparator, Comparator) for t in targets)
    assert all(isinstance(t.basis, DeadlineBasis) for t in targets)
    dated = [d for t in targets for d in (t.start, t.programme_start, t.programme_end)]
    assert all(d is None or isinstance(d, date) for d in dated)
    assert all(isinstance(d.state, MilestoneState) for f in facts for d in f.deliverables)
    assert all(isinstance(r.updated_at, datetime) for r in (i.row for i in items))


@pytest.mark.parametrize(
    ("region", "pillar"), [("铁岭", None), (None, "交通共联"), ("沈阳", "产业共链")]
)
def test_filters_and_counts_match(
    store: services.Store, region: str | None, pillar: str | None
) -> None:
    as_of = date(2025, 12, 31)
    items = statuses_from_file(store, as_of=as_of, region=region, pillar=pillar)
    assert items
    mine = summarize(items, as_of=as_of, group_by="region")
    theirs = services.summarize(store, as_of=as_of, region=region, pillar=pillar, group_by="region")
    assert (mine.groups, mine.total) == (theirs.groups, theirs.total)
    assert [i.code for i in mine.attention] == [i.code for i in theirs.attention]


def test_without_departments_only_the_departments_are_missing(store: services.Store) -> None:
    as_of = date(2025, 12, 31)
    full = statuses_from_file(store, as_of=as_of)
    lean = statuses_from_file(store, as_of=as_of, departments=False)
    assert [i.row._replace(lead=(), responsible=()) for i in full] == [i.row for i in lean]
    assert [i.verdict for i in full] == [i.verdict for i in lean]


def test_anything_but_a_current_sqlite_file_is_left_to_the_engine(
    tmp_path: Path, db_path: Path
) -> None:
    def read_directly(url: str) -> bool:
        with sqlite_snapshot(url) as connection:
            return connection is not None

    assert read_directly(f"sqlite:///{db_path}")
    assert not read_directly(f"sqlite:///{tmp_path / 'absent.db'}")
    assert not read_directly("postgresql+psycopg://u@localhost/x")
    assert not read_directly(f"sqlite:///{db_path}?mode=ro")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert not read_directly(f"sqlite:///{garbage}")
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0001'")
    assert not read_directly(f"sqlite:///{db_path}")


def test_a_store_read_through_the_engine_is_opened_and_handed_back(
    db_path: Path, engine_only: None
) -> None:
    board = services.read_status_board(f"sqlite:///{db_path}", as_of=date(2025, 12, 31))
    assert board.store is not None and board.statuses and board.reference.regions


def test_the_summary_of_a_file_loads_no_sqlalchemy(db_path: Path) -> None:
    code = (
        "import sys\n"
        "from tracker.cli.main import app\n"
        f"sys.argv = ['tracker', 'summary', '--db', {str(db_path)!r}]\n"
        "try:\n    app()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('loaded:' + ','.join(m for m in ('sqlalchemy', 'sqlmodel', 'pandas', 'textual')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "合计" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "loaded:"
