"""who may change a case's rows on a shared PostgreSQL database, mirroring case_access.check_change

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24

On PostgreSQL only, like 0010 and 0011. Migration 0010 decides which cases a login reads; a
login that read a case could also insert, change and delete any of its rows with psql. Now
only a login that may change the whole case (``tafdesk_may_change``: its lead professional,
or the case was made in this very transaction: a new case or an import) inserts, changes or
deletes its rows, with the exceptions the app itself makes (``case_access.check_change`` and
the services):

- a TAF member who may read the case changes or deletes the plan actions they own, in a plan
  not yet replaced; a trigger refuses a change to anything but the action form's fields
  (wording, owner, dates, measure, support, picture, status, RAG) and an owner outside the
  family or the team;
- a manager of the case authorises its completed assessment: a trigger lets them change only
  the status (complete to authorised), who authorised and when; authorising an amendment
  repoints the live plan's outcomes and left-out needs at the amendment's needs, and nothing
  else of those rows;
- every login that may read a case keeps editor drafts in it (unsaved input for recovery;
  drafts have no owner, they belong to the record being edited);
- the audit trail stays as 0010 made it: read by all, appended to by all, changed by nobody.

The tables' owner and superusers are exempt, as from row security. See docs/security.md.
"""
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

OLD_POLICY = "tafdesk_case_rows"  # 0010: FOR ALL, may read
OPEN_TABLES = ("drafts",)  # every reader writes these (as 0010 had it)
ACTION_FIELDS = ("description", "child_friendly", "picture", "owner_person_id", "owner_professional_id",
                 "start_on", "due_on", "measure", "support", "status", "rag", "updated_at", "row_version")
AUTHORISE_FIELDS = ("status", "authorised_by", "authorised_on", "row_version")

