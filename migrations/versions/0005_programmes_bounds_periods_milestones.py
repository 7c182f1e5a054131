"""programmes, bounds on any value, periods with a start, open commitments, quarantine,
indicator measures and milestones with deliverables

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:10:00

observation: `period_start` (quarters, half-years, ranges; NULL for a point), comparators `>`,
`<` and `~`, a NULL period end and precision for an open commitment (a target with no period),
a NULL value for a target defined against another series (`relative_to`), the `programme` that
set a target and its `deadline_basis`, and `quarantine` (why a value is held out of verdicts).
indicator: `measure` (level, rate, rank). New tables: `programme` and `milestone`.

Downgrade keeps what the older schema can hold: a quarter, half-year or range becomes the
month, day or year it ends in, `>` and `<` become `>=` and `<=`, `~` becomes `=`; open
commitments and values defined against another series (no period or no value) are deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import tracker.domain.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_PRECISIONS = ("year", "month", "day")
OLD_COMPARATORS = (">=", "<=", "=")
PRECISIONS = ("year", "month", "day", "quarter", "half", "range")
COMPARATORS = (">=", "<=", "=", ">", "<", "~")
DEADLINE_BASES = ("stated", "plan_end", "assumed")
MEASURES = ("level", "rate", "rank")
MILESTONE_STATES = ("planned", "started", "approved", "completed")


def compared(column: str, values: tuple[str, ...], nullable: bool) -> str:
    """`column = 'a' OR column = 'b' ...` (with `column IS NULL OR` first when nullable)."""
    either = " OR ".join(f"{column} = '{value}'" for value in values)
    return f"{column} IS NULL OR {either}" if nullable else either


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("start_period", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("end_period", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["document"], ["document.id"], name=op.f("fk_programme_document_document")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_programme")),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("deliverable", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("source_doc", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entered_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            compared("state", MILESTONE_STATES, False), name=op.f("ck_milestone_state")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_milestone_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["source_doc"], ["document.id"], name=op.f("fk_milestone_source_doc_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
    )
    with op.batch_alter_table("milestone") as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_indicator_id"), ["indicator_id"])

    with op.batch_alter_table("indicator") as batch_op:
        batch_op.add_column(
            sa.Column(
                "measure",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                server_default="level",
                nullable=False,
            )
        )
        batch_op.create_check_constraint(
            op.f("ck_indicator_measure"), compared("measure", MEASURES, False)
        )

    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("programme", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.add_column(
            sa.Column("deadline_basis", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
        )
        batch_op.add_column(
            sa.Column("relative_to", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.add_column(
            sa.Column("quarantine", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.alter_column(
            "period",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=10),
            type_=sqlmodel.sql.sqltypes.AutoString(length=24),
            existing_nullable=False,
        )
        batch_op.alter_column(
            "precision", existing_type=sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True
        )
        batch_op.alter_column("period_end", existing_type=sa.Date(), nullable=True)
        batch_op.alter_column(
            "value", existing_type=tracker.domain.models.ExactDecimal(length=40), nullable=True
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_observation_programme_programme"), "programme", ["programme"], ["code"]
        )
        for column, values in (("precision", PRECISIONS), ("comparator", COMPARATORS)):
            name = op.f(f"ck_observation_{column}")
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, compared(column, values, True))
        batch_op.create_check_constraint(
            op.f("ck_observation_deadline_basis"),
            compared("deadline_basis", DEADLINE_BASES, True),
        )
    if op.get_bind().dialect.name == "postgresql":
        _grant()


def _grant() -> None:
    """The new tables and columns as 0002 and 0004 set the others: everyone reads; a province
    coordinator writes programmes; a milestone is written by whoever may write its indicator's
    region. UPDATE is granted column by column (0004): a table-wide UPDATE would let a role
    LOCK TABLE what writers need. Nobody deletes milestones, so DELETE is not granted."""
    bind = op.get_bind()
    schema = '"' + str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()) + '"'
    check = f"{schema}.tracker_may_write_indicator(indicator_id)"

    def columns(table: str) -> str:
        return ", ".join(f'"{c["name"]}"' for c in sa.inspect(bind).get_columns(table))

    for statement in (
        f"GRANT SELECT ON {schema}.programme, {schema}.milestone TO tracker_coordinator",
        f"GRANT INSERT ON {schema}.programme TO tracker_province",
        f"GRANT UPDATE ({columns('programme')}) ON {schema}.programme TO tracker_province",
        f"GRANT INSERT ON {schema}.milestone TO tracker_coordinator",
        f"GRANT UPDATE ({columns('milestone')}) ON {schema}.milestone TO tracker_coordinator",
        f"GRANT UPDATE ({columns('observation')}) ON {schema}.observation TO tracker_coordinator",
        f"GRANT UPDATE ({columns('indicator')}) ON {schema}.indicator TO tracker_coordinator",
        f"GRANT USAGE ON SEQUENCE {schema}.milestone_id_seq TO tracker_coordinator",
        f"ALTER TABLE {schema}.milestone ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {schema}.milestone FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tracker_read ON {schema}.milestone FOR SELECT USING (true)",
        f"CREATE POLICY tracker_insert ON {schema}.milestone FOR INSERT WITH CHECK ({check})",
        f"CREATE POLICY tracker_update ON {schema}.milestone FOR UPDATE USING ({check})"
        f" WITH CHECK ({check})",
    ):
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    month = "to_char(period_end, 'YYYY-MM')" if postgresql else "strftime('%Y-%m', period_end)"
    day = "to_char(period_end, 'YYYY-MM-DD')" if postgresql else "strftime('%Y-%m-%d', period_end)"
    year = "to_char(period_end, 'YYYY')" if postgresql else "strftime('%Y', period_end)"
    find = "strpos(period, '..')" if postgresql else "instr(period, '..')"
    last = f"length(substr(period, {find} + 2))"  # 4, 7 or 10: a year, a month or a day
    gone = "(period_end IS NULL OR value IS NULL)"
    for statement in (
        f"UPDATE observation SET superseded_by_id = NULL WHERE superseded_by_id IN"
        f" (SELECT id FROM observation WHERE {gone})",
        f"DELETE FROM observation WHERE {gone}",
        f"UPDATE observation SET period = {month}, precision = 'month'"
        " WHERE precision IN ('quarter', 'half')",
        f"UPDATE observation SET period = CASE {last}"
        f" WHEN 4 THEN {year} WHEN 7 THEN {month} ELSE {day} END,"
        f" precision = CASE {last} WHEN 4 THEN 'year' WHEN 7 THEN 'month' ELSE 'day' END"
        " WHERE precision = 'range'",
        "UPDATE observation SET comparator = '>=' WHERE comparator = '>'",
        "UPDATE observation SET comparator = '<=' WHERE comparator = '<'",
        "UPDATE observation SET comparator = '=' WHERE comparator = '~'",
    ):
        op.execute(statement)
    with op.batch_alter_table("observation") as batch_op:
        batch_op.drop_constraint(op.f("ck_observation_deadline_basis"), type_="check")
        for column, values in (("precision", OLD_PRECISIONS), ("comparator", OLD_COMPARATORS)):
            name = op.f(f"ck_observation_{column}")
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, compared(column, values, column != "precision"))
        batch_op.drop_constraint(op.f("fk_observation_programme_programme"), type_="foreignkey")
        batch_op.alter_column(
            "value", existing_type=tracker.domain.models.ExactDecimal(length=40), nullable=False
        )
        batch_op.alter_column("period_end", existing_type=sa.Date(), nullable=False)
        batch_op.alter_column(
            "precision", existing_type=sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False
        )
        batch_op.alter_column(
            "period",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=24),
            type_=sqlmodel.sql.sqltypes.AutoString(length=10),
            existing_nullable=False,
        )
        for column in ("quarantine", "relative_to", "deadline_basis", "programme", "period_start"):
            batch_op.drop_column(column)
    with op.batch_alter_table("indicator") as batch_op:
        batch_op.drop_constraint(op.f("ck_indicator_measure"), type_="check")
        batch_op.drop_column("measure")
    with op.batch_alter_table("milestone") as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_indicator_id"))
    op.drop_table("milestone")  # with its policies on PostgreSQL
    op.drop_table("programme")
