"""Opening a store: creating its schema and loading the seed data through the importers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tracker.config import seeds_dir
from tracker.importers import reference
from tracker.importers.tables import read_table
from tracker.services.importing import import_file
from tracker.services.store import Store, context
from tracker.storage import mutations, queries
from tracker.storage.engine import make_engine, writing
from tracker.storage.migrate import upgrade
from tracker.storage.schema import check_current, read_schema, refuse_foreign, refuse_newer


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
    store = Store(url, make_engine(url, create=True))
    revision, tables = read_schema(store.engine)
    refuse_foreign(revision, tables, store.where)
    refuse_newer(revision, store.where)
    upgrade(store.engine)
    return store, load_seeds(store, figures=figures)


def initialize(store: Store) -> dict[str, int]:
    """Migrate to the newest schema and load the seed data; running it again changes nothing."""
    upgrade(store.engine)
    return load_seeds(store)


def load_seeds(store: Store, folder: Path | None = None, *, figures: bool = True) -> dict[str, int]:
    """Load the seed files through the same importers users' files go through.

    With `figures=False` only the reference tables (documents, regions, pillars) are loaded.
    Everything is one transaction and one change set (origin `seed`); loading again changes
    nothing and opens none.
    """
    folder = folder or seeds_dir()
    ctx = context("seed", "seed")
    ctx.command = "seed"
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
                store,
                folder / f"{name}.csv",
                actor="seed",
                origin="seed",
                accept_outliers=True,
                within=(session, ctx),
            )
            counts.update(
                {"new": report.new, "changed": report.changed, "unchanged": report.unchanged}
            )
    return dict(counts)
