"""How a length in pixels of a radiograph becomes millimetres, and why it can be trusted: never silent.

The order of trust for a projection radiograph (DOMAIN.md, "Measuring on the radiograph"): PixelSpacing (0028,0030)
at the patient plane; else ImagerPixelSpacing (0018,1164) divided by EstimatedRadiographicMagnificationFactor
(0018,5022) ("corrected for magnification"); else ImagerPixelSpacing alone, at the detector, which overstates lengths
at the patient by the geometric magnification; else no scale at all. A manual calibration on an object of known size
(the 13 mm barium tablet, a ruler, a marker) beats them all. Both spacing attributes are [row spacing, column
spacing] = [vertical, horizontal] in mm: pixels need not be square.

A :class:`Calibration` is plain data with :meth:`Calibration.to_json` / :meth:`Calibration.from_json`, because it is
stored (as JSON, never pickled) beside every length measured with it, and shown beside every length on screen, in
the report and in exports (:meth:`Calibration.explanation`).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say

#: A spacing outside (0, MAX_SPACING_MM] mm per pixel is nonsense, whatever the tag says.
MAX_SPACING_MM = 50.0
#: A geometric magnification below 1 is impossible in projection radiography; above this it is nonsense.
MAX_MAGNIFICATION = 10.0
#: The longest object a manual calibration accepts (a film is at most about 43 cm).
MAX_CALIBRATION_LENGTH_MM = 1000.0


class CalibrationSource(enum.StrEnum):
    """Where a calibration's scale came from, most trusted first (DOMAIN.md)."""

    PIXEL_SPACING = "pixel_spacing"
    IMAGER_PIXEL_SPACING_ERMF = "imager_pixel_spacing_ermf"
    IMAGER_PIXEL_SPACING = "imager_pixel_spacing"
    MANUAL = "manual"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Calibration:
    """The scale of one image: mm per pixel vertically (row spacing) and horizontally (column spacing), and why.

    ``ignored_tags`` names the DICOM attributes present but unusable (zero, negative, not a number, one value),
    so that "uncalibrated" can say the file had something and it was refused. For a manual calibration, ``points``
    are the two points (x1, y1, x2, y2) in pixels of the stored image, ``length_mm`` the typed length between them
    and ``object_name`` what was measured ("tablet", "ruler"; may be empty).
    """

    source: CalibrationSource
    row_spacing_mm: float | None = None
    column_spacing_mm: float | None = None
    calibration_type: str | None = None  # PixelSpacingCalibrationType: "GEOMETRY", "FIDUCIAL", or None
    magnification: float | None = None  # EstimatedRadiographicMagnificationFactor used to correct the spacing
    ignored_tags: tuple[str, ...] = ()
    points: tuple[float, float, float, float] | None = None
    length_mm: float | None = None
    object_name: str = ""

    @property
    def calibrated(self) -> bool:
        """Whether lengths can be measured with it (any source but NONE)."""
        return self.row_spacing_mm is not None and self.column_spacing_mm is not None

    @property
    def square(self) -> bool:
        return self.calibrated and math.isclose(self.row_spacing_mm, self.column_spacing_mm, rel_tol=1e-9)  # type: ignore[arg-type]

    def explanation(self) -> Message:
        """The one sentence shown beside every length measured with this calibration."""
        return _explain(self)

    def to_json(self) -> dict[str, Any]:
        """A JSON-friendly dict (the stored form; :meth:`from_json` reads it back exactly)."""
        return {
            "source": self.source.value,
            "row_spacing_mm": self.row_spacing_mm,
            "column_spacing_mm": self.column_spacing_mm,
            "calibration_type": self.calibration_type,
            "magnification": self.magnification,
            "ignored_tags": list(self.ignored_tags),
            "points": list(self.points) if self.points is not None else None,
            "length_mm": self.length_mm,
            "object_name": self.object_name,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        """The calibration :meth:`to_json` wrote (keys it does not know, e.g. an ``explanation``, are ignored)."""
        try:
            points = data.get("points")
            return cls(
                source=CalibrationSource(data["source"]),
                row_spacing_mm=_optional_float(data.get("row_spacing_mm")),
                column_spacing_mm=_optional_float(data.get("column_spacing_mm")),
                calibration_type=data.get("calibration_type") or None,
                magnification=_optional_float(data.get("magnification")),
                ignored_tags=tuple(str(tag) for tag in data.get("ignored_tags") or ()),
                points=tuple(float(v) for v in points) if points is not None else None,  # type: ignore[arg-type]
                length_mm=_optional_float(data.get("length_mm")),
                object_name=str(data.get("object_name") or ""),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise UserError(say(N_("A stored calibration is damaged ({reason})."), reason=str(error))) from error


UNCALIBRATED = Calibration(CalibrationSource.NONE)


class LengthSource(enum.StrEnum):
    """Where a film record's length came from (stored in column_measurement.height_source/width_source)."""

    TYPED = "typed"  # typed in an editor, imported, or older than the images
    IMAGE = "image"  # measured on the attached film, with the calibration stored beside it

    def said(self, calibration: Calibration | None = None) -> Message:
        """What is shown beside the length: "typed", or "measured on the film: <calibration sentence>"."""
        if self is LengthSource.TYPED:
            return say(N_("typed"))
        if calibration is None:
            return say(N_("measured on the film"))
        return say(N_("measured on the film; calibration: {calibration}"), calibration=calibration.explanation())


def _optional_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _spacing(value: object) -> tuple[float, float] | None:
    """[row, column] spacing in mm when ``value`` is two finite numbers in (0, MAX_SPACING_MM]; else None."""
    if value is None or isinstance(value, str | bytes):
        return None
    try:
        numbers = [float(v) for v in value]  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    if len(numbers) != 2 or not all(math.isfinite(v) and 0 < v <= MAX_SPACING_MM for v in numbers):
        return None
    return numbers[0], numbers[1]


def _magnification(value: object) -> float | None:
    try:
        factor = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return factor if math.isfinite(factor) and 1.0 <= factor <= MAX_MAGNIFICATION else None


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str | bytes | Sequence):
        return len(value) > 0
    return True


def calibration_from_tags(
    pixel_spacing: object = None,
    imager_pixel_spacing: object = None,
    magnification: object = None,
    calibration_type: object = None,
) -> Calibration:
    """The file's own scale, in the order of trust of DOMAIN.md; nonsense values are ignored (and named), never used.

    ``pixel_spacing`` and ``imager_pixel_spacing`` are the tags' values as read ([row, column] in mm; a pydicom
    MultiValue, a list, or None when absent), ``magnification`` EstimatedRadiographicMagnificationFactor,
    ``calibration_type`` PixelSpacingCalibrationType.
    """
    ignored: list[str] = []
    kind = str(calibration_type).strip().upper() if _present(calibration_type) else None
    patient = _spacing(pixel_spacing)
    if patient is not None:
        return Calibration(CalibrationSource.PIXEL_SPACING, *patient, calibration_type=kind)
    if _present(pixel_spacing):
        ignored.append("PixelSpacing")
    detector = _spacing(imager_pixel_spacing)
    if detector is not None:
        factor = _magnification(magnification)
        if factor is not None:
            row, column = detector[0] / factor, detector[1] / factor
            return Calibration(
                CalibrationSource.IMAGER_PIXEL_SPACING_ERMF,
                row,
                column,
                magnification=factor,
                ignored_tags=tuple(ignored),
            )
        if _present(magnification):
            ignored.append("EstimatedRadiographicMagnificationFactor")
        return Calibration(CalibrationSource.IMAGER_PIXEL_SPACING, *detector, ignored_tags=tuple(ignored))
    if _present(imager_pixel_spacing):
        ignored.append("ImagerPixelSpacing")
    return Calibration(CalibrationSource.NONE, ignored_tags=tuple(ignored))


def manual_calibration(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    length_mm: float,
    native: Calibration | None = None,
    object_name: str = "",
) -> Calibration:
    """The scale given by two points on an object of known length in the plane of the oesophagus.

    The pixel aspect ratio (row spacing / column spacing) of the file's own calibration is kept when it has one
    (a detector's pixels are what they are; only the scale at the patient is unknown); square otherwise. So with
    column spacing c and row spacing r*c, the typed length L = c * sqrt(dx**2 + (r*dy)**2).
    """
    values = (x1, y1, x2, y2)
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
        raise UserError(say(N_("The calibration points must be numbers (pixels of the image).")))
    if not isinstance(length_mm, int | float) or not math.isfinite(length_mm) or length_mm <= 0:
        raise UserError(
            say(N_("The calibration length must be more than 0 mm; you entered {value}."), value=_said(length_mm))
        )
    if length_mm > MAX_CALIBRATION_LENGTH_MM:
        raise UserError(
            say(
                N_("The calibration length must be at most {limit} mm; you entered {value} mm."),
                limit=int(MAX_CALIBRATION_LENGTH_MM),
                value=_said(length_mm),
            )
        )
    ratio = 1.0
    if native is not None and native.calibrated:
        ratio = native.row_spacing_mm / native.column_spacing_mm  # type: ignore[operator]
    dx, dy = x2 - x1, y2 - y1
    pixels = math.hypot(dx, ratio * dy)
    if pixels == 0:
        raise UserError(say(N_("The two calibration points are the same point: mark both ends of the object.")))
    column = length_mm / pixels
    return Calibration(
        CalibrationSource.MANUAL,
        row_spacing_mm=ratio * column,
        column_spacing_mm=column,
        points=(float(x1), float(y1), float(x2), float(y2)),
        length_mm=float(length_mm),
        object_name=object_name.strip(),
    )


def _said(value: object) -> object:
    """A number as a message argument (Decimal, so that it is written with the reader's decimal separator)."""
    if isinstance(value, float) and math.isfinite(value):
        return decimal_mm(value)
    return value


def decimal_mm(value: float, places: int = 2) -> Decimal:
    """A length rounded for people ("13", "0.15", "27.04"), trailing zeros dropped: a message argument."""
    rounded = Decimal(str(round(value, places)))
    text = format(rounded.normalize(), "f")
    return Decimal(text)


def _explain(calibration: Calibration) -> Message:
    source = calibration.source
    if source is CalibrationSource.PIXEL_SPACING:
        if calibration.calibration_type:
            return say(N_("Pixel Spacing (patient plane, {type})"), type=calibration.calibration_type)
        return say(N_("Pixel Spacing (patient plane)"))
    if source is CalibrationSource.IMAGER_PIXEL_SPACING_ERMF:
        return say(
            N_("Imager Pixel Spacing corrected for magnification x{factor}"),
            factor=decimal_mm(calibration.magnification or 1.0, 3),
        )
    if source is CalibrationSource.IMAGER_PIXEL_SPACING:
        return say(N_("At the detector: lengths overstated by the magnification"))
    if source is CalibrationSource.MANUAL:
        length = decimal_mm(calibration.length_mm or 0.0)
        if calibration.object_name:
            return say(N_("Manual: {length} mm {object}"), length=length, object=calibration.object_name)
        return say(N_("Manual: {length} mm between two points"), length=length)
    if calibration.ignored_tags:
        return say(
            N_("Uncalibrated (the file's {tags} is not usable): measure a known object first"),
            tags=", ".join(calibration.ignored_tags),
        )
    return say(N_("Uncalibrated: measure a known object first"))
