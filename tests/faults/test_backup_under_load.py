"""Backup and restore: backups taken with `services.backup` (SQLite's online backup API, the
same as `tracker backup FILE`) while another process writes restore to consistent databases
holding every write acknowledged before the backup began."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.storage.checks import audit_matches_data, integrity
from tracker import services
from tracker.storage.engine import make_engine

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
CODES = "SYMC-GOV-CROSS-REGION-ITEMS,SYMC-PLAN-ALLIANCES"
BACKUPS = 4


def start_writer(url: str, seconds: float) -> tuple[subprocess.Popen[str], queue.Queue[Any]]:
    """A child recording values for `seconds`; its JSON lines arrive on the queue."""
    process = subprocess.Popen(
        [sys.executable, str(HERE / "child_writer.py"), "backup-writer", CODES, str(seconds), "7"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TRACKER_DATABASE_URL": url},
        cwd=HERE.parents[1],
    )
    lines: queue.Queue[Any] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(json.loads(line))

    threading.Thread(target=pump, daemon=True).start()
    return process, lines


def drain(lines: queue.Queue[Any], into: list[dict[str, Any]]) -> None:
    """Move every line received so far into `into`."""
    while True:
        try:
            into.append(lines.get_nowait())
        except queue.Empty:
            return


def observation_ids(url: str) -> set[int]:
    """Ids of the observations written by the load writer."""
    engine = make_engine(url, create=False)
    with engine.connect() as connection:
        ids = connection.execute(
            sa.text("SELECT id FROM observation WHERE entered_by = 'backup-writer'")
        ).scalars()
        found = set(ids)
    engine.dispose()
    return found


def test_backups_taken_while_another_process_writes_restore_consistently(
    db_path: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{db_path}"
    process, lines = start_writer(url, seconds=3)
    seen: list[dict[str, Any]] = []
    taken: list[tuple[Path, set[int]]] = []
    while not seen or not any(s["op"] == "record" for s in seen):
        seen.append(lines.get(timeout=60))  # wait until writes are flowing
    for number in range(BACKUPS):
        drain(lines, seen)
        acknowledged = {s["id"] for s in seen if s["op"] == "record"}
        target = tmp_path / f"backup{number}.db"
        result = services.backup(url, target)
        assert result.path == target and result.size > 0
        taken.append((target, acknowledged))
        time.sleep(0.4)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    drain(lines, seen)
    assert not [s for s in seen if s["op"] == "error"]
    assert len(set().union(*(a for _, a in taken))) > 0

    for number, (backup, acknowledged) in enumerate(taken):
        check, violations = integrity(str(backup))
        assert (check, violations) == ("ok", []), backup
        assert not backup.with_name(backup.name + "-wal").exists()
        # Restore: the backup file put in place of a lost database opens and is whole.
        restored = tmp_path / f"restored{number}.db"
        shutil.copyfile(backup, restored)
        restored_url = f"sqlite:///{restored}"
        store = services.open_store(restored_url, create=False)
        assert services.summarize(store, as_of=date(2030, 6, 30)).total
        store.engine.dispose()
        assert acknowledged <= observation_ids(restored_url)
        assert audit_matches_data(restored_url) == []
    # Later backups hold at least what earlier ones did.
    holdings = [observation_ids(f"sqlite:///{b}") for b, _ in taken]
    assert all(a <= b for a, b in zip(holdings, holdings[1:], strict=False))
