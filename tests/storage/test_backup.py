"""Online backup, file checks and restore on real SQLite files (no mocks): consistency, cancel, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from barium_tracker.storage import backup as backup_module
from barium_tracker.storage.backup import (
    BackupError,
    BackupVerdict,
    RestoreRefused,
    backup_sqlite,
    restore_sqlite,
    validate_backup_file,
)
from barium_tracker.storage.database import open_database

WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
n = 0
while True:
    n += 1
    conn.execute("BEGIN")
    conn.execute("INSERT INTO reading (n, pad) VALUES (?, ?)", (n, "x" * 400))
    conn.execute("INSERT INTO reading_total (n) VALUES (?)", (n,))
    conn.execute("COMMIT")
    if n == 50:
        print("ready", flush=True)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ours(path: Path, rows: int = 3) -> Path:
    """A Barium Tracker database at head holding ``rows`` patients."""
    open_database(path).dispose()
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany(
            "INSERT INTO patient (mrn, family_name, given_name, sex, diagnosis, notes, search_text, created_at, "
            "created_by, updated_at, updated_by, version) VALUES (?, 'Q', 'R', 'unknown', 'unknown', '', '', "
            "'2025-01-01 00:00:00', 't', '2025-01-01 00:00:00', 't', 1)",
            [(f"MRN-{i}",) for i in range(rows)],
        )
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, as the app's backups are
    return path


def _mrns(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT mrn FROM patient ORDER BY mrn")]


def _damage(path: Path) -> None:
    """Overwrite the pages after the first with noise, the way a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset + 8 : offset + 200] = bytes((offset + i * 7) % 251 for i in range(192))
    path.write_bytes(bytes(data))


def test_backup_taken_during_writes_from_another_process_is_a_consistent_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "busy.sqlite3"
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE reading (n INTEGER PRIMARY KEY, pad TEXT NOT NULL)")
        conn.execute("CREATE TABLE reading_total (n INTEGER PRIMARY KEY)")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(source)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 2)
        steps: list[tuple[int, int]] = []

        def slow_progress(done: int, total: int) -> None:
            steps.append((done, total))
            time.sleep(0.002)  # let the writer commit between steps

        copy = backup_sqlite(source, tmp_path / "copy.sqlite3", progress=slow_progress)
    finally:
        writer.kill()
        writer.wait()
    assert len(steps) > 3 and steps[-1][0] == steps[-1][1]
    assert backup_module.integrity_problems(copy) == []
    with closing(sqlite3.connect(copy)) as conn:
        numbers = [row[0] for row in conn.execute("SELECT n FROM reading ORDER BY n")]
        totals = [row[0] for row in conn.execute("SELECT n FROM reading_total ORDER BY n")]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # self-contained: no -wal needed
    assert numbers == list(range(1, len(numbers) + 1)) == totals  # a prefix of the commits, no torn transaction
    assert len(numbers) >= 50
    with closing(sqlite3.connect(source)) as conn:
        assert conn.execute("SELECT max(n) FROM reading").fetchone()[0] > len(numbers)  # writes went on meanwhile


def test_cancel_during_backup_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _ours(tmp_path / "clinic.sqlite3", rows=200)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)
    destination = tmp_path / "backups" / "copy.sqlite3"

    class Stop(Exception):
        pass

    def cancel_on_third(done: int, total: int) -> None:
        if done >= 3:
            raise Stop

    with pytest.raises(Stop):
        backup_sqlite(source, destination, progress=cancel_on_third)
    assert list(destination.parent.iterdir()) == []


def test_backup_of_a_damaged_file_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    source = _ours(tmp_path / "clinic.sqlite3", rows=300)
    _damage(source)
    with pytest.raises(BackupError, match=r"clinic\.sqlite3"):
        backup_sqlite(source, tmp_path / "backups" / "copy.sqlite3")
    assert list((tmp_path / "backups").iterdir()) == []


