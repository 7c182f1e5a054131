"""the line of its file an imported value came from

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:00:00

An imported observation names its file through the change set that wrote it; `source_line`
keeps the line of that file, so that the source can be shown whole ("2025-06.csv, line 14").
Values typed by a person, and those imported before this revision, have none. Coordinators
get UPDATE of the column as of every other (revision 0004's grants, column by column); on
PostgreSQL revision 0009's trigger still refuses any change of a stored value's columns.
Downgrade drops the column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_line", sa.Integer(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = '"' + str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()) + '"'
        op.execute(f"GRANT UPDATE (source_line) ON {schema}.observation TO tracker_coordinator")


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_column("source_line")
