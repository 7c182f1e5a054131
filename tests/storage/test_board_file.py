"""The summary's read straight from the SQLite file gives what the store gives, or steps aside."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tracker import services
from tracker.board import statuses_from_file
from tracker.domain.board import summarize
from tracker.domain.vocab import Comparator, DeadlineBasis, MilestoneState

DATES = [date(2024, 6, 30), date(2025, 12, 31), date(2026, 11, 22)]


@pytest.mark.parametrize("as_of", DATES)
def test_the_file_read_gives_every_status_the_store_gives(
    store: services.Store, as_of: date
) -> None:
    services.flag(
        store,
        code="SYMC-GOV-CROSS-REGION-ITEMS",
        level=services.FlagLevel.WATCH,
        reason="核对",
        actor="t",
        origin="test",
    )
    expected = services.statuses(store, as_of=as_of)
    assert statuses_from_file(store.url, as_of=as_of) == expected
    assert any(item.row.flag for item in expected) and any(item.row.lead for item in expected)


def test_every_row_read_has_each_of_its_fields(store: services.Store) -> None:
    # The rows are built as plain tuples of their fields in order (see storage/board.py):
    # each must have them all, and in the types the engine's own constructors would give.
    items = services.statuses(store, as_of=date(2025, 12, 31))
    facts = [item.row.facts for item in items]
    points = [p for f in facts for p in (f.baseline, *f.actuals) if p is not None]
    targets = [t for f in facts for t in f.targets]
    for built in [*[i.row for i in items], *facts, *points, *targets, *items]:
        assert len(built) == len(type(built)._fields)
        assert type(built)(*built) == built
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
    items = statuses_from_file(store.url, as_of=as_of, region=region, pillar=pillar)
    assert items is not None and items
    mine = summarize(items, as_of=as_of, group_by="region")
    theirs = services.summarize(store, as_of=as_of, region=region, pillar=pillar, group_by="region")
    assert (mine.groups, mine.total) == (theirs.groups, theirs.total)
    assert [i.code for i in mine.attention] == [i.code for i in theirs.attention]


def test_without_departments_only_the_departments_are_missing(store: services.Store) -> None:
    as_of = date(2025, 12, 31)
    full = statuses_from_file(store.url, as_of=as_of)
    lean = statuses_from_file(store.url, as_of=as_of, departments=False)
    assert full is not None and lean is not None
    assert [i.row._replace(lead=(), responsible=()) for i in full] == [i.row for i in lean]
    assert [i.verdict for i in full] == [i.verdict for i in lean]


def test_anything_but_a_current_sqlite_file_is_left_to_the_store(
    tmp_path: Path, db_path: Path
) -> None:
    as_of = date(2025, 12, 31)
    assert statuses_from_file(f"sqlite:///{tmp_path / 'absent.db'}", as_of=as_of) is None
    assert statuses_from_file("postgresql+psycopg://u@localhost/x", as_of=as_of) is None
    assert statuses_from_file(f"sqlite:///{db_path}?mode=ro", as_of=as_of) is None
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert statuses_from_file(f"sqlite:///{garbage}", as_of=as_of) is None
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0001'")
    assert statuses_from_file(f"sqlite:///{db_path}", as_of=as_of) is None


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
