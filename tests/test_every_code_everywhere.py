"""Every member of every coded field, through every consumer: the editor, the timeline and summary, the chart, the
cohort, the report, FHIR, the research export and the exchange tables.

The members and the fields that hold them come from the declaration (domain/fields.py), so a new procedure type or
a new code is tested here without editing this file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from barium_tracker.domain import fields, wording
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.fields import Kind, Record
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
from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.services.charts import build_chart_data
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import cohort_rows, procedure_statistics
from barium_tracker.services.exchange import export_tables, import_files
from barium_tracker.services.fhir_export import fhir_bundle
from barium_tracker.services.patients import load_all_histories
from barium_tracker.services.records import save_history
from barium_tracker.services.report.content import chart_captions, report_content
from barium_tracker.services.report.markup import to_html
from barium_tracker.services.research_export import write_research_export
from barium_tracker.services.summary import summarize, summary_to_json
from barium_tracker.ui.record_kinds import editor_class

DAY = dt.date(2025, 6, 10)
CODED = [f for f in fields.all_fields() if f.kind is Kind.CODE and f.record is not Record.FILM]
CASES = [(f, member) for f in CODED for member in f.enum or ()]  # type: ignore[attr-defined]


def _history(n: int, declared: fields.Field, member: Any) -> PatientHistory:
    """A patient with a TBE before and after a procedure, an Eckardt score on each side, a manometry and an
    endoscopy; ``declared`` (on its record) holds ``member``."""

    def film(minute: int, height: str) -> ColumnMeasurement:
        return ColumnMeasurement(minute=minute, height_cm=Decimal(height), width_cm=Decimal("2.5"))

    history = PatientHistory(
        patient=Patient(mrn=f"CODE-{n:03d}", family_name="Prueba", given_name=f"{n}", birth_date=dt.date(1980, 1, 1)),
        studies=[
            TbeStudy(study_date=DAY - dt.timedelta(days=2), measurements=[film(1, "14"), film(5, "12")]),
            TbeStudy(study_date=DAY + dt.timedelta(days=30), measurements=[film(1, "5"), film(5, "2.7")]),
        ],
        procedures=[Procedure(procedure_date=DAY, procedure_type=ProcedureType.POEM)],
        eckardt=[
            EckardtAssessment(
                assessment_date=DAY - dt.timedelta(days=2),
                dysphagia=3,
                regurgitation=3,
                retrosternal_pain=3,
                weight_loss=3,
            ),
            EckardtAssessment(
                assessment_date=DAY + dt.timedelta(days=60),
                dysphagia=1,
                regurgitation=1,
                retrosternal_pain=0,
                weight_loss=0,
            ),
        ],
        manometry=[Manometry(study_date=DAY - dt.timedelta(days=3), irp_supine_mmhg=Decimal(33))],
        endoscopy=[Endoscopy(exam_date=DAY + dt.timedelta(days=90))],
    )
    targets = {
        Record.PATIENT: [history.patient],
        Record.TBE_STUDY: history.studies,
        Record.PROCEDURE: history.procedures,
        Record.MANOMETRY: history.manometry,
        Record.ENDOSCOPY: history.endoscopy,
    }[declared.record]
    for record in targets:
        if isinstance(record, Procedure) and declared.section is not None:
            record.procedure_type = declared.procedure_types[0]  # a type that shows the field
        setattr(record, declared.name, member)
        if isinstance(record, Procedure):
            record.rescue = n % 2 == 1
    return history


@pytest.fixture(scope="module")
def coded_clinic(tmp_path_factory: pytest.TempPathFactory) -> Any:
    clinic = Clinic.open(tmp_path_factory.mktemp("codes") / "codes.sqlite3")
    for n, (declared, member) in enumerate(CASES):
        save_history(clinic, _history(n, declared, member), source="test", today=dt.date(2026, 12, 1))
    yield clinic
    clinic.close()


def _case_id(case: tuple[fields.Field, Any]) -> str:
    return f"{case[0].key}={case[1].value}"


def test_every_procedure_type_and_code_is_a_case() -> None:
    assert {m for f, m in CASES if f.name == "procedure_type"} == set(ProcedureType)
    assert len(CASES) >= 40


def test_fhir_export_of_every_code_is_valid_and_says_each_code(coded_clinic: Clinic) -> None:
    bundle = fhir_bundle(coded_clinic, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    text = json.dumps(bundle, default=str)
    # What FHIR says differently, on purpose (docs/fhir.md): gender is FHIR's own code, "other"/"unknown" diagnoses
    # give no Condition, the position is said in the method text, and absence is said by leaving the element out.
    said_otherwise = {"patient.sex", "patient.diagnosis", "tbe_study.position"}
    left_out = {("tbe_study.tablet_result", "not_given"), ("procedure.complication_grade", "none")}
    for declared, member in CASES:
        if declared.key in said_otherwise or (declared.key, member.value) in left_out:
            continue
        if declared.record is Record.PROCEDURE and declared.section is not None:  # a detail: said in the notes
            sentence = str(wording.detail_sentence(wording.Detail(declared, member)))
            assert sentence in text, _case_id((declared, member))
        else:
            assert f'"code": "{member.value}"' in text, _case_id((declared, member))


def test_research_export_writes_every_code(coded_clinic: Clinic, tmp_path: Path) -> None:
    write_research_export(coded_clinic, tmp_path / "research")
    seen: dict[str, set[str]] = {}
    for path in (tmp_path / "research").glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, value in row.items():
                    seen.setdefault(column, set()).add(value)
    for declared, member in CASES:
        if declared.research is not None:
            assert member.value in seen[declared.name], _case_id((declared, member))


def test_exchange_round_trip_keeps_every_code(coded_clinic: Clinic, tmp_path: Path) -> None:
    export_tables(coded_clinic, tmp_path / "tables", fmt="csv")
    again = Clinic.open(tmp_path / "again.sqlite3")
    try:
        import_files(again, sorted((tmp_path / "tables").glob("*.csv")))
        before = {h.patient.mrn: h for h in load_all_histories(coded_clinic)}
        after = {h.patient.mrn: h for h in load_all_histories(again)}
        for declared, _member in CASES:
            if declared.exchange is None:
                continue
            for mrn, history in before.items():
                for old, new in zip(
                    _records(history, declared.record), _records(after[mrn], declared.record), strict=True
                ):
                    assert getattr(new, declared.name) == getattr(old, declared.name), (mrn, declared.key)
    finally:
        again.close()


def _records(history: PatientHistory, record: Record) -> list[Any]:
    return {
        Record.PATIENT: [history.patient],
        Record.TBE_STUDY: history.studies,
        Record.PROCEDURE: history.procedures,
        Record.MANOMETRY: history.manometry,
        Record.ENDOSCOPY: history.endoscopy,
        Record.ECKARDT: history.eckardt,
    }[record]


def test_summary_report_chart_and_cohort_say_every_code(coded_clinic: Clinic) -> None:
    histories = load_all_histories(coded_clinic)
    settings = InterpretationSettings()
    today = dt.date(2026, 12, 1)
    for history in histories:
        summary = summarize(history, settings, today=today)
        json.dumps(summary_to_json(summary))
        timeline = " | ".join(e.text for e in summary.timeline)
        procedure = history.procedures[0]
        assert str(wording.procedure_line(procedure)) in timeline
        blocks = report_content(
            summary, clinic_name="Clínica", generated=dt.datetime(2026, 12, 1), chart_captions=chart_captions()
        )
        html = to_html(blocks)
        assert procedure.procedure_type.label in html
        data = build_chart_data(summary)
        assert [m.title for m in data.markers] == [str(wording.procedure_title(procedure, short=True))]
    rows = cohort_rows(coded_clinic, today=today)
    assert len(rows) == len(CASES)
    stats = procedure_statistics(rows)
    assert {s.procedure_type for s in stats} >= set(ProcedureType)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_the_editor_shows_and_gives_back_every_code(qtbot: Any, case: tuple[fields.Field, Any]) -> None:
    declared, member = case
    history = _history(0, declared, member)
    record = _records(history, declared.record)[0]
    record = dataclasses.replace(record, id=1)
    editor = editor_class(declared.record.value)(record, save=lambda r: r, birth_date=history.patient.birth_date)
    qtbot.addWidget(editor)
    read, errors = editor.read()
    assert errors == []
    assert getattr(read, declared.name) == member
    if isinstance(read, Procedure):
        for name in ("myotomy_length_cm", "knife", "balloon_diameter_mm", "botox_units"):
            shown = fields.procedure(name).shown_for(read.procedure_type)
            assert editor.field(name).isVisibleTo(editor) == shown, name
