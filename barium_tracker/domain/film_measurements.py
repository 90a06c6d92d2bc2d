"""What was measured on one film: the points, the calibration they were measured with, and the lengths they give.

Plain, JSON-friendly data shared by the viewer (which draws and drags the points) and the services (which save them
into that minute's film record). The points are kept, not only the lengths, so that a new calibration of the same
film recomputes every length from the same marks (services/images/measurements.py) and the figure can draw them.

Coordinates are pixels of the stored image (x = column, y = row, 0-based from the top-left; docs/images.md).
``height_points`` is the column height from the gastro-oesophageal junction to the top of the column: two points,
or a polyline along a tortuous oesophagus; ``width_points`` the two ends of the widest point; ``outline_points`` the
traced outline of the column (closed from the last point to the first). Any of them may be empty: not measured.
Lengths are ``Decimal`` in cm rounded half-up to the record's decimals (domain/fields.py MAX_DECIMALS), the area in
cm² likewise, because they go into the record as typed values would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from barium_tracker.domain.calibration import UNCALIBRATED, Calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.fields import MAX_DECIMALS
from barium_tracker.domain.geometry import Point, path_length_mm, polygon_area_mm2
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say

__all__ = ["FilmMeasurements"]

_PLACES = Decimal(1).scaleb(-MAX_DECIMALS)  # 0.01


def _cm(value_mm: float, per_cm: int) -> Decimal:
    """mm (mm²) to cm (cm²), rounded half-up to the record's decimals, trailing zeros dropped as storage reads."""
    rounded = (Decimal(repr(value_mm)) / per_cm).quantize(_PLACES, rounding=ROUND_HALF_UP)
    return Decimal(format(rounded.normalize(), "f"))


def _points(value: object, name: str) -> tuple[Point, ...]:
    if value is None:
        return ()
    try:
        found = tuple((float(p[0]), float(p[1])) for p in value)  # type: ignore[attr-defined, index]
    except (TypeError, ValueError, IndexError) as error:
        raise UserError(
            say(N_("Stored measurement points are damaged ({name}: {reason})."), name=name, reason=str(error))
        ) from error
    return found


@dataclass(frozen=True, slots=True)
class FilmMeasurements:
    """The marks on one film and the calibration they are measured with; lengths follow from both."""

    height_points: tuple[Point, ...] = ()
    width_points: tuple[Point, ...] = ()
    outline_points: tuple[Point, ...] = ()
    calibration: Calibration | None = None

    def __post_init__(self) -> None:
        for name in ("height_points", "width_points", "outline_points"):
            object.__setattr__(self, name, _points(getattr(self, name), name))

    def _calibrated(self) -> Calibration:
        if self.calibration is None:
            return UNCALIBRATED  # geometry refuses it with the sentence that says how to calibrate
        return self.calibration

    @property
    def height_cm(self) -> Decimal | None:
        """The column height along its path (None: not marked)."""
        if not self.height_points:
            return None
        return _cm(path_length_mm(self.height_points, self._calibrated()), 10)

    @property
    def width_cm(self) -> Decimal | None:
        """The column's maximal width (None: not marked); the services refuse a width that is not two points."""
        if not self.width_points:
            return None
        return _cm(path_length_mm(self.width_points, self._calibrated()), 10)

    @property
    def area_cm2(self) -> Decimal | None:
        """The area inside the traced outline (None: not traced); an outline crossing itself is refused."""
        if not self.outline_points:
            return None
        return _cm(polygon_area_mm2(self.outline_points, self._calibrated()), 100)

    @property
    def empty(self) -> bool:
        return not (self.height_points or self.width_points or self.outline_points)

    def to_json(self) -> dict[str, Any]:
        """The stored form (JSON text in the database, never pickled); :meth:`from_json` reads it back exactly."""
        return {
            "height_points": [list(p) for p in self.height_points],
            "width_points": [list(p) for p in self.width_points],
            "outline_points": [list(p) for p in self.outline_points],
            "calibration": None if self.calibration is None else self.calibration.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FilmMeasurements:
        calibration = data.get("calibration")
        return cls(
            height_points=_points(data.get("height_points"), "height_points"),
            width_points=_points(data.get("width_points"), "width_points"),
            outline_points=_points(data.get("outline_points"), "outline_points"),
            calibration=None if calibration is None else Calibration.from_json(calibration),
        )
