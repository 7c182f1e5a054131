"""Storage: engines and sessions, the schema's revision, queries and audited mutations."""

# The Alembic head this code is written for; tests/test_migrations.py keeps it equal to the head.
HEAD_REVISION = "0010"
