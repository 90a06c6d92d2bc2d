"""SQLAlchemy 2 typed models. Column names match the domain dataclasses so that mapping stays mechanical."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Diagnosis,
    Fundoplication,
    LesOpening,
    OesophagitisGrade,
    PatientPosition,
    PoemAccess,
    ProcedureType,
    Sex,
    TabletResult,
)
from barium_tracker.storage.types import Coded, ExactDecimal

# Deterministic constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite would otherwise hand a deleted row's id to the next insert; ids are never reused, so that an undone
# deletion can be restored under its own id and an old reference can never point at another patient's record.
_NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Tracked:
    """Who created and changed a row, when (naive UTC), and an optimistic version that guards concurrent edits."""

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow, onupdate=_utcnow)
    updated_by: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr signature
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class PatientRow(Tracked, Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    mrn: Mapped[str] = mapped_column(String(40), unique=True)
    family_name: Mapped[str] = mapped_column(String(120), default="")
    given_name: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(Coded(Sex), default=Sex.UNKNOWN)
    diagnosis: Mapped[Diagnosis] = mapped_column(Coded(Diagnosis), default=Diagnosis.UNKNOWN)
    diagnosis_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Accent- and case-folded "mrn family given", maintained by services, for type-ahead search.
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)

    studies: Mapped[list[TbeStudyRow]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", passive_deletes=True
    )
    procedures: Mapped[list[ProcedureRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    eckardt: Mapped[list[EckardtRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    manometry: Mapped[list[ManometryRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    endoscopy: Mapped[list[EndoscopyRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    __table_args__ = (Index("ix_patient_names", "family_name", "given_name"), _NEVER_REUSE_IDS)


def _patient_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("patient.id", ondelete="CASCADE"), index=True)


class TbeStudyRow(Tracked, Base):
    __tablename__ = "tbe_study"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _patient_fk()
    study_date: Mapped[dt.date] = mapped_column(Date)
    study_time: Mapped[dt.time | None] = mapped_column(Time)
    barium_volume_ml: Mapped[Decimal | None] = mapped_column(ExactDecimal(6, 1))
    barium_type: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[PatientPosition] = mapped_column(Coded(PatientPosition), default=PatientPosition.UPRIGHT)
    tablet_result: Mapped[TabletResult] = mapped_column(Coded(TabletResult), default=TabletResult.NOT_GIVEN)
    tablet_minute: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    patient: Mapped[PatientRow] = relationship(back_populates="studies")
    measurements: Mapped[list[ColumnMeasurementRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ColumnMeasurementRow.minute", lazy="selectin"
    )


class ColumnMeasurementRow(Base):
    """One timed film of a study; owned by the study, so its version is the study's."""

    __tablename__ = "column_measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("tbe_study.id", ondelete="CASCADE"), index=True)
    minute: Mapped[int] = mapped_column(Integer)
    height_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 2))
    width_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 2))
    # Where each length came from: "typed" (the server default: rows older than the images, bulk imports) or "image"
    # (measured on the attachment below with the calibration below: Calibration.to_json(), the scale every length
    # used). services/images/measurements.save_film_measurements sets them; a typed correction sets "typed" again.
    height_source: Mapped[str] = mapped_column(String(10), server_default="typed")
    width_source: Mapped[str] = mapped_column(String(10), server_default="typed")
    image_attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("image_attachment.id", ondelete="SET NULL"), index=True
    )
    calibration_json: Mapped[str | None] = mapped_column(Text)
    # Schema 0003: the area inside the outline traced on the film, and the marks themselves (FilmMeasurements.to_json:
    # height path, width, outline, calibration), so that a recalibration recomputes every length from the same points.
    traced_area_cm2: Mapped[Decimal | None] = mapped_column(ExactDecimal(6, 2))
    geometry_json: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("study_id", "minute", name="uq_column_measurement_study_minute"),
        _NEVER_REUSE_IDS,
    )


class ProcedureRow(Tracked, Base):
    __tablename__ = "procedure"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _patient_fk()
    procedure_date: Mapped[dt.date] = mapped_column(Date)
    procedure_type: Mapped[ProcedureType] = mapped_column(Coded(ProcedureType))
    rescue: Mapped[bool] = mapped_column(Boolean, default=False)
    poem_access: Mapped[PoemAccess | None] = mapped_column(Coded(PoemAccess))
    myotomy_length_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 2))
    gastric_myotomy_length_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 2))
    knife: Mapped[str] = mapped_column(String(120), default="")
    fundoplication: Mapped[Fundoplication | None] = mapped_column(Coded(Fundoplication))
    balloon_diameter_mm: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    balloon_pressure_psi: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    botox_units: Mapped[Decimal | None] = mapped_column(ExactDecimal(6, 1))
    botox_sites: Mapped[int | None] = mapped_column(Integer)
    duration_min: Mapped[int | None] = mapped_column(Integer)
    anaesthesia: Mapped[str] = mapped_column(String(120), default="")
    length_of_stay_days: Mapped[int | None] = mapped_column(Integer)
    operator: Mapped[str] = mapped_column(String(200), default="")
    complication_grade: Mapped[ComplicationGrade] = mapped_column(
        Coded(ComplicationGrade), default=ComplicationGrade.NONE
    )
    complication_text: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_procedure_patient_date", "patient_id", "procedure_date"), _NEVER_REUSE_IDS)


