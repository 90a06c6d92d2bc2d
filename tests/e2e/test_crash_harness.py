"""The crash harness: ``kill -9`` at random moments during an import, a backup, a restore and the first creation of
a database. After each kill the file passes SQLite's integrity check, the app opens it, the import is wholly present
or wholly absent, the restore left the old database or the whole backup, and the next open leaves no scratch file.

Marked slow; ``make test`` runs it with a small count (BARIUM_CRASH_KILLS per operation, 4 by default); the random
seed is printed so that a failure can be replayed (BARIUM_CRASH_SEED).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from barium_tracker.services.backups import backup_now
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import create_demo_database

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("BARIUM_CRASH_KILLS", "4"))
SEED = int(os.environ.get("BARIUM_CRASH_SEED", str(int(time.time()))))
IMPORTED = 1500  # patients in the import file


def _command(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "barium_tracker", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )


def _duration(*args: str) -> float:
    started = time.perf_counter()
    assert _command(*args).wait(timeout=300) == 0
    return time.perf_counter() - started


def _kill_at_random(rng: random.Random, duration: float, *args: str) -> bool:
    """Start the command, kill -9 it at a random moment of its usual run; True if it was still running then."""
    child = _command(*args)
    time.sleep(rng.uniform(0.05, duration))
    alive = child.poll() is None
    if alive:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return alive


def _patients(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM patient").fetchone()[0]


def _sound(path: Path) -> None:
    with Clinic.open(path) as clinic:  # the app opens it (and removes what the killed run left)
        report = clinic.check()
        assert report.ok, report.problems
    leftovers = [p.name for p in path.parent.rglob(".*") if p.is_file()]
    assert leftovers == [], leftovers


@pytest.fixture(scope="module")
def rng() -> random.Random:
    print(f"crash harness seed {SEED} (replay with BARIUM_CRASH_SEED={SEED})")
    return random.Random(SEED)


@pytest.fixture(scope="module")
def import_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "studies.csv"
    rows = "".join(
        f"CR-{n:05d},Quispe,Rosa,2024-0{1 + n % 9}-1{n % 9},{1 + n % 13}.{n % 10}\n" for n in range(IMPORTED)
    )
    path.write_text("mrn,family_name,given_name,study_date,height_5min_cm\n" + rows, encoding="utf-8")
    return path


def test_a_kill_during_an_import_leaves_all_of_it_or_none(
    rng: random.Random, import_file: Path, tmp_path: Path
) -> None:
    template = create_demo_database(tmp_path / "template.sqlite3", 50)
    with Clinic.open(template) as clinic:
        backup_now(clinic)
    before = _patients(template)
    probe = tmp_path / "probe.sqlite3"
    probe.write_bytes(template.read_bytes())
    duration = _duration("--db", str(probe), "import", str(import_file))
    assert _patients(probe) == before + IMPORTED
    outcomes = []
    for kill in range(KILLS):
        db = tmp_path / f"kill-{kill}" / "clinic.sqlite3"
        db.parent.mkdir()
        db.write_bytes(template.read_bytes())
        killed = _kill_at_random(rng, duration, "--db", str(db), "import", str(import_file))
        _sound(db)
        count = _patients(db)
        assert count in (before, before + IMPORTED), (kill, count)  # never a part of the file
        outcomes.append((killed, count == before + IMPORTED))
    print(f"import: {KILLS} kills, outcomes (killed while running, imported): {outcomes}")


def test_a_kill_during_a_backup_or_a_restore_leaves_a_sound_database(rng: random.Random, tmp_path: Path) -> None:
    db = create_demo_database(tmp_path / "clinic.sqlite3", 400)
    with Clinic.open(db) as clinic:
        backup = backup_now(clinic)
    before = _patients(db)
    backup_time = _duration("--db", str(db), "backup", str(tmp_path / "probe-backup.sqlite3"))
    restore_time = _duration("--db", str(db), "restore", str(backup))
    for kill in range(KILLS):
        _kill_at_random(rng, backup_time, "--db", str(db), "backup")
        _sound(db)
        for made in (db.parent / "backups").glob("*.sqlite3"):
            with closing(sqlite3.connect(f"file:{made}?mode=ro", uri=True)) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), made  # no half backup
        _kill_at_random(rng, restore_time, "--db", str(db), "restore", str(backup))
        _sound(db)
        assert _patients(db) == before, kill


def test_a_kill_during_the_first_creation_leaves_no_file_or_a_whole_one(rng: random.Random, tmp_path: Path) -> None:
    duration = _duration("--db", str(tmp_path / "probe.sqlite3"), "db", "upgrade")
    whole = 0
    for kill in range(KILLS * 2):
        db = tmp_path / f"new-{kill}" / "clinic.sqlite3"
        db.parent.mkdir()
        _kill_at_random(rng, duration, "--db", str(db), "db", "upgrade")
        if db.exists():
            whole += 1
            with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
                assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        _sound(db)  # a missing file is created whole now; a whole one opens
    print(f"first creation: {KILLS * 2} kills, {whole} left a whole file, {KILLS * 2 - whole} left none")
