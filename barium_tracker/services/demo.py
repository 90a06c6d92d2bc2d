"""Demo data: the published seed case (resources/demo/seed_case.json) and a deterministic synthetic cohort.

The cohort generator also feeds the benchmarks, so it can make any number of patients with realistic histories:
diagnosis, manometry, Eckardt before and after, one to three treatments, and TBE studies around each of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from barium_tracker import resources_path
from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Diagnosis,
    Fundoplication,
    LesOpening,
    OesophagitisGrade,
    PoemAccess,
    ProcedureType,
    Sex,
)
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import save_histories, save_history

T = TypeVar("T")
SEED_MRN = "DEMO-0001"
DEMO_COHORT_SIZE = 40
DEMO_RANDOM_SEED = 20251124
# The synthetic histories end before this date, so the demo is the same whatever day it is built.
DEMO_REFERENCE_DATE = dt.date(2026, 10, 31)


def _convert(value: Any, annotation: Any) -> Any:
    """Turn a JSON value into the type a record field declares (Decimal from text, dates from ISO, codes)."""
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _convert(value, inner[0])
    if annotation is Decimal:
        return Decimal(str(value))
    if annotation is dt.date:
        return dt.date.fromisoformat(value)
    if annotation is dt.time:
        return dt.time.fromisoformat(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation(value)
    return value


def record_from_dict(record_type: type[T], data: dict[str, Any]) -> T:
    """Build a domain record from a JSON object whose keys are the record's field names."""
    hints = typing.get_type_hints(record_type)
    names = {f.name for f in dataclasses.fields(record_type)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{record_type.__name__} has no field(s) {', '.join(sorted(unknown))}")
    values = {}
    for key, raw in data.items():
        if key == "measurements":
            values[key] = [record_from_dict(ColumnMeasurement, m) for m in raw]
        else:
            values[key] = _convert(raw, hints[key])
    return record_type(**values)


def history_from_json(data: dict[str, Any]) -> PatientHistory:
    return PatientHistory(
        patient=record_from_dict(Patient, data["patient"]),
        studies=[record_from_dict(TbeStudy, s) for s in data.get("studies", [])],
        procedures=[record_from_dict(Procedure, p) for p in data.get("procedures", [])],
        eckardt=[record_from_dict(EckardtAssessment, e) for e in data.get("eckardt", [])],
        manometry=[record_from_dict(Manometry, m) for m in data.get("manometry", [])],
        endoscopy=[record_from_dict(Endoscopy, e) for e in data.get("endoscopy", [])],
    )


def seed_case() -> PatientHistory:
    """The published case report of DOMAIN.md, every fact of it."""
    text = (resources_path() / "demo" / "seed_case.json").read_text(encoding="utf-8")
    return history_from_json(json.loads(text))


# -- synthetic cohort -------------------------------------------------------------------------------------------

_FAMILY = (
    "García", "Rodríguez", "Quispe", "Flores", "Sánchez", "Huamán", "Mamani", "Ramírez", "Torres", "Chávez",
    "Vásquez", "Castillo", "Rojas", "Mendoza", "Gutiérrez", "Espinoza", "Díaz", "Pérez", "Ccori", "Núñez",
)  # fmt: skip
_GIVEN_F = ("María", "Lucía", "Rosa", "Ana", "Camila", "Valeria", "Sofía", "Ximena", "Carmen", "Inés")
_GIVEN_M = ("José", "Luis", "Carlos", "Jorge", "Miguel", "Ángel", "Diego", "Renzo", "Julián", "Andrés")
_BARIUM = "Low-density barium 45 % w/v"


def _cm(value: float) -> Decimal:
    """Round a simulated length to 0.1 cm, as read off a film; never below 0."""
    return max(Decimal(0), Decimal(str(round(value, 1))))


def _study(rng: random.Random, day: dt.date, h5: float, volume: int, minutes: tuple[int, ...]) -> TbeStudy:
    """A plausible study whose 1- and 2-minute columns are at least as tall as the 5-minute one."""
    width = rng.uniform(2.0, 6.5) if h5 > 0 else rng.uniform(1.0, 3.0)
    heights = {5: h5, 2: h5 * rng.uniform(1.0, 1.35) + rng.uniform(0, 1.5), 1: 0.0}
    heights[1] = heights[2] * rng.uniform(1.0, 1.25) + rng.uniform(0, 1.5)
    measurements = []
    for minute in minutes:
        h = min(heights[minute], 39.0)
        w = None if rng.random() < 0.15 else _cm(min(width * rng.uniform(0.9, 1.1), 14.5))
        measurements.append(ColumnMeasurement(minute=minute, height_cm=_cm(h), width_cm=w if h > 0 else _cm(0)))
    return TbeStudy(study_date=day, barium_volume_ml=Decimal(volume), barium_type=_BARIUM, measurements=measurements)


def _eckardt(rng: random.Random, day: dt.date, total: int) -> EckardtAssessment:
    items = [0, 0, 0, 0]
    for _ in range(max(0, min(12, total))):
        free = [i for i in range(4) if items[i] < 3]
        items[rng.choice(free)] += 1
    return EckardtAssessment(
        assessment_date=day,
        dysphagia=items[0],
        regurgitation=items[1],
        retrosternal_pain=items[2],
        weight_loss=items[3],
    )


def _procedure(rng: random.Random, kind: ProcedureType, day: dt.date, rescue: bool) -> Procedure:
    p = Procedure(
        procedure_date=day,
        procedure_type=kind,
        rescue=rescue,
        operator=rng.choice(("Dr. Ramos", "Dr. Soto", "Dr. Paz")),
    )
    if kind in (ProcedureType.POEM, ProcedureType.REDO_POEM):
        p.poem_access = rng.choice(list(PoemAccess))
        p.myotomy_length_cm = Decimal(rng.choice((8, 9, 10, 11, 12, 14)))
        p.gastric_myotomy_length_cm = Decimal(rng.choice((2, 2.5, 3))).quantize(Decimal("0.1"))
        p.knife = rng.choice(("Hybrid T knife", "Triangle tip knife", "Dual knife"))
        p.duration_min = rng.randint(35, 120)
        p.anaesthesia = "General"
        p.length_of_stay_days = rng.randint(1, 5)
    elif kind in (ProcedureType.LHM, ProcedureType.REDO_LHM):
        p.myotomy_length_cm = Decimal(rng.choice((6, 7, 8)))
        p.gastric_myotomy_length_cm = Decimal(2)
        p.fundoplication = rng.choice((Fundoplication.DOR, Fundoplication.DOR, Fundoplication.TOUPET))
        p.duration_min = rng.randint(90, 200)
        p.anaesthesia = "General"
        p.length_of_stay_days = rng.randint(2, 6)
    elif kind is ProcedureType.BALLOON_DILATION:
        p.balloon_diameter_mm = Decimal(rng.choice((30, 35, 40)))
        p.balloon_pressure_psi = Decimal(rng.choice((8, 10, 12, 15)))
        p.duration_min = rng.randint(15, 40)
        p.anaesthesia = "Sedation"
    elif kind is ProcedureType.BOTULINUM_TOXIN:
        p.botox_units = Decimal(100)
        p.botox_sites = 4
        p.duration_min = rng.randint(10, 25)
        p.anaesthesia = "Sedation"
    if rng.random() < 0.08:
        p.complication_grade = rng.choice((ComplicationGrade.MILD, ComplicationGrade.MODERATE))
        p.complication_text = "Mucosal injury closed with clips" if kind.is_myotomy else "Chest pain, resolved"
    return p


# Probability that a first treatment is each type, and how much of the column it clears when it works.
_FIRST_TREATMENT = (
    (ProcedureType.POEM, 0.45),
    (ProcedureType.LHM, 0.25),
    (ProcedureType.BALLOON_DILATION, 0.2),
    (ProcedureType.BOTULINUM_TOXIN, 0.1),
)
_DIAGNOSES = (
    (Diagnosis.ACHALASIA_TYPE_II, 0.5),
    (Diagnosis.ACHALASIA_TYPE_I, 0.25),
    (Diagnosis.ACHALASIA_TYPE_III, 0.15),
    (Diagnosis.EGJ_OUTFLOW_OBSTRUCTION, 0.07),
    (Diagnosis.UNKNOWN, 0.03),
)


def _pick(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def synthetic_history(rng: random.Random, number: int, end: dt.date = DEMO_REFERENCE_DATE) -> PatientHistory:
    """One synthetic patient whose whole history ends before ``end``."""
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    paediatric = rng.random() < 0.2
    age_at_diagnosis = rng.randint(6, 17) if paediatric else rng.randint(18, 78)
    diagnosis_date = end - dt.timedelta(days=rng.randint(200, 8 * 365))
    birth = diagnosis_date - dt.timedelta(days=age_at_diagnosis * 365 + rng.randint(0, 364))
    diagnosis = _pick(rng, _DIAGNOSES)
    patient = Patient(
        mrn=f"SYN-{number:06d}",
        family_name=f"{rng.choice(_FAMILY)} {rng.choice(_FAMILY)}",
        given_name=rng.choice(_GIVEN_F if sex is Sex.FEMALE else _GIVEN_M),
        birth_date=birth,
        sex=sex,
        diagnosis=diagnosis,
        diagnosis_date=diagnosis_date,
        notes="Synthetic demo patient.",
    )
    history = PatientHistory(patient=patient)
    subtype = ChicagoSubtype(diagnosis.value) if diagnosis is not Diagnosis.UNKNOWN else ChicagoSubtype.INCONCLUSIVE
    history.manometry.append(
        Manometry(
            study_date=diagnosis_date,
            system=rng.choice(("Medtronic ManoScan", "Laborie/Diversatek", "Sandhill InSIGHT")),
            irp_supine_mmhg=Decimal(str(round(rng.uniform(16, 45), 1))),
            irp_upright_mmhg=Decimal(str(round(rng.uniform(12, 38), 1))),
            irp_upper_limit_mmhg=Decimal(15),
            subtype=subtype,
            conclusive=subtype is not ChicagoSubtype.INCONCLUSIVE,
            failed_swallows_pct=Decimal(100)
            if diagnosis.value.startswith("achalasia")
            else Decimal(rng.randint(0, 60)),
        )
    )
    volume = rng.choice((100, 150, 200, 250))
    minutes = (1, 5) if rng.random() < 0.25 else (1, 2, 5)
    h5 = rng.uniform(3.0, 16.0) if diagnosis is not Diagnosis.EGJ_OUTFLOW_OBSTRUCTION else rng.uniform(0.5, 6)
    eckardt = rng.randint(5, 12)
    day = diagnosis_date + dt.timedelta(days=rng.randint(7, 40))
    history.studies.append(_study(rng, day, h5, volume, minutes))
    history.eckardt.append(_eckardt(rng, day, eckardt))
    kind = _pick(rng, _FIRST_TREATMENT)
    rescue = False
    for _round in range(rng.choice((1, 1, 1, 2, 2, 3))):
        day = day + dt.timedelta(days=rng.randint(1, 21))
        if day >= end - dt.timedelta(days=60):
            break
        history.procedures.append(_procedure(rng, kind, day, rescue))
        effect = {
            ProcedureType.POEM: (0.6, 0.95),
            ProcedureType.REDO_POEM: (0.5, 0.9),
            ProcedureType.LHM: (0.55, 0.95),
            ProcedureType.REDO_LHM: (0.4, 0.85),
            ProcedureType.BALLOON_DILATION: (0.2, 0.8),
            ProcedureType.BOTULINUM_TOXIN: (0.0, 0.6),
        }[kind]
        responder = rng.random() < 0.8
        reduction = rng.uniform(*effect) if responder else rng.uniform(-0.1, 0.4)
        h5 = h5 * (1 - reduction)
        if responder and rng.random() < 0.2:
            h5 = 0.0  # complete emptying at 5 minutes
        eckardt = max(0, round(eckardt * (rng.uniform(0.05, 0.35) if rng.random() < 0.85 else rng.uniform(0.6, 1.0))))
        follow_up = day + dt.timedelta(days=rng.randint(25, 70) if not kind.is_myotomy else rng.randint(50, 70))
        if follow_up >= end:
            break
        history.studies.append(_study(rng, follow_up, h5, volume, minutes))
        history.eckardt.append(_eckardt(rng, follow_up, eckardt))
        if rng.random() < 0.3 and follow_up + dt.timedelta(days=180) < end:
            later = follow_up + dt.timedelta(days=rng.randint(120, 360))
            if later < end:
                h5 = h5 * rng.uniform(0.8, 1.6)
                history.studies.append(_study(rng, later, h5, volume, minutes))
                history.endoscopy.append(
                    Endoscopy(
                        exam_date=later,
                        les_opening=LesOpening.EASY if h5 < 5 else LesOpening.RESISTANCE,
                        oesophagitis=rng.choice(
                            (OesophagitisGrade.NONE,) * 4 + (OesophagitisGrade.LA_A, OesophagitisGrade.LA_B)
                        ),
                        residue=h5 > 5,
                    )
                )
                day = later
            else:
                day = follow_up
        else:
            day = follow_up
        if eckardt <= 3 and h5 < 5:
            break
        # Not better: a further treatment, usually escalating.
        rescue = kind.is_myotomy
        kind = {
            ProcedureType.BOTULINUM_TOXIN: ProcedureType.BALLOON_DILATION,
            ProcedureType.BALLOON_DILATION: rng.choice((ProcedureType.BALLOON_DILATION, ProcedureType.POEM)),
            ProcedureType.LHM: ProcedureType.POEM,
            ProcedureType.POEM: rng.choice((ProcedureType.REDO_POEM, ProcedureType.BALLOON_DILATION)),
            ProcedureType.REDO_POEM: ProcedureType.BALLOON_DILATION,
            ProcedureType.REDO_LHM: ProcedureType.POEM,
        }[kind]
    return history


def synthetic_cohort(
    count: int, seed: int = DEMO_RANDOM_SEED, end: dt.date = DEMO_REFERENCE_DATE
) -> Iterator[PatientHistory]:
    """``count`` synthetic patients, the same ones every time for the same seed."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield synthetic_history(rng, number, end)


def populate_demo(clinic: Clinic, cohort_size: int = DEMO_COHORT_SIZE) -> int:
    """Add the seed case and the synthetic cohort to an empty database; returns the number of patients."""
    save_history(clinic, seed_case(), source="demo: published seed case")
    save_histories(clinic, synthetic_cohort(cohort_size), source="demo: synthetic cohort")
    return cohort_size + 1


def create_demo_database(path: Path, cohort_size: int = DEMO_COHORT_SIZE) -> Path:
    """Write a new demo database file (refusing to overwrite an existing one)."""
    from barium_tracker.domain.errors import UserError
    from barium_tracker.domain.i18n import N_
    from barium_tracker.domain.messages import say

    if path.exists():
        raise UserError(say(N_("{path} already exists; choose a new file name for the demo database."), path=path))
    with Clinic.open(path) as clinic:
        populate_demo(clinic, cohort_size)
    return path
