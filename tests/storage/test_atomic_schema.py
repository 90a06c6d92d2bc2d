"""A failure (or a kill) in the middle of creating or upgrading the schema leaves the previous state or the whole new
one, never half of it; a file left half-built by an older version is recognised; an empty (0-byte) file is refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from barium_tracker.domain.records import Patient
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage import database as database_module
from barium_tracker.storage import schema
from barium_tracker.storage.database import (
    DamagedDatabase,
    Database,
    DatabaseUnavailable,
    SchemaState,
    open_database,
    resolve_url,
)
from barium_tracker.storage.models import Base

SHIPPED_HEAD = schema.shipped_revisions(database_module.MIGRATIONS).head
OUR_TABLES = set(Base.metadata.tables) | {"alembic_version"}


def _migrations_failing_after_ddl(tmp_path: Path) -> Path:
    """The shipped migrations plus a later one that creates a table, alters another, then fails (a crash)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(database_module.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test_crash.py").write_text(
        '"""Test-only: a migration that dies half-way."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "0002_test_crash"\n'
        f"down_revision = {SHIPPED_HEAD!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        '    op.create_table("test_half", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    with op.batch_alter_table("patient") as batch:\n'
        '        batch.add_column(sa.Column("test_extra", sa.Text(), nullable=True))\n'
        '    raise RuntimeError("killed half-way")\n\n\n'
        "def downgrade() -> None:\n"
        "    pass\n",
        encoding="utf-8",
    )
    return scripts


def _sqlite_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return {row[0] for row in rows}


def test_a_failure_during_the_first_creation_leaves_no_table_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.sqlite3"
    monkeypatch.setattr(database_module, "MIGRATIONS", _migrations_failing_after_ddl(tmp_path))
    with pytest.raises(RuntimeError, match="killed half-way"):
        open_database(path)
    assert sorted(tmp_path.glob("*new.sqlite3*")) == []  # no half-built file, no scratch copy
    monkeypatch.undo()
    db = open_database(path)
    try:
        assert db.schema_status().state is SchemaState.CURRENT
    finally:
        db.dispose()


def test_a_failure_during_an_upgrade_leaves_the_previous_schema_and_data(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Clinic.open(sqlite_path) as clinic:
        create_record(clinic, Patient(mrn="KEEP-1", family_name="Pérez"))
    monkeypatch.setattr(database_module, "MIGRATIONS", _migrations_failing_after_ddl(tmp_path))
    db = Database(resolve_url(sqlite_path))
    with pytest.raises(RuntimeError, match="killed half-way"):
        db.upgrade()
    db.dispose()
    assert _sqlite_tables(sqlite_path) == OUR_TABLES  # no test_half
    with sqlite3.connect(sqlite_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(SHIPPED_HEAD,)]
        assert "test_extra" not in {row[1] for row in conn.execute("PRAGMA table_info(patient)")}
        assert conn.execute("SELECT mrn FROM patient").fetchall() == [("KEEP-1",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.postgres
def test_a_failure_during_an_upgrade_on_postgresql_leaves_the_previous_schema(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Clinic.open(pg_url) as clinic:
        create_record(clinic, Patient(mrn="PG-1", family_name="Núñez"))
    monkeypatch.setattr(database_module, "MIGRATIONS", _migrations_failing_after_ddl(tmp_path))
    with pytest.raises(RuntimeError, match="killed half-way"):
        open_database(pg_url)
    monkeypatch.undo()
    db = open_database(pg_url, migrate=False)
    try:
        assert db.schema_status().current == SHIPPED_HEAD
        with db.engine.connect() as conn:
            assert "test_half" not in set(inspect(conn).get_table_names())
            assert conn.execute(text("SELECT family_name FROM patient")).scalar() == "Núñez"
    finally:
        db.dispose()


def _half_built(path: Path, *, with_version_table: bool) -> None:
    """What a kill during an older version's first creation left: some of our tables, no (or no) revision row."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE patient (id INTEGER PRIMARY KEY, mrn TEXT)")
        conn.execute("CREATE TABLE tbe_study (id INTEGER PRIMARY KEY)")
        if with_version_table:
            conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")


@pytest.mark.parametrize("with_version_table", [True, False])
def test_a_file_half_built_by_an_older_version_is_recognised_and_built_whole(
    tmp_path: Path, with_version_table: bool
) -> None:
    path = tmp_path / "half.sqlite3"
    _half_built(path, with_version_table=with_version_table)
    assert Database(resolve_url(path)).schema_status().state is SchemaState.INCOMPLETE
    db = open_database(path)
    try:
        assert db.schema_status().state is SchemaState.CURRENT
        with Clinic.open(path) as clinic:
            create_record(clinic, Patient(mrn="NEW-1", family_name="Quispe"))
    finally:
        db.dispose()


def test_a_half_built_file_that_holds_rows_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "half.sqlite3"
    _half_built(path, with_version_table=True)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO patient (mrn) VALUES ('X-1')")
    before = path.read_bytes()
    with pytest.raises(DatabaseUnavailable, match="incomplete"):
        open_database(path)
    assert path.read_bytes() == before


def test_an_empty_file_is_refused_never_set_up_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabase) as raised:
        open_database(path)
    assert "empty (0 bytes)" in str(raised.value) and str(path) in str(raised.value)
    assert "restore" in str(raised.value).lower()
    assert path.read_bytes() == b""  # left as found, for whoever investigates


def test_the_command_line_refuses_an_empty_file_and_names_the_newest_good_backup(
    sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from barium_tracker.cli import main
    from barium_tracker.services.backups import backup_now

    with Clinic.open(sqlite_path) as clinic:
        create_record(clinic, Patient(mrn="SAVED-1"))
        backup = backup_now(clinic)
    sqlite_path.write_bytes(b"")  # a disk fault truncated it
    assert main(["--db", str(sqlite_path), "patients"]) == 2
    err = capsys.readouterr().err
    assert "empty (0 bytes)" in err and str(backup) in err
    assert f"barium-tracker restore --db {sqlite_path} {backup}" in err
    assert err.count("empty (0 bytes)") == 1  # one message per problem, once
    assert "Traceback" not in err and sqlite_path.read_bytes() == b""

    assert main(["--db", str(sqlite_path), "restore", str(backup)]) == 0
    with Clinic.open(sqlite_path) as clinic:
        assert clinic.check().ok


def test_checking_a_path_where_no_database_exists_creates_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from barium_tracker.cli import main

    missing = tmp_path / "typo.sqlite3"
    assert main(["--db", str(missing), "db", "check"]) == 2
    assert "There is no database at" in capsys.readouterr().err
    assert not missing.exists()  # an empty file left here would be refused as damaged by the next open
