"""The operations journal (issue 17): journal_operations + journal_head, and triggers that
refuse any UPDATE or DELETE of a journal row on SQLite and PostgreSQL.

Revision ID: 0011_journal
Revises: 0010_standing_sold
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_journal'
down_revision = '0010_standing_sold'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal_operations "
    "BEGIN SELECT RAISE(ABORT, 'journal_operations is append-only: UPDATE refused'); END",
    "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal_operations "
    "BEGIN SELECT RAISE(ABORT, 'journal_operations is append-only: DELETE refused'); END",
]
PG_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'journal_operations is append-only: % refused', TG_OP; END $$",
    "CREATE TRIGGER journal_no_update BEFORE UPDATE OR DELETE ON journal_operations "
    "FOR EACH ROW EXECUTE FUNCTION journal_refuse_change()",
    "CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal_operations "
    "FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change()",
]


def upgrade() -> None:
    op.create_table(
        'journal_head',
        sa.Column('chain', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last_no', sa.Integer(), nullable=False),
        sa.Column('last_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('chain', name=op.f('pk_journal_head')),
    )
    op.create_table(
        'journal_operations',
        sa.Column('op_no', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('operator', sa.String(length=80), nullable=False),
        sa.Column('workstation', sa.String(length=80), nullable=False),
        sa.Column('point_of_sale', sa.String(length=80), nullable=False),
        sa.Column('channel', sa.String(length=80), nullable=False),
        sa.Column('venue', sa.String(length=200), nullable=False),
        sa.Column('show', sa.String(length=200), nullable=False),
        sa.Column('performance_id', sa.Integer(), nullable=True),
        sa.Column('performance', sa.String(length=80), nullable=False),
        sa.Column('seat', sa.String(length=120), nullable=False),
        sa.Column('category', sa.String(length=80), nullable=False),
        sa.Column('tariff', sa.String(length=80), nullable=False),
        sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column('payment', sa.String(length=80), nullable=False),
        sa.Column('order_reference', sa.String(length=80), nullable=False),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('corrects_no', sa.Integer(), nullable=True),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('op_no', name=op.f('pk_journal_operations')),
    )
    op.create_index('ix_journal_operations_performance', 'journal_operations', ['performance_id'])
    op.create_index('ix_journal_operations_at', 'journal_operations', ['at'])
    op.create_index('ix_journal_operations_ticket', 'journal_operations', ['ticket_id'])
    op.execute("INSERT INTO journal_head (chain, last_no, last_hash) VALUES (1, 0, '" + "0" * 64 + "')")
    for sql in (PG_TRIGGERS if op.get_bind().dialect.name == 'postgresql' else SQLITE_TRIGGERS):
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS journal_no_update ON journal_operations")
        op.execute("DROP TRIGGER IF EXISTS journal_no_truncate ON journal_operations")
        op.execute("DROP FUNCTION IF EXISTS journal_refuse_change()")
    op.drop_table('journal_operations')
    op.drop_table('journal_head')
