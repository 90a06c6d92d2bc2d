"""FHIR R4 export: every patient (or the chosen ones) as one JSON Bundle of type ``collection``.

Each patient becomes a Patient; each procedure a Procedure; each TBE study, Eckardt score, manometry and endoscopy
an Observation whose parts are components (never a top-level value beside components); a recorded weight at an
Eckardt visit a body-weight Observation. Entries are linked by ``urn:uuid:`` full URLs that are the same at every
export of the same record, so a receiving system can recognise a record it has seen. Codes are SNOMED CT, LOINC or
UCUM only where the code is certain; everything else uses local code systems under ``urn:barium-tracker:`` with a
human text (docs/fhir.md lists every code and why).

The bundle carries names, the MRN and the birth date: an export is therefore recorded in the audit trail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from barium_tracker import __version__
from barium_tracker.domain import fields, wording
from barium_tracker.domain.enums import ComplicationGrade, Diagnosis, ProcedureType, Sex, TabletResult
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.fields import FhirCode, Field, Kind, Record
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.records import (
    EckardtAssessment,
    Endoscopy,
    Manometry,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.output_files import writing
from barium_tracker.services.patients import load_all_histories, load_history
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.storage.models import AuditEventRow, ClinicSettingRow

# -- code systems and settings --------------------------------------------------------------------------------------

MRN_SYSTEM_KEY = "fhir_mrn_system"
DEFAULT_MRN_SYSTEM = "urn:barium-tracker:mrn"

UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
ICD10 = "http://hl7.org/fhir/sid/icd-10"  # ICD-10 International (WHO)
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

PROCEDURE_TYPE_SYSTEM = "urn:barium-tracker:procedure-type"
OBSERVATION_SYSTEM = "urn:barium-tracker:observation"
COMPLICATION_SYSTEM = "urn:barium-tracker:complication-grade"
CODED_VALUE_SYSTEM = "urn:barium-tracker:coded-value"
DIAGNOSIS_SYSTEM = "urn:barium-tracker:diagnosis"

# SNOMED CT 32849002 |Esophageal structure (body structure)|: where every treatment and study of the app takes place.
OESOPHAGUS = {"coding": [{"system": SNOMED, "code": "32849002", "display": "Esophageal structure"}]}
# LOINC 29463-7 Body weight (the code of the FHIR vital-signs profile for body weight).
BODY_WEIGHT = {"coding": [{"system": LOINC, "code": "29463-7", "display": "Body weight"}], "text": "Body weight"}

# Deterministic full URLs: uuid5 of this namespace with the MRN system (so two clinics that configured their own
# systems never share a URL), the entity and the record's id.
URL_NAMESPACE = uuid.UUID("6f1c7d9e-5b0a-4c2e-9a47-2d8b3e1f0c55")

_GENDER = {Sex.FEMALE: "female", Sex.MALE: "male", Sex.OTHER: "other", Sex.UNKNOWN: "unknown"}

# ICD-10 K22.0 "Achalasia of cardia" (Achalasia NOS, cardiospasm) covers the three Chicago subtypes; EGJ outflow
# obstruction has no ICD-10 code of its own, so it keeps the local code alone.
_ICD10_ACHALASIA = {"system": ICD10, "code": "K22.0", "display": "Achalasia of cardia"}
_ICD10 = {
    Diagnosis.ACHALASIA_TYPE_I: _ICD10_ACHALASIA,
    Diagnosis.ACHALASIA_TYPE_II: _ICD10_ACHALASIA,
    Diagnosis.ACHALASIA_TYPE_III: _ICD10_ACHALASIA,
}
#: Diagnoses exported as a Condition ("other" and "unknown" say nothing a receiver could use).
CONDITION_DIAGNOSES = frozenset({*_ICD10, Diagnosis.EGJ_OUTFLOW_OBSTRUCTION})

FHIR_FORMAT = "fhir-r4-json-bundle"


def mrn_system(clinic: Clinic) -> str:
    """The identifier system URI under which this clinic's MRNs are exported (a clinic setting)."""
    with clinic.db.session() as session:
        row = session.get(ClinicSettingRow, MRN_SYSTEM_KEY)
        return row.value if row is not None and row.value.strip() else DEFAULT_MRN_SYSTEM


class InvalidMrnSystem(UserError, ValueError):
    """The MRN identifier system given is not an absolute URI."""


