"""Every clinical field declared once: its words, unit and limits, and where it goes (exchange, research, FHIR).

The way calibre's ``field_metadata.py`` and qutebrowser's ``configdata.yml`` declare each setting once, this module
is the one place that says what a clinical field is called, in which unit, within which range and with how many
decimals. Validation (domain/validation.py), the editors, the exchange tables, the research dictionary, the FHIR
export, the report and the summary read it; a second spelling of a label anywhere else is a bug
(tests/domain/test_fields.py and the docs checks keep it so).

Labels are English source text marked with :func:`N_` (translated later, at display time, in the ``fields``
context); a message that names a field takes the label from here. Field *order* on a form is the clinician's and
stays in the editors; the exchange tables keep their documented column order.

How to add a field: docs/development.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Diagnosis,
    Fundoplication,
    LesOpening,
    OesophagitisGrade,
    PatientPosition,
    PoemAccess,
    Sex,
    TabletResult,
)
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.procedure_types import ProcedureType, Section

#: The Qt translation context of every label, short label and description declared here.
TRANSLATION_CONTEXT = "fields"


class Kind(StrEnum):
    """What a field holds; the exchange tables read and write each kind in one documented way."""

    TEXT = "text"
    DATE = "date"
    TIME = "time"
    DECIMAL = "decimal"
    INTEGER = "int"
    BOOL = "bool"
    CODE = "code"


class Record(StrEnum):
    """The record a field belongs to (the dataclass of domain/records.py); the value is also the timeline's kind."""

    PATIENT = "patient"
    TBE_STUDY = "tbe_study"
    FILM = "film"  # one timed film of a TBE study (ColumnMeasurement)
    PROCEDURE = "procedure"
    ECKARDT = "eckardt"
    MANOMETRY = "manometry"
    ENDOSCOPY = "endoscopy"

    @property
    def title(self) -> str:
        """The kind of record as a heading or a column value: "TBE study", "Procedure" (marked N_)."""
        return _RECORD_WORDS[self][0]

    @property
    def noun(self) -> str:
        """The kind of record inside a sentence: "TBE study", "procedure" (marked N_)."""
        return _RECORD_WORDS[self][1]

    @property
    def class_name(self) -> str:
        """The dataclass of domain/records.py that holds this record."""
        return _RECORD_WORDS[self][2]


_RECORD_WORDS: dict[Record, tuple[str, str, str]] = {
    Record.PATIENT: (N_("Patient"), N_("patient"), "Patient"),
    Record.TBE_STUDY: (N_("TBE study"), N_("TBE study"), "TbeStudy"),
    Record.FILM: (N_("Film"), N_("film"), "ColumnMeasurement"),
    Record.PROCEDURE: (N_("Procedure"), N_("procedure"), "Procedure"),
    Record.ECKARDT: (N_("Eckardt score"), N_("Eckardt score"), "EckardtAssessment"),
    Record.MANOMETRY: (N_("Manometry"), N_("manometry"), "Manometry"),
    Record.ENDOSCOPY: (N_("Endoscopy"), N_("endoscopy"), "Endoscopy"),
}
_RECORD_BY_CLASS = {words[2]: record for record, words in _RECORD_WORDS.items()}


def record_of(record: object) -> Record | None:
    """Which kind of record a domain record is (None for anything else)."""
    return _RECORD_BY_CLASS.get(type(record).__name__)


