"""Where the database is (`--db`, else TRACKER_DATABASE_URL, else tracker.db); the shipped data."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ENV_URL = "TRACKER_DATABASE_URL"
ENV_ACTOR = "TRACKER_USER"
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def default_db_path() -> Path:
    """tracker.db in the source checkout's root, or in the current directory when installed."""
    if (PROJECT_ROOT / "pyproject.toml").exists() and (PROJECT_ROOT / "migrations").is_dir():
        return PROJECT_ROOT / "tracker.db"
    return Path.cwd() / "tracker.db"


def resolve_url(db: str | None = None) -> str:
    """The database URL to use; a bare path means a SQLite file."""
    value = db or os.environ.get(ENV_URL) or ""
    if not value:
        return f"sqlite:///{default_db_path()}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


def current_actor() -> str:
    """Who is making changes: TRACKER_USER, else the login name."""
    return (
        os.environ.get(ENV_ACTOR)
        or os.environ.get("USER")
        or os.environ.get("LOGNAME")
        or "unknown"
    )


def seeds_dir() -> Path:
    """The seed data shipped with the package (the checkout's seed_data/)."""
    return _shipped_folder("tracker.seed_data")


def migrations_dir() -> Path:
    """The Alembic scripts shipped with the package (the checkout's migrations/)."""
    return _shipped_folder("tracker.migrations")


def _shipped_folder(package: str) -> Path:
    """The folder of a data package that pyproject.toml maps from the checkout's top level.

    Alembic and the importers read real files; pip unpacks every install, so the folder is on
    disk (a zipped install is the one case refused).
    """
    folder = resources.files(package)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{package} is not installed as a folder on disk: {folder}")
    return folder
