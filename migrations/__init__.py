"""The Alembic scripts, shipped inside the package as tracker.migrations."""