@dataclass(frozen=True, slots=True)
class FhirCode:
    """How a field is coded in the FHIR export: a code of the app's local observation system, its display text
    (FHIR's, in English, stable across releases) and the UCUM code of a quantity's unit."""

    code: str
    display: str
    ucum: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    """One clinical field of one record.

    ``label`` is the one name of the field in editors, messages, the exchange documentation and reports;
    ``short_label`` a compact form for grids, chart annotations and table cells. A film field's label has a
    ``{minute}`` placeholder ("Height at {minute} min"). ``unit_one`` is the unit after exactly 1 where it differs
    ("day" beside "days"). ``bounds`` are inclusive; ``decimals`` is the most a value
    may have. ``exchange`` is the column in the exchange tables (None: not exchanged) and ``exchange_extra`` marks
    an optional extra column. ``research`` is the research dictionary's text (None: the field never leaves the
    database in a research export, e.g. free text). ``section`` is the type-specific group of a procedure field:
    the procedure types that declare that section (domain/procedure_types.py) show and save it; None: every type.
    """

    name: str
    record: Record
    kind: Kind
    label: str
    short_label: str = ""
    unit: str = ""
    unit_one: str = ""
    bounds: tuple[Decimal, Decimal] | tuple[int, int] | None = None
    decimals: int | None = None
    enum: type[StrEnum] | None = None
    required: bool = False
    description: str = ""
    exchange: str | None = None
    exchange_extra: bool = False
    research: str | None = None
    fhir: FhirCode | None = None
    section: Section | None = None

    @property
    def key(self) -> str:
        """``record.name``: unique across the declaration (``procedure.myotomy_length_cm``)."""
        return f"{self.record.value}.{self.name}"

    @property
    def short(self) -> str:
        """The short label, or the label when none is declared."""
        return self.short_label or self.label

    def label_at(self, minute: int) -> str:
        """A film field's label for one minute ("Height at 5 min"); other fields' label as it is."""
        return self.label.format(minute=minute) if "{minute}" in self.label else self.label

    def shown_for(self, procedure_type: ProcedureType) -> bool:
        """Whether a procedure of this type shows (and saves) this field."""
        return self.section is None or self.section in procedure_type.sections

    @property
    def procedure_types(self) -> tuple[ProcedureType, ...]:
        """The procedure types that show this field (every type for a field without a section)."""
        return tuple(t for t in ProcedureType if self.shown_for(t))


# -- limits shared by several fields -----------------------------------------------------------------------------------

#: Units written the same in every language (GLOSSARY-es.md: "units keep their symbols"); other units are words
#: marked N_ ("days", "points") and are translated with the text they stand in.
UNIT_SYMBOLS = frozenset({"cm", "cm²", "mm", "mL", "mmHg", "mmHg·s·cm", "U", "min", "kg", "psi", "%"})

#: Most decimals any measured value may have (2,75 cm is read; 2,755 cm is refused).
MAX_DECIMALS = 2
MRN_MAX_LENGTH = 40
_MINUTE = (0, 60)
_IRP = (Decimal(-20), Decimal(150))
_PERCENT = (Decimal(0), Decimal(100))
_MYOTOMY = (Decimal(0), Decimal(30))
_ECKARDT_ITEM = (0, 3)


def _f(record: Record, name: str, kind: Kind, label: str, **kw: object) -> Field:
    return Field(name=name, record=record, kind=kind, label=label, **kw)  # type: ignore[arg-type]


_P, _S, _M, _X = Record.PATIENT, Record.TBE_STUDY, Record.FILM, Record.PROCEDURE
_E, _H, _G = Record.ECKARDT, Record.MANOMETRY, Record.ENDOSCOPY
K = Kind

