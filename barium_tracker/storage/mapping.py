"""Copying between rows and domain records. Field names are shared, so one generic copy serves every record."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    PatientHistory,
    Procedure,
    RecordMeta,
    TbeStudy,
)
from barium_tracker.storage.models import (
    Base,
    ColumnMeasurementRow,
    EckardtRow,
    EndoscopyRow,
    ManometryRow,
    PatientRow,
    ProcedureRow,
    TbeStudyRow,
    Tracked,
)

R = TypeVar("R")

#: Which table holds which kind of record, and the name the audit trail uses for it.
ROW_FOR: dict[type, type[Base]] = {
    Patient: PatientRow,
    TbeStudy: TbeStudyRow,
    Procedure: ProcedureRow,
    EckardtAssessment: EckardtRow,
    Manometry: ManometryRow,
    Endoscopy: EndoscopyRow,
}
ENTITY_NAME: dict[type, str] = {
    Patient: "patient",
    TbeStudy: "tbe_study",
    Procedure: "procedure",
    EckardtAssessment: "eckardt_assessment",
    Manometry: "manometry",
    Endoscopy: "endoscopy",
}
# Not copied from a record onto a row: identity, bookkeeping and owned collections.
_NOT_EDITABLE = frozenset({"id", "version", "meta", "patient_id", "measurements"})


def editable_fields(record_type: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record_type) if f.name not in _NOT_EDITABLE]


def _meta(row: Tracked) -> RecordMeta:
    return RecordMeta(
        created_at=row.created_at, created_by=row.created_by, updated_at=row.updated_at, updated_by=row.updated_by
    )


def to_record(row: Any, record_type: type[R]) -> R:
    """A detached domain record with the row's values (nothing lazy is left to load later)."""
    values = {name: getattr(row, name) for name in editable_fields(record_type)}
    names = {f.name for f in dataclasses.fields(record_type)}  # type: ignore[arg-type]
    if "patient_id" in names:
        values["patient_id"] = row.patient_id
    if record_type is TbeStudy:
        values["measurements"] = [
            ColumnMeasurement(minute=m.minute, height_cm=m.height_cm, width_cm=m.width_cm) for m in row.measurements
        ]
    return record_type(id=row.id, version=row.version, meta=_meta(row), **values)


def apply_record(row: Any, record: Any) -> dict[str, list[Any]]:
    """Copy a record's editable values onto its row; return what changed as ``{field: [old, new]}`` for the audit."""
    changes: dict[str, list[Any]] = {}
    for name in editable_fields(type(record)):
        old, new = getattr(row, name, None), getattr(record, name)
        if old != new:
            changes[name] = [jsonable(old), jsonable(new)]
            setattr(row, name, new)
    if isinstance(record, TbeStudy):
        changes.update(_apply_measurements(row, record.measurements))
    return changes


def _apply_measurements(row: TbeStudyRow, measurements: list[ColumnMeasurement]) -> dict[str, list[Any]]:
    """Update the study's films in place by minute, so unchanged films keep their rows."""
    changes: dict[str, list[Any]] = {}
    existing = {m.minute: m for m in row.measurements}
    wanted = {m.minute: m for m in measurements if m.is_measured}
    for minute, old in existing.items():
        if minute not in wanted:
            changes[f"minute_{minute}"] = [_film(old), None]
            row.measurements.remove(old)
    for minute, new in sorted(wanted.items()):
        old = existing.get(minute)
        if old is None:
            changes[f"minute_{minute}"] = [None, _film(new)]
            row.measurements.append(ColumnMeasurementRow(minute=minute, height_cm=new.height_cm, width_cm=new.width_cm))
        elif (old.height_cm, old.width_cm) != (new.height_cm, new.width_cm):
            changes[f"minute_{minute}"] = [_film(old), _film(new)]
            old.height_cm, old.width_cm = new.height_cm, new.width_cm
    return changes


def _film(m: Any) -> dict[str, Any]:
    return {"height_cm": jsonable(m.height_cm), "width_cm": jsonable(m.width_cm)}


def snapshot(record: Any) -> dict[str, Any]:
    """Every editable value of a record, JSON-ready: what the audit keeps when a record is deleted."""
    values = {name: jsonable(getattr(record, name)) for name in editable_fields(type(record))}
    if isinstance(record, TbeStudy):
        values["measurements"] = {str(m.minute): _film(m) for m in record.measurements}
    return values


def jsonable(value: Any) -> Any:
    """Decimals as exact strings, dates as ISO text, codes as their values: never a float, never a pickle."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def history_from_row(row: PatientRow) -> PatientHistory:
    def by_date(records: list[Any], key: str) -> list[Any]:
        return sorted(records, key=lambda r: (getattr(r, key), r.id or 0))

    return PatientHistory(
        patient=to_record(row, Patient),
        studies=sorted(
            (to_record(s, TbeStudy) for s in row.studies),
            key=lambda s: (s.study_date, s.study_time or dt.time.min, s.id or 0),
        ),
        procedures=by_date([to_record(p, Procedure) for p in row.procedures], "procedure_date"),
        eckardt=by_date([to_record(e, EckardtAssessment) for e in row.eckardt], "assessment_date"),
        manometry=by_date([to_record(m, Manometry) for m in row.manometry], "study_date"),
        endoscopy=by_date([to_record(e, Endoscopy) for e in row.endoscopy], "exam_date"),
    )
