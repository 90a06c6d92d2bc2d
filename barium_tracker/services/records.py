"""Create, correct and delete clinical records: validated by the domain's rules, guarded by versions, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from barium_tracker.domain import fields, validation
from barium_tracker.domain.errors import ConflictError, NotFound
from barium_tracker.domain.records import (
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.text import fold
from barium_tracker.domain.validation import FieldError, ValidationFailed
from barium_tracker.services.clinic import Clinic
from barium_tracker.storage.mapping import ENTITY_NAME, ROW_FOR, apply_record, history_from_row, snapshot, to_record
from barium_tracker.storage.models import AuditEventRow, PatientRow

R = TypeVar("R")

# One validator per kind of record; each takes the patient's birth date so no event predates the patient.
_EVENT_VALIDATORS: dict[type, Callable[..., list[FieldError]]] = {
    TbeStudy: validation.validate_study,
    Procedure: validation.validate_procedure,
    EckardtAssessment: validation.validate_eckardt,
    Manometry: validation.validate_manometry,
    Endoscopy: validation.validate_endoscopy,
}


def _noun(record: object) -> str:
    """The kind of record inside an English sentence ("procedure"), from the declaration."""
    kind = fields.record_of(record)
    return kind.noun if kind is not None else "record"


def _noun_of_class(record_type: type) -> str:
    return next((r.noun for r in fields.Record if r.class_name == record_type.__name__), "record")


def _today() -> dt.date:
    return dt.date.today()


def search_key(patient: Patient | PatientRow) -> str:
    """What type-ahead search matches: MRN and names, accent- and case-folded."""
    return fold(f"{patient.mrn} {patient.family_name} {patient.given_name}")


def validate_record(session: Session, record: Any, *, today: dt.date | None = None) -> None:
    """Apply the domain's rules for this kind of record, and the MRN's uniqueness; raise on any broken rule."""
    today = today or _today()
    if isinstance(record, Patient):
        errors = validation.validate_patient(record, today=today)
        owner = session.scalar(select(PatientRow).where(PatientRow.mrn == record.mrn))
        if owner is not None and owner.id != record.id:
            errors.append(
                FieldError(
                    "mrn", record.mrn, f"MRN {record.mrn} already belongs to {owner.family_name}, {owner.given_name}"
                )
            )
    else:
        patient = session.get(PatientRow, record.patient_id) if record.patient_id is not None else None
        if patient is None:
            raise NotFound(f"The patient of this {_noun(record)} no longer exists; nothing was saved.")
        errors = _EVENT_VALIDATORS[type(record)](record, birth_date=patient.birth_date, today=today)
    validation.require_valid(errors)


def _audit(
    session: Session, clinic: Clinic, action: str, record: Any, entity_id: int | None, changes: dict[str, Any]
) -> None:
    patient_id = entity_id if isinstance(record, Patient) else record.patient_id
    session.add(
        AuditEventRow(
            user_name=clinic.user,
            action=action,
            entity=ENTITY_NAME[type(record)],
            entity_id=entity_id,
            patient_id=patient_id,
            changes=changes,
        )
    )


def _stamp_new(row: Any, user: str) -> None:
    row.created_by = user
    row.updated_by = user


def _insert_row(
    session: Session, clinic: Clinic, record: Any, *, patient_id: int | None = None, keep_id: bool = False
) -> Any:
    """Add one new row for a record (under the record's own id when restoring), stamped with who made it."""
    row = ROW_FOR[type(record)](id=record.id) if keep_id else ROW_FOR[type(record)]()
    if isinstance(record, Patient):
        row.search_text = search_key(record)
    else:
        row.patient_id = patient_id if patient_id is not None else record.patient_id
    apply_record(row, record)
    _stamp_new(row, clinic.user)
    session.add(row)
    return row


def create_record(clinic: Clinic, record: R) -> R:
    """Save a new record and return it as stored (with its id, version and who/when)."""
    with clinic.db.session() as session:
        validate_record(session, record)
        row = _insert_row(session, clinic, record)
        session.flush()
        _audit(session, clinic, "create", record, row.id, snapshot(record))
        session.flush()
        return to_record(row, type(record))


def update_record(clinic: Clinic, record: R, *, reason: str = "") -> R:
    """Save a correction. The old values stay in the audit trail; a record changed elsewhere meanwhile is refused."""
    label = _noun(record)
    with clinic.db.session() as session:
        row = session.get(ROW_FOR[type(record)], record.id)  # type: ignore[attr-defined]
        if row is None:
            raise NotFound(f"This {label} was deleted by someone else; nothing was saved.")
        if row.version != record.version:  # type: ignore[attr-defined]
            raise ConflictError(
                f"This {label} was changed by {row.updated_by or 'someone'} at {row.updated_at:%Y-%m-%d %H:%M} UTC "
                f"after you opened it. Nothing was saved: reload to see their version, then make your change again."
            )
        validate_record(session, record)
        changes = apply_record(row, record)
        if not changes:
            return to_record(row, type(record))
        if isinstance(record, Patient):
            row.search_text = search_key(record)
        row.updated_by = clinic.user
        row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        try:
            session.flush()
        except StaleDataError:
            raise ConflictError(
                f"This {label} was changed by someone else while you were saving. Nothing was saved: reload it."
            ) from None
        audit = AuditEventRow(
            user_name=clinic.user,
            action="update",
            entity=ENTITY_NAME[type(record)],
            entity_id=row.id,
            patient_id=row.id if isinstance(record, Patient) else row.patient_id,
            changes=changes,
            reason=reason,
        )
        session.add(audit)
        session.flush()
        return to_record(row, type(record))


def delete_record(clinic: Clinic, record: Any, *, reason: str = "") -> None:
    """Delete a record (a patient with every event); the audit keeps a full copy of what was deleted."""
    label = _noun(record)
    with clinic.db.session() as session:
        row = session.get(ROW_FOR[type(record)], record.id)
        if row is None:
            raise NotFound(f"This {label} was already deleted by someone else.")
        if row.version != record.version:
            raise ConflictError(
                f"This {label} was changed by {row.updated_by or 'someone'} after you opened it; it was not deleted."
            )
        contents: dict[str, Any] = {"record": snapshot(to_record(row, type(record)))}
        if isinstance(record, Patient):
            history = _history(row)
            contents["events"] = {
                "tbe_studies": [snapshot(s) for s in history.studies],
                "procedures": [snapshot(p) for p in history.procedures],
                "eckardt": [snapshot(e) for e in history.eckardt],
                "manometry": [snapshot(m) for m in history.manometry],
                "endoscopy": [snapshot(e) for e in history.endoscopy],
            }
        session.delete(row)
        session.add(
            AuditEventRow(
                user_name=clinic.user,
                action="delete",
                entity=ENTITY_NAME[type(record)],
                entity_id=record.id,
                patient_id=record.id if isinstance(record, Patient) else record.patient_id,
                changes=contents,
                reason=reason,
            )
        )


def get_record(clinic: Clinic, record_type: type[R], record_id: int) -> R:
    """The stored version of one record (e.g. to reload after a conflict)."""
    with clinic.db.session() as session:
        row = session.get(ROW_FOR[record_type], record_id)
        if row is None:
            raise NotFound(f"This {_noun_of_class(record_type)} no longer exists: someone deleted it.")
        return to_record(row, record_type)


def restore_record(clinic: Clinic, record: R) -> R:
    """Put a deleted record back under its own id (undo of a delete); the audit notes the restore."""
    with clinic.db.session() as session:
        if session.get(ROW_FOR[type(record)], record.id) is not None:  # type: ignore[attr-defined]
            raise ConflictError(f"This {_noun(record)} exists again already; nothing was restored.")
        validate_record(session, record)
        row = _insert_row(session, clinic, record, keep_id=True)
        session.flush()
        _audit(session, clinic, "restore", record, row.id, snapshot(record))
        session.flush()
        return to_record(row, type(record))


def restore_history(clinic: Clinic, history: PatientHistory) -> PatientHistory:
    """Put a deleted patient back with every event under their own ids (undo of deleting a patient)."""
    with clinic.db.session() as session:
        if session.get(PatientRow, history.patient.id) is not None:
            raise ConflictError("This patient exists again already; nothing was restored.")
        row = _insert_history(session, clinic, history, source="undo of a deletion", today=_today(), restore=True)
        session.flush()
        session.refresh(row)
        return history_from_row(row)


def _history(row: PatientRow) -> PatientHistory:
    return history_from_row(row)


def _insert_history(
    session: Session,
    clinic: Clinic,
    history: PatientHistory,
    *,
    source: str,
    today: dt.date,
    restore: bool = False,
) -> PatientRow:
    """Validate a whole patient history, then add it; ``restore`` keeps the records' own ids."""
    patient = history.patient
    validate_record(session, patient, today=today)
    events = [*history.studies, *history.procedures, *history.eckardt, *history.manometry, *history.endoscopy]
    errors = [
        FieldError(f"{ENTITY_NAME[type(event)]}.{e.field}", e.value, e.message)
        for event in events
        for e in _EVENT_VALIDATORS[type(event)](event, birth_date=patient.birth_date, today=today)
    ]
    if errors:
        raise ValidationFailed(errors)
    row = _insert_row(session, clinic, patient, keep_id=restore)
    session.flush()
    for event in events:
        _insert_row(session, clinic, event, patient_id=row.id, keep_id=restore)
    _audit(
        session,
        clinic,
        "restore" if restore else "create",
        patient,
        row.id,
        {"source": source, "record": snapshot(patient), "events": len(events)},
    )
    return row


def save_history(clinic: Clinic, history: PatientHistory, *, source: str, today: dt.date | None = None) -> Patient:
    """Store a new patient with every event in one transaction (demo data, imports): all of it or none of it."""
    with clinic.db.session() as session:
        row = _insert_history(session, clinic, history, source=source, today=today or _today())
        session.flush()
        return to_record(row, Patient)


def save_histories(
    clinic: Clinic, histories: Iterable[PatientHistory], *, source: str, today: dt.date | None = None
) -> int:
    """Store many new patients in one transaction (all or none); returns how many were stored."""
    count = 0
    with clinic.db.session() as session:
        for history in histories:
            _insert_history(session, clinic, history, source=source, today=today or _today())
            count += 1
            if count % 500 == 0:
                session.flush()
                session.expunge_all()
    return count


def audit_trail(clinic: Clinic, patient_id: int) -> list[dict[str, Any]]:
    """Every change ever made to a patient's records, oldest first."""
    with clinic.db.session() as session:
        rows = session.scalars(
            select(AuditEventRow).where(AuditEventRow.patient_id == patient_id).order_by(AuditEventRow.id)
        ).all()
        return [
            {
                "occurred_at": r.occurred_at.isoformat(),
                "user_name": r.user_name,
                "action": r.action,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "changes": r.changes,
                "reason": r.reason,
            }
            for r in rows
        ]
