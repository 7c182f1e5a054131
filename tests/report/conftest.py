"""A seeded store with indicators that need attention, and the CLI run on it in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tracker import services
from tracker.cli.main import app

AS_OF = date(2025, 12, 31)
Run = Callable[..., Result]


@pytest.fixture
def briefed_url(db_url: str) -> str:
    """The seed with a decline (acceleration needed), a task behind its line and a flag: the
    seed alone has nothing needing attention as of AS_OF."""
    store = services.open_store(db_url)
    for code, value in (
        ("SYMC-GOV-CROSS-REGION-ITEMS", "200"),
        ("SYMC-TRANS-SHENBAI-HSR-PROGRESS", "79"),
    ):
        services.record(
            store,
            code=code,
            value=value,
            period="2025-09",
            actor="tester",
            origin="test",
            source="9月调度会",
        )
    services.flag(
        store,
        code="SYMC-ECO-GOOD-AIR-DAYS",
        reason="监测点调整,数据待复核",
        actor="tester",
        origin="test",
    )
    store.engine.dispose()
    return db_url


@pytest.fixture
def run(briefed_url: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run(*args)`: the CLI on the briefed store; never a traceback."""
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)

    def invoke(*args: str) -> Result:
        result = CliRunner().invoke(app, [*args, "--db", briefed_url])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return invoke


def summary_json(run: Run, *args: str) -> dict[str, Any]:
    """`tracker summary --json` for the same date and filters."""
    result = run("summary", "--json", "--as-of", str(AS_OF), *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
