"""`tracker tui --as-of`: the interface opens judging at the date asked for."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.cli.conftest import Invoke


def test_the_interface_opens_at_the_date_asked_for(
    tracker: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: dict[str, Any] = {}

    class Opened:
        def run(self) -> None:
            opened["ran"] = True

    def make_app(url: str, **options: Any) -> Opened:
        opened.update(options, url=url)
        return Opened()

    monkeypatch.setattr("tracker.tui.app.make_app", make_app)
    assert tracker("tui", "--as-of", "2025-06-30").exit_code == 0
    assert opened["as_of"] == date(2025, 6, 30) and opened["ran"]
    assert tracker("tui").exit_code == 0 and opened["as_of"] is None
    refused = tracker("tui", "--as-of", "2025-13-01")
    assert refused.exit_code == 2 and "--as-of" in refused.stderr