def check_mrn_system(system: str) -> str:
    """The system without surrounding spaces, or InvalidMrnSystem saying what an identifier system looks like."""
    system = system.strip()
    scheme = system.split(":", 1)[0]
    if not system or any(c.isspace() for c in system) or ":" not in system or not scheme.isascii() or not scheme:
        raise InvalidMrnSystem(
            f"The MRN identifier system must be an absolute URI without spaces, such as the hospital's OID "
            f"(urn:oid:2.16.840.1.113883.19.5) or a web address it controls (https://hospital.example/fhir/mrn); "
            f"got {system!r}"
        )
    return system


def set_mrn_system(clinic: Clinic, system: str) -> None:
    """Set the MRN identifier system (e.g. the hospital's OID as ``urn:oid:...`` or its own URL)."""
    system = check_mrn_system(system)
    with clinic.db.session() as session:
        session.merge(ClinicSettingRow(key=MRN_SYSTEM_KEY, value=system))


# -- loading --------------------------------------------------------------------------------------------------------


def selected_histories(clinic: Clinic, mrns: Sequence[str] | None) -> list[PatientHistory]:
    """Every patient's history in id order, or only those of ``mrns`` (an unknown MRN raises NotFound)."""
    if mrns is None:
        return load_all_histories(clinic)
    seen: dict[int | None, PatientHistory] = {}
    for mrn in mrns:
        history = load_history(clinic, mrn=mrn)
        seen.setdefault(history.patient.id, history)
    return sorted(seen.values(), key=lambda h: h.patient.id or 0)


# -- building blocks ------------------------------------------------------------------------------------------------


def full_url(namespace: uuid.UUID, entity: str, record_id: int | None) -> str:
    if record_id is None:
        raise ValueError(f"A {entity} without an id cannot be exported (save it first)")
    return f"urn:uuid:{uuid.uuid5(namespace, f'{entity}/{record_id}')}"


def _quantity(value: Decimal, unit: str, code: str | None = None) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code or unit}


def _local(code: str, display: str, system: str = OBSERVATION_SYSTEM) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _coded_value(enum_value: Any) -> dict[str, Any]:
    """A coded app value (e.g. a Chicago subtype) as a CodeableConcept of the app's coded-value system."""
    system = f"{CODED_VALUE_SYSTEM}:{type(enum_value).__name__}"
    return {
        "coding": [{"system": system, "code": enum_value.value, "display": enum_value.label}],
        "text": enum_value.label,
    }


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code, "display": display}]}]


def _component(code: str, display: str, value_key: str, value: Any) -> dict[str, Any]:
    return {"code": _local(code, display), value_key: value}


def _coded_fields(record: Record) -> tuple[Field, ...]:
    """The fields of a record that the FHIR export carries as components: those declared with a FHIR code."""
    return tuple(f for f in fields.fields_of(record) if f.fhir is not None)


def _declared_component(declared: Field, value: Any, *, minute: int | None = None) -> dict[str, Any]:
    """A component coded as the field's declaration says (domain/fields.py ``fhir``): quantity, code or flag."""
    code = declared.fhir
    assert code is not None, f"{declared.key} has no FHIR code"
    if minute is not None:
        code = FhirCode(code.code.format(minute=minute), code.display.format(minute=minute), code.ucum)
    if declared.kind is Kind.CODE:
        return _component(code.code, code.display, "valueCodeableConcept", _coded_value(value))
    if declared.kind is Kind.BOOL:
        return _component(code.code, code.display, "valueBoolean", value)
    if declared.kind is Kind.INTEGER and declared.unit in ("", "points"):  # a score, not a measured quantity
        return _component(code.code, code.display, "valueInteger", value)
    quantity = _quantity(Decimal(value), declared.unit, code.ucum or None)
    return _component(code.code, code.display, "valueQuantity", quantity)


def _notes(*texts: str) -> list[dict[str, str]]:
    return [{"text": t.strip()} for t in texts if t and t.strip()]


# -- resources ------------------------------------------------------------------------------------------------------


def _patient(history: PatientHistory, system: str) -> dict[str, Any]:
    p = history.patient
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [
            {
                "use": "usual",
                "type": {"coding": [{"system": IDENTIFIER_TYPE, "code": "MR", "display": "Medical record number"}]},
                "system": system,
                "value": p.mrn,
            }
        ],
        "gender": _GENDER[p.sex],
    }
    name: dict[str, Any] = {}
    if p.family_name.strip():
        name["family"] = p.family_name.strip()
    if p.given_name.strip():
        name["given"] = p.given_name.split()
    if name:
        name["use"] = "official"
        resource["name"] = [name]
    if p.birth_date is not None:
        resource["birthDate"] = p.birth_date.isoformat()
    return resource


