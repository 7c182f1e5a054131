"""The schema revision this code needs, checked without importing Alembic (keeps start-up fast),
and what a database holds: a tracker store, an empty database, or something else."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tracker.errors import NotAStoreError, SchemaError, TrackerError
from tracker.storage import HEAD_REVISION

# Every table a revision of tracker creates; anything else belongs to someone else.
TRACKER_TABLES = frozenset(
    {
        "alembic_version",
        "audit_event",
        "change_set",
        "department",
        "document",
        "flag",
        "indicator",
        "indicator_department",
        "milestone",
        "observation",
        "pillar",
        "programme",
        "region",
    }
)


def revision_of(engine: Engine) -> str | None:
    """The database's Alembic revision; None when it has no schema yet.

    A database that cannot be reached is a TrackerError naming it with its password hidden.
    """
    return read_schema(engine)[0]


def read_schema(engine: Engine) -> tuple[str | None, frozenset[str]]:
    """The database's Alembic revision (None without one) and the names of its tables."""
    try:
        with engine.connect() as connection:
            tables = frozenset(sa.inspect(connection).get_table_names())
            if "alembic_version" not in tables:
                return None, tables
            found = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            return found.scalar(), tables
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else str(exc)
        where = engine.url.render_as_string(hide_password=True)
        raise TrackerError(f"cannot open {where}: {reason}") from None


def is_tracker_revision(revision: str) -> bool:
    """Whether `revision` has the form of tracker's revisions (0001, 0002, ...)."""
    return len(revision) == 4 and revision.isdigit()


def is_newer(revision: str) -> bool:
    """Whether `revision` is a tracker revision newer than this code knows."""
    return is_tracker_revision(revision) and int(revision) > int(HEAD_REVISION)


def refuse_foreign(revision: str | None, tables: frozenset[str], where: str) -> None:
    """Refuse a database that holds something other than a tracker store: tables of another
    program (named), or another program's Alembic revision."""
    if revision is not None and is_tracker_revision(revision):
        return
    others = sorted(tables - TRACKER_TABLES)
    if others:
        shown = ", ".join(others[:8]) + (f" and {len(others) - 8} more" if len(others) > 8 else "")
        raise NotAStoreError(
            f"{where} is not a tracker store: it holds tables tracker does not own ({shown});"
            " tracker changes nothing there. Give --db a tracker store, or a new file to"
            " `tracker init`."
        )
    if revision is not None:
        raise NotAStoreError(
            f"{where} is not a tracker store: its schema revision {revision!r} is not one of"
            " tracker's; tracker changes nothing there."
        )


def check_current(revision: str | None, where: str) -> None:
    """Refuse to work on a database whose schema is not the one this code needs."""
    if revision == HEAD_REVISION:
        return
    if revision is None:
        raise SchemaError(f"{where} has no tracker schema; run `tracker init`.")
    refuse_newer(revision, where)
    refuse_foreign(revision, frozenset(), where)
    raise SchemaError(
        f"{where} is at schema revision {revision}, this tracker needs {HEAD_REVISION};"
        f" back it up (`tracker backup FILE`) and run `tracker db upgrade --db ...`."
    )


def refuse_newer(revision: str | None, where: str) -> None:
    """Refuse a store made by a newer tracker: this one can neither read nor upgrade it."""
    if revision is not None and is_newer(revision):
        raise SchemaError(
            f"{where} is at schema revision {revision}, newer than this tracker (which knows"
            f" revisions up to {HEAD_REVISION}): it was made by a newer version of tracker;"
            " use that version or a later one. Nothing was changed."
        )
