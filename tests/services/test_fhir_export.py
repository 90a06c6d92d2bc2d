"""FHIR R4 export on real databases: every resource validated by fhir.resources (R4B models), plus the rules the
library does not check (Observation invariants, references resolving inside the bundle, UCUM units, exact decimals).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from barium_tracker.domain.enums import Diagnosis, Sex
from barium_tracker.domain.errors import NotFound
from barium_tracker.domain.records import EckardtAssessment, Patient, PatientHistory
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, populate_demo, seed_case
from barium_tracker.services.fhir_export import (
    DEFAULT_MRN_SYSTEM,
    UCUM,
    dumps,
    fhir_bundle,
    mrn_system,
    set_mrn_system,
    write_fhir,
)
from barium_tracker.services.patients import load_history
from barium_tracker.services.progress import Cancelled
from barium_tracker.services.records import save_history
from barium_tracker.storage.models import AuditEventRow

UCUM_CODES = {"cm", "mL", "min", "kg", "mm[Hg]", "%", "mm[Hg].s.cm"}


# -- checks the library does not make -----------------------------------------------------------------------------


def validate_every_resource(bundle: dict[str, Any]) -> None:
    """The bundle as a whole, then each entry's resource on its own, by its R4B model."""
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def references(value: Any) -> list[str]:
    """Every Reference.reference anywhere in a resource."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                found.append(item)
            else:
                found += references(item)
    elif isinstance(value, list):
        for item in value:
            found += references(item)
    return found


def quantities(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "valueQuantity":
                found.append(item)
            else:
                found += quantities(item)
    elif isinstance(value, list):
        for item in value:
            found += quantities(item)
    return found


def check_bundle_rules(bundle: dict[str, Any]) -> None:
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(urls) == len(set(urls)), "every fullUrl is unique"
    for entry in bundle["entry"]:
        url, resource = entry["fullUrl"], entry["resource"]
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", url)
        assert str(uuid.UUID(url.removeprefix("urn:uuid:"))) == resource["id"]
        for reference in references(resource):
            assert reference in urls, f"{reference} of {resource['resourceType']} does not resolve in the bundle"
        for quantity in quantities(resource):
            assert quantity["system"] == UCUM
            assert quantity["code"] in UCUM_CODES
            assert isinstance(quantity["value"], Decimal | int) and not isinstance(quantity["value"], bool)
        if resource["resourceType"] == "Observation":
            check_observation(resource)
        if resource["resourceType"] in ("Observation", "Procedure", "Condition"):
            assert resource["subject"]["reference"] in urls


def check_observation(obs: dict[str, Any]) -> None:
    top_values = [key for key in obs if key.startswith("value")]
    if "component" in obs:
        assert not top_values, "no top-level value[x] beside components"
    # obs-6: dataAbsentReason only without a value
    assert not ("dataAbsentReason" in obs and top_values)
    assert obs["status"] == "final"
    assert obs["category"][0]["coding"][0]["system"] == "http://terminology.hl7.org/CodeSystem/observation-category"
    own_codes = {(c["system"], c["code"]) for c in obs["code"].get("coding", [])}
    for component in obs.get("component", []):
        # obs-7: a component's code is never the observation's own code
        assert not own_codes & {(c["system"], c["code"]) for c in component["code"]["coding"]}
        values = [key for key in component if key.startswith("value")]
        assert len(values) == 1 or ("dataAbsentReason" in component and not values)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def code_of(resource: dict[str, Any]) -> str:
    return resource["code"]["coding"][0]["code"]


def audit_exports(clinic: Clinic) -> list[AuditEventRow]:
    with clinic.db.session() as session:
        rows = session.scalars(select(AuditEventRow).where(AuditEventRow.action == "export")).all()
        session.expunge_all()
        return list(rows)


@pytest.fixture
def demo_clinic(any_clinic: Clinic) -> Clinic:
    populate_demo(any_clinic, 12)
    return any_clinic


# -- the main tests (SQLite and PostgreSQL) -------------------------------------------------------------------------


def test_the_written_bundle_is_valid_fhir_and_keeps_every_decimal_exact(demo_clinic: Clinic, tmp_path: Path) -> None:
    path = write_fhir(demo_clinic, tmp_path / "out" / "bundle.json")
    text = path.read_text(encoding="utf-8")
    bundle = json.loads(text, parse_float=Decimal)
    validate_every_resource(bundle)
    check_bundle_rules(bundle)
    assert len(resources(bundle, "Patient")) == 13
    assert resources(bundle, "Procedure")
    kinds = {code_of(o) for o in resources(bundle, "Observation")}
    assert {"tbe", "eckardt-score", "hrm", "egd"} <= kinds

    seed_url = next(
        e["fullUrl"] for e in bundle["entry"] if e["resource"].get("identifier", [{}])[0].get("value") == SEED_MRN
    )
    seed_tbe = [
        o for o in resources(bundle, "Observation") if o["subject"]["reference"] == seed_url and code_of(o) == "tbe"
    ]
    heights = {
        o["effectiveDateTime"]: c["valueQuantity"]
        for o in seed_tbe
        for c in o["component"]
        if c["code"]["coding"][0]["code"] == "tbe-height-5min"
    }
    assert heights == {
        "2025-06-09": {"value": Decimal("12"), "unit": "cm", "system": UCUM, "code": "cm"},
        "2025-07-10": {"value": Decimal("2.7"), "unit": "cm", "system": UCUM, "code": "cm"},
    }
    assert str(heights["2025-07-10"]["value"]) == "2.7"
    # in the text itself: the digits as entered, never 2.7000000001 or 12.0
    assert re.search(r'"value": 2\.7,\n\s*"unit": "cm"', text)
    assert re.search(r'"value": 12,\n\s*"unit": "cm"', text)
    assert not re.search(r"\d\.\d{6,}", text)


def test_seed_case_mapping(demo_clinic: Clinic) -> None:
    bundle = fhir_bundle(demo_clinic, mrns=[SEED_MRN])
    validate_every_resource(bundle)
    check_bundle_rules(bundle)
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"][0]["system"] == DEFAULT_MRN_SYSTEM
    assert patient["identifier"][0]["value"] == SEED_MRN
    assert patient["name"] == [{"family": "Quispe Huamán", "given": ["Mateo"], "use": "official"}]
    assert patient["gender"] == "male"
    assert patient["birthDate"] == "2009-11-02"

    (condition,) = resources(bundle, "Condition")
    assert condition["code"]["coding"] == [
        {"system": "urn:barium-tracker:diagnosis", "code": "achalasia_type_ii", "display": "Achalasia type II"},
        {"system": "http://hl7.org/fhir/sid/icd-10", "code": "K22.0", "display": "Achalasia of cardia"},
    ]
    assert condition["code"]["text"] == "Achalasia type II"
    assert condition["clinicalStatus"]["coding"][0]["code"] == "active"
    assert condition["verificationStatus"]["coding"][0]["code"] == "confirmed"
    assert condition["category"][0]["coding"][0]["code"] == "problem-list-item"
    assert condition["subject"]["reference"] == next(
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    history = load_history(demo_clinic, mrn=SEED_MRN)
    assert history.patient.diagnosis_date is not None
    assert condition["note"] == [{"text": f"Diagnosed on {history.patient.diagnosis_date.isoformat()}."}]

    procedures = resources(bundle, "Procedure")
    assert [code_of(p) for p in procedures] == ["lhm", "balloon_dilation", "poem"]
    poem = procedures[-1]
    assert poem["status"] == "completed"
    assert poem["performedDateTime"] == "2025-06-10"
    assert poem["code"]["text"] == "Rescue POEM"
    assert poem["code"]["coding"][0]["system"] == "urn:barium-tracker:procedure-type"
    assert poem["bodySite"][0]["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "32849002",
        "display": "Esophageal structure",
    }
    notes = [n["text"] for n in poem["note"]]
    for expected in (
        "Rescue procedure (after a failed treatment).",
        "POEM access: posterior.",
        "Myotomy length: 10 cm.",
        "Gastric myotomy length: 3 cm.",
        "Procedure time: 44 min.",
        "Length of stay: 5 days.",
    ):
        assert expected in notes
    assert "complication" not in poem  # graded none, no text

    eckardt = [o for o in resources(bundle, "Observation") if code_of(o) == "eckardt-score"]
    assert [o["category"][0]["coding"][0]["code"] for o in eckardt] == ["survey", "survey"]
    first = {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in eckardt[0]["component"]}
    assert first == {
        "eckardt-dysphagia": 3,
        "eckardt-regurgitation": 3,
        "eckardt-retrosternal-pain": 3,
        "eckardt-weight-loss": 3,
        "eckardt-total": 12,
    }
    last = {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in eckardt[1]["component"]}
    assert last["eckardt-total"] == 2
    tbe = [o for o in resources(bundle, "Observation") if code_of(o) == "tbe"]
    assert [o["category"][0]["coding"][0]["code"] for o in tbe] == ["imaging", "imaging"]
    (manometry,) = [o for o in resources(bundle, "Observation") if code_of(o) == "hrm"]
    irp = next(c for c in manometry["component"] if c["code"]["coding"][0]["code"] == "hrm-irp-supine")
    assert irp["valueQuantity"] == {"value": Decimal("33"), "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"}


def test_mrn_filter_restricts_the_bundle_to_those_patients(demo_clinic: Clinic) -> None:
    everyone = fhir_bundle(demo_clinic)
    one = fhir_bundle(demo_clinic, mrns=[SEED_MRN, f" {SEED_MRN} "])
    (patient,) = resources(one, "Patient")
    assert patient["identifier"][0]["value"] == SEED_MRN
    own = {e["fullUrl"] for e in one["entry"]}
    assert own < {e["fullUrl"] for e in everyone["entry"]}
    assert {r for e in one["entry"] for r in references(e["resource"])} == {f"urn:uuid:{patient['id']}"}
    with pytest.raises(NotFound):
        fhir_bundle(demo_clinic, mrns=["NO-SUCH-MRN"])


def test_export_is_audited_with_what_and_where(demo_clinic: Clinic, tmp_path: Path) -> None:
    demo_clinic.user = "dr.rojas"
    path = write_fhir(demo_clinic, tmp_path / "seed.json", mrns=[SEED_MRN])
    (row,) = audit_exports(demo_clinic)
    assert row.user_name == "dr.rojas"
    assert row.entity == "fhir_export"
    assert row.patient_id is None
    assert row.changes["format"] == "fhir-r4-json-bundle"
    assert row.changes["patients"] == 1
    assert row.changes["destination"] == str(path.resolve())
    assert row.changes["filter"] == {"mrns": [SEED_MRN]}
    assert row.changes["resources"]["Patient"] == 1
    assert row.changes["resources"]["Procedure"] == 3
    assert abs(row.occurred_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)


@pytest.mark.parametrize("stage", ["Reading patients", "Building FHIR resources", "Writing the FHIR file"])
def test_cancel_leaves_no_file_and_no_audit_record(demo_clinic: Clinic, tmp_path: Path, stage: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.json"

    def progress(done: int, total: int | None, name: str) -> None:
        if name == stage and (done >= 1 or stage == "Reading patients"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_fhir(demo_clinic, target, progress=progress)
    assert list(out.iterdir()) == []
    assert audit_exports(demo_clinic) == []


def test_cancel_keeps_an_earlier_file_as_it_was(demo_clinic: Clinic, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bundle.json"
    target.write_text("earlier", encoding="utf-8")

    def cancel_when_writing(done: int, total: int | None, name: str) -> None:
        if name == "Writing the FHIR file" and done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_fhir(demo_clinic, target, progress=cancel_when_writing)
    assert target.read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in out.iterdir()] == ["bundle.json"]


# -- SQLite only: details ---------------------------------------------------------------------------------------


def test_progress_counts_every_patient(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, 4)
    calls: list[tuple[int, int | None, str]] = []
    write_fhir(clinic, tmp_path / "b.json", progress=lambda d, t, s: calls.append((d, t, s)))
    building = [(d, t) for d, t, s in calls if s == "Building FHIR resources"]
    assert building == [(i, 5) for i in range(6)]
    assert calls[-1] == (1, 1, "Writing the FHIR file")


def test_full_urls_are_stable_and_follow_the_configured_mrn_system(clinic: Clinic) -> None:
    save_history(clinic, seed_case(), source="test")
    first = [e["fullUrl"] for e in fhir_bundle(clinic)["entry"]]
    assert first == [e["fullUrl"] for e in fhir_bundle(clinic)["entry"]]
    assert mrn_system(clinic) == DEFAULT_MRN_SYSTEM
    set_mrn_system(clinic, "urn:oid:2.16.604.1.99.1")
    bundle = fhir_bundle(clinic)
    validate_every_resource(bundle)
    assert resources(bundle, "Patient")[0]["identifier"][0]["system"] == "urn:oid:2.16.604.1.99.1"
    assert set(first).isdisjoint(e["fullUrl"] for e in bundle["entry"])
    with pytest.raises(ValueError):
        set_mrn_system(clinic, "not a uri")


def test_sparse_patient_and_weights(clinic: Clinic) -> None:
    """Unknown sex, no names or birth date; a weight at an Eckardt visit becomes a LOINC body-weight observation."""
    history = PatientHistory(
        patient=Patient(mrn="X-1", sex=Sex.UNKNOWN),
        eckardt=[
            EckardtAssessment(
                assessment_date=dt.date(2024, 3, 1),
                dysphagia=2,
                regurgitation=1,
                retrosternal_pain=0,
                weight_loss=1,
                weight_kg=Decimal("51.3"),
            )
        ],
    )
    save_history(clinic, history, source="test")
    bundle = fhir_bundle(clinic)
    validate_every_resource(bundle)
    check_bundle_rules(bundle)
    (patient,) = resources(bundle, "Patient")
    assert patient["gender"] == "unknown"
    assert resources(bundle, "Condition") == []  # diagnosis unknown: nothing a receiver could use
    assert "name" not in patient and "birthDate" not in patient
    (weight,) = [o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["system"] == "http://loinc.org"]
    assert code_of(weight) == "29463-7"
    assert weight["valueQuantity"] == {"value": Decimal("51.3"), "unit": "kg", "system": UCUM, "code": "kg"}
    assert weight["category"][0]["coding"][0]["code"] == "vital-signs"
    assert "51.3" in dumps(bundle)


def test_an_empty_database_gives_a_valid_empty_bundle(clinic: Clinic, tmp_path: Path) -> None:
    path = write_fhir(clinic, tmp_path / "empty.json")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert "entry" not in bundle
    Bundle.model_validate(bundle)
    assert "entry" not in fhir_bundle(clinic, mrns=[])


def test_dumps_writes_decimals_exactly_and_otherwise_like_json() -> None:
    data = {"a": [Decimal("2.7"), Decimal("12"), Decimal("0.10"), 3, True, None], "b": {}, "c": [], "d": "Huamán"}
    text = dumps(data)
    assert '"a": [\n    2.7,\n    12,\n    0.10,' in text
    plain = {"a": [1, True, None, "x"], "b": {"c": {}}, "d": "Huamán", "e": []}
    assert dumps(plain) == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text, parse_float=Decimal)["a"][0] == Decimal("2.7")
    with pytest.raises(TypeError):
        dumps({"x": 2.7})
    with pytest.raises(ValueError):
        dumps({"x": Decimal("NaN")})


@pytest.mark.parametrize(
    ("diagnosis", "icd10"),
    [
        (Diagnosis.ACHALASIA_TYPE_I, "K22.0"),
        (Diagnosis.ACHALASIA_TYPE_III, "K22.0"),
        (Diagnosis.EGJ_OUTFLOW_OBSTRUCTION, None),  # no ICD-10 code of its own: the local code alone
        (Diagnosis.OTHER, "no condition"),
        (Diagnosis.UNKNOWN, "no condition"),
    ],
)
def test_the_diagnosis_is_a_condition_with_icd10_only_where_it_fits(
    clinic: Clinic, diagnosis: Diagnosis, icd10: str | None
) -> None:
    save_history(clinic, PatientHistory(patient=Patient(mrn="D-1", diagnosis=diagnosis)), source="test")
    bundle = fhir_bundle(clinic)
    validate_every_resource(bundle)
    check_bundle_rules(bundle)
    conditions = resources(bundle, "Condition")
    if icd10 == "no condition":
        assert conditions == []
        return
    (condition,) = conditions
    codes = {c["system"]: c["code"] for c in condition["code"]["coding"]}
    assert codes["urn:barium-tracker:diagnosis"] == diagnosis.value
    assert codes.get("http://hl7.org/fhir/sid/icd-10") == icd10
    assert "note" not in condition  # no diagnosis date recorded
