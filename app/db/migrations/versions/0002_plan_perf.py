"""seat plan speed: drop ix_performance_seats_contingent

Moving 20,000 seats to another contingent spent a third of its time maintaining this
index; the queries by contingent read one performance's rows through the unique
(performance_id, seat_id) index instead.

Revision ID: 0002_plan_perf
Revises: 0001
"""
from alembic import op


revision = '0002_plan_perf'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('performance_seats', schema=None) as batch_op:
        batch_op.drop_index('ix_performance_seats_contingent')


def downgrade() -> None:
    with op.batch_alter_table('performance_seats', schema=None) as batch_op:
        batch_op.create_index('ix_performance_seats_contingent', ['performance_id', 'contingent_id'], unique=False)
