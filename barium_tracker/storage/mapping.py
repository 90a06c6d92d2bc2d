"""Copying between rows and domain records. Field names are shared, so one generic copy serves every record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from barium_tracker.domain.calibration import Calibration, LengthSource
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
        values["measurements"] = [film_record(m) for m in row.measurements]
    return record_type(id=row.id, version=row.version, meta=_meta(row), **values)


def film_record(row: ColumnMeasurementRow) -> ColumnMeasurement:
    """A film row as the record's ColumnMeasurement, with where its lengths came from and the calibration used."""
    image = LengthSource.IMAGE.value
    measured_on_image = image in (row.height_source, row.width_source)
    return ColumnMeasurement(
        minute=row.minute,
        height_cm=row.height_cm,
        width_cm=row.width_cm,
        traced_area_cm2=row.traced_area_cm2,
        height_source=LengthSource(row.height_source or LengthSource.TYPED.value),
        width_source=LengthSource(row.width_source or LengthSource.TYPED.value),
        calibration=(
            Calibration.from_json(json.loads(row.calibration_json))
            if row.calibration_json and (measured_on_image or row.traced_area_cm2 is not None)
            else None
        ),
    )


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
            if old.traced_area_cm2 is not None:  # the outline traced on the film stays: only the lengths are cleared
                before = _film(old)
                old.height_cm = old.width_cm = None
                old.height_source = old.width_source = LengthSource.TYPED.value
                changes[f"minute_{minute}"] = [before, _film(old)]
                continue
            changes[f"minute_{minute}"] = [_film(old), None]
            row.measurements.remove(old)
    for minute, new in sorted(wanted.items()):
        old = existing.get(minute)
        if old is None:
            changes[f"minute_{minute}"] = [None, _film(new)]
            row.measurements.append(ColumnMeasurementRow(minute=minute, height_cm=new.height_cm, width_cm=new.width_cm))
        elif (old.height_cm, old.width_cm) != (new.height_cm, new.width_cm):
            before = _film(old)
            # A value typed over one measured on the film is a typed value now (the marks stay for the record).
            if old.height_cm != new.height_cm:
                old.height_source = LengthSource.TYPED.value
            if old.width_cm != new.width_cm:
                old.width_source = LengthSource.TYPED.value
            old.height_cm, old.width_cm = new.height_cm, new.width_cm
            changes[f"minute_{minute}"] = [before, _film(old)]
    return changes


def _film(m: Any) -> dict[str, Any]:
    """A film as the audit trail keeps it; its sources only when a length came from an image (older trails lack it)."""
    said = {"height_cm": jsonable(m.height_cm), "width_cm": jsonable(m.width_cm)}
    sources = (jsonable(getattr(m, "height_source", None)), jsonable(getattr(m, "width_source", None)))
    if LengthSource.IMAGE.value in sources:
        said["height_source"], said["width_source"] = sources
    return said


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
