"""schedules: window hours, the slot claim with its lease, pre-flight warning, error
counter; the per-interface run claim (SQLite); the venue's time zone

Revision ID: 0008_schedules
Revises: 0007_till
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_schedules'
down_revision = '0007_till'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('schedules') as batch:
        batch.add_column(sa.Column('window_start_time', sa.String(length=5), nullable=False, server_default=''))
        batch.add_column(sa.Column('window_end_time', sa.String(length=5), nullable=False, server_default=''))
        batch.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=False, server_default=''))
        batch.add_column(sa.Column('claim_expires_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('preflight_warning', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('error_count', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('schedules') as batch:
        for col in ('window_start_time', 'window_end_time', 'claimed_by', 'preflight_warning', 'error_count'):
            batch.alter_column(col, server_default=None)
    op.create_table('interface_claims',
    sa.Column('interface_id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['interface_id'], ['distributor_interfaces.id'],
                            name=op.f('fk_interface_claims_interface_id_distributor_interfaces')),
    sa.PrimaryKeyConstraint('interface_id', name=op.f('pk_interface_claims'))
    )
    op.create_table('venue_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_settings'))
    )


def downgrade() -> None:
    op.drop_table('venue_settings')
    op.drop_table('interface_claims')
    with op.batch_alter_table('schedules') as batch:
        for col in ('error_count', 'preflight_warning', 'claim_expires_at', 'claimed_by', 'window_end_time',
                    'window_start_time'):
            batch.drop_column(col)
