"""performance_zones.sold: places of a standing zone held by live tickets

The counter the database guards: a standing sale moves it with a conditional
`UPDATE … SET sold = sold + n WHERE sold + n + blocked <= capacity` (checked by rowcount),
so two workstations selling the last places never oversell. Filled from the live tickets.

Revision ID: 0010_standing_sold
Revises: 0009_reports
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_standing_sold'
down_revision = '0009_reports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('performance_zones') as batch:
        batch.add_column(sa.Column('sold', sa.Integer(), nullable=False, server_default='0'))
    op.execute(
        "UPDATE performance_zones SET sold = (SELECT count(*) FROM tickets t "
        "WHERE t.performance_id = performance_zones.performance_id AND t.zone_id = performance_zones.zone_id "
        "AND t.seat_id IS NULL AND t.state != 'cancelled')")


def downgrade() -> None:
    with op.batch_alter_table('performance_zones') as batch:
        batch.drop_column('sold')
