"""Alembic migrations, run in-process at start-up (no alembic.ini needed)."""
