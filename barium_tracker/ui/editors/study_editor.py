"""A timed barium esophagogram: protocol details and the column on each timed film (1, 2 and 5 minutes by default)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain import fields
from barium_tracker.domain.enums import PatientPosition, TabletResult
from barium_tracker.domain.records import STANDARD_MINUTES, ColumnMeasurement, TbeStudy
from barium_tracker.domain.validation import FieldError, ValidationFailed, parse_decimal, validate_study
from barium_tracker.ui import translate
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit, IntegerEdit, decimal_text

BARIUM_TYPES = ("Low-density barium 45 % w/v", "Barium sulfate suspension (other density)")
MINUTE, HEIGHT, WIDTH = range(3)
_BAD_CELL = QBrush(QColor("#fdecec"))
#: What a cell accepts as it is typed: a minute is a whole number, a height or width a decimal with a comma or a point.
_CELL_PATTERNS = {MINUTE: r"\d{0,3}", HEIGHT: r"\d{0,3}([.,]\d{0,2})?", WIDTH: r"\d{0,3}([.,]\d{0,2})?"}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _CellDelegate(QStyledItemDelegate):
    """A cell's editor: its text selected (what is typed replaces it), a letter refused as it is typed, Enter on to
    the next cell, and Escape with nothing changed in the cell going on to the dialog (which asks before discarding)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        pattern = QRegularExpression(_CELL_PATTERNS[index.column()])
        editor.setValidator(QRegularExpressionValidator(pattern, editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data() or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        if editor.text() != (index.data() or ""):
            model.setData(index, editor.text())

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            grid = self.parent()
            tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            if tab and event.modifiers() & Qt.KeyboardModifier.ControlModifier and isinstance(grid, FilmGrid):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                grid.leave(event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
            if event.key() in _ENTER and plain:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if event.key() == Qt.Key.Key_Escape and not editor.isModified():
                dialog = editor.window()
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                QTimer.singleShot(0, dialog.reject)
                return True
        return super().eventFilter(editor, event)


class FilmGrid(QTableWidget):
    """The timed films: Tab and Enter go from cell to cell, and out of the grid after its last cell (Shift+Tab before
    its first, Ctrl+Tab at once), so the fields below and Save are reached from the keyboard."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(0, 3, parent)
        self.setItemDelegate(_CellDelegate(self))
        self.setTabKeyNavigation(True)

    def _at_end(self, forward: bool) -> bool:
        index = self.currentIndex()
        if not index.isValid() or self.rowCount() == 0:
            return True
        if forward:
            return index.row() == self.rowCount() - 1 and index.column() == self.columnCount() - 1
        return index.row() == 0 and index.column() == 0

    def leave(self, forward: bool) -> None:
        """Focus the widget after (or before) the grid."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        QWidget.focusNextPrevChild(self, forward)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self._at_end(forward):
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem) and self._at_end(hint == hints.EditNextItem):
            super().closeEditor(editor, hints.NoHint)
            self.leave(hint == hints.EditNextItem)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.leave(key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier)
            return
        if key in _ENTER and not modifiers & Qt.KeyboardModifier.ControlModifier:
            if self._at_end(True):
                self.leave(True)
            else:
                self.setCurrentIndex(self.moveCursor(QAbstractItemView.CursorAction.MoveNext, modifiers))
            return
        super().keyPressEvent(event)

    def commit_open_editor(self) -> None:
        """Store what is typed in the cell being edited (Ctrl+Enter saves without leaving the cell)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)


class StudyEditor(RecordEditor[TbeStudy]):
    record_kind = fields.Record.TBE_STUDY

    def build_form(self) -> None:
        self.study_date = self.add_declared("study_date", DateEdit(parent=self))
        self.study_time = self.add_declared("study_time", QLineEdit(self))
        self.study_time.setPlaceholderText("HH:MM")
        self.barium_volume_ml = self.add_declared("barium_volume_ml", DecimalEdit("mL", self))
        barium_type = QComboBox(self)
        barium_type.setEditable(True)
        barium_type.addItems(["", *BARIUM_TYPES])
        self.barium_type = self.add_declared("barium_type", barium_type)
        barium_type.editTextChanged.connect(self._changed)
        self.position = self.add_declared("position", ChoiceBox.for_enum(PatientPosition, parent=self))

        self.grid = FilmGrid(self)
        self.grid.setHorizontalHeaderLabels(
            [translate.label(fields.film("minute"))]
            + [translate.form_label(fields.film(name), short=True) for name in ("height_cm", "width_cm")]
        )
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.grid.setMinimumHeight(150)
        self.grid.itemChanged.connect(self._changed)
        self.add_minute_button = QPushButton(self.tr("Add minute"), self)
        self.add_minute_button.setObjectName("addMinuteButton")
        self.add_minute_button.setAccessibleDescription(self.tr("Add a timed film"))
        self.remove_minute_button = QPushButton(self.tr("Remove minute"), self)
        self.remove_minute_button.setObjectName("removeMinuteButton")
        self.remove_minute_button.setAccessibleDescription(self.tr("Remove the selected timed film"))
        self.add_minute_button.setAutoDefault(False)
        self.remove_minute_button.setAutoDefault(False)
        self.add_minute_button.clicked.connect(lambda: self.add_minute_row())
        self.remove_minute_button.clicked.connect(self.remove_selected_row)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_minute_button)
        buttons.addWidget(self.remove_minute_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.add_field("measurements", self.tr("Barium column\n(empty = not measured,\n0 = emptied)"), box)
        self._fields["measurements"] = self.grid  # errors outline the grid, not its buttons
        self.grid.setObjectName("measurements")
        # The screen reader says the grid by its form label, like every field; the label's buddy is the grid.
        self.grid.setAccessibleName(box.accessibleName())
        box.setAccessibleName("")
        self.grid.setAccessibleDescription(self.tr("Barium column height and width per minute"))
        grid_label = self.label_for("measurements")
        if isinstance(grid_label, QLabel):
            grid_label.setBuddy(self.grid)

        self.tablet_result = self.add_declared("tablet_result", ChoiceBox.for_enum(TabletResult, parent=self))
        self.tablet_minute = self.add_declared("tablet_minute", IntegerEdit(self))
        self.tablet_result.value_changed.connect(self._tablet_changed)
        self.notes = self.add_declared("notes", QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.resize(560, 0)

    def commit_pending(self) -> None:
        self.grid.commit_open_editor()

    def _tablet_changed(self) -> None:
        given = self.tablet_result.value() is not TabletResult.NOT_GIVEN
        self.tablet_minute.setEnabled(given)
        if not given:
            self.tablet_minute.clear()

    # -- grid -----------------------------------------------------------------------------------------------------

    def add_minute_row(self, minute: int | None = None, height: str = "", width: str = "") -> int:
        """Append a film row; a new row proposes the next minute after the last one."""
        if minute is None:
            minutes = [m for m in (self._int(self.grid.item(r, MINUTE)) for r in range(self.grid.rowCount())) if m]
            minute = max(minutes, default=0) + 1
        row = self.grid.rowCount()
        self._loading_grid = True
        self.grid.insertRow(row)
        for col, text in ((MINUTE, str(minute)), (HEIGHT, height), (WIDTH, width)):
            self.grid.setItem(row, col, QTableWidgetItem(text))
        self._loading_grid = False
        self._changed()
        return row

    def remove_selected_row(self) -> None:
        row = self.grid.currentRow()
        if row >= 0:
            self.grid.removeRow(row)
            self._changed()

    @staticmethod
    def _int(item: QTableWidgetItem | None) -> int | None:
        text = item.text().strip() if item else ""
        return int(text) if text.isdigit() else None

    # -- record ---------------------------------------------------------------------------------------------------

    def load(self, record: TbeStudy) -> None:
        self.load_declared(record, skip=("study_time",))
        self.study_time.setText(record.study_time.strftime("%H:%M") if record.study_time else "")
        self._tablet_changed()
        self.grid.setRowCount(0)
        by_minute = {m.minute: m for m in record.measurements}
        for minute in sorted(set(STANDARD_MINUTES) | set(by_minute)):
            m = by_minute.get(minute)
            self.add_minute_row(minute, decimal_text(m.height_cm) if m else "", decimal_text(m.width_cm) if m else "")

    def _read_grid(self) -> tuple[list[ColumnMeasurement], list[FieldError]]:
        measurements: list[ColumnMeasurement] = []
        errors: list[FieldError] = []
        for row in range(self.grid.rowCount()):
            minute_text = (self.grid.item(row, MINUTE).text() if self.grid.item(row, MINUTE) else "").strip()
            if not minute_text.isdigit():
                errors.append(
                    FieldError(f"row_{row}.minute", minute_text, f"Row {row + 1}: the minute must be a whole number")
                )
                continue
            minute = int(minute_text)
            values = {}
            for col, name in ((HEIGHT, "height_cm"), (WIDTH, "width_cm")):
                text = self.grid.item(row, col).text() if self.grid.item(row, col) else ""
                try:
                    label = translate.label(fields.film(name), minute=minute)
                    values[name] = parse_decimal(text, label=label, field=f"minute_{minute}.{name}")
                except ValidationFailed as failure:
                    errors += failure.errors
                    values[name] = None
            measurements.append(ColumnMeasurement(minute=minute, **values))
        return measurements, errors

    def read(self) -> tuple[TbeStudy, list[FieldError]]:
        errors: list[FieldError] = []
        values = self.read_declared(errors, skip=("study_time",))
        time_text = self.study_time.text().strip()
        study_time = None
        if time_text:
            try:
                study_time = dt.time.fromisoformat(time_text if len(time_text) > 4 else f"0{time_text}")
            except ValueError:
                label = translate.label(self.declared("study_time"))
                message = self.tr("{0}: '{1}' must be written as HH:MM").format(label, time_text)
                errors.append(FieldError("study_time", time_text, message))
        measurements, grid_errors = self._read_grid()
        errors += grid_errors
        record = dataclasses.replace(
            self._original,
            **values,
            study_time=study_time,
            # A film with neither height nor width was not taken: it is not stored.
            measurements=[m for m in measurements if m.is_measured],
        )
        # Duplicate minutes are only visible before empty rows are dropped: check them on every row.
        duplicates = [m.minute for m in measurements]
        if len(set(duplicates)) != len(duplicates):
            record = dataclasses.replace(record, measurements=measurements)
        return record, errors

    def rules(self, record: TbeStudy) -> list[FieldError]:
        return validate_study(record, birth_date=self.patient_birth_date, today=dt.date.today())

    def field_for_error(self, field: str) -> str:
        if field.startswith(("minute_", "row_")) or field == "measurements":
            return "measurements"
        return field

    def revalidate(self) -> list[FieldError]:
        if getattr(self, "_loading_grid", False):
            return []
        errors = super().revalidate()
        self.grid.blockSignals(True)
        try:
            bad = {e.field for e in errors} if self.error_shown("measurements") else set()
            for row in range(self.grid.rowCount()):
                minute = self._int(self.grid.item(row, MINUTE))
                for col, name in ((MINUTE, "minute"), (HEIGHT, "height_cm"), (WIDTH, "width_cm")):
                    item = self.grid.item(row, col)
                    if item is None:
                        continue
                    flagged = f"row_{row}.{name}" in bad or (minute is not None and f"minute_{minute}.{name}" in bad)
                    if (
                        col == MINUTE
                        and "measurements" in bad
                        and any(e.field == "measurements" and e.value == minute for e in errors)
                    ):
                        flagged = True
                    item.setBackground(_BAD_CELL if flagged else QBrush())
        finally:
            self.grid.blockSignals(False)
        return errors

    def focus_error(self, name: str, errors: list[FieldError]) -> None:
        """The grid focuses its first wrong cell (the others as every editor does)."""
        if name != "measurements":
            super().focus_error(name, errors)
            return
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        for row in range(self.grid.rowCount()):
            for col in (MINUTE, HEIGHT, WIDTH):
                item = self.grid.item(row, col)
                if item is not None and item.background() == _BAD_CELL:
                    self.grid.setCurrentCell(row, col)
                    return
