"""executions.heartbeat_at: a running execution's lease, renewed while its process lives

A "running" execution whose heartbeat is stale (its process was killed, froze, or its host
is gone) is closed as interrupted by any process that finds it (app/services/sync/execution_lease.py).

Revision ID: 0005_heartbeat
Revises: 0004_identity
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_heartbeat'
down_revision = '0004_identity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('executions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('executions', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')
