"""row-level security on a shared PostgreSQL database, mirroring case_access

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24

On PostgreSQL only (the local SQLite file has one user and nothing to do here). A login that
connects with any client (psql, a spreadsheet's ODBC link) reads and changes only the rows of
cases that ``models/case_access.py`` lets it read: lead professional, current TAF member whose
agency every current consent covers, manager of the lead (or of the whole service); an
administrator no case rows. The rule lives in one SECURITY DEFINER function keyed on
``session_user`` (the login the server authenticated; inside a definer function
``current_user`` is the owner). Row security is enabled but not forced: the tables' owner (the
login that runs migrations) is exempt, which is what lets the definer functions read across
cases; tafdesk users must never use the owning login. See docs/security.md.
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Tables whose rows are all readable and appendable by every login: the hash chain is checked by
# anyone (audit verify) and each new event reads the previous hash. No update or delete policy:
# logins can only append. Details hold field names and codes, never case content.
AUDIT = "audit_events"
POLICY = "tafdesk_case_rows"

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION tafdesk_may_read(p_case varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1
    FROM cases c
    JOIN users u ON u.login = session_user AND u.active AND u.role <> 'administrator'
    LEFT JOIN professionals p ON p.id = u.professional_id
    WHERE c.id = p_case AND (
      -- made in this very transaction (a new case and its first rows, before anyone is its lead)
      c.xmin::text = (txid_current_if_assigned() % 4294967296)::text
      -- lead professional
      OR (u.professional_id IS NOT NULL AND c.lead_professional_id = u.professional_id)
      -- manager of the whole service, or of the lead professional
      OR (u.role = 'manager' AND (u.manages_all OR EXISTS (
            SELECT 1 FROM managed_professionals m
            WHERE m.manager_id = u.id AND m.professional_id = c.lead_professional_id)))
      -- a current TAF member, when every person's newest consent covers their agency
      OR (u.professional_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM case_professionals cp
                      WHERE cp.case_id = c.id AND cp.professional_id = u.professional_id
                        AND cp.left_on IS NULL)
          AND EXISTS (SELECT 1 FROM consents k WHERE k.case_id = c.id)
          AND NOT EXISTS (
            SELECT 1 FROM (
              SELECT DISTINCT ON (k.person_id) k.withdrawn_on, k.share_with_all_taf, k.scope_agency_ids
              FROM consents k WHERE k.case_id = c.id
              ORDER BY k.person_id, k.given_on DESC, k.id DESC
            ) latest
            WHERE latest.withdrawn_on IS NOT NULL
               OR NOT (latest.share_with_all_taf
                       OR (p.agency_id IS NOT NULL
                           AND COALESCE(latest.scope_agency_ids::jsonb, '[]'::jsonb) ? p.agency_id))))
    )
  )
$$;

CREATE OR REPLACE FUNCTION tafdesk_may_add_case() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.login = session_user AND u.active
                 AND u.role IN ('practitioner', 'manager'))
$$;

CREATE OR REPLACE FUNCTION tafdesk_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.login = session_user AND u.active
                 AND u.role = 'administrator')
$$;

CREATE OR REPLACE FUNCTION tafdesk_no_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT NOT EXISTS (SELECT 1 FROM users)
$$;

-- The highest number of the case references with this prefix, over every case (the next
-- reference must not repeat one the user cannot see); nothing else of those cases.
CREATE OR REPLACE FUNCTION tafdesk_last_case_number(p_prefix text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT COALESCE(max(substr(reference, length(p_prefix) + 1)::integer), 0)
  FROM cases
  WHERE left(reference, length(p_prefix)) = p_prefix
    AND substr(reference, length(p_prefix) + 1) ~ '^[0-9]+$'
$$;

-- Whether a case with this id, or this reference, is already in the database (importing a case
-- file must refuse a duplicate the user cannot see); 'id', 'reference' or NULL.
CREATE OR REPLACE FUNCTION tafdesk_case_taken(p_id varchar, p_reference varchar) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM cases WHERE id = p_id) THEN 'id'
              WHEN EXISTS (SELECT 1 FROM cases WHERE reference = p_reference) THEN 'reference' END
$$;

-- Why a case the user cannot see is refused: NULL when no case has this reference or id, else
-- 'taf_member' (in its team, consent not covering them) or 'none'. The app says so in words.
CREATE OR REPLACE FUNCTION tafdesk_hidden_case(p_key text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM case_professionals cp
                           JOIN users u ON u.login = session_user AND u.professional_id = cp.professional_id
                           WHERE cp.case_id = c.id AND cp.left_on IS NULL)
              THEN 'taf_member' ELSE 'none' END
  FROM cases c WHERE upper(c.reference) = upper(p_key) OR c.id = p_key
  LIMIT 1
$$;
"""
FUNCTION_NAMES = ("tafdesk_may_read(varchar)", "tafdesk_may_add_case()", "tafdesk_is_admin()",
                  "tafdesk_no_users()", "tafdesk_last_case_number(text)", "tafdesk_case_taken(varchar, varchar)",
                  "tafdesk_hidden_case(text)")


