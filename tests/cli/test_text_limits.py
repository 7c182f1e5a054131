"""The same text limits on SQLite and PostgreSQL, checked before anything is written, each
refusal naming the field; text at the limit is stored whole on both."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, one_line, write
from tests.conftest import dump
from tracker import services
from tracker.errors import ImportRefusedError, RowError, ValidationError

CODE = "SY-OPEN-CRE-TRAINS"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("record", CODE, "620", "--period", "2025-06", "--source", "来" * 10_000), "source"),
        (("record", CODE, "620", "--period", "2025-06", "--source", "s" * 301), "source"),
        (("indicator", "edit", CODE, "--name-en", "n" * 301), "name_en"),
        (("indicator", "edit", CODE, "--unit", "u" * 41), "unit"),
        (("indicator", "edit", CODE, "--lead", "局" * 201), "lead"),
    ],
)
def test_too_long_is_refused_the_same_way_on_both_backends(
    tracker: Invoke, backend_url: str, args: tuple[str, ...], field: str
) -> None:
    before = dump(backend_url)
    result = tracker(*args, db=backend_url)
    assert result.exit_code == 1
    message = one_line(result)
    assert field in message and "at most" in message, message
    assert "database refused" not in message
    assert dump(backend_url) == before


def test_a_long_user_name_is_refused_on_both_backends(
    tracker: Invoke, backend_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(backend_url)
    monkeypatch.setenv("TRACKER_USER", "u" * 101)
    result = tracker("record", CODE, "620", "--period", "2025-06", db=backend_url)
    assert result.exit_code == 1
    assert one_line(result) == "error: user: at most 100 characters"
    assert dump(backend_url) == before


def test_text_at_the_limits_is_stored_whole_on_both_backends(backend_url: str) -> None:
    store = services.open_store(backend_url)
    try:
        services.record(
            store,
            code=CODE,
            value="620",
            period="2025-06",
            actor="u" * 100,
            origin="cli",
            source="来" * 300,
        )
        _, observations = services.observation_history(store, CODE)
        (line,) = [o for o in observations if o.period == "2025-06"]
        assert (line.source, line.entered_by) == ("来" * 300, "u" * 100)
        with pytest.raises(ValidationError, match="^user: at most 100 characters$"):
            services.flag(store, code=CODE, reason="r", actor="u" * 101, origin="cli")
    finally:
        store.engine.dispose()


def test_an_import_names_the_line_of_a_too_long_source(backend_url: str, tmp_path: Path) -> None:
    path = write(
        tmp_path / "june.csv",
        "indicator,kind,period,value,source\n"
        f"{CODE},actual,2025-05,610,月报\n"
        f"{CODE},actual,2025-06,620,{'来' * 301}\n",
    )
    before = dump(backend_url)
    store = services.open_store(backend_url)
    try:
        with pytest.raises(ImportRefusedError) as refused:
            services.import_file(store, path, actor="tester")
    finally:
        store.engine.dispose()
    assert refused.value.errors == [RowError(3, "source", "来" * 301, "at most 300 characters")]
    assert dump(backend_url) == before
