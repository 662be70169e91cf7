"""seat_history without foreign-key constraints (issue 15): the log's ids come from rows its
writers read in the same transaction and nothing deletes them; on PostgreSQL the four per-row
constraint triggers cost four times the insert itself (an allocation of 20,000 seats, a
reintegration's 100,000 history rows).

Revision ID: 0013_seat_history_plain
Revises: 0012_log_message_args
"""
from alembic import op


revision = '0013_seat_history_plain'
down_revision = '0012_log_message_args'
branch_labels = None
depends_on = None

FKS = (("operator_id", "operators"), ("performance_id", "performances"), ("seat_id", "seats"), ("zone_id", "zones"))


def upgrade() -> None:
    with op.batch_alter_table('seat_history') as batch_op:
        for column, table in FKS:
            batch_op.drop_constraint(f'fk_seat_history_{column}_{table}', type_='foreignkey')


def downgrade() -> None:
    with op.batch_alter_table('seat_history') as batch_op:
        for column, table in FKS:
            batch_op.create_foreign_key(f'fk_seat_history_{column}_{table}', table, [column], ['id'])
