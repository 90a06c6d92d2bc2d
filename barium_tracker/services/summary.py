"""One patient's summary: timeline, studies, procedures and every procedure's response.

The same :class:`PatientSummary` feeds the GUI, ``barium-tracker summary MRN [--json]`` and (later) reports, so a
number can never differ between them. :func:`summary_to_json` is a documented, stable interface (docs/summary-json.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from barium_tracker import __version__
from barium_tracker.domain import metrics, wording
from barium_tracker.domain.calibration import Calibration
from barium_tracker.domain.messages import Message, Quantity
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    PatientHistory,
    TbeStudy,
)
from barium_tracker.domain.rules import Flag, InterpretationSettings
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import load_history

SUMMARY_SCHEMA = "barium-tracker/patient-summary"
SUMMARY_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated line of the patient's history, oldest first."""

    date: dt.date
    kind: str  # tbe_study | procedure | eckardt | manometry | endoscopy
    record_id: int | None
    said: Message

    @property
    def text(self) -> str:
        """The line in English (the JSON summary, the command line); the GUI renders ``said`` translated."""
        return str(self.said)


@dataclass(frozen=True, slots=True)
class PatientSummary:
    history: PatientHistory
    settings: InterpretationSettings
    today: dt.date
    responses: list[metrics.ProcedureResponse]
    diagnostic_flags: dict[int | None, tuple[Flag, Flag]] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)


def fmt_number(value: Decimal | None, unit: str = "") -> str:
    """A measured value as the clinic reads it ("2.7 cm"); missing values say so instead of showing 0."""
    return str(Quantity(value, unit))


def fmt_pct(value: Decimal | None) -> str:
    if value is None:
        return "n/a"
    rounded = metrics.round_pct(value)
    return f"{'+' if rounded > 0 else ''}{rounded} %"


def build_timeline(history: PatientHistory) -> list[TimelineEvent]:
    """Every event as a dated line; the line's words are the shared wording's (domain/wording.py)."""
    events: list[TimelineEvent] = []
    events += [TimelineEvent(s.study_date, "tbe_study", s.id, wording.study_line(s)) for s in history.studies]
    events += [
        TimelineEvent(p.procedure_date, "procedure", p.id, wording.procedure_line(p)) for p in history.procedures
    ]
    events += [
        TimelineEvent(e.assessment_date, "eckardt", e.id, wording.eckardt_line(e.total)) for e in history.eckardt
    ]
    events += [TimelineEvent(m.study_date, "manometry", m.id, wording.manometry_line(m)) for m in history.manometry]
    events += [TimelineEvent(e.exam_date, "endoscopy", e.id, wording.endoscopy_line(e)) for e in history.endoscopy]
    order = {"manometry": 0, "eckardt": 1, "endoscopy": 2, "tbe_study": 3, "procedure": 4}
    return sorted(events, key=lambda e: (e.date, order[e.kind], e.record_id or 0))


def summarize(
    history: PatientHistory, settings: InterpretationSettings | None = None, *, today: dt.date | None = None
) -> PatientSummary:
    """Compute everything the summary shows, once."""
    settings = settings or InterpretationSettings()
    first_procedure = min((p.procedure_date for p in history.procedures), default=None)
    diagnostic = {
        s.id: metrics.diagnostic_flags(s)
        for s in history.studies
        if first_procedure is None or s.study_date <= first_procedure
    }
    return PatientSummary(
        history=history,
        settings=settings,
        today=today or dt.date.today(),
        responses=metrics.procedure_responses(history, settings),
        diagnostic_flags=diagnostic,
        timeline=build_timeline(history),
    )


def patient_summary(clinic: Clinic, mrn: str, *, today: dt.date | None = None) -> PatientSummary:
    return summarize(load_history(clinic, mrn=mrn), clinic.interpretation_settings(), today=today)


# -- JSON ---------------------------------------------------------------------------------------------------------


def _num(value: Decimal | None, places: str | None = None) -> float | int | None:
    """A JSON number; decimals keep their written digits (2.7 stays 2.7), computed ones are rounded first."""
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return int(value) if value == value.to_integral_value() else float(value)


def _pct(value: Decimal | None) -> float | int | None:
    return None if value is None else _num(metrics.round_pct(value))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _num(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):  # coded values
        return value.value
    return value