_DECLARED: tuple[Field, ...] = (
    # -- patient ---------------------------------------------------------------------------------------------------
    _f(_P, "mrn", K.TEXT, N_("MRN"), required=True, description=N_("Medical record number"), exchange="mrn"),
    _f(_P, "family_name", K.TEXT, N_("Family name"), exchange="family_name"),
    _f(_P, "given_name", K.TEXT, N_("Given name"), exchange="given_name"),
    _f(_P, "birth_date", K.DATE, N_("Birth date"), exchange="birth_date"),
    _f(_P, "sex", K.CODE, N_("Sex"), enum=Sex, exchange="sex", research="female | male | other | unknown."),
    _f(
        _P,
        "diagnosis",
        K.CODE,
        N_("Diagnosis"),
        enum=Diagnosis,
        exchange="diagnosis",
        research="achalasia_type_i | achalasia_type_ii | achalasia_type_iii | egj_outflow_obstruction | other | "
        "unknown.",
    ),
    _f(_P, "diagnosis_date", K.DATE, N_("Diagnosis date"), exchange="diagnosis_date", exchange_extra=True),
    _f(_P, "notes", K.TEXT, N_("Patient notes"), short_label=N_("Notes"), exchange="notes", exchange_extra=True),
    # -- TBE study -------------------------------------------------------------------------------------------------
    _f(_S, "study_date", K.DATE, N_("Study date"), required=True, exchange="study_date"),
    _f(
        _S,
        "study_time",
        K.TIME,
        N_("Study time"),
        description=N_("Time of day of the study (HH:MM); two studies of one patient on one day need it"),
        exchange="study_time",
        exchange_extra=True,
    ),
    _f(
        _S,
        "barium_type",
        K.TEXT,
        N_("Barium type"),
        description=N_("Brand and density of the barium (e.g. 45 % w/v)"),
        exchange="barium_type",
        exchange_extra=True,
    ),
    _f(
        _S,
        "position",
        K.CODE,
        N_("Position"),
        enum=PatientPosition,
        exchange="position",
        exchange_extra=True,
        research="upright | semi_upright | other.",
    ),
    _f(
        _S,
        "barium_volume_ml",
        K.DECIMAL,
        N_("Barium volume"),
        unit="mL",
        bounds=(Decimal(20), Decimal(500)),
        decimals=MAX_DECIMALS,
        description=N_("Volume of barium swallowed; use the same volume at follow-up"),
        exchange="barium_volume_ml",
        research="Volume of barium swallowed.",
        fhir=FhirCode("tbe-barium-volume", "Barium volume swallowed", "mL"),
    ),
    _f(
        _S,
        "tablet_result",
        K.CODE,
        N_("13 mm barium tablet"),
        short_label=N_("Tablet"),
        enum=TabletResult,
        exchange="tablet_result",
        exchange_extra=True,
        research="13 mm barium tablet: not_given | passed | retained.",
        fhir=FhirCode("tbe-tablet-result", "13 mm barium tablet"),
    ),
    _f(
        _S,
        "tablet_minute",
        K.INTEGER,
        N_("Tablet minute"),
        unit="min",
        bounds=_MINUTE,
        description=N_("Minute after ingestion at which the tablet result was seen"),
        exchange="tablet_minute",
        exchange_extra=True,
        research="Minute of the tablet result, if recorded.",
        fhir=FhirCode("tbe-tablet-minute", "Minute of the tablet result", "min"),
    ),
    _f(_S, "notes", K.TEXT, N_("Study notes"), short_label=N_("Notes"), exchange="notes"),
    # -- a timed film ----------------------------------------------------------------------------------------------
    _f(
        _M,
        "minute",
        K.INTEGER,
        N_("Minute"),
        unit="min",
        bounds=_MINUTE,
        research="Minute of the film after ingestion (empty: a study without films).",
    ),
    _f(
        _M,
        "height_cm",
        K.DECIMAL,
        N_("Height at {minute} min"),
        short_label=N_("Height"),
        unit="cm",
        bounds=(Decimal(0), Decimal(40)),
        decimals=MAX_DECIMALS,
        description=N_("Barium column height from the gastro-oesophageal junction; 0 = complete emptying"),
        research="Barium column height from the EGJ (0 = complete emptying; empty = not measured).",
        fhir=FhirCode("tbe-height-{minute}min", "Barium column height at {minute} min", "cm"),
    ),
    _f(
        _M,
        "width_cm",
        K.DECIMAL,
        N_("Width at {minute} min"),
        short_label=N_("Width"),
        unit="cm",
        bounds=(Decimal(0), Decimal(15)),
        decimals=MAX_DECIMALS,
        description=N_("Maximal width of the barium column"),
        research="Maximal column width (empty = not measured).",
        fhir=FhirCode("tbe-width-{minute}min", "Barium column width at {minute} min", "cm"),
    ),
    _f(
        _M,
        "traced_area_cm2",
        K.DECIMAL,
        N_("Column area at {minute} min (traced)"),
        short_label=N_("Traced area"),
        unit="cm²",
        bounds=(Decimal(0), Decimal(600)),
        decimals=MAX_DECIMALS,
        description=N_(
            "Area inside the column's outline traced on the film (Sanagapalli's area); measured on the image, "
            "never typed"
        ),
    ),
    _f(
        _M,
        "area_cm2",
        K.DECIMAL,
        N_("Area at {minute} min"),
        short_label=N_("Area"),
        unit="cm²",
        description=N_("Height x width, the column's area estimate (de Oliveira 1997); derived, never typed"),
        research="height_cm x width_cm (de Oliveira 1997), when both are measured.",
    ),
    # -- procedure -------------------------------------------------------------------------------------------------
    _f(_X, "procedure_date", K.DATE, N_("Procedure date"), required=True, exchange="procedure_date"),
    _f(
        _X,
        "procedure_type",
        K.CODE,
        N_("Procedure type"),
        enum=ProcedureType,
        required=True,
        exchange="procedure_type",
        research="poem | redo_poem | lhm | redo_lhm | balloon_dilation | botulinum_toxin | oesophagectomy | other.",
    ),
    _f(
        _X,
        "rescue",
        K.BOOL,
        N_("Rescue"),
        description=N_("A rescue procedure, after a failed treatment"),
        exchange="rescue",
        research="1 = rescue procedure after a failed treatment.",
    ),
    _f(
        _X,
        "poem_access",
        K.CODE,
        N_("POEM access"),
        short_label=N_("Access"),
        enum=PoemAccess,
        exchange="access",
        research="anterior | posterior (POEM).",
        section=Section.POEM,
    ),
    _f(
        _X,
        "myotomy_length_cm",
        K.DECIMAL,
        N_("Myotomy length"),
        short_label=N_("myotomy"),
        unit="cm",
        bounds=_MYOTOMY,
        decimals=MAX_DECIMALS,
        description=N_("Total myotomy length, oesophageal and gastric parts together"),
        exchange="myotomy_length_cm",
        research="Total myotomy length (POEM, LHM).",
        section=Section.MYOTOMY,
    ),
    _f(
        _X,
        "gastric_myotomy_length_cm",
        K.DECIMAL,
        N_("Gastric myotomy length"),
        short_label=N_("gastric"),
        unit="cm",
        bounds=_MYOTOMY,
        decimals=MAX_DECIMALS,
        description=N_("The part of the total myotomy below the gastro-oesophageal junction (GEJ)"),
        exchange="gastric_myotomy_length_cm",
        exchange_extra=True,
        research="Part of the myotomy below the gastro-oesophageal junction.",
        section=Section.MYOTOMY,
    ),
    _f(
        _X,
        "knife",
        K.TEXT,
        N_("Knife"),
        description=N_("The knife used, e.g. hybrid T-knife"),
        exchange="knife",
        exchange_extra=True,
        section=Section.POEM,
    ),
    _f(
        _X,
        "fundoplication",
        K.CODE,
        N_("Fundoplication"),
        short_label=N_("fundoplication"),
        enum=Fundoplication,
        exchange="fundoplication",
        research="dor | toupet | none (LHM).",
        section=Section.HELLER,
    ),
    _f(
        _X,
        "balloon_diameter_mm",
        K.DECIMAL,
        N_("Balloon diameter"),
        short_label=N_("balloon"),
        unit="mm",
        bounds=(Decimal(20), Decimal(50)),
        decimals=MAX_DECIMALS,
        description=N_("The balloon's diameter in millimetres (not a volume); 30, 35 or 40 mm"),
        exchange="balloon_diameter_mm",
        research="Balloon diameter (a diameter, not a volume).",
        section=Section.DILATION,
    ),
    _f(
        _X,
        "balloon_pressure_psi",
        K.DECIMAL,
        N_("Balloon inflation pressure"),
        short_label=N_("inflation pressure"),
        unit="psi",
        bounds=(Decimal(0), Decimal(30)),
        decimals=MAX_DECIMALS,
        exchange="balloon_pressure_psi",
        exchange_extra=True,
        research="Balloon inflation pressure.",
        section=Section.DILATION,
    ),
    _f(
        _X,
        "botox_units",
        K.DECIMAL,
        N_("Botulinum toxin dose"),
        short_label=N_("dose"),
        unit="U",
        bounds=(Decimal(0), Decimal(1000)),
        decimals=MAX_DECIMALS,
        description=N_("Dose in units; 100 U is common"),
        exchange="botox_units",
        research="Botulinum toxin dose.",
        section=Section.BOTOX,
    ),
    _f(
        _X,
        "botox_sites",
        K.INTEGER,
        N_("Injection sites"),
        short_label=N_("injection sites"),
        bounds=(1, 20),
        description=N_("Number of injection sites"),
        exchange="botox_sites",
        exchange_extra=True,
        research="Number of injection sites.",
        section=Section.BOTOX,
    ),
    _f(
        _X,
        "duration_min",
        K.INTEGER,
        N_("Procedure time"),
        unit="min",
        bounds=(1, 1440),
        exchange="duration_min",
        research="Procedure time.",
    ),
    _f(
        _X,
        "anaesthesia",
        K.TEXT,
        N_("Anaesthesia"),
        description=N_("e.g. general, deep sedation"),
        exchange="anaesthesia",
        exchange_extra=True,
    ),
    _f(
        _X,
        "length_of_stay_days",
        K.INTEGER,
        N_("Length of stay"),
        short_label=N_("stay"),
        unit=N_("days"),
        unit_one=N_("day"),
        bounds=(0, 365),
        description=N_("Days in hospital; 0 = same day"),
        exchange="length_of_stay_days",
        exchange_extra=True,
        research="Length of hospital stay.",
    ),
    _f(_X, "operator", K.TEXT, N_("Operator"), exchange="operator", exchange_extra=True),
    _f(
        _X,
        "complication_grade",
        K.CODE,
        N_("Complications"),
        enum=ComplicationGrade,
        exchange="complications",
        research="none | mild | moderate | severe.",
    ),
    _f(
        _X,
        "complication_text",
        K.TEXT,
        N_("Complication details"),
        exchange="complication_text",
        exchange_extra=True,
    ),
    _f(_X, "notes", K.TEXT, N_("Notes"), exchange="notes"),
    # -- Eckardt score ---------------------------------------------------------------------------------------------
    _f(_E, "assessment_date", K.DATE, N_("Assessment date"), required=True, exchange="assessment_date"),
    *(
        _f(
            _E,
            item,
            K.INTEGER,
            label,
            unit=N_("points"),
            bounds=_ECKARDT_ITEM,
            required=True,
            exchange=item,
            research=f"Eckardt item {item.replace('_', ' ')} (0-3).",
            fhir=FhirCode(f"eckardt-{item.replace('_', '-')}", f"Eckardt item: {item.replace('_', ' ')}"),
        )
        for item, label in (
            ("dysphagia", N_("Dysphagia")),
            ("regurgitation", N_("Regurgitation")),
            ("retrosternal_pain", N_("Retrosternal pain")),
            ("weight_loss", N_("Weight loss")),
        )
    ),
    _f(
        _E,
        "total",
        K.INTEGER,
        N_("Eckardt score"),
        unit=N_("points"),
        bounds=(0, 12),
        description=N_("Sum of the four items (0-12); derived, never typed"),
        research="Eckardt score (0-12; Eckardt et al. 1992).",
        fhir=FhirCode("eckardt-total", "Eckardt score total (0-12)"),
    ),
    _f(
        _E,
        "weight_kg",
        K.DECIMAL,
        N_("Weight"),
        unit="kg",
        bounds=(Decimal(1), Decimal(400)),
        decimals=MAX_DECIMALS,
        exchange="weight_kg",
        exchange_extra=True,
        research="Body weight at the visit, if recorded.",
    ),
    _f(_E, "notes", K.TEXT, N_("Notes"), exchange="notes", exchange_extra=True),
    # -- manometry -------------------------------------------------------------------------------------------------
    _f(_H, "study_date", K.DATE, N_("Manometry date"), required=True),
    _f(_H, "system", K.TEXT, N_("System"), description=N_("Manometry system and catheter")),
    _f(
        _H,
        "irp_supine_mmhg",
        K.DECIMAL,
        N_("IRP supine"),
        unit="mmHg",
        bounds=_IRP,
        decimals=MAX_DECIMALS,
        description=N_("Median integrated relaxation pressure, supine"),
        research="Median integrated relaxation pressure, supine.",
        fhir=FhirCode("hrm-irp-supine", "Integrated relaxation pressure, supine", "mm[Hg]"),
    ),
    _f(
        _H,
        "irp_upright_mmhg",
        K.DECIMAL,
        N_("IRP upright"),
        unit="mmHg",
        bounds=_IRP,
        decimals=MAX_DECIMALS,
        description=N_("Median integrated relaxation pressure, upright"),
        research="Median integrated relaxation pressure, upright.",
        fhir=FhirCode("hrm-irp-upright", "Integrated relaxation pressure, upright", "mm[Hg]"),
    ),
    _f(
        _H,
        "irp_upper_limit_mmhg",
        K.DECIMAL,
        N_("IRP upper limit of normal"),
        unit="mmHg",
        bounds=_IRP,
        decimals=MAX_DECIMALS,
        description=N_("Depends on the manometry system and catheter (often 15 mmHg supine)."),
        research="Upper limit of normal IRP of the manometry system used.",
        fhir=FhirCode("hrm-irp-upper-limit", "IRP upper limit of normal of the system", "mm[Hg]"),
    ),
    _f(
        _H,
        "subtype",
        K.CODE,
        N_("Chicago v4.0 diagnosis"),
        enum=ChicagoSubtype,
        research="Chicago v4.0: achalasia_type_i | achalasia_type_ii | achalasia_type_iii | egj_outflow_obstruction | "
        "normal | inconclusive | other.",
        fhir=FhirCode("hrm-chicago-conclusion", "Chicago Classification v4.0 conclusion"),
    ),
    _f(
        _H,
        "conclusive",
        K.BOOL,
        N_("Conclusive"),
        research="1 = conclusive study.",
        fhir=FhirCode("hrm-conclusive", "Conclusive study"),
    ),
    _f(
        _H,
        "failed_swallows_pct",
        K.DECIMAL,
        N_("Failed swallows"),
        unit="%",
        bounds=_PERCENT,
        decimals=MAX_DECIMALS,
        research="Failed swallows.",
        fhir=FhirCode("hrm-failed-swallows", "Failed swallows", "%"),
    ),
    _f(
        _H,
        "pan_pressurisation_pct",
        K.DECIMAL,
        N_("Pan-oesophageal pressurisation"),
        unit="%",
        bounds=_PERCENT,
        decimals=MAX_DECIMALS,
        research="Swallows with pan-oesophageal pressurisation.",
        fhir=FhirCode("hrm-pan-pressurisation", "Swallows with pan-oesophageal pressurisation", "%"),
    ),
    _f(
        _H,
        "premature_swallows_pct",
        K.DECIMAL,
        N_("Premature swallows"),
        unit="%",
        bounds=_PERCENT,
        decimals=MAX_DECIMALS,
        research="Premature swallows.",
        fhir=FhirCode("hrm-premature-swallows", "Premature swallows", "%"),
    ),
    _f(
        _H,
        "dci_mmhg_s_cm",
        K.DECIMAL,
        N_("Distal contractile integral"),
        short_label=N_("DCI"),
        unit="mmHg·s·cm",
        bounds=(Decimal(0), Decimal(50000)),
        decimals=MAX_DECIMALS,
        research="Distal contractile integral.",
        fhir=FhirCode("hrm-dci", "Distal contractile integral", "mm[Hg].s.cm"),
    ),
    _f(
        _H,
        "les_resting_pressure_mmhg",
        K.DECIMAL,
        N_("LES resting pressure"),
        unit="mmHg",
        bounds=_IRP,
        decimals=MAX_DECIMALS,
        research="LES resting pressure.",
        fhir=FhirCode("hrm-les-resting-pressure", "LES resting pressure", "mm[Hg]"),
    ),
    _f(_H, "notes", K.TEXT, N_("Notes")),
    # -- endoscopy -------------------------------------------------------------------------------------------------
    _f(_G, "exam_date", K.DATE, N_("Endoscopy date"), required=True),
    _f(
        _G,
        "les_opening",
        K.CODE,
        N_("LES opening"),
        enum=LesOpening,
        research="easy | resistance | not_passed | not_assessed.",
        fhir=FhirCode("egd-les-opening", "Lower oesophageal sphincter opening"),
    ),
    _f(
        _G,
        "oesophagitis",
        K.CODE,
        N_("Oesophagitis (LA grade)"),
        enum=OesophagitisGrade,
        research="Los Angeles grade: none | la_a | la_b | la_c | la_d.",
        fhir=FhirCode("egd-oesophagitis", "Oesophagitis (Los Angeles grade)"),
    ),
    _f(
        _G,
        "residue",
        K.BOOL,
        N_("Residue"),
        description=N_("Food or fluid retained in the oesophagus"),
        research="1 = food or fluid residue in the oesophagus.",
        fhir=FhirCode("egd-residue", "Food or fluid residue in the oesophagus"),
    ),
    _f(_G, "findings", K.TEXT, N_("Findings")),
)


