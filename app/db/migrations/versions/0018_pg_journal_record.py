"""PostgreSQL: a box-office operation journalled in one round trip (issue 17).

`journal.record_tickets` (a sale, an invitation, a print or reprint, a cancellation) read the
tickets' names back, took the operation numbers, inserted the rows and set the head's hash:
four round trips to the server inside the sale's transaction, ~2.2 ms of a ~14 ms sale on
PostgreSQL (`bench/journal.py`), where SQLite, in the process, pays little for each. Here the
function `journal_record` does the same on the server: the same rows, numbered after the
head's row lock (`SELECT … FOR UPDATE`, held to the end of the caller's transaction as the
UPDATE of `take_numbers` holds it) and chained with the same SHA-256 of the same canonical
text as `journal.build_rows` + `journal.append` (app/services/journal/canonical.py: each field
as `_text` writes it, joined by U+001F, then the previous hash).
tests/integration/journal/test_server_record.py compares its rows and hashes with Python's.
SQLite keeps the Python path (no stored functions there; its statements cost no round trip).

Revision ID: 0018_pg_journal_record
Revises: 0017_seat_history_groups
"""
from alembic import op


revision = '0018_pg_journal_record'
down_revision = '0017_seat_history_groups'
branch_labels = None
depends_on = None

# Keep in step with journal.build_rows (the row), journal.canonical (its text) and
# journal.append (numbering and chaining).
JOURNAL_RECORD = r"""
CREATE OR REPLACE FUNCTION journal_record(p_kind text, p_ids integer[], p_operator text, p_workstation text,
                                          p_payment text, p_at timestamp)
RETURNS SETOF integer LANGUAGE plpgsql AS $$
DECLARE
    r record;
    v_no integer;
    v_prev text;
    v_kind text;
    v_amount numeric(10, 2);
    v_label text;
    v_payment text;
    v_operator text := coalesce(p_operator, '');
    v_at text := to_char(p_at, 'YYYY-MM-DD HH24:MI:SS.US');
    v_hash text;
    v_rows integer := 0;
BEGIN
    IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN
        RETURN;
    END IF;
    SELECT last_no + 1, last_hash INTO v_no, v_prev FROM journal_head WHERE chain = 1 FOR UPDATE;
    FOR r IN
        SELECT t.id, t.performance_id, pf.starts_at, t.price, o.reference, b.name AS block, se.row AS seat_row,
               se.number AS seat_number,
               (SELECT p.name_fr FROM products p WHERE p.id = pf.product_id) AS show,
               (SELECT v.name FROM venues v JOIN halls h ON h.venue_id = v.id WHERE h.id = pf.hall_id) AS venue,
               (SELECT z.name FROM zones z WHERE z.id = t.zone_id) AS zone,
               (SELECT c.name FROM seat_categories c WHERE c.id = t.category_id) AS category,
               (SELECT ta.name_fr FROM tariffs ta WHERE ta.id = t.tariff_id) AS tariff,
               (SELECT ps.code FROM points_of_sale ps WHERE ps.id = o.point_of_sale_id) AS pos,
               (SELECT ch.code FROM sales_channels ch WHERE ch.id = o.channel_id) AS channel,
               (SELECT pm.code FROM payment_modes pm WHERE pm.id = o.payment_mode_id) AS mode,
               CASE WHEN p_kind IN ('cancel', 'dist_cancel', 'print', 'reprint') THEN
                   (SELECT max(j.op_no) FROM journal_operations j
                    WHERE j.ticket_id = t.id AND j.kind IN ('sale', 'invitation', 'dist_sale')) END AS sold_no
        FROM tickets t
        JOIN orders o ON o.id = t.order_id
        JOIN performances pf ON pf.id = t.performance_id
        LEFT JOIN seats se ON se.id = t.seat_id
        LEFT JOIN blocks b ON b.id = se.block_id
        WHERE t.id = ANY(p_ids)
        ORDER BY t.id
    LOOP
        v_kind := CASE WHEN p_kind = 'sale' AND coalesce(r.price, 0) = 0 THEN 'invitation' ELSE p_kind END;
        v_amount := round(CASE WHEN p_kind IN ('cancel', 'dist_cancel') THEN -r.price
                               WHEN p_kind IN ('print', 'reprint') THEN 0
                               ELSE r.price END, 2);
        v_label := CASE WHEN r.seat_number IS NULL THEN r.zone
                        ELSE replace(r.zone || ' ' || coalesce(r.block, '') || ' R' || coalesce(r.seat_row, '')
                                     || ' P' || r.seat_number::text, '  ', ' ') END;
        v_payment := coalesce(p_payment, r.mode, '');
        v_hash := encode(sha256(convert_to(concat(
            v_no::text, chr(31), v_at, chr(31), replace(v_kind, chr(31), ' '), chr(31),
            replace(v_operator, chr(31), ' '), chr(31), replace(p_workstation, chr(31), ' '), chr(31),
            replace(r.pos, chr(31), ' '), chr(31), replace(r.channel, chr(31), ' '), chr(31),
            replace(r.venue, chr(31), ' '), chr(31), replace(r.show, chr(31), ' '), chr(31),
            r.performance_id::text, chr(31), to_char(r.starts_at, 'YYYY-MM-DD HH24:MI'), chr(31),
            replace(v_label, chr(31), ' '), chr(31), replace(r.category, chr(31), ' '), chr(31),
            replace(r.tariff, chr(31), ' '), chr(31), to_char(v_amount, 'FM999999990.00'), chr(31),
            replace(v_payment, chr(31), ' '), chr(31), replace(r.reference, chr(31), ' '), chr(31),
            r.id::text, chr(31), coalesce(r.sold_no::text, ''), chr(31), v_prev), 'UTF8')), 'hex');
        INSERT INTO journal_operations (op_no, at, kind, operator, workstation, point_of_sale, channel, venue, show,
                                        performance_id, performance, seat, category, tariff, price, payment,
                                        order_reference, ticket_id, corrects_no, prev_hash, hash)
        VALUES (v_no, p_at, v_kind, v_operator, p_workstation, r.pos, r.channel, r.venue, r.show, r.performance_id,
                to_char(r.starts_at, 'YYYY-MM-DD HH24:MI'), v_label, r.category, r.tariff, v_amount, v_payment,
                r.reference, r.id, r.sold_no, v_prev, v_hash);
        RETURN NEXT v_no;
        v_prev := v_hash;
        v_no := v_no + 1;
        v_rows := v_rows + 1;
    END LOOP;
    IF v_rows > 0 THEN
        UPDATE journal_head SET last_no = v_no - 1, last_hash = v_prev WHERE chain = 1;
    END IF;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(JOURNAL_RECORD)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP FUNCTION IF EXISTS journal_record(text, integer[], text, text, text, timestamp)")
