"""The data commands end to end: the seed case through import -> summary -> report -> FHIR, and their user errors.

Each command runs in-process through ``main`` on real SQLite files; user errors exit 2 with the message on stderr
and leave the database as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from barium_tracker.cli import main
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, seed_case
from barium_tracker.services.records import save_history

TABLES = ("patient", "tbe_study", "column_measurement", "procedure", "eckardt_assessment", "audit_event")


def _counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # fixed table names
            for table in TABLES
        }


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """pytest-qt's QApplication, made before ``report`` would make a QGuiApplication of its own: widget tests that
    run later in the same process need a QApplication (a QWidget on a QGuiApplication aborts). The command's own
    QGuiApplication is tested in a fresh process (test_report_in_a_fresh_process_makes_its_own_application)."""


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.sqlite3"
    with Clinic.open(path) as clinic:
        save_history(clinic, seed_case(), source="test", today=dt.date(2026, 11, 24))
    return path


def test_seed_case_through_export_import_summary_report_and_fhir(seed_db: Path, tmp_path: Path, capsys) -> None:
    from fhir.resources.R4B.bundle import Bundle

    tables = tmp_path / "tables"
    assert main(["--db", str(seed_db), "export", "--format", "csv", "-o", str(tables)]) == 0
    assert sorted(p.name for p in tables.iterdir()) == ["eckardt.csv", "patients.csv", "procedures.csv", "studies.csv"]

    fresh = tmp_path / "fresh.sqlite3"
    files = [str(p) for p in sorted(tables.iterdir())]
    assert main(["--db", str(fresh), "import", *files, "--dry-run"]) == 0
    assert "Dry run (nothing written)" in capsys.readouterr().out
    assert _counts(fresh)["patient"] == 0
    assert main(["--db", str(fresh), "import", *files]) == 0
    out = capsys.readouterr().out
    assert "Patients: added 1" in out
    assert main(["--db", str(fresh), "import", *files]) == 0  # the same file again changes nothing
    assert "Nothing new" in capsys.readouterr().out

    assert main(["--db", str(fresh), "summary", SEED_MRN, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    changes = [
        change["height_change_pct"]
        for response in summary["responses"]
        for follow_up in response["follow_ups"]
        for change in follow_up["changes"]
        if change["minute"] == 5
    ]
    assert "-77.5" in [str(c) for c in changes]

    pdf = tmp_path / "seed.pdf"
    assert main(["--db", str(fresh), "report", SEED_MRN, "-o", str(pdf), "--page-size", "letter"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    bundle_path = tmp_path / "seed.json"
    assert main(["--db", str(fresh), "export", "--format", "fhir", "-o", str(bundle_path), "--mrn", SEED_MRN]) == 0
    bundle = Bundle.model_validate_json(bundle_path.read_text(encoding="utf-8"))
    heights = {
        str(component.valueQuantity.value)
        for entry in bundle.entry
        if entry.resource.get_resource_type() == "Observation"
        for component in (entry.resource.component or [])
        if component.valueQuantity is not None and component.valueQuantity.unit == "cm"
    }
    assert {"12", "2.7"} <= heights or {"12.0", "2.7"} <= heights


def test_import_problems_are_listed_with_line_and_column_and_nothing_is_written(seed_db: Path, tmp_path: Path, capsys):
    bad = tmp_path / "studies.csv"
    bad.write_text(
        "mrn;study_date;height_5min_cm\nDEMO-0001;2026-01-10;3,5\nDEMO-0001;2026-02-10;abc\n", encoding="utf-8"
    )
    before = _counts(seed_db)
    assert main(["--db", str(seed_db), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "nothing was imported" in err
    assert "line 3" in err and "height_5min_cm" in err and "abc" in err
    assert _counts(seed_db) == before


def test_ambiguous_dates_need_day_first(seed_db: Path, tmp_path: Path, capsys):
    table = tmp_path / "eckardt.csv"
    table.write_text(
        "MRN,Assessment_Date,Dysphagia,Regurgitation,Retrosternal_Pain,Weight_Loss\nDEMO-0001,03/04/2026,1,0,0,0\n",
        encoding="utf-8",
    )
    assert main(["--db", str(seed_db), "import", str(table)]) == 2
    assert "--day-first" in capsys.readouterr().err
    assert main(["--db", str(seed_db), "import", str(table), "--day-first"]) == 0
    with closing(sqlite3.connect(seed_db)) as conn:
        dates = {row[0] for row in conn.execute("SELECT assessment_date FROM eckardt_assessment")}
    assert "2026-04-03" in {str(d)[:10] for d in dates}


def test_column_mapping_from_the_command_line(seed_db: Path, tmp_path: Path, capsys):
    table = tmp_path / "eckardt.csv"
    table.write_text(
        "mrn,Fecha,dysphagia,regurgitation,retrosternal_pain,weight_loss\nDEMO-0001,2026-05-01,1,1,0,0\n",
        encoding="utf-8",
    )
    assert main(["--db", str(seed_db), "import", str(table), "--map", "Fecha"]) == 2
    assert "HEADER=COLUMN" in capsys.readouterr().err
    assert main(["--db", str(seed_db), "import", str(table), "--map", "Fecha=assessment_date"]) == 0
    assert "added 1" in capsys.readouterr().out


def test_export_csv_excel_writes_the_spreadsheet_dialect_and_imports_back(
    seed_db: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "para-excel"
    assert main(["--db", str(seed_db), "export", "--format", "csv-excel", "-o", str(folder)]) == 0
    assert f"Wrote {folder / 'studies.csv'}" in capsys.readouterr().out
    studies = (folder / "studies.csv").read_bytes()
    assert studies.startswith(b"\xef\xbb\xbfmrn;family_name;") and b";2,7;" in studies
    fresh = tmp_path / "fresh.sqlite3"
    assert main(["--db", str(fresh), "import", *map(str, sorted(folder.iterdir()))]) == 0  # no --day-first
    assert "Patients: added 1" in capsys.readouterr().out
    assert _counts(fresh) | {"audit_event": 0} == _counts(seed_db) | {"audit_event": 0}


def test_research_export_and_report_errors(seed_db: Path, tmp_path: Path, capsys):
    folder = tmp_path / "research"
    assert main(["--db", str(seed_db), "export", "--format", "research", "-o", str(folder)]) == 0
    text = "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    patient = seed_case().patient
    for identifier in (patient.mrn, patient.family_name.split()[0], patient.given_name):
        assert identifier not in text
    capsys.readouterr()
    assert main(["--db", str(seed_db), "report", "NO-SUCH-MRN", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "NO-SUCH-MRN" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_backup_and_restore_from_the_command_line(seed_db: Path, tmp_path: Path, capsys):
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(seed_db), "backup", str(copy)]) == 0
    assert "verified" in capsys.readouterr().out
    assert _counts(copy)["patient"] == 1

    assert main(["--db", str(seed_db), "backup"]) == 0  # default: backups/ beside the database
    assert len(list((seed_db.parent / "backups").glob("clinic-*-manual.sqlite3"))) == 1

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database at all" * 100)
    before = seed_db.read_bytes()
    assert main(["--db", str(seed_db), "restore", str(damaged)]) == 2
    assert "damaged" in capsys.readouterr().err
    assert seed_db.read_bytes() == before

    with Clinic.open(seed_db) as clinic:  # a change made after the backup...
        from barium_tracker.domain.records import Patient
        from barium_tracker.services.records import create_record

        create_record(clinic, Patient(mrn="LATE-1", family_name="Later", given_name="Ana"))
    assert _counts(seed_db)["patient"] == 2
    assert main(["--db", str(seed_db), "restore", str(copy)]) == 0  # ...is undone by the restore
    out = capsys.readouterr().out
    assert "replaced-by-restore" in out
    assert _counts(seed_db)["patient"] == 1
    kept = next((seed_db.parent / "backups").glob("clinic-*-replaced-by-restore.sqlite3"))
    assert _counts(kept)["patient"] == 2


def test_restore_of_a_postgresql_url_points_to_the_server_tools(capsys):
    assert main(["--db", "postgresql+psycopg://clinic@localhost/barium", "restore", "x.sqlite3"]) == 2
    assert "pg_restore" in capsys.readouterr().err


def test_report_in_a_fresh_process_makes_its_own_application(seed_db: Path, tmp_path: Path) -> None:
    """`barium-tracker report` as a headless server runs it: no display, no QApplication made beforehand."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    pdf = tmp_path / "fresh.pdf"
    completed = subprocess.run(
        [sys.executable, "-m", "barium_tracker", "--db", str(seed_db), "report", SEED_MRN, "-o", str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
