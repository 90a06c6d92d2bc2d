"""The film viewer and its measuring tools, driven like a radiologist drives them: clicks, drags and keys on the image.

Real widgets offscreen, real files (a synthesised DICOM with non-square PixelSpacing [0.2, 0.1], MONOCHROME1, a PNG
calibrated by hand); image points are mapped to the screen through the view's own mapping, and every length is
checked within one pixel's length.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from barium_tracker.domain.calibration import CalibrationSource, manual_calibration
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.services.images.decode import Radiograph, read_radiograph_file
from barium_tracker.services.images.display import to_display
from barium_tracker.ui import language
from barium_tracker.ui.editors.base import accessible_label
from barium_tracker.ui.films.compare import CompareFilms, ShownFilm
from barium_tracker.ui.films.dialog import MeasureFilmDialog
from barium_tracker.ui.films.tools import Tool
from barium_tracker.ui.films.view import FilmView
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tests.support.radiographs import write_png, write_radiograph_dicom

Key = Qt.Key
LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
ROW_MM, COLUMN_MM = 0.2, 0.1


@pytest.fixture
def non_square(tmp_path: Path) -> Radiograph:
    return read_radiograph_file(
        write_radiograph_dicom(tmp_path / "film.dcm", rows=200, cols=300, pixel_spacing=[ROW_MM, COLUMN_MM])
    )


@pytest.fixture
def png(tmp_path: Path) -> Radiograph:
    rows, columns = np.mgrid[0:360, 0:300]
    return read_radiograph_file(write_png(tmp_path / "film.png", ((rows + columns) % 256).astype(np.uint8)))


@pytest.fixture
def dialog(qtbot: QtBot, non_square: Radiograph) -> Iterator[MeasureFilmDialog]:
    yield _open(qtbot, non_square)


def _open(qtbot: QtBot, radiograph: Radiograph, initial: FilmMeasurements | None = None) -> MeasureFilmDialog:
    shown = MeasureFilmDialog(radiograph, initial)
    qtbot.addWidget(shown, before_close_func=lambda dialog: dialog.done(0))  # no question at teardown
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def click(qtbot: QtBot, view: FilmView, x: float, y: float) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.view_point(x, y))


def drag(qtbot: QtBot, view: FilmView, start: QPoint, end: QPoint, button: Qt.MouseButton = LEFT) -> None:
    qtbot.mousePress(view.viewport(), button, pos=start)
    for step in range(1, 5):
        qtbot.mouseMove(view.viewport(), start + (end - start) * (step / 4))
    qtbot.mouseRelease(view.viewport(), button, pos=end)


def key(qtbot: QtBot, widget: QWidget, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, which, modifier)


def pixel_length_mm(view: FilmView) -> float:
    """How far one screen pixel of click error can move a point, in mm (at most one image pixel here)."""
    calibration = view.tools.calibration()
    return max(calibration.column_spacing_mm / min(view.zoom, 1), calibration.row_spacing_mm)  # type: ignore[operator]


def shown_pixels(view: FilmView) -> np.ndarray:
    image = view.shown_image().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    stride = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=stride * image.height()).reshape(image.height(), stride)
    return data[:, : image.width()].copy()


# -- measuring ---------------------------------------------------------------------------------------------------


def test_height_and_width_use_the_row_and_the_column_spacing(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    key(qtbot, view, Key.Key_H)
    click(qtbot, view, 150, 180)
    click(qtbot, view, 150, 80)  # 100 rows up: 20 mm
    key(qtbot, view, Key.Key_W)
    click(qtbot, view, 100, 120)
    click(qtbot, view, 200, 120)  # 100 columns across: 10 mm
    measured = dialog.measurements()
    assert measured.height_mm == pytest.approx(20.0, abs=pixel_length_mm(view))
    assert measured.width_mm == pytest.approx(10.0, abs=pixel_length_mm(view))
    height_line = dialog.findChild(QLabel, "heightValue").text()
    assert height_line == f"{measured.height_cm} cm · Pixel Spacing (patient plane)"
    assert measured.height_cm == Decimal("2.00") and measured.width_cm == Decimal("1.00")
    assert view.labels[Tool.HEIGHT] == "Height 2.00 cm"


def test_the_view_shows_non_square_pixels_at_their_true_aspect(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    origin, across, down = view.view_point(0, 0), view.view_point(100, 0), view.view_point(0, 100)
    # 100 columns are 10 mm and 100 rows 20 mm: the rows take twice the screen.
    assert abs((down.y() - origin.y()) - 2 * (across.x() - origin.x())) <= 1
    assert view.image_point(view.view_point(123, 45)) == pytest.approx((123, 45), abs=1 / view.zoom)


def test_dragging_a_point_updates_the_value_and_delete_removes_it(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    key(qtbot, view, Key.Key_H)
    click(qtbot, view, 150, 180)
    click(qtbot, view, 150, 80)
    key(qtbot, view, Key.Key_P)  # the move tool: points are still dragged
    drag(qtbot, view, view.view_point(150, 80), view.view_point(150, 30))
    assert dialog.measurements().height_mm == pytest.approx(30.0, abs=pixel_length_mm(view))
    assert dialog.findChild(QLabel, "heightValue").text().startswith("3.00 cm")
    key(qtbot, view, Key.Key_Delete)
    assert len(dialog.measurements().height_points) == 1
    assert dialog.findChild(QLabel, "heightValue").text() == "not measured"


def test_a_path_of_several_points_follows_the_oesophagus(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    key(qtbot, view, Key.Key_H)
    for x, y in ((100, 190), (130, 150), (100, 110)):  # two steps of (30 columns, 40 rows) = (3 mm, 8 mm)
        click(qtbot, view, x, y)
    expected = 2 * float(np.hypot(3.0, 8.0))
    assert dialog.measurements().height_mm == pytest.approx(expected, abs=2 * pixel_length_mm(view))


def test_the_traced_area_and_the_live_warning_when_the_outline_crosses_itself(
    qtbot: QtBot, dialog: MeasureFilmDialog
) -> None:
    view = dialog.view
    key(qtbot, view, Key.Key_O)
    for x, y in ((100, 50), (200, 50), (200, 150), (100, 150)):  # 10 mm x 20 mm
        click(qtbot, view, x, y)
    measured = dialog.measurements()
    assert measured.area_mm2 == pytest.approx(200.0, rel=0.02)
    assert dialog.findChild(QLabel, "outlineValue").text().endswith("cm² · Pixel Spacing (patient plane)")
    warning = dialog.findChild(QLabel, "outlineWarning")
    assert warning.isHidden()
    key(qtbot, view, Key.Key_P)
    drag(qtbot, view, view.view_point(200, 150), view.view_point(100, 200))  # now it crosses the edge 100,150-100,50
    drag(qtbot, view, view.view_point(100, 150), view.view_point(200, 200))
    assert warning.isVisible() and "crosses itself" in warning.text()
    assert dialog.measurements().area_cm2 is None
    dialog.accept()  # refused while it crosses
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()


def test_an_uncalibrated_film_shows_no_centimetres_until_a_known_object_is_measured(
    qtbot: QtBot, png: Radiograph
) -> None:
    shown = _open(qtbot, png)
    view = shown.view
    key(qtbot, view, Key.Key_H)
    click(qtbot, view, 150, 320)
    click(qtbot, view, 150, 50)
    line = shown.findChild(QLabel, "heightValue").text()
    assert line == "Uncalibrated: measure a known object first" and "cm" not in line
    assert view.labels == {}
    assert shown.measurements().height_cm is None
    key(qtbot, view, Key.Key_C)
    click(qtbot, view, 20, 100)
    click(qtbot, view, 20, 230)  # 130 px on the 13 mm tablet: 0.1 mm a pixel
    measured = shown.measurements()
    assert measured.calibration.source is CalibrationSource.MANUAL
    assert measured.calibration.object_name == "tablet"
    assert measured.height_mm == pytest.approx(27.0, abs=0.3)  # 270 px; the two calibration clicks' error included
    assert shown.findChild(QLabel, "heightValue").text().endswith("cm · Manual: 13 mm tablet")
    length = shown.findChild(QLineEdit, "calibrationLength")
    length.setText("26")  # the object was 26 mm: every length doubles
    assert shown.measurements().height_mm == pytest.approx(2 * measured.height_mm, rel=1e-6)  # type: ignore[operator]
    length.setText("0")
    assert shown.findChild(QLabel, "calibrationError").isVisible()


def test_a_saved_measurement_opens_again_with_its_calibration(qtbot: QtBot, png: Radiograph) -> None:
    calibration = manual_calibration(20, 100, 20, 230, 13, png.calibration, "ruler")
    initial = FilmMeasurements(height_points=((150, 320), (150, 50)), calibration=calibration)
    shown = _open(qtbot, png, initial)
    assert shown.measurements() == initial
    assert shown.findChild(QComboBox, "calibrationObject").currentText() == "ruler"
    assert shown.findChild(QLabel, "heightValue").text() == "2.70 cm · Manual: 13 mm ruler"
    assert not shown.is_dirty()


# -- display -----------------------------------------------------------------------------------------------------


def test_monochrome1_is_shown_inverted(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_radiograph_dicom(tmp_path / "m1.dcm", rows=64, cols=48, photometric="MONOCHROME1", window=(2048, 4096))
    radiograph = read_radiograph_file(path)
    view = FilmView(radiograph)
    qtbot.addWidget(view)
    shown = shown_pixels(view)
    values = radiograph.pixels()
    low, high = np.unravel_index(np.argmin(values), values.shape), np.unravel_index(np.argmax(values), values.shape)
    assert shown[low] == 255 and shown[high] < shown[low]  # the lowest value white: high values dark
    assert np.array_equal(shown, to_display(values, "MONOCHROME1", 2048, 4096))
    key(qtbot, view, Key.Key_I)
    assert shown_pixels(view)[low] == 0


def test_dragging_the_right_button_changes_the_window_and_the_image(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    before = shown_pixels(view)
    center, width = view.center, view.width_value
    middle = view.viewport().rect().center()
    drag(qtbot, view, middle, middle + QPoint(-60, 0), RIGHT)  # narrower
    assert view.width_value < width and view.center == pytest.approx(center)
    drag(qtbot, view, middle, middle + QPoint(0, -40), RIGHT)  # up: the centre rises
    assert view.center > center
    after = shown_pixels(view)
    assert not np.array_equal(before, after)
    assert np.array_equal(after, to_display(dialog.radiograph.pixels(), "MONOCHROME2", view.center, view.width_value))
    assert dialog.findChild(QLabel, "windowValues").text() == (
        f"Centre {round(view.center)}, width {round(view.width_value)}"
    )
    key(qtbot, view, Key.Key_Home)
    assert (view.center, view.width_value) == (center, width)


def test_window_presets_from_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_radiograph_dicom(tmp_path / "w.dcm", window=[(1000, 500), (2000, 4000)])
    shown = _open(qtbot, read_radiograph_file(path))
    presets = shown.findChild(QComboBox, "windowPreset")
    assert [presets.itemText(i) for i in range(presets.count())] == [
        "The file's window WINDOW1",
        "The file's window WINDOW2",
    ]
    presets.setCurrentIndex(1)
    assert (shown.view.center, shown.view.width_value) == (2000, 4000)


def test_zoom_fit_one_to_one_and_pan_by_keys(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    fitted = view.zoom
    key(qtbot, view, Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted * 1.25)
    key(qtbot, view, Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted)
    key(qtbot, view, Key.Key_1)
    assert view.zoom == 1.0
    for _ in range(6):
        key(qtbot, view, Key.Key_Plus)
    centre = view.visible_centre()
    key(qtbot, view, Key.Key_Right)
    key(qtbot, view, Key.Key_Down)
    moved = view.visible_centre()
    assert moved[0] > centre[0] and moved[1] > centre[1]
    qtbot.wait(1)
    key(qtbot, view, Key.Key_F)
    assert view.zoom == pytest.approx(fitted)


def test_the_wheel_zooms_around_the_pointer(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    before = view.zoom
    view.zoom_by(1.25**2, anchor=view.view_point(60, 40))
    assert view.zoom == pytest.approx(before * 1.25**2)
    assert view.image_point(view.view_point(60, 40)) == pytest.approx((60, 40), abs=1)


# -- keyboard and screen readers ---------------------------------------------------------------------------------


def test_keyboard_only_measuring_with_the_centre_mark(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    view.setFocus()
    for _ in range(5):
        key(qtbot, view, Key.Key_Plus)  # the image larger than the view, so that it pans
    key(qtbot, view, Key.Key_H)
    key(qtbot, view, Key.Key_Space)
    first = view.visible_centre()
    key(qtbot, view, Key.Key_Down)
    key(qtbot, view, Key.Key_Space)
    second = view.visible_centre()
    points = dialog.measurements().height_points
    assert points[0] == pytest.approx(first) and points[1] == pytest.approx(second) and second[1] > first[1]
    key(qtbot, view, Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # nudge the selected point one screen pixel
    assert dialog.measurements().height_points[1][0] == pytest.approx(second[0] - 1 / view.zoom)


def test_every_tool_is_reachable_and_tab_leaves_the_image(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    view.setFocus()
    assert QApplication.focusWidget() is view
    seen: list[QWidget] = []
    for _ in range(40):
        key(qtbot, QApplication.focusWidget(), Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is view:
            break
        seen.append(focused)
    assert seen and seen[0] is not view
    names = {widget.objectName() for widget in seen}
    # The tools are one group, like radio buttons: Tab reaches the chosen one, the arrows the others.
    assert "toolPan" in names
    assert {"calibrationObject", "calibrationLength", "windowPreset", "invertImage", "saveButton"} <= names
    dialog.tool_buttons[Tool.PAN].setFocus()
    for name in ("toolCalibrate", "toolHeight", "toolWidth", "toolOutline"):
        key(qtbot, QApplication.focusWidget(), Key.Key_Down)
        assert QApplication.focusWidget().objectName() == name
    key(qtbot, QApplication.focusWidget(), Key.Key_Space)
    assert dialog.tools.tool is Tool.OUTLINE
    for letter, tool in ((Key.Key_C, Tool.CALIBRATE), (Key.Key_W, Tool.WIDTH), (Key.Key_O, Tool.OUTLINE)):
        key(qtbot, view, letter)
        assert dialog.tools.tool is tool and dialog.tool_buttons[tool].isChecked()
    dialog.tool_buttons[Tool.HEIGHT].click()
    assert dialog.tools.tool is Tool.HEIGHT


def test_every_control_is_named_by_its_label(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QComboBox | QLineEdit | QCheckBox | FilmView) and w.isVisible()
    ]
    controls = [w for w in controls if w.parent() is not None and not isinstance(w.parent(), QComboBox)]
    assert len(controls) >= 15
    for widget in controls:
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
        if isinstance(widget, QAbstractButton) and widget.objectName() != "oneToOneButton":
            assert widget.accessibleName() == accessible_label(widget.text()), widget.objectName()
    labels = {label.buddy(): accessible_label(label.text()) for label in dialog.findChildren(QLabel) if label.buddy()}
    for name in ("calibrationObject", "calibrationLength", "windowPreset"):
        widget = dialog.findChild(QWidget, name)
        assert labels[widget] == widget.accessibleName()
    assert "Space adds a point" in dialog.view.toolTip() and dialog.view.accessibleName() == "Film"


def test_ctrl_enter_saves_and_escape_asks_before_discarding(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    view = dialog.view
    key(qtbot, view, Key.Key_W)
    click(qtbot, view, 100, 120)
    click(qtbot, view, 200, 120)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    key(qtbot, view, Key.Key_Escape)
    assert asked == ["Discard the changes you made?"] and dialog.isVisible()
    dialog.activateWindow()  # back from the question (a window manager does it)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    key(qtbot, view, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.width_cm == Decimal("1.00")


def test_escape_without_changes_closes_at_once(qtbot: QtBot, dialog: MeasureFilmDialog) -> None:
    key(qtbot, dialog.view, Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_in_spanish_decimal_comma_and_the_calibration_sentence(qtbot: QtBot, non_square: Radiograph) -> None:
    language.install("es")
    initial = FilmMeasurements(height_points=((150, 180), (150, 80)), calibration=non_square.calibration)
    shown = _open(qtbot, non_square, initial)
    line = shown.findChild(QLabel, "heightValue").text()
    assert line.startswith("2,00 cm · ") and "Pixel Spacing" not in line.split("·")[0]
    assert shown.view.labels[Tool.HEIGHT] == "Altura 2,00 cm"
    assert shown.windowTitle() == "Medir la placa"


# -- side by side ------------------------------------------------------------------------------------------------


def test_compare_puts_both_films_at_one_physical_scale_with_linked_zoom_and_pan(
    qtbot: QtBot, non_square: Radiograph, png: Radiograph
) -> None:
    before = FilmMeasurements(height_points=((150, 180), (150, 80)), calibration=non_square.calibration)
    coarse = manual_calibration(20, 100, 20, 230, 26, png.calibration, "tablet")  # 0.2 mm a pixel
    after = FilmMeasurements(height_points=((150, 320), (150, 300)), calibration=coarse)
    compare = CompareFilms(ShownFilm(non_square, before, "Before"), ShownFilm(png, after, "After"))
    qtbot.addWidget(compare)
    compare.resize(1200, 700)
    compare.show()
    qtbot.waitExposed(compare)
    left, right = compare.views

    def mm_per_screen_pixel(view: FilmView, film: ShownFilm) -> float:
        return film.calibration.column_spacing_mm / view.zoom  # type: ignore[operator]

    assert mm_per_screen_pixel(left, compare.films[0]) == pytest.approx(mm_per_screen_pixel(right, compare.films[1]))
    assert right.zoom == pytest.approx(left.zoom * 2)  # its pixels are twice as large: twice the screen
    key(qtbot, left, Key.Key_Plus)
    assert mm_per_screen_pixel(left, compare.films[0]) == pytest.approx(mm_per_screen_pixel(right, compare.films[1]))
    for _ in range(4):
        key(qtbot, left, Key.Key_Plus)
    key(qtbot, left, Key.Key_Down)
    lx, ly = left.visible_centre()
    rx, ry = right.visible_centre()
    assert ly * ROW_MM == pytest.approx(ry * 0.2, abs=1.0) and lx * COLUMN_MM == pytest.approx(rx * 0.2, abs=1.0)
    assert left.labels[Tool.HEIGHT] == "Height 2.00 cm" and right.labels[Tool.HEIGHT] == "Height 0.40 cm"
    assert compare.findChild(QLabel, "beforeFilmDetail").text() == "Height: 2.00 cm · Pixel Spacing (patient plane)"
    assert "Same scale" in compare.findChild(QLabel, "compareScaleNote").text()


def test_compare_says_when_a_film_has_no_scale(qtbot: QtBot, non_square: Radiograph, png: Radiograph) -> None:
    compare = CompareFilms(ShownFilm(non_square, None, "Before"), ShownFilm(png, None, "After"))
    qtbot.addWidget(compare)
    compare.show()
    assert "Not at the same scale" in compare.findChild(QLabel, "compareScaleNote").text()
    assert "cm" not in compare.findChild(QLabel, "afterFilmDetail").text()
