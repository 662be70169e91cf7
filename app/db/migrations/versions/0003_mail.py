"""smtp_settings: the venue's mail server for the e-mails of failed executions

One row per database (shared by every workstation and the headless runs); the SMTP
password is in the OS keyring, never in this table.

Revision ID: 0003_mail
Revises: 0002_plan_perf
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_mail'
down_revision = '0002_plan_perf'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('smtp_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('port', sa.Integer(), nullable=False),
    sa.Column('security', sa.Enum('none', 'starttls', 'ssl', name='mailsecurity', native_enum=False, length=16), nullable=False),
    sa.Column('login', sa.String(length=200), nullable=False),
    sa.Column('sender', sa.String(length=320), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_smtp_settings'))
    )


def downgrade() -> None:
    op.drop_table('smtp_settings')
