"""Reverting under row security: a coordinator reverts change sets of their own regions, and is
refused, with nothing written, one that changed another region's figures."""

from __future__ import annotations

import pytest

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tests.pg.test_record_triggers import raw
from tests.pg.test_region_access import first_code
from tracker import services
from tracker.errors import PermissionDeniedError

pytestmark = pytest.mark.postgres


def recorded_in_tieling(tl: Coordinator, admin_store: services.Store) -> services.Change:
    """A value of a 铁岭 indicator recorded by its coordinator; the change."""
    made = services.record(
        tl.store(),
        code=first_code(admin_store, "TL"),
        value="41",
        period="2031",
        actor=tl.role,
        origin="cli",
    )
    assert made is not None
    return made


def test_a_coordinator_reverts_their_region_s_change_and_not_another_s(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl, sy = coordinators["tieling"], coordinators["shenyang"]
    made = recorded_in_tieling(tl, admin_store)
    before = dump(admin_store.url)
    with pytest.raises(PermissionDeniedError):
        services.revert(sy.store(), made.change_set_id, actor=sy.role, origin="cli")
    assert dump(admin_store.url) == before
    undone = services.revert(tl.store(), made.change_set_id, actor=tl.role, origin="cli")
    [summary] = services.change_sets(admin_store, only=undone.change_set_id)
    assert (summary.change.actor, summary.change.reverts_id, summary.replaced) == (
        tl.role,
        made.change_set_id,
        1,
    )


def test_a_change_set_opened_in_psql_to_name_a_revert_does_not_stop_the_real_one(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl, sy = coordinators["tieling"], coordinators["shenyang"]
    made = recorded_in_tieling(tl, admin_store)
    # Another region's coordinator, in psql, opens a revert of it that changes nothing.
    with raw(sy.url) as connection:
        opened = connection.execute(
            "SELECT tracker_open_change_set('revert', 'sql', NULL, NULL, NULL, %(id)s)",
            {"id": made.change_set_id},
        ).fetchone()
    assert opened is not None
    [summary] = services.change_sets(admin_store, only=made.change_set_id)
    assert summary.reverted_by is None
    undone = services.revert(tl.store(), made.change_set_id, actor=tl.role, origin="cli")
    [summary] = services.change_sets(admin_store, only=made.change_set_id)
    assert summary.reverted_by == undone.change_set_id != opened[0]
