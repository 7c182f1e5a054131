"""Per-region write permission, enforced by PostgreSQL row-level security, with real roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from tests.conftest import dump, table_counts
from tests.pg.conftest import Coordinator
from tests.pg_server import PgServer
from tracker import services
from tracker.domain.models import Indicator, Observation
from tracker.domain.schemas import IndicatorCreate
from tracker.domain.vocab import Direction, FlagLevel
from tracker.errors import PermissionDeniedError
from tracker.storage import history, mutations, queries
from tracker.storage.engine import reading, writing

pytestmark = pytest.mark.postgres


def first_code(store: services.Store, region: str) -> str:
    """The first indicator of a region, by code."""
    with reading(store.engine) as session:
        code = session.exec(
            select(Indicator.code).where(Indicator.region_code == region).order_by(Indicator.code)
        ).first()
    assert code is not None
    return code


def version_of(store: services.Store, code: str) -> int:
    """An indicator's current version."""
    with reading(store.engine) as session:
        return session.exec(select(Indicator.version).where(Indicator.code == code)).one()


def add_sub_region_indicator(store: services.Store) -> str:
    """An indicator of 开原市 (TL-KY), a district of 铁岭, added by the administrator."""
    spec = IndicatorCreate(
        code="TL-KY-TEST-1",
        name="开原市测试指标",
        direction=Direction.INCREASE,
        region_code="TL-KY",
        pillar_code=first_pillar(store),
        unit="个",
    )
    with writing(store.engine) as session:
        mutations.create_indicator(
            session=session, ctx=services.context("admin", "test"), spec=spec
        )
    return spec.code


def first_pillar(store: services.Store) -> str:
    """Any pillar code."""
    with reading(store.engine) as session:
        return queries.pillars(session=session)[0].code


