"""Alembic environment: the engine comes from tracker (never from a URL in alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import tracker.domain.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Run on the engine tracker passed in, or on sqlalchemy.url when run by the alembic CLI."""
    # A connection handed in is used as it is; pytest-alembic hands in an engine that way.
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    engine = config.attributes.get("engine") or connection
    if engine is None:
        engine = engine_from_config(
            config.get_section(config.config_ini_section, {}),
            prefix="sqlalchemy.",
            poolclass=pool.NullPool,
        )
    with engine.connect() as connection:
        # Batch mode rebuilds a SQLite table by copying it and dropping the old one, which
        # SQLite refuses while foreign keys are enforced; they can only be switched off outside
        # a transaction, so here, and are checked as a whole before the migration commits.
        driver = connection.connection.dbapi_connection
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            _run(connection, check_foreign_keys=sqlite)
            connection.commit()
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys = ON")


def _run(connection: Connection, *, check_foreign_keys: bool = False) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if check_foreign_keys:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration would break foreign keys: {broken[:5]}")


run_migrations_online()