class EckardtRow(Tracked, Base):
    __tablename__ = "eckardt_assessment"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _patient_fk()
    assessment_date: Mapped[dt.date] = mapped_column(Date)
    dysphagia: Mapped[int] = mapped_column(Integer)
    regurgitation: Mapped[int] = mapped_column(Integer)
    retrosternal_pain: Mapped[int] = mapped_column(Integer)
    weight_loss: Mapped[int] = mapped_column(Integer)
    weight_kg: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    notes: Mapped[str] = mapped_column(Text, default="")


class ManometryRow(Tracked, Base):
    __tablename__ = "manometry"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _patient_fk()
    study_date: Mapped[dt.date] = mapped_column(Date)
    system: Mapped[str] = mapped_column(String(200), default="")
    irp_supine_mmhg: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    irp_upright_mmhg: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    irp_upper_limit_mmhg: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    subtype: Mapped[ChicagoSubtype] = mapped_column(Coded(ChicagoSubtype), default=ChicagoSubtype.INCONCLUSIVE)
    conclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_swallows_pct: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    pan_pressurisation_pct: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    premature_swallows_pct: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    dci_mmhg_s_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal(8, 1))
    les_resting_pressure_mmhg: Mapped[Decimal | None] = mapped_column(ExactDecimal(5, 1))
    notes: Mapped[str] = mapped_column(Text, default="")


class EndoscopyRow(Tracked, Base):
    __tablename__ = "endoscopy"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = _patient_fk()
    exam_date: Mapped[dt.date] = mapped_column(Date)
    les_opening: Mapped[LesOpening] = mapped_column(Coded(LesOpening), default=LesOpening.NOT_ASSESSED)
    oesophagitis: Mapped[OesophagitisGrade] = mapped_column(Coded(OesophagitisGrade), default=OesophagitisGrade.NONE)
    residue: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[str] = mapped_column(Text, default="")


class ImageRow(Base):
    """One distinct image content, stored once whatever the number of attachments (docs/decisions/0005).

    The bytes, and those of its PNG thumbnail (content too, named by its own hash), are in ``<database>.images/``
    beside a SQLite file, or in :class:`ImageContentRow` on PostgreSQL: never in this row, which every daily backup
    copies.
    """

    __tablename__ = "image"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(80))
    byte_size: Mapped[int] = mapped_column(BigInteger)
    rows: Mapped[int | None] = mapped_column(Integer)
    columns: Mapped[int | None] = mapped_column(Integer)
    photometric: Mapped[str] = mapped_column(String(40), default="")
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64))  # None: no thumbnail could be made
    identity_json: Mapped[str | None] = mapped_column(Text)  # DICOM patient id, name and dates as read
    calibration_json: Mapped[str | None] = mapped_column(Text)  # the file's own scale (Calibration.to_json())
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
    stored_by: Mapped[str] = mapped_column(String(120), default="")


class ImageContentRow(Base):
    """Content on PostgreSQL, a film's or a thumbnail's (so that every workstation sees them and pg_dump carries them).

    Keyed by the bytes' own hash, named by ``image.sha256`` or ``image.thumbnail_sha256``; no foreign key, since a
    thumbnail is content without an ``image`` row of its own.
    """

    __tablename__ = "image_content"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ImageAttachmentRow(Base):
    """An image attached to a TBE study's minute or to an endoscopy; removed, never deleted, by the app."""

    __tablename__ = "image_attachment"
    __table_args__ = (Index("ix_image_attachment_study_minute", "study_id", "minute"), _NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    image_sha256: Mapped[str] = mapped_column(ForeignKey("image.sha256"), index=True)
    patient_id: Mapped[int] = _patient_fk()
    # A film: the study and the minute (the film record is ColumnMeasurementRow(study_id, minute), which may not
    # exist yet); a photograph: the endoscopy.
    study_id: Mapped[int | None] = mapped_column(ForeignKey("tbe_study.id", ondelete="CASCADE"))
    minute: Mapped[int | None] = mapped_column(Integer)
    endoscopy_id: Mapped[int | None] = mapped_column(ForeignKey("endoscopy.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    attached_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
    attached_by: Mapped[str] = mapped_column(String(120), default="")
    # The differences between the file and the record that the user confirmed (JSON list of sentences), else None.
    confirmed_mismatch: Mapped[str | None] = mapped_column(Text)
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")

    image: Mapped[ImageRow] = relationship()


class AuditEventRow(Base):
    """Append-only trail: every create, change and delete with the old and new values, who and when.

    Rows here are never updated or deleted by the application, so a correction never erases who entered what.
    """

    __tablename__ = "audit_event"
    __table_args__ = (_NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow, index=True)
    user_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # Not a foreign key: the trail outlives a deleted patient.
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")


class ClinicSettingRow(Base):
    """Clinic-wide clinical settings (e.g. the Eckardt success threshold); UI state lives in QSettings instead."""

    __tablename__ = "clinic_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
