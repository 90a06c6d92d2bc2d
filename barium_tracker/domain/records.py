"""The clinical record as plain dataclasses: what the GUI edits, services save and metrics read.

Lengths are ``Decimal`` so that "2,7 cm" is kept as 2.7 exactly, never as a float approximation or an integer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from barium_tracker.domain.calibration import Calibration, LengthSource
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
from barium_tracker.domain.titles import procedure_kind_title

#: The protocol's timed films (de Oliveira 1997); other minutes are allowed.
STANDARD_MINUTES: tuple[int, ...] = (1, 2, 5)


@dataclass(slots=True)
class RecordMeta:
    """Who created and last changed a record, and when (UTC). Filled by storage, read-only elsewhere."""

    created_at: dt.datetime | None = None
    created_by: str | None = None
    updated_at: dt.datetime | None = None
    updated_by: str | None = None


@dataclass(slots=True, kw_only=True)
class Patient:
    mrn: str
    family_name: str = ""
    given_name: str = ""
    birth_date: dt.date | None = None
    sex: Sex = Sex.UNKNOWN
    diagnosis: Diagnosis = Diagnosis.UNKNOWN
    diagnosis_date: dt.date | None = None
    notes: str = ""
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)

    @property
    def display_name(self) -> str:
        if self.family_name and self.given_name:
            return f"{self.family_name}, {self.given_name}"
        return self.family_name or self.given_name or self.mrn

    def age_years(self, on: dt.date) -> int | None:
        """Completed years of age on a date (None when the birth date is unknown)."""
        if self.birth_date is None:
            return None
        years = on.year - self.birth_date.year
        if (on.month, on.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass(slots=True, kw_only=True)
class ColumnMeasurement:
    """Barium column on one timed film. ``None`` means not measured; a height of 0 means complete emptying."""

    minute: int
    height_cm: Decimal | None = None
    width_cm: Decimal | None = None
    #: The area inside the column's outline traced on the film (Sanagapalli's area); never typed.
    traced_area_cm2: Decimal | None = None
    # Where the lengths came from (read from storage; not clinical fields): "typed", or "image" measured on the
    # attached film with ``calibration``. A typed correction of an image value is saved as "typed" again.
    height_source: LengthSource = LengthSource.TYPED
    width_source: LengthSource = LengthSource.TYPED
    calibration: Calibration | None = None

    @property
    def area_cm2(self) -> Decimal | None:
        """Height x width approximates the column's area (de Oliveira 1997)."""
        if self.height_cm is None or self.width_cm is None:
            return None
        return self.height_cm * self.width_cm

    @property
    def is_measured(self) -> bool:
        return self.height_cm is not None or self.width_cm is not None or self.traced_area_cm2 is not None

    def source_of(self, name: str) -> LengthSource:
        """The source of ``height_cm``, ``width_cm`` or ``traced_area_cm2`` (a traced area is always an image's)."""
        if name == "traced_area_cm2":
            return LengthSource.IMAGE
        return self.height_source if name == "height_cm" else self.width_source

    def calibration_of(self, name: str) -> Calibration | None:
        """The calibration a value was measured with (None for a typed value)."""
        return self.calibration if self.source_of(name) is LengthSource.IMAGE else None


@dataclass(slots=True, kw_only=True)
class TbeStudy:
    study_date: dt.date
    study_time: dt.time | None = None
    barium_volume_ml: Decimal | None = None
    barium_type: str = ""
    position: PatientPosition = PatientPosition.UPRIGHT
    tablet_result: TabletResult = TabletResult.NOT_GIVEN
    tablet_minute: int | None = None
    notes: str = ""
    measurements: list[ColumnMeasurement] = field(default_factory=list)
    patient_id: int | None = None
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)

    def at(self, minute: int) -> ColumnMeasurement | None:
        """The measurement at a minute, or None when that film was not taken."""
        for m in self.measurements:
            if m.minute == minute:
                return m
        return None

    def height_at(self, minute: int) -> Decimal | None:
        m = self.at(minute)
        return None if m is None else m.height_cm

    @property
    def minutes(self) -> list[int]:
        return sorted(m.minute for m in self.measurements)


