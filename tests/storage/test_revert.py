"""Reverting a change set, on SQLite and PostgreSQL: the import of the wrong month undone as a
new change set that leaves history as it was; refused, naming them and writing nothing, when
later change sets built on what it wrote; once only; a revert reverted in turn."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import dump
from tests.storage.checks import actor_of, audit_matches_data, who
from tracker import services
from tracker.domain.vocab import FlagLevel
from tracker.errors import NotFoundError, ValidationError
from tracker.storage import mutations, queries
from tracker.storage.changes import open_change_set
from tracker.storage.engine import reading, writing

CODE = "SYMC-GOV-CROSS-REGION-ITEMS"
OTHER = "SYMC-PLAN-SPECIAL-PLANS"


def current(store: services.Store, code: str = CODE) -> dict[tuple[str, str], Decimal | None]:
    """The indicator's current values by (kind, period)."""
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=code)
        rows = queries.observations_of(session=session, indicator=indicator, current_only=True)
        return {(r.kind, r.period): r.value for r in rows}


def import_month(store: services.Store, tmp_path: Path, text: str, name: str) -> int:
    """Import `text` as file `name`; the change set it wrote."""
    path = tmp_path / name
    path.write_text("indicator,kind,period,value\n" + text, encoding="utf-8")
    services.import_file(store, path, actor="zhao", accept_outliers=True)
    [newest] = services.change_sets(store, limit=1)
    assert newest.change.file_name == name
    return newest.change.id or 0


def test_reverting_an_import_withdraws_its_values_and_brings_back_what_it_replaced(
    backend_url: str, tmp_path: Path
) -> None:
    store = services.open_store(backend_url)
    before = {CODE: current(store), OTHER: current(store, OTHER)}
    wrong = import_month(
        store,
        tmp_path,
        f"{CODE},actual,2025-05-26,999\n{CODE},actual,2025-11,250\n{OTHER},actual,2025-11,30\n",
        "wrong-month.csv",
    )
    assert current(store)[("actual", "2025-05-26")] == Decimal(999)
    change = services.revert(store, wrong, actor="li", origin="cli")
    assert {CODE: current(store), OTHER: current(store, OTHER)} == before
    [summary] = services.change_sets(store, only=change.change_set_id)
    assert (summary.change.origin, summary.change.reverts_id, summary.change.actor) == (
        "revert",
        wrong,
        actor_of(backend_url, "li"),
    )
    # Three values withdrawn, one brought back as a copy: history rows never change back.
    assert (summary.written, summary.replaced) == (1, 3)
    [reverted] = services.change_sets(store, only=wrong)
    assert reverted.reverted_by == change.change_set_id
    assert audit_matches_data(backend_url) == []
    trail = services.audit_trail(store, indicator=CODE, limit=3)
    assert [(e.id, e.action) for e in trail] == [
        (change.change_set_id, "restore"),
        (change.change_set_id, "withdraw"),
        (change.change_set_id, "withdraw"),
    ]
    store.engine.dispose()


def test_a_revert_is_refused_naming_the_later_change_that_built_on_it(
    backend_url: str, tmp_path: Path
) -> None:
    store = services.open_store(backend_url)
    wrong = import_month(store, tmp_path, f"{CODE},actual,2025-11,250\n", "november.csv")
    later = services.record(
        store, code=CODE, value="251", period="2025-11", actor="wang", origin="tui"
    )
    assert later is not None
    before = dump(backend_url)
    with pytest.raises(ValidationError) as refused:
        services.revert(store, wrong, actor="li", origin="cli")
    message = str(refused.value)
    assert f"change set {wrong} cannot be reverted" in message
    assert f"change set {later.change_set_id} (correct by {who(backend_url, 'wang')} at " in message
    assert dump(backend_url) == before
    # Undoing the later change first brings the import's value back (as a copy, which stands
    # for it): then the import can be undone too, last first.
    services.revert(store, later.change_set_id, actor="li", origin="cli")
    assert current(store)[("actual", "2025-11")] == Decimal(250)
    services.revert(store, wrong, actor="li", origin="cli")
    assert ("actual", "2025-11") not in current(store)
    assert audit_matches_data(backend_url) == []
    store.engine.dispose()


def test_two_changes_to_one_value_are_undone_last_first(backend_url: str) -> None:
    """The TUI's ctrl+z twice: a correction, a second correction, each undone in turn."""
    store = services.open_store(backend_url)
    seeded = current(store)
    first = services.record(
        store, code=CODE, value="212", period="2025-05-26", actor="a", origin="tui"
    )
    second = services.record(
        store, code=CODE, value="213", period="2025-05-26", actor="a", origin="tui"
    )
    assert first is not None and second is not None
    services.revert(store, second.change_set_id, actor="a", origin="tui")
    assert current(store)[("actual", "2025-05-26")] == Decimal(212)
    services.revert(store, first.change_set_id, actor="a", origin="tui")
    assert current(store) == seeded
    assert audit_matches_data(backend_url) == []
    store.engine.dispose()