def test_a_region_coordinator_writes_their_own_region_and_its_districts(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    tl = coordinators["tieling"]
    code, district = first_code(admin_store, "TL"), add_sub_region_indicator(admin_store)
    store = tl.store()
    first = services.record(
        store, code=code, value="40", period="2025-06", actor=tl.role, origin="cli"
    )
    again = services.record(
        store, code=code, value="45", period="2025-06", actor=tl.role, origin="cli"
    )
    services.record(store, code=district, value="3", period="2025", actor=tl.role, origin="cli")
    services.flag(store, code=code, reason="进度滞后", actor=tl.role, origin="cli")
    services.unflag(store, code=code, note="已跟进", actor=tl.role, origin="cli")
    store.engine.dispose()
    assert first is not None and again is not None
    with reading(admin_store.engine) as session:
        old = session.get(Observation, first.row_id)
        assert old is not None and old.state == "superseded"
        assert old.superseded_by_id == again.row_id
        actors = {e.actor for e in history.entries(session=session, indicator_code=code)}
    assert tl.role in actors


@pytest.mark.parametrize("operation", ["record", "correct", "flag", "edit", "move", "create"])
def test_a_region_coordinator_cannot_write_another_region(
    coordinators: dict[str, Coordinator], admin_store: services.Store, operation: str
) -> None:
    tl = coordinators["tieling"]
    sy_code, tl_code = first_code(admin_store, "SY"), first_code(admin_store, "TL")
    services.record(admin_store, code=sy_code, value="7", period="2025", actor="admin", origin="t")
    before = dump(admin_store.url)
    store = tl.store()
    ctx = services.context(tl.role, "cli")
    with pytest.raises(PermissionDeniedError) as refused:
        if operation in ("record", "correct"):
            value = "8" if operation == "correct" else "9"
            period = "2025" if operation == "correct" else "2024"
            services.record(
                store, code=sy_code, value=value, period=period, actor=tl.role, origin="cli"
            )
        elif operation == "flag":
            services.flag(store, code=sy_code, reason="看看", actor=tl.role, origin="cli")
        elif operation in ("edit", "move"):
            code = sy_code if operation == "edit" else tl_code
            with writing(store.engine) as session:
                indicator = queries.get_indicator(session=session, code=code)
                changes = {"name": "改名"} if operation == "edit" else {"region_code": "SY"}
                mutations.update_indicator(
                    session=session,
                    ctx=ctx,
                    indicator=indicator,
                    changes=changes,
                    expected_version=indicator.version,
                )
        else:
            spec = IndicatorCreate(
                code="SY-NEW-1",
                name="新指标",
                direction=Direction.INCREASE,
                region_code="SY",
                pillar_code=first_pillar(store),
            )
            with writing(store.engine) as session:
                mutations.create_indicator(session=session, ctx=ctx, spec=spec)
    store.engine.dispose()
    message = str(refused.value)
    assert "沈阳 (SY)" in message and "铁岭 (TL)" in message and tl.role in message
    assert "Nothing was written" in message
    assert dump(admin_store.url) == before


def test_an_import_touching_another_region_writes_nothing(
    coordinators: dict[str, Coordinator], admin_store: services.Store, tmp_path: Path
) -> None:
    tl = coordinators["tieling"]
    sy_code, tl_code = first_code(admin_store, "SY"), first_code(admin_store, "TL")
    path = tmp_path / "mixed.csv"
    path.write_text(
        f"indicator,kind,period,value\n{tl_code},actual,2025-03,10\n{sy_code},actual,2025,5\n",
        encoding="utf-8",
    )
    before = dump(admin_store.url)
    store = tl.store()
    with pytest.raises(PermissionDeniedError, match=r"沈阳 \(SY\)"):
        services.import_file(store, path, actor=tl.role, accept_outliers=True)
    assert dump(admin_store.url) == before
    path.write_text(f"indicator,kind,period,value\n{tl_code},actual,2025-03,10\n", encoding="utf-8")
    report = services.import_file(store, path, actor=tl.role, accept_outliers=True)
    store.engine.dispose()
    assert report.new == 1


def test_a_provincial_coordinator_writes_every_region(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    province = coordinators["province"]
    store = province.store()
    for region in ("SY", "TL", "DL"):
        code = first_code(admin_store, region)
        services.record(
            store, code=code, value="12", period="2025", actor=province.role, origin="t"
        )
    services.flag(
        store, code=first_code(admin_store, "DL"), reason="滞后", actor=province.role, origin="t"
    )
    store.engine.dispose()


def test_a_role_without_a_region_reads_everything_and_writes_nothing(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    reader = coordinators["reader"]
    store = reader.store()
    # With the closed programmes' indicators too, which the default summary leaves out.
    summary = services.summarize(store, as_of=date(2025, 6, 30), include_closed=True)
    assert sum(summary.total.values()) == len(
        services.statuses(admin_store, as_of=date(2025, 6, 30))
    )
    assert services.statuses(store, as_of=date(2025, 6, 30)) == services.statuses(
        admin_store, as_of=date(2025, 6, 30)
    )
    assert services.export_observations_csv(store) == services.export_observations_csv(admin_store)
    with pytest.raises(PermissionDeniedError, match="may write no region"):
        services.record(
            store,
            code=first_code(admin_store, "TL"),
            value="1",
            period="2025",
            actor=reader.role,
            origin="t",
        )
    store.engine.dispose()


def test_the_database_refuses_what_the_app_would_never_send(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    """Row-level security holds for SQL typed by hand, not only for tracker's own code."""
    tl = coordinators["tieling"]
    sy_code = first_code(admin_store, "SY")
    before = dump(admin_store.url)
    engine = sa.create_engine(tl.url)
    with engine.connect() as connection:
        sy_id = connection.execute(
            sa.text("SELECT id FROM indicator WHERE code = :c"), {"c": sy_code}
        ).scalar_one()
        changed = connection.execute(
            sa.text("UPDATE indicator SET name = 'x' WHERE id = :i"), {"i": sy_id}
        )
        assert changed.rowcount == 0
        connection.rollback()
        with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
            connection.execute(
                sa.text(
                    "INSERT INTO observation (indicator_id, kind, period, precision, period_end,"
                    " value, source, quote, note, entered_by, entered_at, state) VALUES"
                    " (:i, 'actual', '2025', 'year', '2025-12-31', 1, '', '', '', 'x', now(),"
                    " 'current')"
                ),
                {"i": sy_id},
            )
        connection.rollback()
        for statement in ("UPDATE audit_event SET actor = 'someone'", "DELETE FROM audit_event"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.execute(sa.text(statement))
            connection.rollback()
    engine.dispose()
    assert dump(admin_store.url) == before


def test_even_the_owner_cannot_rewrite_the_audit_log(
    admin_store: services.Store, pg_server
) -> None:  # type: ignore[no-untyped-def]
    """Forced row-level security binds a non-superuser owner: audit rows cannot be changed."""
    import secrets

    owner = f"owner_{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(12)
    database = sa.make_url(admin_store.url).database
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'")
    try:
        pg_server.execute(f"ALTER TABLE audit_event OWNER TO {owner}", database=database)
        engine = sa.create_engine(pg_server.url(str(database), user=owner, password=password))
        with engine.begin() as connection:
            updated = connection.execute(sa.text("UPDATE audit_event SET actor = 'someone'"))
            deleted = connection.execute(sa.text("DELETE FROM audit_event"))
        engine.dispose()
        assert updated.rowcount == 0 and deleted.rowcount == 0
        with reading(admin_store.engine) as session:
            assert (
                session.exec(select(sa.func.count()).select_from(sa.text("audit_event"))).one() > 0
            )
    finally:
        admin_store.engine.dispose()
        pg_server.drop_database(str(database))
        pg_server.execute(f"DROP ROLE IF EXISTS {owner}")


def test_flags_respect_regions(
    coordinators: dict[str, Coordinator], admin_store: services.Store
) -> None:
    sy, tl = coordinators["shenyang"], coordinators["tieling"]
    sy_code = first_code(admin_store, "SY")
    services.flag(
        sy.store(), code=sy_code, reason="滞后", actor=sy.role, origin="t", level=FlagLevel.WATCH
    )
    before = version_of(admin_store, sy_code)
    with pytest.raises(PermissionDeniedError, match=r"沈阳 \(SY\)"):
        services.unflag(tl.store(), code=sy_code, note="不是我的", actor=tl.role, origin="t")
    assert version_of(admin_store, sy_code) == before
    services.unflag(sy.store(), code=sy_code, note="已解决", actor=sy.role, origin="t")


def test_a_non_superuser_owner_migrates_and_seeds_under_forced_row_security(
    pg_server: PgServer, pg_template: str
) -> None:
    """A managed server's admin is no superuser: forced row security binds it, and the
    migration makes it a provincial coordinator so that seeding and later writes work."""
    import secrets

    owner, password = f"owner_{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'")
    name = pg_server.create_database()
    try:
        pg_server.execute(f'ALTER DATABASE "{name}" OWNER TO {owner}')
        url = pg_server.url(name, user=owner, password=password)
        store = services.open_store(url)
        assert table_counts(url) == table_counts(pg_server.url(pg_template))
        code = first_code(store, "TL")
        assert services.record(store, code=code, value="9", period="2031", actor=owner, origin="t")
        with reading(store.engine) as session:
            member = session.execute(
                sa.text("SELECT pg_has_role(current_user, 'tracker_province', 'MEMBER')")
            ).scalar()
            owned = session.execute(
                sa.text("SELECT tableowner FROM pg_tables WHERE tablename = 'observation'")
            ).scalar()
        assert member is True and owned == owner
        store.engine.dispose()
    finally:
        pg_server.drop_database(name)
        pg_server.execute(f"DROP ROLE IF EXISTS {owner}")
