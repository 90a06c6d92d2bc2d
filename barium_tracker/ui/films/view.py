"""The image view of a radiograph: fit, 1:1, zoom, pan, window/level, invert, and the measuring tools drawn on it.

Scene coordinates are pixels of the stored image (x = column, y = row, 0-based from the top-left), so a point read
off the scene is a point of the record. Non-square pixels are shown with their true aspect by scaling the view
vertically by row spacing / column spacing; the zoom is screen pixels per image column. While the window is dragged
only the visible part is rendered, at about the screen's resolution (``rendering.py``); the whole image follows on
release, so each step stays under a frame.

Keys (the view's help line lists them): + / - (also Ctrl+= / Ctrl+-) zoom, F fit, 1 one to one, arrows pan,
I invert, Home or R reset, P / C / H / W / O pick a tool, Space adds a point at the centre mark, Shift+arrows move
the selected point, Delete or Backspace delete it; the right button dragged sets the window (horizontal = width,
vertical = centre).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from barium_tracker.domain.geometry import Point
from barium_tracker.services.images.decode import Radiograph
from barium_tracker.services.images.display import default_window
from barium_tracker.ui.films.rendering import WindowedImage, image_of
from barium_tracker.ui.films.tools import MeasuringTools, Tool

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.02, 32.0
PAN_STEP = 40  # screen pixels per arrow key
GRAB_RADIUS = 9.0  # screen pixels within which a click takes a point
#: The colours of each tool's marks: distinct on grey, and apart for the usual colour blindness.
COLOURS = {
    Tool.CALIBRATE: QColor("#ffd700"),
    Tool.HEIGHT: QColor("#00e5ff"),
    Tool.WIDTH: QColor("#ff7f0e"),
    Tool.OUTLINE: QColor("#b0ff57"),
}


@dataclass(frozen=True, slots=True)
class WindowPreset:
    """A window the file offers (or the full range): ``source`` 0 = the modality values, 1 = the file's VOI LUT."""

    name: str
    center: float
    width: float
    source: int = 0


def aspect_of(radiograph: Radiograph) -> float:
    """Screen height of one pixel over its width: row spacing / column spacing (1 without a scale)."""
    calibration = radiograph.calibration
    if calibration.calibrated and not calibration.square:
        return calibration.row_spacing_mm / calibration.column_spacing_mm  # type: ignore[operator]
    return 1.0