def _record_json(record: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(record):
        if f.name in ("meta", "version", "patient_id", "measurements", *skip):
            continue
        out[f.name] = _plain(getattr(record, f.name))
    return out


def _flag_json(flag: Flag) -> dict[str, Any]:
    return {
        "rule": flag.rule.id,
        "title": flag.rule.title,
        "status": flag.status.value,
        "favourable": flag.favourable,
        "value": _num(flag.value, "0.1") if flag.value is not None else None,
        "detail": flag.detail,
        "criterion": flag.rule.criterion,
        "source": flag.rule.source,
    }


def _study_json(summary: PatientSummary, study: TbeStudy) -> dict[str, Any]:
    out = _record_json(study)
    out["measurements"] = [
        {
            "minute": m.minute,
            "height_cm": _num(m.height_cm),
            "width_cm": _num(m.width_cm),
            "area_cm2": _num(m.area_cm2, "0.01") if m.area_cm2 is not None else None,
            "complete_emptying": None if m.height_cm is None else m.height_cm == 0,
            "traced_area_cm2": _num(m.traced_area_cm2),
            "source": film_sources(m),
            "calibration": calibration_json(m.calibration) if m.calibration is not None else None,
        }
        for m in sorted(study.measurements, key=lambda m: m.minute)
    ]
    out["emptying_1_to_5_min_pct"] = _pct(metrics.emptying_pct(study))
    flags = summary.diagnostic_flags.get(study.id)
    out["diagnostic_flags"] = [_flag_json(f) for f in flags] if flags else []
    return out


def film_sources(m: ColumnMeasurement) -> dict[str, str | None]:
    """Where each value of a film came from: "typed" or "image" (None: no value)."""
    return {
        name: None if getattr(m, name) is None else m.source_of(name).value
        for name in ("height_cm", "width_cm", "traced_area_cm2")
    }


def calibration_json(calibration: Calibration) -> dict[str, Any]:
    """The calibration an image value used: its stored form and its English sentence (docs/images.md)."""
    return {**calibration.to_json(), "explanation": str(calibration.explanation())}


def _eckardt_json(score: EckardtAssessment) -> dict[str, Any]:
    return {**_record_json(score), "total": score.total}


def _response_json(response: metrics.ProcedureResponse) -> dict[str, Any]:
    p, ref = response.procedure, response.reference
    return {
        "procedure_id": p.id,
        "procedure_date": p.procedure_date.isoformat(),
        "procedure_type": p.procedure_type.value,
        "rescue": p.rescue,
        "reference_study_id": ref.id if ref else None,
        "reference_study_date": ref.study_date.isoformat() if ref else None,
        "follow_ups": [
            {
                "study_id": fu.study.id,
                "study_date": fu.study.study_date.isoformat(),
                "days_after": fu.days_after,
                "changes": [
                    {
                        "minute": c.minute,
                        "pre_height_cm": _num(c.pre_height_cm),
                        "post_height_cm": _num(c.post_height_cm),
                        "height_change_cm": _num(c.height_change_cm, "0.01")
                        if c.height_change_cm is not None
                        else None,
                        "height_change_pct": _pct(c.height_change_pct),
                        "pre_area_cm2": _num(c.pre_area_cm2, "0.01") if c.pre_area_cm2 is not None else None,
                        "post_area_cm2": _num(c.post_area_cm2, "0.01") if c.post_area_cm2 is not None else None,
                        "area_change_cm2": _num(c.area_change_cm2, "0.01") if c.area_change_cm2 is not None else None,
                        "area_change_pct": _pct(c.area_change_pct),
                        "pre_traced_area_cm2": _num(c.pre_traced_area_cm2),
                        "post_traced_area_cm2": _num(c.post_traced_area_cm2),
                        "traced_area_change_pct": _pct(c.traced_area_change_pct),
                    }
                    for c in fu.changes
                ],
                "flags": [_flag_json(f) for f in fu.flags],
            }
            for fu in response.follow_ups
        ],
        "eckardt_before": _eckardt_json(response.eckardt_before) if response.eckardt_before else None,
        "eckardt_after": [_eckardt_json(e) for e in response.eckardt_after],
        "eckardt_change_pct": _pct(response.eckardt_change_pct),
        "flags": [_flag_json(f) for f in response.flags],
    }


def summary_to_json(summary: PatientSummary) -> dict[str, Any]:
    """The stable JSON form (docs/summary-json.md): snake_case keys, units in names, missing values as null."""
    h = summary.history
    patient = _record_json(h.patient)
    patient["age_years"] = h.patient.age_years(summary.today)
    return {
        "schema": SUMMARY_SCHEMA,
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "app_version": __version__,
        "generated_on": summary.today.isoformat(),
        "interpretation_settings": {
            "eckardt_success_max": summary.settings.eckardt_success_max,
            "sanagapalli_area": summary.settings.sanagapalli_area.value,
        },
        "patient": patient,
        "timeline": [
            {"date": e.date.isoformat(), "kind": e.kind, "record_id": e.record_id, "text": e.text}
            for e in summary.timeline
        ],
        "manometry": [_record_json(m) for m in h.manometry],
        "endoscopy": [_record_json(e) for e in h.endoscopy],
        "eckardt": [_eckardt_json(e) for e in h.eckardt],
        "procedures": [_record_json(p) for p in h.procedures],
        "tbe_studies": [_study_json(summary, s) for s in h.studies],
        "responses": [_response_json(r) for r in summary.responses],
    }
