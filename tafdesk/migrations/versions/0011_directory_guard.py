"""the shared directory of professionals and agencies guarded on a shared PostgreSQL database

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24

On PostgreSQL only, like 0010. Professionals and agencies are shared by every case, and a TAF
member's view of a case follows their professional's agency (``case_access.consent_allows``).
Changing a professional's agency (or id), deleting a professional, or renaming, re-kinding or
deleting an agency therefore changes who sees other families' cases. Triggers refuse those
changes unless the login is an administrator, the tables' owner or a superuser, there are no
users yet, or every case the professional or agency appears in is one the login may change (it
leads it, or made it in this very transaction). Reading, adding, and changing contact details
stay open to every login. See docs/security.md.
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

EXEMPT = r"""
-- Who changes the directory freely: an administrator, the tables' owner or a superuser (migrations,
-- set-up), or anyone while there are no users yet.
CREATE OR REPLACE FUNCTION tafdesk_directory_exempt() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT tafdesk_is_admin() OR tafdesk_no_users()
      OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper)
      OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'professionals'::regclass), 'MEMBER')
$$;

-- Whether the login may change the whole record of a case: its lead professional, or the case
-- was made in this very transaction (a new case or an import, before it has a lead).
CREATE OR REPLACE FUNCTION tafdesk_may_change_case(p_case varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM cases c
    JOIN users u ON u.login = session_user AND u.active AND u.role <> 'administrator'
    WHERE c.id = p_case AND (
      c.xmin::text = (txid_current_if_assigned() % 4294967296)::text
      OR (u.professional_id IS NOT NULL AND c.lead_professional_id = u.professional_id)))
$$;
"""

GUARDS = r"""
CREATE OR REPLACE FUNCTION tafdesk_may_change_professional(p_prof varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT tafdesk_directory_exempt() OR NOT EXISTS (
    SELECT 1 FROM ({prof_cases}) r WHERE NOT tafdesk_may_change_case(r.case_id))
$$;

CREATE OR REPLACE FUNCTION tafdesk_may_change_agency(p_agency varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT tafdesk_directory_exempt() OR NOT EXISTS (
    SELECT 1 FROM ({agency_cases}) r WHERE NOT tafdesk_may_change_case(r.case_id))
$$;

CREATE OR REPLACE FUNCTION tafdesk_guard_professional() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id OR NEW.agency_id IS DISTINCT FROM OLD.agency_id)
     AND NOT tafdesk_may_change_professional(OLD.id) THEN
    RAISE EXCEPTION 'tafdesk: professional % is in cases this login does not lead; only an administrator changes their agency', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION tafdesk_guard_agency() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id OR NEW.name IS DISTINCT FROM OLD.name
      OR NEW.kind IS DISTINCT FROM OLD.kind)
     AND NOT tafdesk_may_change_agency(OLD.id) THEN
    RAISE EXCEPTION 'tafdesk: agency % is in cases this login does not lead; only an administrator renames or removes it', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
"""
FUNCTION_NAMES = ("tafdesk_directory_exempt()", "tafdesk_may_change_case(varchar)",
                  "tafdesk_may_change_professional(varchar)", "tafdesk_may_change_agency(varchar)")
TRIGGERS = (("professionals", "tafdesk_guard_professional"), ("agencies", "tafdesk_guard_agency"))


def _references(con, target: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(table, column) of every case table's foreign key to ``target``.id."""
    rows = con.exec_driver_sql(
        "SELECT kcu.table_name, kcu.column_name "
        "FROM information_schema.referential_constraints rc "
        "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name "
        " AND kcu.constraint_schema = rc.constraint_schema "
        "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name "
        " AND ccu.constraint_schema = rc.unique_constraint_schema "
        "JOIN information_schema.columns c ON c.table_schema = kcu.table_schema AND c.table_name = kcu.table_name "
        " AND c.column_name = 'case_id' "
        f"WHERE rc.constraint_schema = current_schema() AND ccu.table_name = '{target}' AND ccu.column_name = 'id' "
        "ORDER BY 1, 2").fetchall()
    return [(t, c) for t, c in rows]


def _cases_of(con, target: str, match: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f'SELECT case_id FROM "{t}" WHERE "{c}" {match}' for t, c in _references(con, target)]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    # Where a professional appears: as a case's lead, and in every case table that refers to them.
    prof_cases = " UNION ".join([
        "SELECT id AS case_id FROM cases WHERE lead_professional_id = p_prof",
        *_cases_of(bind, "professionals", "= p_prof")])
    # Where an agency appears: its professionals' cases, case rows naming it, and consents' scopes.
    of_agency = "IN (SELECT id FROM professionals WHERE agency_id = p_agency)"
    agency_cases = " UNION ".join([
        f"SELECT id AS case_id FROM cases WHERE lead_professional_id {of_agency}",
        *_cases_of(bind, "professionals", of_agency),
        *_cases_of(bind, "agencies", "= p_agency"),
        "SELECT case_id FROM consents WHERE COALESCE(scope_agency_ids::jsonb, '[]'::jsonb) ? p_agency"])
    op.execute(EXEMPT.format(schema=schema))
    op.execute(GUARDS.format(schema=schema, prof_cases=prof_cases, agency_cases=agency_cases))
    for name in FUNCTION_NAMES:
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO PUBLIC")
    for table, trigger in TRIGGERS:
        op.execute(f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {trigger}()")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    for table, trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
    for name in reversed(FUNCTION_NAMES):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
