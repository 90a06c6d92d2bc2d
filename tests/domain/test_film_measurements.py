"""FilmMeasurements: centimetres from the points with the right spacing each way, the record's decimals, JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from barium_tracker.domain.calibration import UNCALIBRATED, calibration_from_tags, manual_calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.film_measurements import FilmMeasurements

NON_SQUARE = calibration_from_tags(pixel_spacing=[0.2, 0.1])


def test_vertical_and_horizontal_lengths_use_the_row_and_column_spacing() -> None:
    measured = FilmMeasurements(
        height_points=((10, 200), (10, 100)),  # 100 rows: 20 mm
        width_points=((10, 50), (110, 50)),  # 100 columns: 10 mm
        outline_points=((0, 0), (100, 0), (100, 100), (0, 100)),  # 10 mm x 20 mm
        calibration=NON_SQUARE,
    )
    assert measured.height_cm == Decimal("2.00")
    assert measured.width_cm == Decimal("1.00")
    assert measured.area_cm2 == Decimal("2.00")


def test_a_path_along_a_tortuous_oesophagus_is_longer_than_the_straight_line() -> None:
    path = FilmMeasurements(height_points=((0, 0), (30, 40), (0, 80)), calibration=calibration_from_tags([0.1, 0.1]))
    assert path.height_cm == Decimal("1.00")  # two steps of 50 px at 0.1 mm
    straight = FilmMeasurements(height_points=((0, 0), (0, 80)), calibration=path.calibration)
    assert straight.height_cm == Decimal("0.80")


def test_rounded_to_the_record_s_decimals_half_up() -> None:
    measured = FilmMeasurements(height_points=((0, 0), (0, 1234.5)), calibration=calibration_from_tags([0.1, 0.1]))
    assert measured.height_cm == Decimal("12.35")  # 123.45 mm
    assert measured.height_cm.as_tuple().exponent == -2  # type: ignore[union-attr]


def test_no_scale_no_centimetres_and_a_crossing_outline_no_area() -> None:
    blind = FilmMeasurements(height_points=((0, 0), (0, 100)), calibration=UNCALIBRATED)
    assert blind.height_cm is None and blind.width_cm is None and blind.area_cm2 is None
    bowtie = FilmMeasurements(outline_points=((0, 0), (100, 100), (100, 0), (0, 100)), calibration=NON_SQUARE)
    assert bowtie.outline_crosses_itself and bowtie.area_cm2 is None
    assert FilmMeasurements(width_points=((0, 0),), calibration=NON_SQUARE).width_cm is None


def test_json_round_trip_keeps_the_points_and_a_manual_calibration() -> None:
    calibration = manual_calibration(20, 100, 20, 230, 13, UNCALIBRATED, "tablet")
    measured = FilmMeasurements(
        height_points=((150.5, 320), (150, 50)),
        width_points=((100, 200), (200, 200)),
        outline_points=((100, 100), (200, 100), (200, 300)),
        calibration=calibration,
    )
    stored = json.loads(json.dumps(measured.to_json()))
    assert stored["height_cm"] == "2.70" and stored["calibration"]["source"] == "manual"
    again = FilmMeasurements.from_json(stored)
    assert again == measured
    assert FilmMeasurements.from_json({"calibration": None}) == FilmMeasurements()


def test_a_damaged_stored_form_is_a_user_error() -> None:
    with pytest.raises(UserError, match="damaged"):
        FilmMeasurements.from_json({"height_points": [[1]], "calibration": None})
    with pytest.raises(UserError, match="damaged"):
        FilmMeasurements.from_json({"calibration": {"source": "bogus"}})
