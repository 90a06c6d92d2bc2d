"""Back up now, the daily backup, listing, restore and the start-up diagnosis, on real clinic databases."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.records import Patient
from barium_tracker.services import backups
from barium_tracker.services.backups import (
    BackupKind,
    backup_now,
    daily_backup_if_due,
    diagnose_open_failure,
    list_backups,
    newest_good_backup,
    restore,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.progress import Cancelled
from barium_tracker.services.records import create_record
from barium_tracker.storage import backup as backup_module
from barium_tracker.storage.database import DatabaseUnavailable

MORNING = dt.datetime(2025, 6, 2, 8, 0, 0)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mrns(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT mrn FROM patient ORDER BY mrn")]


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 200] = bytes((offset + i * 7) % 251 for i in range(192))
    path.write_bytes(bytes(data))


@pytest.fixture
def clinic_with_data(clinic: Clinic) -> Clinic:
    for n in range(3):
        create_record(clinic, Patient(mrn=f"B-{n}", family_name="Quispe"))
    return clinic


def test_backup_taken_while_another_thread_records_patients(
    clinic_with_data: Clinic, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stop = threading.Event()
    written: list[str] = []
    errors: list[BaseException] = []

    def record_patients() -> None:
        try:
            with Clinic.open(sqlite_path) as other:  # another workstation's connection to the same file
                n = 0
                while not stop.is_set():
                    n += 1
                    create_record(other, Patient(mrn=f"W-{n:05d}"))
                    written.append(f"W-{n:05d}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=record_patients)
    worker.start()
    try:
        while len(written) < 20 and worker.is_alive():
            threading.Event().wait(0.01)
        monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)
        stages: set[str] = set()

        def progress(done: int, total: int | None, stage: str) -> None:
            stages.add(stage)
            threading.Event().wait(0.003)

        copy = backup_now(clinic_with_data, progress=progress)
    finally:
        stop.set()
        worker.join()
    assert errors == []
    assert stages == {backups.STAGE_BACKUP}
    assert copy.parent == sqlite_path.parent / "backups" and copy.name.endswith("-manual.sqlite3")
    assert backups.check_backup(copy).ok
    copied = [mrn for mrn in _mrns(copy) if mrn.startswith("W-")]
    assert copied == [f"W-{n:05d}" for n in range(1, len(copied) + 1)]  # a prefix of the commits
    assert len(copied) >= 20 and len(written) > len(copied)  # writing went on during the copy
    with closing(sqlite3.connect(copy)) as conn:  # each patient's audit event came with it: no torn transaction
        audited = conn.execute(
            "SELECT count(*) FROM audit_event WHERE entity = 'patient' AND action = 'create'"
        ).fetchone()[0]
    assert audited == len(copied) + 3


def test_backup_now_to_a_folder_and_to_a_file(clinic_with_data: Clinic, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    first = backup_now(clinic_with_data, usb)
    second = backup_now(clinic_with_data, usb)
    assert first.parent == usb == second.parent and first != second
    assert first.name.startswith("clinic-") and first.name.endswith(".sqlite3")
    named = backup_now(clinic_with_data, usb / "friday.sqlite3")
    assert _mrns(named) == ["B-0", "B-1", "B-2"]
    backup_now(clinic_with_data, usb / "friday.sqlite3")  # overwriting our own backup is fine

    letter = usb / "letter.sqlite3"
    letter.write_text("Dear colleague")
    with pytest.raises(UserError, match="not a Barium Tracker backup"):
        backup_now(clinic_with_data, letter)
    assert letter.read_text() == "Dear colleague"
    with pytest.raises(UserError, match="does not exist"):
        backup_now(clinic_with_data, tmp_path / "no-such-folder" / "x.sqlite3")
    with pytest.raises(UserError, match="database itself"):
        backup_now(clinic_with_data, clinic_with_data.db.sqlite_path)


def test_cancel_during_backup_now_leaves_no_partial_file(
    clinic_with_data: Clinic, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 1)

    def cancel(done: int, total: int | None, stage: str) -> None:
        if done >= 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        backup_now(clinic_with_data, progress=cancel)
    assert list((sqlite_path.parent / "backups").iterdir()) == []
    assert list_backups(sqlite_path) == []


def test_backup_now_on_postgresql_points_to_pg_dump(any_clinic: Clinic) -> None:
    if any_clinic.is_sqlite:
        assert backup_now(any_clinic).is_file()
        return
    with pytest.raises(UserError, match="pg_dump -Fc") as error:
        backup_now(any_clinic)
    message = str(error.value)
    assert any_clinic.db.url.database in message and "docs/database.md" in message
    password = any_clinic.db.url.password
    assert not password or password not in message
    assert daily_backup_if_due(any_clinic) is None


def test_daily_backup_once_per_day_then_rotated(clinic_with_data: Clinic, sqlite_path: Path) -> None:
    first = daily_backup_if_due(clinic_with_data, now=MORNING)
    assert first is not None and first.name == "clinic-20250602-080000-daily.sqlite3"
    assert daily_backup_if_due(clinic_with_data, now=MORNING.replace(hour=17)) is None
    next_day = daily_backup_if_due(clinic_with_data, now=MORNING + dt.timedelta(days=1))
    assert next_day is not None and next_day.name.startswith("clinic-20250603-")
    for day in range(2, 40):
        daily_backup_if_due(clinic_with_data, now=MORNING + dt.timedelta(days=day))
    dailies = [b for b in list_backups(sqlite_path) if b.kind is BackupKind.DAILY]
    assert len(dailies) <= 7 + 4 + 12
    assert [b.when.date() for b in dailies[:7]] == [
        (MORNING + dt.timedelta(days=day)).date() for day in range(39, 32, -1)
    ]
    assert dailies[0].size_bytes > 0


def test_a_manual_backup_today_makes_the_daily_one_unnecessary(clinic_with_data: Clinic) -> None:
    backup_now(clinic_with_data)
    assert daily_backup_if_due(clinic_with_data) is None


def test_no_daily_backup_of_an_empty_database(clinic: Clinic, sqlite_path: Path) -> None:
    assert daily_backup_if_due(clinic, now=MORNING) is None
    assert not (sqlite_path.parent / "backups").exists()


def test_clinic_open_does_the_daily_backup_only_when_asked(sqlite_path: Path) -> None:
    with Clinic.open(sqlite_path) as clinic:
        create_record(clinic, Patient(mrn="D-1"))
    with Clinic.open(sqlite_path) as clinic:
        assert clinic.latest_backup() is None
    with Clinic.open(sqlite_path, daily_backup=True) as clinic:
        latest = clinic.latest_backup()
        assert clinic.backup_problem is None
    assert latest is not None and latest[0].name.endswith("-daily.sqlite3")
    assert latest[1].date() == dt.date.today()
    with Clinic.open(sqlite_path, daily_backup=True) as clinic:
        assert clinic.latest_backup() == latest  # the second open of the day writes none
    with Clinic.open(sqlite_path, migrate=False, daily_backup=True):  # a check never writes
        pass
    assert len(list_backups(sqlite_path)) == 1


def test_restore_keeps_the_replaced_file_and_the_clinic_opens_with_the_backups_data(
    clinic_with_data: Clinic, sqlite_path: Path
) -> None:
    saved = backup_now(clinic_with_data)
    create_record(clinic_with_data, Patient(mrn="AFTER-BACKUP"))
    clinic_with_data.close()
    steps: list[str] = []

    report = restore(sqlite_path, saved, progress=lambda done, total, stage: steps.append(stage))

    assert steps and set(steps) == {backups.STAGE_RESTORE}
    assert report.replaced_kept is not None and report.replaced_verified and not report.upgrade_due
    assert "AFTER-BACKUP" in _mrns(report.replaced_kept)
    assert str(report.replaced_kept) in report.message
    with Clinic.open(sqlite_path) as reopened:
        assert reopened.check().ok
        assert _mrns(sqlite_path) == ["B-0", "B-1", "B-2"]
        assert reopened.db.schema_status().current == report.revision
    kinds = {b.kind for b in list_backups(sqlite_path)}
    assert kinds == {BackupKind.MANUAL, BackupKind.REPLACED}
    assert newest_good_backup(sqlite_path) == saved  # the replaced copy is never offered automatically


def test_restore_of_a_damaged_backup_is_refused_and_the_database_is_unchanged(
    clinic_with_data: Clinic, sqlite_path: Path
) -> None:
    for n in range(200):
        create_record(clinic_with_data, Patient(mrn=f"MANY-{n:03d}"))
    saved = backup_now(clinic_with_data)
    clinic_with_data.close()
    _damage(saved)
    before = _digest(sqlite_path)
    with pytest.raises(UserError, match="damaged") as error:
        restore(sqlite_path, saved)
    assert str(saved) in str(error.value)
    assert _digest(sqlite_path) == before
    assert [b.kind for b in list_backups(sqlite_path)] == [BackupKind.MANUAL]


def test_restore_of_an_older_schema_backup_is_accepted_and_upgraded_on_open(
    clinic_with_data: Clinic, sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barium_tracker.storage import database as database_module
    from barium_tracker.storage import schema as schema_module
    from tests.storage.test_database import SHIPPED_HEAD, _migrations_with_an_extra_revision

    saved = backup_now(clinic_with_data)  # the shipped schema, older than "tomorrow's"
    clinic_with_data.close()
    tomorrow = _migrations_with_an_extra_revision(tmp_path)
    monkeypatch.setattr(schema_module, "MIGRATIONS", tomorrow)  # what a backup check knows
    monkeypatch.setattr(database_module, "MIGRATIONS", tomorrow)  # what an open upgrades to
    report = restore(sqlite_path, saved)
    assert report.upgrade_due and "upgraded" in report.message
    with Clinic.open(sqlite_path) as upgraded:
        assert upgraded.db.schema_status().current == "0002_test_extra"
        assert upgraded.last_backup is not None and f"before-upgrade-from-{SHIPPED_HEAD}" in upgraded.last_backup.name
    assert _mrns(sqlite_path) == ["B-0", "B-1", "B-2"]


def test_start_up_diagnosis_offers_the_newest_good_backup(clinic_with_data: Clinic, sqlite_path: Path) -> None:
    for n in range(200):
        create_record(clinic_with_data, Patient(mrn=f"MANY-{n:03d}"))
    older = backup_now(clinic_with_data)
    newest = daily_backup_if_due(clinic_with_data, now=dt.datetime.now() + dt.timedelta(days=1))
    assert newest is not None
    clinic_with_data.close()
    _damage(newest)  # the newest backup is bad too: the older one is offered
    _damage(sqlite_path)
    with pytest.raises(DatabaseUnavailable) as error:
        Clinic.open(sqlite_path).close()
    message = diagnose_open_failure(sqlite_path, error.value)
    assert message is not None and "damaged" in message and str(older) in message
    assert message.count(str(sqlite_path)) == 1, message  # the file is named once, not again in the reason
    assert newest_good_backup(sqlite_path) == older

    report = restore(sqlite_path, older)
    assert report.replaced_kept is not None and not report.replaced_verified
    with Clinic.open(sqlite_path) as restored:
        assert restored.check().ok


def test_start_up_diagnosis_stays_quiet_when_a_backup_is_not_the_remedy(sqlite_path: Path, tmp_path: Path) -> None:
    with Clinic.open(sqlite_path) as clinic:
        create_record(clinic, Patient(mrn="X"))
    locked = DatabaseUnavailable("The database is busy: another program or workstation holds a lock.")
    assert diagnose_open_failure(sqlite_path, locked) is None
    assert diagnose_open_failure(tmp_path / "missing.sqlite3", locked) is None
    foreign = tmp_path / "invoices.sqlite3"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseUnavailable) as error:
        Clinic.open(foreign)
    message = diagnose_open_failure(foreign, error.value)
    assert message is not None and "not a Barium Tracker database" in message and "No good backup" in message
