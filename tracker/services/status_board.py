"""The status board of any store: every indicator's verdict, the reference lists and the
change marker, read at one moment.

This is the one place that decides how the board is read. A plain SQLite file at the current
schema is read through `sqlite3` in one read transaction, so `tracker summary` and the TUI's
first screen start without loading SQLAlchemy (it takes longer to load than the whole read);
anything else is read on the engine's own DB-API connection. Both run the same query
(tracker.storage.status_read) and judge with the store's thresholds.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tracker.domain.status_board import (
    Board,
    IndicatorStatus,
    Reference,
    judge_all,
    within,
)
from tracker.domain.status_facts import DEFAULT_THRESHOLDS, Thresholds
from tracker.storage.sqlite_snapshot import sqlite_snapshot
from tracker.storage.status_read import read_board, read_reference, read_sqlite_marker

if TYPE_CHECKING:
    from tracker.services.store import Store


class StatusBoard(NamedTuple):
    """Every indicator's verdict, the regions, pillars and documents, and the change marker,
    with the store the read opened or was given (None when only the file was read)."""

    statuses: list[IndicatorStatus]
    reference: Reference
    marker: tuple[int, int]
    store: Store | None


def read_status_board(
    source: Store | str,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    departments: bool = True,
    create: bool = False,
    thresholds: Thresholds | None = None,
) -> StatusBoard:
    """The board of `source` (an opened store, or a store's URL, opened only when its file
    cannot be read directly, and created when absent with `create`), optionally for one
    region (with its sub-regions) or one pillar, without the departments when `departments`
    is false. Verdicts use the store's thresholds (`thresholds` for a URL read from its file)."""
    given = None if isinstance(source, str) else source
    url = source if isinstance(source, str) else source.url
    limits = given.thresholds if given is not None else thresholds or DEFAULT_THRESHOLDS
    with sqlite_snapshot(url) as connection:
        if connection is not None:
            marker = read_sqlite_marker(connection)
            reference = read_reference(connection)
            board = read_board(connection, as_of=as_of, paramstyle="qmark", departments=departments)
            store = given
    if connection is None:
        store = given if given is not None else _open(url, create=create)
        limits = store.thresholds
        board, reference, marker = _read_with_engine(store, as_of=as_of, departments=departments)
    rows = within(board, region=region, pillar=pillar)
    return StatusBoard(judge_all(rows, as_of, limits), reference, marker, store)


def _open(url: str, *, create: bool) -> Store:
    # SQLAlchemy is loaded only for a store the file read cannot serve.
    from tracker.services.seeding import open_store

    return open_store(url, create=create)


def _read_with_engine(
    store: Store, *, as_of: date, departments: bool
) -> tuple[Board, Reference, tuple[int, int]]:
    # SQLAlchemy is loaded only for a store the file read cannot serve.
    from tracker.storage import queries
    from tracker.storage.engine import reading

    with reading(store.engine) as session:
        marker = queries.change_marker(session=session)
        reference = queries.reference(session=session)
        board = queries.board(session=session, as_of=as_of, departments=departments)
    return board, reference, marker
