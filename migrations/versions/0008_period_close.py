"""closed periods: a month, quarter, half-year or year closed for a region and its sub-regions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 14:30:00

New table `period_close`: the region, the period as written (`2025-06`, `2025Q2`, `2025H1`,
`2025`) and the span it covers, the change set that closed it and the one that reopened it.
At most one closing of a region's period is in force at a time (a partial unique index).

PostgreSQL. Every coordinator reads the table; only province roles (those who may write the
province's root region: `tracker_may_close_period`, SQL-standard like revision 0004's
functions, with the search path pinned) may insert a closing or set `reopened_in` on one in
force, and no other column may change: row security decides, and UPDATE is granted on that
column alone. A BEFORE INSERT OR UPDATE trigger on observation refuses a value (new, or an
existing one moved out of `current`) whose period ends within a span closed for the
indicator's region or one of its ancestors, naming the period, the region, who closed it and
when: raw SQL by any role is refused as the tracker's own writes are. The trigger's function is
SECURITY DEFINER so that it reads the closings whatever the writer may read; it reads and
writes nothing else.

Downgrade drops the trigger, the functions and the table (the closings with it).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

IN_FORCE = "reopened_in IS NULL"

# Created with the search path pinned (pg_catalog first, the tracker's schema, pg_temp last):
# the SQL-standard body binds every table, function and operator when it is created.
MAY_CLOSE = r"""
CREATE FUNCTION {s}.tracker_may_close_period(target text) RETURNS boolean
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
        SELECT 1 FROM up WHERE up.parent_code IS NULL AND {s}.tracker_may_write_region(up.code)
    );
END;
"""

# The closing in force that covers a value of indicator `target` dated `value_end`, in words;
# NULL when there is none. Called by the trigger's function, as its owner.
CLOSING_FOR = r"""
CREATE FUNCTION {s}.tracker_closing_for(target integer, value_end date) RETURNS text
LANGUAGE sql STABLE SECURITY INVOKER
SET search_path = pg_catalog, {s}, pg_temp
BEGIN ATOMIC
    WITH RECURSIVE up(code, parent_code) AS (
        SELECT r.code, r.parent_code FROM {s}.region r
        WHERE r.code OPERATOR(pg_catalog.=)
            (SELECT i.region_code FROM {s}.indicator i WHERE i.id OPERATOR(pg_catalog.=) target)
        UNION
        SELECT r.code, r.parent_code FROM {s}.region r
        JOIN up ON r.code OPERATOR(pg_catalog.=) up.parent_code
    )
    SELECT pg_catalog.format(
        'period %s is closed for %s (%s) by %s at %s',
        c.period, r.name, r.code,
        CASE WHEN cs.person IS NULL OR cs.person OPERATOR(pg_catalog.=) cs.actor THEN cs.actor
             ELSE pg_catalog.format('%s (%s)', cs.actor, cs.person) END,
        pg_catalog.to_char({at_utc}, 'YYYY-MM-DD HH24:MI') OPERATOR(pg_catalog.||) ' UTC')
    FROM {s}.period_close c
    JOIN up ON up.code OPERATOR(pg_catalog.=) c.region_code
    JOIN {s}.region r ON r.code OPERATOR(pg_catalog.=) c.region_code
    JOIN {s}.change_set cs ON cs.id OPERATOR(pg_catalog.=) c.closed_in
    WHERE c.reopened_in IS NULL
      AND value_end OPERATOR(pg_catalog.>=) c.period_start
      AND value_end OPERATOR(pg_catalog.<=) c.period_end
    ORDER BY c.id
    LIMIT 1;
END;
"""

REFUSE = r"""
CREATE FUNCTION {s}.tracker_refuse_closed_period() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {s}, pg_temp
AS $$
DECLARE
    closing text;
BEGIN
    -- Most writes meet no closing at all: one probe of the partial index, nothing more.
    IF NOT EXISTS (SELECT 1 FROM {s}.period_close c WHERE c.reopened_in IS NULL) THEN
        RETURN NEW;
    END IF;
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND OLD.period_end IS NOT NULL THEN
        closing := {s}.tracker_closing_for(OLD.indicator_id, OLD.period_end);
        IF closing IS NOT NULL THEN
            RAISE EXCEPTION 'observation % (%) may not change: %; nothing was written (reopen'
                ' the period first: tracker period reopen)', OLD.id, OLD.period, closing
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.period_end IS NOT NULL THEN
        closing := {s}.tracker_closing_for(NEW.indicator_id, NEW.period_end);
        IF closing IS NOT NULL THEN
            RAISE EXCEPTION 'a value for % falls in a closed period: %; nothing was written'
                ' (reopen the period first: tracker period reopen)', NEW.period, closing
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION {s}.tracker_refuse_closed_period() FROM PUBLIC;
CREATE TRIGGER tracker_refuse_closed_period BEFORE INSERT OR UPDATE ON {s}.observation
    FOR EACH ROW EXECUTE FUNCTION {s}.tracker_refuse_closed_period();
