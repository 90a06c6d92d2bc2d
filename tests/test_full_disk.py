"""A full disk (or a file-size limit) during an export ends in one clear sentence and leaves nothing behind: no
traceback, no partial file, no empty folder. The child process runs under RLIMIT_FSIZE, so its writes fail with
EFBIG exactly as a full disk fails them with ENOSPC (both are OSErrors the writers turn into OutputFailed)."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from barium_tracker.services.backups import backup_now
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, create_demo_database
from barium_tracker.services.output_files import OutputFailed, reason, writing

#: Above what SQLite writes beside the database when it opens it (its 32 KB -shm), below every export's files.
LIMIT = 40 * 1024


def _limited() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.fixture(scope="module")
def big_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = create_demo_database(tmp_path_factory.mktemp("disk") / "clinic.sqlite3", 600)
    with Clinic.open(path) as clinic:
        backup_now(clinic)  # today's backup exists: the limited child writes no daily copy
    return path


@pytest.mark.parametrize(
    ("fmt", "target"),
    [("csv", "exports/tables"), ("xlsx", "exports/tables.xlsx"), ("fhir", "exports/bundle.json"),
     ("research", "exports/research")],
)  # fmt: skip
def test_an_export_that_hits_the_limit_says_so_once_and_leaves_nothing(
    big_demo: Path, tmp_path: Path, fmt: str, target: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "barium_tracker", "--db", str(big_demo), "export", "--format", fmt, "-o",
         str(out / target)],
        capture_output=True, text=True, timeout=300, preexec_fn=_limited,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "could not be written" in lines[0] and "file-size limit" in lines[0], done.stderr
    assert "Nothing was left there" in lines[0]
    assert sorted(out.rglob("*")) == []  # no partial file and no empty folder


def test_a_full_disk_is_said_in_plain_words(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "report.pdf"
    with pytest.raises(OutputFailed) as failed, writing(target, "report"):
        assert target.parent.is_dir()
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    said = f"The report could not be written to {target}: the disk is full. Nothing was left there."
    assert str(failed.value) == said
    assert not (tmp_path / "new").exists()
    assert reason(OSError(errno.EACCES, "Permission denied")) == "permission denied"


def test_a_report_that_hits_the_limit_says_so_once_and_leaves_nothing(big_demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "seed.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "barium_tracker", "--db", str(big_demo), "report", SEED_MRN, "-o", str(pdf)],
        capture_output=True, text=True, timeout=300, preexec_fn=_limited,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip() and "propagateSizeHints" not in line]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("barium-tracker: The report could not be written to") and "file-size limit" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_backup_that_hits_the_limit_says_so_once_and_leaves_no_partial_copy(big_demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "barium_tracker", "--db", str(big_demo), "backup", str(target)],
        capture_output=True, text=True, timeout=300, preexec_fn=_limited,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Could not back up" in lines[0] and "No partial copy was left" in lines[0]
    # SQLite writes the copy: a full disk is its "database or disk is full", a file-size limit its "disk I/O error".
    assert "disk is full" in lines[0] or "input/output error" in lines[0], lines[0]
    assert "Errno" not in lines[0]
    assert sorted(target.iterdir()) == []
