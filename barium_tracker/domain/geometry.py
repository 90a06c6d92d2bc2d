"""Lengths and areas on a radiograph in millimetres, with the right spacing in each direction.

Image coordinates are pixels of the stored image: x is the column, y the row, 0-based from the top-left corner, and
may be fractional (a point between pixel centres). A vertical step uses the row spacing and a horizontal step the
column spacing, so non-square pixels are measured correctly: with spacing [0.2, 0.1] a vertical line of 100 pixels is
20 mm and a horizontal one 10 mm. Every function refuses an uncalibrated image with a sentence saying how to
calibrate, rather than returning pixels that could be read as millimetres.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from barium_tracker.domain.calibration import Calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say

Point = tuple[float, float]  # (x, y) = (column, row)


def _spacings(calibration: Calibration) -> tuple[float, float]:
    """(column spacing, row spacing) in mm per pixel, or the refusal that says how to calibrate."""
    if not calibration.calibrated:
        raise UserError(
            say(
                N_(
                    "This image has no scale: calibrate it first with two points on an object of known length "
                    "(the 13 mm barium tablet, a ruler or a marker) and that length in mm."
                )
            )
        )
    return calibration.column_spacing_mm, calibration.row_spacing_mm  # type: ignore[return-value]


def distance_mm(a: Point, b: Point, calibration: Calibration) -> float:
    """The straight distance between two points, in mm."""
    column, row = _spacings(calibration)
    return math.hypot((b[0] - a[0]) * column, (b[1] - a[1]) * row)


def path_length_mm(points: Sequence[Point], calibration: Calibration) -> float:
    """The length of a polyline through ``points`` in order (a column height along a tortuous oesophagus), in mm."""
    column, row = _spacings(calibration)
    if len(points) < 2:
        raise UserError(say(N_("A path needs at least two points; it has {count}."), count=len(points)))
    return math.fsum(math.hypot((b[0] - a[0]) * column, (b[1] - a[1]) * row) for a, b in itertools.pairwise(points))


def polygon_area_mm2(points: Sequence[Point], calibration: Calibration) -> float:
    """The area inside a traced outline (the barium column), in mm², by the shoelace formula in mm.

    The outline is closed from the last point back to the first. An outline that crosses itself has no single
    inside (the shoelace would subtract the loops that turn the other way), so it is refused with a sentence
    asking to redraw it; :func:`outline_crosses_itself` lets a viewer warn while the points are dragged.
    """
    column, row = _spacings(calibration)
    if len(points) < 3:
        raise UserError(say(N_("An outline needs at least three points; it has {count}."), count=len(points)))
    if outline_crosses_itself(points):
        raise UserError(say(N_("The outline crosses itself: move its points so that it encloses the column once.")))
    twice = math.fsum(
        a[0] * b[1] - b[0] * a[1] for a, b in zip(points, [*points[1:], points[0]], strict=True)
    )  # in pixels²: each x scales by the column spacing and each y by the row spacing
    return abs(twice) / 2 * column * row


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a: Point, b: Point, p: Point) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    d1, d2 = _orientation(c, d, a), _orientation(c, d, b)
    d3, d4 = _orientation(a, b, c), _orientation(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and _on_segment(c, d, a))
        or (d2 == 0 and _on_segment(c, d, b))
        or (d3 == 0 and _on_segment(a, b, c))
        or (d4 == 0 and _on_segment(a, b, d))
    )


def outline_crosses_itself(points: Sequence[Point]) -> bool:
    """Whether two edges of the closed outline that are not neighbours meet (cross or touch)."""
    count = len(points)
    if count < 4:
        return False
    edges = [(points[i], points[(i + 1) % count]) for i in range(count)]
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # the closing edge and the first edge share the first point
            if _segments_meet(*edges[i], *edges[j]):
                return True
    return False


def inside_image(point: Point, columns: int, rows: int) -> bool:
    """Whether a point lies on the image (its edges included)."""
    return 0 <= point[0] <= columns and 0 <= point[1] <= rows
