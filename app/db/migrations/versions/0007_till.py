"""till: operators sign in (password hash, lock-out), refunds of box-office orders

Operators get a salted password hash (never the password) and a count of wrong tries; a
refund row records the money given back when tickets are cancelled, with who did it.

Revision ID: 0007_till
Revises: 0006_feed
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_till'
down_revision = '0006_feed'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('operators') as batch:
        batch.add_column(sa.Column('password_hash', sa.String(length=255), nullable=True))
        batch.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('amount_given', sa.Numeric(precision=12, scale=2), nullable=True))
    with op.batch_alter_table('tickets') as batch:
        batch.add_column(sa.Column('cancelled_by', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_tickets_cancelled_by_operators'), 'operators', ['cancelled_by'], ['id'])
    op.create_table('refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('payment_mode_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('tickets', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_refunds_operator_id_operators')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_refunds_order_id_orders')),
    sa.ForeignKeyConstraint(['payment_mode_id'], ['payment_modes.id'], name=op.f('fk_refunds_payment_mode_id_payment_modes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds'))
    )
    op.create_index(op.f('ix_refunds_order_id'), 'refunds', ['order_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_refunds_order_id'), table_name='refunds')
    op.drop_table('refunds')
    with op.batch_alter_table('tickets') as batch:
        batch.drop_constraint(op.f('fk_tickets_cancelled_by_operators'), type_='foreignkey')
        batch.drop_column('cancelled_by')
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('amount_given')
    with op.batch_alter_table('operators') as batch:
        batch.drop_column('locked_until')
        batch.drop_column('failed_attempts')
        batch.drop_column('password_hash')
