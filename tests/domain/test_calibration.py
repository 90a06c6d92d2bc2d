"""The scale of a radiograph: the order of trust of DOMAIN.md, nonsense refused by name, manual calibration keeping
the pixel aspect, the stored JSON form, and one sentence per source in English and Spanish."""

from __future__ import annotations

import json
import math

import pytest

from barium_tracker.domain.calibration import (
    Calibration,
    CalibrationSource,
    calibration_from_tags,
    manual_calibration,
)
from barium_tracker.domain.errors import UserError
from tests.support.language import _compiled_catalogue  # noqa: F401 (autouse fixture)


def test_pixel_spacing_is_trusted_first_and_keeps_its_calibration_type() -> None:
    c = calibration_from_tags([0.2, 0.1], [0.3, 0.3], 1.2, "GEOMETRY")
    assert c.source is CalibrationSource.PIXEL_SPACING
    assert (c.row_spacing_mm, c.column_spacing_mm) == (0.2, 0.1)
    assert c.calibration_type == "GEOMETRY"
    assert str(c.explanation()) == "Pixel Spacing (patient plane, GEOMETRY)"
    assert str(calibration_from_tags([0.1, 0.1]).explanation()) == "Pixel Spacing (patient plane)"


def test_imager_pixel_spacing_is_divided_by_the_magnification_factor() -> None:
    c = calibration_from_tags(None, [0.15, 0.138], 1.15)
    assert c.source is CalibrationSource.IMAGER_PIXEL_SPACING_ERMF
    assert c.row_spacing_mm == pytest.approx(0.15 / 1.15) and c.column_spacing_mm == pytest.approx(0.138 / 1.15)
    assert c.magnification == 1.15
    assert str(c.explanation()) == "Imager Pixel Spacing corrected for magnification x1.15"


def test_imager_pixel_spacing_alone_says_lengths_are_overstated() -> None:
    c = calibration_from_tags(None, [0.15, 0.15])
    assert c.source is CalibrationSource.IMAGER_PIXEL_SPACING and c.row_spacing_mm == 0.15
    assert str(c.explanation()) == "At the detector: lengths overstated by the magnification"


def test_no_spacing_at_all_is_uncalibrated() -> None:
    c = calibration_from_tags()
    assert c.source is CalibrationSource.NONE and not c.calibrated
    assert c.row_spacing_mm is None and c.column_spacing_mm is None
    assert str(c.explanation()) == "Uncalibrated: measure a known object first"


@pytest.mark.parametrize(
    "nonsense",
    [[0, 0.1], [-0.2, 0.1], [float("nan"), 0.1], [0.1], 0.1, [0.1, 0.1, 0.1], ["a", "b"], [float("inf"), 1], [80, 80]],
)
def test_nonsense_pixel_spacing_is_ignored_by_name_never_used(nonsense: object) -> None:
    c = calibration_from_tags(nonsense)
    assert c.source is CalibrationSource.NONE and c.ignored_tags == ("PixelSpacing",)
    assert str(c.explanation()) == "Uncalibrated (the file's PixelSpacing is not usable): measure a known object first"
    # the next source in the order of trust is still used
    fallback = calibration_from_tags(nonsense, [0.15, 0.15])
    assert fallback.source is CalibrationSource.IMAGER_PIXEL_SPACING and fallback.ignored_tags == ("PixelSpacing",)


@pytest.mark.parametrize("factor", [0, -1.1, 0.8, float("nan"), "x", 50])
def test_a_nonsense_magnification_leaves_the_detector_spacing_uncorrected(factor: object) -> None:
    c = calibration_from_tags(None, [0.15, 0.15], factor)
    assert c.source is CalibrationSource.IMAGER_PIXEL_SPACING
    assert c.ignored_tags == ("EstimatedRadiographicMagnificationFactor",)


def test_manual_calibration_on_square_pixels() -> None:
    c = manual_calibration(10, 20, 10, 150, 13.0, object_name="tablet")  # 130 px vertical = 13 mm
    assert c.source is CalibrationSource.MANUAL
    assert c.row_spacing_mm == pytest.approx(0.1) and c.column_spacing_mm == pytest.approx(0.1)
    assert c.points == (10.0, 20.0, 10.0, 150.0) and c.length_mm == 13.0
    assert str(c.explanation()) == "Manual: 13 mm tablet"
    assert str(manual_calibration(0, 0, 3, 4, 10).explanation()) == "Manual: 10 mm between two points"


