"""Measurements on attached films into the film record, on SQLite and PostgreSQL, from synthesised DICOM films:
source "image" with the calibration used, the marks kept as JSON, a typed correction saying "typed", a recalibration
recomputing every length from the same marks and audited with old and new values and both calibrations."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from barium_tracker.domain.calibration import CalibrationSource, LengthSource, manual_calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.records import ColumnMeasurement, Patient, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.library import attach_film
from barium_tracker.services.images.measurements import (
    film_calibration,
    recalibrate_film,
    save_film_measurements,
    stored_film_measurements,
)
from barium_tracker.services.patients import load_history
from barium_tracker.services.records import audit_trail, update_record
from barium_tracker.storage.models import ColumnMeasurementRow
from tests.support.radiographs import write_radiograph_dicom

STUDY_DATE = dt.date(2025, 7, 10)
MRN = "HC-0001"
# 0.5 mm per pixel: 240 pixels = 12 cm, 60 pixels = 3 cm.
HEIGHT = ((100.0, 400.0), (100.0, 160.0))
WIDTH = ((70.0, 200.0), (130.0, 200.0))
OUTLINE = ((70.0, 160.0), (130.0, 160.0), (130.0, 400.0), (70.0, 400.0))  # 60 x 240 px = 3 x 12 cm = 36 cm²


@pytest.fixture
def film(any_clinic: Clinic, tmp_path: Path) -> tuple[Clinic, int]:
    patient = create_patient(any_clinic)
    del patient
    path = write_radiograph_dicom(tmp_path / "five.dcm", rows=500, cols=300, pixel_spacing=(0.5, 0.5))
    attached = attach_film(any_clinic, MRN, STUDY_DATE, 5, path)
    return any_clinic, attached.attachment_id


def create_patient(clinic: Clinic) -> Patient:
    from barium_tracker.services.records import create_record

    patient = create_record(clinic, Patient(mrn=MRN, family_name="Quispe", given_name="Juan"))
    create_record(clinic, TbeStudy(study_date=STUDY_DATE, patient_id=patient.id))
    return patient


def _study(clinic: Clinic) -> TbeStudy:
    return load_history(clinic, mrn=MRN).studies[0]


def test_saved_measurements_go_into_the_minutes_record_with_source_image_and_the_calibration(
    film: tuple[Clinic, int],
) -> None:
    clinic, attachment_id = film
    saved = save_film_measurements(clinic, attachment_id, FilmMeasurements(HEIGHT, WIDTH, OUTLINE), "dr.rojas")
    assert (saved.height_cm, saved.width_cm, saved.traced_area_cm2) == (
        Decimal("12.00"),
        Decimal("3.00"),
        Decimal("36.00"),
    )
    m = _study(clinic).at(5)
    assert m is not None
    assert (m.height_cm, m.width_cm, m.traced_area_cm2) == (Decimal("12.00"), Decimal("3.00"), Decimal("36.00"))
    assert (m.height_source, m.width_source) == (LengthSource.IMAGE, LengthSource.IMAGE)
    assert m.calibration is not None and m.calibration.source is CalibrationSource.PIXEL_SPACING
    assert (
        str(m.height_source.said(m.calibration)) == "measured on the film; calibration: Pixel Spacing (patient plane)"
    )
    with clinic.db.session() as session:
        row = session.scalar(select(ColumnMeasurementRow))
        assert row is not None and row.image_attachment_id == attachment_id
        geometry = json.loads(row.geometry_json or "")
    assert geometry["height_points"] == [[100.0, 400.0], [100.0, 160.0]]
    assert geometry["calibration"]["source"] == "pixel_spacing"
    stored = stored_film_measurements(clinic, attachment_id)
    assert stored is not None and stored.height_points == HEIGHT and stored.height_cm == Decimal("12.00")
    event = audit_trail(clinic, _study(clinic).patient_id or 0)[-1]
    assert (event["action"], event["entity"], event["user_name"]) == ("measure", "tbe_study", "dr.rojas")
    before, after = event["changes"]["minute_5"]
    assert before is None
    assert after["height_cm"] == "12" and after["height_source"] == "image"
    assert after["calibration_source"] == "pixel_spacing"


def test_a_typed_value_over_an_image_value_says_typed_and_the_other_stays_image(film: tuple[Clinic, int]) -> None:
    clinic, attachment_id = film
    save_film_measurements(clinic, attachment_id, FilmMeasurements(HEIGHT, WIDTH, OUTLINE))
    study = _study(clinic)
    study.measurements = [ColumnMeasurement(minute=5, height_cm=Decimal("11.5"), width_cm=Decimal("3.00"))]
    update_record(clinic, study)
    m = _study(clinic).at(5)
    assert m is not None and m.height_cm == Decimal("11.5")
    assert (m.height_source, m.width_source) == (LengthSource.TYPED, LengthSource.IMAGE)
    assert m.traced_area_cm2 == Decimal("36.00")  # the outline traced on the film is not the editor's to drop
    before, after = audit_trail(clinic, study.patient_id or 0)[-1]["changes"]["minute_5"]
    assert (before["height_source"], after["height_source"]) == ("image", "typed")
    # The study editor's grid clears both lengths: the traced area stays on the film record.
    study = _study(clinic)
    study.measurements = []
    update_record(clinic, study)
    m = _study(clinic).at(5)
    assert m is not None and (m.height_cm, m.width_cm, m.traced_area_cm2) == (None, None, Decimal("36.00"))


def test_recalibrating_recomputes_every_length_from_the_marks_and_audits_old_and_new(film: tuple[Clinic, int]) -> None:
    clinic, attachment_id = film
    save_film_measurements(clinic, attachment_id, FilmMeasurements(HEIGHT, WIDTH, OUTLINE))
    # The 13 mm tablet measures 20 pixels: 0.65 mm per pixel, 1.3 times the file's scale.
    tablet = manual_calibration(
        10, 10, 10, 30, 13, native=film_calibration(clinic, attachment_id), object_name="tablet"
    )
    again = recalibrate_film(clinic, attachment_id, tablet, "dr.rojas", reason="tablet in the plane")
    assert (again.height_cm, again.width_cm, again.traced_area_cm2) == (
        Decimal("15.60"),
        Decimal("3.90"),
        Decimal("60.84"),
    )
    assert again.calibration is not None and again.calibration.source is CalibrationSource.MANUAL
    assert str(again.height_source.said(again.calibration)) == "measured on the film; calibration: Manual: 13 mm tablet"
    event = audit_trail(clinic, _study(clinic).patient_id or 0)[-1]
    assert (event["action"], event["reason"]) == ("recalibrate", "tablet in the plane")
    before, after = event["changes"]["minute_5"]
    assert (before["height_cm"], after["height_cm"]) == ("12", "15.6")
    assert (before["traced_area_cm2"], after["traced_area_cm2"]) == ("36", "60.84")
    old, new = event["changes"]["calibration"]
    assert (old["source"], new["source"]) == ("pixel_spacing", "manual")
    assert new["explanation"] == "Manual: 13 mm tablet" and new["points"] == [10.0, 10.0, 10.0, 30.0]


def test_recalibrating_leaves_a_typed_value_typed(film: tuple[Clinic, int]) -> None:
    clinic, attachment_id = film
    save_film_measurements(clinic, attachment_id, FilmMeasurements(HEIGHT, WIDTH))
    study = _study(clinic)
    study.measurements = [ColumnMeasurement(minute=5, height_cm=Decimal("11.5"), width_cm=Decimal("3.00"))]
    update_record(clinic, study)
    tablet = manual_calibration(10, 10, 10, 30, 13)
    again = recalibrate_film(clinic, attachment_id, tablet)
    assert (again.height_cm, again.height_source) == (Decimal("11.5"), LengthSource.TYPED)
    assert (again.width_cm, again.width_source) == (Decimal("3.90"), LengthSource.IMAGE)


def test_refusals_change_nothing(any_clinic: Clinic, tmp_path: Path) -> None:
    create_patient(any_clinic)
    bare = write_radiograph_dicom(tmp_path / "bare.dcm", rows=500, cols=300)
    attachment_id = attach_film(any_clinic, MRN, STUDY_DATE, 5, bare).attachment_id
    with pytest.raises(UserError, match="This image has no scale"):
        save_film_measurements(any_clinic, attachment_id, FilmMeasurements(HEIGHT))
    with pytest.raises(UserError, match=r"The point 100,900 is outside the film \(300 x 500 pixels\)"):
        save_film_measurements(
            any_clinic,
            attachment_id,
            FilmMeasurements(((100, 900), (100, 160)), calibration=manual_calibration(0, 0, 0, 20, 13)),
        )
    with pytest.raises(UserError, match="crosses itself"):
        bowtie = ((70, 160), (130, 400), (130, 160), (70, 400))
        save_film_measurements(
            any_clinic,
            attachment_id,
            FilmMeasurements(outline_points=bowtie, calibration=manual_calibration(0, 0, 0, 20, 13)),
        )
    with pytest.raises(UserError, match="Height at 5 min must be between 0 and 40 cm"):
        huge = manual_calibration(0, 0, 0, 2, 13)  # 6.5 mm per pixel: 240 px = 156 cm
        save_film_measurements(any_clinic, attachment_id, FilmMeasurements(HEIGHT, calibration=huge))
    with pytest.raises(UserError, match="The width is two points across the column; it has 1"):
        save_film_measurements(
            any_clinic,
            attachment_id,
            FilmMeasurements(width_points=((1, 1),), calibration=manual_calibration(0, 0, 0, 20, 13)),
        )
    with pytest.raises(UserError, match="Nothing was measured on image"):
        recalibrate_film(any_clinic, attachment_id, manual_calibration(0, 0, 0, 20, 13))
    assert _study(any_clinic).at(5) is None
    # Uncalibrated film, manual calibration: saved, and the record says so.
    tablet = manual_calibration(10, 10, 10, 30, 13, object_name="tablet")
    saved = save_film_measurements(any_clinic, attachment_id, FilmMeasurements(HEIGHT, calibration=tablet))
    assert saved.height_cm == Decimal("15.60") and saved.width_cm is None and saved.width_source is LengthSource.TYPED


def test_film_measurements_json_round_trip() -> None:
    tablet = manual_calibration(10, 10, 10, 30, 13, object_name="tablet")
    measured = FilmMeasurements(HEIGHT, WIDTH, OUTLINE, tablet)
    assert FilmMeasurements.from_json(json.loads(json.dumps(measured.to_json()))) == measured
    assert FilmMeasurements().empty and FilmMeasurements().height_cm is None


AFTER_DATE = dt.date(2025, 8, 12)


@pytest.fixture
def treated(any_clinic: Clinic, tmp_path: Path) -> tuple[Clinic, int, int]:
    """The seed case's shape: a 5-min film before (12 cm measured on it) and after a POEM (2.7 cm measured on it)."""
    from barium_tracker.domain.enums import ProcedureType
    from barium_tracker.domain.records import Procedure
    from barium_tracker.services.records import create_record

    patient = create_patient(any_clinic)
    create_record(
        any_clinic,
        Procedure(procedure_date=dt.date(2025, 7, 11), procedure_type=ProcedureType.POEM, patient_id=patient.id),
    )
    create_record(any_clinic, TbeStudy(study_date=AFTER_DATE, patient_id=patient.id))
    before = write_radiograph_dicom(tmp_path / "before.dcm", rows=500, cols=300, pixel_spacing=(0.5, 0.5))
    after = write_radiograph_dicom(
        tmp_path / "after.dcm", rows=500, cols=300, imager_pixel_spacing=(0.5, 0.5), study_date=AFTER_DATE
    )
    pre = attach_film(any_clinic, MRN, STUDY_DATE, 5, before).attachment_id
    post = attach_film(any_clinic, MRN, AFTER_DATE, 5, after).attachment_id
    save_film_measurements(any_clinic, pre, FilmMeasurements(HEIGHT, WIDTH, OUTLINE))
    short = ((100.0, 400.0), (100.0, 346.0))  # 54 px = 2.7 cm
    low = ((70.0, 346.0), (130.0, 346.0), (130.0, 400.0), (70.0, 400.0))  # 3 x 2.7 cm = 8.1 cm²
    save_film_measurements(any_clinic, post, FilmMeasurements(short, WIDTH, low))
    return any_clinic, pre, post


