"""Coded values of the clinical record; the string values are stored in the database and in JSON, so never rename."""

from __future__ import annotations

from enum import StrEnum


class _Coded(StrEnum):
    """A coded value with a human label (English; the GUI translates labels through Qt's tr())."""

    @property
    def label(self) -> str:
        # Keyed by class: members of different enums share string values ("none", "other") but not labels.
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())


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


_LABELS: dict[tuple[type, str], str] = {
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_I.value): "Achalasia type I",
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_II.value): "Achalasia type II",
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_III.value): "Achalasia type III",
    (Diagnosis, Diagnosis.EGJ_OUTFLOW_OBSTRUCTION.value): "EGJ outflow obstruction",
    (Diagnosis, Diagnosis.OTHER.value): "Other",
    (Diagnosis, Diagnosis.UNKNOWN.value): "Unknown",
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_I.value): "Achalasia type I",
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_II.value): "Achalasia type II",
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_III.value): "Achalasia type III",
    (ChicagoSubtype, ChicagoSubtype.EGJ_OUTFLOW_OBSTRUCTION.value): "EGJ outflow obstruction",
    (ChicagoSubtype, ChicagoSubtype.NORMAL.value): "Normal motility",
    (ChicagoSubtype, ChicagoSubtype.INCONCLUSIVE.value): "Inconclusive",
    (ChicagoSubtype, ChicagoSubtype.OTHER.value): "Other",
    (ProcedureType, ProcedureType.POEM.value): "POEM",
    (ProcedureType, ProcedureType.REDO_POEM.value): "Redo POEM",
    (ProcedureType, ProcedureType.LHM.value): "Laparoscopic Heller myotomy",
    (ProcedureType, ProcedureType.REDO_LHM.value): "Redo Heller myotomy",
    (ProcedureType, ProcedureType.BALLOON_DILATION.value): "Pneumatic/balloon dilation",
    (ProcedureType, ProcedureType.BOTULINUM_TOXIN.value): "Botulinum toxin injection",
    (ProcedureType, ProcedureType.OESOPHAGECTOMY.value): "Oesophagectomy",
    (ProcedureType, ProcedureType.OTHER.value): "Other",
    (Sex, Sex.FEMALE.value): "Female",
    (Sex, Sex.MALE.value): "Male",
    (Sex, Sex.OTHER.value): "Other",
    (Sex, Sex.UNKNOWN.value): "Unknown",
    (PoemAccess, PoemAccess.ANTERIOR.value): "Anterior",
    (PoemAccess, PoemAccess.POSTERIOR.value): "Posterior",
    (Fundoplication, Fundoplication.DOR.value): "Dor (anterior)",
    (Fundoplication, Fundoplication.TOUPET.value): "Toupet (posterior)",
    (Fundoplication, Fundoplication.NONE.value): "None",
    (ComplicationGrade, ComplicationGrade.NONE.value): "None",
    (ComplicationGrade, ComplicationGrade.MILD.value): "Mild",
    (ComplicationGrade, ComplicationGrade.MODERATE.value): "Moderate",
    (ComplicationGrade, ComplicationGrade.SEVERE.value): "Severe",
    (TabletResult, TabletResult.NOT_GIVEN.value): "Not given",
    (TabletResult, TabletResult.PASSED.value): "Passed",
    (TabletResult, TabletResult.RETAINED.value): "Retained",
    (PatientPosition, PatientPosition.UPRIGHT.value): "Upright",
    (PatientPosition, PatientPosition.SEMI_UPRIGHT.value): "Semi-upright",
    (PatientPosition, PatientPosition.OTHER.value): "Other",
    (LesOpening, LesOpening.EASY.value): "Easy opening",
    (LesOpening, LesOpening.RESISTANCE.value): "Opens with resistance",
    (LesOpening, LesOpening.NOT_PASSED.value): "Could not be passed",
    (LesOpening, LesOpening.NOT_ASSESSED.value): "Not assessed",
    (OesophagitisGrade, OesophagitisGrade.NONE.value): "No oesophagitis",
    (OesophagitisGrade, OesophagitisGrade.LA_A.value): "LA grade A",
    (OesophagitisGrade, OesophagitisGrade.LA_B.value): "LA grade B",
    (OesophagitisGrade, OesophagitisGrade.LA_C.value): "LA grade C",
    (OesophagitisGrade, OesophagitisGrade.LA_D.value): "LA grade D",
}
