"""PostgreSQL: the foreign keys of the tables written in bulk checked once per statement, and
the seat table filled to 70 % (issue 15: PostgreSQL as fast as SQLite on the hot paths).

A PostgreSQL foreign key runs one check (a SELECT … FOR KEY SHARE of the referenced row) per
written row and per key. The tables a seat plan edit or a reintegration writes by the ten
thousand carry many keys: reintegrating 100,000 sales spent ~2.2 s of ~2.5 s writing tickets
(8 keys) in these checks, ~1.1 s for the reintegrated-line keys (3), ~0.5 s for the orders (7);
assigning 20,000 seats ~65 ms of ~290 ms for performance_seats' contingent; exporting 80,000
seats writes as many exported-seat marks (3 keys). Here, on PostgreSQL
only, each of these keys is kept by triggers instead, with the same guarantee:
- on the referencing table, one statement-level trigger per INSERT and per UPDATE (transition
  table `new_rows`): per key, the distinct values the statement wrote are locked FOR KEY SHARE
  in their table (as the foreign key does: nobody deletes them until this transaction ends),
  then each must exist, else `foreign_key_violation` naming the constraint as PostgreSQL would;
- on each referenced table, one statement-level AFTER DELETE trigger (transition table
  `old_rows`) refusing the delete while a row still names a deleted id, and a row-level
  BEFORE UPDATE OF id trigger refusing to renumber a row that is named (NO ACTION, as the keys
  were). These run in READ COMMITTED (the application's level), so their queries see what
  others committed; the FOR KEY SHARE locks above make a delete wait for the writers.
SQLite keeps its foreign keys: its check per row costs little there. The models keep them too
(tests/integration/test_migrations.py leaves these out of the comparison on PostgreSQL).

performance_seats also gets fillfactor 70: a moved or blocked seat's new version then stays on
its page (a HOT update, no new index entry). Existing tables take it as their pages are
rewritten: `VACUUM FULL performance_seats` applies it at once (docs/install.md).

Revision ID: 0015_pg_statement_keys
Revises: 0014_mail_language
"""
from alembic import op


revision = '0015_pg_statement_keys'
down_revision = '0014_mail_language'
branch_labels = None
depends_on = None

# referencing table → its keys kept by triggers: (column, referenced table); all reference "id".
KEYS = {
    "performance_seats": [("contingent_id", "contingents")],
    "tickets": [("performance_id", "performances"), ("seat_id", "seats"), ("zone_id", "zones"),
                ("category_id", "seat_categories"), ("tariff_id", "tariffs"), ("contingent_id", "contingents"),
                ("order_id", "orders"), ("cancelled_by", "operators")],
    "reintegrated_lines": [("interface_id", "distributor_interfaces"), ("ticket_id", "tickets"),
                           ("execution_id", "executions")],
    "orders": [("channel_id", "sales_channels"), ("contact_id", "contacts"), ("execution_id", "executions"),
               ("interface_id", "distributor_interfaces"), ("operator_id", "operators"),
               ("payment_mode_id", "payment_modes"), ("point_of_sale_id", "points_of_sale")],
    "exported_seats": [("interface_id", "distributor_interfaces"), ("performance_id", "performances"),
                       ("seat_id", "seats")],
}


def constraint(table: str, column: str, parent: str) -> str:
    return f"fk_{table}_{column}_{parent}"


def constraint_names() -> set[str]:
    return {constraint(t, c, p) for t, keys in KEYS.items() for c, p in keys}


def _q(text: str) -> str:
    """`text` as an SQL string literal (inside the functions' bodies)."""
    return "'" + text.replace("'", "''") + "'"


def _violation(name: str, message: str, detail_head: str, value: str, detail_tail: str) -> str:
    """RAISE foreign_key_violation as PostgreSQL words it; `value` is an SQL expression."""
    return (f"RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', CONSTRAINT = {_q(name)}, "
            f"MESSAGE = {_q(message)}, DETAIL = {_q(detail_head)} || {value} || {_q(detail_tail)}; ")


