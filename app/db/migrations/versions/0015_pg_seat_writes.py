"""PostgreSQL: seat plan edits of tens of thousands of seats at SQLite's pace (issue 15).

Two costs dominated assigning 20,000 seats on PostgreSQL (~290 ms against ~75 ms on SQLite):
- the foreign key of performance_seats.contingent_id fires one check (a SELECT … FOR KEY SHARE
  on contingents) per updated row: ~65 ms. It is replaced, on PostgreSQL only, by statement-level
  triggers that check and lock the few distinct contingents a whole statement names, in one
  query (transition tables), and a trigger on contingents that refuses to delete (or renumber)
  one that seats still name: the same guarantee, set-based. SQLite keeps its foreign key (its
  check per row costs little there).
- full pages: every updated row went to another page, with new entries in both indexes. With
  fillfactor 70 the new version stays on its page (a HOT update, no index entry): ~75 ms less.
  Existing tables take the setting as their pages are rewritten (VACUUM FULL performance_seats
  applies it at once; docs/install.md).

Revision ID: 0015_pg_seat_writes
Revises: 0014_mail_language
"""
from alembic import op


revision = '0015_pg_seat_writes'
down_revision = '0014_mail_language'
branch_labels = None
depends_on = None

FK = "fk_performance_seats_contingent_id_contingents"

PG_UP = [
    f"ALTER TABLE performance_seats DROP CONSTRAINT {FK}",
    "ALTER TABLE performance_seats SET (fillfactor = 70)",
    # The contingents a statement's new rows name: locked FOR KEY SHARE (as a foreign key does:
    # no one deletes them until this transaction ends), then each must exist.
    "CREATE OR REPLACE FUNCTION performance_seats_check_contingent() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE missing integer; BEGIN "
    "PERFORM 1 FROM contingents WHERE id IN (SELECT DISTINCT contingent_id FROM new_rows "
    "WHERE contingent_id IS NOT NULL) FOR KEY SHARE; "
    "SELECT n.contingent_id INTO missing FROM (SELECT DISTINCT contingent_id FROM new_rows "
    "WHERE contingent_id IS NOT NULL) n WHERE NOT EXISTS (SELECT 1 FROM contingents c WHERE c.id = n.contingent_id) "
    "LIMIT 1; "
    "IF missing IS NOT NULL THEN RAISE EXCEPTION 'insert or update on table \"performance_seats\" violates "
    f"foreign key constraint \"{FK}\"' USING ERRCODE = 'foreign_key_violation', "
    "DETAIL = 'Key (contingent_id)=(' || missing || ') is not present in table \"contingents\".'; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER performance_seats_contingent_ins AFTER INSERT ON performance_seats "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION performance_seats_check_contingent()",
    "CREATE TRIGGER performance_seats_contingent_upd AFTER UPDATE ON performance_seats "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION performance_seats_check_contingent()",
    # A contingent that seats name is not deleted, nor its id changed (the foreign key's NO ACTION).
    "CREATE OR REPLACE FUNCTION contingents_keep_seats() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF (TG_OP = 'DELETE' OR NEW.id <> OLD.id) AND EXISTS (SELECT 1 FROM performance_seats "
    "WHERE contingent_id = OLD.id) THEN RAISE EXCEPTION 'update or delete on table \"contingents\" violates "
    f"foreign key constraint \"{FK}\" on table \"performance_seats\"' USING ERRCODE = 'foreign_key_violation', "
    "DETAIL = 'Key (id)=(' || OLD.id || ') is still referenced from table \"performance_seats\".'; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER contingents_keep_seats BEFORE DELETE OR UPDATE OF id ON contingents "
    "FOR EACH ROW EXECUTE FUNCTION contingents_keep_seats()",
]

PG_DOWN = [
    "DROP TRIGGER IF EXISTS contingents_keep_seats ON contingents",
    "DROP FUNCTION IF EXISTS contingents_keep_seats()",
    "DROP TRIGGER IF EXISTS performance_seats_contingent_upd ON performance_seats",
    "DROP TRIGGER IF EXISTS performance_seats_contingent_ins ON performance_seats",
    "DROP FUNCTION IF EXISTS performance_seats_check_contingent()",
    "ALTER TABLE performance_seats RESET (fillfactor)",
    f"ALTER TABLE performance_seats ADD CONSTRAINT {FK} FOREIGN KEY (contingent_id) REFERENCES contingents (id)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in PG_UP:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in PG_DOWN:
            op.execute(sql)
