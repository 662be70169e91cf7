"""seat_history.seat_ids (issue 15): a seat plan edit of several seats is one history line
naming all of them (a JSON array of seat ids; seat_id NULL, quantity their number) instead of
a line per seat. On PostgreSQL, writing 20,000 lines was a third of assigning 20,000 seats
(~90 ms of ~280), where SQLite wrote them in ~20 ms. Sales, cancellations, exports and
reintegrations keep their line per seat (each has its own order or ticket).

Revision ID: 0017_seat_history_groups
Revises: 0016_backup_schedule
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_seat_history_groups'
down_revision = '0016_backup_schedule'
branch_labels = None
depends_on = None

COLUMNS = ("at", "operator_id", "performance_id", "zone_id", "action", "old_value", "new_value", "reference")


def upgrade() -> None:
    op.add_column('seat_history', sa.Column('seat_ids', sa.Text(), nullable=True))


def downgrade() -> None:
    # Back to a line per seat: each grouped line's seats get their own line, then it goes.
    seats = ("json_each(h.seat_ids) j" if op.get_bind().dialect.name == "sqlite"
             else "json_array_elements_text(CAST(h.seat_ids AS json)) j(value)")
    op.execute(f"INSERT INTO seat_history ({', '.join(COLUMNS)}, seat_id, quantity) "
               f"SELECT {', '.join('h.' + c for c in COLUMNS)}, CAST(j.value AS INTEGER), 1 "
               f"FROM seat_history h, {seats} WHERE h.seat_ids IS NOT NULL ORDER BY h.id")
    op.execute("DELETE FROM seat_history WHERE seat_ids IS NOT NULL")
    with op.batch_alter_table('seat_history') as batch:
        batch.drop_column('seat_ids')
