"""The first look at a SQLite file (no SQLAlchemy) against services.patients on a generated clinic; its refusals."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from barium_tracker.domain.enums import Diagnosis, ProcedureType, Sex
from barium_tracker.domain.records import Patient, Procedure, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import synthetic_cohort
from barium_tracker.services.patient_list import first_page
from barium_tracker.services.patients import count_patients, search_page
from barium_tracker.services.records import create_record, save_histories
from barium_tracker.storage import database as database_module
from barium_tracker.storage import fast_reader, schema
from tests.storage.test_database import _migrations_with_an_extra_revision

PATIENTS = 450
PAGE = 200


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic patients plus the awkward ones: accents, case, no given name, no birth date, twins by name."""
    path = tmp_path_factory.mktemp("fast") / "cohort.sqlite3"
    with Clinic.open(path) as clinic:
        save_histories(clinic, synthetic_cohort(PATIENTS), source="test")
        extra = [
            Patient(mrn="ACC-1", family_name="Pérez Núñez", given_name="Ángela", birth_date=None),
            Patient(mrn="ACC-2", family_name="perez", given_name="ana", sex=Sex.FEMALE),
            Patient(mrn="ACC-3", family_name="Abad", given_name="", diagnosis=Diagnosis.ACHALASIA_TYPE_II),
            Patient(mrn="ACC-4", family_name="Abad", given_name=""),
            Patient(mrn="ACC-5", family_name="", given_name=""),
        ]
        stored = [create_record(clinic, patient) for patient in extra]
        create_record(clinic, TbeStudy(patient_id=stored[2].id, study_date=stored[2].meta.created_at.date()))
        day = stored[3].meta.created_at.date()
        create_record(clinic, Procedure(patient_id=stored[3].id, procedure_date=day, procedure_type=ProcedureType.POEM))
    return path


@pytest.fixture
def cohort(cohort_file: Path) -> Iterator[Clinic]:
    with Clinic.open(cohort_file) as clinic:
        yield clinic


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_first_page_is_search_pages_first_page(cohort: Clinic, cohort_file: Path) -> None:
    for page_size in (PAGE, 3, PATIENTS + 5, PATIENTS + 50):
        fast = first_page(cohort_file, page_size)
        assert fast is not None
        expected = search_page(cohort, limit=page_size + 1)
        assert fast.items == expected.items[:page_size]  # same rows, same values (dates, enums), same order
        assert fast.has_more == (len(expected.items) > page_size)
        assert fast.total == count_patients(cohort) == PATIENTS + 5
        assert fast.path == cohort_file.resolve()
    assert any(item.birth_date is None for item in search_page(cohort).items)
    assert any(item.last_study_date and item.last_procedure_date for item in first_page(cohort_file, PAGE).items)


def test_it_never_writes(cohort_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    shutil.copy2(cohort_file, copy)
    before = _files(tmp_path)
    before_bytes = copy.read_bytes()
    assert first_page(copy, PAGE) is not None
    assert copy.read_bytes() == before_bytes
    after = _files(tmp_path)
    assert after["copy.sqlite3"] == before["copy.sqlite3"]
    # A WAL file opened read-only gets its (empty) -wal and shared-memory index, as with the sqlite3 shell; the
    # next read-write connection (Clinic.open) removes them when it closes.
    assert set(after) - set(before) <= {"copy.sqlite3-wal", "copy.sqlite3-shm"}
    assert after.get("copy.sqlite3-wal", (0, 0))[0] == 0
    Clinic.open(copy).close()
    assert set(_files(tmp_path)) == set(before)
    assert first_page(tmp_path / "new.sqlite3", PAGE) is None  # a missing file is not created
    assert not (tmp_path / "new.sqlite3").exists()


def test_no_target_reads_what_clinic_open_would_open(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --db: $BARIUM_TRACKER_DB, else the default file in the user data folder; the same page either way."""
    expected = first_page(cohort_file, PAGE)
    assert expected is not None
    monkeypatch.setenv("BARIUM_TRACKER_DB", str(cohort_file))
    assert first_page(None, PAGE) == expected
    monkeypatch.delenv("BARIUM_TRACKER_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert first_page(None, PAGE) is None  # no default file yet: Clinic.open creates it the ordinary way
    default = tmp_path / "data" / "barium-tracker" / "barium-tracker.sqlite3"
    default.parent.mkdir(parents=True)
    shutil.copy2(cohort_file, default)
    page = first_page(None, PAGE)
    assert page is not None and page.path == default.resolve() and page.items == expected.items


def _with_revision(source: Path, target: Path, revision: str) -> Path:
    shutil.copy2(source, target)
    with sqlite3.connect(target) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()
    return target


def test_only_this_versions_schema_is_read(cohort_file: Path, tmp_path: Path) -> None:
    newer = _with_revision(cohort_file, tmp_path / "newer.sqlite3", "9999_from_the_future")
    assert first_page(newer, PAGE) is None
    older_scripts = _migrations_with_an_extra_revision(tmp_path)  # the app of tomorrow sees today's file as older
    assert fast_reader.first_look(cohort_file, PAGE, older_scripts) is None
    assert fast_reader.first_look(cohort_file, PAGE) is not None


def test_foreign_damaged_empty_and_urls_take_the_ordinary_path(cohort_file: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE patient (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    assert first_page(foreign, PAGE) is None
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert first_page(empty, PAGE) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    assert first_page(garbage, PAGE) is None
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(cohort_file.read_bytes())
    data[4096 : 4096 * 8] = b"\xff" * (4096 * 7)  # pages of the schema and the first tables overwritten
    damaged.write_bytes(bytes(data))
    assert first_page(damaged, PAGE) is None
    odd_value = tmp_path / "odd.sqlite3"
    shutil.copy2(cohort_file, odd_value)
    with sqlite3.connect(odd_value) as connection:
        connection.execute("UPDATE patient SET birth_date = 'yesterday' WHERE mrn = 'ACC-3'")
    connection.close()
    assert first_page(odd_value, PAGE) is None  # a value SQLAlchemy would read otherwise: never guess
    assert first_page(f"sqlite:///{cohort_file}", PAGE) is None
    assert first_page("postgresql+psycopg://u@localhost/db", PAGE) is None
    assert first_page(None, PAGE) is None
    assert first_page(tmp_path, PAGE) is None  # a folder


def test_database_py_uses_the_shared_revision_reader() -> None:
    plain = fast_reader.plain_revisions(database_module.MIGRATIONS)
    assert plain is not None and plain == schema.shipped_revisions(database_module.MIGRATIONS)
    assert not hasattr(database_module, "_REVISION_LINE")  # one copy of the parser


def test_the_first_page_imports_no_sqlalchemy(cohort_file: Path) -> None:
    code = (
        "import sys\n"
        "from barium_tracker.services.patient_list import first_page\n"
        f"page = first_page({str(cohort_file)!r}, 200)\n"
        "assert page is not None and page.total > 0\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')]\n"
        "assert not loaded, loaded[:5]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
