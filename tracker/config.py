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
    """Who is making changes, as audit events record it: the operating-system account this
    process runs as, and beside it the person TRACKER_USER names, as `account (person)`.

    The account comes from the process's user id, not from USER or LOGNAME (unset under cron
    and in containers, and anyone's to set); TRACKER_USER adds a name, never replaces it.
    """
    account = os_account()
    person = " ".join((os.environ.get(ENV_ACTOR) or "").split())
    return f"{account} ({person})" if person and person != account else account


def os_account() -> str:
    """The name of the account this process runs as (its number when it has no name)."""
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


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
