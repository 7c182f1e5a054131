"""An opened store, what every write is stamped with, and `tracker db check`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tracker.domain.schemas import check_actor
from tracker.domain.status import Thresholds
from tracker.errors import DamagedStoreError, TrackerError
from tracker.storage.audit import WriteContext
from tracker.storage.engine import make_engine, mask_url, sqlite_path
from tracker.storage.files import clear_damage, first_line, record_damage
from tracker.storage.migrate import upgrade
from tracker.storage.schema import read_schema, refuse_foreign, refuse_newer, revision_of

MAX_REPORTED_ERRORS = 100


def now() -> datetime:
    """The time stamped on changes, in UTC."""
    return datetime.now(UTC)


def context(actor: str, origin: str) -> WriteContext:
    """A write context stamped now (a user name or origin no database would store is refused)."""
    check_actor(actor, origin)
    return WriteContext(actor=actor, origin=origin, now=now())


@dataclass
class Store:
    """An opened indicator store."""

    url: str
    engine: Engine
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def where(self) -> str:
        """The URL with the password hidden."""
        return mask_url(self.url)


def upgrade_store(url: str, revision: str = "head") -> str | None:
    """`tracker db upgrade`: migrate the store at `url` to `revision`; the revision reached.
    A database of another program and a store made by a newer tracker are refused."""
    engine = make_engine(url, create=False)
    found, tables = read_schema(engine)
    refuse_foreign(found, tables, mask_url(url))
    refuse_newer(found, mask_url(url))
    from alembic.util.exc import CommandError  # only to migrate (see storage.migrate)

    try:
        upgrade(engine, revision)
    except CommandError as exc:
        raise TrackerError(f"{mask_url(url)}: {exc}") from None
    return revision_of(engine)


def store_revision(url: str) -> str | None:
    """The schema revision of the store at `url`; None for an absent or empty database
    (asking never creates the file)."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None
    return revision_of(make_engine(url, create=False))


@dataclass(frozen=True)
class CheckReport:
    """What `tracker db check` found: SQLite's integrity findings and broken references."""

    where: str
    integrity: list[str]
    foreign_keys: list[str]

    @property
    def sound(self) -> bool:
        """Whether nothing was found wrong."""
        return not self.integrity and not self.foreign_keys


def check_store(url: str, *, limit: int = MAX_REPORTED_ERRORS) -> CheckReport:
    """Run SQLite's integrity check and foreign key check on the store at `url` (read only).

    Damage found is remembered beside the store, so that writes are refused until a later
    check passes; a check that passes forgets it.
    """
    path = sqlite_path(url)
    if path is None:
        raise TrackerError(
            f"{mask_url(url)}: tracker db check is for SQLite stores; PostgreSQL checks its"
            " own pages and enforces every reference as it writes"
        )
    engine = make_engine(url, create=False)
    integrity: list[str] = []
    references: list[str] = []
    try:
        with engine.connect() as connection:
            found = connection.exec_driver_sql(f"PRAGMA integrity_check({limit})")
            lines = (line for row in found for line in str(row[0]).splitlines())
            integrity = [line for line in lines if line not in ("ok", "*** in database main ***")]
            for table, rowid, parent, _key in connection.exec_driver_sql(
                "PRAGMA foreign_key_check"
            ):
                references.append(f"{table} row {rowid} refers to a missing {parent} row")
    except DamagedStoreError as exc:  # so damaged that the check itself cannot go on
        integrity = integrity or [exc.finding]
    except sa.exc.DatabaseError as exc:
        integrity = [first_line(exc.orig or exc)]
    finally:
        engine.dispose()
    report = CheckReport(mask_url(url), integrity, references[:limit])
    if report.sound:
        clear_damage(path)
    else:
        record_damage(path, (integrity + references)[0])
    return report
