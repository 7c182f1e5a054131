"""The briefing from the TUI's command palette: written in a worker, its place notified."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from tests.report.conftest import AS_OF
from tracker.tui.app import make_app


async def test_the_palette_writes_the_briefing_and_says_where(
    briefed_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    app = make_app(
        briefed_url, lang="zh", as_of=AS_OF, actor="tester", poll_seconds=0, cursor_blink=False
    )
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(message)
        original(message, **options)

    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = notify  # type: ignore[method-assign]
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "生成调度通报")
        command.callback()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = tmp_path / f"briefing-{AS_OF}.docx"
    assert notes == [f"通报已写入 {written}"]
    doc = docx.Document(str(written))
    assert doc.paragraphs[0].text == "指标调度通报"
    assert f"截至日期:{AS_OF}" in [p.text for p in doc.paragraphs]
