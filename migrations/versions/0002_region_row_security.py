"""per-region write permission on PostgreSQL (row-level security); exact NUMERIC values

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 20:00:00

PostgreSQL only; on SQLite this revision changes nothing (a file is protected by its owner's
file permissions, and there is one writer at a time).

Group roles (cluster-wide, so created only when absent and kept on downgrade):
  tracker_coordinator   may read every table and write the tables below, subject to the policies
  tracker_province      a coordinator who may write every region's figures
  tracker_region_<code> created by `tracker access grant`: may write that region and the regions
                        below it (tracker_region_tl for 铁岭 covers 开原市, 昌图县, ...)

Row-level security is enabled and forced (it binds the tables' owner too) on indicator,
observation, flag and indicator_department: everyone reads every row; inserts, updates and
deletes need write permission on the indicator's region. audit_event accepts inserts from every
coordinator and has no update or delete policy: nobody but a superuser can change it.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GUARDED = ("indicator", "observation", "flag", "indicator_department")

ROLES = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracker_coordinator') THEN
        CREATE ROLE tracker_coordinator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracker_province') THEN
        CREATE ROLE tracker_province NOLOGIN IN ROLE tracker_coordinator;
    END IF;
    -- Forced row-level security binds the owner too: a non-superuser owner (a managed server's
    -- admin) writes seed data and migrations of data as a provincial coordinator.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'tracker_province', 'MEMBER') THEN
        EXECUTE format('GRANT tracker_province TO %I', current_user);
    END IF;
EXCEPTION WHEN duplicate_object THEN
    NULL;  -- another database on this server created the role at the same moment
END
$$
"""

FUNCTIONS = r"""
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

GRANTS = """
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO tracker_coordinator', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO tracker_coordinator',
                   current_schema());
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO tracker_coordinator',
                   current_schema());
END
$$;
GRANT INSERT, UPDATE ON indicator, observation, flag TO tracker_coordinator;
GRANT INSERT, DELETE ON indicator_department TO tracker_coordinator;
GRANT INSERT ON department, audit_event TO tracker_coordinator;
GRANT INSERT, UPDATE ON document, region, pillar TO tracker_province
"""

REVOKES = """
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM tracker_coordinator,'
                   ' tracker_province', current_schema());
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM tracker_coordinator,'
                   ' tracker_province', current_schema());
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM tracker_coordinator', current_schema());
END
$$
"""


def guard_policies(table: str, check: str) -> list[str]:
    """Read all rows; write only rows whose indicator's region the role may write."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tracker_read ON {table} FOR SELECT USING (true)",
        f"CREATE POLICY tracker_insert ON {table} FOR INSERT WITH CHECK ({check})",
        f"CREATE POLICY tracker_update ON {table} FOR UPDATE USING ({check}) WITH CHECK ({check})",
        f"CREATE POLICY tracker_delete ON {table} FOR DELETE USING ({check})",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # 0001 declared NUMERIC(38, 12) here, which rounds values with more than 12 decimals;
    # dropping the scale only widens the type (no rewrite, no value changes).
    op.execute("ALTER TABLE observation ALTER COLUMN value TYPE NUMERIC")
    op.execute(ROLES)
    op.execute(FUNCTIONS)
    op.execute(GRANTS)
    statements = guard_policies("indicator", "tracker_may_write_region(region_code)")
    for table in GUARDED[1:]:
        statements += guard_policies(table, "tracker_may_write_indicator(indicator_id)")
    statements += [
        "ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE audit_event FORCE ROW LEVEL SECURITY",
        "CREATE POLICY tracker_read ON audit_event FOR SELECT USING (true)",
        "CREATE POLICY tracker_insert ON audit_event FOR INSERT WITH CHECK (true)",
    ]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*GUARDED, "audit_event"):
        for policy in ("tracker_read", "tracker_insert", "tracker_update", "tracker_delete"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute(REVOKES)
    op.execute("DROP FUNCTION IF EXISTS tracker_may_write_indicator(integer)")
    op.execute("DROP FUNCTION IF EXISTS tracker_may_write_region(text)")
    op.execute("DROP FUNCTION IF EXISTS tracker_region_role(text)")
    # The value column stays unconstrained NUMERIC: narrowing it back could round stored values.