def test_manual_calibration_keeps_the_native_pixel_aspect_ratio() -> None:
    native = calibration_from_tags(None, [0.4, 0.2])  # rows twice as far apart as columns
    horizontal = manual_calibration(0, 0, 100, 0, 10.0, native)  # 100 columns = 10 mm
    assert horizontal.column_spacing_mm == pytest.approx(0.1) and horizontal.row_spacing_mm == pytest.approx(0.2)
    vertical = manual_calibration(0, 0, 0, 50, 10.0, native)  # 50 rows = 10 mm
    assert vertical.row_spacing_mm == pytest.approx(0.2) and vertical.column_spacing_mm == pytest.approx(0.1)
    diagonal = manual_calibration(0, 0, 30, 40, 10.0, native)
    assert math.hypot(30 * diagonal.column_spacing_mm, 40 * diagonal.row_spacing_mm) == pytest.approx(10.0)
    assert diagonal.row_spacing_mm / diagonal.column_spacing_mm == pytest.approx(2.0)


def test_manual_calibration_ignores_an_uncalibrated_native() -> None:
    c = manual_calibration(0, 0, 0, 130, 13, calibration_from_tags())
    assert c.row_spacing_mm == pytest.approx(0.1) and c.column_spacing_mm == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((5, 5, 5, 5, 13), "The two calibration points are the same point: mark both ends of the object."),
        ((0, 0, 0, 10, 0), "The calibration length must be more than 0 mm; you entered 0."),
        ((0, 0, 0, 10, -13.5), "The calibration length must be more than 0 mm; you entered -13.5."),
        ((0, 0, 0, 10, 5000.0), "The calibration length must be at most 1000 mm; you entered 5000 mm."),
        ((0, 0, 0, 10, float("nan")), "The calibration length must be more than 0 mm; you entered nan."),
        ((0, float("nan"), 0, 10, 13), "The calibration points must be numbers (pixels of the image)."),
    ],
)
def test_manual_calibration_refuses_what_cannot_be_a_scale(args: tuple, said: str) -> None:
    with pytest.raises(UserError) as caught:
        manual_calibration(*args)
    assert str(caught.value) == said


@pytest.mark.parametrize(
    "calibration",
    [
        calibration_from_tags([0.2, 0.1], None, None, "FIDUCIAL"),
        calibration_from_tags(None, [0.15, 0.15], 1.15),
        calibration_from_tags("bad", [0.15, 0.15]),
        calibration_from_tags([0], None),
        manual_calibration(1.5, 2, 3, 140.25, 13, calibration_from_tags([0.2, 0.1]), object_name="tableta"),
    ],
)
def test_the_json_form_reads_back_exactly(calibration: Calibration) -> None:
    text = json.dumps(calibration.to_json())
    assert Calibration.from_json(json.loads(text)) == calibration
    assert Calibration.from_json({**json.loads(text), "explanation": "ignored"}) == calibration


def test_a_damaged_stored_calibration_is_a_user_error() -> None:
    with pytest.raises(UserError, match="A stored calibration is damaged"):
        Calibration.from_json({"source": "millimetres"})


def test_each_sentence_in_spanish_with_a_decimal_comma() -> None:
    from barium_tracker.ui import language

    translate = language.translate_function("es")

    def spanish(c: Calibration) -> str:
        return c.explanation().render(translate, lambda v: format(v, "f").replace(".", ","))

    assert spanish(calibration_from_tags([0.1, 0.1], None, None, "GEOMETRY")) == (
        "Pixel Spacing (plano del paciente, GEOMETRY)"
    )
    assert spanish(calibration_from_tags(None, [0.15, 0.15], 1.15)) == (
        "Imager Pixel Spacing corregido por la magnificación x1,15"
    )
    assert spanish(calibration_from_tags(None, [0.15, 0.15])) == (
        "En el detector: longitudes sobrestimadas por la magnificación"
    )
    assert spanish(manual_calibration(0, 0, 0, 130, 13, object_name="tableta")) == "Manual: tableta de 13 mm"
    assert spanish(calibration_from_tags()) == "Sin calibrar: mida primero un objeto conocido"
