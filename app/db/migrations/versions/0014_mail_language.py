"""The venue's language for the e-mails of failed executions (issue 14): the headless scheduler
may run in English while the people it e-mails read French. One column of the mail settings,
French by default (`guichet mail configure --language fr|en`).

Revision ID: 0014_mail_language
Revises: 0013_seat_history_plain
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_mail_language'
down_revision = '0013_seat_history_plain'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('smtp_settings') as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=False, server_default='fr'))


def downgrade() -> None:
    with op.batch_alter_table('smtp_settings') as batch_op:
        batch_op.drop_column('language')
