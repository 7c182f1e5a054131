"""The status board read straight from an embedded store's file, without SQLAlchemy.

`tracker summary` only reads, and loading SQLAlchemy and SQLModel costs more than the whole
read; on a plain SQLite file at the current schema it reads the board through `sqlite3` in one
read transaction. Anything else (PostgreSQL, a missing or older file, a network filesystem)
gets None, and the caller opens the store the full way, which creates, migrates or explains.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

from tracker.collector import collector_paused
from tracker.domain.board import IndicatorStatus, judge_all, within
from tracker.storage import HEAD_REVISION
from tracker.storage.board import open_sqlite_snapshot, read_board
from tracker.storage.files import network_filesystem, plain_sqlite_file


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
    path = plain_sqlite_file(url)
    if path is None or not path.is_file() or network_filesystem(path):
        return None
    try:
        connection = open_sqlite_snapshot(path, HEAD_REVISION)
    except sqlite3.Error:
        return None
    if connection is None:
        return None
    try:
        with collector_paused(), closing(connection):
            board = read_board(connection, as_of=as_of, paramstyle="qmark", departments=departments)
            return judge_all(within(board, region=region, pillar=pillar), as_of)
    except sqlite3.Error:
        return None
