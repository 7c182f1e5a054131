"""partial indexes on observation for the rare values the status board looks for

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:55:00

The status board seeks, per indicator, the latest actual of a quarter, half-year or range
(`period_start` set), counts held values (`quarantine` set) and finds targets defined against
another series (`relative_to` set). Few rows have any of these, but without an index each
seek read every actual of the indicator and each count or lookup every observation. Three
partial indexes hold only those rows. Downgrade drops them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# name: (columns, the rows it holds)
INDEXES = {
    "ix_observation_span": (
        ["indicator_id", "kind", "state", "period_end"],
        "period_start IS NOT NULL",
    ),
    "ix_observation_held": (["indicator_id", "state"], "quarantine IS NOT NULL"),
    "ix_observation_relative": (["indicator_id", "kind", "state"], "relative_to IS NOT NULL"),
}


def upgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        for name, (columns, rows) in INDEXES.items():
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text(rows),
                postgresql_where=sa.text(rows),
            )


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
