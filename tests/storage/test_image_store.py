"""The image store on real files: written once by hash, atomically and privately; backups copy each image once into
the backups' shared store; a restore brings them back; a kill mid-write leaves nothing after the next open."""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from barium_tracker.domain.records import Patient
from barium_tracker.services.backups import backup_now, daily_backup_if_due, restore
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.storage.image_files import (
    ImageFiles,
    backup_image_folder,
    image_folder,
    referenced_images,
    sha256_of,
)
from barium_tracker.storage.models import ImageRow


def _store_image(clinic: Clinic, data: bytes) -> str:
    """What an attach stores, without a decoder: the bytes in the clinic's folder, then the row that names them."""
    path = clinic.db.sqlite_path
    assert path is not None
    digest = sha256_of(data)
    ImageFiles(image_folder(path)).write(data, digest)
    with clinic.db.session() as session:
        session.add(ImageRow(sha256=digest, media_type="image/png", byte_size=len(data), photometric=""))
    return digest


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def clinic_with_patient(clinic: Clinic) -> Clinic:
    create_record(clinic, Patient(mrn="IMG-1", family_name="Quispe"))
    return clinic


def test_an_image_is_written_once_by_its_hash_private_and_read_back_checked(tmp_path: Path) -> None:
    store = ImageFiles(tmp_path / "clinic.sqlite3.images")
    data = b"\x89PNG film " * 100
    digest = sha256_of(data)
    assert store.write(data) is True
    assert store.write(data) is False  # the same bytes again: nothing written
    path = store.path(digest)
    assert path == store.root / digest[:2] / digest
    assert _files(store.root) == [path]
    assert store.read(digest) == data and store.problem(digest) is None
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    path.write_bytes(data[:-1] + b"!")  # one byte changed on disk
    assert store.read(digest) is None and store.problem(digest) == "damaged"
    path.unlink()
    assert store.problem(digest) == "missing"


def test_backups_copy_each_image_once_into_the_shared_store(clinic_with_patient: Clinic, sqlite_path: Path) -> None:
    first, second = b"film one " * 500, b"film two " * 700
    _store_image(clinic_with_patient, first)
    backup_one = backup_now(clinic_with_patient)
    shared = backup_image_folder(backup_one.parent)
    assert shared == sqlite_path.parent / "backups" / "barium-tracker-images"
    assert [p.name for p in _files(shared)] == [sha256_of(first)]
    copied_once = {p: p.stat().st_mtime_ns for p in _files(shared)}

    backup_two = backup_now(clinic_with_patient)  # nothing new: nothing copied, the first copy untouched
    assert backup_two != backup_one
    assert {p: p.stat().st_mtime_ns for p in _files(shared)} == copied_once

    _store_image(clinic_with_patient, second)
    daily = daily_backup_if_due(clinic_with_patient)
    assert daily is None  # a manual backup today already: the next one is made by hand
    backup_three = backup_now(clinic_with_patient)
    assert sorted(p.name for p in _files(shared)) == sorted([sha256_of(first), sha256_of(second)])
    assert sum(p.stat().st_size for p in _files(shared)) == len(first) + len(second)  # each image's bytes once
    assert referenced_images(backup_one) == [sha256_of(first)]
    assert sorted(referenced_images(backup_three)) == sorted([sha256_of(first), sha256_of(second)])


def test_restore_brings_back_the_images_the_restored_database_refers_to(
    clinic_with_patient: Clinic, sqlite_path: Path
) -> None:
    data = b"the five-minute film " * 300
    digest = _store_image(clinic_with_patient, data)
    saved = backup_now(clinic_with_patient)
    clinic_with_patient.close()
    live = ImageFiles(image_folder(sqlite_path))
    live.path(digest).unlink()  # the clinic's folder lost the film (a disk fault, a copy without the folder)
    report = restore(sqlite_path, saved)
    assert live.read(digest) == data
    assert "Images copied back beside the database: 1." in report.message
    with Clinic.open(sqlite_path) as reopened:
        assert reopened.check().ok


def test_a_kill_while_an_image_is_written_leaves_no_image_and_no_scratch_after_the_next_open(
    clinic: Clinic, sqlite_path: Path
) -> None:
    clinic.close()
    store = image_folder(sqlite_path)
    # The child writes an image and hangs after its bytes are written, before the rename, until it is killed.
    script = (
        "import os, time\nfrom pathlib import Path\n"
        "from barium_tracker.storage import image_files\n"
        "def hang(fd):\n    print('written', flush=True)\n    time.sleep(600)\n"
        "image_files.os.fsync = hang\n"
        f"image_files.ImageFiles(Path({str(store)!r})).write(b'half a film' * 1000)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert child.stdout is not None and child.stdout.readline().strip() == "written"
    left = [p.name for p in _files(store)]
    assert len(left) == 1 and ".partial-" in left[0]  # only the scratch file: no image under its hash
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Clinic.open(sqlite_path) as reopened:
        assert reopened.check().ok
    assert _files(store) == []


def test_db_check_names_a_damaged_or_missing_image_by_hash_and_attachment(clinic: Clinic, sqlite_path: Path) -> None:
    from barium_tracker.domain.records import TbeStudy
    from barium_tracker.storage.models import ImageAttachmentRow

    patient = create_record(clinic, Patient(mrn="IMG-2", family_name="Mamani"))
    study = create_record(clinic, TbeStudy(study_date=dt.date(2024, 3, 14), patient_id=patient.id))
    data = b"film at five minutes " * 200
    digest = _store_image(clinic, data)
    with clinic.db.session() as session:
        session.add(ImageAttachmentRow(image_sha256=digest, patient_id=patient.id, study_id=study.id, minute=5))
    assert clinic.check().ok
    path = ImageFiles(image_folder(sqlite_path)).path(digest)
    path.write_bytes(b"X" + data[1:])
    report = clinic.check()
    assert not report.ok
    assert [str(p) for p in report.problems] == [
        f"The image {digest} is damaged (its bytes no longer match it); attached to IMG-2, TBE study of 2024-03-14 "
        "at 5 min."
    ]
    path.unlink()
    assert [str(p) for p in clinic.check().problems] == [
        f"The image {digest} is missing; it was attached to IMG-2, TBE study of 2024-03-14 at 5 min."
    ]


@pytest.mark.postgres
def test_on_postgresql_the_bytes_are_rows_stored_once_and_checked(pg_url: str) -> None:
    from barium_tracker.storage.images import image_files, keep_bytes, load_bytes
    from barium_tracker.storage.models import ImageContentRow

    data = b"a film every workstation sees " * 100
    digest = sha256_of(data)
    with Clinic.open(pg_url) as clinic:
        assert image_files(clinic.db) is None
        for _ in range(2):
            with clinic.db.session() as session:
                if session.get(ImageRow, digest) is None:
                    session.add(ImageRow(sha256=digest, media_type="image/png", byte_size=len(data), photometric=""))
                    session.flush()
                keep_bytes(clinic.db, session, digest, data)
        with clinic.db.session() as session:
            assert session.query(ImageContentRow).count() == 1
            assert load_bytes(clinic.db, session, digest) == data
        assert clinic.check().ok
        with clinic.db.session() as session:
            session.get(ImageContentRow, digest).content = b"damaged"
        assert [str(p) for p in clinic.check().problems] == [
            f"The image {digest} is damaged (its bytes no longer match it); attached to nothing."
        ]
