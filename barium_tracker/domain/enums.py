"""Coded values of the clinical record; the string values are stored in the database and in JSON, so never rename."""

from __future__ import annotations

from enum import StrEnum

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.procedure_types import ProcedureType

#: The Qt translation context of coded values' labels (ui/translate.coded; procedure types use it too).
TRANSLATION_CONTEXT = "enums"

__all__ = [
    "ChicagoSubtype",
    "ComplicationGrade",
    "Diagnosis",
    "Fundoplication",
    "LesOpening",
    "OesophagitisGrade",
    "PatientPosition",
    "PoemAccess",
    "ProcedureType",
    "Sex",
    "TabletResult",
]


class _Coded(StrEnum):
    """A coded value with a human label: English source text marked N_, translated by the GUI (``enums`` context)."""

    @property
    def label(self) -> str:
        # Keyed by class: members of different enums share string values ("none", "other") but not labels.
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())

    @property
    def short_label(self) -> str:
        """A compact form for a narrow table cell (the patient list); the label itself where it is short already."""
        return _SHORT_LABELS.get((type(self), self.value), self.label)


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
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_I.value): N_("Achalasia type I"),
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_II.value): N_("Achalasia type II"),
    (Diagnosis, Diagnosis.ACHALASIA_TYPE_III.value): N_("Achalasia type III"),
    (Diagnosis, Diagnosis.EGJ_OUTFLOW_OBSTRUCTION.value): N_("EGJ outflow obstruction"),
    (Diagnosis, Diagnosis.OTHER.value): N_("Other"),
    (Diagnosis, Diagnosis.UNKNOWN.value): N_("Unknown"),
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_I.value): N_("Achalasia type I"),
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_II.value): N_("Achalasia type II"),
    (ChicagoSubtype, ChicagoSubtype.ACHALASIA_TYPE_III.value): N_("Achalasia type III"),
    (ChicagoSubtype, ChicagoSubtype.EGJ_OUTFLOW_OBSTRUCTION.value): N_("EGJ outflow obstruction"),
    (ChicagoSubtype, ChicagoSubtype.NORMAL.value): N_("Normal motility"),
    (ChicagoSubtype, ChicagoSubtype.INCONCLUSIVE.value): N_("Inconclusive"),
    (ChicagoSubtype, ChicagoSubtype.OTHER.value): N_("Other"),
    (Sex, Sex.FEMALE.value): N_("Female"),
    (Sex, Sex.MALE.value): N_("Male"),
    (Sex, Sex.OTHER.value): N_("Other"),
    (Sex, Sex.UNKNOWN.value): N_("Unknown"),
    (PoemAccess, PoemAccess.ANTERIOR.value): N_("Anterior"),
    (PoemAccess, PoemAccess.POSTERIOR.value): N_("Posterior"),
    (Fundoplication, Fundoplication.DOR.value): N_("Dor (anterior)"),
    (Fundoplication, Fundoplication.TOUPET.value): N_("Toupet (posterior)"),
    (Fundoplication, Fundoplication.NONE.value): N_("None"),
    (ComplicationGrade, ComplicationGrade.NONE.value): N_("None"),
    (ComplicationGrade, ComplicationGrade.MILD.value): N_("Mild"),
    (ComplicationGrade, ComplicationGrade.MODERATE.value): N_("Moderate"),
    (ComplicationGrade, ComplicationGrade.SEVERE.value): N_("Severe"),
    (TabletResult, TabletResult.NOT_GIVEN.value): N_("Not given"),
    (TabletResult, TabletResult.PASSED.value): N_("Passed"),
    (TabletResult, TabletResult.RETAINED.value): N_("Retained"),
    (PatientPosition, PatientPosition.UPRIGHT.value): N_("Upright"),
    (PatientPosition, PatientPosition.SEMI_UPRIGHT.value): N_("Semi-upright"),
    (PatientPosition, PatientPosition.OTHER.value): N_("Other"),
    (LesOpening, LesOpening.EASY.value): N_("Easy opening"),
    (LesOpening, LesOpening.RESISTANCE.value): N_("Opens with resistance"),
    (LesOpening, LesOpening.NOT_PASSED.value): N_("Could not be passed"),
    (LesOpening, LesOpening.NOT_ASSESSED.value): N_("Not assessed"),
    (OesophagitisGrade, OesophagitisGrade.NONE.value): N_("No oesophagitis"),
    (OesophagitisGrade, OesophagitisGrade.LA_A.value): N_("LA grade A"),
    (OesophagitisGrade, OesophagitisGrade.LA_B.value): N_("LA grade B"),
    (OesophagitisGrade, OesophagitisGrade.LA_C.value): N_("LA grade C"),
    (OesophagitisGrade, OesophagitisGrade.LA_D.value): N_("LA grade D"),
}

#: Short labels where the label does not fit a list cell (the abbreviation clinicians use in both languages).
_SHORT_LABELS: dict[tuple[type, str], str] = {
    (Diagnosis, Diagnosis.EGJ_OUTFLOW_OBSTRUCTION.value): N_("EGJOO"),
}
