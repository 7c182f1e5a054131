"""Nothing a coordinator creates or sets in their own session changes what a row-security
policy decides: shadowing tables, functions and operators, and session search paths."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import dump
from tests.pg.conftest import Coordinator
from tests.pg_server import PgServer
from tracker import services

pytestmark = pytest.mark.postgres

Rows = dict[str, list[tuple[object, ...]]]

# What an attacker tries once the shadowing is in place: change 沈阳's figures and definitions.
# The comparisons name pg_catalog's = so that the attacker's own operator cannot widen them to
# rows the attacker may write anyway.
SY_INDICATORS = "SELECT id FROM indicator WHERE region_code OPERATOR(pg_catalog.=) 'SY'"
VANDALISM = (
    "UPDATE observation SET note = 'vandalised'"
    f" WHERE indicator_id OPERATOR(pg_catalog.=) ANY ({SY_INDICATORS})",
    "UPDATE indicator SET name = 'vandalised' WHERE region_code OPERATOR(pg_catalog.=) 'SY'",
    "DELETE FROM indicator_department"
    f" WHERE indicator_id OPERATOR(pg_catalog.=) ANY ({SY_INDICATORS})",
)


def attempt(url: str, *statements: str) -> list[str]:
    """Run `statements` then the vandalism as one transaction of the role behind `url`,
    committing whatever the database let through; returns the errors met."""
    errors: list[str] = []
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            for statement in (*statements, *VANDALISM):
                try:
                    with connection.begin_nested():
                        connection.exec_driver_sql(statement)
                except sa.exc.DBAPIError as exc:
                    errors.append(str(exc.orig).splitlines()[0])
            connection.commit()
    finally:
        engine.dispose()
    return errors


@pytest.fixture
def before(admin_store: services.Store, coordinators: dict[str, Coordinator]) -> Iterator[Rows]:
    """Every row of the store before an attack, with 沈阳's figures in it."""
    rows = dump(admin_store.url)
    assert any("SY" in row for row in rows["indicator"])
    yield rows


TEMP_REGION = (
    "CREATE TEMP TABLE region (code text, parent_code text)",
    "INSERT INTO region VALUES ('SY', 'TL'), ('TL', NULL)",
)
TEMP_ROLES = (
    "CREATE TEMP TABLE pg_roles (rolname name, oid oid)",
    "INSERT INTO pg_roles SELECT 'tracker_province', oid FROM pg_catalog.pg_roles"
    " WHERE rolname = current_user",
)


def test_a_temporary_region_table_does_not_make_shenyang_tielings(
    coordinators: dict[str, Coordinator],
    admin_store: services.Store,
    before: Rows,
) -> None:
    attempt(coordinators["tieling"].url, *TEMP_REGION)
    assert dump(admin_store.url) == before


def test_a_temporary_pg_roles_does_not_make_a_reader_provincial(
    coordinators: dict[str, Coordinator],
    admin_store: services.Store,
    before: Rows,
) -> None:
    attempt(coordinators["reader"].url, *TEMP_ROLES)
    assert dump(admin_store.url) == before


@pytest.mark.parametrize("search_path", ["pg_temp, public", "pg_temp, pg_catalog, public"])
def test_a_session_search_path_changes_nothing(
    coordinators: dict[str, Coordinator],
    admin_store: services.Store,
    before: Rows,
    search_path: str,
) -> None:
    attempt(coordinators["tieling"].url, f"SET search_path = {search_path}", *TEMP_REGION)
    attempt(coordinators["reader"].url, f"SET search_path = {search_path}", *TEMP_ROLES)
    assert dump(admin_store.url) == before


def test_a_schema_named_after_the_role_shadows_nothing(
    pg_server: PgServer,
    coordinators: dict[str, Coordinator],
    admin_store: services.Store,
    before: Rows,
) -> None:
    """A common setup gives each user a schema of their own name, which "$user" finds."""
    tl = coordinators["tieling"]
    database = str(sa.make_url(admin_store.url).database)
    pg_server.execute(f"CREATE SCHEMA {tl.role} AUTHORIZATION {tl.role}", database=database)
    attempt(
        tl.url,
        f"CREATE TABLE {tl.role}.region (code text, parent_code text)",
        f"INSERT INTO {tl.role}.region VALUES ('SY', 'TL'), ('TL', NULL)",
        f"SET search_path = {tl.role}, public",
    )
    assert dump(admin_store.url) == before


# Functions and operators that match the policy functions' arguments better than the real ones
# (region codes are varchar; the real function takes text, the real = is text's).
SHADOWS = {
    "function": (
        "CREATE FUNCTION {schema}.tracker_region_role(code varchar) RETURNS text"
        " LANGUAGE sql IMMUTABLE AS $$ SELECT 'tracker_region_' || lower('{mine}') $$",
    ),
    "operator": (
        "CREATE FUNCTION {schema}.always(a varchar, b varchar) RETURNS boolean"
        " LANGUAGE sql IMMUTABLE AS $$ SELECT true $$",
        "CREATE OPERATOR {schema}.= (LEFTARG = varchar, RIGHTARG = varchar,"
        " FUNCTION = {schema}.always)",
        "CREATE FUNCTION {schema}.always(a varchar, b text) RETURNS boolean"
        " LANGUAGE sql IMMUTABLE AS $$ SELECT true $$",
        "CREATE OPERATOR {schema}.= (LEFTARG = varchar, RIGHTARG = text,"
        " FUNCTION = {schema}.always)",
    ),
}


@pytest.mark.parametrize("schema", ["public", "pg_temp"])
@pytest.mark.parametrize("kind", sorted(SHADOWS))
def test_a_same_named_function_or_operator_changes_nothing(
    pg_server: PgServer,
    coordinators: dict[str, Coordinator],
    admin_store: services.Store,
    before: Rows,
    schema: str,
    kind: str,
) -> None:
    """Even where an administrator lets coordinators create objects in the tracker's schema
    (as PostgreSQL before 15 did for public), the policies use only their own functions.
    (PostgreSQL looks functions and operators up in pg_temp only when named with it, so the
    pg_temp cases held before revision 0004 too.)"""
    tl = coordinators["tieling"]
    database = str(sa.make_url(admin_store.url).database)
    pg_server.execute(f"GRANT CREATE ON SCHEMA public TO {tl.role}", database=database)
    statements = [s.format(schema=schema, mine="TL") for s in SHADOWS[kind]]
    attempt(tl.url, *statements, "SET search_path = pg_temp, public")
    attempt(tl.url, *statements)
    assert dump(admin_store.url) == before


def test_coordinators_may_create_no_temporary_table_and_nothing_in_the_schema(
    pg_server: PgServer, pg_empty_url: str
) -> None:
    """The database the migration ran in refuses TEMP and CREATE to every coordinator."""
    import secrets

    store = services.open_store(pg_empty_url)
    role, password = f"tl_{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    services.grant_access(
        store, role=role, region="铁岭", actor="admin", origin="test", password=password
    )
    database = str(sa.make_url(pg_empty_url).database)
    try:
        errors = attempt(
            pg_server.url(database, user=role, password=password),
            "CREATE TEMP TABLE region (code text, parent_code text)",
            "CREATE TABLE public.region_copy (code text)",
            "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
        )
        assert len([e for e in errors if "permission denied" in e]) >= 3, errors
        with store.engine.connect() as connection:  # the administrator still may
            connection.exec_driver_sql("CREATE TEMP TABLE scratch (x int)")
    finally:
        store.engine.dispose()
        pg_server.drop_database(database)
        pg_server.execute(f"DROP ROLE IF EXISTS {role}")
