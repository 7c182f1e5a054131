"""Engine and session factories; SQLite is opened in WAL mode with IMMEDIATE write transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.errors import PermissionDeniedError, TrackerError
from tracker.storage.files import network_filesystem

BUSY_TIMEOUT_MS = 10_000
BUSY_RETRIES = 3  # write transactions that found the lock taken for a whole busy timeout
PG_WRITE_LOCK = 0x74726B72  # "trkr": the advisory lock writers take on PostgreSQL


def mask_url(url: str | sa.URL) -> str:
    """The URL with its password hidden, for logs and messages."""
    return sa.make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, *, create: bool = True) -> Engine:
    """Build an engine for `url`; nothing connects until a session is used."""
    path = sqlite_path(url)
    if path is None:
        engine = sa.create_engine(url, pool_pre_ping=True)
        event.listen(engine, "handle_error", _connect_refusal)
        return engine
    refuse_network_filesystem(path)
    if create:
        create_private_file(path)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    event.listen(engine, "handle_error", _connect_refusal)
    return engine


def _connect_refusal(context: sa.engine.ExceptionContext) -> TrackerError | None:
    # A database that cannot be reached is one clear line naming it, password hidden, at
    # whichever command first connects (no traceback; the driver's text has no password).
    if context.connection is not None or context.engine is None:
        return None
    text = str(context.original_exception).strip()
    reason = text.splitlines()[0] if text else type(context.original_exception).__name__
    return TrackerError(f"cannot connect to {mask_url(context.engine.url)}: {reason}")


def create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, if it does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)


def refuse_network_filesystem(path: Path) -> None:
    """Refuse a database on NFS/SMB: WAL needs shared memory that those cannot provide."""
    fstype = network_filesystem(path)
    if fstype:
        raise TrackerError(
            f"{path} is on a network filesystem ({fstype}); SQLite's WAL mode does not work"
            " there. Keep the file on a local disk, or use a PostgreSQL server"
            " (TRACKER_DATABASE_URL=postgresql+psycopg://...)."
        )


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is turned off so that `begin` below decides.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: sa.Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("tracker_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session for reads; its snapshot ends when the block does."""
    if engine.dialect.name != "postgresql":
        with Session(engine, expire_on_commit=False) as session:
            yield session
        return
    # PostgreSQL's default gives each statement its own snapshot; a listing made of several
    # queries must see one state of the store, as a SQLite read transaction does.
    with engine.connect() as connection:
        connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with Session(bind=connection, expire_on_commit=False) as session:
            yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A short write transaction (BEGIN IMMEDIATE on SQLite, the writers' lock on PostgreSQL),
    committed when the block ends; a write the database refuses becomes a TrackerError."""
    with engine.connect() as connection:
        connection.execution_options(tracker_write=True)
        with Session(bind=connection, expire_on_commit=False) as session:
            session.begin()
            try:
                _start_write(session, engine.dialect.name)
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                refused = database_refusal(exc)
                if refused is None:
                    raise
                raise refused from exc


def _start_write(session: Session, dialect: str) -> None:
    # Take the write lock before the caller reads anything. Should another writer hold it for
    # longer than the busy timeout (a very large import), try again a few times: nothing has
    # been read or written yet, so starting over is safe.
    for attempt in range(1, BUSY_RETRIES + 1):
        try:
            session.connection()  # SQLite: BEGIN IMMEDIATE, waiting up to busy_timeout
            if dialect == "postgresql":
                _pg_take_write_lock(session)
            return
        except sa.exc.OperationalError as exc:
            if not is_busy(exc) or attempt == BUSY_RETRIES:
                raise
            session.rollback()
            session.begin()


def _pg_take_write_lock(session: Session) -> None:
    # Writers go one at a time, as BEGIN IMMEDIATE makes them on SQLite: every mutation reads
    # the current rows and then writes, and two of them must not interleave. The lock is per
    # database and ends with the transaction; the wait is bounded like SQLite's busy_timeout.
    session.execute(sa.text(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'"))
    session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})


def is_busy(exc: sa.exc.DBAPIError) -> bool:
    """Whether the database gave up waiting for another writer's lock."""
    code = getattr(exc.orig, "sqlstate", None)
    return code == "55P03" or "database is locked" in str(exc.orig)


def database_refusal(exc: BaseException) -> TrackerError | None:
    """The TrackerError for a write the database refused or could not start in time, else None."""
    if not isinstance(exc, sa.exc.DBAPIError) or exc.orig is None:
        return None
    code = getattr(exc.orig, "sqlstate", None)
    text = str(exc.orig).strip()
    reason = text.splitlines()[0] if text else type(exc.orig).__name__
    if code == "42501":
        return PermissionDeniedError(
            f"permission denied by the database: {reason}. Nothing was written."
        )
    if is_busy(exc):
        return TrackerError(
            "the database stayed busy with another change for longer than tracker waits"
            f" ({BUSY_RETRIES} x {BUSY_TIMEOUT_MS / 1000:g} s); nothing was written, try again."
        )
    return None