def test_validate_tells_ours_damaged_foreign_newer_and_missing(tmp_path: Path) -> None:
    good = _ours(tmp_path / "good.sqlite3")
    before = _digest(good)
    check = validate_backup_file(good)
    assert check.verdict is BackupVerdict.CURRENT and check.ok and check.revision == check.head
    assert _digest(good) == before

    damaged = _ours(tmp_path / "damaged.sqlite3", rows=300)
    _damage(damaged)
    check = validate_backup_file(damaged)
    assert check.verdict is BackupVerdict.DAMAGED and not check.ok and check.problems
    assert "damaged" in str(check.reason)

    noise = tmp_path / "noise.sqlite3"
    noise.write_bytes(bytes(range(256)) * 64)
    assert validate_backup_file(noise).verdict is BackupVerdict.DAMAGED

    foreign = tmp_path / "invoices.sqlite3"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    assert validate_backup_file(foreign).verdict is BackupVerdict.FOREIGN
    other_alembic = tmp_path / "other-app.sqlite3"
    with closing(sqlite3.connect(other_alembic)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('abc123')")
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    assert validate_backup_file(other_alembic).verdict is BackupVerdict.FOREIGN

    newer = _ours(tmp_path / "newer.sqlite3")
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    check = validate_backup_file(newer)
    assert check.verdict is BackupVerdict.NEWER and "newer version" in str(check.reason)

    assert validate_backup_file(tmp_path / "absent.sqlite3").verdict is BackupVerdict.MISSING


@pytest.mark.parametrize("kind", ["damaged", "newer", "foreign", "noise"])
def test_restore_of_a_bad_file_is_refused_and_the_target_is_unchanged(tmp_path: Path, kind: str) -> None:
    target = _ours(tmp_path / "clinic.sqlite3")
    source = tmp_path / f"{kind}.sqlite3"
    if kind == "damaged":
        _ours(source, rows=300)
        _damage(source)
    elif kind == "newer":
        _ours(source)
        with closing(sqlite3.connect(source)) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    elif kind == "foreign":
        with closing(sqlite3.connect(source)) as conn:
            conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    else:
        source.write_bytes(b"\x00garbage" * 2000)
    before_target, before_source = _digest(target), _digest(source)
    listing = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(RestoreRefused) as error:
        restore_sqlite(source, target)

    assert str(source) in str(error.value) and "Nothing was changed" in str(error.value)
    assert _digest(target) == before_target
    assert _digest(source) == before_source
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no backups folder, no temporary file


def test_restore_replaces_the_file_and_keeps_the_replaced_one(tmp_path: Path) -> None:
    target = _ours(tmp_path / "clinic.sqlite3", rows=2)
    (tmp_path / "elsewhere").mkdir()
    source = _ours(tmp_path / "elsewhere" / "old.sqlite3")
    with closing(sqlite3.connect(source)) as conn, conn:
        conn.execute("UPDATE patient SET mrn = 'FROM-BACKUP' WHERE mrn = 'MRN-0'")
    with closing(sqlite3.connect(target)) as conn:  # in WAL mode, as the app leaves it
        conn.execute("PRAGMA journal_mode=WAL")
    result = restore_sqlite(source, target)

    assert _mrns(target) == ["FROM-BACKUP", "MRN-1", "MRN-2"]
    assert result.replaced_kept is not None and result.replaced_verified
    assert result.replaced_kept.parent == tmp_path / "backups"
    assert result.replaced_kept.name.startswith("clinic-") and result.replaced_kept.name.endswith(
        "-replaced-by-restore.sqlite3"
    )
    assert _mrns(result.replaced_kept) == ["MRN-0", "MRN-1"]
    assert result.revision == validate_backup_file(target).revision
    assert not target.with_name(target.name + "-wal").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path: Path) -> None:
    target = _ours(tmp_path / "clinic.sqlite3", rows=300)
    _damage(target)
    damaged = target.read_bytes()
    source = _ours(tmp_path / "good.sqlite3")

    result = restore_sqlite(source, target)

    assert result.replaced_kept is not None and not result.replaced_verified
    assert result.replaced_kept.read_bytes() == damaged
    assert validate_backup_file(target).ok


def test_restore_refuses_while_the_database_is_open(tmp_path: Path) -> None:
    target = _ours(tmp_path / "clinic.sqlite3")
    source = _ours(tmp_path / "good.sqlite3", rows=1)
    db = open_database(target)  # the app still has it open (WAL)
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1 FROM patient").all()
            before = _mrns(target)
            with pytest.raises(RestoreRefused, match="in use"):
                restore_sqlite(source, target)
            assert _mrns(target) == before
    finally:
        db.dispose()


def test_cancel_during_restore_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _ours(tmp_path / "clinic.sqlite3")
    source = _ours(tmp_path / "good.sqlite3", rows=300)
    before = _digest(target)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        restore_sqlite(source, target, progress=cancel)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite3", "good.sqlite3"]
