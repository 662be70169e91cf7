"""exported_seats (the last allotment exported per interface and performance) and held_lines
(feed lines that could not be applied, kept until retried or dismissed)

Revision ID: 0006_feed
Revises: 0005_heartbeat
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_feed'
down_revision = '0005_heartbeat'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exported_seats',
    sa.Column('interface_id', sa.Integer(), nullable=False),
    sa.Column('performance_id', sa.Integer(), nullable=False),
    sa.Column('seat_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['interface_id'], ['distributor_interfaces.id'], name=op.f('fk_exported_seats_interface_id_distributor_interfaces')),
    sa.ForeignKeyConstraint(['performance_id'], ['performances.id'], name=op.f('fk_exported_seats_performance_id_performances')),
    sa.ForeignKeyConstraint(['seat_id'], ['seats.id'], name=op.f('fk_exported_seats_seat_id_seats')),
    sa.PrimaryKeyConstraint('interface_id', 'performance_id', 'seat_id', name=op.f('pk_exported_seats'))
    )
    op.create_table('held_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interface_id', sa.Integer(), nullable=False),
    sa.Column('execution_id', sa.Integer(), nullable=True),
    sa.Column('external_ticket_id', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('raw', sa.JSON(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('error_class', sa.Enum('external', 'configuration', 'mapping', 'technical', 'cascade', name='errorclass', native_enum=False, length=21), nullable=False),
    sa.Column('where', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('held', 'retried', 'dismissed', name='heldstatus', native_enum=False, length=17), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_execution_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['execution_id'], ['executions.id'], name=op.f('fk_held_lines_execution_id_executions')),
    sa.ForeignKeyConstraint(['interface_id'], ['distributor_interfaces.id'], name=op.f('fk_held_lines_interface_id_distributor_interfaces')),
    sa.ForeignKeyConstraint(['resolved_execution_id'], ['executions.id'], name=op.f('fk_held_lines_resolved_execution_id_executions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_held_lines'))
    )
    with op.batch_alter_table('held_lines', schema=None) as batch_op:
        batch_op.create_index('ix_held_lines_interface_ticket', ['interface_id', 'external_ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_held_lines_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('held_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_held_lines_status'))
        batch_op.drop_index('ix_held_lines_interface_ticket')
    op.drop_table('held_lines')
    op.drop_table('exported_seats')
