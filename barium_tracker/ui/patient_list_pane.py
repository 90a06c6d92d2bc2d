"""The left of the window: the patient search, the diagnosis filter, the list and its count.

A view over :class:`ui.patient_list_model.PatientListModel` (which the window makes, one per open database). It
searches as the user types (after a short pause), and says which patient was chosen; what to show for that patient
is the window's business.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionHeader,
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
        self._fixed_width = 0  # the columns but the name's (which stretches)
        self._name_width = 0  # what the name column needs for a typical name
        self._cells: list[int] = []  # each column's widest cell (the MRN's grows with the rows loaded)
        self._chromes: dict[bool, int] = {}  # a header section's room beside its text, unsorted and sorted
        self.search = QLineEdit(self)
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Search by MRN or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self._placeholder_width())
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
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # names only: every other column fits its cells
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        # Headers in bold when a row is selected would need wider columns and tell nothing in a list of rows.
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._apply_widths())
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
        self._fit_columns(model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The count comes after the list has painted: counting a broad search costs more than showing its first page.
        model.modelReset.connect(self._schedule_count)
        model.rowsInserted.connect(self._schedule_count)
        model.modelReset.connect(self._fit_mrns)
        model.rowsInserted.connect(lambda _parent, first, last: self._fit_mrns(first, last))
        self._update_count()
        self.updateGeometry()  # the preferred width follows the columns (the window's splitter reads it)

    # -- widths ---------------------------------------------------------------------------------------------------

    def _placeholder_width(self) -> int:
        """A search field wide enough for its whole placeholder: the text, the frame, the text margins (2 px each
        side) and the room Qt keeps for the clear button (a 16 px icon + 6, and a 4 px margin)."""
        frame = self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, self.search)
        text = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        return text + 2 * frame + 2 * 2 + 26 + 4

    def _fit_columns(self, model: PatientListModel) -> None:
        """Every column as wide as its widest cell and its header (on two lines where that is narrower); the
        name column stretches over what is left (a longer name is elided, whole in its tooltip).

        Only the sorted column makes room for the sort arrow, so the widths follow the sort (the name column
        absorbs the difference); the pane's preferred width counts one arrow.
        """
        header = self.table.horizontalHeader()
        self._cells = model.cell_widths(self.table.fontMetrics())
        self._chromes.clear()
        name = model.COLUMNS.index("name")
        for section, cell in enumerate(self._cells):
            model.set_header_text(section, None if section == name else self._header_lines(model, section, cell))
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(name, QHeaderView.ResizeMode.Stretch)
        self._name_width = model.name_width(self.table.fontMetrics())
        self._apply_widths()

    def _apply_widths(self) -> None:
        """Set the columns' widths for the current sort (the sorted one has room for the arrow)."""
        if self.model is None or not self._cells:
            return
        header = self.table.horizontalHeader()
        name = self.model.COLUMNS.index("name")
        self._chromes.clear()  # the header's height (two lines or one) sets the sort arrow's room
        arrow = self._chrome(sorted_=True) - self._chrome(sorted_=False)
        widths = [
            max(cell, self._header_need(section, sorted_=section == header.sortIndicatorSection()))
            for section, cell in enumerate(self._cells)
        ]
        for section, width in enumerate(widths):
            if section != name:
                self.table.setColumnWidth(section, width)
        unsorted = [max(c, self._header_need(s, sorted_=False)) for s, c in enumerate(self._cells) if s != name]
        self._fixed_width = sum(unsorted) + arrow
        self._name_width = max(self._name_width, self._header_need(name, sorted_=True))
        self.updateGeometry()

    def _header_option(self, section: int, width: int, sorted_: bool) -> QStyleOptionHeader:
        header = self.table.horizontalHeader()
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.state |= QStyle.StateFlag.State_Horizontal
        option.orientation = Qt.Orientation.Horizontal
        option.section = section
        option.rect = QRect(0, 0, width, max(header.height(), header.sizeHint().height()))
        option.text = str(self.model.headerData(section, Qt.Orientation.Horizontal) if self.model else "")
        option.sortIndicator = (
            QStyleOptionHeader.SortIndicator.SortDown if sorted_ else QStyleOptionHeader.SortIndicator.None_
        )
        return option

    def header_label_width(self, section: int, width: int, sorted_: bool) -> int:
        """The room the style leaves for the header's text in a section ``width`` wide (less the sort arrow's)."""
        header = self.table.horizontalHeader()
        option = self._header_option(section, width, sorted_)
        return header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header).width()

    def _text_width(self, text: str) -> int:
        metrics = self.table.horizontalHeader().fontMetrics()
        return max(metrics.horizontalAdvance(line) for line in text.split("\n"))

    def _chrome(self, *, sorted_: bool) -> int:
        """What a header section keeps beside its text: the style's margins (and the sort arrow's room)."""
        found = self._chromes.get(sorted_)
        if found is None:
            probe = 400
            found = self._chromes[sorted_] = probe - self.header_label_width(0, probe, sorted_) + 2
        return found

    def _header_need(self, section: int, *, sorted_: bool) -> int:
        """The width a section needs for its header text (as set now) whole."""
        text = str(self.model.headerData(section, Qt.Orientation.Horizontal) if self.model else "")
        return self._text_width(text) + self._chrome(sorted_=sorted_)

    def _header_lines(self, model: PatientListModel, section: int, cell: int) -> str | None:
        """The header on one line, or broken over two where that makes the column narrower (None: one line)."""
        words = model.header_text(section).split(" ")
        best: tuple[int, str | None] | None = None
        for cut in range(len(words)):
            candidate = None if cut == 0 else " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
            width = max(cell, self._text_width(candidate or model.header_text(section)) + self._chrome(sorted_=False))
            if best is None or width < best[0]:
                best = (width, candidate)
        assert best is not None
        return best[1]

    def _fit_mrns(self, first: int = 0, last: int | None = None) -> None:
        """Widen the MRN column when rows with a longer MRN than it fits are loaded (never narrows it)."""
        if self.model is None or not self._cells:
            return
        column = self.model.COLUMNS.index("mrn")
        needed = self.model.widest_mrn(self.table.fontMetrics(), first, last) + self.model.CELL_PADDING_PX
        if needed > self._cells[column]:
            self._cells[column] = needed
            self._apply_widths()

    def sizeHint(self) -> QSize:
        """Wide enough for every column whole and a typical name, without a horizontal scroll bar."""
        hint = super().sizeHint()
        if self.model is None:
            return hint
        margins = self.layout().contentsMargins()
        frame = 2 * self.table.frameWidth()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
        width = self._fixed_width + self._name_width + frame + scroll_bar + margins.left() + margins.right()
        return QSize(max(width, hint.width()), hint.height())

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