"""

PRIVILEGES = r"""
GRANT SELECT ON {s}.period_close TO tracker_coordinator;
GRANT INSERT, UPDATE (reopened_in) ON {s}.period_close TO tracker_province;
GRANT USAGE ON SEQUENCE {s}.period_close_id_seq TO tracker_province;
ALTER TABLE {s}.period_close ENABLE ROW LEVEL SECURITY;
ALTER TABLE {s}.period_close FORCE ROW LEVEL SECURITY;
CREATE POLICY tracker_read ON {s}.period_close FOR SELECT USING (true);
CREATE POLICY tracker_close ON {s}.period_close FOR INSERT
    WITH CHECK (reopened_in IS NULL AND {s}.tracker_may_close_period(region_code));
CREATE POLICY tracker_reopen ON {s}.period_close FOR UPDATE
    USING (reopened_in IS NULL AND {s}.tracker_may_close_period(region_code))
    WITH CHECK (reopened_in IS NOT NULL AND {s}.tracker_may_close_period(region_code));
"""

DOWN = r"""
DROP TRIGGER IF EXISTS tracker_refuse_closed_period ON {s}.observation;
DROP FUNCTION IF EXISTS {s}.tracker_refuse_closed_period();
DROP FUNCTION IF EXISTS {s}.tracker_closing_for(integer, date);
"""


def upgrade() -> None:
    op.create_table(
        "period_close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("closed_in", sa.Integer(), nullable=False),
        sa.Column("reopened_in", sa.Integer(), nullable=True),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_period_close_span")),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_period_close_region_code_region")
        ),
        sa.ForeignKeyConstraint(
            ["closed_in"], ["change_set.id"], name=op.f("fk_period_close_closed_in_change_set")
        ),
        sa.ForeignKeyConstraint(
            ["reopened_in"],
            ["change_set.id"],
            name=op.f("fk_period_close_reopened_in_change_set"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_close")),
    )
    with op.batch_alter_table("period_close") as batch_op:
        batch_op.create_index(batch_op.f("ix_period_close_region_code"), ["region_code"])
        batch_op.create_index(
            "uq_period_close_in_force",
            ["region_code", "period"],
            unique=True,
            sqlite_where=sa.text(IN_FORCE),
            postgresql_where=sa.text(IN_FORCE),
        )
    if op.get_bind().dialect.name == "postgresql":
        _enforce()


def _schema() -> str:
    """The tracker's schema, quoted."""
    found = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    return '"' + str(found).replace('"', '""') + '"'


def _enforce() -> None:
    bind = op.get_bind()
    schema = _schema()
    path = str(bind.execute(sa.text("SELECT current_setting('search_path')")).scalar_one())
    bind.execute(
        sa.text("SELECT set_config('search_path', :p, true)"),
        {"p": f"pg_catalog, {schema}, pg_temp"},
    )
    at_utc = _at_in_utc(bind)
    for statement in (MAY_CLOSE, CLOSING_FOR, REFUSE, PRIVILEGES):
        op.execute(statement.format(s=schema, at_utc=at_utc))
    bind.execute(sa.text("SELECT set_config('search_path', :p, true)"), {"p": path})


def _at_in_utc(bind: sa.engine.Connection) -> str:
    """`change_set.at` as UTC wall-clock time, whichever timestamp type revision 0007 gave it."""
    kind = bind.execute(
        sa.text(
            "SELECT data_type FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = 'change_set' AND column_name = 'at'"
        )
    ).scalar()
    return "cs.at AT TIME ZONE 'UTC'" if kind == "timestamp with time zone" else "cs.at"


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(DOWN.format(s=_schema()))
    with op.batch_alter_table("period_close") as batch_op:
        batch_op.drop_index("uq_period_close_in_force")
        batch_op.drop_index(batch_op.f("ix_period_close_region_code"))
    op.drop_table("period_close")  # with its policies on PostgreSQL
    if postgresql:
        op.execute(f"DROP FUNCTION IF EXISTS {_schema()}.tracker_may_close_period(text)")
