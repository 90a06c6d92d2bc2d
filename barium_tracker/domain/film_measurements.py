"""What was measured on one film: the points of the column's height, width and outline, and the scale they used.

The points are the record of the measurement (they can be shown again, dragged, or recomputed after a
recalibration); the centimetres are derived from them with :mod:`barium_tracker.domain.geometry`, rounded to the
decimals the film record declares (``domain/fields.py``), so that a value saved from the viewer reads exactly as a
typed one would. Plain data with :meth:`FilmMeasurements.to_json` / :meth:`FilmMeasurements.from_json` (JSON, never
pickled) for the services that store it beside the film.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from barium_tracker.domain import fields
from barium_tracker.domain.calibration import UNCALIBRATED, Calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.geometry import Point, outline_crosses_itself, path_length_mm, polygon_area_mm2
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say

#: The version of :meth:`FilmMeasurements.to_json`'s form (read back by :meth:`FilmMeasurements.from_json`).
JSON_VERSION = 1


def _places(name: str) -> Decimal:
    declared = fields.field(fields.Record.FILM, name).decimals
    return Decimal(1).scaleb(-(declared if declared is not None else fields.MAX_DECIMALS))


def _rounded(value: float, name: str) -> Decimal:
    return Decimal(repr(value)).quantize(_places(name), rounding=ROUND_HALF_UP)


def _points(values: object) -> tuple[Point, ...]:
    if values is None:
        return ()
    return tuple((float(x), float(y)) for x, y in values)  # type: ignore[attr-defined, misc]


@dataclass(frozen=True, slots=True)
class FilmMeasurements:
    """The column measured on one film, in pixels of the stored image (x = column, y = row, from the top-left).

    ``height_points`` is a path of two or more points from the gastro-oesophageal junction to the top of the
    column (along a tortuous oesophagus), ``width_points`` the two ends of the widest point, ``outline_points``
    the traced outline of the column (closed from the last point to the first). ``calibration`` is the scale used:
    a manual calibration when the user measured a known object, else the file's own.
    """

    height_points: tuple[Point, ...] = ()
    width_points: tuple[Point, ...] = ()
    outline_points: tuple[Point, ...] = ()
    calibration: Calibration = field(default=UNCALIBRATED)

    @property
    def calibrated(self) -> bool:
        return self.calibration.calibrated

    @property
    def height_mm(self) -> float | None:
        """The length of the height path in mm, or None when it has fewer than two points or there is no scale."""
        if len(self.height_points) < 2 or not self.calibrated:
            return None
        return path_length_mm(self.height_points, self.calibration)

    @property
    def width_mm(self) -> float | None:
        if len(self.width_points) != 2 or not self.calibrated:
            return None
        return path_length_mm(self.width_points, self.calibration)

    @property
    def outline_crosses_itself(self) -> bool:
        return outline_crosses_itself(self.outline_points)

    @property
    def area_mm2(self) -> float | None:
        """The area inside the outline, or None without three points, a scale, or when the outline crosses itself."""
        if len(self.outline_points) < 3 or not self.calibrated or self.outline_crosses_itself:
            return None
        return polygon_area_mm2(self.outline_points, self.calibration)

    @property
    def height_cm(self) -> Decimal | None:
        value = self.height_mm
        return None if value is None else _rounded(value / 10, "height_cm")

    @property
    def width_cm(self) -> Decimal | None:
        value = self.width_mm
        return None if value is None else _rounded(value / 10, "width_cm")

    @property
    def area_cm2(self) -> Decimal | None:
        """The traced area in cm² (the hand-traced column area of Sanagapalli's rule, not height x width)."""
        value = self.area_mm2
        return None if value is None else _rounded(value / 100, "area_cm2")

    @property
    def empty(self) -> bool:
        return not (self.height_points or self.width_points or self.outline_points)

    def with_points(
        self,
        *,
        height: Sequence[Point] | None = None,
        width: Sequence[Point] | None = None,
        outline: Sequence[Point] | None = None,
        calibration: Calibration | None = None,
    ) -> FilmMeasurements:
        """A copy with the given parts replaced."""
        return FilmMeasurements(
            height_points=self.height_points if height is None else _points(height),
            width_points=self.width_points if width is None else _points(width),
            outline_points=self.outline_points if outline is None else _points(outline),
            calibration=self.calibration if calibration is None else calibration,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-friendly dict: the points, the calibration, and the derived values as strings (for readers of
        the stored form; :meth:`from_json` recomputes them from the points)."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "version": JSON_VERSION,
            "height_points": [list(p) for p in self.height_points],
            "width_points": [list(p) for p in self.width_points],
            "outline_points": [list(p) for p in self.outline_points],
            "calibration": self.calibration.to_json(),
            "height_cm": text(self.height_cm),
            "width_cm": text(self.width_cm),
            "area_cm2": text(self.area_cm2),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FilmMeasurements:
        """The measurements :meth:`to_json` wrote; a damaged form is a :class:`UserError`."""
        try:
            return cls(
                height_points=_points(data.get("height_points")),
                width_points=_points(data.get("width_points")),
                outline_points=_points(data.get("outline_points")),
                calibration=Calibration.from_json(data["calibration"]) if data.get("calibration") else UNCALIBRATED,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise UserError(say(N_("Stored film measurements are damaged ({reason})."), reason=str(error))) from error
