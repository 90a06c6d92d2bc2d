"""Films kept with the clinic's data, on SQLite and PostgreSQL, from real synthesised DICOM files: attach (stored
once), the patient-safety refusal and its confirmation, list, detach keeping history, the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from barium_tracker.cli import main
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.records import Patient, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.library import (
    FilmMismatch,
    attach_film,
    detach,
    image_bytes,
    list_images,
    thumbnail,
)
from barium_tracker.services.records import create_record
from barium_tracker.storage.image_files import sha256_of
from barium_tracker.storage.models import AuditEventRow, ImageAttachmentRow, ImageContentRow, ImageRow
from tests.support.radiographs import write_radiograph_dicom

STUDY_DATE = dt.date(2025, 7, 10)
MRN = "HC-0001"


@pytest.fixture
def patient_clinic(any_clinic: Clinic) -> Clinic:
    patient = create_record(any_clinic, Patient(mrn=MRN, family_name="Quispe Mamani", given_name="Juan"))
    create_record(any_clinic, TbeStudy(study_date=STUDY_DATE, patient_id=patient.id))
    return any_clinic


def _count(clinic: Clinic, model: type) -> int:
    with clinic.db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_same_film_attached_twice_is_stored_once(patient_clinic: Clinic, tmp_path: Path) -> None:
    film = write_radiograph_dicom(tmp_path / "five.dcm", pixel_spacing=(0.2, 0.2), patient_name="QUISPE^JUAN")
    first = attach_film(patient_clinic, MRN, STUDY_DATE, 5, film)
    second = attach_film(patient_clinic, MRN, STUDY_DATE, 2, film)
    assert first.stored_new and not second.stored_new and first.sha256 == second.sha256 == sha256_of(film.read_bytes())
    assert _count(patient_clinic, ImageRow) == 1 and _count(patient_clinic, ImageAttachmentRow) == 2
    assert _count(patient_clinic, ImageContentRow) == (0 if patient_clinic.is_sqlite else 1)
    assert image_bytes(patient_clinic, first.sha256) == film.read_bytes()
    png = thumbnail(patient_clinic, first.sha256)
    assert png is not None and png.startswith(b"\x89PNG")
    listed = list_images(patient_clinic, MRN)
    assert [(i.minute, i.file_name, i.media_type, i.rows, i.columns, i.calibration_source) for i in listed] == [
        (2, "five.dcm", "application/dicom", 64, 48, "pixel_spacing"),
        (5, "five.dcm", "application/dicom", 64, 48, "pixel_spacing"),
    ]
    assert all(i.attached_by == patient_clinic.user and i.record_date == STUDY_DATE for i in listed)


def test_another_patients_film_is_refused_naming_the_differences_until_confirmed(
    patient_clinic: Clinic, tmp_path: Path
) -> None:
    film = write_radiograph_dicom(
        tmp_path / "other.dcm", patient_id="HC-0999", patient_name="PEREZ^ROSA", study_date=dt.date(2025, 8, 1)
    )
    with pytest.raises(FilmMismatch) as refused:
        attach_film(patient_clinic, MRN, STUDY_DATE, 5, film)
    said = [str(d) for d in refused.value.differences]
    assert said == [
        "The file's patient ID is HC-0999, but this patient's MRN is HC-0001.",
        "The file's patient name is PEREZ ROSA, but this patient is Quispe Mamani, Juan.",
        "The file's study date is 2025-08-01, 22 days from this record's date 2025-07-10.",
    ]
    assert _count(patient_clinic, ImageRow) == 0 and _count(patient_clinic, ImageAttachmentRow) == 0
    done = attach_film(patient_clinic, MRN, STUDY_DATE, 5, film, confirm_mismatch=True)
    assert [str(d) for d in done.confirmed] == said
    (listed,) = list_images(patient_clinic, MRN)
    assert list(listed.confirmed_mismatch) == said
    with patient_clinic.db.session() as session:
        event = session.scalar(select(AuditEventRow).where(AuditEventRow.action == "attach"))
        assert event is not None and event.changes["confirmed_mismatch"] == said


def test_detach_marks_removed_and_keeps_who_attached_what(patient_clinic: Clinic, tmp_path: Path) -> None:
    film = write_radiograph_dicom(tmp_path / "one.dcm")
    done = attach_film(patient_clinic, MRN, STUDY_DATE, 1, film)
    detach(patient_clinic, done.attachment_id, reason="wrong minute")
    assert list_images(patient_clinic, MRN) == []
    (kept,) = list_images(patient_clinic, MRN, include_removed=True)
    assert kept.removed and kept.attached_by == patient_clinic.user
    assert image_bytes(patient_clinic, done.sha256) == film.read_bytes()  # the image stays
    with patient_clinic.db.session() as session:
        actions = session.scalars(
            select(AuditEventRow.action).where(AuditEventRow.entity == "image_attachment").order_by(AuditEventRow.id)
        ).all()
    assert actions == ["attach", "detach"]


def test_a_study_that_does_not_exist_and_a_file_that_is_not_an_image_are_refused(
    patient_clinic: Clinic, tmp_path: Path
) -> None:
    film = write_radiograph_dicom(tmp_path / "one.dcm")
    with pytest.raises(UserError, match="has no TBE study on 2025-07-11"):
        attach_film(patient_clinic, MRN, STUDY_DATE + dt.timedelta(days=1), 5, film)
    text = tmp_path / "notes.txt"
    text.write_text("not a film")
    with pytest.raises(UserError):
        attach_film(patient_clinic, MRN, STUDY_DATE, 5, text)
    assert _count(patient_clinic, ImageRow) == 0


def test_the_command_line_attaches_refuses_a_mismatch_with_exit_2_and_lists(
    clinic: Clinic, sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patient = create_record(clinic, Patient(mrn=MRN, family_name="Quispe", given_name="Juan"))
    create_record(clinic, TbeStudy(study_date=STUDY_DATE, patient_id=patient.id))
    clinic.close()
    good = write_radiograph_dicom(tmp_path / "good.dcm", imager_pixel_spacing=(0.15, 0.15))
    other = write_radiograph_dicom(tmp_path / "other.dcm", patient_id="HC-0777", pixels=None, rows=32, cols=32)
    db = ["--db", str(sqlite_path)]
    assert main(["image", "attach", MRN, "--study-date", "2025-07-10", "--minute", "5", str(good), *db]) == 0
    assert "Attached good.dcm" in capsys.readouterr().out
    assert main(["image", "attach", MRN, "--study-date", "2025-07-10", "--minute", "1", str(other), *db]) == 2
    err = capsys.readouterr().err
    assert "The file's patient ID is HC-0777, but this patient's MRN is HC-0001." in err
    assert "--confirm-mismatch" in err and "Traceback" not in err
    assert main(["image", "attach", MRN, "--study-date", "2025-07-10", "--minute", "1", str(other), *db,
                 "--confirm-mismatch"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["image", "list", MRN, "--json", *db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["minute"], r["file_name"], r["calibration_source"], len(r["confirmed_mismatch"])) for r in rows] == [
        (1, "other.dcm", "none", 1),
        (5, "good.dcm", "imager_pixel_spacing", 0),
    ]
    assert main(["--language", "es", "image", "list", MRN, *db]) == 0
    out = capsys.readouterr().out
    assert "Esofagograma 10/07/2025 5 min: good.dcm" in out and "2 imagen(es)" in out