def _condition(history: PatientHistory, subject: str) -> dict[str, Any]:
    """The patient's diagnosis as an active, confirmed problem-list Condition of the oesophagus."""
    p = history.patient
    coding = [{"system": DIAGNOSIS_SYSTEM, "code": p.diagnosis.value, "display": p.diagnosis.label}]
    if p.diagnosis in _ICD10:
        coding.append(dict(_ICD10[p.diagnosis]))
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        # Achalasia is treated, never cured: the condition stays active after a successful myotomy.
        "clinicalStatus": {"coding": [{"system": CONDITION_CLINICAL, "code": "active", "display": "Active"}]},
        "verificationStatus": {
            "coding": [{"system": CONDITION_VERIFICATION, "code": "confirmed", "display": "Confirmed"}]
        },
        "category": [
            {"coding": [{"system": CONDITION_CATEGORY, "code": "problem-list-item", "display": "Problem List Item"}]}
        ],
        "code": {"coding": coding, "text": p.diagnosis.label},
        "bodySite": [OESOPHAGUS],
        "subject": {"reference": subject},
    }
    if p.diagnosis_date is not None:
        # Not onset[x] (symptoms usually began years earlier) nor recordedDate (when this record was made).
        resource["note"] = [{"text": f"Diagnosed on {p.diagnosis_date.isoformat()}."}]
    return resource


def _procedure(p: Procedure, subject: str) -> dict[str, Any]:
    kind: ProcedureType = p.procedure_type
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "status": "completed",
        "code": {
            "coding": [{"system": PROCEDURE_TYPE_SYSTEM, "code": kind.value, "display": kind.label}],
            "text": str(wording.procedure_title(p)),
        },
        "subject": {"reference": subject},
        "performedDateTime": p.procedure_date.isoformat(),
        "bodySite": [OESOPHAGUS],
    }
    if p.operator.strip():
        resource["performer"] = [{"actor": {"display": p.operator.strip()}}]
    if p.complication_grade is not ComplicationGrade.NONE or p.complication_text.strip():
        complication = _coded_value(p.complication_grade)
        complication["coding"][0]["system"] = COMPLICATION_SYSTEM
        if p.complication_text.strip():
            complication["text"] = f"{p.complication_grade.label}: {p.complication_text.strip()}"
        resource["complication"] = [complication]
    # FHIR R4 Procedure has no element for these details: they are notes (the operator is the performer).
    notes = _notes(*(str(m) for m in wording.procedure_sentences(p, leave_out=("operator",))), p.notes)
    if notes:
        resource["note"] = notes
    return resource


def _observation(
    code: dict[str, Any], category: list[dict[str, Any]], subject: str, day: dt.date, components: list[dict[str, Any]]
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": category,
        "code": code,
        "subject": {"reference": subject},
        "effectiveDateTime": day.isoformat(),
    }
    if components:
        resource["component"] = components
    else:  # nothing was measured: say so rather than leave an empty observation
        resource["dataAbsentReason"] = {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "unknown",
                    "display": "Unknown",
                }
            ]
        }
    return resource


def _study(s: TbeStudy, subject: str) -> dict[str, Any]:
    components: list[dict[str, Any]] = []
    for m in sorted(s.measurements, key=lambda m: m.minute):
        for name in ("height_cm", "width_cm"):
            value = getattr(m, name)
            if value is not None:
                components.append(_declared_component(fields.film(name), value, minute=m.minute))
    tablet_given = s.tablet_result is not TabletResult.NOT_GIVEN
    for declared in _coded_fields(Record.TBE_STUDY):
        value = getattr(s, declared.name)
        if value is None or (declared.name in ("tablet_result", "tablet_minute") and not tablet_given):
            continue  # not recorded; a tablet not given has neither result nor minute
        components.append(_declared_component(declared, value))
    code = _local("tbe", "Timed barium esophagogram")
    resource = _observation(code, _category("imaging", "Imaging"), subject, s.study_date, components)
    resource["bodySite"] = OESOPHAGUS
    resource["method"] = {"text": f"Timed barium esophagogram, position: {s.position.label.lower()}"}
    notes = _notes(
        f"Study time (local): {s.study_time.isoformat(timespec='minutes')}." if s.study_time is not None else "",
        f"Barium: {s.barium_type.strip()}." if s.barium_type.strip() else "",
        *_film_sources(s),
        s.notes,
    )
    if notes:
        resource["note"] = notes
    return resource


