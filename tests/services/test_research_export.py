"""Research export on real databases: no identifier in any file, stable keyed pseudonyms, relative days, top-coded
ages, an audit record for every completed export and none for a cancelled one.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from barium_tracker.domain.enums import ComplicationGrade, ProcedureType, Sex
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, populate_demo, seed_case
from barium_tracker.services.patients import load_all_histories
from barium_tracker.services.progress import Cancelled
from barium_tracker.services.records import save_history
from barium_tracker.services.research_export import (
    FILES,
    SECRET_KEY,
    pseudonym,
    pseudonym_for,
    pseudonym_secret,
    write_research_export,
)
from barium_tracker.storage.models import AuditEventRow, ClinicSettingRow

PSEUDONYM = re.compile(r"P-[A-Z2-7]{12}")
ALL_FILES = {*FILES, "dictionary.csv", "README.txt"}

# A 93-year-old with identifying free text everywhere it can go, and two patients without a procedure.
ELDER = PatientHistory(
    patient=Patient(
        mrn="HC-778812",
        family_name="Zevallos Cárdenas",
        given_name="Eustaquia",
        birth_date=dt.date(1931, 3, 4),
        sex=Sex.FEMALE,
        notes="Lives alone in Barranco, daughter phones weekly",
    ),
    procedures=[
        Procedure(
            procedure_date=dt.date(2024, 8, 20),
            procedure_type=ProcedureType.BOTULINUM_TOXIN,
            botox_units=Decimal("100"),
            botox_sites=4,
            operator="Dra. Villanueva",
            anaesthesia="Sedation with propofol",
            complication_grade=ComplicationGrade.MILD,
            complication_text="Transient retrosternal burning",
            notes="Frail; family declined POEM",
        )
    ],
    studies=[
        TbeStudy(
            study_date=dt.date(2024, 8, 1),
            barium_volume_ml=Decimal("150"),
            barium_type="Brand Xylobar 45",
            notes="Aspiration risk, small sips",
            measurements=[ColumnMeasurement(minute=1, height_cm=Decimal("8.4"), width_cm=Decimal("3.1"))],
        )
    ],
)
NO_PROCEDURE = PatientHistory(
    patient=Patient(mrn="HC-100200", family_name="Ticona", given_name="Wilfredo", birth_date=dt.date(1980, 12, 25)),
    eckardt=[
        EckardtAssessment(
            assessment_date=dt.date(2023, 1, 5),
            dysphagia=2,
            regurgitation=2,
            retrosternal_pain=1,
            weight_loss=0,
            notes="Referred by gastro clinic Callao",
        )
    ],
    endoscopy=[Endoscopy(exam_date=dt.date(2023, 2, 9), findings="Dilated tortuous oesophagus with food residue")],
)
NO_EVENTS = PatientHistory(patient=Patient(mrn="HC-300400", family_name="Yupanqui", given_name="Rosalinda"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def date_forms(day: dt.date) -> set[str]:
    """A date as it could be written: ISO, compact, d/m/Y and m/d/Y with and without leading zeros, and with dashes."""
    forms = {day.isoformat(), day.strftime("%Y%m%d")}
    for d, m in ((f"{day.day:02d}", f"{day.month:02d}"), (str(day.day), str(day.month))):
        for sep in ("/", "-", "."):
            forms.add(f"{d}{sep}{m}{sep}{day.year}")
            forms.add(f"{m}{sep}{d}{sep}{day.year}")
    return forms


def identifiers(clinic: Clinic) -> tuple[set[str], set[str], set[str]]:
    """(exact strings, words to find as whole words case-insensitively, free texts) held in the database."""
    exact: set[str] = set()
    words: set[str] = set()
    texts: set[str] = set()
    for h in load_all_histories(clinic):
        p = h.patient
        exact.add(p.mrn)
        for name in (p.family_name, p.given_name):
            if name:
                words.add(name)
                words.update(part for part in name.split() if len(part) >= 3)
        if p.birth_date is not None:
            exact.update(date_forms(p.birth_date))
        events = [*h.studies, *h.procedures, *h.eckardt, *h.manometry, *h.endoscopy]
        dates = [p.diagnosis_date, *(getattr(e, f) for e in events for f in ("study_date", "procedure_date",
                 "assessment_date", "exam_date") if hasattr(e, f))]  # fmt: skip
        exact.update(d.isoformat() for d in dates if d is not None)
        free = [p.notes, *(getattr(e, f, "") for e in events for f in ("notes", "findings", "complication_text",
                "operator", "knife", "anaesthesia", "barium_type", "system"))]  # fmt: skip
        texts.update(t for t in free if len(t.strip()) >= 6)
    return exact, words, texts


def export_texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def exports_in_audit(clinic: Clinic) -> list[AuditEventRow]:
    with clinic.db.session() as session:
        rows = session.scalars(select(AuditEventRow).where(AuditEventRow.action == "export")).all()
        session.expunge_all()
        return list(rows)


@pytest.fixture
def cohort_clinic(any_clinic: Clinic) -> Clinic:
    populate_demo(any_clinic, 30)
    for history in (ELDER, NO_PROCEDURE, NO_EVENTS):
        save_history(any_clinic, history, source="test")
    return any_clinic


# -- the main tests (SQLite and PostgreSQL) -------------------------------------------------------------------------


def test_no_identifier_of_the_database_appears_in_any_file(cohort_clinic: Clinic, tmp_path: Path) -> None:
    report = write_research_export(cohort_clinic, tmp_path / "export")
    texts = export_texts(report.destination)
    assert set(texts) == ALL_FILES
    assert {p.name for p in report.files} == ALL_FILES
    exact, words, free = identifiers(cohort_clinic)
    assert SEED_MRN in exact and "2009-11-02" in exact and "02/11/2009" in exact and "11/2/2009" in exact
    assert "Quispe Huamán" in words and "Mateo" in words and "Eustaquia" in words
    assert "Lives alone in Barranco, daughter phones weekly" in free and "Dra. Villanueva" in free
    assert len(exact) > 100 and len(free) > 10
    secret = pseudonym_secret(cohort_clinic).hex()
    for name, text in texts.items():
        folded = text.casefold()
        for value in exact:
            assert value not in text, f"{value!r} found in {name}"
        for word in words:
            assert not re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", folded), f"{word!r} found in {name}"
        for value in free:
            assert value.strip().casefold() not in folded, f"free text {value!r} found in {name}"
        assert secret not in folded
        assert "DEMO-" not in text and "SYN-" not in text and "HC-" not in text


def test_seed_case_days_and_ages(cohort_clinic: Clinic, tmp_path: Path) -> None:
    folder = write_research_export(cohort_clinic, tmp_path / "export").destination
    alias = pseudonym(cohort_clinic, SEED_MRN)
    assert PSEUDONYM.fullmatch(alias)

    def mine(name: str) -> list[dict[str, str]]:
        return [row for row in read_csv(folder / name) if row["pseudonym"] == alias]

    (patient,) = mine("patients.csv")
    assert patient == {
        "pseudonym": alias,
        "sex": "male",
        "diagnosis": "achalasia_type_ii",
        "anchor": "first_procedure",
        "age_at_anchor_years": "15",
        "diagnosis_day": str((dt.date(2021, 5, 20) - dt.date(2025, 2, 10)).days),
        "studies": "2",
        "procedures": "3",
        "eckardt_scores": "2",
        "manometries": "1",
        "endoscopies": "1",
    }
    procedures = mine("procedures.csv")
    assert [(r["procedure_seq"], r["day"], r["age_years"], r["procedure_type"]) for r in procedures] == [
        ("1", "0", "15", "lhm"),
        ("2", "91", "15", "balloon_dilation"),
        ("3", "120", "15", "poem"),
    ]
    poem = procedures[2]
    assert (poem["rescue"], poem["poem_access"], poem["myotomy_length_cm"], poem["gastric_myotomy_length_cm"]) == (
        "1",
        "posterior",
        "10",
        "3",
    )
    assert (poem["duration_min"], poem["length_of_stay_days"], poem["complication_grade"]) == ("44", "5", "none")
    studies = mine("studies.csv")
    assert [(r["study_seq"], r["day"], r["age_years"], r["minute"], r["height_cm"]) for r in studies] == [
        ("1", "119", "15", "5", "12"),
        ("2", "150", "15", "5", "2.7"),
    ]
    assert [(r["day"], r["age_years"], r["total"]) for r in mine("eckardt.csv")] == [
        ("119", "15", "12"),
        ("485", "16", "2"),
    ]
    (manometry,) = mine("manometry.csv")
    assert (manometry["day"], manometry["irp_supine_mmhg"], manometry["subtype"]) == ("119", "33", "achalasia_type_ii")
    (endoscopy,) = mine("endoscopy.csv")
    assert (endoscopy["day"], endoscopy["age_years"], endoscopy["les_opening"], endoscopy["oesophagitis"]) == (
        "303",
        "16",
        "easy",
        "none",
    )


def test_pseudonyms_are_stable_and_keyed_by_the_database(cohort_clinic: Clinic, tmp_path: Path) -> None:
    first = read_csv(write_research_export(cohort_clinic, tmp_path / "one").destination / "patients.csv")
    second = read_csv(write_research_export(cohort_clinic, tmp_path / "two").destination / "patients.csv")
    assert first == second
    aliases = [row["pseudonym"] for row in first]
    assert len(aliases) == len(set(aliases)) == 34
    assert all(PSEUDONYM.fullmatch(a) for a in aliases)
    assert aliases == sorted(aliases)  # row order says nothing about the database
    with cohort_clinic.db.session() as session:
        stored = session.get(ClinicSettingRow, SECRET_KEY)
        assert stored is not None and len(bytes.fromhex(stored.value)) == 32
    # Another database, the same patient under the same id: another secret, another pseudonym.
    with Clinic.open(tmp_path / "other.sqlite3") as other:
        save_history(other, seed_case(), source="test")
        assert pseudonym_secret(other) != pseudonym_secret(cohort_clinic)
        theirs = pseudonym(other, SEED_MRN)
        assert PSEUDONYM.fullmatch(theirs)
        assert theirs not in aliases
        seed_id = next(h.patient.id for h in load_all_histories(cohort_clinic) if h.patient.mrn == SEED_MRN)
        assert pseudonym(cohort_clinic, SEED_MRN) == pseudonym(cohort_clinic, seed_id) in aliases
        assert pseudonym_for(pseudonym_secret(cohort_clinic), seed_id) == pseudonym(cohort_clinic, seed_id)


def test_anchors_ages_and_top_coding(cohort_clinic: Clinic, tmp_path: Path) -> None:
    folder = write_research_export(cohort_clinic, tmp_path / "export").destination
    patients = {row["pseudonym"]: row for row in read_csv(folder / "patients.csv")}
    elder = patients[pseudonym(cohort_clinic, "HC-778812")]
    assert (elder["anchor"], elder["age_at_anchor_years"], elder["diagnosis_day"]) == ("first_procedure", "90+", "")
    elder_study = next(r for r in read_csv(folder / "studies.csv") if r["pseudonym"] == elder["pseudonym"])
    assert (elder_study["day"], elder_study["age_years"]) == ("-19", "90+")
    assert (elder_study["height_cm"], elder_study["width_cm"], elder_study["area_cm2"]) == ("8.4", "3.1", "26.04")
    assert not any(r["area_cm2"].endswith("0") and "." in r["area_cm2"] for r in read_csv(folder / "studies.csv"))
    (botox,) = [r for r in read_csv(folder / "procedures.csv") if r["pseudonym"] == elder["pseudonym"]]
    assert (botox["botox_units"], botox["botox_sites"], botox["complication_grade"]) == ("100", "4", "mild")

    none = patients[pseudonym(cohort_clinic, "HC-100200")]
    assert (none["anchor"], none["age_at_anchor_years"]) == ("first_event", "42")
    (score,) = [r for r in read_csv(folder / "eckardt.csv") if r["pseudonym"] == none["pseudonym"]]
    (egd,) = [r for r in read_csv(folder / "endoscopy.csv") if r["pseudonym"] == none["pseudonym"]]
    assert (score["day"], score["total"], egd["day"], egd["residue"]) == ("0", "5", "35", "0")

    empty = patients[pseudonym(cohort_clinic, "HC-300400")]
    assert (empty["anchor"], empty["age_at_anchor_years"], empty["studies"]) == ("none", "", "0")


def test_export_is_audited_and_cancel_records_nothing(cohort_clinic: Clinic, tmp_path: Path) -> None:
    cohort_clinic.user = "research.nurse"

    def cancel_while_writing(done: int, total: int | None, stage: str) -> None:
        if stage == "Writing files" and done == 3:
            raise Cancelled()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        write_research_export(cohort_clinic, out / "export", progress=cancel_while_writing)
    assert list(out.iterdir()) == []
    assert exports_in_audit(cohort_clinic) == []

    calls: list[tuple[int, int | None, str]] = []
    report = write_research_export(cohort_clinic, out / "export", progress=lambda d, t, s: calls.append((d, t, s)))
    assert [(d, t) for d, t, s in calls if s == "Removing identifiers"] == [(i, 34) for i in range(35)]
    assert report.patients == 34
    assert report.rows["patients.csv"] == 34
    assert report.rows["procedures.csv"] == len(read_csv(out / "export" / "procedures.csv"))
    (row,) = exports_in_audit(cohort_clinic)
    assert (row.user_name, row.entity, row.patient_id) == ("research.nurse", "research_export", None)
    assert row.changes["format"] == "research-csv"
    assert row.changes["patients"] == 34
    assert row.changes["destination"] == str((out / "export").resolve())
    assert row.changes["filter"] is None
    assert set(row.changes["files"]) == ALL_FILES
    assert row.changes["rows"] == report.rows


# -- SQLite only: details -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["Reading patients", "Removing identifiers", "Writing files"])
def test_cancel_at_any_stage_leaves_nothing(clinic: Clinic, tmp_path: Path, stage: str) -> None:
    populate_demo(clinic, 3)
    out = tmp_path / "out"
    (out / "export").mkdir(parents=True)  # an empty folder chosen beforehand stays as it was

    def cancel(done: int, total: int | None, name: str) -> None:
        if name == stage and (done >= 2 or total is None):
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_research_export(clinic, out / "export", progress=cancel)
    assert [p.name for p in out.iterdir()] == ["export"]
    assert list((out / "export").iterdir()) == []
    assert exports_in_audit(clinic) == []


def test_mrn_filter_and_destination_rules(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, 3)
    report = write_research_export(clinic, tmp_path / "seed", mrns=[SEED_MRN])
    assert report.patients == 1
    (patient,) = read_csv(report.destination / "patients.csv")
    assert patient["pseudonym"] == pseudonym(clinic, SEED_MRN)
    assert {r["pseudonym"] for r in read_csv(report.destination / "studies.csv")} == {patient["pseudonym"]}
    (row,) = exports_in_audit(clinic)
    assert row.changes["filter"] == {"mrns": [SEED_MRN]}

    with pytest.raises(UserError):  # never mixes with (or overwrites) an earlier export
        write_research_export(clinic, tmp_path / "seed")
    (tmp_path / "empty").mkdir()
    assert write_research_export(clinic, tmp_path / "empty").patients == 4
    with pytest.raises(NotFound):
        write_research_export(clinic, tmp_path / "nobody", mrns=["NO-SUCH"])
    assert not (tmp_path / "nobody").exists()
    with pytest.raises(NotFound):
        pseudonym(clinic, "NO-SUCH")


def test_the_dictionary_describes_every_column(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, 2)
    folder = write_research_export(clinic, tmp_path / "export").destination
    described = {(r["file"], r["column"]) for r in read_csv(folder / "dictionary.csv")}
    for name in FILES:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert {(name, column) for column in header} <= described
    assert all(r["description"] for r in read_csv(folder / "dictionary.csv"))
    assert "90+" in (folder / "README.txt").read_text(encoding="utf-8")
