"""What a killed backup, restore or first creation leaves beside the database is removed at the next open; files of an
operation still running (this process or another) are never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from barium_tracker.domain.records import Patient
from barium_tracker.services.backups import backup_now
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage import scratch


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _touch(path: Path, *, age_s: float = 0) -> Path:
    path.write_bytes(b"x" * 100)
    if age_s:
        then = time.time() - age_s
        os.utime(path, (then, then))
    return path


def test_the_next_open_removes_what_killed_runs_left_and_keeps_what_runs(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite3"
    with Clinic.open(db) as clinic:
        create_record(clinic, Patient(mrn="K-1"))
        backup = backup_now(clinic)
    backups = backup.parent
    host, dead, alive = scratch._host(), _dead_pid(), os.getpid()
    abandoned = [
        _touch(tmp_path / f".clinic.sqlite3.restoring-{host}-{dead}"),
        _touch(tmp_path / f".clinic.sqlite3.restoring-{host}-{dead}-journal"),
        _touch(tmp_path / f".clinic.sqlite3.creating-{host}-{dead}-wal"),
        _touch(tmp_path / f".clinic.sqlite3.restoring-{dead}"),  # an older version's name: no host
        _touch(backups / f".clinic-20261201-080000-daily.sqlite3.partial-{host}-{dead}"),
        _touch(backups / f".clinic-20261201-080000-daily.sqlite3.partial-{host}-{dead}-journal"),
        _touch(backups / "clinic-20261130-080000-daily.sqlite3.partial", age_s=2 * 3600),  # older version, old
        _touch(backups / f".clinic-20261129-080000-daily.sqlite3.partial-ward-pc-2-{dead}", age_s=2 * 86400),
    ]
    running = [
        _touch(tmp_path / f".clinic.sqlite3.restoring-{host}-{alive}"),
        _touch(backups / f".clinic-20261202-080000-manual.sqlite3.partial-{host}-{alive}"),
        _touch(backups / f".clinic-20261202-090000-manual.sqlite3.partial-ward-pc-2-{dead}"),  # another host, fresh
        _touch(backups / "clinic-20261202-100000-daily.sqlite3.partial"),  # older version, may still be writing
        _touch(tmp_path / "notes.txt"),  # not ours
        _touch(tmp_path / f".other.sqlite3.restoring-{host}-{dead}"),  # another database's
    ]
    with Clinic.open(db) as clinic:
        assert clinic.check().ok
    assert [p.name for p in abandoned if p.exists()] == []
    assert [p.name for p in running if not p.exists()] == []
    assert backup.exists()


@pytest.mark.parametrize("operation", ["backup", "restore"])
def test_a_kill_during_a_backup_or_a_restore_leaves_nothing_after_the_next_open(tmp_path: Path, operation: str) -> None:
    db = tmp_path / "clinic.sqlite3"
    with Clinic.open(db) as clinic:
        for n in range(300):
            create_record(clinic, Patient(mrn=f"K-{n:03d}", family_name="Quispe " * 20))
        source = backup_now(clinic)
    before = db.read_bytes()
    # The child starts the copy, says so after the first pages, then hangs there until it is killed.
    call = (
        f"backup_sqlite(Path({str(db)!r}), Path({str(source.parent / 'killed.sqlite3')!r}), progress=hang)"
        if operation == "backup"
        else f"restore_sqlite(Path({str(source)!r}), Path({str(db)!r}), progress=hang)"
    )
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from barium_tracker.storage.backup import backup_sqlite, restore_sqlite\n"
        "def hang(done, total):\n    print('copying', flush=True)\n    time.sleep(600)\n"
        f"{call}\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert child.stdout is not None and child.stdout.readline().strip() == "copying"
    left = sorted(p.name for p in tmp_path.rglob(".*") if p.is_file())
    assert any(".partial-" in name or ".restoring-" in name for name in left), left
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Clinic.open(db) as clinic:
        assert clinic.check().ok
    assert sorted(p.name for p in tmp_path.rglob(".*") if p.is_file()) == []
    assert db.read_bytes() == before or operation == "backup"  # a killed restore replaced nothing