def _film_sources(s: TbeStudy) -> list[str]:
    """Where the lengths of films measured on the image came from, and the traced area: one note per such film."""
    said = []
    for m in sorted(s.measurements, key=lambda m: m.minute):
        source = wording.film_source(m)
        if source is None:
            continue
        traced = "" if m.traced_area_cm2 is None else f"; traced column area {format(m.traced_area_cm2, 'f')} cm²"
        said.append(f"{m.minute}-min film: {source}{traced}.")
    return said


def _eckardt(e: EckardtAssessment, subject: str) -> dict[str, Any]:
    components = [_declared_component(f, getattr(e, f.name)) for f in _coded_fields(Record.ECKARDT)]
    code = _local("eckardt-score", "Eckardt symptom score")
    resource = _observation(code, _category("survey", "Survey"), subject, e.assessment_date, components)
    notes = _notes(e.notes)
    if notes:
        resource["note"] = notes
    return resource


def _weight(e: EckardtAssessment, subject: str) -> dict[str, Any]:
    assert e.weight_kg is not None
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("vital-signs", "Vital Signs"),
        "code": BODY_WEIGHT,
        "subject": {"reference": subject},
        "effectiveDateTime": e.assessment_date.isoformat(),
        "valueQuantity": _quantity(e.weight_kg, "kg"),
    }


def _manometry(m: Manometry, subject: str) -> dict[str, Any]:
    coded = _coded_fields(Record.MANOMETRY)
    # The conclusion first (always said), then each measured value.
    components = [_declared_component(f, getattr(m, f.name)) for f in coded if f.kind in (Kind.CODE, Kind.BOOL)]
    for declared in coded:
        value = getattr(m, declared.name)
        if declared.kind not in (Kind.CODE, Kind.BOOL) and value is not None:
            components.append(_declared_component(declared, value))
    code = _local("hrm", "High-resolution oesophageal manometry")
    resource = _observation(code, _category("procedure", "Procedure"), subject, m.study_date, components)
    resource["bodySite"] = OESOPHAGUS
    if m.system.strip():
        resource["method"] = {"text": m.system.strip()}
    notes = _notes(m.notes)
    if notes:
        resource["note"] = notes
    return resource


def _endoscopy(e: Endoscopy, subject: str) -> dict[str, Any]:
    components = [_declared_component(f, getattr(e, f.name)) for f in _coded_fields(Record.ENDOSCOPY)]
    code = _local("egd", "Upper gastrointestinal endoscopy findings")
    resource = _observation(code, _category("procedure", "Procedure"), subject, e.exam_date, components)
    resource["bodySite"] = OESOPHAGUS
    notes = _notes(e.findings)
    if notes:
        resource["note"] = notes
    return resource


def _patient_entries(history: PatientHistory, system: str, namespace: uuid.UUID) -> Iterator[dict[str, Any]]:
    subject = full_url(namespace, "patient", history.patient.id)
    yield {"fullUrl": subject, "resource": _patient(history, system)}
    if history.patient.diagnosis in CONDITION_DIAGNOSES:
        yield {
            "fullUrl": full_url(namespace, "condition", history.patient.id),
            "resource": _condition(history, subject),
        }
    for p in history.procedures:
        yield {"fullUrl": full_url(namespace, "procedure", p.id), "resource": _procedure(p, subject)}
    for s in history.studies:
        yield {"fullUrl": full_url(namespace, "tbe_study", s.id), "resource": _study(s, subject)}
    for e in history.eckardt:
        yield {"fullUrl": full_url(namespace, "eckardt", e.id), "resource": _eckardt(e, subject)}
        if e.weight_kg is not None:
            yield {"fullUrl": full_url(namespace, "eckardt_weight", e.id), "resource": _weight(e, subject)}
    for m in history.manometry:
        yield {"fullUrl": full_url(namespace, "manometry", m.id), "resource": _manometry(m, subject)}
    for n in history.endoscopy:
        yield {"fullUrl": full_url(namespace, "endoscopy", n.id), "resource": _endoscopy(n, subject)}