def test_a_revert_that_would_bring_back_a_value_now_recorded_again_is_refused(
    backend_url: str,
) -> None:
    store = services.open_store(backend_url)
    with writing(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        rows = queries.observations_of(session=session, indicator=indicator, current_only=True)
        latest = [r for r in rows if r.kind == "actual"][-1]
        period = latest.period
        ctx = services.context("wang", "cli")
        mutations.withdraw_observation(
            session=session, ctx=ctx, indicator=indicator, observation_id=latest.id or 0
        )
        withdrawal = ctx.change_set_id or 0
    again = services.record(store, code=CODE, value="77", period=period, actor="zhao", origin="t")
    assert again is not None
    before = dump(backend_url)
    with pytest.raises(ValidationError, match=f"change set {again.change_set_id} \\(record by"):
        services.revert(store, withdrawal, actor="li", origin="cli")
    assert dump(backend_url) == before
    store.engine.dispose()


def test_a_change_set_is_reverted_once_and_a_revert_can_be_reverted(backend_url: str) -> None:
    store = services.open_store(backend_url)
    made = services.record(store, code=CODE, value="260", period="2025-12", actor="a", origin="t")
    assert made is not None
    undo = services.revert(store, made.change_set_id, actor="a", origin="t")
    with pytest.raises(
        ValidationError, match=f"reverted already by change set {undo.change_set_id}"
    ):
        services.revert(store, made.change_set_id, actor="a", origin="t")
    assert ("actual", "2025-12") not in current(store)
    services.revert(store, undo.change_set_id, actor="a", origin="t")
    assert current(store)[("actual", "2025-12")] == Decimal(260)
    with pytest.raises(NotFoundError, match="no change set 99999"):
        services.revert(store, 99999, actor="a", origin="t")
    assert audit_matches_data(store.url) == []
    store.engine.dispose()


def test_a_change_set_that_only_names_another_as_reverted_neither_reverts_nor_blocks_it(
    backend_url: str,
) -> None:
    store = services.open_store(backend_url)
    made = services.record(store, code=CODE, value="260", period="2025-12", actor="a", origin="t")
    assert made is not None
    # Anyone who may write can open a `revert` change set naming another, and change nothing.
    with writing(store.engine) as session:
        ctx = services.context("b", "t")
        open_change_set(session=session, ctx=ctx, origin="revert", reverts_id=made.change_set_id)
    [summary] = services.change_sets(store, only=made.change_set_id)
    assert summary.reverted_by is None
    undo = services.revert(store, made.change_set_id, actor="a", origin="t")
    assert ("actual", "2025-12") not in current(store)
    [summary] = services.change_sets(store, only=made.change_set_id)
    assert summary.reverted_by == undo.change_set_id
    store.engine.dispose()


def test_reverting_flags_and_definition_edits_undoes_them_from_their_before(
    backend_url: str,
) -> None:
    store = services.open_store(backend_url)
    edited = services.edit_indicator(
        store, code=CODE, fields={"name_en": "Items (renamed)"}, actor="a", origin="t"
    )
    assert edited is not None
    flagged = services.flag(
        store, code=CODE, reason="慢", actor="a", origin="t", level=FlagLevel.WATCH
    )
    services.revert(store, flagged.change_set_id, actor="b", origin="t")
    services.revert(store, edited.change_set_id, actor="b", origin="t")
    with reading(store.engine) as session:
        indicator = queries.get_indicator(session=session, code=CODE)
        flags = queries.flags_of(session=session, indicator=indicator)
    assert indicator.name_en != "Items (renamed)"
    assert [(f.reason, f.cleared_by, f.clear_note) for f in flags] == [
        ("慢", "b", f"revert of change set {flagged.change_set_id}")
    ]
    # A flag cleared by a change set is raised again when it is reverted.
    services.flag(store, code=OTHER, reason="观察", actor="a", origin="t")
    unflagged = services.unflag(store, code=OTHER, note="已处理", actor="a", origin="t")
    services.revert(store, unflagged.change_set_id, actor="b", origin="t")
    with reading(store.engine) as session:
        other = queries.get_indicator(session=session, code=OTHER)
        assert [
            f.cleared_at is None for f in queries.flags_of(session=session, indicator=other)
        ] == [
            False,
            True,
        ]
    assert audit_matches_data(store.url) == []
    store.engine.dispose()


INDICATORS = (
    "code,name,name_en,unit,direction,region,pillar,lead,responsible,frequency,description\n"
    "TL-REVERT-{n},撤销测试,Revert test,个,increase,铁岭,规划共绘,市发展改革委,,annual,\n"
)


def test_an_import_of_indicators_is_reverted_unless_something_refers_to_them(
    backend_url: str, tmp_path: Path
) -> None:
    store = services.open_store(backend_url)
    made = []
    for n in (1, 2):
        path = tmp_path / f"indicators-{n}.csv"
        path.write_text(INDICATORS.format(n=n), encoding="utf-8")
        services.import_file(store, path, actor="zhao")
        [created] = services.change_sets(store, limit=1)
        made.append(created.change.id or 0)
    services.record(store, code="TL-REVERT-2", value="1", period="2025", actor="a", origin="t")
    before = dump(backend_url)
    with pytest.raises(ValidationError, match="TL-REVERT-2, which values"):
        services.revert(store, made[1], actor="a", origin="t")
    assert dump(backend_url) == before
    services.revert(store, made[0], actor="a", origin="t")
    with reading(store.engine) as session:
        codes = queries.indicators_by_code(session=session)
    assert "TL-REVERT-1" not in codes and "TL-REVERT-2" in codes
    # Its removal is recorded, with the definition it had.
    [removed] = [e for e in services.audit_trail(store, limit=5) if e.action == "delete"]
    assert removed.indicator_code == "TL-REVERT-1" and "撤销测试" in (removed.before or "")
    store.engine.dispose()
