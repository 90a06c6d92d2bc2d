"""Films and photographs kept with the clinic's data: attach (stored once by hash), list, read back, detach.

An attach reads the file, hashes it, and stores the bytes once (a second attach of the same bytes reuses them),
with a thumbnail for lists; the file's own identity (DICOM PatientID, PatientName, dates) is compared with the
record first, and a difference refuses the attach with :class:`FilmMismatch` unless the user confirmed it, in which
case the confirmed sentences are kept on the attachment. Every attach and detach is in the audit trail; a detach
marks the attachment removed (who, when), so what was attached is never erased (docs/decisions/0005).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from barium_tracker.domain.calibration import Calibration
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.film_identity import FilmIdentity, identity_differences
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.domain.system_errors import reason_said
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.decode import Radiograph, read_radiograph
from barium_tracker.services.images.display import thumbnail_png
from barium_tracker.storage.image_files import sha256_of
from barium_tracker.storage.images import insert_once, keep_bytes, load_bytes
from barium_tracker.storage.models import (
    AuditEventRow,
    EndoscopyRow,
    ImageAttachmentRow,
    ImageRow,
    PatientRow,
    TbeStudyRow,
)

__all__ = [
    "AttachedImage",
    "FilmMismatch",
    "ImageListing",
    "attach_endoscopy_photo",
    "attach_film",
    "detach",
    "image_bytes",
    "list_images",
    "thumbnail",
]

ENTITY = "image_attachment"


class FilmMismatch(UserError):
    """The file says it is another patient's, or of another day: attach only when the user confirms the differences."""

    def __init__(self, differences: Sequence[Message], path: Path) -> None:
        self.differences = tuple(differences)
        self.path = path
        super().__init__(
            say(
                N_(
                    "{path} may not belong to this record:\n{differences}\nNothing was attached. If it is the "
                    "right file all the same, attach it again confirming these differences."
                ),
                path=path,
                differences=Joined(tuple(say(N_("- {line}"), line=d) for d in self.differences), "\n"),
            )
        )


@dataclass(frozen=True, slots=True)
class AttachedImage:
    attachment_id: int
    sha256: str
    stored_new: bool  # False: these bytes were stored already (another attach): they were not stored twice
    confirmed: tuple[Message, ...]  # the differences the user confirmed (empty: none)


@dataclass(frozen=True, slots=True)
class ImageListing:
    """One attachment as lists show it."""

    attachment_id: int
    sha256: str
    kind: str  # "film" or "endoscopy"
    record_date: dt.date  # the TBE study's date, or the endoscopy's
    minute: int | None
    study_id: int | None  # the TBE study of a film (None for an endoscopy photograph)
    file_name: str
    media_type: str
    byte_size: int
    rows: int | None
    columns: int | None
    calibration_source: str | None  # Calibration's source (e.g. "pixel_spacing", "none"); None: not a radiograph
    attached_at: dt.datetime
    attached_by: str
    confirmed_mismatch: tuple[str, ...]
    removed: bool


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(
            say(N_("Could not read {path}: {reason}. Nothing was attached."), path=path, reason=reason_said(exc))
        ) from exc


def _identity(radiograph: Radiograph) -> FilmIdentity | None:
    found = radiograph.identity
    if found is None:
        return None
    return FilmIdentity(
        patient_id=found.patient_id,
        patient_name=found.patient_name,
        study_date=found.study_date,
        acquisition_date=found.acquisition_date,
        content_date=found.content_date,
    )