def _index(fields: tuple[Field, ...]) -> Mapping[Record, Mapping[str, Field]]:
    by_record: dict[Record, dict[str, Field]] = {record: {} for record in Record}
    for f in fields:
        if f.name in by_record[f.record]:
            raise ValueError(f"{f.key} is declared twice")
        by_record[f.record][f.name] = f
    return MappingProxyType({record: MappingProxyType(names) for record, names in by_record.items()})


FIELDS: Mapping[Record, Mapping[str, Field]] = _index(_DECLARED)


def field(record: Record, name: str) -> Field:
    """The declaration of ``record.name``; KeyError names the field when it is not declared."""
    try:
        return FIELDS[record][name]
    except KeyError:
        raise KeyError(f"{record.value}.{name} is not a declared field") from None


def fields_of(record: Record) -> Iterator[Field]:
    """Every field of a record, in declaration order."""
    return iter(FIELDS[record].values())


def all_fields() -> tuple[Field, ...]:
    return _DECLARED


def patient(name: str) -> Field:
    return FIELDS[Record.PATIENT][name]


def study(name: str) -> Field:
    return FIELDS[Record.TBE_STUDY][name]


def film(name: str) -> Field:
    return FIELDS[Record.FILM][name]


def procedure(name: str) -> Field:
    return FIELDS[Record.PROCEDURE][name]


def eckardt(name: str) -> Field:
    return FIELDS[Record.ECKARDT][name]


def manometry(name: str) -> Field:
    return FIELDS[Record.MANOMETRY][name]


def endoscopy(name: str) -> Field:
    return FIELDS[Record.ENDOSCOPY][name]