@dataclass(slots=True, kw_only=True)
class Procedure:
    procedure_date: dt.date
    procedure_type: ProcedureType
    rescue: bool = False
    # POEM
    poem_access: PoemAccess | None = None
    # Total myotomy length (POEM or LHM) and the part of it below the gastro-oesophageal junction.
    myotomy_length_cm: Decimal | None = None
    gastric_myotomy_length_cm: Decimal | None = None
    knife: str = ""
    # LHM
    fundoplication: Fundoplication | None = None
    # Balloon dilation: the balloon's diameter (not a volume) and the inflation pressure.
    balloon_diameter_mm: Decimal | None = None
    balloon_pressure_psi: Decimal | None = None
    # Botulinum toxin
    botox_units: Decimal | None = None
    botox_sites: int | None = None
    # Every type
    duration_min: int | None = None
    anaesthesia: str = ""
    length_of_stay_days: int | None = None
    operator: str = ""
    complication_grade: ComplicationGrade = ComplicationGrade.NONE
    complication_text: str = ""
    notes: str = ""
    patient_id: int | None = None
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)

    @property
    def title(self) -> str:
        """The procedure's title in English ("Rescue POEM"); the GUI translates ``titles.procedure_kind_title``."""
        return str(procedure_kind_title(self.procedure_type, self.rescue))


ECKARDT_ITEMS: tuple[str, ...] = ("dysphagia", "regurgitation", "retrosternal_pain", "weight_loss")


@dataclass(slots=True, kw_only=True)
class EckardtAssessment:
    """Eckardt symptom score (Eckardt et al., Gastroenterology 1992): four items of 0-3; the total is derived."""

    assessment_date: dt.date
    dysphagia: int
    regurgitation: int
    retrosternal_pain: int
    weight_loss: int
    weight_kg: Decimal | None = None
    notes: str = ""
    patient_id: int | None = None
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)

    @property
    def total(self) -> int:
        return self.dysphagia + self.regurgitation + self.retrosternal_pain + self.weight_loss


@dataclass(slots=True, kw_only=True)
class Manometry:
    """High-resolution manometry, Chicago Classification v4.0. The IRP limit depends on the system, so keep it."""

    study_date: dt.date
    system: str = ""
    irp_supine_mmhg: Decimal | None = None
    irp_upright_mmhg: Decimal | None = None
    irp_upper_limit_mmhg: Decimal | None = None
    subtype: ChicagoSubtype = ChicagoSubtype.INCONCLUSIVE
    conclusive: bool = False
    failed_swallows_pct: Decimal | None = None
    pan_pressurisation_pct: Decimal | None = None
    premature_swallows_pct: Decimal | None = None
    dci_mmhg_s_cm: Decimal | None = None
    les_resting_pressure_mmhg: Decimal | None = None
    notes: str = ""
    patient_id: int | None = None
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)


@dataclass(slots=True, kw_only=True)
class Endoscopy:
    exam_date: dt.date
    les_opening: LesOpening = LesOpening.NOT_ASSESSED
    oesophagitis: OesophagitisGrade = OesophagitisGrade.NONE
    residue: bool = False
    findings: str = ""
    patient_id: int | None = None
    id: int | None = None
    version: int = 0
    meta: RecordMeta = field(default_factory=RecordMeta)


@dataclass(slots=True, kw_only=True)
class PatientHistory:
    """One patient with every event, as services load it for a summary, a chart or a report."""

    patient: Patient
    studies: list[TbeStudy] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    eckardt: list[EckardtAssessment] = field(default_factory=list)
    manometry: list[Manometry] = field(default_factory=list)
    endoscopy: list[Endoscopy] = field(default_factory=list)
