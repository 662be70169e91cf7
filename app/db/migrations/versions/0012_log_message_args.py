"""Messages kept with their msgid and arguments (issue 14): an execution's log lines, its first
error and a held line's cause can be shown in the reader's language (app.i18n.render) whatever
the language of the process that wrote them. The English text stays in message / first_error /
cause; older rows have no arguments and are shown as stored.

Revision ID: 0012_log_message_args
Revises: 0011_journal
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_log_message_args'
down_revision = '0011_journal'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('execution_logs') as batch_op:
        batch_op.add_column(sa.Column('message_args', sa.JSON(), nullable=True))
    with op.batch_alter_table('executions') as batch_op:
        batch_op.add_column(sa.Column('first_error_args', sa.JSON(), nullable=True))
    with op.batch_alter_table('held_lines') as batch_op:
        batch_op.add_column(sa.Column('cause_args', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('held_lines') as batch_op:
        batch_op.drop_column('cause_args')
    with op.batch_alter_table('executions') as batch_op:
        batch_op.drop_column('first_error_args')
    with op.batch_alter_table('execution_logs') as batch_op:
        batch_op.drop_column('message_args')
