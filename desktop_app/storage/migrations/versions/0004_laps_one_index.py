"""laps: drop ix_laps_session_id, which the unique index already covers

The unique index on laps (session_id, entry_id, lap_number) starts with session_id, so
it serves every lookup by session (a session's laps, the cascade when a session is
deleted) on SQLite and PostgreSQL alike. The separate index on session_id alone only
cost time on every lap written: ~10 ms of a weekend's 22,304 laps.

Revision ID: 0004_laps_one_index
Revises: 0003_weekend_data
Create Date: 2026-12-03 07:45:00
"""

from __future__ import annotations

from alembic import op


revision = '0004_laps_one_index'
down_revision = '0003_weekend_data'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index(op.f('ix_laps_session_id'), table_name='laps')


def downgrade() -> None:
    op.create_index(op.f('ix_laps_session_id'), 'laps', ['session_id'], unique=False)
