"""PostgreSQL row security that nothing a coordinator creates can change

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:00:00

PostgreSQL only; on SQLite this revision changes nothing.

Policy functions. 0002's functions looked their tables up by name when called, through a
search path in which the session's temporary schema comes first: a coordinator's temporary
`region` or `pg_roles` decided what the policies allowed. They are recreated here with
SQL-standard bodies, which PostgreSQL parses once, at creation, binding every table, function
and operator to the object it means then (and recording the dependency); every name is
schema-qualified as well, and the search path is pinned (pg_catalog, the tracker's schema,
pg_temp last) for anything evaluated at call time. They stay SECURITY INVOKER: they must ask
whether the *calling* role is a member of a region group (current_user inside a SECURITY
DEFINER function is its owner), and they read nothing a coordinator cannot read anyway, so
lending the administrator's rights would only widen what a mistake could reach. The policies
are recreated with qualified names.

TEMPORARY on the database and CREATE on the schema are revoked from PUBLIC (which holds
TEMPORARY by default) and the tracker roles; the administrator keeps TEMPORARY. Database-level
privileges are not copied by CREATE DATABASE ... TEMPLATE nor restored by pg_restore into a
new database: the policies above do not depend on them.

Writers. Writers went one at a time by taking advisory lock 1953655666, which any role could
take and hold. They now lock rows of `write_gate`, one per region, whose row security lets a
role lock only the gates of regions it may write (and change none): a coordinator can delay
only writers of their own regions, as long as their transaction lasts. Coordinators now hold
UPDATE on the columns of indicator, observation and flag (the province: of document, region,
pillar) rather than on the tables: PostgreSQL lets only holders of table-level UPDATE, DELETE
or TRUNCATE take a lock that stops writers (LOCK TABLE ... IN EXCLUSIVE MODE). A later
revision that adds a column to one of those tables grants UPDATE on it too
(tests/pg/test_write_locks.py checks every column).

Downgrade restores 0002's functions and policies, table-level UPDATE and TEMPORARY for PUBLIC
(the server's default); CREATE on the schema is not given back to PUBLIC.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

GUARDED = ("indicator", "observation", "flag", "indicator_department")
COLUMN_UPDATES = {
    "tracker_coordinator": ("indicator", "observation", "flag"),
    "tracker_province": ("document", "region", "pillar"),
}

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION {s}.tracker_region_role(region_code text) RETURNS text
LANGUAGE sql IMMUTABLE SECURITY INVOKER
SET search_path = pg_catalog, {s}, pg_temp
RETURN 'tracker_region_' OPERATOR(pg_catalog.||)
    pg_catalog.lower(pg_catalog.regexp_replace(region_code, '[^A-Za-z0-9]+', '_', 'g'));

CREATE OR REPLACE FUNCTION {s}.tracker_may_write_region(target text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER
SET search_path = pg_catalog, {s}, pg_temp
BEGIN ATOMIC
    WITH RECURSIVE up(code, parent_code) AS (
        SELECT r.code, r.parent_code FROM {s}.region r WHERE r.code OPERATOR(pg_catalog.=) target
        UNION
        SELECT r.code, r.parent_code FROM {s}.region r
        JOIN up ON r.code OPERATOR(pg_catalog.=) up.parent_code
    )
    SELECT EXISTS (
        SELECT 1 FROM pg_catalog.pg_roles g
        WHERE (g.rolname OPERATOR(pg_catalog.=) 'tracker_province'::pg_catalog.text
               OR g.rolname OPERATOR(pg_catalog.=)
                  ANY (SELECT {s}.tracker_region_role(up.code) FROM up))
          AND pg_catalog.pg_has_role(CURRENT_USER, g.oid, 'MEMBER')
    );
END;

CREATE OR REPLACE FUNCTION {s}.tracker_may_write_indicator(target integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER
SET search_path = pg_catalog, {s}, pg_temp
RETURN {s}.tracker_may_write_region(
    (SELECT i.region_code FROM {s}.indicator i WHERE i.id OPERATOR(pg_catalog.=) target));
"""

# 0002's definitions, for the downgrade.
FUNCTIONS_0002 = r"""
CREATE OR REPLACE FUNCTION tracker_region_role(region_code text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT 'tracker_region_' || lower(regexp_replace(region_code, '[^A-Za-z0-9]+', '_', 'g')) $$;

CREATE OR REPLACE FUNCTION tracker_may_write_region(target text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path FROM CURRENT
AS $$
    WITH RECURSIVE up(code, parent_code) AS (
        SELECT code, parent_code FROM region WHERE code = target
        UNION
        SELECT r.code, r.parent_code FROM region r JOIN up ON r.code = up.parent_code
    )
    SELECT EXISTS (
        SELECT 1 FROM pg_roles g
        WHERE (g.rolname = 'tracker_province'
               OR g.rolname IN (SELECT tracker_region_role(code) FROM up))
          AND pg_has_role(current_user, g.oid, 'MEMBER')
    )
$$;

CREATE OR REPLACE FUNCTION tracker_may_write_indicator(target integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path FROM CURRENT
AS $$ SELECT tracker_may_write_region((SELECT region_code FROM indicator WHERE id = target)) $$
"""

PRIVILEGES = """
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, tracker_coordinator,'
                   ' tracker_province', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC, tracker_coordinator,'
                   ' tracker_province', current_schema());
    IF pg_catalog.has_database_privilege('tracker_coordinator', current_database(), 'TEMPORARY')
       OR pg_catalog.has_schema_privilege('tracker_coordinator', current_schema(), 'CREATE') THEN
        RAISE EXCEPTION 'coordinators still may create temporary tables or objects in schema %'
            ' after the REVOKE; run this upgrade as the owner of database %',
            current_schema(), current_database();
    END IF;
END
$$
"""

