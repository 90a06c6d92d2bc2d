"""Lengths and areas in mm from pixel coordinates: the right spacing in each direction, analytically known values,
and refusals (uncalibrated, too few points, a self-crossing outline)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barium_tracker.domain.calibration import calibration_from_tags, manual_calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.geometry import (
    distance_mm,
    inside_image,
    outline_crosses_itself,
    path_length_mm,
    polygon_area_mm2,
)

NON_SQUARE = calibration_from_tags([0.2, 0.1])  # rows 0.2 mm apart, columns 0.1 mm
SQUARE = calibration_from_tags([0.1, 0.1])
UNCALIBRATED = calibration_from_tags()


def test_non_square_pixels_vertical_uses_the_row_spacing_horizontal_the_column_spacing() -> None:
    assert distance_mm((10, 10), (10, 110), NON_SQUARE) == pytest.approx(20.0)  # 100 rows
    assert distance_mm((10, 10), (110, 10), NON_SQUARE) == pytest.approx(10.0)  # 100 columns
    assert distance_mm((0, 0), (30, 20), NON_SQUARE) == pytest.approx(5.0)  # 3 mm across, 4 mm down


def test_a_path_along_a_tortuous_oesophagus_is_longer_than_its_chord() -> None:
    points = [(0, 0), (0, 50), (40, 50), (40, 100)]  # down 10 mm, across 4 mm, down 10 mm
    assert path_length_mm(points, NON_SQUARE) == pytest.approx(24.0)
    assert distance_mm(points[0], points[-1], NON_SQUARE) < 24.0


def test_a_sampled_semicircle_is_within_one_pixel_of_pi_r() -> None:
    radius_px = 200
    points = [(radius_px * math.cos(t), radius_px * math.sin(t)) for t in (math.pi * i / 400 for i in range(401))]
    assert abs(path_length_mm(points, SQUARE) - math.pi * radius_px * 0.1) < 0.1


def test_rectangle_area_in_mm2_with_non_square_pixels() -> None:
    rectangle = [(0, 0), (100, 0), (100, 50), (0, 50)]  # 10 mm wide, 10 mm high
    assert polygon_area_mm2(rectangle, NON_SQUARE) == pytest.approx(100.0)
    assert polygon_area_mm2(list(reversed(rectangle)), NON_SQUARE) == pytest.approx(100.0)  # either direction


def test_a_traced_circle_is_within_one_pixel_ring_of_pi_r_squared() -> None:
    r = 100  # px; 10 mm on square 0.1 mm pixels
    outline = [(r * math.cos(t) + 150, r * math.sin(t) + 150) for t in (2 * math.pi * i / 720 for i in range(720))]
    area = polygon_area_mm2(outline, SQUARE)
    ring = 2 * math.pi * (r * 0.1) * 0.1  # one pixel's width around the circumference
    assert abs(area - math.pi * (r * 0.1) ** 2) < ring


def test_a_self_crossing_outline_is_refused() -> None:
    bow_tie = [(0, 0), (10, 10), (10, 0), (0, 10)]
    assert outline_crosses_itself(bow_tie)
    with pytest.raises(UserError, match="The outline crosses itself"):
        polygon_area_mm2(bow_tie, SQUARE)
    assert not outline_crosses_itself([(0, 0), (10, 0), (10, 10), (0, 10)])
    assert not outline_crosses_itself([(0, 0), (10, 0), (5, 3), (10, 10), (0, 10)])  # concave is fine


def test_too_few_points_are_refused() -> None:
    with pytest.raises(UserError, match=r"A path needs at least two points; it has 1\."):
        path_length_mm([(0, 0)], SQUARE)
    with pytest.raises(UserError, match=r"An outline needs at least three points; it has 2\."):
        polygon_area_mm2([(0, 0), (1, 1)], SQUARE)


@pytest.mark.parametrize(
    "measure",
    [
        lambda: distance_mm((0, 0), (0, 10), UNCALIBRATED),
        lambda: path_length_mm([(0, 0), (0, 10)], UNCALIBRATED),
        lambda: polygon_area_mm2([(0, 0), (0, 10), (10, 10)], UNCALIBRATED),
    ],
)
def test_an_uncalibrated_image_is_refused_with_how_to_calibrate(measure) -> None:
    with pytest.raises(UserError) as caught:
        measure()
    assert str(caught.value).startswith("This image has no scale: calibrate it first with two points on an object")
    assert "13 mm barium tablet" in str(caught.value)


def test_manual_calibration_then_measurement_round_trip() -> None:
    calibration = manual_calibration(50, 20, 50, 150, 13.0)  # 130 px = 13 mm
    assert distance_mm((60, 10), (60, 280), calibration) == pytest.approx(27.0)  # 270 px


def test_inside_image_includes_the_edges() -> None:
    assert inside_image((0, 0), 48, 64) and inside_image((48, 64), 48, 64)
    assert not inside_image((48.5, 10), 48, 64) and not inside_image((-0.1, 10), 48, 64)


coordinates = st.floats(min_value=-5000, max_value=5000, allow_nan=False)
spacings = st.floats(min_value=0.01, max_value=5, allow_nan=False)


@given(coordinates, coordinates, coordinates, coordinates, spacings, spacings)
def test_distance_is_symmetric_and_splits_into_the_two_spacings(x1, y1, x2, y2, row, column) -> None:
    calibration = calibration_from_tags([row, column])
    d = distance_mm((x1, y1), (x2, y2), calibration)
    assert d == pytest.approx(distance_mm((x2, y2), (x1, y1), calibration))
    assert d == pytest.approx(math.hypot((x2 - x1) * column, (y2 - y1) * row))