def test_the_summary_says_where_each_length_came_from_in_text_and_json(treated: tuple[Clinic, int, int]) -> None:
    from barium_tracker.services.presentation import summary_to_html, summary_to_text
    from barium_tracker.services.summary import patient_summary, summary_to_json

    clinic, _, _ = treated
    summary = patient_summary(clinic, MRN)
    said = summary_to_json(summary)
    film = said["tbe_studies"][0]["measurements"][0]
    assert (film["height_cm"], film["width_cm"], film["area_cm2"], film["traced_area_cm2"]) == (12, 3, 36, 36)
    assert film["source"] == {"height_cm": "image", "width_cm": "image", "traced_area_cm2": "image"}
    assert film["calibration"]["source"] == "pixel_spacing"
    assert film["calibration"]["explanation"] == "Pixel Spacing (patient plane)"
    after = said["tbe_studies"][1]["measurements"][0]
    assert after["calibration"]["source"] == "imager_pixel_spacing"
    text = summary_to_text(summary)
    assert "5 min: 12 cm -> 2.7 cm (-77.5 %)" in text
    assert (
        "before: measured on the film; calibration: Pixel Spacing (patient plane); after: measured on the film; "
        "calibration: At the detector: lengths overstated by the magnification"
    ) in text
    assert "Traced area: 36 cm²" in summary_to_html(summary)
    # A typed correction on the later film: the line says so.
    study = load_history(clinic, mrn=MRN).studies[1]
    study.measurements = [ColumnMeasurement(minute=5, height_cm=Decimal("2.7"), width_cm=Decimal("2.5"))]
    update_record(clinic, study)
    text = summary_to_text(patient_summary(clinic, MRN))
    assert "after: height measured on the film; calibration: At the detector" in text
    assert "; width typed" in text


def test_the_fhir_export_notes_where_the_lengths_came_from(treated: tuple[Clinic, int, int]) -> None:
    from barium_tracker.services.fhir_export import fhir_bundle

    clinic, _, _ = treated
    bundle = fhir_bundle(clinic, mrns=[MRN])
    studies = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation" and e["resource"]["code"]["coding"][0]["code"] == "tbe"
    ]
    notes = [n["text"] for s in studies for n in s.get("note", [])]
    assert notes == [
        "5-min film: measured on the film; calibration: Pixel Spacing (patient plane); traced column area 36 cm².",
        "5-min film: measured on the film; calibration: At the detector: lengths overstated by the magnification; "
        "traced column area 8.1 cm².",
    ]
