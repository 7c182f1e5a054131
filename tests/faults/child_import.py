"""Child process of the crash test: import one file into the store, announcing each phase.

Prints `ready` once the store is open, `committing` just before the import's transaction
commits, and `done NEW CHANGED` at the end, so that the parent can kill it at random moments
of the import and also in the middle of its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import event

from tracker import services


def say(word: str) -> None:
    """One line to the parent, flushed at once."""
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def main() -> None:
    """Import argv[2] into the store at argv[1]."""
    url, path = sys.argv[1], Path(sys.argv[2])
    store = services.open_store(url, create=False)
    event.listen(store.engine, "commit", lambda _connection: say("committing"))
    say("ready")
    report = services.import_file(store, path, actor="crash-test", accept_outliers=True)
    say(f"done {report.new} {report.changed}")


if __name__ == "__main__":
    main()
