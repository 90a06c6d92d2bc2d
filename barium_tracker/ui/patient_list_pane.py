"""The left of the window: the patient search, the diagnosis filter, the list and its count.

A view over :class:`ui.patient_list_model.PatientListModel` (which the window makes, one per open database). It
searches as the user types (after a short pause), and says which patient was chosen; what to show for that patient
is the window's business.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.ui.actions import where
from barium_tracker.ui.empty_state import EmptyStateTableView
from barium_tracker.ui.fields import ChoiceBox
from barium_tracker.ui.patient_list_model import PatientListModel


class PatientListPane(QWidget):
    """Find a patient: search by MRN or name, filter by diagnosis, pick one from the list."""

    SEARCH_DELAY_MS = 120

    patient_chosen = Signal(object)  # the id of the patient whose row was selected
    patient_activated = Signal()  # a row was double-clicked: open the patient
    patient_opened = Signal()  # Enter in the search or the list: go on to the patient shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientListPane")
        self.model: PatientListModel | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Search by MRN or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.diagnosis_filter = ChoiceBox.for_enum(Diagnosis, none_label=self.tr("All diagnoses"), parent=self)
        self.diagnosis_filter.setObjectName("diagnosisFilter")

        self.table = EmptyStateTableView(self)
        self.table.setObjectName("patientTable")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # one Tab stop; the arrows move inside the list
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("patientCount")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # A visible label, its buddy the filter: on Linux Qt names a combo box by its current text ("All diagnoses"),
        # and a screen reader finds its label through this "labelled by" relation.
        self.diagnosis_label = QLabel(self.tr("Diagnosis:"), self)
        self.diagnosis_label.setBuddy(self.diagnosis_filter)
        self.diagnosis_filter.setAccessibleName(self.tr("Diagnosis"))
        self.diagnosis_filter.setAccessibleDescription(self.tr("Show only patients with this diagnosis"))
        # Its label takes room: the box is sized for a short diagnosis (the longest is elided on the box, whole in
        # its list), so the search field keeps its width.
        self.diagnosis_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.diagnosis_filter.setMinimumContentsLength(14)
        self.diagnosis_filter.view().setMinimumWidth(self.diagnosis_filter.view().sizeHintForColumn(0) + 24)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.diagnosis_label)
        search_row.addWidget(self.diagnosis_filter, 2)
        layout.addLayout(search_row)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)

        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_search)
        self.diagnosis_filter.value_changed.connect(self._filter_changed)
        self.table.doubleClicked.connect(lambda _index: self.patient_activated.emit())
        self.table.activated.connect(lambda _index: self.patient_opened.emit())
        self.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search field Down goes into the list, Enter opens the selected (or the only, or first) patient."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and not event.modifiers():
                self._pick_row()
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pick_row():
                    self.patient_opened.emit()
                return True
        return super().eventFilter(watched, event)

    def _pick_row(self) -> bool:
        """Show the list for the text typed so far and select a row in it (the selected one, else the first)."""
        if self._search_timer.isActive():
            self.apply_search()
        if self.model is None or self.model.rowCount() == 0:
            return False
        selected = self.table.selectionModel().selectedRows()
        row = selected[0].row() if selected else 0
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def show_model(self, model: PatientListModel) -> None:
        """List ``model`` (a new database, or the first page read before it was opened)."""
        self.model = model
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())
        for column, width in enumerate(model.default_column_widths(self.table.fontMetrics())):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The count comes after the list has painted: counting a broad search costs more than showing its first page.
        model.modelReset.connect(self._schedule_count)
        model.rowsInserted.connect(self._schedule_count)
        self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        if self.model is not None:
            self.model.set_search(self.search.text())

    def clear_search(self) -> None:
        self.search.clear()
        self.apply_search()

    def select_patient(self, patient_id: int) -> bool:
        """Select the patient's row; False (and nothing selected) when the list does not show that patient."""
        if self.model is None or (row := self.model.row_of(patient_id)) is None:
            self.table.clearSelection()
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _filter_changed(self) -> None:
        if self.model is not None:
            self.model.set_diagnosis(self.diagnosis_filter.value())

    def _schedule_count(self) -> None:
        QTimer.singleShot(0, self._update_count)

    def _update_count(self) -> None:
        if self.model is None:
            return
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            text = (
                self.tr(
                    "No patient matches: change the search or the diagnosis, or add the patient with {menu}, {keys}."
                )
                if self.search.text() or self.diagnosis_filter.value()
                else self.tr("No patients yet: {menu}, {keys}.")
            ).format(**where("actionNewPatient"))
        elif shown == total:
            text = self.tr("1 patient") if total == 1 else self.tr("{0} patients").format(total)
        else:
            text = self.tr("{0} of {1} patients loaded (scroll for more)").format(shown, total)
        # An empty list says it across the list itself (and to screen readers, as its description), not twice.
        self.count_label.setText("" if total == 0 else text)
        self.table.set_empty_text(text if total == 0 else "")

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and self.model is not None:
            self.patient_chosen.emit(self.model.data(indexes[0], PatientListModel.PatientIdRole))
