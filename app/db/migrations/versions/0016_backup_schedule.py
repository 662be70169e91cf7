"""A scheduled daily backup (issue 17): a schedule may run the function `backup`, which needs
no distributor interface (schedules.interface_id and executions.interface_id become nullable),
with its folder, the number of copies kept there and who is e-mailed when it fails.

Revision ID: 0016_backup_schedule
Revises: 0015_pg_statement_keys
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_backup_schedule'
down_revision = '0015_pg_statement_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('schedules') as batch:
        batch.alter_column('interface_id', existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column('backup_folder', sa.String(length=500), nullable=False, server_default=''))
        batch.add_column(sa.Column('keep_backups', sa.Integer(), nullable=False, server_default='7'))
        batch.add_column(sa.Column('notify_emails', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('schedules') as batch:
        for col in ('backup_folder', 'keep_backups', 'notify_emails'):
            batch.alter_column(col, server_default=None)
    with op.batch_alter_table('executions') as batch:
        batch.alter_column('interface_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # backup schedules and their executions have no interface: they cannot be kept
    op.execute("DELETE FROM execution_logs WHERE execution_id IN (SELECT id FROM executions WHERE interface_id IS NULL)")
    op.execute("UPDATE executions SET rerun_of_id = NULL WHERE rerun_of_id IN "
               "(SELECT id FROM executions WHERE interface_id IS NULL)")
    op.execute("DELETE FROM executions WHERE interface_id IS NULL")
    op.execute("UPDATE executions SET schedule_id = NULL WHERE schedule_id IN "
               "(SELECT id FROM schedules WHERE interface_id IS NULL)")
    op.execute("DELETE FROM schedules WHERE interface_id IS NULL")
    with op.batch_alter_table('executions') as batch:
        batch.alter_column('interface_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('schedules') as batch:
        batch.drop_column('notify_emails')
        batch.drop_column('keep_backups')
        batch.drop_column('backup_folder')
        batch.alter_column('interface_id', existing_type=sa.Integer(), nullable=False)
