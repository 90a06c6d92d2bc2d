"""Measuring one film: the image view beside a panel of tools, the calibration and the values, Save or Cancel.

``MeasureFilmDialog(radiograph, initial, parent)`` returns :class:`FilmMeasurements` (``measurements()`` after
``exec()`` accepted); the services store it with the film. Like the record editors (``ui/editors/base.py``):
Ctrl+Enter saves from anywhere, Escape asks before discarding changes, and every control is named for screen readers
by its visible text.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.validation import ValidationFailed, parse_decimal
from barium_tracker.services.images.decode import Radiograph
from barium_tracker.ui import translate
from barium_tracker.ui.editors.base import ERROR_STYLE, accessible_label, general_error_line, save_and_cancel
from barium_tracker.ui.fields import DecimalEdit
from barium_tracker.ui.films import panel
from barium_tracker.ui.films.tools import TABLET_MM, MeasuringTools, Tool
from barium_tracker.ui.films.view import FilmView, WindowPreset
from barium_tracker.ui.modal import run_modal

_TOOL_NAMES = {
    Tool.PAN: "toolPan",
    Tool.CALIBRATE: "toolCalibrate",
    Tool.HEIGHT: "toolHeight",
    Tool.WIDTH: "toolWidth",
    Tool.OUTLINE: "toolOutline",
}


class MeasureFilmDialog(QDialog):
    """The film, the measuring tools and their values; ``measurements()`` is what Save returns."""

    def __init__(
        self, radiograph: Radiograph, initial: FilmMeasurements | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureFilmDialog")
        self.setWindowTitle(self.tr("Measure the film"))
        self.setModal(True)
        self.radiograph = radiograph
        self._initial = initial if initial is not None else FilmMeasurements(calibration=radiograph.calibration)
        self.saved: FilmMeasurements | None = None
        self.tools = MeasuringTools(radiograph.calibration, radiograph.columns, radiograph.rows, initial, self)
        self.view = FilmView(radiograph, self.tools, self)
        self.view.setAccessibleName(QCoreApplication.translate("FilmMeasures", "Film"))
        self.view.setAccessibleDescription(self._keys_help())
        self.view.setToolTip(self._keys_help())
        self.view.setMinimumSize(420, 420)

        side = QVBoxLayout()
        side.addWidget(self._tool_box())
        side.addWidget(self._calibration_box())
        side.addWidget(self._values_box())
        side.addWidget(self._display_box())
        side.addStretch(1)
        self.help_line = QLabel(self._keys_help(), self)
        self.help_line.setObjectName("filmKeysHelp")
        self.help_line.setWordWrap(True)
        side.addWidget(self.help_line)
        panel_widget = QWidget(self)
        panel_widget.setLayout(side)
        panel_widget.setFixedWidth(360)

        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(panel_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        self.general_error = general_error_line(self)
        layout.addWidget(self.general_error)
        self.buttons = save_and_cancel(self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.save_button, cancel):
            button.setAutoDefault(False)  # Enter never saves by accident: Ctrl+Enter does
            button.setAccessibleName(accessible_label(button.text()))
        layout.addWidget(self.buttons)

        self.tools.changed.connect(self._refresh)
        self.view.window_changed.connect(self._window_shown)
        self._refresh()
        self.resize(1180, 820)
        self.view.setFocus()

    # -- the panel ------------------------------------------------------------------------------------------------

    def _keys_help(self) -> str:
        return self.tr(
            "Keys: P move, C calibrate, H height, W width, O outline; click or Space adds a point at the centre mark, "
            "drag a point to move it, Shift+arrows nudge it, Delete removes it. + and - zoom, F fit, 1 one to one, "
            "arrows pan, I invert, Home or R reset; right-drag sets the window (across: width, up and down: level)."
        )

    def _tool_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tool"), self)
        box.setObjectName("toolBox")
        row = QVBoxLayout(box)
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(True)
        texts = {
            Tool.PAN: (self.tr("Move the image (P)"), self.tr("Drag to pan; points can still be dragged.")),
            Tool.CALIBRATE: (
                self.tr("Calibrate on a known object (C)"),
                self.tr("Two points on the ends of an object of known length: the 13 mm tablet, a ruler, a marker."),
            ),
            Tool.HEIGHT: (
                self.tr("Column height (H)"),
                self.tr(
                    "From the gastro-oesophageal junction to the top of the dense column; more points follow a "
                    "tortuous oesophagus."
                ),
            ),
            Tool.WIDTH: (self.tr("Maximal width (W)"), self.tr("Two points across the widest part of the column.")),
            Tool.OUTLINE: (
                self.tr("Trace the outline (O)"),
                self.tr("Points around the column; closed automatically."),
            ),
        }
        self.tool_buttons: dict[Tool, QPushButton] = {}
        for tool, (text, tip) in texts.items():
            button = QPushButton(text, box)
            button.setObjectName(_TOOL_NAMES[tool])
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setAccessibleName(accessible_label(text))
            button.setAccessibleDescription(tip)
            button.setToolTip(tip)
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            row.addWidget(button)
            button.clicked.connect(lambda _checked=False, t=tool: self._pick(t))
        self.clear_button = QPushButton(self.tr("Clear this tool's points"), box)
        self.clear_button.setObjectName("clearToolPoints")
        self.clear_button.setAccessibleName(self.clear_button.text())
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(lambda: self.tools.clear(self.tools.tool))
        row.addWidget(self.clear_button)
        return box

    def _pick(self, tool: Tool) -> None:
        self.tools.set_tool(tool)

    def _calibration_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Calibration"), self)
        box.setObjectName("calibrationBox")
        form = QFormLayout(box)
        self.object_box = QComboBox(box)
        self.object_box.setObjectName("calibrationObject")
        self.object_box.setEditable(True)
        # Shown as the clinic says it; stored as the object the calibration sentence names ("Manual: 13 mm tablet").
        for shown, stored in (
            (self.tr("13 mm tablet"), self.tr("tablet")),
            (self.tr("ruler"), self.tr("ruler")),
            (self.tr("marker"), self.tr("marker")),
        ):
            self.object_box.addItem(shown, stored)
        self.length = DecimalEdit("mm", box)
        self.length.setObjectName("calibrationLength")
        object_label = self.tr("Known &object:")
        length_label = self.tr("&Length (mm):")
        form.addRow(object_label, self.object_box)
        form.addRow(length_label, self.length)
        for label_text, widget in ((object_label, self.object_box), (length_label, self.length)):
            widget.setAccessibleName(accessible_label(label_text))
            form_label = form.labelForField(widget)
            if isinstance(form_label, QLabel):
                form_label.setBuddy(widget)
        self.calibration_line = QLabel(box)
        self.calibration_line.setObjectName("calibrationUsed")
        self.calibration_line.setWordWrap(True)
        self.calibration_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.calibration_line)
        self.calibration_error = QLabel(box)
        self.calibration_error.setObjectName("calibrationError")
        self.calibration_error.setWordWrap(True)
        self.calibration_error.setStyleSheet(ERROR_STYLE)
        form.addRow(self.calibration_error)
        if self.tools.points[Tool.CALIBRATE]:
            index = self.object_box.findData(self.tools.object_name)
            if index >= 0:
                self.object_box.setCurrentIndex(index)
            else:
                self.object_box.setCurrentText(self.tools.object_name)
            self.length.set_value(Decimal(repr(self.tools.length_mm or TABLET_MM)).normalize())
        else:
            self.length.set_value(Decimal(13))
            self.tools.object_name = self._object_name()
        self.object_box.currentTextChanged.connect(self._object_changed)
        self.length.textChanged.connect(self._known_object_changed)
        return box

    def _object_changed(self, text: str) -> None:
        if text == self.tr("13 mm tablet"):
            self.length.set_value(Decimal(13))
        self._known_object_changed()

    def _known_object_changed(self) -> None:
        try:
            value = parse_decimal(self.length.text(), label=self.tr("Length (mm)"))
        except ValidationFailed:
            value = None
        self.tools.set_known_object(float(value) if value is not None else None, self._object_name())

    def _object_name(self) -> str:
        """The chosen object as the calibration names it, or the text typed for another object."""
        index = self.object_box.findText(self.object_box.currentText())
        if index >= 0 and self.object_box.itemData(index):
            return str(self.object_box.itemData(index))
        return self.object_box.currentText().strip()

    def _values_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Measurements"), self)
        box.setObjectName("valuesBox")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.value_lines: dict[Tool, QLabel] = {}
        for tool, text in (
            (Tool.HEIGHT, self.tr("Height:")),
            (Tool.WIDTH, self.tr("Width:")),
            (Tool.OUTLINE, self.tr("Traced area:")),
        ):
            line = QLabel(box)
            line.setObjectName(f"{tool.value}Value")
            line.setWordWrap(True)
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            line.setAccessibleName(accessible_label(text))
            form.addRow(text, line)
            self.value_lines[tool] = line
        self.outline_warning = QLabel(box)
        self.outline_warning.setObjectName("outlineWarning")
        self.outline_warning.setWordWrap(True)
        self.outline_warning.setStyleSheet(ERROR_STYLE)
        form.addRow(self.outline_warning)
        return box

    def _display_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Display"), self)
        box.setObjectName("displayBox")
        column = QVBoxLayout(box)
        form = QFormLayout()
        self.preset_box = QComboBox(box)
        self.preset_box.setObjectName("windowPreset")
        for preset in self.view.presets:
            self.preset_box.addItem(self._preset_name(preset))
        preset_label = self.tr("&Window:")
        form.addRow(preset_label, self.preset_box)
        self.preset_box.setAccessibleName(accessible_label(preset_label))
        label = form.labelForField(self.preset_box)
        if isinstance(label, QLabel):
            label.setBuddy(self.preset_box)
        column.addLayout(form)
        self.window_line = QLabel(box)
        self.window_line.setObjectName("windowValues")
        column.addWidget(self.window_line)
        self.invert_box = QCheckBox(self.tr("&Invert (I)"), box)
        self.invert_box.setObjectName("invertImage")
        self.invert_box.setAccessibleName(accessible_label(self.invert_box.text()))
        column.addWidget(self.invert_box)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("fitButton", self.tr("Fit (F)"), self.view.fit),
            ("oneToOneButton", self.tr("1:1"), self.view.one_to_one),
            ("resetButton", self.tr("Reset (R)"), self.view.reset),
        ):
            button = QPushButton(text, box)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.one_to_one_button = box.findChild(QPushButton, "oneToOneButton")
        if self.one_to_one_button is not None:
            self.one_to_one_button.setAccessibleName(self.tr("One to one"))
        column.addLayout(buttons)
        self.preset_box.currentIndexChanged.connect(lambda index: self.view.set_preset(self.view.presets[index]))
        self.invert_box.toggled.connect(self.view.set_inverted)
        return box

    def _preset_name(self, preset: WindowPreset) -> str:
        if preset.source == 1:
            return self.tr("The file's VOI LUT")
        if not preset.name:
            return self.tr("Full range of the image")
        return self.tr("The file's window {0}").format(preset.name)

    def _window_shown(self) -> None:
        self.window_line.setText(
            self.tr("Centre {0}, width {1}").format(round(self.view.center), round(self.view.width_value))
        )
        if self.invert_box.isChecked() != self.view.inverted:
            self.invert_box.blockSignals(True)
            self.invert_box.setChecked(self.view.inverted)
            self.invert_box.blockSignals(False)
        index = self.view.presets.index(self.view.preset)
        if self.preset_box.currentIndex() != index:
            self.preset_box.blockSignals(True)
            self.preset_box.setCurrentIndex(index)
            self.preset_box.blockSignals(False)

    def _refresh(self) -> None:
        measured = self.tools.measurements()
        calibration = measured.calibration
        self.tool_buttons[self.tools.tool].setChecked(True)
        self.calibration_line.setText(self.tr("Scale used: {0}").format(panel.calibration_text(calibration)))
        problem = self.tools.calibration_problem()
        self.calibration_error.setText(translate.error_text(problem) if problem is not None else "")
        self.calibration_error.setVisible(problem is not None)
        values = {
            Tool.HEIGHT: (measured.height_cm, panel.height_text(measured), len(measured.height_points) >= 2),
            Tool.WIDTH: (measured.width_cm, panel.width_text(measured), len(measured.width_points) == 2),
            Tool.OUTLINE: (measured.area_cm2, panel.area_text(measured), len(measured.outline_points) >= 3),
        }
        for tool, (value, text, drawn) in values.items():
            line = self.value_lines[tool]
            if not drawn:
                line.setText(self.tr("not measured"))
            else:
                line.setText(
                    panel.with_source(text, calibration) if value is not None or not measured.calibrated else "—"
                )
            line.setAccessibleDescription(line.text())
        crosses = measured.outline_crosses_itself
        self.outline_warning.setText(
            self.tr("The outline crosses itself: move its points so that it encloses the column once.")
            if crosses
            else ""
        )
        self.outline_warning.setVisible(crosses)
        labels = panel.mark_labels(measured)
        self.view.labels = {
            tool: labels[tool.value] for tool in (Tool.HEIGHT, Tool.WIDTH, Tool.OUTLINE) if tool.value in labels
        }
        self.view.viewport().update()
        self._window_shown()

    # -- closing --------------------------------------------------------------------------------------------------

    def measurements(self) -> FilmMeasurements:
        """The measurements as the film shows them now (after Save: what was saved)."""
        return self.saved if self.saved is not None else self.tools.measurements()

    def is_dirty(self) -> bool:
        return self.tools.measurements() != self._initial

    def accept(self) -> None:
        measured = self.tools.measurements()
        problems = []
        problem = self.tools.calibration_problem()
        if problem is not None:
            problems.append(translate.error_text(problem))
        if measured.outline_crosses_itself:
            problems.append(self.outline_warning.text())
        self.general_error.setText("\n".join(problems))
        self.general_error.setVisible(bool(problems))
        if problems:
            return
        self.saved = measured
        super().accept()

    def reject(self) -> None:
        if self.is_dirty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.windowTitle(),
                QCoreApplication.translate("RecordEditor", "Discard the changes you made?"),  # the editors' question
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setObjectName("discardQuestion")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if run_modal(box) != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


def measure_film(
    radiograph: Radiograph, initial: FilmMeasurements | None = None, parent: QWidget | None = None
) -> FilmMeasurements | None:
    """Open the dialog modally: the saved measurements, or None when cancelled."""
    dialog = MeasureFilmDialog(radiograph, initial, parent)
    if run_modal(dialog) == QDialog.DialogCode.Accepted:
        return dialog.saved
    return None