def _identity_json(identity: FilmIdentity | None) -> str | None:
    if identity is None:
        return None
    return json.dumps(
        {
            "patient_id": identity.patient_id,
            "patient_name": identity.patient_name,
            "study_date": identity.study_date and identity.study_date.isoformat(),
            "acquisition_date": identity.acquisition_date and identity.acquisition_date.isoformat(),
            "content_date": identity.content_date and identity.content_date.isoformat(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _calibration_json(radiograph: Radiograph) -> str:
    return json.dumps(radiograph.calibration.to_json(), sort_keys=True)


def _decode(data: bytes, name: str) -> tuple[Radiograph, bytes]:
    """The decoder (services.images.decode) reads DICOM, PNG, JPEG and TIFF; an unsupported file is a UserError."""
    radiograph = read_radiograph(data, name)
    return radiograph, thumbnail_png(radiograph)


def _patient(session: Session, clinic: Clinic, mrn: str) -> PatientRow:
    row = session.scalar(select(PatientRow).where(PatientRow.mrn == mrn.strip()))
    if row is None:
        raise NotFound(say(N_("No patient with MRN {mrn} in {location}"), mrn=mrn, location=clinic.location))
    return row


def _audit(
    session: Session,
    clinic: Clinic,
    action: str,
    attachment: ImageAttachmentRow,
    changes: dict[str, Any],
    reason: str = "",
) -> None:
    session.add(
        AuditEventRow(
            user_name=clinic.user,
            action=action,
            entity=ENTITY,
            entity_id=attachment.id,
            patient_id=attachment.patient_id,
            changes=changes,
            reason=reason,
        )
    )


def _attach(
    clinic: Clinic,
    patient: PatientRow,
    session: Session,
    path: Path,
    data: bytes,
    decoded: tuple[Radiograph, bytes],
    record_date: dt.date,
    where: dict[str, Any],
    confirm_mismatch: bool,
) -> AttachedImage:
    radiograph, thumb = decoded
    identity = _identity(radiograph)
    differences = (
        identity_differences(
            identity,
            mrn=patient.mrn,
            family_name=patient.family_name,
            given_name=patient.given_name,
            record_date=record_date,
        )
        if identity is not None
        else []
    )
    if differences and not confirm_mismatch:
        raise FilmMismatch(differences, path)
    digest = sha256_of(data)
    thumb_sha256 = sha256_of(thumb)
    # The insert is idempotent, so two workstations attaching the same film at once both succeed (on PostgreSQL the
    # second waits for the first's commit: storage.images.insert_once). The content is kept before the commit, so a
    # committed row never names bytes that are not there (SQLite: the files are renamed into place now; PostgreSQL:
    # the content rows commit with the image row).
    stored_new = insert_once(
        session,
        ImageRow,
        sha256=digest,
        media_type=radiograph.media_type,
        byte_size=len(data),
        rows=radiograph.rows,
        columns=radiograph.columns,
        photometric=radiograph.photometric or "",
        thumbnail_sha256=thumb_sha256,
        identity_json=_identity_json(identity),
        calibration_json=_calibration_json(radiograph),
        stored_by=clinic.user,
    )
    if stored_new:
        keep_bytes(clinic.db, session, thumb_sha256, thumb)
        keep_bytes(clinic.db, session, digest, data)
    else:
        _mend_thumbnail(clinic, session, digest, thumb_sha256, thumb)
    confirmed = [str(d) for d in differences]
    attachment = ImageAttachmentRow(
        image_sha256=digest,
        patient_id=patient.id,
        file_name=path.name[:255],
        attached_by=clinic.user,
        confirmed_mismatch=json.dumps(confirmed, ensure_ascii=False) if confirmed else None,
        **where,
    )
    session.add(attachment)
    session.flush()
    changes = {"sha256": digest, "file_name": attachment.file_name, "record_date": record_date.isoformat(), **where}
    if confirmed:
        changes["confirmed_mismatch"] = confirmed
    _audit(session, clinic, "attach", attachment, changes)
    return AttachedImage(attachment.id, digest, stored_new, tuple(differences))


def _mend_thumbnail(clinic: Clinic, session: Session, digest: str, thumb_sha256: str, thumb: bytes) -> None:
    """A film attached again whose stored thumbnail is lost (``db check`` names it) gets the one just made."""
    image = session.get(ImageRow, digest)
    if image is None:
        return
    if image.thumbnail_sha256 is None or load_bytes(clinic.db, session, image.thumbnail_sha256) is None:
        keep_bytes(clinic.db, session, thumb_sha256, thumb)
        image.thumbnail_sha256 = thumb_sha256


def attach_film(
    clinic: Clinic, mrn: str, study_date: dt.date, minute: int, path: Path, *, confirm_mismatch: bool = False
) -> AttachedImage:
    """Attach a radiograph (DICOM, PNG, JPEG, TIFF) to the TBE study of ``study_date`` at ``minute``."""
    with clinic.db.session() as session:
        patient = _patient(session, clinic, mrn)
        studies = session.scalars(
            select(TbeStudyRow.id).where(TbeStudyRow.patient_id == patient.id, TbeStudyRow.study_date == study_date)
        ).all()
    if not studies:
        raise NotFound(
            say(N_("Patient {mrn} has no TBE study on {date}; nothing was attached."), mrn=mrn, date=study_date)
        )
    if len(studies) > 1:
        raise UserError(
            say(
                N_("Patient {mrn} has {count} TBE studies on {date}; attach the film from the window instead."),
                mrn=mrn,
                count=len(studies),
                date=study_date,
            )
        )
    return attach_film_to_study(clinic, studies[0], minute, path, confirm_mismatch=confirm_mismatch)


def attach_film_to_study(
    clinic: Clinic, study_id: int, minute: int, path: Path, *, confirm_mismatch: bool = False
) -> AttachedImage:
    """Attach a radiograph to the TBE study ``study_id`` at ``minute`` (the window knows the study it shows, even
    when a patient had two studies on one day); the same checks as :func:`attach_film`."""
    if not 0 <= minute <= 60:
        raise UserError(say(N_("The film's minute must be between 0 and 60; you gave {minute}."), minute=minute))
    data = _read(path)
    decoded = _decode(data, path.name)
    with clinic.db.session() as session:
        study = session.get(TbeStudyRow, study_id)
        if study is None:
            raise NotFound(say(N_("That TBE study no longer exists (someone deleted it); nothing was attached.")))
        patient = session.get(PatientRow, study.patient_id)
        assert patient is not None  # the study's foreign key
        where = {"study_id": study.id, "minute": minute}
        return _attach(clinic, patient, session, path, data, decoded, study.study_date, where, confirm_mismatch)


def attach_endoscopy_photo(
    clinic: Clinic, mrn: str, exam_date: dt.date, path: Path, *, confirm_mismatch: bool = False
) -> AttachedImage:
    """Attach a photograph (or a DICOM secondary capture) to the endoscopy of ``exam_date``."""
    data = _read(path)
    decoded = _decode(data, path.name)
    with clinic.db.session() as session:
        patient = _patient(session, clinic, mrn)
        exam = session.scalar(
            select(EndoscopyRow)
            .where(EndoscopyRow.patient_id == patient.id, EndoscopyRow.exam_date == exam_date)
            .order_by(EndoscopyRow.id)
        )
        if exam is None:
            raise NotFound(
                say(N_("Patient {mrn} has no endoscopy on {date}; nothing was attached."), mrn=mrn, date=exam_date)
            )
        where = {"endoscopy_id": exam.id}
        return _attach(clinic, patient, session, path, data, decoded, exam_date, where, confirm_mismatch)


def _calibration_source(calibration_json: str | None) -> str | None:
    if not calibration_json:
        return None
    return str(Calibration.from_json(json.loads(calibration_json)).source.value)


def list_images(clinic: Clinic, mrn: str, *, include_removed: bool = False) -> list[ImageListing]:
    """The patient's films (by study date and minute) then endoscopy photographs (by date), oldest first."""
    with clinic.db.session() as session:
        patient = _patient(session, clinic, mrn)
        query = (
            select(ImageAttachmentRow, ImageRow, TbeStudyRow.study_date, EndoscopyRow.exam_date)
            .join(ImageRow, ImageRow.sha256 == ImageAttachmentRow.image_sha256)
            .outerjoin(TbeStudyRow, TbeStudyRow.id == ImageAttachmentRow.study_id)
            .outerjoin(EndoscopyRow, EndoscopyRow.id == ImageAttachmentRow.endoscopy_id)
            .where(ImageAttachmentRow.patient_id == patient.id)
        )
        if not include_removed:
            query = query.where(ImageAttachmentRow.removed.is_(False))
        found = []
        for attachment, image, study_date, exam_date in session.execute(query).all():
            found.append(
                ImageListing(
                    attachment_id=attachment.id,
                    sha256=image.sha256,
                    kind="film" if study_date is not None else "endoscopy",
                    record_date=study_date if study_date is not None else exam_date,
                    minute=attachment.minute,
                    study_id=attachment.study_id,
                    file_name=attachment.file_name,
                    media_type=image.media_type,
                    byte_size=image.byte_size,
                    rows=image.rows,
                    columns=image.columns,
                    calibration_source=_calibration_source(image.calibration_json),
                    attached_at=attachment.attached_at,
                    attached_by=attachment.attached_by,
                    confirmed_mismatch=tuple(json.loads(attachment.confirmed_mismatch or "[]")),
                    removed=attachment.removed,
                )
            )
    return sorted(found, key=lambda i: (i.kind != "film", i.record_date, i.minute or 0, i.attachment_id))


def image_bytes(clinic: Clinic, sha256: str) -> bytes:
    """The stored bytes of an image, checked against its hash."""
    with clinic.db.session() as session:
        data = load_bytes(clinic.db, session, sha256)
    if data is None:
        raise UserError(
            say(
                N_(
                    "The image {sha256} is missing or damaged in {location}; restore it from a backup "
                    "('barium-tracker db check' lists every such image)."
                ),
                sha256=sha256,
                location=clinic.location,
            )
        )
    return data


def thumbnail(clinic: Clinic, sha256: str) -> bytes | None:
    """The image's PNG thumbnail for lists, checked against its hash (None when none could be made, or it is lost:
    ``db check`` names it)."""
    with clinic.db.session() as session:
        thumb_sha256 = session.scalar(select(ImageRow.thumbnail_sha256).where(ImageRow.sha256 == sha256))
        return load_bytes(clinic.db, session, thumb_sha256) if thumb_sha256 is not None else None


def detach(clinic: Clinic, attachment_id: int, *, reason: str = "") -> None:
    """Mark an attachment removed (who, when, why in the audit trail); the image and the attachment stay on record."""
    with clinic.db.session() as session:
        attachment = session.get(ImageAttachmentRow, attachment_id)
        if attachment is None:
            raise NotFound(say(N_("There is no attached image {id}."), id=attachment_id))
        if attachment.removed:
            return
        attachment.removed = True
        attachment.removed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        attachment.removed_by = clinic.user
        changes = {"removed": [False, True], "sha256": attachment.image_sha256}
        _audit(session, clinic, "detach", attachment, changes, reason)
