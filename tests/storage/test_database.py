"""The database module on real files and a real PostgreSQL server: schema, exact decimals, refusals, pragmas."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from barium_tracker.domain.records import ColumnMeasurement, Patient, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage import database as database_module
from barium_tracker.storage import schema
from barium_tracker.storage.database import (
    Database,
    DatabaseUnavailable,
    NewerSchemaError,
    NotOurDatabase,
    SchemaState,
    open_database,
    resolve_url,
)
from barium_tracker.storage.models import Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_is_migrated_to_head_and_matches_the_models(any_clinic: Clinic) -> None:
    status = any_clinic.db.schema_status()
    assert status.state is SchemaState.CURRENT
    assert status.current == status.head
    with any_clinic.db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


@pytest.mark.parametrize("value", ["2.7", "12", "0", "0.05", "39.99", "14.5"])
def test_decimal_lengths_come_back_exactly_as_entered(any_clinic: Clinic, value: str) -> None:
    patient = create_record(any_clinic, Patient(mrn="X1", birth_date=dt.date(1980, 1, 1)))
    stored = create_record(
        any_clinic,
        TbeStudy(
            patient_id=patient.id,
            study_date=dt.date(2025, 1, 1),
            barium_volume_ml=Decimal("200"),
            measurements=[ColumnMeasurement(minute=5, height_cm=Decimal(value), width_cm=Decimal("3.15"))],
        ),
    )
    assert stored.height_at(5) == Decimal(value)
    assert str(stored.height_at(5)) == value
    assert stored.at(5).width_cm == Decimal("3.15")  # type: ignore[union-attr]
    assert not isinstance(stored.height_at(5), float)


def test_sqlite_connection_pragmas_protect_clinical_data(clinic: Clinic) -> None:
    with clinic.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_newer_database_is_refused_and_left_untouched(sqlite_path: Path) -> None:
    Clinic.open(sqlite_path).close()
    with sqlite3.connect(sqlite_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _digest(sqlite_path)
    with pytest.raises(NewerSchemaError, match="newer version of Barium Tracker") as error:
        Clinic.open(sqlite_path)
    assert "9999_from_the_future" in str(error.value)
    assert "was not changed" in str(error.value)
    assert _digest(sqlite_path) == before
    assert not (sqlite_path.parent / "backups").exists()


def test_foreign_database_is_refused(sqlite_path: Path) -> None:
    with sqlite3.connect(sqlite_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = _digest(sqlite_path)
    with pytest.raises(NotOurDatabase, match="not Barium Tracker's"):
        open_database(sqlite_path)
    assert _digest(sqlite_path) == before


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "photo.sqlite3"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match="not a SQLite database"):
        open_database(path)
    assert _digest(path) == before


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        open_database(tmp_path / "nowhere" / "clinic.sqlite3")


def test_resolve_url_prefers_argument_then_environment_then_default(tmp_path: Path) -> None:
    env = {"BARIUM_TRACKER_DB": str(tmp_path / "env.sqlite3")}
    assert resolve_url(tmp_path / "arg.sqlite3", env).database == str(tmp_path / "arg.sqlite3")
    assert resolve_url(None, env).database == str(tmp_path / "env.sqlite3")
    assert resolve_url("postgresql://u@h/db", env).drivername == "postgresql+psycopg"
    with pytest.raises(DatabaseUnavailable, match="Unsupported database"):
        resolve_url("mysql://u@h/db", env)


#: The newest shipped revision: the test's "next version" builds on it, so shipping a migration breaks no test here.
SHIPPED_HEAD = schema.shipped_revisions(database_module.MIGRATIONS).head


def _migrations_with_an_extra_revision(tmp_path: Path) -> Path:
    """A copy of the shipped migrations plus a later revision, to play 'the next version of the app'."""
    scripts = tmp_path / "migrations"
    shutil.copytree(database_module.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test_extra.py").write_text(
        '"""Test-only: a later schema adds a column."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "0002_test_extra"\n'
        f"down_revision = {SHIPPED_HEAD!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        '    with op.batch_alter_table("patient") as batch:\n'
        '        batch.add_column(sa.Column("test_extra", sa.Text(), nullable=True))\n\n\n'
        "def downgrade() -> None:\n"
        '    with op.batch_alter_table("patient") as batch:\n'
        '        batch.drop_column("test_extra")\n',
        encoding="utf-8",
    )
    return scripts


def test_upgrade_backs_up_the_file_first_and_keeps_the_data(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Clinic.open(sqlite_path) as clinic:
        create_record(clinic, Patient(mrn="KEEP-1", family_name="Pérez", birth_date=dt.date(1970, 5, 1)))
    monkeypatch.setattr(database_module, "MIGRATIONS", _migrations_with_an_extra_revision(tmp_path))

    db = Database(resolve_url(sqlite_path))
    assert db.schema_status().state is SchemaState.OUTDATED
    backup = db.upgrade()
    assert backup is not None and backup.parent == sqlite_path.parent / "backups"
    assert f"before-upgrade-from-{SHIPPED_HEAD}" in backup.name
    assert db.schema_status().state is SchemaState.CURRENT
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT mrn, family_name FROM patient")).all() == [("KEEP-1", "Pérez")]
        assert "test_extra" in {c[1] for c in conn.execute(text("PRAGMA table_info(patient)"))}
    db.dispose()
    with sqlite3.connect(backup) as conn:  # the backup holds the old schema and the data
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SHIPPED_HEAD,)
        assert conn.execute("SELECT mrn FROM patient").fetchall() == [("KEEP-1",)]


@pytest.mark.postgres
def test_upgrade_on_postgresql_keeps_data(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Clinic.open(pg_url) as clinic:
        create_record(clinic, Patient(mrn="PG-1", family_name="Núñez"))
    monkeypatch.setattr(database_module, "MIGRATIONS", _migrations_with_an_extra_revision(tmp_path))
    db = open_database(pg_url)
    try:
        assert db.schema_status().current == "0002_test_extra"
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT family_name FROM patient")).scalar() == "Núñez"
    finally:
        db.dispose()


def test_check_reports_integrity(clinic: Clinic) -> None:
    report = clinic.check()
    assert report.ok
    assert report.state == "current"
    assert report.problems == ()


def test_the_fast_schema_check_reads_the_same_revisions_as_alembic(tmp_path: Path) -> None:
    shipped = schema.shipped_revisions(database_module.MIGRATIONS)
    assert shipped == schema.alembic_revisions(database_module.MIGRATIONS)
    extended = _migrations_with_an_extra_revision(tmp_path)
    assert schema.shipped_revisions(extended) == schema.alembic_revisions(extended)
    assert schema.shipped_revisions(extended).head == "0002_test_extra"
