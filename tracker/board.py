"""The status board read straight from an embedded store's file, without SQLAlchemy.

`tracker summary` and the TUI's first screen only read, and loading SQLAlchemy and SQLModel
costs more than the whole read; on a plain SQLite file at the current schema they read the
board through `sqlite3` in one read transaction. Anything else (PostgreSQL, a missing or older
file, a network filesystem, a file that is not a database) gets None, and the caller opens the
store the full way, which creates, migrates or explains.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from typing import NamedTuple

from tracker.collector import collector_paused
from tracker.domain.board import IndicatorStatus, Reference, judge_all, within
from tracker.errors import DamagedStoreError
from tracker.storage import HEAD_REVISION
from tracker.storage.board import (
    open_sqlite_snapshot,
    read_board,
    read_reference,
    read_sqlite_marker,
)
from tracker.storage.files import (
    damaged_message,
    first_line,
    is_malformed,
    network_filesystem,
    plain_sqlite_file,
    record_damage,
)


class Snapshot(NamedTuple):
    """What the TUI's first screen shows, read at one moment."""

    statuses: list[IndicatorStatus]
    reference: Reference
    marker: tuple[int, int]


def readable_file(url: str) -> bool:
    """Whether `url` is a plain SQLite file at the current schema that these reads can use."""
    with _snapshot(url) as connection:
        return connection is not None


def statuses_from_file(
    url: str,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    departments: bool = True,
) -> list[IndicatorStatus] | None:
    """Every indicator's verdict as `services.statuses` gives it (without the departments
    when `departments` is false), or None when the URL is not a plain SQLite file at the
    current schema."""
    with collector_paused(), _snapshot(url) as connection:
        if connection is None:
            return None
        board = read_board(connection, as_of=as_of, paramstyle="qmark", departments=departments)
        return judge_all(within(board, region=region, pillar=pillar), as_of)


def snapshot_from_file(url: str, *, as_of: date) -> Snapshot | None:
    """Every indicator's verdict, the reference lists and the change marker as the services
    give them, in one read; None as for `statuses_from_file`."""
    with collector_paused(), _snapshot(url) as connection:
        if connection is None:
            return None
        marker = read_sqlite_marker(connection)
        reference = read_reference(connection)
        board = read_board(connection, as_of=as_of, paramstyle="qmark")
        return Snapshot(judge_all(board.rows, as_of), reference, marker)


@contextmanager
def _snapshot(url: str) -> Iterator[sqlite3.Connection | None]:
    path = plain_sqlite_file(url)
    if path is None or not path.is_file() or network_filesystem(path):
        yield None
        return
    try:
        connection = open_sqlite_snapshot(path, HEAD_REVISION)
    except sqlite3.Error:
        connection = None
    if connection is None:
        yield None
        return
    with closing(connection):
        try:
            yield connection
        except sqlite3.DatabaseError as exc:
            if not is_malformed(exc):
                raise
            record_damage(path, first_line(exc))
            raise DamagedStoreError(
                damaged_message(path, first_line(exc)), finding=first_line(exc)
            ) from None
