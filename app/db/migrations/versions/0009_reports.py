"""distributor_interfaces.commission_percent: the commission of the partner statement

NULL means no commission set on the interface (the statement then shows none).

Revision ID: 0009_reports
Revises: 0008_schedules
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_reports'
down_revision = '0008_schedules'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('distributor_interfaces') as batch:
        batch.add_column(sa.Column('commission_percent', sa.Numeric(precision=5, scale=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('distributor_interfaces') as batch:
        batch.drop_column('commission_percent')