FUNCTIONS = r"""
-- Whether the login may change the whole record of a case (case_access: FULL): its lead
-- professional, or the case was made in this very transaction (a new case or an import).
CREATE OR REPLACE FUNCTION tafdesk_may_change(p_case varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM cases c
    JOIN users u ON u.login = session_user AND u.active AND u.role <> 'administrator'
    WHERE c.id = p_case AND (
      c.xmin::text = (txid_current_if_assigned() % 4294967296)::text
      OR (u.professional_id IS NOT NULL AND c.lead_professional_id = u.professional_id)))
$$;

-- Whether the login authorises in the case (case_access: MANAGER): a manager of the whole
-- service or of the lead professional, who is not the lead professional.
CREATE OR REPLACE FUNCTION tafdesk_may_authorise(p_case varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM cases c
    JOIN users u ON u.login = session_user AND u.active AND u.role = 'manager'
    WHERE c.id = p_case
      AND (u.professional_id IS NULL OR c.lead_professional_id IS DISTINCT FROM u.professional_id)
      AND (u.manages_all OR EXISTS (SELECT 1 FROM managed_professionals m
                                    WHERE m.manager_id = u.id AND m.professional_id = c.lead_professional_id)))
$$;

-- Whether the login changes this action as a TAF member (case_access.may_change with an
-- action): it reads the case, not as its manager, and its professional owns the action.
CREATE OR REPLACE FUNCTION tafdesk_owns_action(p_case varchar, p_owner varchar) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
  SELECT p_owner IS NOT NULL AND tafdesk_may_read(p_case) AND NOT tafdesk_may_authorise(p_case)
     AND EXISTS (SELECT 1 FROM users u WHERE u.login = session_user AND u.active
                 AND u.professional_id = p_owner)
$$;

-- Whether the row differs from the old one in anything but the named columns.
CREATE OR REPLACE FUNCTION tafdesk_changed_beyond(p_old jsonb, p_new jsonb, p_allowed text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = {schema}, pg_temp AS $$
  SELECT (p_old - p_allowed) IS DISTINCT FROM (p_new - p_allowed)
$$;

-- The needs of an amendment of this case authorised in this very transaction (p_amended false),
-- or of the assessments it amends (true).
CREATE OR REPLACE FUNCTION tafdesk_needs_just_authorised(p_case varchar, p_amended boolean) RETURNS SETOF varchar
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp AS $$
  SELECT n.id FROM needs n JOIN assessments a
    ON a.id = n.assessment_id OR (p_amended AND a.amends_id = n.assessment_id)
  WHERE a.case_id = p_case AND a.status = 'authorised' AND a.amends_id IS NOT NULL
    AND a.xmin::text = (txid_current_if_assigned() % 4294967296)::text
    AND (p_amended = (a.amends_id = n.assessment_id))
$$;

CREATE OR REPLACE FUNCTION tafdesk_guard_action() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT row_security_active(TG_RELID) OR tafdesk_may_change(OLD.case_id) THEN RETURN NEW; END IF;
  IF tafdesk_changed_beyond(to_jsonb(OLD), to_jsonb(NEW), ARRAY[{action_fields}]) THEN
    RAISE EXCEPTION 'tafdesk: as a member of the team you change only the wording, owner, dates, measure, support, picture, status and RAG of the actions you own'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM outcomes o JOIN plan_versions pv ON pv.id = o.plan_version_id
             WHERE o.id = OLD.outcome_id AND pv.status = 'superseded') THEN
    RAISE EXCEPTION 'tafdesk: this version of the plan has been replaced; change the newest version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.owner_person_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM people p WHERE p.id = NEW.owner_person_id AND p.case_id = OLD.case_id))
     OR (NEW.owner_professional_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM case_professionals cp
        WHERE cp.case_id = OLD.case_id AND cp.professional_id = NEW.owner_professional_id)) THEN
    RAISE EXCEPTION 'tafdesk: the owner must be in this family or its team around the family'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION tafdesk_guard_assessment() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF NOT row_security_active(TG_RELID) OR tafdesk_may_change(OLD.case_id) THEN RETURN NEW; END IF;
  IF tafdesk_changed_beyond(to_jsonb(OLD), to_jsonb(NEW), ARRAY[{authorise_fields}])
     OR OLD.status <> 'complete' OR NEW.status <> 'authorised' OR btrim(NEW.authorised_by) = ''
     OR NEW.authorised_on IS NULL THEN
    RAISE EXCEPTION 'tafdesk: as the case''s manager you only authorise a completed assessment'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

-- Authorising an amendment: the live plan's links to the amended assessment's needs move to the
-- amendment's copies, or drop (services/plan.follow_amendment), and nothing else.
CREATE OR REPLACE FUNCTION tafdesk_guard_need_links() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
DECLARE
  new_ids jsonb;
  old_ids jsonb;
BEGIN
  IF NOT row_security_active(TG_RELID) OR tafdesk_may_change(OLD.case_id) THEN RETURN NEW; END IF;
  IF TG_TABLE_NAME = 'outcomes' THEN
    new_ids := COALESCE(to_jsonb(NEW)->'need_ids', '[]'::jsonb);
    old_ids := COALESCE(to_jsonb(OLD)->'need_ids', '[]'::jsonb);
  ELSE
    new_ids := jsonb_build_array(NEW.need_id);
    old_ids := jsonb_build_array(OLD.need_id);
  END IF;
  IF tafdesk_changed_beyond(to_jsonb(OLD), to_jsonb(NEW), ARRAY['need_ids', 'need_id', 'row_version'])
     OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(new_ids) i(id)
                WHERE NOT old_ids ? i.id
                  AND i.id NOT IN (SELECT tafdesk_needs_just_authorised(OLD.case_id, false)))
     OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(old_ids) i(id)
                WHERE NOT new_ids ? i.id
                  AND i.id NOT IN (SELECT tafdesk_needs_just_authorised(OLD.case_id, true))) THEN
    RAISE EXCEPTION 'tafdesk: only the lead professional changes the plan; authorising an amendment moves its needs only'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
"""
FUNCTION_NAMES = ("tafdesk_may_change(varchar)", "tafdesk_may_authorise(varchar)",
                  "tafdesk_owns_action(varchar, varchar)", "tafdesk_changed_beyond(jsonb, jsonb, text[])",
                  "tafdesk_needs_just_authorised(varchar, boolean)")
TRIGGERS = (("actions", "tafdesk_guard_action"), ("assessments", "tafdesk_guard_assessment"),
            ("outcomes", "tafdesk_guard_need_links"), ("uncovered_needs", "tafdesk_guard_need_links"))