class FilmView(QGraphicsView):
    """One radiograph, its window, and the :class:`MeasuringTools` drawn (and edited) on it."""

    #: The zoom or the visible part changed (linked views follow).
    view_changed = Signal()
    #: The window (center, width) or invert changed.
    window_changed = Signal()

    def __init__(self, radiograph: Radiograph, tools: MeasuringTools | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("filmView")
        self.radiograph = radiograph
        self.tools = tools or MeasuringTools(radiograph.calibration, radiograph.columns, radiograph.rows, None, self)
        self.aspect = aspect_of(radiograph)
        self.labels: dict[Tool, str] = {}  # text drawn beside each tool's marks (the dialog's values)
        self.editable = True
        self.follows_size = True  # fitted again when resized, until the user zooms
        self.shown_tools = set(COLOURS)  # whose marks are drawn (the comparison shows only the heights)
        self.scale_bar = True  # a bar of 1, 2, 5 or 10 cm at the bottom left when the film has a scale
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QBrush(QColor("#101010")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setMouseTracking(True)
        # No scroll bars: the image is moved by dragging and the arrows, and the fit does not change with them.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        sources = [WindowedImage(radiograph.pixels(), radiograph.photometric)]
        lut = radiograph.voi_lut_view()
        if lut is not None:
            sources.append(WindowedImage(lut, radiograph.photometric))
        self._sources = sources
        self.presets = self._presets(lut is not None)
        self.preset = self.presets[0]
        self.center, self.width_value = self.preset.center, self.preset.width
        self.inverted = False

        self._scene = QGraphicsScene(self)
        self._scene.setSceneRect(QRectF(0, 0, radiograph.columns, radiograph.rows))
        self._image_item = QGraphicsPixmapItem()
        self._image_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._image_item)
        self._preview_item = QGraphicsPixmapItem()  # the visible part, while the window is dragged
        self._preview_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._preview_item.setZValue(1)
        self._preview_item.hide()
        self._scene.addItem(self._preview_item)
        self._preview_buffer = None
        self.setScene(self._scene)
        self.zoom = 1.0
        self._fitted = True  # follows the window's size until the user zooms
        self._drag: tuple[str, QPoint, object] | None = None
        self.render_image()
        self.tools.changed.connect(self.viewport().update)
        self.horizontalScrollBar().valueChanged.connect(self.view_changed)
        self.verticalScrollBar().valueChanged.connect(self.view_changed)

    # -- windows --------------------------------------------------------------------------------------------------

    def _presets(self, has_lut: bool) -> list[WindowPreset]:
        presets = []
        if has_lut:
            top = float(self._sources[1].values.max() or 1)
            presets.append(WindowPreset("VOI LUT", top / 2, max(top, 1.0), 1))
        for index, window in enumerate(self.radiograph.windows):
            presets.append(WindowPreset(window.explanation or f"{index + 1}", window.center, window.width))
        if not self.radiograph.windows:
            center, width = default_window(self.radiograph)
            presets.append(WindowPreset("", center, width))  # the image's minimum to maximum
        return presets

    def set_preset(self, preset: WindowPreset) -> None:
        self.preset = preset
        self.center, self.width_value = preset.center, preset.width
        self.render_image()
        self.window_changed.emit()

    def set_window(self, center: float, width: float, *, preview: bool = False) -> None:
        """Window the current source; ``preview`` renders only the visible part (while dragging)."""
        self.center, self.width_value = center, max(float(width), 1.0)
        if preview:
            self._render_preview()
        else:
            self.render_image()
        self.window_changed.emit()

    def set_inverted(self, inverted: bool) -> None:
        self.inverted = inverted
        self.render_image()
        self.window_changed.emit()

    @property
    def source(self) -> WindowedImage:
        return self._sources[self.preset.source]

    def render_image(self) -> None:
        """Render the whole image with the current window (and drop a drag's preview)."""
        image = self.source.render(self.center, self.width_value, self.inverted)
        self._image_item.setPixmap(QPixmap.fromImage(image))
        self._preview_item.hide()
        self._preview_buffer = None

    def _render_preview(self) -> None:
        visible = self.mapToScene(self.viewport().rect()).boundingRect().intersected(self.sceneRect())
        if visible.isEmpty():
            return
        x0, y0 = max(int(visible.left()), 0), max(int(visible.top()), 0)
        x1 = min(math.ceil(visible.right()), self.radiograph.columns)
        y1 = min(math.ceil(visible.bottom()), self.radiograph.rows)
        step = max(1, int(1 / max(self.zoom, 1e-6)))  # about one image pixel per screen pixel
        shown = self.source.display(self.center, self.width_value, self.inverted, region=(y0, y1, x0, x1), step=step)
        self._preview_buffer = shown
        self._preview_item.setPixmap(QPixmap.fromImage(image_of(shown)))
        self._preview_item.setTransform(QTransform.fromScale(step, step))
        self._preview_item.setPos(x0, y0)
        self._preview_item.show()

    def shown_image(self) -> QPixmap:
        """The whole image as rendered now (tests read its pixels)."""
        return self._image_item.pixmap()

    # -- zoom and pan ---------------------------------------------------------------------------------------------

    def _apply_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.setTransform(QTransform.fromScale(self.zoom, self.zoom * self.aspect))
        self.view_changed.emit()

    def fit_zoom(self) -> float:
        area = self.viewport().size()
        return max(
            MIN_ZOOM,
            min(area.width() / self.radiograph.columns, area.height() / (self.radiograph.rows * self.aspect)),
        )

    def fit(self) -> None:
        """The whole film in the window."""
        self._fitted = True
        self._apply_zoom(self.fit_zoom())
        self.centerOn(self.radiograph.columns / 2, self.radiograph.rows / 2)

    def one_to_one(self) -> None:
        """One image column per screen pixel (rows scaled by the pixel aspect)."""
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float, *, anchor: QPoint | None = None) -> None:
        """Zoom to ``zoom`` screen pixels per image column, keeping the image point under ``anchor`` (a viewport
        point; the centre when None) where it is."""
        self._fitted = False
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        self._apply_zoom(zoom)
        after = self.mapToScene(anchor)
        centre = self.mapToScene(self.viewport().rect().center())
        self.centerOn(centre + (before - after))

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        self.set_zoom(self.zoom * factor, anchor=anchor)

    def pan_by(self, dx: int, dy: int) -> None:
        """Move the view over the image by screen pixels (positive: the image moves left/up)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def visible_centre(self) -> Point:
        centre = self.mapToScene(self.viewport().rect().center())
        return centre.x(), centre.y()

    def reset(self) -> None:
        """The first view again: fitted, the file's first window, not inverted."""
        self.inverted = False
        self.set_preset(self.presets[0])
        self.fit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fitted and self.follows_size:
            self.fit()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._fitted and self.follows_size:
            self.fit()

    # -- mapping --------------------------------------------------------------------------------------------------

    def view_point(self, x: float, y: float) -> QPoint:
        """The viewport point (widget coordinates of ``viewport()``) showing image point (x, y)."""
        return self.mapFromScene(QPointF(x, y))

    def image_point(self, position: QPoint | QPointF) -> Point:
        """The image point (x = column, y = row) under a viewport point."""
        scene = self.mapToScene(position.toPoint() if isinstance(position, QPointF) else position)
        return scene.x(), scene.y()

    def _screen_scale(self) -> tuple[float, float]:
        return self.zoom, self.zoom * self.aspect

    # -- mouse ----------------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if event.button() == Qt.MouseButton.RightButton:
            self._drag = ("window", position, (self.center, self.width_value))
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = self.image_point(position)
        hit = self.tools.nearest(point, GRAB_RADIUS, self._screen_scale()) if self.editable else None
        if hit is not None:
            self.tools.select(hit)
            self._drag = ("point", position, hit)
        elif self.editable and self.tools.tool is not Tool.PAN:
            self.tools.add_point(point)
            self._drag = ("point", position, self.tools.selected)
        else:
            self._drag = ("pan", position, None)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        kind, start, data = self._drag
        position = event.position().toPoint()
        if kind == "point" and data is not None:
            tool, index = data  # type: ignore[misc]
            self.tools.move_point(tool, index, self.image_point(position))
        elif kind == "pan":
            delta = position - start
            self._drag = ("pan", position, None)
            self.pan_by(-delta.x(), -delta.y())
        elif kind == "window":
            center, width = data  # type: ignore[misc]
            delta = position - start
            per_pixel = max(width, 1.0) / 200  # 200 screen pixels double (or remove) the width
            self.set_window(center - delta.y() * per_pixel, width + delta.x() * per_pixel, preview=True)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and self._drag[0] == "window":
            self.render_image()
        self._drag = None
        self.viewport().unsetCursor()
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, anchor=event.position().toPoint())
        event.accept()

    # -- keys -----------------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        tools = {
            Qt.Key.Key_P: Tool.PAN,
            Qt.Key.Key_C: Tool.CALIBRATE,
            Qt.Key.Key_H: Tool.HEIGHT,
            Qt.Key.Key_W: Tool.WIDTH,
            Qt.Key.Key_O: Tool.OUTLINE,
        }
        plain = not (modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key in arrows and shift and self.tools.selected is not None and self.editable:
            dx, dy = arrows[key]
            tool, index = self.tools.selected
            x, y = self.tools.points[tool][index]
            sx, sy = self._screen_scale()
            self.tools.move_point(tool, index, (x + dx / sx, y + dy / sy))
        elif key in arrows:
            dx, dy = arrows[key]
            self.pan_by(dx * PAN_STEP, dy * PAN_STEP)
        elif key == Qt.Key.Key_F and plain:
            self.fit()
        elif key == Qt.Key.Key_1 and plain:
            self.one_to_one()
        elif key == Qt.Key.Key_I and plain:
            self.set_inverted(not self.inverted)
        elif key == Qt.Key.Key_Home or (key == Qt.Key.Key_R and plain):
            self.reset()
        elif key in tools and plain and self.editable:
            self.tools.set_tool(tools[key])
        elif key == Qt.Key.Key_Space and self.editable:
            self.tools.add_point(self.visible_centre())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.editable:
            self.tools.delete_selected()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab leaves the image for the next control (QGraphicsView would offer it to the scene's items first).
        return QWidget.focusNextPrevChild(self, forward)

    # -- drawing the marks ----------------------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        # Drawn in screen pixels (the marks keep their size and stay round whatever the zoom and aspect).
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        placed: list[QRect] = []  # what a label must not cover: every point, and the labels already drawn
        for tool in self.shown_tools:
            for x, y in self.tools.points[tool]:
                placed.append(QRect(self.mapFromScene(QPointF(x, y)) - QPoint(7, 7), QSize(14, 14)))
        for tool, colour in COLOURS.items():
            points = self.tools.points[tool]
            if not points or tool not in self.shown_tools:
                continue
            screen = [QPointF(self.mapFromScene(QPointF(x, y))) for x, y in points]
            active = tool is self.tools.tool
            painter.setPen(QPen(colour, 2.5 if active else 1.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if tool is Tool.OUTLINE and len(screen) >= 3:
                painter.drawPolygon(QPolygonF(screen))
            elif len(screen) >= 2:
                painter.drawPolyline(QPolygonF(screen))
            for index, point in enumerate(screen):
                selected = self.tools.selected == (tool, index)
                painter.setPen(QPen(QColor("white") if selected else QColor("black"), 1.5))
                painter.setBrush(QBrush(colour))
                radius = 6.0 if selected else 4.0
                painter.drawEllipse(point, radius, radius)
            label = self.labels.get(tool)
            if label:
                self._draw_label(painter, label, screen, colour, placed)
        if self.scale_bar:
            self._draw_scale_bar(painter)
        if self.hasFocus() and self.tools.tool is not Tool.PAN and self.editable:
            centre = QPointF(self.viewport().rect().center())
            painter.setPen(QPen(QColor(255, 255, 255, 200), 1))
            painter.drawLine(centre - QPointF(10, 0), centre + QPointF(10, 0))
            painter.drawLine(centre - QPointF(0, 10), centre + QPointF(0, 10))
        painter.restore()

    def _draw_label(
        self, painter: QPainter, text: str, screen: list[QPointF], colour: QColor, placed: list[QRect]
    ) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.1)
        font.setBold(True)
        painter.setFont(font)
        anchor = max(screen, key=lambda p: p.x())  # right of the rightmost point
        metrics = painter.fontMetrics()
        box = metrics.boundingRect(text).adjusted(-4, -2, 4, 2)
        box.moveTopLeft(QPoint(int(anchor.x()) + 10, int(anchor.y()) - box.height() // 2))
        viewport = self.viewport().rect()
        if box.right() > viewport.right():
            box.moveRight(int(min(p.x() for p in screen)) - 10)
        box.moveTop(max(viewport.top() + 2, min(box.top(), viewport.bottom() - box.height() - 2)))
        while any(box.intersects(other) for other in placed):  # below the labels already drawn
            box.translate(0, box.height() + 2)
        placed.append(QRect(box))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(0, 0, 0, 170)))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QPen(colour))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_scale_bar(self, painter: QPainter) -> None:
        calibration = self.tools.calibration()
        if not calibration.calibrated:
            return
        pixels_per_cm = 10 / calibration.column_spacing_mm * self.zoom  # type: ignore[operator]
        viewport = self.viewport().rect()
        fitting = [cm for cm in (1, 2, 5, 10) if cm * pixels_per_cm <= viewport.width() / 4]
        if not fitting or fitting[-1] * pixels_per_cm < 20:
            return
        cm = fitting[-1]
        length = cm * pixels_per_cm
        left, bottom = viewport.left() + 16.0, viewport.bottom() - 16.0
        painter.setPen(QPen(QColor(0, 0, 0, 200), 5))
        painter.drawLine(QPointF(left, bottom), QPointF(left + length, bottom))
        painter.setPen(QPen(QColor("white"), 2))
        painter.drawLine(QPointF(left, bottom), QPointF(left + length, bottom))
        for x in (left, left + length):
            painter.drawLine(QPointF(x, bottom - 5), QPointF(x, bottom + 3))
        painter.drawText(QPointF(left, bottom - 8), f"{cm} cm")