def _check_function(table: str, event: str) -> str:
    """The statement's new key values: all of an INSERT's; those an UPDATE brought that its rows
    did not already hold (a value the old rows named is named by committed rows: the referenced
    table's own trigger keeps it)."""
    body = []
    for column, parent in KEYS[table]:
        name = constraint(table, column, parent)
        values = f"SELECT {column} AS v FROM new_rows WHERE {column} IS NOT NULL"
        if event == "UPDATE":
            values += f" EXCEPT SELECT {column} FROM old_rows"
        distinct = f"(SELECT DISTINCT v FROM ({values}) n)"
        message = f'insert or update on table "{table}" violates foreign key constraint "{name}"'
        body.append(
            f"PERFORM 1 FROM {parent} WHERE id IN (SELECT v FROM {distinct} d) FOR KEY SHARE; "
            f"SELECT d.v INTO missing FROM {distinct} d WHERE NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = d.v) "
            f"LIMIT 1; IF missing IS NOT NULL THEN "
            + _violation(name, message, f"Key ({column})=(", "missing", f') is not present in table "{parent}".')
            + "END IF; ")
    return (f"CREATE OR REPLACE FUNCTION {table}_check_keys_{event.lower()}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ DECLARE missing bigint; BEGIN {''.join(body)}RETURN NULL; END $$")


def _parents() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for table, keys in KEYS.items():
        for column, parent in keys:
            out.setdefault(parent, []).append((table, column))
    return out


def _keep_functions(parent: str, children: list[tuple[str, str]]) -> list[str]:
    deleted, renumbered = [], []
    for table, column in children:
        name = constraint(table, column, parent)
        message = f'update or delete on table "{parent}" violates foreign key constraint "{name}" on table "{table}"'
        tail = f') is still referenced from table "{table}".'
        deleted.append(
            f"SELECT o.id INTO named FROM old_rows o WHERE EXISTS (SELECT 1 FROM {table} c WHERE c.{column} = o.id) "
            f"LIMIT 1; IF named IS NOT NULL THEN " + _violation(name, message, "Key (id)=(", "named", tail) + "END IF; ")
        renumbered.append(
            f"IF EXISTS (SELECT 1 FROM {table} c WHERE c.{column} = OLD.id) THEN "
            + _violation(name, message, "Key (id)=(", "OLD.id", tail) + "END IF; ")
    return [
        f"CREATE OR REPLACE FUNCTION {parent}_keep_named() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"DECLARE named bigint; BEGIN {''.join(deleted)}RETURN NULL; END $$",
        f"CREATE TRIGGER {parent}_keep_named AFTER DELETE ON {parent} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {parent}_keep_named()",
        f"CREATE OR REPLACE FUNCTION {parent}_keep_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF NEW.id IS DISTINCT FROM OLD.id THEN {''.join(renumbered)}END IF; RETURN NEW; END $$",
        f"CREATE TRIGGER {parent}_keep_id BEFORE UPDATE OF id ON {parent} FOR EACH ROW "
        f"EXECUTE FUNCTION {parent}_keep_id()",
    ]


def pg_up() -> list[str]:
    sql = []
    for table, keys in KEYS.items():
        for column, parent in keys:
            sql.append(f"ALTER TABLE {table} DROP CONSTRAINT {constraint(table, column, parent)}")
        sql += [_check_function(table, "INSERT"), _check_function(table, "UPDATE"),
                f"CREATE TRIGGER {table}_keys_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_check_keys_insert()",
                f"CREATE TRIGGER {table}_keys_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
                f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_check_keys_update()"]
    for parent, children in _parents().items():
        sql += _keep_functions(parent, children)
    sql.append("ALTER TABLE performance_seats SET (fillfactor = 70)")
    return sql


def pg_down() -> list[str]:
    sql = ["ALTER TABLE performance_seats RESET (fillfactor)"]
    for parent in _parents():
        sql += [f"DROP TRIGGER IF EXISTS {parent}_keep_named ON {parent}",
                f"DROP TRIGGER IF EXISTS {parent}_keep_id ON {parent}",
                f"DROP FUNCTION IF EXISTS {parent}_keep_named()", f"DROP FUNCTION IF EXISTS {parent}_keep_id()"]
    for table, keys in KEYS.items():
        sql += [f"DROP TRIGGER IF EXISTS {table}_keys_insert ON {table}",
                f"DROP TRIGGER IF EXISTS {table}_keys_update ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_check_keys_insert()", f"DROP FUNCTION IF EXISTS {table}_check_keys_update()"]
        for column, parent in keys:
            sql.append(f"ALTER TABLE {table} ADD CONSTRAINT {constraint(table, column, parent)} "
                       f"FOREIGN KEY ({column}) REFERENCES {parent} (id)")
    return sql


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in pg_up():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in pg_down():
            op.execute(sql)
