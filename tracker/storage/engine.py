"""Engine and session factories; SQLite is opened in WAL mode with IMMEDIATE write transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.errors import (
    DamagedStoreError,
    PermissionDeniedError,
    ReadOnlyStoreError,
    TrackerError,
)
from tracker.storage.files import (
    damage_found,
    damaged_message,
    first_line,
    is_malformed,
    network_filesystem,
    read_only_reason,
    record_damage,
    require_store_file,
)

BUSY_TIMEOUT_MS = 10_000
BUSY_RETRIES = 3  # write transactions that found the lock taken for a whole busy timeout


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
    """Build an engine for `url`; nothing connects until a session is used.

    A SQLite store's file is opened by SQLite alone: a missing one is created empty (readable
    by its owner only) when `create` is set and refused otherwise; a store this process may
    read but not change is opened read-only, and every write on it is refused.
    """
    path = sqlite_path(url)
    if path is None:
        engine = sa.create_engine(url, pool_pre_ping=True)
        event.listen(engine, "handle_error", _connect_refusal)
        return engine
    refuse_network_filesystem(path)
    if create and not path.exists():
        create_private_file(path)
    require_store_file(path)
    read_only = read_only_reason(path)
    engine = sa.create_engine(
        url,
        creator=partial(_connect_sqlite, path.absolute(), read_only=bool(read_only)),
        execution_options={"tracker_store": str(path), "tracker_read_only": read_only},
    )
    event.listen(engine, "begin", _sqlite_on_begin)
    event.listen(engine, "handle_error", _sqlite_error)
    return engine


def _connect_refusal(context: sa.engine.ExceptionContext) -> TrackerError | None:
    # A database that cannot be reached is one clear line naming it, password hidden, at
    # whichever command first connects (no traceback; the driver's text has no password).
    if context.connection is not None or context.engine is None:
        return None
    text = str(context.original_exception).strip()
    reason = text.splitlines()[0] if text else type(context.original_exception).__name__
    return TrackerError(f"cannot connect to {mask_url(context.engine.url)}: {reason}")


def _sqlite_error(context: sa.engine.ExceptionContext) -> TrackerError | None:
    # SQLite finding the file malformed is said once, the same way wherever it happens, and
    # remembered beside the store so that no later write makes the damage worse.
    if context.engine is not None and is_malformed(context.original_exception):
        store = Path(context.engine.get_execution_options()["tracker_store"])
        finding = first_line(context.original_exception)
        record_damage(store, finding)
        return DamagedStoreError(damaged_message(store, finding), finding=finding)
    return _connect_refusal(context)


def refuse_write(engine: Engine) -> None:
    """Refuse, before anything is written, a write to a SQLite store this process may not
    change or that was found damaged."""
    options = engine.get_execution_options()
    if "tracker_store" not in options:
        return
    store = Path(options["tracker_store"])
    if options["tracker_read_only"]:
        raise ReadOnlyStoreError(
            f"{store} is read-only: {options['tracker_read_only']}; it can be read, but"
            " nothing was written."
        )
    finding = damage_found(store)
    if finding is not None:
        raise DamagedStoreError(damaged_message(store, finding), finding=finding)


def create_private_file(path: Path) -> None:
    """Create a new, empty database file readable by its owner only.

    Only a file that does not exist yet is opened (O_EXCL): closing a descriptor of a store
    would drop every lock this process's SQLite connections hold on it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # made meanwhile: it is SQLite's to open
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))


def refuse_network_filesystem(path: Path) -> None:
    """Refuse a database on NFS/SMB: WAL needs shared memory that those cannot provide."""
    fstype = network_filesystem(path)
    if fstype:
        raise TrackerError(
            f"{path} is on a network filesystem ({fstype}); SQLite's WAL mode does not work"
            " there. Keep the file on a local disk, or use a PostgreSQL server"
            " (TRACKER_DATABASE_URL=postgresql+psycopg://...)."
        )


