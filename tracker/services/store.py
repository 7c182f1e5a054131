"""Opening a store, creating its schema and loading the seed data; what every write is
stamped with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from tracker.config import seeds_dir
from tracker.domain.schemas import check_actor
from tracker.domain.status import Thresholds
from tracker.storage import mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import make_engine, mask_url, writing
from tracker.storage.schema import check_current, read_schema, refuse_foreign, refuse_newer

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


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the store at `url`. With `create`, an absent or empty database is created and
    seeded first; without it, a missing SQLite store is refused (StoreMissingError).

    A directory, a database of another program and a store made by a newer tracker are
    refused, each saying so; so is a store at an older revision (`tracker db upgrade`).
    """
    store = Store(url, make_engine(url, create=create))
    revision, tables = read_schema(store.engine)
    refuse_foreign(revision, tables, store.where)
    if revision is None and create:
        initialize(store)
        return store
    check_current(revision, store.where)
    return store


def create_store(url: str, *, figures: bool = True) -> tuple[Store, dict[str, int]]:
    """`tracker init`: create the store at `url` if it is absent, migrate it to the newest
    schema and load the seed data (with `figures=False` only the reference tables); running
    it again changes nothing. A database that is not a tracker store is left as it is."""
    from tracker.storage.migrate import upgrade

    store = Store(url, make_engine(url, create=True))
    revision, tables = read_schema(store.engine)
    refuse_foreign(revision, tables, store.where)
    refuse_newer(revision, store.where)
    upgrade(store.engine)
    return store, load_seeds(store, figures=figures)


def initialize(store: Store) -> dict[str, int]:
    """Migrate to the newest schema and load the seed data; running it again changes nothing."""
    from tracker.storage.migrate import upgrade

    upgrade(store.engine)
    return load_seeds(store)


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
    import sqlalchemy as sa

    from tracker.errors import DamagedStoreError, TrackerError
    from tracker.storage.engine import sqlite_path
    from tracker.storage.files import clear_damage, first_line, record_damage

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


def load_seeds(store: Store, folder: Path | None = None, *, figures: bool = True) -> dict[str, int]:
    """Load the seed files through the same importers users' files go through.

    With `figures=False` only the reference tables (documents, regions, pillars) are loaded.
    """
    from tracker.importers import reference
    from tracker.importers.tables import read_table
    from tracker.services.importing import import_file  # it opens stores too: imported here

    folder = folder or seeds_dir()
    ctx = context("seed", "seed")
    counts: Counter[str] = Counter()
    with writing(store.engine) as session:
        for name, parse in (
            ("documents", reference.parse_documents),
            ("regions", reference.parse_regions),
            ("pillars", reference.parse_pillars),
        ):
            for row in parse(read_table(folder / f"{name}.csv")):
                counts[mutations.upsert_reference(session=session, ctx=ctx, row=row)] += 1
        if (folder / "programmes.csv").is_file():
            for programme in reference.parse_programmes(
                read_table(folder / "programmes.csv"),
                documents={d.id for d in queries.documents(session=session)},
            ):
                counts[mutations.upsert_reference(session=session, ctx=ctx, row=programme)] += 1
    for name in ("indicators", "observations", "milestones") if figures else ():
        if name == "milestones" and not (folder / "milestones.csv").is_file():
            continue
        report = import_file(
            store, folder / f"{name}.csv", actor="seed", origin="seed", accept_outliers=True
        )
        counts.update({"new": report.new, "changed": report.changed, "unchanged": report.unchanged})
    return dict(counts)
