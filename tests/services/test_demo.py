"""The demo database reproduces the published seed case fact by fact, and the cohort is deterministic and varied."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Diagnosis,
    LesOpening,
    OesophagitisGrade,
    PoemAccess,
    ProcedureType,
    Sex,
)
from barium_tracker.domain.validation import (
    validate_eckardt,
    validate_endoscopy,
    validate_manometry,
    validate_patient,
    validate_procedure,
    validate_study,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import DEMO_REFERENCE_DATE, create_demo_database, seed_case, synthetic_cohort
from barium_tracker.services.patients import count_patients, load_history


def _months_between(a: dt.date, b: dt.date) -> float:
    return (b - a).days / 30.44


def test_seed_case_holds_every_fact_of_the_case_report(tmp_path: Path) -> None:
    path = create_demo_database(tmp_path / "demo.sqlite3")
    with Clinic.open(path) as clinic:
        h = load_history(clinic, mrn="DEMO-0001")
    p = h.patient
    lhm, bd, poem = h.procedures
    admission = poem.procedure_date - dt.timedelta(days=1)
    assert p.sex is Sex.MALE
    assert p.age_years(admission) == 15
    assert p.diagnosis is Diagnosis.ACHALASIA_TYPE_II
    assert p.diagnosis_date is not None and p.age_years(p.diagnosis_date) == 11
    assert round(_months_between(p.diagnosis_date, admission) / 12) == 4
    (hrm,) = h.manometry
    assert hrm.subtype is ChicagoSubtype.ACHALASIA_TYPE_II and hrm.irp_supine_mmhg == Decimal(33)
    assert lhm.procedure_type is ProcedureType.LHM and lhm.fundoplication is not None
    assert round(_months_between(lhm.procedure_date, admission)) == 4
    assert bd.procedure_type is ProcedureType.BALLOON_DILATION
    assert round(_months_between(bd.procedure_date, admission)) == 1
    assert poem.procedure_type is ProcedureType.POEM and poem.rescue
    assert poem.poem_access is PoemAccess.POSTERIOR
    assert poem.myotomy_length_cm == Decimal(10) and poem.gastric_myotomy_length_cm == Decimal(3)
    assert poem.knife == "Hybrid T knife" and poem.duration_min == 44
    assert poem.anaesthesia == "General" and poem.complication_grade is ComplicationGrade.NONE
    assert poem.length_of_stay_days == 5
    before, after = h.studies
    assert before.study_date <= poem.procedure_date and before.height_at(5) == Decimal(12)
    assert round(_months_between(poem.procedure_date, after.study_date)) == 1 and after.height_at(5) == Decimal("2.7")
    first, last = h.eckardt
    assert first.total == 12 and first.assessment_date <= poem.procedure_date
    assert last.total == 2 and round(_months_between(poem.procedure_date, last.assessment_date)) == 12
    (egd,) = h.endoscopy
    assert round(_months_between(poem.procedure_date, egd.exam_date)) == 6
    assert egd.les_opening is LesOpening.EASY and egd.oesophagitis is OesophagitisGrade.NONE


def test_cohort_is_deterministic_valid_and_varied() -> None:
    first = list(synthetic_cohort(200))
    assert first == list(synthetic_cohort(200))
    today = DEMO_REFERENCE_DATE
    procedures: Counter[ProcedureType] = Counter()
    complete_emptying = two_minute_protocol = missing_widths = 0
    for h in first:
        birth = h.patient.birth_date
        assert validate_patient(h.patient, today=today) == []
        for s in h.studies:
            assert validate_study(s, birth_date=birth, today=today) == []
            complete_emptying += s.height_at(5) == 0
            two_minute_protocol += s.minutes == [1, 5]
            missing_widths += any(m.width_cm is None for m in s.measurements)
        for p in h.procedures:
            assert validate_procedure(p, birth_date=birth, today=today) == []
            procedures[p.procedure_type] += 1
        assert all(validate_eckardt(e, birth_date=birth, today=today) == [] for e in h.eckardt)
        assert all(validate_manometry(m, birth_date=birth, today=today) == [] for m in h.manometry)
        assert all(validate_endoscopy(e, birth_date=birth, today=today) == [] for e in h.endoscopy)
    assert {
        ProcedureType.POEM,
        ProcedureType.LHM,
        ProcedureType.BALLOON_DILATION,
        ProcedureType.BOTULINUM_TOXIN,
    } <= set(procedures)
    assert complete_emptying > 0 and two_minute_protocol > 0 and missing_widths > 0
    assert sum(len(h.procedures) > 1 for h in first) > 10  # retreatments
    assert sum(h.patient.age_years(today) < 18 for h in first) > 5  # paediatric patients


def test_demo_database_has_the_seed_case_and_cohort(tmp_path: Path) -> None:
    path = create_demo_database(tmp_path / "demo.sqlite3", cohort_size=12)
    with Clinic.open(path) as clinic:
        assert count_patients(clinic) == 13
    assert seed_case().patient.mrn == "DEMO-0001"
