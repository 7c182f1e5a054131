"""Shared fixtures: each test gets its own seeded SQLite database under tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker import services
from tracker.storage.engine import make_engine

SEEDS = Path(__file__).resolve().parents[1] / "seed_data" / "documents"

# PostgreSQL server fixtures (pg_server, pg_url, backend_url, ...).
pytest_plugins = ["tests.pg_server"]


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database per test session, copied for each test (seeding takes a second)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = services.open_store(f"sqlite:///{path}")
    store.engine.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, seeded_template: Path) -> Path:
    """A fresh copy of the seeded database for this test."""
    path = tmp_path / "tracker.db"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def db_url(db_path: Path) -> str:
    """The URL of this test's seeded database."""
    return f"sqlite:///{db_path}"


@pytest.fixture
def store(db_url: str) -> Iterator[services.Store]:
    """This test's seeded store."""
    opened = services.open_store(db_url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    """A URL where no database exists yet."""
    return f"sqlite:///{tmp_path / 'empty.db'}"


def table_counts(url: str) -> dict[str, int]:
    """Row counts of every table: a database 'exactly as before' has the same counts."""
    import sqlalchemy as sa

    engine = make_engine(url, create=False)
    with engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        counts = {
            n: connection.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar_one()
            for n in names
        }
    engine.dispose()
    return counts


def dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, for exact before/after comparisons."""
    import sqlalchemy as sa

    engine = make_engine(url, create=False)
    with engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        rows = {
            n: sorted(
                tuple(map(str, r)) for r in connection.execute(sa.text(f'SELECT * FROM "{n}"'))
            )
            for n in names
        }
    engine.dispose()
    return rows  # type: ignore[return-value]