PRIVILEGES_0003 = """
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
END
$$
"""

# `taken` is never set: it is there because locking a row (SELECT ... FOR UPDATE) needs UPDATE
# on one of its columns, and a column nobody reads is the one to grant.
GATES = r"""
CREATE TABLE {s}.write_gate (
    region_code varchar(40) PRIMARY KEY
        REFERENCES {s}.region (code) ON DELETE CASCADE ON UPDATE CASCADE,
    taken boolean NOT NULL DEFAULT false
);
INSERT INTO {s}.write_gate (region_code) SELECT code FROM {s}.region;
ALTER TABLE {s}.write_gate ENABLE ROW LEVEL SECURITY;
ALTER TABLE {s}.write_gate FORCE ROW LEVEL SECURITY;
CREATE POLICY tracker_read ON {s}.write_gate FOR SELECT USING (true);
CREATE POLICY tracker_open ON {s}.write_gate FOR INSERT WITH CHECK (true);
-- SELECT ... FOR UPDATE locks only rows that pass the UPDATE policy's USING; no UPDATE passes
-- its WITH CHECK, so a gate can be locked by the roles that may write its region and changed
-- by nobody.
CREATE POLICY tracker_take ON {s}.write_gate FOR UPDATE
    USING ({s}.tracker_may_write_region(region_code)) WITH CHECK (false);
GRANT SELECT, UPDATE (taken) ON {s}.write_gate TO tracker_coordinator;

CREATE FUNCTION {s}.tracker_open_write_gate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
BEGIN
    INSERT INTO {s}.write_gate (region_code) VALUES (NEW.code) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION {s}.tracker_open_write_gate() FROM PUBLIC;
CREATE TRIGGER tracker_open_write_gate AFTER INSERT ON {s}.region
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_open_write_gate();
"""

GATES_DOWN = r"""
DROP TRIGGER IF EXISTS tracker_open_write_gate ON {s}.region;
DROP FUNCTION IF EXISTS {s}.tracker_open_write_gate();
DROP TABLE IF EXISTS {s}.write_gate;
"""


def quoted(name: str) -> str:
    """An identifier quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def policies(table: str, check: str) -> list[str]:
    """The write policies of a guarded table, checking `check`."""
    return [
        f"DROP POLICY IF EXISTS tracker_insert ON {table}",
        f"DROP POLICY IF EXISTS tracker_update ON {table}",
        f"DROP POLICY IF EXISTS tracker_delete ON {table}",
        f"CREATE POLICY tracker_insert ON {table} FOR INSERT WITH CHECK ({check})",
        f"CREATE POLICY tracker_update ON {table} FOR UPDATE USING ({check}) WITH CHECK ({check})",
        f"CREATE POLICY tracker_delete ON {table} FOR DELETE USING ({check})",
    ]


def all_policies(schema: str, qualify: bool) -> list[str]:
    """The write policies of every guarded table, naming their functions qualified or not."""
    prefix = f"{schema}." if qualify else ""
    statements = policies(f"{schema}.indicator", f"{prefix}tracker_may_write_region(region_code)")
    for table in GUARDED[1:]:
        statements += policies(
            f"{schema}.{table}", f"{prefix}tracker_may_write_indicator(indicator_id)"
        )
    return statements


def column_updates(schema: str, *, per_column: bool) -> list[str]:
    """UPDATE on every column of the tables each group changes, or on the tables."""
    inspector = sa.inspect(op.get_bind())
    statements = []
    for group, tables in COLUMN_UPDATES.items():
        for table in tables:
            columns = ", ".join(quoted(c["name"]) for c in inspector.get_columns(table))
            target = f"{schema}.{table}"
            statements.append(f"REVOKE UPDATE ON {target} FROM {group}")
            grant = f"UPDATE ({columns})" if per_column else "UPDATE"
            statements.append(f"GRANT {grant} ON {target} TO {group}")
    return statements


def schema_and_path() -> tuple[str, str]:
    """The tracker's schema (quoted) and the search path in force now."""
    bind = op.get_bind()
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    path = bind.execute(sa.text("SELECT current_setting('search_path')")).scalar_one()
    return quoted(str(schema)), str(path)


def pinned(schema: str, path: str, statements: list[str]) -> None:
    """Run `statements` with the pinned search path, then restore `path`."""
    bind = op.get_bind()
    bind.execute(
        sa.text("SELECT set_config('search_path', :p, true)"),
        {"p": f"pg_catalog, {schema}, pg_temp"},
    )
    for statement in statements:
        op.execute(statement)
    bind.execute(sa.text("SELECT set_config('search_path', :p, true)"), {"p": path})


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema, path = schema_and_path()
    pinned(
        schema,
        path,
        [
            FUNCTIONS.format(s=schema),
            *all_policies(schema, qualify=True),
            PRIVILEGES,
            GATES.format(s=schema),
            *column_updates(schema, per_column=True),
        ],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema, path = schema_and_path()
    pinned(schema, path, [*column_updates(schema, per_column=False), GATES_DOWN.format(s=schema)])
    # 0002's functions are created with the search path 0002 ran with.
    op.execute(FUNCTIONS_0002)
    for statement in all_policies(schema, qualify=False):
        op.execute(statement)
    op.execute(PRIVILEGES_0003)
