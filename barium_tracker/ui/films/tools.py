"""The measuring tools' state: the points of each tool, the selected point, and the calibration they give.

Plain state with one ``changed`` signal, apart from the view that draws it (``view.py``) and the panel that says the
values (``dialog.py``), so the three can be read and tested one at a time. Points are in pixels of the stored image
(x = column, y = row, 0-based from the top-left), kept on the image.
"""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import QObject, Signal

from barium_tracker.domain.calibration import Calibration, CalibrationSource, manual_calibration
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.geometry import Point

#: The default object of a manual calibration: the barium tablet swallowed with the contrast (13 mm).
TABLET_MM = 13.0


class Tool(enum.Enum):
    """What a click on the image does."""

    PAN = "pan"  # move the image; points can still be dragged
    CALIBRATE = "calibrate"  # two points on an object of known length
    HEIGHT = "height"  # a path from the gastro-oesophageal junction to the top of the column
    WIDTH = "width"  # two points across the widest part of the column
    OUTLINE = "outline"  # the traced outline of the column


#: Tools with a fixed number of points: a click after the last starts the line again.
FIXED_POINTS = {Tool.CALIBRATE: 2, Tool.WIDTH: 2}
MEASURING = (Tool.CALIBRATE, Tool.HEIGHT, Tool.WIDTH, Tool.OUTLINE)


class MeasuringTools(QObject):
    """The points of every tool on one film, and which is selected; ``changed`` after every edit."""

    changed = Signal()

    def __init__(
        self,
        native: Calibration,
        columns: int,
        rows: int,
        initial: FilmMeasurements | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.native = native
        self.columns, self.rows = columns, rows
        self.tool = Tool.PAN
        self.points: dict[Tool, list[Point]] = {tool: [] for tool in MEASURING}
        self.selected: tuple[Tool, int] | None = None
        self.length_mm: float | None = TABLET_MM
        self.object_name = ""
        if initial is not None:
            self.points[Tool.HEIGHT] = list(initial.height_points)
            self.points[Tool.WIDTH] = list(initial.width_points)
            self.points[Tool.OUTLINE] = list(initial.outline_points)
            calibration = initial.calibration
            if calibration.source is CalibrationSource.MANUAL and calibration.points is not None:
                x1, y1, x2, y2 = calibration.points
                self.points[Tool.CALIBRATE] = [(x1, y1), (x2, y2)]
                self.length_mm = calibration.length_mm
                self.object_name = calibration.object_name

    # -- editing --------------------------------------------------------------------------------------------------

    def set_tool(self, tool: Tool) -> None:
        if tool is not self.tool:
            self.tool = tool
            self.changed.emit()

    def clamped(self, point: Point) -> Point:
        """The point moved onto the image (its edges included)."""
        return (min(max(point[0], 0.0), float(self.columns)), min(max(point[1], 0.0), float(self.rows)))

    def add_point(self, point: Point) -> bool:
        """Add a point to the current tool (after the selected point of a path); False with the pan tool."""
        tool = self.tool
        if tool is Tool.PAN:
            return False
        points = self.points[tool]
        limit = FIXED_POINTS.get(tool)
        if limit is not None and len(points) >= limit:
            points.clear()
        index = len(points)
        if self.selected is not None and self.selected[0] is tool and limit is None:
            index = self.selected[1] + 1  # insert after the selected point: a path can be refined in its middle
        points.insert(index, self.clamped(point))
        self.selected = (tool, index)
        self.changed.emit()
        return True

    def move_point(self, tool: Tool, index: int, point: Point) -> None:
        self.points[tool][index] = self.clamped(point)
        self.changed.emit()

    def select(self, selected: tuple[Tool, int] | None) -> None:
        if selected != self.selected:
            self.selected = selected
            self.changed.emit()

    def delete_selected(self) -> bool:
        """Delete the selected point; the previous one of its tool becomes selected."""
        if self.selected is None:
            return False
        tool, index = self.selected
        del self.points[tool][index]
        remaining = len(self.points[tool])
        self.selected = (tool, min(index, remaining - 1)) if remaining else None
        if self.selected is not None and index > 0:
            self.selected = (tool, index - 1)
        self.changed.emit()
        return True

    def clear(self, tool: Tool) -> None:
        self.points[tool].clear()
        if self.selected is not None and self.selected[0] is tool:
            self.selected = None
        self.changed.emit()

    def set_known_object(self, length_mm: float | None, object_name: str) -> None:
        """The typed length of the calibration object (None when the text is not a number) and what it is."""
        if (length_mm, object_name) != (self.length_mm, self.object_name):
            self.length_mm, self.object_name = length_mm, object_name
            self.changed.emit()

    def nearest(self, point: Point, within: float, scale: tuple[float, float]) -> tuple[Tool, int] | None:
        """The point nearest ``point`` within ``within`` screen pixels (``scale``: screen pixels per image pixel
        along x and y), the current tool's points first."""
        best: tuple[float, tuple[Tool, int]] | None = None
        order = sorted(MEASURING, key=lambda tool: tool is not self.tool)
        for tool in order:
            for index, (x, y) in enumerate(self.points[tool]):
                distance = math.hypot((x - point[0]) * scale[0], (y - point[1]) * scale[1])
                if distance <= within and (best is None or distance < best[0]):  # ties: the current tool's
                    best = (distance, (tool, index))
        return None if best is None else best[1]

    # -- what the points say --------------------------------------------------------------------------------------

    def calibration_problem(self) -> UserError | None:
        """Why the calibration points and length do not calibrate (manual_calibration's refusal), or None."""
        try:
            self._manual()
        except UserError as error:
            return error
        return None

    def _manual(self) -> Calibration | None:
        points = self.points[Tool.CALIBRATE]
        if len(points) < 2 or self.length_mm is None:
            return None
        (x1, y1), (x2, y2) = points
        return manual_calibration(x1, y1, x2, y2, self.length_mm, self.native, self.object_name)

    def calibration(self) -> Calibration:
        """The manual calibration when two points and a usable length are given, else the file's own."""
        try:
            manual = self._manual()
        except UserError:
            manual = None
        return manual if manual is not None else self.native

    def measurements(self) -> FilmMeasurements:
        return FilmMeasurements(
            height_points=tuple(self.points[Tool.HEIGHT]),
            width_points=tuple(self.points[Tool.WIDTH]),
            outline_points=tuple(self.points[Tool.OUTLINE]),
            calibration=self.calibration(),
        )
