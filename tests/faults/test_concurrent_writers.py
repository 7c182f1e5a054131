"""Concurrent writers, on SQLite and PostgreSQL: several processes record values and flags on
the same indicators for a few seconds while another lists and summarises. No error (such as
"database is locked") reaches anyone, every acknowledged write is in the database afterwards,
and no update is lost: stale writes are reported as conflicts, never applied.

TRACKER_LOAD_SECONDS (default 3) and TRACKER_LOAD_WRITERS (default 3) make it longer or wider.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.storage.checks import audit_matches_data
from tracker.storage.engine import make_engine

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("TRACKER_LOAD_SECONDS", "3"))
WRITERS = int(os.environ.get("TRACKER_LOAD_WRITERS", "3"))
CODES = ["SYMC-GOV-CROSS-REGION-ITEMS", "SYMC-PLAN-ALLIANCES", "SYMC-PLAN-AGREEMENTS"]
HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def run_children(url: str) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Start the writers and the reader together; their JSON lines by name, and their stderr."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    commands = {
        f"writer{i}": [
            sys.executable,
            str(HERE / "child_writer.py"),
            f"writer{i}",
            ",".join(CODES),
            str(SECONDS),
            str(i),
        ]
        for i in range(WRITERS)
    }
    commands["reader"] = [sys.executable, str(HERE / "child_reader.py"), str(SECONDS)]
    processes = {
        name: subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
        )
        for name, command in commands.items()
    }
    lines: dict[str, list[dict[str, Any]]] = {}
    errors: list[str] = []
    for name, process in processes.items():
        out, err = process.communicate(timeout=SECONDS + 120)
        lines[name] = [json.loads(line) for line in out.splitlines() if line.strip()]
        if process.returncode != 0 or err.strip():
            errors.append(f"{name} exited {process.returncode}: {err.strip()[-2000:]}")
    return lines, errors


def fetch(url: str, query: str, **params: Any) -> list[Any]:
    """Rows of a query."""
    engine = make_engine(url, create=False)
    with engine.connect() as connection:
        rows = list(connection.execute(sa.text(query), params))
    engine.dispose()
    return rows


def versions(url: str) -> dict[str, int]:
    """The version of each shared indicator."""
    rows = fetch(url, "SELECT code, version FROM indicator")
    return {code: version for code, version in rows if code in CODES}


def test_writers_and_a_reader_at_once_lose_nothing(backend_url: str) -> None:
    start = versions(backend_url)
    lines, errors = run_children(backend_url)
    assert errors == []
    outcomes = [dict(line, writer=name) for name, got in lines.items() for line in got]
    failures = [o for o in outcomes if o["op"] == "error"]
    assert failures == [], failures[:5]
    assert not any("locked" in json.dumps(o) for o in outcomes)
    reads = [o for o in lines["reader"] if o["op"] == "read"]
    assert reads and all(r["indicators"] == r["total"] for r in reads)
    acks = [o for o in outcomes if o["op"] in ("record", "flag", "unflag")]
    conflicts = [o for o in outcomes if o["op"] == "conflict"]
    counts = Counter(o["op"] for o in outcomes)
    assert acks and conflicts, f"no contention to speak of: {counts}"
    assert all("was changed after you opened it" in c["message"] for c in conflicts)

    # No lost update: every acknowledged write advanced its indicator's version by exactly one,
    # each from a different version, and nothing else did.
    end = versions(backend_url)
    based_on: dict[str, list[int]] = defaultdict(list)
    for ack in acks:
        based_on[ack["code"]].append(ack["based_on"])
    for code in CODES:
        assert sorted(based_on[code]) == list(range(start[code], end[code])), code

    # Every acknowledged value is stored as acknowledged, with its audit event.
    recorded = {o["id"]: o for o in acks if o["op"] == "record"}
    rows = fetch(
        backend_url,
        "SELECT o.id, i.code, o.value, o.period, o.entered_by FROM observation o"
        " JOIN indicator i ON i.id = o.indicator_id WHERE o.entered_by LIKE 'writer%'",
    )
    stored = {row[0]: row for row in rows}
    assert set(stored) == set(recorded)
    for obs_id, ack in recorded.items():
        _, code, value, period, who = stored[obs_id]
        assert (code, period, who) == (ack["code"], ack["period"], ack["writer"])
        assert Decimal(str(value)) == Decimal(ack["value"])
    # The current value of each figure is the last one written, by version.
    last: dict[tuple[str, str], dict[str, Any]] = {}
    for ack in sorted(recorded.values(), key=lambda a: a["based_on"]):
        last[(ack["code"], ack["period"])] = ack
    current = fetch(
        backend_url,
        "SELECT i.code, o.period, o.id FROM observation o JOIN indicator i"
        " ON i.id = o.indicator_id WHERE o.state = 'current' AND o.entered_by LIKE 'writer%'",
    )
    assert {(c, p): i for c, p, i in current} == {k: a["id"] for k, a in last.items()}
    flag_rows = {
        row[0]: row
        for row in fetch(
            backend_url, "SELECT id, raised_by, cleared_by FROM flag WHERE raised_by LIKE 'writer%'"
        )
    }
    raised = {o["id"] for o in acks if o["op"] == "flag"}
    assert set(flag_rows) == raised
    for ack in (o for o in acks if o["op"] == "unflag"):
        assert flag_rows[ack["id"]][2] == ack["writer"]
    assert audit_matches_data(backend_url) == []
