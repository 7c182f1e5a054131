"""Where a SQLite store's file is and what holds it: plain Python, so that read-only commands
can check a file without loading SQLAlchemy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs"}


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL (no driver, no options); None otherwise."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    name = unquote(url[len(prefix) :])
    return Path(name) if name and name != ":memory:" else None


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
