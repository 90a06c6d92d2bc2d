"""Coded values of the clinical record; the string values are stored in the database and in JSON, so never rename."""

from __future__ import annotations

from enum import StrEnum


class _Coded(StrEnum):
    """A coded value with a human label (English; the GUI translates labels through Qt's tr())."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " "))


class Sex(_Coded):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Diagnosis(_Coded):
    ACHALASIA_TYPE_I = "achalasia_type_i"
    ACHALASIA_TYPE_II = "achalasia_type_ii"
    ACHALASIA_TYPE_III = "achalasia_type_iii"
    EGJ_OUTFLOW_OBSTRUCTION = "egj_outflow_obstruction"
    OTHER = "other"
    UNKNOWN = "unknown"


class ProcedureType(_Coded):
    POEM = "poem"
    REDO_POEM = "redo_poem"
    LHM = "lhm"
    REDO_LHM = "redo_lhm"
    BALLOON_DILATION = "balloon_dilation"
    BOTULINUM_TOXIN = "botulinum_toxin"
    OESOPHAGECTOMY = "oesophagectomy"
    OTHER = "other"

    @property
    def is_myotomy(self) -> bool:
        return self in (
            ProcedureType.POEM,
            ProcedureType.REDO_POEM,
            ProcedureType.LHM,
            ProcedureType.REDO_LHM,
        )


class PoemAccess(_Coded):
    ANTERIOR = "anterior"
    POSTERIOR = "posterior"


class Fundoplication(_Coded):
    DOR = "dor"
    TOUPET = "toupet"
    NONE = "none"


class ComplicationGrade(_Coded):
    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class TabletResult(_Coded):
    NOT_GIVEN = "not_given"
    PASSED = "passed"
    RETAINED = "retained"


class PatientPosition(_Coded):
    UPRIGHT = "upright"
    SEMI_UPRIGHT = "semi_upright"
    OTHER = "other"


class ChicagoSubtype(_Coded):
    """Chicago Classification v4.0 conclusions relevant to achalasia care."""

    ACHALASIA_TYPE_I = "achalasia_type_i"
    ACHALASIA_TYPE_II = "achalasia_type_ii"
    ACHALASIA_TYPE_III = "achalasia_type_iii"
    EGJ_OUTFLOW_OBSTRUCTION = "egj_outflow_obstruction"
    NORMAL = "normal"
    INCONCLUSIVE = "inconclusive"
    OTHER = "other"


class LesOpening(_Coded):
    EASY = "easy"
    RESISTANCE = "resistance"
    NOT_PASSED = "not_passed"
    NOT_ASSESSED = "not_assessed"


class OesophagitisGrade(_Coded):
    """Los Angeles classification of erosive oesophagitis."""

    NONE = "none"
    LA_A = "la_a"
    LA_B = "la_b"
    LA_C = "la_c"
    LA_D = "la_d"


_LABELS: dict[StrEnum, str] = {
    Diagnosis.ACHALASIA_TYPE_I: "Achalasia type I",
    Diagnosis.ACHALASIA_TYPE_II: "Achalasia type II",
    Diagnosis.ACHALASIA_TYPE_III: "Achalasia type III",
    Diagnosis.EGJ_OUTFLOW_OBSTRUCTION: "EGJ outflow obstruction",
    Diagnosis.OTHER: "Other",
    Diagnosis.UNKNOWN: "Unknown",
    ChicagoSubtype.ACHALASIA_TYPE_I: "Achalasia type I",
    ChicagoSubtype.ACHALASIA_TYPE_II: "Achalasia type II",
    ChicagoSubtype.ACHALASIA_TYPE_III: "Achalasia type III",
    ChicagoSubtype.EGJ_OUTFLOW_OBSTRUCTION: "EGJ outflow obstruction",
    ChicagoSubtype.NORMAL: "Normal motility",
    ChicagoSubtype.INCONCLUSIVE: "Inconclusive",
    ChicagoSubtype.OTHER: "Other",
    ProcedureType.POEM: "POEM",
    ProcedureType.REDO_POEM: "Redo POEM",
    ProcedureType.LHM: "Laparoscopic Heller myotomy",
    ProcedureType.REDO_LHM: "Redo Heller myotomy",
    ProcedureType.BALLOON_DILATION: "Pneumatic/balloon dilation",
    ProcedureType.BOTULINUM_TOXIN: "Botulinum toxin injection",
    ProcedureType.OESOPHAGECTOMY: "Oesophagectomy",
    ProcedureType.OTHER: "Other",
    Sex.FEMALE: "Female",
    Sex.MALE: "Male",
    Sex.OTHER: "Other",
    Sex.UNKNOWN: "Unknown",
    PoemAccess.ANTERIOR: "Anterior",
    PoemAccess.POSTERIOR: "Posterior",
    Fundoplication.DOR: "Dor (anterior)",
    Fundoplication.TOUPET: "Toupet (posterior)",
    Fundoplication.NONE: "None",
    ComplicationGrade.NONE: "None",
    ComplicationGrade.MILD: "Mild",
    ComplicationGrade.MODERATE: "Moderate",
    ComplicationGrade.SEVERE: "Severe",
    TabletResult.NOT_GIVEN: "Not given",
    TabletResult.PASSED: "Passed",
    TabletResult.RETAINED: "Retained",
    PatientPosition.UPRIGHT: "Upright",
    PatientPosition.SEMI_UPRIGHT: "Semi-upright",
    PatientPosition.OTHER: "Other",
    LesOpening.EASY: "Easy opening",
    LesOpening.RESISTANCE: "Opens with resistance",
    LesOpening.NOT_PASSED: "Could not be passed",
    LesOpening.NOT_ASSESSED: "Not assessed",
    OesophagitisGrade.NONE: "No oesophagitis",
    OesophagitisGrade.LA_A: "LA grade A",
    OesophagitisGrade.LA_B: "LA grade B",
    OesophagitisGrade.LA_C: "LA grade C",
    OesophagitisGrade.LA_D: "LA grade D",
}
