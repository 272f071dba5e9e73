"""Export one whole case to the transfer file, and import such a file, all or nothing."""

from __future__ import annotations

import base64
import json
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import LargeBinary, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ... import __version__
from ..errors import ImportRejected
from ..orm import Agency, Case, Professional
from ..row_security import case_taken, protected
from ..schemas.transfer import (
    CASE_RECORDS,
    FORMAT,
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    NOT_EXPORTED,
    AgencyRecord,
    CaseFile,
    CaseRecord,
    ProfessionalRecord,
)
from .audit import record_event
from .cases import get_case


def _dump(rec: BaseModel) -> dict[str, Any]:
    return rec.model_dump(mode="json")


def _binary_as_base64(row: Any) -> Any:
    """The row as the record schema reads it: binary columns (direct-work pictures) are
    Base64Bytes there, which read base64 text and write it back out."""
    binary = [c.key for c in row.__mapper__.column_attrs if isinstance(c.columns[0].type, LargeBinary)]
    if not binary:
        return row
    values = {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs if c.key not in NOT_EXPORTED}
    for key in binary:
        if values[key] is not None:
            values[key] = base64.b64encode(values[key])
    return values


def export_case(session: Session, case_ref: str, *, user: str) -> dict[str, Any]:
    """The case as a transfer-file dictionary; rows sorted by id so the output is stable."""
    case = get_case(session, case_ref)
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "agencies": [],
        "professionals": [],
        "case": _dump(CaseRecord.model_validate(case)),
    }
    for name, (orm, rec) in CASE_RECORDS.items():
        rows = session.scalars(select(orm).where(orm.case_id == case.id).order_by(orm.id))
        data[name] = [_dump(rec.model_validate(_binary_as_base64(r))) for r in rows]
    prof_ids = _referenced(data, "professional")
    profs = session.scalars(
        select(Professional).where(Professional.id.in_(prof_ids)).order_by(Professional.id)
    ).all()
    data["professionals"] = [_dump(ProfessionalRecord.model_validate(p)) for p in profs]
    agency_ids = _referenced(data, "agency") | {p.agency_id for p in profs if p.agency_id}
    agencies = session.scalars(
        select(Agency).where(Agency.id.in_(agency_ids)).order_by(Agency.id)
    ).all()
    data["agencies"] = [_dump(AgencyRecord.model_validate(a)) for a in agencies]
    CaseFile.model_validate(data)  # what we write, we can read back
    record_event(session, user=user, action="export", case_id=case.id, detail="case file")
    return data


def export_json(session: Session, case_ref: str, *, user: str) -> str:
    return json.dumps(export_case(session, case_ref, user=user), indent=2, ensure_ascii=False) + "\n"


def _referenced(data: dict[str, Any], kind: str) -> set[str]:
    """Ids referenced by columns named ``<kind>_id`` or ``..._<kind>_id`` anywhere in the case."""
    found: set[str] = set()
    suffix = f"{kind}_id"
    for name, value in data.items():
        rows = [value] if name == "case" else value if isinstance(value, list) else []
        for row in rows:
            for col, val in row.items():
                if col.endswith(suffix) and isinstance(val, str):
                    found.add(val)
                elif col == "scope_agency_ids" and kind == "agency":
                    found.update(val)
    return found


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "file"
    return f"{where}: {err['msg']}"