# The exceptions: (table, operation, USING, WITH CHECK).
EXCEPTIONS = (
    ("actions", "UPDATE", "tafdesk_owns_action(case_id, owner_professional_id)", "tafdesk_may_read(case_id)"),
    ("actions", "DELETE", "tafdesk_owns_action(case_id, owner_professional_id)", None),
    ("assessments", "UPDATE", "tafdesk_may_authorise(case_id)", "tafdesk_may_authorise(case_id)"),
    ("outcomes", "UPDATE", "tafdesk_may_authorise(case_id)", "tafdesk_may_authorise(case_id)"),
    ("uncovered_needs", "UPDATE", "tafdesk_may_authorise(case_id)", "tafdesk_may_authorise(case_id)"),
)


def _case_tables(con) -> list[str]:  # type: ignore[no-untyped-def]
    rows = con.exec_driver_sql(
        "SELECT tablename FROM pg_policies WHERE schemaname = current_schema() "
        f"AND policyname = '{OLD_POLICY}' ORDER BY tablename").fetchall()
    return [r[0] for r in rows]


def _array(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(FUNCTIONS.format(schema=schema, action_fields=_array(ACTION_FIELDS),
                                authorise_fields=_array(AUTHORISE_FIELDS)))
    for name in FUNCTION_NAMES:
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO PUBLIC")

    # The case row itself: changed and deleted by who changes the whole case. The check runs on
    # the statement's snapshot (the case as it was): a lead may still hand over.
    op.execute("ALTER POLICY tafdesk_cases_change ON cases USING (tafdesk_may_change(id)) "
               "WITH CHECK (tafdesk_may_change(id))")
    op.execute("ALTER POLICY tafdesk_cases_delete ON cases USING (tafdesk_may_change(id))")

    for table in _case_tables(bind):
        if table in OPEN_TABLES:
            continue
        op.execute(f'DROP POLICY {OLD_POLICY} ON "{table}"')
        op.execute(f'CREATE POLICY tafdesk_case_read ON "{table}" FOR SELECT USING (tafdesk_may_read(case_id))')
        op.execute(f'CREATE POLICY tafdesk_case_add ON "{table}" FOR INSERT WITH CHECK (tafdesk_may_change(case_id))')
        op.execute(f'CREATE POLICY tafdesk_case_change ON "{table}" FOR UPDATE USING (tafdesk_may_change(case_id)) '
                   f'WITH CHECK (tafdesk_may_change(case_id))')
        op.execute(f'CREATE POLICY tafdesk_case_delete ON "{table}" FOR DELETE USING (tafdesk_may_change(case_id))')
    for n, (table, operation, using, check) in enumerate(EXCEPTIONS):
        clause = f" WITH CHECK ({check})" if check else ""
        op.execute(f'CREATE POLICY tafdesk_case_except_{n} ON "{table}" FOR {operation} USING ({using}){clause}')
    for table, function in TRIGGERS:
        op.execute(f'CREATE TRIGGER {function} BEFORE UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION {function}()')


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    for table, function in TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {function} ON "{table}"')
    rows = bind.exec_driver_sql(
        "SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = current_schema() "
        "AND policyname = 'tafdesk_case_read'").fetchall()
    for (table,) in rows:
        for policy in ("tafdesk_case_read", "tafdesk_case_add", "tafdesk_case_change", "tafdesk_case_delete"):
            op.execute(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
        op.execute(f'CREATE POLICY {OLD_POLICY} ON "{table}" FOR ALL USING (tafdesk_may_read(case_id)) '
                   f'WITH CHECK (tafdesk_may_read(case_id))')
    for n, (table, _operation, _using, _check) in enumerate(EXCEPTIONS):
        op.execute(f'DROP POLICY IF EXISTS tafdesk_case_except_{n} ON "{table}"')
    op.execute("ALTER POLICY tafdesk_cases_change ON cases USING (tafdesk_may_read(id)) "
               "WITH CHECK (tafdesk_may_read(id))")
    op.execute("ALTER POLICY tafdesk_cases_delete ON cases USING (tafdesk_may_read(id))")
    for function in ("tafdesk_guard_action", "tafdesk_guard_assessment", "tafdesk_guard_need_links"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    for name in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
