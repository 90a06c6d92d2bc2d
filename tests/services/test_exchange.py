"""Import and export of the exchange tables on real databases (SQLite file and PostgreSQL): round trips, every kind
of malformed file, duplicates, all-or-nothing, cancel."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import PatientHistory
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, populate_demo, seed_case, synthetic_cohort
from barium_tracker.services.exchange import (
    ImportFailed,
    ImportProblem,
    export_tables,
    import_files,
    preview,
    read_import_files,
)
from barium_tracker.services.exchange.tables import CellReader, Column
from barium_tracker.services.patients import count_patients, load_all_histories, load_history
from barium_tracker.services.progress import Cancelled
from barium_tracker.services.records import save_histories, save_history

TODAY = dt.date(2026, 11, 24)
STUDIES_HEADER = "mrn,family_name,given_name,birth_date,sex,diagnosis,study_date,barium_volume_ml,height_1min_cm,width_1min_cm,height_5min_cm,width_5min_cm,notes"  # noqa: E501
_SKIP = {"id", "version", "meta", "patient_id"}


def _clean(record: Any) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(record).items() if k not in _SKIP}


def exchanged(history: PatientHistory) -> dict[str, Any]:
    """A history as the exchange tables carry it: everything but ids, bookkeeping, manometry and endoscopy."""
    return {
        "patient": _clean(history.patient),
        "studies": [_clean(s) for s in history.studies],
        "procedures": [_clean(p) for p in history.procedures],
        "eckardt": [_clean(e) for e in history.eckardt],
    }


def _by_mrn(clinic: Clinic) -> dict[str, dict[str, Any]]:
    return {h.patient.mrn: exchanged(h) for h in load_all_histories(clinic)}


def _db_counts(clinic: Clinic) -> dict[str, int]:
    histories = load_all_histories(clinic)
    return {
        "patients": len(histories),
        "studies": sum(len(h.studies) for h in histories),
        "procedures": sum(len(h.procedures) for h in histories),
        "eckardt": sum(len(h.eckardt) for h in histories),
    }


def _audit_count(clinic: Clinic) -> int:
    from sqlalchemy import func, select

    from barium_tracker.storage.models import AuditEventRow

    with clinic.db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEventRow)) or 0


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _problems(excinfo: pytest.ExceptionInfo[ImportFailed]) -> list[ImportProblem]:
    return excinfo.value.problems


@pytest.fixture
def other_clinic(tmp_path: Path) -> Any:
    with Clinic.open(tmp_path / "other.sqlite3") as opened:
        yield opened


# --- round trips ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_seed_case_and_cohort(any_clinic: Clinic, other_clinic: Clinic, tmp_path: Path, fmt: str) -> None:
    populate_demo(any_clinic, cohort_size=25)
    # A patient with no study, a note that looks like a formula, odd minutes and a time of day.
    lonely = seed_case()
    lonely.patient.mrn, lonely.patient.notes = "LONE-1", "=not a formula; líneas\nseveral"
    lonely.studies = []
    lonely.procedures[0].notes = '+3 cm; "quoted", commas; semicolons'
    save_history(any_clinic, lonely, source="test")
    odd = seed_case()
    odd.patient.mrn = "ODD-1"
    odd.studies[0].study_time = dt.time(9, 30)
    odd.studies[0].measurements[0].width_cm = Decimal("3.25")
    odd.studies[1].measurements.append(type(odd.studies[1].measurements[0])(minute=10, height_cm=Decimal(0)))
    save_history(any_clinic, odd, source="test")
    before = _by_mrn(any_clinic)

    destination = tmp_path / ("export" if fmt == "csv" else "export.xlsx")
    files = export_tables(any_clinic, destination, fmt=fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        assert [f.name for f in files] == ["patients.csv", "studies.csv", "procedures.csv", "eckardt.csv"]
        assert not list(destination.glob(".*partial"))
    else:
        assert files == [destination]
        assert load_workbook(destination).sheetnames == ["patients", "studies", "procedures", "eckardt"]

    report = import_files(other_clinic, files, today=TODAY)
    assert report.patients_created == len(before)
    after = _by_mrn(other_clinic)
    assert after.keys() == before.keys()
    for mrn, history in before.items():
        assert after[mrn] == history, mrn
    assert after["LONE-1"]["patient"]["notes"] == "=not a formula; líneas\nseveral"
    assert after["ODD-1"]["studies"][1]["measurements"][-1] == {
        "minute": 10,
        "height_cm": 0,
        "width_cm": None,
        "traced_area_cm2": None,  # measured on a film only: never exchanged
        "height_source": "typed",
        "width_source": "typed",
        "calibration": None,
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_synthetic_cohort_on_sqlite(clinic: Clinic, other_clinic: Clinic, tmp_path: Path, fmt: str) -> None:
    save_histories(clinic, synthetic_cohort(120, seed=7), source="test")
    before = _by_mrn(clinic)
    target = tmp_path / ("out" if fmt == "csv" else "out.xlsx")
    files = export_tables(clinic, target, fmt=fmt)  # type: ignore[arg-type]
    import_files(other_clinic, files, today=TODAY)
    assert _by_mrn(other_clinic) == before


def test_export_selected_mrns(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, cohort_size=3)
    files = export_tables(clinic, tmp_path / "one", fmt="csv", mrns=[SEED_MRN])
    studies = files[1].read_text(encoding="utf-8-sig").splitlines()
    assert len(studies) == 3 and all(line.startswith(SEED_MRN) for line in studies[1:])


def test_reimport_changes_nothing(any_clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(any_clinic, cohort_size=5)
    files = export_tables(any_clinic, tmp_path / "out", fmt="csv")
    counts, audit = _db_counts(any_clinic), _audit_count(any_clinic)
    report = import_files(any_clinic, files, today=TODAY)
    assert report.nothing_new and report.patients_created == 0
    assert report.tables["studies"].duplicates == counts["studies"] and report.tables["studies"].new == 0
    assert "Nothing new" in report.summary_lines()[-1]
    assert _db_counts(any_clinic) == counts
    assert _audit_count(any_clinic) == audit  # documented: a re-import writes no audit event


def test_import_writes_stamps_and_audit(any_clinic: Clinic, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "studies.csv",
        STUDIES_HEADER + '\nP-1,Pérez,Ana,1980-01-02,F,achalasia type II,2025-06-09,200,10,4,"2,7",3,pre\n',
    )
    any_clinic.user = "dr.paz"
    report = import_files(any_clinic, [path], today=TODAY)
    assert (report.patients_created, report.tables["studies"].new) == (1, 1)
    history = load_history(any_clinic, mrn="P-1")
    assert history.patient.meta.created_by == "dr.paz" and history.studies[0].meta.updated_by == "dr.paz"
    assert history.studies[0].height_at(5) == Decimal("2.7")
    assert history.patient.version == 1
    from barium_tracker.services.records import audit_trail

    trail = audit_trail(any_clinic, history.patient.id)  # type: ignore[arg-type]
    assert [(e["action"], e["entity"]) for e in trail] == [("import", "patient")]
    assert trail[0]["changes"]["files"] == ["studies.csv"] and trail[0]["changes"]["tbe_studies"] == 1


# --- what clinics write --------------------------------------------------------------------------------------------


def test_semicolon_and_decimal_comma_windows_1252(any_clinic: Clinic, tmp_path: Path) -> None:
    text = (
        "MRN;Family_Name;Given_Name;Birth_Date;Sex;Diagnosis;Study_Date;Barium_Volume_ml;Height_1min_cm;"
        "Width_1min_cm;Height_5min_cm;Width_5min_cm;Notes\r\n"
        "P-2;Núñez Pérez;José Ángel;02/01/1980;M;achalasia_type_i;09/06/2025;200;14,5;4,2;2,7;3,9;señal\r\n"
    )
    path = _write(tmp_path / "export de la clínica.csv", text, "cp1252")
    report = import_files(any_clinic, [path], day_first=True, today=TODAY)
    assert report.tables["studies"].new == 1
    history = load_history(any_clinic, mrn="P-2")
    assert (history.patient.family_name, history.patient.given_name) == ("Núñez Pérez", "José Ángel")
    assert history.patient.birth_date == dt.date(1980, 1, 2)
    study = history.studies[0]
    assert study.study_date == dt.date(2025, 6, 9) and study.notes == "señal"
    assert (study.at(1).height_cm, study.at(1).width_cm, study.height_at(5)) == (  # type: ignore[union-attr]
        Decimal("14.5"),
        Decimal("4.2"),
        Decimal("2.7"),
    )
    source = read_import_files([path])
    assert "Windows-1252" in source.tables[0].describe() and "semicolon" in source.tables[0].describe()


def test_tab_separated_with_bom_and_uppercase_headers(clinic: Clinic, tmp_path: Path) -> None:
    text = "\ufeffMRN\tFAMILY NAME\tGIVEN-NAME\tSTUDY_DATE\tHEIGHT_5MIN_CM\n" + "P-3\tRojas\tLuz\t2025-01-31\t3.5\n"
    path = _write(tmp_path / "tbe.tsv", text)
    report = import_files(clinic, [path], today=TODAY)
    assert report.tables["studies"].new == 1
    assert load_history(clinic, mrn="P-3").studies[0].height_at(5) == Decimal("3.5")


def test_procedures_and_eckardt_for_a_known_patient(any_clinic: Clinic, tmp_path: Path) -> None:
    save_history(any_clinic, seed_case(), source="test")
    procedures = _write(
        tmp_path / "procedures.csv",
        "mrn,procedure_date,procedure_type,rescue,access,myotomy_length_cm,fundoplication,balloon_diameter_mm,"
        "botox_units,duration_min,complications,notes\n"
        f"{SEED_MRN},2026-01-05,Balloon dilation,no,,,,35,,20,mild,graded\n"
        f"{SEED_MRN},2026-02-05,botulinum_toxin,yes,,,,,100,15,,\n",
    )
    eckardt = _write(
        tmp_path / "symptoms.csv",
        "mrn,assessment_date,dysphagia,regurgitation,retrosternal_pain,weight_loss\n"
        + f"{SEED_MRN},2026-03-01,1,1,0,0\n",
    )
    report = import_files(any_clinic, [procedures, eckardt], today=TODAY)
    assert (report.tables["procedures"].new, report.tables["eckardt"].new, report.patients_created) == (2, 1, 0)
    history = load_history(any_clinic, mrn=SEED_MRN)
    dilation = next(p for p in history.procedures if p.procedure_date == dt.date(2026, 1, 5))
    assert dilation.procedure_type is ProcedureType.BALLOON_DILATION and dilation.balloon_diameter_mm == 35
    assert dilation.complication_grade.value == "mild" and dilation.duration_min == 20
    assert history.eckardt[-1].total == 2


def test_xlsx_with_real_date_and_numeric_cells_detected_by_headers(clinic: Clinic, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hoja1"  # not a table name: the headers tell
    sheet.append(["MRN", "Family name", "Given name", "Birth date", "Study date", "Height 5min cm", "width_5min_cm"])
    sheet.append(["X-1", "Flores", "Rosa", dt.datetime(1975, 3, 4), dt.datetime(2025, 2, 3), 2.7, 4])
    sheet.append([12345, "Torres", "Inés", dt.date(1990, 1, 1), dt.date(2025, 2, 4), 12, 3.25])
    path = tmp_path / "clinic.xlsx"
    workbook.save(path)
    report = import_files(clinic, [path], today=TODAY)
    assert report.tables["studies"].new == 2
    first = load_history(clinic, mrn="X-1")
    assert first.patient.birth_date == dt.date(1975, 3, 4) and first.studies[0].study_date == dt.date(2025, 2, 3)
    assert first.studies[0].height_at(5) == Decimal("2.7") and first.studies[0].at(5).width_cm == 4  # type: ignore[union-attr]
    assert isinstance(first.studies[0].height_at(5), Decimal)
    assert load_history(clinic, mrn="12345").studies[0].at(5).width_cm == Decimal("3.25")  # type: ignore[union-attr]


def test_mapping_and_unknown_columns(clinic: Clinic, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "studies.csv",
        "Historia,Apellidos,Nombres,Fecha,H5,Comentario libre\nH-9,Chávez,Diego,2025-05-05,6.5,x\n",
    )
    with pytest.raises(ImportFailed):  # without a mapping there is no MRN and no date
        import_files(clinic, [path], today=TODAY)
    mapping = {"historia": "mrn", "Apellidos": "family_name", "Nombres": "given_name", "FECHA": "study_date"}
    mapping["H5"] = "height_5min_cm"
    source = read_import_files([path], mapping=mapping)
    shown = preview(source)
    assert shown[0].table == "studies" and shown[0].unknown_columns == ["Comentario libre"]
    assert shown[0].rows == [["H-9", "Chávez", "Diego", "2025-05-05", "6.5", "x"]]
    report = import_files(clinic, [path], mapping=mapping, today=TODAY)
    assert report.unknown_columns == {"studies.csv": ["Comentario libre"]}
    assert any("Comentario libre" in line for line in report.summary_lines())
    assert load_history(clinic, mrn="H-9").studies[0].height_at(5) == Decimal("6.5")


# --- malformed input: every problem named, nothing written --------------------------------------------------------


def _study_line(mrn: str = "P-1", date: str = "2025-06-09", h5: str = "3", h1: str = "10") -> str:
    return f"{mrn},Pérez,Ana,1980-01-02,female,achalasia_type_ii,{date},200,{h1},4,{h5},3,\n"


def _import_error(clinic: Clinic, path: Path, **kw: Any) -> list[ImportProblem]:
    with pytest.raises(ImportFailed) as excinfo:
        import_files(clinic, [path], today=TODAY, **kw)
    return _problems(excinfo)


def test_ambiguous_date_says_how_to_choose(clinic: Clinic, tmp_path: Path) -> None:
    path = _write(tmp_path / "studies.csv", STUDIES_HEADER + "\n" + _study_line(date="03/04/2024"))
    problems = _import_error(clinic, path)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.where, problem.column, problem.value) == ("studies.csv line 2", "study_date", "03/04/2024")
    assert "use ISO 2024-04-03 or pass --day-first" in problem.reason and "ambiguous" in problem.reason
    assert "studies.csv line 2" in str(problem)
    report = import_files(clinic, [path], day_first=True, today=TODAY)
    assert report.tables["studies"].new == 1
    assert load_history(clinic, mrn="P-1").studies[0].study_date == dt.date(2024, 4, 3)


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        (_study_line(date="2025-02-30"), "study_date", "not a real date"),
        (_study_line(date="5/6/25"), "study_date", "four digits"),
        (_study_line(h5="tres"), "height_5min_cm", "is not a number"),
        (_study_line(h5="2.7.1"), "height_5min_cm", "is not a number"),
        (_study_line(h5="120"), "height_5min_cm", "Height at 5 min must be between 0 and 40 cm; you entered 120"),
        (_study_line(h1='"1,234.5"'), "height_1min_cm", "both a comma and a point"),
        (_study_line(date="2027-01-01"), "study_date", "cannot be in the future"),
        (_study_line(date="1970-01-01"), "study_date", "before the birth date"),
        ("P-1,Pérez,Ana,1980-01-02,alien,achalasia_type_ii,2025-06-09,200,10,4,3,3,\n", "sex", "female, male"),
        ("P-1,Pérez,Ana,1980-01-02,female,achalasia_type_ii,,200,10,4,3,3,\n", "study_date", "required"),
        ("P-1,Pérez,Ana,1980-01-02,female,achalasia_type_ii,2025-06-09,5,10,4,3,3,\n", "barium_volume_ml", "mL"),
    ],
)
def test_bad_cells_are_named(clinic: Clinic, tmp_path: Path, line: str, column: str, words: str) -> None:
    path = _write(tmp_path / "studies.csv", STUDIES_HEADER + "\n" + line)
    problems = _import_error(clinic, path)
    assert [(p.where, p.column) for p in problems] == [("studies.csv line 2", column)], problems
    assert words in problems[0].reason
    assert count_patients(clinic) == 0


def test_unknown_mrn_without_patient_columns(clinic: Clinic, tmp_path: Path) -> None:
    path = _write(tmp_path / "studies.csv", "mrn,study_date,height_5min_cm\nNEW-1,2025-01-01,3\n")
    problems = _import_error(clinic, path)
    assert problems[0].column == "mrn" and problems[0].value == "NEW-1"
    assert "not in the database" in problems[0].reason
    procedures = _write(tmp_path / "procedures.csv", "mrn,procedure_date,procedure_type\nNEW-2,2025-01-01,poem\n")
    assert "not in the database" in _import_error(clinic, procedures)[0].reason


def test_unknown_procedure_type(clinic: Clinic, tmp_path: Path) -> None:
    save_history(clinic, seed_case(), source="test")
    path = _write(tmp_path / "procedures.csv", f"mrn,procedure_date,procedure_type\n{SEED_MRN},2025-01-01,laser\n")
    problem = _import_error(clinic, path)[0]
    assert (problem.column, problem.value) == ("procedure_type", "laser")
    assert "poem, redo_poem, lhm" in problem.reason


def test_eckardt_out_of_range_uses_the_domain_message(clinic: Clinic, tmp_path: Path) -> None:
    save_history(clinic, seed_case(), source="test")
    path = _write(
        tmp_path / "eckardt.csv",
        f"mrn,assessment_date,dysphagia,regurgitation,retrosternal_pain,weight_loss\n{SEED_MRN},2026-01-01,4,1,1,1.5\n",
    )
    problems = _import_error(clinic, path)
    assert {(p.column, p.reason) for p in problems} == {
        ("dysphagia", "Dysphagia score must be 0, 1, 2 or 3; you entered 4"),
        ("weight_loss", "Weight loss: '1.5' is not a whole number"),
    }


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "is empty"),
        ("\n\n  \n", "is empty"),
        ("P-1,Pérez,Ana,2025-06-09,3\nP-2,Rojas,Luz,2025-06-10,4\n", "no header row"),
        ("mrn,study_date,height_5min_cm\n", "no data rows"),
        ("foo,bar\n1,2\n", "no header row"),
    ],
)
def test_empty_or_headerless_files(clinic: Clinic, tmp_path: Path, content: str, words: str) -> None:
    path = _write(tmp_path / "studies.csv", content)
    problems = _import_error(clinic, path)
    assert any(words in p.reason for p in problems), problems


def test_unknown_table(clinic: Clinic, tmp_path: Path) -> None:
    path = _write(tmp_path / "data.csv", "mrn,notes\nP-1,x\n")
    assert "not one of the exchange tables" in _import_error(clinic, path)[0].reason


def test_damaged_xlsx(clinic: Clinic, tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    workbook = Workbook()
    workbook.active.append(["mrn", "study_date"])
    workbook.save(good)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    problem = _import_error(clinic, damaged)[0]
    assert problem.where == "damaged.xlsx" and "not a readable XLSX" in problem.reason
    fake = _write(tmp_path / "fake.xlsx", "this is not a workbook")
    assert "not a readable XLSX" in _import_error(clinic, fake)[0].reason


def test_conflicting_duplicates(any_clinic: Clinic, tmp_path: Path) -> None:
    save_history(any_clinic, seed_case(), source="test")
    # Same key twice in one file with different heights; and one against the stored seed study (12 cm at 5 min).
    in_file = _write(
        tmp_path / "studies.csv",
        "mrn,family_name,study_date,height_5min_cm\nA-1,Ríos,2025-01-01,3\nA-1,,2025-01-01,4\n"
        f"{SEED_MRN},,2025-06-09,11\n{SEED_MRN},,2025-06-09,12\n",
    )
    problems = _import_error(any_clinic, in_file)
    assert [(p.where, p.column, p.value) for p in problems] == [
        ("studies.csv line 3", "height_5min_cm", "4"),
        ("studies.csv line 4", "height_5min_cm", "11"),
        ("studies.csv line 5", "height_5min_cm", "12"),
    ]
    assert "studies.csv line 2" in problems[0].reason
    assert "conflicts with the stored TBE study" in problems[1].reason and "'12' there" in problems[1].reason
    assert "studies.csv line 4" in problems[2].reason
    assert count_patients(any_clinic) == 1
    patient = _write(tmp_path / "patients.csv", f"mrn,family_name\n{SEED_MRN},Otro\n")
    problem = _import_error(any_clinic, patient)[0]
    assert problem.column == "family_name" and "Quispe Huamán" in problem.reason


def test_one_bad_row_among_many_writes_nothing(any_clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(any_clinic, cohort_size=3)
    before = _db_counts(any_clinic), _audit_count(any_clinic)
    lines = [STUDIES_HEADER] + [_study_line(mrn=f"N-{i}", h5="3") for i in range(300)]
    lines[151] = _study_line(mrn="N-150", h5="41")
    path = _write(tmp_path / "studies.csv", "\n".join(line.rstrip("\n") for line in lines) + "\n")
    problems = _import_error(any_clinic, path)
    assert [(p.where, p.column) for p in problems] == [("studies.csv line 152", "height_5min_cm")]
    assert (_db_counts(any_clinic), _audit_count(any_clinic)) == before


def test_dry_run_validates_and_writes_nothing(any_clinic: Clinic, tmp_path: Path) -> None:
    path = _write(tmp_path / "studies.csv", STUDIES_HEADER + "\n" + _study_line())
    report = import_files(any_clinic, [path], dry_run=True, today=TODAY)
    assert report.dry_run and report.patients_created == 1 and report.tables["studies"].new == 1
    assert "would add" in report.summary_lines()[1]
    assert count_patients(any_clinic) == 0 and _audit_count(any_clinic) == 0


def test_cancel_rolls_back_the_import(any_clinic: Clinic, tmp_path: Path) -> None:
    lines = [STUDIES_HEADER] + [_study_line(mrn=f"N-{i}").rstrip("\n") for i in range(50)]
    path = _write(tmp_path / "studies.csv", "\n".join(lines) + "\n")
    stages: list[str] = []

    def cancel_while_saving(done: int, total: int | None, stage: str) -> None:
        stages.append(stage)
        if stage == "Saving" and done > 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_files(any_clinic, [path], progress=cancel_while_saving, today=TODAY)
    assert "Reading rows" in stages and "Saving" in stages
    assert count_patients(any_clinic) == 0 and _audit_count(any_clinic) == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cancel_removes_partial_export_files(clinic: Clinic, tmp_path: Path, fmt: str) -> None:
    populate_demo(clinic, cohort_size=5)
    calls: list[str] = []

    def cancel_late(done: int, total: int | None, stage: str) -> None:
        calls.append(stage)
        if "eckardt" in stage:
            raise Cancelled()

    target = tmp_path / ("out" if fmt == "csv" else "out.xlsx")
    with pytest.raises(Cancelled):
        export_tables(clinic, target, fmt=fmt, progress=cancel_late)  # type: ignore[arg-type]
    leftovers = sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".sqlite3")
    assert [name for name in leftovers if not name.startswith("clinic.sqlite3")] == []


# --- reading numbers -----------------------------------------------------------------------------------------------

_HEIGHT = Column(name="height_5min_cm", kind="decimal", field="height_cm", label="Height")


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=0, max_value=40, places=2, allow_nan=False, allow_infinity=False))
def test_decimal_comma_and_point_round_trip(value: Decimal) -> None:
    reader = CellReader()
    text = format(value, "f")
    assert reader.read(_HEIGHT, text) == value
    assert reader.read(_HEIGHT, text.replace(".", ",")) == value
    assert isinstance(reader.read(_HEIGHT, float(text)), Decimal)
    assert reader.read(_HEIGHT, float(text)) == value


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_iso_and_day_first(day: dt.date) -> None:
    column = Column(name="study_date", kind="date", field="study_date", label="Study date")
    assert CellReader().read(column, day.isoformat()) == day
    assert CellReader(day_first=True).read(column, f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert CellReader(day_first=True).read(column, f"{day.day}.{day.month}.{day.year}") == day