def fhir_bundle(
    clinic: Clinic,
    *,
    mrns: Sequence[str] | None = None,
    progress: Progress = no_progress,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The FHIR R4 Bundle (type ``collection``) of every patient, or of ``mrns`` only, as a JSON-ready dict.

    Decimal values stay :class:`~decimal.Decimal` (write them with :func:`dumps`, which keeps 2.7 as 2.7).
    ``progress`` is called once per patient and may raise Cancelled.
    """
    progress(0, None, N_("Reading patients"))
    histories = selected_histories(clinic, mrns)
    system = mrn_system(clinic)
    namespace = uuid.uuid5(URL_NAMESPACE, system)
    entries: list[dict[str, Any]] = []
    total = len(histories)
    progress(0, total, N_("Building FHIR resources"))
    for done, history in enumerate(histories, start=1):
        for entry in _patient_entries(history, system, namespace):
            resource = entry["resource"]
            kind = resource.pop("resourceType")
            entry["resource"] = {"resourceType": kind, "id": entry["fullUrl"].removeprefix("urn:uuid:"), **resource}
            entries.append(entry)
        progress(done, total, N_("Building FHIR resources"))
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "meta": {"tag": [{"system": "urn:barium-tracker:generator", "code": f"barium-tracker-{__version__}"}]},
        "type": "collection",
        "timestamp": stamp.isoformat().replace("+00:00", "Z"),
    }
    if entries:  # FHIR JSON never holds an empty array
        bundle["entry"] = entries
    return bundle


# -- writing --------------------------------------------------------------------------------------------------------


def _encode(value: Any, indent: str, level: int) -> Iterator[str]:
    if value is None:
        yield "null"
    elif value is True:
        yield "true"
    elif value is False:
        yield "false"
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} cannot be written as a JSON number")
        yield format(value, "f")  # exactly the digits stored: 2.7 stays 2.7, 12 stays 12
    elif isinstance(value, int):
        yield str(value)
    elif isinstance(value, float):
        raise TypeError("floats are not exact: clinical values must be Decimal")
    elif isinstance(value, str):
        yield json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        if not value:
            yield "{}"
            return
        inner = "\n" + indent * (level + 1)
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + inner + json.dumps(str(key), ensure_ascii=False) + ": "
            yield from _encode(item, indent, level + 1)
        yield "\n" + indent * level + "}"
    elif isinstance(value, list | tuple):
        if not value:
            yield "[]"
            return
        inner = "\n" + indent * (level + 1)
        yield "["
        for i, item in enumerate(value):
            yield ("," if i else "") + inner
            yield from _encode(item, indent, level + 1)
        yield "\n" + indent * level + "]"
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text like ``json.dumps(value, indent=indent, ensure_ascii=False)``, with Decimals as exact numbers."""
    return "".join(_encode(value, " " * indent, 0)) + "\n"


def record_export(session: Any, clinic: Clinic, entity: str, changes: dict[str, Any]) -> None:
    """Add the audit record of an export (who, when, what, where) to the session that completes it."""
    session.add(
        AuditEventRow(
            user_name=clinic.user, action="export", entity=entity, entity_id=None, patient_id=None, changes=changes
        )
    )


def publish_with_audit(
    clinic: Clinic, publish: Callable[[], None], unpublish: Callable[[], None], entity: str, changes: dict[str, Any]
) -> None:
    """Move a finished export into place and record it, together: if the audit record cannot be committed, the
    export is taken back (``unpublish``), so that no export leaves the clinic unrecorded."""
    published = False
    try:
        with clinic.db.session() as session:
            record_export(session, clinic, entity, changes)
            session.flush()
            publish()
            published = True
    except BaseException:
        if published:
            with contextlib.suppress(OSError):
                unpublish()
        raise


def _filter_description(mrns: Sequence[str] | None) -> dict[str, Any] | None:
    return None if mrns is None else {"mrns": [m.strip() for m in mrns]}


def write_fhir(
    clinic: Clinic, path: Path, *, mrns: Sequence[str] | None = None, progress: Progress = no_progress
) -> Path:
    """Write the bundle to ``path`` (UTF-8 JSON, indent 2) atomically, and record the export in the audit trail.

    On Cancelled (or any error) the partial temporary file is removed, ``path`` is left as it was and nothing is
    recorded.
    """
    path = Path(path)
    bundle = fhir_bundle(clinic, mrns=mrns, progress=progress)
    entries = bundle.get("entry", [])
    progress(0, 1, N_("Writing the FHIR file"))
    with writing(path, "fhir"):
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(dumps(bundle))
                out.flush()
                os.fsync(out.fileno())
            progress(1, 1, N_("Writing the FHIR file"))
            kinds: dict[str, int] = {}
            for entry in entries:
                kind = entry["resource"]["resourceType"]
                kinds[kind] = kinds.get(kind, 0) + 1
            changes = {
                "format": FHIR_FORMAT,
                "patients": kinds.get("Patient", 0),
                "resources": kinds,
                "destination": str(path.resolve()),
                "filter": _filter_description(mrns),
            }
            publish_with_audit(
                clinic, lambda: os.replace(temp, path), lambda: path.unlink(missing_ok=True), "fhir_export", changes
            )
        finally:
            temp.unlink(missing_ok=True)
    return path
