-- The operations journal on PostgreSQL (issue 17): the application connects as a role that
-- may append to the journal but never change or remove a row, in addition to the triggers
-- of migration 0010. Run as the database owner after `guichet` has migrated the database:
--   psql -d guichet -v app_role=guichet_app -f scripts/journal_grants.sql
-- then point the workstations' database URL at that role (the owner keeps the migrations).

\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', :'app_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec

GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
-- The journal: read and append only. The head row is updated (the counter and the last hash).
REVOKE UPDATE, DELETE, TRUNCATE ON journal_operations FROM :"app_role";
GRANT SELECT, INSERT ON journal_operations TO :"app_role";
REVOKE DELETE, TRUNCATE ON journal_head FROM :"app_role";
GRANT SELECT, UPDATE ON journal_head TO :"app_role";
-- Nor may it drop the triggers: it does not own the table.
REVOKE CREATE ON SCHEMA public FROM :"app_role";
