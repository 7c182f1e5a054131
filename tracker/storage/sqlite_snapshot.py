"""A read transaction on a plain SQLite file through `sqlite3`, for the reads that need not
load SQLAlchemy; None for any store the engine must read instead."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from tracker.errors import DamagedStoreError
from tracker.storage import HEAD_REVISION
from tracker.storage.files import (
    damaged_message,
    first_line,
    is_malformed,
    network_filesystem,
    plain_sqlite_file,
    record_damage,
)

BUSY_TIMEOUT_S = 10.0  # as long as the engine waits (storage/engine.py)


@contextmanager
def sqlite_snapshot(url: str) -> Iterator[sqlite3.Connection | None]:
    """A `sqlite3` read transaction on the store at `url` when it is a plain SQLite file at
    the current schema; None for anything else (PostgreSQL, a missing or older file, a
    network filesystem, a file that is not a database), which the engine then reads. A file
    found damaged while read is recorded as such and refused (DamagedStoreError)."""
    path = plain_sqlite_file(url)
    if path is None or not path.is_file() or network_filesystem(path):
        yield None
        return
    try:
        connection = _open_snapshot(path, HEAD_REVISION)
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


def _open_snapshot(path: Path, revision: str) -> sqlite3.Connection | None:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if found != [(revision,)]:
        connection.close()
        return None
    return connection
