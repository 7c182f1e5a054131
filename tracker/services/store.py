"""Opening a store, creating its schema and loading the seed data; what every write is
stamped with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from tracker.config import seeds_dir
from tracker.domain.status import Thresholds
from tracker.storage import mutations, queries
from tracker.storage.audit import WriteContext
from tracker.storage.engine import make_engine, mask_url, writing
from tracker.storage.schema import check_current, revision_of

MAX_REPORTED_ERRORS = 100


def now() -> datetime:
    """The time stamped on changes, in UTC."""
    return datetime.now(UTC)


def context(actor: str, origin: str) -> WriteContext:
    """A write context stamped now."""
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
    """Open the store at `url`; an absent or empty database is created and seeded first."""
    store = Store(url, make_engine(url, create=create))
    revision = revision_of(store.engine)
    if revision is None and create:
        initialize(store)
        return store
    check_current(revision, store.where)
    return store


def initialize(store: Store) -> dict[str, int]:
    """Migrate to the newest schema and load the seed data; running it again changes nothing."""
    from tracker.storage.migrate import upgrade

    upgrade(store.engine)
    return load_seeds(store)


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
            for row in reference.parse_programmes(
                read_table(folder / "programmes.csv"),
                documents={d.id for d in queries.documents(session=session)},
            ):
                counts[mutations.upsert_reference(session=session, ctx=ctx, row=row)] += 1
    for name in ("indicators", "observations", "milestones") if figures else ():
        if name == "milestones" and not (folder / "milestones.csv").is_file():
            continue
        report = import_file(
            store, folder / f"{name}.csv", actor="seed", origin="seed", accept_outliers=True
        )
        counts.update({"new": report.new, "changed": report.changed, "unchanged": report.unchanged})
    return dict(counts)
