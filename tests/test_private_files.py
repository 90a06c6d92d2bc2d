"""Clinical files are private to the user, whatever the session's umask: every file the app writes is 0600 and every
folder it creates 0700 (the database and its -wal/-shm, backups, restored and replaced copies, exports, reports,
research files), and backup and restore never widen a mode. POSIX only: on Windows the per-user data folder's ACL
protects them (docs/database.md)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from barium_tracker.services.demo import SEED_MRN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _run(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a child process whose umask is the common 022 (files 0644 unless the app says otherwise)."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("BARIUM_TRACKER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "barium_tracker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=lambda: os.umask(0o022),
    )


def _modes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode)) for p in sorted(root.rglob("*"))}


def test_every_file_and_folder_the_commands_write_is_private_under_umask_022(tmp_path: Path) -> None:
    work, home = tmp_path / "clinic", tmp_path / "home"
    work.mkdir(mode=0o700)
    home.mkdir(mode=0o700)
    db = str(work / "clinic.sqlite3")
    steps = [
        ("demo", "create", db, "--patients", "5"),
        ("--db", db, "backup"),
        ("--db", db, "export", "--format", "csv", "-o", str(work / "exports" / "csv")),
        ("--db", db, "export", "--format", "xlsx", "-o", str(work / "exports" / "tables.xlsx")),
        ("--db", db, "export", "--format", "fhir", "-o", str(work / "exports" / "bundle.json")),
        ("--db", db, "export", "--format", "research", "-o", str(work / "exports" / "research")),
        ("--db", db, "report", SEED_MRN, "-o", str(work / "seed.pdf")),
    ]
    for step in steps:
        done = _run(*step, cwd=work, home=home)
        assert done.returncode == 0, (step, done.stderr)
    backups = sorted((work / "backups").glob("*.sqlite3"))
    assert backups
    done = _run("--db", db, "restore", str(backups[0]), cwd=work, home=home)
    assert done.returncode == 0, done.stderr
    # the default database in the user's data folder, created by the first command that opens it
    assert _run("patients", cwd=work, home=home).returncode == 0

    modes = _modes(work) | {f"~/{k}": v for k, v in _modes(home / "data").items()}
    wide = {
        name: mode
        for name, mode in modes.items()
        if mode != (oct(0o700) if (work / name).is_dir() or (home / "data" / name[2:]).is_dir() else oct(0o600))
    }
    assert wide == {}, wide
    assert any("replaced-by-restore" in name for name in modes)  # the restore's kept copy was checked too
    assert "~/barium-tracker/barium-tracker.sqlite3" in modes


def test_a_backup_of_a_private_database_is_private_in_library_use_too(tmp_path: Path) -> None:
    """Without the entry point's umask (a script using the services): the storage writers set the modes."""
    from barium_tracker.services.backups import backup_now, restore
    from barium_tracker.services.clinic import Clinic

    previous = os.umask(0o022)
    try:
        path = tmp_path / "clinic.sqlite3"
        with Clinic.open(path) as clinic:
            backup = backup_now(clinic)
        report = restore(path, backup)
    finally:
        os.umask(previous)
    for written in (path, backup, backup.parent, report.replaced_kept):
        assert written is not None
        expected = 0o700 if written.is_dir() else 0o600
        assert stat.S_IMODE(written.stat().st_mode) == expected, written
