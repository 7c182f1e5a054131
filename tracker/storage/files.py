"""Where a SQLite store's file is and what holds it: plain Python, so that read-only commands
can check a file without loading SQLAlchemy."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote

from tracker.config import os_account
from tracker.errors import NotAStoreError, StoreMissingError, TrackerError

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs"}
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database
SQLITE_CORRUPT = 11  # SQLite's primary result code for a malformed database file
DAMAGE_SUFFIX = "-damaged"  # beside a store that failed `tracker db check` or read as malformed


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL (no driver, no options); None otherwise."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    name = unquote(url[len(prefix) :])
    return Path(name) if name and name != ":memory:" else None


def sqlite_file(url: str) -> Path | None:
    """The file named by any `sqlite[+driver]:///path` URL; None for other databases,
    in-memory SQLite and SQLite's own `file:` URIs."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] != "sqlite" or not rest.startswith("/"):
        return None
    name = unquote(rest[1:].split("?")[0])
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def require_store_file(path: Path) -> None:
    """Refuse a store path that is a directory or where no file exists yet."""
    if path.is_dir():
        raise NotAStoreError(
            f"{path} is a directory, not a tracker store: --db takes the store's file"
            f" (such as {path / 'tracker.db'})"
        )
    if not path.exists():
        raise StoreMissingError(
            f"no tracker store at {path}; create one with tracker init --db {path}"
        )


def read_only_reason(path: Path) -> str:
    """Why this process may read but not change the store at `path`; empty when it may write.

    SQLite writes beside the file (-wal, -shm, -journal), so its folder must be writable too.
    """
    if not os.access(path, os.W_OK):
        mode = path.stat().st_mode & 0o777
        return f"the file is not writable by {os_account()} (mode {mode:04o})"
    folder = path.absolute().parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} is not writable by {os_account()}"
    return ""


def damage_marker(path: Path) -> Path:
    """The file that records that the store at `path` was found damaged."""
    return path.with_name(path.name + DAMAGE_SUFFIX)


def is_malformed(exc: BaseException) -> bool:
    """Whether SQLite reported the database file as corrupt."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF == SQLITE_CORRUPT if isinstance(code, int) else "malformed" in str(exc)


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text (its type when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def damaged_message(store: Path, finding: str) -> str:
    """What to tell someone whose store is damaged: where to look and what to restore."""
    return (
        f"{store} is damaged ({finding}): run `tracker db check --db {store}` to see what is"
        " wrong, and restore the latest good copy made by `tracker backup`; changes are"
        " refused until the check passes."
    )


def damage_found(path: Path) -> str | None:
    """What was found wrong with the store at `path` when it was last found damaged; None when
    it was not (or `tracker db check` has passed since)."""
    try:
        text = damage_marker(path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError:
        return "it was found damaged"
    return text.splitlines()[0] if text else "it was found damaged"


def record_damage(path: Path, finding: str) -> None:
    """Remember beside the store that it was found damaged, and what was found (best effort:
    a folder that cannot be written keeps no record, and the message is shown all the same)."""
    with contextlib.suppress(OSError):
        damage_marker(path).write_text(finding.strip() + "\n", encoding="utf-8")


def clear_damage(path: Path) -> None:
    """Forget that the store at `path` was found damaged (its check has passed)."""
    damage_marker(path).unlink(missing_ok=True)


def refuse_store_target(store: Path, target: Path) -> None:
    """Refuse to write `target` when it is the store or one of the files SQLite keeps beside it
    (symbolic links resolved, hard links found): replacing one destroys the store."""
    names = {store.absolute(), store.resolve()}
    protected = [
        name.with_name(name.name + suffix)
        for name in names
        for suffix in ("", *SIDE_SUFFIXES, DAMAGE_SUFFIX)
    ]
    resolved = target.resolve()
    for name in protected:
        if resolved == name.resolve() or (
            target.exists() and name.exists() and os.path.samefile(target, name)
        ):
            raise TrackerError(
                f"{target} is the store {store} or one of the files SQLite keeps beside it"
                " (-wal, -shm, -journal); writing there would destroy the store. Choose"
                " another file."
            )


def network_filesystem(path: Path) -> str:
    """The type of the network filesystem holding `path`; empty when it is local."""
    fstype = filesystem_type(path.resolve().parent if not path.exists() else path.resolve())
    return fstype if fstype in NETWORK_FILESYSTEMS else ""


def filesystem_type(path: Path) -> str:
    """The type of the filesystem holding `path`, from /proc/mounts (empty when unknown)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, fstype = "", ""
    target = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype
