"""Measurements on an attached film into that minute's film record: source "image", the calibration, the marks.

:func:`save_film_measurements` writes the film record's height and width (source ``image``), the traced area, the
attachment, the calibration used and the marks themselves (``FilmMeasurements.to_json``, JSON text, never pickled) in
one transaction, audited with the old and new values. A value typed later over an image value is saved as ``typed``
(storage/mapping.py, the study editor's save path). :func:`recalibrate_film` measures the same marks with a new
calibration (a manual one on the 13 mm tablet, a ruler, a marker) and records the old and new values and both
calibrations in the audit trail. Saving bumps the study's version, so an editor opened before is told to reload.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from barium_tracker.domain.calibration import UNCALIBRATED, Calibration, LengthSource
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.geometry import inside_image, path_length_mm, polygon_area_mm2
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.records import ColumnMeasurement, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import validate_record
from barium_tracker.storage.mapping import film_record, jsonable, to_record
from barium_tracker.storage.models import AuditEventRow, ColumnMeasurementRow, ImageAttachmentRow, TbeStudyRow

__all__ = ["film_calibration", "recalibrate_film", "save_film_measurements", "stored_film_measurements"]

_IMAGE = LengthSource.IMAGE.value
_TYPED = LengthSource.TYPED.value


def _attachment(session: Session, attachment_id: int) -> ImageAttachmentRow:
    attachment = session.get(ImageAttachmentRow, attachment_id)
    if attachment is None:
        raise NotFound(say(N_("There is no attached image {id}."), id=attachment_id))
    if attachment.study_id is None or attachment.minute is None:
        raise UserError(
            say(N_("Image {id} is an endoscopy photograph: only a TBE film is measured."), id=attachment_id)
        )
    if attachment.removed:
        raise UserError(
            say(N_("Image {id} was removed from its study: attach it again to measure it."), id=attachment_id)
        )
    return attachment


def _own_calibration(attachment: ImageAttachmentRow) -> Calibration:
    stored = attachment.image.calibration_json
    return Calibration.from_json(json.loads(stored)) if stored else UNCALIBRATED


def film_calibration(clinic: Clinic, attachment_id: int) -> Calibration:
    """The scale the attached film carries itself (what a manual calibration keeps the pixel aspect of)."""
    with clinic.db.session() as session:
        return _own_calibration(_attachment(session, attachment_id))


def _film_row(session: Session, attachment: ImageAttachmentRow) -> ColumnMeasurementRow | None:
    return session.scalar(
        select(ColumnMeasurementRow).where(
            ColumnMeasurementRow.study_id == attachment.study_id, ColumnMeasurementRow.minute == attachment.minute
        )
    )


def _state(row: ColumnMeasurementRow | None) -> dict[str, Any] | None:
    """A film as the audit trail keeps it: values, their sources and the calibration (source and sentence)."""
    if row is None:
        return None
    calibration = Calibration.from_json(json.loads(row.calibration_json)) if row.calibration_json else None
    return {
        "height_cm": jsonable(row.height_cm),
        "width_cm": jsonable(row.width_cm),
        "traced_area_cm2": jsonable(row.traced_area_cm2),
        "height_source": row.height_source or _TYPED,
        "width_source": row.width_source or _TYPED,
        "image_attachment_id": row.image_attachment_id,
        "calibration_source": calibration.source.value if calibration else None,
        "calibration": str(calibration.explanation()) if calibration else None,
    }


def _check_on_image(measurements: FilmMeasurements, attachment: ImageAttachmentRow) -> None:
    columns, rows = attachment.image.columns, attachment.image.rows
    if columns is None or rows is None:
        return
    for point in (*measurements.height_points, *measurements.width_points, *measurements.outline_points):
        if not inside_image(point, columns, rows):
            raise UserError(
                say(
                    N_("The point {x},{y} is outside the film ({columns} x {rows} pixels)."),
                    x=Decimal(repr(point[0])).normalize(),
                    y=Decimal(repr(point[1])).normalize(),
                    columns=columns,
                    rows=rows,
                )
            )


def _measurable(measured: FilmMeasurements) -> None:
    """Refuse, before any change, what cannot be measured: no scale (the sentence says how to calibrate), a path of
    one point, a width that is not two points, an outline crossing itself (domain/geometry.py says each)."""
    calibration = measured.calibration
    assert calibration is not None
    if measured.width_points and len(measured.width_points) != 2:
        raise UserError(
            say(N_("The width is two points across the column; it has {count}."), count=len(measured.width_points))
        )
    if measured.height_points:
        path_length_mm(measured.height_points, calibration)
    if measured.width_points:
        path_length_mm(measured.width_points, calibration)
    if measured.outline_points:
        polygon_area_mm2(measured.outline_points, calibration)


def _as_stored(value: Decimal | None) -> Decimal | None:
    """A value as the database gives it back (12.00 -> 12), so the audit's old and new values are written alike."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def _apply(row: ColumnMeasurementRow, measured: FilmMeasurements, *, keep_typed: bool) -> None:
    """Put the marks' values on the row. ``keep_typed``: a recalibration leaves a typed value as it is."""
    for name, marks, value in (
        ("height", measured.height_points, measured.height_cm),
        ("width", measured.width_points, measured.width_cm),
    ):
        source = getattr(row, f"{name}_source") or _TYPED
        if marks and not (keep_typed and source == _TYPED):
            setattr(row, f"{name}_cm", _as_stored(value))
            setattr(row, f"{name}_source", _IMAGE)
        elif not marks and source == _IMAGE:  # marked before, not any more: no image value is left
            setattr(row, f"{name}_cm", None)
            setattr(row, f"{name}_source", _TYPED)
    row.traced_area_cm2 = _as_stored(measured.area_cm2)
    row.calibration_json = json.dumps(measured.calibration.to_json(), sort_keys=True)  # type: ignore[union-attr]
    row.geometry_json = json.dumps(measured.to_json(), sort_keys=True)


def _validate(session: Session, study: TbeStudyRow) -> None:
    """The study's own rules (the declared ranges of height, width and traced area) on the values about to be saved."""
    record = to_record(study, TbeStudy)
    validate_record(session, record)


def _touch(study: TbeStudyRow, user: str) -> None:
    """The study changed (its version moves on): an editor opened before is told to reload instead of overwriting."""
    study.updated_by = user
    study.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _audit(
    session: Session,
    user: str,
    action: str,
    study: TbeStudyRow,
    changes: dict[str, Any],
    reason: str,
) -> None:
    session.add(
        AuditEventRow(
            user_name=user,
            action=action,
            entity="tbe_study",
            entity_id=study.id,
            patient_id=study.patient_id,
            changes=changes,
            reason=reason,
        )
    )


def save_film_measurements(
    clinic: Clinic,
    attachment_id: int,
    measurements: FilmMeasurements,
    user: str | None = None,
    *,
    reason: str = "",
) -> ColumnMeasurement:
    """Write what was measured on an attached film into its minute's film record, in one transaction, audited.

    Without a calibration in ``measurements`` the film's own (the order of trust, docs/images.md) is used; a film
    without any scale is refused with the sentence that says how to calibrate. Marked values get source ``image``;
    a typed value whose marks are absent stays as typed. Returns the film record as stored.
    """
    user = user or clinic.user
    with clinic.db.session() as session:
        attachment = _attachment(session, attachment_id)
        calibration = measurements.calibration
        if calibration is None or not calibration.calibrated:
            calibration = _own_calibration(attachment)  # the file's own scale (refused below when it has none)
        measured = replace(measurements, calibration=calibration)
        if not (measured.height_points or measured.width_points or measured.outline_points):
            raise UserError(say(N_("Nothing is marked on the film: mark the column's height, width or outline.")))
        _check_on_image(measured, attachment)
        _measurable(measured)
        study = session.get(TbeStudyRow, attachment.study_id)
        assert study is not None  # the attachment's foreign key cascades
        row = _film_row(session, attachment)
        before = _state(row)
        if row is None:
            row = ColumnMeasurementRow(minute=attachment.minute, height_source=_TYPED, width_source=_TYPED)
            study.measurements.append(row)
        row.image_attachment_id = attachment.id
        _apply(row, measured, keep_typed=False)
        _validate(session, study)
        _touch(study, user)
        session.flush()
        changes = {
            f"minute_{attachment.minute}": [before, _state(row)],
            "image_attachment_id": attachment.id,
            "sha256": attachment.image_sha256,
        }
        _audit(session, user, "measure", study, changes, reason)
        session.flush()
        return film_record(row)


def stored_film_measurements(clinic: Clinic, attachment_id: int) -> FilmMeasurements | None:
    """The marks saved from this film (None: nothing measured on it yet), with the calibration they used."""
    with clinic.db.session() as session:
        attachment = _attachment(session, attachment_id)
        row = _film_row(session, attachment)
        if row is None or row.image_attachment_id != attachment.id or not row.geometry_json:
            return None
        return FilmMeasurements.from_json(json.loads(row.geometry_json))


def recalibrate_film(
    clinic: Clinic, attachment_id: int, calibration: Calibration, user: str | None = None, *, reason: str = ""
) -> ColumnMeasurement:
    """Measure the film's saved marks again with a new calibration; the audit keeps old and new values and scales."""
    user = user or clinic.user
    with clinic.db.session() as session:
        attachment = _attachment(session, attachment_id)
        row = _film_row(session, attachment)
        if row is None or row.image_attachment_id != attachment.id or not row.geometry_json:
            raise UserError(
                say(
                    N_("Nothing was measured on image {id} yet: measure the column first, then recalibrate."),
                    id=attachment_id,
                )
            )
        stored = FilmMeasurements.from_json(json.loads(row.geometry_json))
        measured = replace(stored, calibration=calibration)
        _measurable(measured)
        study = session.get(TbeStudyRow, attachment.study_id)
        assert study is not None
        before = _state(row)
        _apply(row, measured, keep_typed=True)
        _validate(session, study)
        _touch(study, user)
        session.flush()
        after = _state(row)
        changes = {
            f"minute_{attachment.minute}": [before, after],
            "calibration": [_cal(stored), _cal(measured)],
            "image_attachment_id": attachment.id,
        }
        _audit(session, user, "recalibrate", study, changes, reason)
        session.flush()
        return film_record(row)


def _cal(measurements: FilmMeasurements) -> dict[str, Any] | None:
    calibration = measurements.calibration
    if calibration is None:
        return None
    return {**calibration.to_json(), "explanation": str(calibration.explanation())}
