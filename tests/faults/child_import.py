"""Child processes of the crash test: each imports one file into the store, announcing phases.

Run as a server, it imports tracker once and then, for each `URL PATH` line on stdin, forks a
child that opens the store and imports the file (so a kill costs no interpreter start-up).
It prints `pid N` for each child; the child prints `ready` once the store is open,
`committing` just before the import's transaction commits, and `done NEW CHANGED` at the end;
the server then prints `exit N STATUS` (a negative status is the signal that ended it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy import event

from tracker import services


def say(word: str) -> None:
    """One line to the parent, flushed at once (and so never duplicated by a fork)."""
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def import_once(url: str, path: Path) -> None:
    """Open the store and import `path`, announcing the phases."""
    store = services.open_store(url, create=False)
    event.listen(store.engine, "commit", lambda _connection: say("committing"))
    say("ready")
    report = services.import_file(store, path, actor="crash-test", accept_outliers=True)
    say(f"done {report.new} {report.changed}")


def serve() -> None:
    """Fork one importing child per request line; report how each one ended."""
    for line in sys.stdin:
        url, path = line.split()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                import_once(url, Path(path))
            except BaseException as exc:  # noqa: BLE001  (the parent sees the status and this)
                sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
                code = 1
            os._exit(code)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    serve()
