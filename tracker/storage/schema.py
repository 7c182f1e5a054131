"""The schema revision this code needs, checked without importing Alembic (keeps start-up fast)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tracker.errors import SchemaError, TrackerError
from tracker.storage import HEAD_REVISION


def revision_of(engine: Engine) -> str | None:
    """The database's Alembic revision; None when it has no schema yet.

    A database that cannot be reached is a TrackerError naming it with its password hidden.
    """
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else str(exc)
        where = engine.url.render_as_string(hide_password=True)
        raise TrackerError(f"cannot open {where}: {reason}") from None


def check_current(revision: str | None, where: str) -> None:
    """Refuse to work on a database whose schema is not the one this code needs."""
    if revision == HEAD_REVISION:
        return
    if revision is None:
        raise SchemaError(f"{where} has no tracker schema; run `tracker init`.")
    raise SchemaError(
        f"{where} is at schema revision {revision}, this tracker needs {HEAD_REVISION};"
        f" back it up (`tracker backup FILE`) and run `tracker db upgrade --db ...`."
    )
