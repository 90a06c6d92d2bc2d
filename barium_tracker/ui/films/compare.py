"""Pre and post films of one minute side by side at the same physical scale, zoom and pan linked.

"The same scale" means equal millimetres per screen pixel on both films, each through its own calibration (a
manual one when the film was calibrated on a known object), so that a column half as tall looks half as tall, as in
the case report's figure. The column heights are drawn and labelled with their values. A film without a scale
cannot be put on a physical scale: the comparison then says so instead of pretending.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from barium_tracker.domain.calibration import Calibration, decimal_mm
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.services.images.decode import Radiograph
from barium_tracker.ui import notation
from barium_tracker.ui.films import panel
from barium_tracker.ui.films.tools import MeasuringTools, Tool
from barium_tracker.ui.films.view import FilmView


@dataclass(frozen=True, slots=True)
class ShownFilm:
    """A film to compare: the image, what was measured on it (or None), and its caption ("Before, 5 min")."""

    radiograph: Radiograph
    measurements: FilmMeasurements | None = None
    caption: str = ""

    @property
    def calibration(self) -> Calibration:
        if self.measurements is not None and self.measurements.calibrated:
            return self.measurements.calibration
        return self.radiograph.calibration


class CompareFilms(QWidget):
    """Two films side by side; ``mm_per_screen_pixel`` is the same on both whenever both have a scale."""

    def __init__(self, before: ShownFilm, after: ShownFilm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareFilms")
        self.setWindowTitle(self.tr("Films before and after"))
        self.films = (before, after)
        self.same_scale = before.calibration.calibrated and after.calibration.calibrated
        self.views: list[FilmView] = []
        layout = QGridLayout(self)
        for column, (film, name) in enumerate(zip(self.films, ("beforeFilm", "afterFilm"), strict=True)):
            radiograph = film.radiograph
            tools = MeasuringTools(radiograph.calibration, radiograph.columns, radiograph.rows, film.measurements, self)
            tools.set_tool(Tool.PAN)
            view = FilmView(radiograph, tools, self)
            view.setObjectName(name)
            view.editable = False
            view.follows_size = False  # the comparison fits both at one scale
            view.setAccessibleName(film.caption or QCoreApplication.translate("FilmMeasures", "Film"))
            view.setToolTip(self.tr("+ and - zoom both films, arrows or dragging pan both, F fits, I inverts."))
            measured = film.measurements or FilmMeasurements(calibration=film.calibration)
            labels = panel.mark_labels(measured)
            view.labels = {Tool.HEIGHT: labels["height"]} if "height" in labels else {}
            view.shown_tools = {Tool.HEIGHT}  # only the height is compared
            caption = QLabel(film.caption, self)
            caption.setObjectName(f"{name}Caption")
            caption.setStyleSheet("font-weight: bold;")
            detail = QLabel(self._detail(film, measured), self)
            detail.setObjectName(f"{name}Detail")
            detail.setWordWrap(True)
            layout.addWidget(caption, 0, column)
            layout.addWidget(detail, 1, column)
            layout.addWidget(view, 2, column)
            layout.setColumnStretch(column, 1)
            self.views.append(view)
        layout.setRowStretch(2, 1)
        self.scale_note = QLabel(self)
        self.scale_note.setObjectName("compareScaleNote")
        self.scale_note.setWordWrap(True)
        layout.addWidget(self.scale_note, 3, 0, 1, 2)
        self._syncing = False
        for view in self.views:
            view.view_changed.connect(lambda v=view: self._follow(v))
        self._note()

    def _detail(self, film: ShownFilm, measured: FilmMeasurements) -> str:
        if measured.height_cm is None:
            return self.tr("Height not measured on this film; scale: {0}").format(
                panel.calibration_text(film.calibration)
            )
        return self.tr("Height: {0}").format(panel.with_source(panel.height_text(measured), film.calibration))

    def _note(self) -> None:
        if not self.same_scale:
            self.scale_note.setText(
                self.tr("Not at the same scale: a film is uncalibrated (measure a known object on it first).")
            )
        else:
            self.scale_note.setText(
                self.tr("Same scale on both films: {0} mm per screen pixel.").format(_mm(self.mm_per_screen_pixel or 0))
            )

    @property
    def mm_per_screen_pixel(self) -> float | None:
        """Millimetres (horizontally) per screen pixel of the first film (the second's is equal)."""
        film, view = self.films[0], self.views[0]
        if not film.calibration.calibrated:
            return None
        return film.calibration.column_spacing_mm / view.zoom  # type: ignore[operator]

    def fit(self) -> None:
        """Both films whole at one scale: the larger film (in mm) fills its half."""
        if not self.same_scale:
            for view in self.views:
                view.fit()
            return
        needed = 0.0
        for film, view in zip(self.films, self.views, strict=True):
            calibration = film.calibration
            area = view.viewport().size()
            width_mm = film.radiograph.columns * calibration.column_spacing_mm  # type: ignore[operator]
            height_mm = film.radiograph.rows * calibration.row_spacing_mm  # type: ignore[operator]
            needed = max(needed, width_mm / max(area.width(), 1), height_mm / max(area.height(), 1))
        self._syncing = True
        try:
            for film, view in zip(self.films, self.views, strict=True):
                view.set_zoom(film.calibration.column_spacing_mm / needed)  # type: ignore[operator]
                view.centerOn(film.radiograph.columns / 2, film.radiograph.rows / 2)
        finally:
            self._syncing = False
        self._note()

    def _follow(self, source: FilmView) -> None:
        """The other film takes the same mm per screen pixel and shows the same place (in mm from its corner)."""
        if self._syncing or not self.same_scale:
            return
        index = self.views.index(source)
        other = 1 - index
        mine, theirs = self.films[index].calibration, self.films[other].calibration
        mm = mine.column_spacing_mm / source.zoom  # type: ignore[operator]
        x, y = source.visible_centre()
        centre_mm = (x * mine.column_spacing_mm, y * mine.row_spacing_mm)  # type: ignore[operator]
        self._syncing = True
        try:
            target = self.views[other]
            target.set_zoom(theirs.column_spacing_mm / mm)  # type: ignore[operator]
            target.centerOn(centre_mm[0] / theirs.column_spacing_mm, centre_mm[1] / theirs.row_spacing_mm)  # type: ignore[operator]
        finally:
            self._syncing = False
        self._note()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.fit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.fit()


def _mm(value: float) -> str:
    return notation.decimal_text(decimal_mm(value, 3))
