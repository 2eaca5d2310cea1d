"""Alembic migrations, run by RaceDesk itself at startup (no alembic.ini needed)."""
