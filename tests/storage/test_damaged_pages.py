"""A database whose pages are damaged behind an intact header never passes silently: ``db upgrade`` fails naming the
damage, and every other command (and the window) is told once, with the newest good backup, instead of a warning
about the daily backup printed twice before the real message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from barium_tracker.cli import main
from barium_tracker.domain.records import Patient
from barium_tracker.services.backups import backup_now
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage.database import DamagedDatabase


def _damage_pages(path: Path, schema_pages: int) -> None:
    """Scribble over the middle of every fifth page after the schema's: the header and schema pages stay sound."""
    data = bytearray(path.read_bytes())
    for offset in range(4096 * schema_pages, len(data), 4096 * 5):
        data[offset + 100 : offset + 300] = bytes((i * 13) % 256 for i in range(200))
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "clinic.sqlite3"
    with Clinic.open(path) as clinic:
        with clinic.db.connect() as conn:  # the pages of the empty schema (sqlite_master and the empty tables)
            schema_pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        for n in range(300):
            create_record(clinic, Patient(mrn=f"P-{n:03d}", family_name="Mamani " * 12))
        made = backup_now(clinic)
    # dated yesterday, so that today's first open is due to write the daily backup (and so reads every page)
    backup = made.with_name(made.name.replace(made.name.split("-")[1], "20000101"))
    made.rename(backup)
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert not leftover.exists()
    _damage_pages(path, schema_pages)
    return path, backup


def test_db_upgrade_on_damaged_pages_fails_naming_the_damage(
    damaged: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = damaged
    assert main(["--db", str(path), "db", "upgrade"]) == 2  # refused when the day's first open reads it
    assert "damaged" in capsys.readouterr().err
    backup_now_today = backup.with_name(backup.name.replace("20000101", dt.date.today().strftime("%Y%m%d")))
    backup.rename(backup_now_today)  # a backup from today: no daily copy is due, so the upgrade's own check finds it
    assert main(["--db", str(path), "db", "upgrade"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEMS FOUND" in out


def test_a_working_command_on_damaged_pages_says_so_once_with_the_newest_backup(
    damaged: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = damaged
    assert main(["--db", str(path), "patients"]) == 2
    err = capsys.readouterr().err
    assert err.count("daily backup") == 0, err  # not a warning about the backup: the database itself is damaged
    assert err.lower().count("damaged") == 1, err
    assert str(backup) in err and "barium-tracker restore" in err
    assert ".partial" not in err  # no scratch file's name


def test_opening_for_the_day_refuses_damaged_pages(damaged: tuple[Path, Path]) -> None:
    path, _backup = damaged
    with pytest.raises(DamagedDatabase, match="damaged"):
        Clinic.open(path, daily_backup=True)
