"""The throwaway server fixture: skipped with a reason locally, a failure in CI, and stopped
even when the test process dies without cleaning up."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import pg_server

ROOT = Path(__file__).resolve().parents[2]


def test_without_binaries_the_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_server, "find_binary", lambda _name: None)
    with pytest.raises(pg_server.ServerUnavailable, match="initdb/pg_ctl not found"):
        pg_server.start_local_cluster()


def test_unavailable_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL tests need a server: no"):
        pg_server.unavailable("no")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        pg_server.unavailable("no")


def listening(port: int) -> bool:
    """Whether something accepts connections on the loopback port."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.postgres
def test_a_server_whose_test_process_is_killed_is_stopped_and_removed() -> None:
    code = (
        "import os, sys\n"
        "from tests.pg_server import start_local_cluster\n"
        "cluster = start_local_cluster()\n"
        "print(cluster.server.port, cluster.root, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    if "ServerUnavailable" in child.stderr:
        pytest.skip(child.stderr.strip().splitlines()[-1])
    port_text, root_text = child.stdout.split()
    port, root = int(port_text), Path(root_text)
    deadline = time.monotonic() + 30
    while (listening(port) or root.exists()) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not listening(port), f"the server on {port} is still running"
    assert not root.exists(), f"{root} was left behind"
    assert child.returncode == -9