def _connect_sqlite(path: Path, *, read_only: bool) -> sqlite3.Connection:
    # mode=rw: SQLite never creates a store behind tracker's back; mode=ro for a store this
    # process may not change. SQLite cannot start WAL's shared memory in a folder it may not
    # write, so there, when no writer has made it, the file is read as it stands (immutable).
    uri = f"{path.as_uri()}?mode={'ro' if read_only else 'rw'}"
    shm = path.with_name(path.name + "-shm")
    if read_only and not os.access(path.parent, os.W_OK | os.X_OK) and not shm.exists():
        uri += "&immutable=1"
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    # The driver's own transaction handling is turned off so that `begin` below decides.
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


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
            # A read waits only for a lock that stops readers (a table some role locked); it
            # gives up after the same timeout as a write and names who holds the lock.
            session.execute(sa.text(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'"))
            try:
                yield session
            except Exception as exc:
                # The fast read paths use the driver's cursor: its errors come unwrapped.
                if not is_busy(exc):
                    raise
                session.rollback()
                holders = lock_holders(session)
                session.rollback()
                raise busy_error(holders, wrote=False) from exc


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A short write transaction (BEGIN IMMEDIATE on SQLite, the region gates on PostgreSQL),
    committed when the block ends; a write the database refuses becomes a TrackerError."""
    refuse_write(engine)
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
                if engine.dialect.name == "postgresql" and is_busy(exc):
                    holders = lock_holders(session)
                    session.rollback()
                    if holders:
                        raise busy_error(holders, wrote=True) from exc
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
    # Writers go one at a time per region, as BEGIN IMMEDIATE makes them on SQLite: a
    # mutation reads the current rows and then writes, and two writers of the same indicator
    # must not interleave. Each writer locks, in one order (so two never deadlock), the gate
    # row of every region it may write (migration 0004). Row security lets a role lock only
    # those gates, so a lock any role can take (an advisory key, a whole table) stops nobody:
    # a coordinator can delay only the writers of their own regions, and then only for
    # lock_timeout, after which the message names them. Two writers that may both write a
    # region share its gate; writers of disjoint regions cannot touch the same indicator
    # (row security), and what they may share (a new department's or indicator's unique name)
    # is guarded by a unique constraint. A write that waits longer than lock_timeout for any
    # lock (a gate, a row, a table an administrator locked) fails and names who holds it.
    session.execute(sa.text(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'"))
    session.execute(sa.text("SELECT 1 FROM write_gate ORDER BY region_code FOR UPDATE")).all()


class LockHolder(NamedTuple):
    """Another session holding locks on the tracker's tables."""

    role: str
    pid: int
    state: str | None
    since: datetime | None
    tables: str

    def __str__(self) -> str:
        how = (
            f"{self.state} since {self.since:%Y-%m-%d %H:%M:%S}"
            if self.state and self.since
            else "in a transaction"
        )
        return f"role {self.role} (pid {self.pid}, {how}) holds {self.tables}"


def lock_holders(session: Session) -> list[LockHolder]:
    """Other sessions holding locks a writer may wait for on the tracker's tables (anything
    but plain reading: row locks, writes, LOCK TABLE), longest-held first."""
    rows = session.execute(
        sa.text(
            "SELECT a.usename, a.pid, a.state, a.xact_start,"
            " string_agg(DISTINCT c.relname || ' (' || l.mode || ')', ', ')"
            " FROM pg_catalog.pg_locks l"
            " JOIN pg_catalog.pg_class c ON c.oid = l.relation"
            " JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()"
            " AND l.mode <> 'AccessShareLock' AND c.relkind = 'r'"
            " AND c.relnamespace = pg_catalog.current_schema()::regnamespace"
            " GROUP BY a.usename, a.pid, a.state, a.xact_start"
            " ORDER BY a.xact_start NULLS LAST, a.pid"
        )
    ).all()
    return [LockHolder(str(r[0]), int(r[1]), r[2], r[3], str(r[4])) for r in rows]


def is_busy(exc: BaseException) -> bool:
    """Whether the database gave up waiting for another session's lock (a SQLAlchemy error or
    the driver's own)."""
    orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    return getattr(orig, "sqlstate", None) == "55P03" or "database is locked" in str(orig)


def busy_error(holders: list[LockHolder], *, wrote: bool) -> TrackerError:
    """The error for a PostgreSQL statement that waited too long for locks `holders` hold."""
    said = "; ".join(str(h) for h in holders) or "no session holds it any more"
    ends = "; ".join(f"SELECT pg_terminate_backend({h.pid})" for h in holders)
    ask = f", or ask an administrator to end that session ({ends})" if holders else ""
    return TrackerError(
        "the database stayed busy for longer than tracker waits for a lock"
        f" ({BUSY_TIMEOUT_MS / 1000:g} s): {said}"
        f"{'; nothing was written' if wrote else ''}. Try again{ask}."
    )


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