def _case_tables(con) -> list[str]:  # type: ignore[no-untyped-def]
    rows = con.exec_driver_sql(
        "SELECT c.table_name FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND c.column_name = 'case_id' "
        "AND t.table_type = 'BASE TABLE' ORDER BY c.table_name").fetchall()
    return [r[0] for r in rows if r[0] != AUDIT]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(FUNCTIONS.format(schema=schema))
    for name in FUNCTION_NAMES:  # called by every login's policies, changed by nobody else
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO PUBLIC")

    op.execute("ALTER TABLE cases ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY tafdesk_cases_read ON cases FOR SELECT USING (tafdesk_may_read(id))")
    op.execute("CREATE POLICY tafdesk_cases_add ON cases FOR INSERT WITH CHECK (tafdesk_may_add_case())")
    # The check runs on the statement's snapshot, i.e. on the case as it was: a lead may hand over.
    op.execute("CREATE POLICY tafdesk_cases_change ON cases FOR UPDATE USING (tafdesk_may_read(id)) "
               "WITH CHECK (tafdesk_may_read(id))")
    op.execute("CREATE POLICY tafdesk_cases_delete ON cases FOR DELETE USING (tafdesk_may_read(id))")

    for table in _case_tables(bind):
        if table == "cases":
            continue
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY {POLICY} ON "{table}" FOR ALL USING (tafdesk_may_read(case_id)) '
                   f'WITH CHECK (tafdesk_may_read(case_id))')

    op.execute(f"ALTER TABLE {AUDIT} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY tafdesk_audit_read ON {AUDIT} FOR SELECT USING (true)")
    op.execute(f"CREATE POLICY tafdesk_audit_append ON {AUDIT} FOR INSERT WITH CHECK (true)")

    # Everyone reads the users (the access checks do); only an administrator changes them, and
    # anyone may add the first one (who must be an administrator: services/users.py).
    for table, first in (("users", " OR tafdesk_no_users()"), ("managed_professionals", "")):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tafdesk_users_read ON {table} FOR SELECT USING (true)")
        op.execute(f"CREATE POLICY tafdesk_users_add ON {table} FOR INSERT WITH CHECK (tafdesk_is_admin(){first})")
        op.execute(f"CREATE POLICY tafdesk_users_change ON {table} FOR UPDATE USING (tafdesk_is_admin()) "
                   "WITH CHECK (tafdesk_is_admin())")
        op.execute(f"CREATE POLICY tafdesk_users_delete ON {table} FOR DELETE USING (tafdesk_is_admin())")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    rows = bind.exec_driver_sql(
        "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() "
        "AND left(policyname, 8) = 'tafdesk_'").fetchall()
    for table, policy in rows:
        op.execute(f'DROP POLICY {policy} ON "{table}"')
    for (table,) in {(t,) for t, _p in rows}:
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
    for name in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
