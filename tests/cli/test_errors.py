"""Database failures the storage layer does not translate still end in one line and exit 1."""

from __future__ import annotations

import pytest
import sqlalchemy.exc

from tests.cli.conftest import Invoke
from tracker.services import listing


def test_a_database_error_is_one_line_without_a_traceback(
    tracker: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("disk I/O error"))

    monkeypatch.setattr(listing, "statuses", broken)
    result = tracker("list")
    assert result.exit_code == 1
    assert result.output.strip() == "error: the database refused the request: disk I/O error"
    assert "Traceback" not in result.output
