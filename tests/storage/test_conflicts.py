"""Optimistic concurrency on SQLite and PostgreSQL: a write based on a stale version is refused
with a conflict naming what changed and who, and writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import dump
from tests.storage.checks import who
from tracker import services
from tracker.domain.vocab import FlagLevel
from tracker.errors import ConflictError, ValidationError
from tracker.storage import mutations, queries
from tracker.storage.engine import reading, writing

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"


def version(store: services.Store, code: str = CODE) -> int:
    """The indicator's version now."""
    with reading(store.engine) as session:
        return queries.get_indicator(session=session, code=code).version


def edit(store: services.Store, *, actor: str, expected: int, name: str) -> None:
    """Rename the indicator, based on version `expected`."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        mutations.update_indicator(
            session=session,
            ctx=services.context(actor, "tui"),
            indicator=indicator,
            changes={"name": name},
            expected_version=expected,
        )


def withdraw_latest(store: services.Store, *, actor: str, expected: int) -> None:
    """Withdraw the indicator's latest current actual (an undo), based on `expected`."""
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        rows = queries.observations_of(session=session, indicator=indicator, current_only=True)
        latest = [r for r in rows if r.kind == "actual"][-1]
        assert latest.id is not None
        mutations.withdraw_observation(
            session=session,
            ctx=services.context(actor, "tui"),
            indicator=indicator,
            observation_id=latest.id,
            expected_version=expected,
        )


# What the second person tries, based on the version they opened.
ATTEMPTS: dict[str, Callable[[services.Store, int], object]] = {
    "record": lambda s, v: services.record(
        s, code=CODE, value="230", period="2025-09", actor="li", origin="tui", expected_version=v
    ),
    "correct": lambda s, v: services.record(
        s,
        code=CODE,
        value="211",
        period="2025-05-26",
        actor="li",
        origin="tui",
        expected_version=v,
    ),
    "flag": lambda s, v: services.flag(
        s, code=CODE, reason="进度滞后", actor="li", origin="tui", expected_version=v
    ),
    "edit": lambda s, v: edit(s, actor="li", expected=v, name="改名"),
    "withdraw": lambda s, v: withdraw_latest(s, actor="li", expected=v),
}


def import_figure(store: services.Store) -> None:
    """Import one figure of the indicator from a file, as wang."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "june.csv"
        path.write_text(f"indicator,kind,period,value\n{CODE},actual,2025-07,215\n", "utf-8")
        services.import_file(store, path, actor="wang", accept_outliers=True)


# What the first person did in between, and the change set's origin the conflict names.
CHANGES: dict[str, tuple[str, Callable[[services.Store], object]]] = {
    "record": (
        "record",
        lambda s: services.record(
            s, code=CODE, value="220", period="2025-08", actor="wang", origin="cli"
        ),
    ),
    "flag": (
        "flag",
        lambda s: services.flag(
            s, code=CODE, reason="关注", actor="wang", origin="cli", level=FlagLevel.WATCH
        ),
    ),
    "edit": ("edit", lambda s: edit(s, actor="wang", expected=version(s), name="新名称")),
    "import": ("import", import_figure),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("attempt", sorted(ATTEMPTS))
def test_a_stale_write_is_refused_naming_what_changed_and_who(
    backend_url: str, attempt: str, change: str
) -> None:
    store = services.open_store(backend_url)
    opened = version(store)
    action, make_change = CHANGES[change]
    make_change(store)
    before = dump(backend_url)
    with pytest.raises(ConflictError) as refused:
        ATTEMPTS[attempt](store, opened)
    message = str(refused.value)
    assert (
        CODE in message
        and f"{action} by {who(backend_url, 'wang')}" in message
        and "Reload" in message
    )
    assert refused.value.current_version == version(store) == opened + 1
    assert dump(backend_url) == before
    # Based on the version now shown, the same write goes through (or meets the new state).
    if (attempt, change) == ("flag", "flag"):
        with pytest.raises(ValidationError, match="already flagged"):
            ATTEMPTS[attempt](store, version(store))
    else:
        ATTEMPTS[attempt](store, version(store))
    store.engine.dispose()


def test_clearing_a_flag_on_a_stale_version_is_refused(backend_url: str) -> None:
    store = services.open_store(backend_url)
    services.flag(store, code=CODE, reason="滞后", actor="wang", origin="cli")
    opened = version(store)
    services.record(store, code=CODE, value="225", period="2025-10", actor="zhao", origin="cli")
    before = dump(backend_url)
    with pytest.raises(ConflictError, match=re.escape(f"record by {who(backend_url, 'zhao')}")):
        services.unflag(
            store, code=CODE, note="已解决", actor="li", origin="tui", expected_version=opened
        )
    assert dump(backend_url) == before
    services.unflag(
        store, code=CODE, note="已解决", actor="li", origin="tui", expected_version=version(store)
    )
    store.engine.dispose()


def test_each_write_advances_the_version_by_one(backend_url: str) -> None:
    store = services.open_store(backend_url)
    start = version(store)
    services.record(store, code=CODE, value="230", period="2025-09", actor="a", origin="t")
    services.flag(store, code=CODE, reason="x", actor="a", origin="t")
    services.unflag(store, code=CODE, note="y", actor="a", origin="t")
    edit(store, actor="a", expected=start + 3, name="新")
    # Recording what is already recorded changes nothing, not even the version.
    services.record(store, code=CODE, value="230", period="2025-09", actor="a", origin="t")
    assert version(store) == start + 4
    store.engine.dispose()
