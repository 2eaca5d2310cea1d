"""weekend data: crews per session, laps, weather, official driver ids, qualifying groups

Revision ID: 0003_weekend_data
Revises: 0002_change_log
Create Date: 2026-12-02 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_weekend_data'
down_revision = '0002_change_log'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sessions') as batch:
        batch.add_column(sa.Column('qualifying_groups', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('groups_source', sa.String(length=20), nullable=False, server_default=''))
    op.create_table('driver_official_ids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=40), nullable=False),
    sa.Column('official_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_driver_official_ids_driver_id_drivers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_driver_official_ids')),
    sa.UniqueConstraint('provider', 'official_id', name=op.f('uq_driver_official_ids_provider'))
    )
    op.create_index(op.f('ix_driver_official_ids_driver_id'), 'driver_official_ids', ['driver_id'], unique=False)
    op.create_table('session_crews',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_session_crews_driver_id_drivers'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_session_crews_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_crews_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'entry_id', 'seat', name=op.f('pk_session_crews'))
    )
    op.create_index(op.f('ix_session_crews_driver_id'), 'session_crews', ['driver_id'], unique=False)
    op.create_table('laps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('lap_number', sa.Integer(), nullable=False),
    sa.Column('time_ms', sa.Integer(), nullable=True),
    sa.Column('driver_id', sa.Integer(), nullable=True),
    sa.Column('driver_number', sa.Integer(), nullable=True),
    sa.Column('pit_in', sa.Boolean(), nullable=False),
    sa.Column('pit_time_ms', sa.Integer(), nullable=True),
    sa.Column('flag', sa.String(length=8), nullable=False),
    sa.Column('time_of_day_ms', sa.Integer(), nullable=True),
    sa.Column('elapsed_ms', sa.Integer(), nullable=True),
    sa.Column('s1_ms', sa.Integer(), nullable=True),
    sa.Column('s2_ms', sa.Integer(), nullable=True),
    sa.Column('s3_ms', sa.Integer(), nullable=True),
    sa.Column('kph', sa.Double(), nullable=True),
    sa.Column('top_speed_kph', sa.Double(), nullable=True),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_laps_driver_id_drivers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_laps_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_laps_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_laps')),
    sa.UniqueConstraint('session_id', 'entry_id', 'lap_number', name=op.f('uq_laps_session_id'))
    )
    op.create_index(op.f('ix_laps_session_id'), 'laps', ['session_id'], unique=False)
    op.create_table('weather_samples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('air_temp_c', sa.Double(), nullable=True),
    sa.Column('track_temp_c', sa.Double(), nullable=True),
    sa.Column('humidity_pct', sa.Double(), nullable=True),
    sa.Column('pressure_hpa', sa.Double(), nullable=True),
    sa.Column('wind_speed_kph', sa.Double(), nullable=True),
    sa.Column('wind_direction_deg', sa.Integer(), nullable=True),
    sa.Column('rain', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_weather_samples_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weather_samples'))
    )
    op.create_index(op.f('ix_weather_samples_session_id'), 'weather_samples', ['session_id'], unique=False)
    op.create_table('imported_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_imported_files_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_files')),
    sa.UniqueConstraint('session_id', 'sha256', name=op.f('uq_imported_files_session_id'))
    )
    op.create_index(op.f('ix_imported_files_session_id'), 'imported_files', ['session_id'], unique=False)


def downgrade() -> None:
    op.drop_table('imported_files')
    op.drop_table('weather_samples')
    op.drop_table('laps')
    op.drop_table('session_crews')
    op.drop_table('driver_official_ids')
    with op.batch_alter_table('sessions') as batch:
        batch.drop_column('groups_source')
        batch.drop_column('qualifying_groups')
