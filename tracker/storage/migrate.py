"""Alembic, driven from code: upgrade, downgrade and the current revision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from tracker.config import migrations_dir
from tracker.storage.engine import refuse_write

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (and Mako and Pygments under it) is imported only to migrate: a store at the head
# revision is opened without it, sparing every command about 60 ms.


def alembic_config(engine: Engine | None) -> Config:
    """An Alembic config that runs the project's migrations on `engine` (None: to read them)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (refused on a read-only or damaged SQLite store)."""
    from alembic import command

    refuse_write(engine)
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the schema to `revision` (refused as `upgrade` is)."""
    from alembic import command

    refuse_write(engine)
    command.downgrade(alembic_config(engine), revision)


def head() -> str:
    """The newest revision in the scripts."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config(None)).get_current_head())
