"""Who a change is recorded as: the account the process runs as, from its user id (also under
cron or in a container, where USER and LOGNAME are unset), with the person TRACKER_USER names
beside it as `account (person)`; `tracker audit --actor` finds the change by either."""

from __future__ import annotations

import json
import os
import pwd

import pytest

from tests.cli.conftest import Invoke

CODE = "SY-OPEN-CRE-TRAINS"
ACCOUNT = pwd.getpwuid(os.getuid()).pw_name


def latest_actor(tracker: Invoke) -> str:
    """The actor of the newest audit event of CODE."""
    events = json.loads(tracker("audit", "--indicator", CODE, "--json").stdout)
    return str(events[0]["actor"])


@pytest.fixture
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No USER, LOGNAME or TRACKER_USER, as under cron or in a container."""
    for name in ("USER", "LOGNAME", "TRACKER_USER"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_user_or_logname_the_account_comes_from_the_user_id(
    tracker: Invoke, bare_environment: pytest.MonkeyPatch
) -> None:
    bare_environment.delenv("TRACKER_USER", raising=False)  # the fixture set it: unset again
    assert tracker("record", CODE, "620", "--period", "2025-06").exit_code == 0
    assert latest_actor(tracker) == ACCOUNT != "unknown"


def test_user_in_the_environment_does_not_replace_the_account(
    tracker: Invoke, bare_environment: pytest.MonkeyPatch
) -> None:
    bare_environment.delenv("TRACKER_USER", raising=False)
    bare_environment.setenv("USER", "somebody-else")
    assert tracker("record", CODE, "620", "--period", "2025-06").exit_code == 0
    assert latest_actor(tracker) == ACCOUNT


def test_tracker_user_is_recorded_beside_the_account(
    tracker: Invoke, bare_environment: pytest.MonkeyPatch
) -> None:
    bare_environment.setenv("TRACKER_USER", "王芳")
    assert tracker("record", CODE, "620", "--period", "2025-06").exit_code == 0
    assert latest_actor(tracker) == f"{ACCOUNT} (王芳)"
    for name in ("王芳", ACCOUNT, f"{ACCOUNT} (王芳)"):
        found = json.loads(tracker("audit", "--actor", name, "--json").stdout)
        assert [e["action"] for e in found] == ["record"], name
    assert json.loads(tracker("audit", "--actor", "王", "--json").stdout) == []