def parse_case_file(raw: bytes) -> BaseModel:
    """Validate a transfer file; every problem becomes one ImportRejected sentence."""
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRejected(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB.")
    if not raw.strip():
        raise ImportRejected("The file is empty.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRejected("The file is not UTF-8 text, so it is not a tafdesk case file.") from None
    try:
        probe = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ImportRejected(f"The file is not valid JSON ({_short(exc)}); it may be truncated.") from None
    if not isinstance(probe, dict) or probe.get("format") != FORMAT:
        raise ImportRejected("The file is not a tafdesk case file.")
    if probe.get("format_version") != FORMAT_VERSION:
        raise ImportRejected(
            f"The file is case-file version {probe.get('format_version')!r}; "
            f"this tafdesk reads version {FORMAT_VERSION}."
        )
    try:
        parsed = CaseFile.model_validate(probe)
    except ValidationError as exc:
        raise ImportRejected(f"The case file is not valid: {_first_error(exc)}.") from None
    _check_references(parsed)
    return parsed


def _short(exc: Exception) -> str:
    msg = str(exc)
    return msg if len(msg) < 120 else msg[:117] + "..."


# Columns named like references that are not (or not always) a record in the same file.
NOT_REFERENCES = {"id", "case_id", "previous_episode_id", "lineage_id"}


def _check_references(parsed: BaseModel) -> None:
    case = parsed.case  # type: ignore[attr-defined]
    ids: set[str] = {case.id}
    seen: set[str] = set()
    groups: list[tuple[str, list[Any]]] = [
        ("agencies", parsed.agencies),  # type: ignore[attr-defined]
        ("professionals", parsed.professionals),  # type: ignore[attr-defined]
    ] + [(name, getattr(parsed, name)) for name in CASE_RECORDS]
    for name, rows in groups:
        for row in rows:
            if row.id in seen:
                raise ImportRejected(f"{name}: the id {row.id} appears twice.")
            seen.add(row.id)
            if name in CASE_RECORDS and row.case_id != case.id:
                raise ImportRejected(f"{name}: record {row.id} belongs to another case.")
    ids |= seen
    for name, rows in groups + [("case", [case])]:
        for row in rows:
            for col, val in row:
                if col in NOT_REFERENCES or val is None:
                    continue
                if col.endswith("_id") and val not in ids:
                    raise ImportRejected(f"{name}: record {row.id} refers to {val}, which is not in the file.")
                if col.endswith("_ids"):
                    missing = [x for x in val if x not in ids]
                    if missing:
                        raise ImportRejected(
                            f"{name}: record {row.id} refers to {missing[0]}, which is not in the file."
                        )


def _parents_first(orm: type[Any], rows: list[Any]) -> list[Any]:
    """Rows ordered so that a row referring to another row of its own table comes after it."""
    table = orm.__table__
    self_cols = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not self_cols:
        return rows
    done: set[str] = set()
    ordered: list[Any] = []
    pending = list(rows)
    while pending:
        ready = [r for r in pending if all(getattr(r, c) in (None, *done) for c in self_cols)]
        if not ready:
            raise ImportRejected(f"{table.name}: records refer to each other in a circle.")
        for r in ready:
            ordered.append(r)
            done.add(r.id)
        pending = [r for r in pending if r.id not in done]
    return ordered


def _clash(exc: IntegrityError) -> str:
    msg = str(getattr(exc, "orig", exc)).lower()
    if "unique" in msg or "duplicate" in msg:
        return "repeats another record of the same kind (the same people or items twice)"
    if "foreign key" in msg:
        return "refers to a record of the wrong kind"
    return "breaks a rule of the case record"


def import_case(session: Session, raw: bytes, *, user: str) -> Case:
    """Add the case in ``raw`` to the database in one transaction (the caller commits)."""
    parsed = parse_case_file(raw)
    case_rec = parsed.case  # type: ignore[attr-defined]
    if protected(session):  # cases the user cannot see count too
        taken = case_taken(session, case_rec.id, case_rec.reference)
    else:
        taken = ("id" if session.get(Case, case_rec.id) is not None else
                 "reference" if session.scalar(select(Case.id).where(Case.reference == case_rec.reference))
                 is not None else None)
    if taken == "id":
        raise ImportRejected(f"Case {case_rec.reference} is already in this database.")
    if taken == "reference":
        raise ImportRejected(
            f"Another case with the reference {case_rec.reference} is already in this database."
        )
    for orm, recs in ((Agency, parsed.agencies), (Professional, parsed.professionals)):  # type: ignore[attr-defined]
        for rec in recs:
            if session.get(orm, rec.id) is None:  # shared records already here are kept as they are
                session.add(orm(**dict(rec)))
    session.flush()
    fields = dict(case_rec)
    earlier = fields["previous_episode_id"]
    if earlier and (case_taken(session, earlier, "") != "id" if protected(session)
                    else session.get(Case, earlier) is None):
        fields["previous_episode_id"] = None  # the earlier episode did not travel with this file
    case = Case(**fields)
    session.add(case)
    session.flush()
    for name, (orm, _rec) in CASE_RECORDS.items():
        for rec in _parents_first(orm, getattr(parsed, name)):
            session.add(orm(**dict(rec)))
            try:
                session.flush()
            except IntegrityError as exc:  # a rule of the database the file breaks (the caller rolls back)
                raise ImportRejected(f"{name}: record {rec.id} {_clash(exc)}.") from None
    record_event(session, user=user, action="import", case_id=case.id, detail=case.reference)
    return case


__all__ = ["NOT_EXPORTED", "export_case", "export_json", "import_case", "parse_case_file"]
