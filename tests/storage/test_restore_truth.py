"""Restore tells the truth: a read-only target, a newer schema or a foreign database each get their own correct
message, and replacing anything that is not an older or equal Barium Tracker database needs an explicit force.
An empty (0-byte) or damaged database is what a restore is for: it is replaced without force."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from barium_tracker.domain.records import Patient
from barium_tracker.services.backups import backup_now, restore
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage.backup import RestoreRefused
from barium_tracker.storage.database import Database, SchemaState, resolve_url


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    source = tmp_path / "source" / "clinic.sqlite3"
    source.parent.mkdir()
    with Clinic.open(source) as clinic:
        create_record(clinic, Patient(mrn="B-1"))
        return backup_now(clinic)


def _mrns(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT mrn FROM patient")]


def _newer(path: Path) -> None:
    with Clinic.open(path) as clinic:
        create_record(clinic, Patient(mrn="NEWER-1"))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6')")  # another Alembic-managed program
        conn.commit()


def test_a_newer_schema_is_not_replaced_without_force(tmp_path: Path, backup: Path) -> None:
    target = tmp_path / "clinic.sqlite3"
    _newer(target)
    before = target.read_bytes()
    with pytest.raises(RestoreRefused) as refused:
        restore(target, backup)
    message = str(refused.value)
    assert "newer version of Barium Tracker" in message and "--force" in message and "Nothing was changed" in message
    assert target.read_bytes() == before
    report = restore(target, backup, force=True)
    assert _mrns(target) == ["B-1"] and report.replaced_kept is not None
    assert _mrns(report.replaced_kept) == ["NEWER-1"]  # the newer data is kept, not lost


def test_a_foreign_database_is_named_foreign_not_newer_and_not_replaced_without_force(
    tmp_path: Path, backup: Path
) -> None:
    target = tmp_path / "clinic.sqlite3"
    _foreign(target)
    status = Database(resolve_url(target)).schema_status()
    assert status.state is SchemaState.FOREIGN  # it has an alembic_version, but none of our tables
    with pytest.raises(RestoreRefused) as refused:
        restore(target, backup)
    assert "not a Barium Tracker database" in str(refused.value) and "newer" not in str(refused.value)
    assert "--force" in str(refused.value)
    restore(target, backup, force=True)
    assert _mrns(target) == ["B-1"]


def test_a_read_only_target_is_said_to_be_read_only_not_damaged(
    tmp_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 0400 file for its user (SQLite then answers "disk I/O error", which read as "damaged" before); the suite
    runs as root, who may write any file, so the file system's answer is played by the check that asks it."""
    from barium_tracker.storage import backup as backup_module

    target = tmp_path / "clinic.sqlite3"
    with Clinic.open(target) as clinic:
        create_record(clinic, Patient(mrn="RO-1"))
    target.chmod(0o400)
    monkeypatch.setattr(backup_module, "_writable", lambda path: path != target)
    with pytest.raises(RestoreRefused) as refused:
        restore(target, backup)
    assert "read-only" in str(refused.value) and "damaged" not in str(refused.value)
    assert _mrns(target) == ["RO-1"] and not (tmp_path / "backups").exists()  # nothing kept: nothing replaced


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x13" * 4000])
def test_an_empty_or_damaged_database_is_what_restore_is_for(tmp_path: Path, backup: Path, content: bytes) -> None:
    target = tmp_path / "clinic.sqlite3"
    target.write_bytes(content)
    report = restore(target, backup)  # no force needed
    assert _mrns(target) == ["B-1"]
    assert report.replaced_kept is not None and report.replaced_kept.read_bytes() == content


def test_the_command_line_restores_over_a_foreign_file_only_with_force(
    tmp_path: Path, backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from barium_tracker.cli import main

    target = tmp_path / "clinic.sqlite3"
    _foreign(target)
    assert main(["--db", str(target), "restore", str(backup)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["--db", str(target), "restore", "--force", str(backup)]) == 0
    assert _mrns(target) == ["B-1"]
