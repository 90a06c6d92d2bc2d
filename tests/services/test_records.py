"""Recording, correcting and deleting clinical records on real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.errors import ConflictError, NotFound
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.validation import ValidationFailed
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import count_patients, load_history, search_patients
from barium_tracker.services.records import (
    audit_trail,
    create_record,
    delete_record,
    save_histories,
    update_record,
)


def _patient(clinic: Clinic, mrn: str = "P-1") -> Patient:
    return create_record(
        clinic, Patient(mrn=mrn, family_name="Pérez Núñez", given_name="José", birth_date=dt.date(1980, 3, 1))
    )


def _study(patient: Patient, h5: str = "12") -> TbeStudy:
    return TbeStudy(
        patient_id=patient.id,
        study_date=dt.date(2025, 6, 9),
        barium_volume_ml=Decimal(200),
        measurements=[
            ColumnMeasurement(minute=1, height_cm=Decimal("14.5"), width_cm=Decimal("4.2")),
            ColumnMeasurement(minute=5, height_cm=Decimal(h5), width_cm=Decimal("3.9")),
        ],
    )


def test_create_records_who_and_when(any_clinic: Clinic) -> None:
    any_clinic.user = "dr.ramos"
    patient = _patient(any_clinic)
    assert patient.id is not None and patient.version == 1
    assert patient.meta.created_by == "dr.ramos" and patient.meta.created_at is not None
    trail = audit_trail(any_clinic, patient.id)
    assert [(e["action"], e["entity"], e["user_name"]) for e in trail] == [("create", "patient", "dr.ramos")]
    assert trail[0]["changes"]["mrn"] == "P-1"


def test_a_correction_keeps_the_old_value_and_who_entered_it(any_clinic: Clinic) -> None:
    any_clinic.user = "nurse.ana"
    patient = _patient(any_clinic)
    study = create_record(any_clinic, _study(patient, h5="27"))
    any_clinic.user = "dr.ramos"
    corrected = dataclasses.replace(
        study,
        measurements=[
            ColumnMeasurement(minute=1, height_cm=Decimal("14.5"), width_cm=Decimal("4.2")),
            ColumnMeasurement(minute=5, height_cm=Decimal("2.7"), width_cm=Decimal("3.9")),
        ],
    )
    saved = update_record(any_clinic, corrected, reason="decimal comma lost on entry")
    assert saved.height_at(5) == Decimal("2.7")
    assert saved.version == study.version + 1
    assert saved.meta.created_by == "nurse.ana"
    assert saved.meta.updated_by == "dr.ramos"
    update = [e for e in audit_trail(any_clinic, patient.id) if e["action"] == "update"]
    assert len(update) == 1
    assert update[0]["user_name"] == "dr.ramos"
    assert update[0]["reason"] == "decimal comma lost on entry"
    assert update[0]["changes"]["minute_5"] == [
        {"height_cm": "27", "width_cm": "3.9"},
        {"height_cm": "2.7", "width_cm": "3.9"},
    ]


def test_second_save_of_a_stale_copy_is_refused(any_clinic: Clinic) -> None:
    patient = _patient(any_clinic)
    mine = dataclasses.replace(patient, notes="first workstation")
    theirs = dataclasses.replace(patient, notes="second workstation")
    update_record(any_clinic, mine)
    with pytest.raises(ConflictError, match=r"changed by .* after you opened it"):
        update_record(any_clinic, theirs)
    assert load_history(any_clinic, patient_id=patient.id).patient.notes == "first workstation"


def test_invalid_record_saves_nothing(any_clinic: Clinic) -> None:
    patient = _patient(any_clinic)
    bad = _study(patient, h5="120")
    with pytest.raises(ValidationFailed) as failure:
        create_record(any_clinic, bad)
    assert [e.message for e in failure.value.errors] == ["Height at 5 min must be between 0 and 40 cm; you entered 120"]
    assert load_history(any_clinic, patient_id=patient.id).studies == []


def test_event_before_birth_and_duplicate_mrn_are_refused(any_clinic: Clinic) -> None:
    patient = _patient(any_clinic)
    early = Procedure(patient_id=patient.id, procedure_date=dt.date(1979, 1, 1), procedure_type=ProcedureType.POEM)
    with pytest.raises(ValidationFailed, match="cannot be before the birth date"):
        create_record(any_clinic, early)
    with pytest.raises(ValidationFailed, match="MRN P-1 already belongs to Pérez Núñez, José"):
        create_record(any_clinic, Patient(mrn="P-1"))


def test_deleting_a_patient_removes_every_event_but_the_audit_keeps_a_copy(any_clinic: Clinic) -> None:
    patient = _patient(any_clinic)
    create_record(any_clinic, _study(patient))
    create_record(
        any_clinic,
        EckardtAssessment(
            patient_id=patient.id,
            assessment_date=dt.date(2025, 6, 9),
            dysphagia=3,
            regurgitation=3,
            retrosternal_pain=3,
            weight_loss=3,
        ),
    )
    delete_record(any_clinic, patient, reason="registered twice")
    with pytest.raises(NotFound):
        load_history(any_clinic, patient_id=patient.id)
    deletion = audit_trail(any_clinic, patient.id)[-1]
    assert deletion["action"] == "delete" and deletion["reason"] == "registered twice"
    assert deletion["changes"]["record"]["mrn"] == "P-1"
    assert deletion["changes"]["events"]["tbe_studies"][0]["measurements"]["5"]["height_cm"] == "12"
    assert deletion["changes"]["events"]["eckardt"][0]["dysphagia"] == 3


def test_save_histories_is_all_or_nothing(any_clinic: Clinic) -> None:
    good = PatientHistory(patient=Patient(mrn="OK-1", birth_date=dt.date(1990, 1, 1)))
    bad = PatientHistory(
        patient=Patient(mrn="BAD-1", birth_date=dt.date(1990, 1, 1)),
        studies=[TbeStudy(study_date=dt.date(2025, 1, 1), measurements=[ColumnMeasurement(minute=99)])],
    )
    with pytest.raises(ValidationFailed, match="Minute must be between 0 and 60; you entered 99"):
        save_histories(any_clinic, [good, bad], source="test")
    assert count_patients(any_clinic) == 0


def test_search_ignores_accents_case_and_word_order(any_clinic: Clinic) -> None:
    _patient(any_clinic, "A-1")
    create_record(any_clinic, Patient(mrn="B-2", family_name="Perales", given_name="Rosa"))
    assert [p.mrn for p in search_patients(any_clinic, "perez")] == ["A-1"]
    assert [p.mrn for p in search_patients(any_clinic, "JOSE nunez")] == ["A-1"]
    assert [p.mrn for p in search_patients(any_clinic, "per")] == ["B-2", "A-1"]
    assert [p.mrn for p in search_patients(any_clinic, "b-2")] == ["B-2"]
    assert search_patients(any_clinic, "100%") == []
    assert count_patients(any_clinic, "pe") == 2


def test_ids_are_never_reused_after_a_delete(any_clinic: Clinic) -> None:
    first = _patient(any_clinic, "ID-1")
    delete_record(any_clinic, first)
    second = _patient(any_clinic, "ID-2")
    assert second.id is not None and first.id is not None and second.id > first.id
