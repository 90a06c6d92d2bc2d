"""The cohort window: every patient's latest treatment and its response, filtered, sorted, summarised and exported.

It lays out the parts (filters, the table and its model, the statistics, the plot) and moves rows between them;
every number comes from :mod:`barium_tracker.services.cohort`, computed with the same function as the patient
summary.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import (
    COHORT_RULE_IDS,
    CohortFilter,
    CohortRow,
    cohort_rows,
    filter_rows,
    overall_statistics,
    procedure_statistics,
    rows_to_csv,
)
from barium_tracker.ui import notation
from barium_tracker.ui.actions import where
from barium_tracker.ui.cohort import words
from barium_tracker.ui.cohort.filters import CohortFilters
from barium_tracker.ui.cohort.plot import CohortPlot
from barium_tracker.ui.cohort.stats_model import CohortStatsModel
from barium_tracker.ui.cohort.table_model import CohortTableModel
from barium_tracker.ui.empty_state import EmptyStateTableView
from barium_tracker.ui.translate import coded


class CohortView(QWidget):
    """The cohort of one clinic: filters, the table, statistics by procedure type, a plot, and CSV export.

    ``open_patient(patient_id)`` when a row is double-clicked or Enter is pressed on it. Call :meth:`refresh`
    after records change; the filters apply without reading the database again.
    """

    #: A column is never wider than this (a longer value is elided, and its tooltip shows it whole).
    COLUMN_MAX_PX = 360

    open_patient = Signal(int)
    refreshed = Signal()
    exported = Signal(str)

    def __init__(
        self, clinic: Clinic, parent: QWidget | None = None, *, today: dt.date | None = None, load: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cohortView")
        self.setAccessibleName(self.tr("Cohort"))
        self._clinic = clinic
        self._today = today
        self._all_rows: list[CohortRow] = []
        self._settings = InterpretationSettings()
        self._fitted = False

        # Filters (their widgets are also reachable from here, as tests and the benchmark drive them)
        self.filters = CohortFilters(self)
        self.procedure_filter = self.filters.procedure_filter
        self.diagnosis_filter = self.filters.diagnosis_filter
        self.date_from = self.filters.date_from
        self.date_to = self.filters.date_to
        self.age_filter = self.filters.age_filter
        self.reset_button = self.filters.reset_button
        self.refresh_button = QPushButton(self.tr("Reload"), self)
        self.refresh_button.setObjectName("cohortReload")
        self.refresh_button.setAccessibleName(self.tr("Reload the cohort from the database"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("cohortExportCsv")
        self.export_button.setAccessibleName(self.tr("Export the rows shown to a CSV file"))
        top_line = QHBoxLayout()
        top_line.addWidget(self.filters)
        top_line.addStretch(1)
        top_line.addWidget(self.refresh_button)
        top_line.addWidget(self.export_button)

        # Table
        self.model = CohortTableModel(self)
        self.table = EmptyStateTableView(self)
        self.table.setObjectName("cohortTable")
        self.table.setAccessibleName(self.tr("Cohort: one row per patient, the response to their latest procedure"))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(self.model.column_of("name"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self._size_columns()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("cohortCount")

        # Statistics and plot
        self.stats_model = CohortStatsModel(self)
        self.stats_table = EmptyStateTableView(self)
        self.stats_table.setObjectName("cohortStatistics")
        self.stats_table.setAccessibleName(self.tr("Summary by procedure type"))
        self.stats_table.setModel(self.stats_model)
        self.stats_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stats_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stats_table.setWordWrap(False)
        self.plot = CohortPlot(self)
        stats_box = QGroupBox(self.tr("Summary by latest procedure"), self)
        stats_layout = QHBoxLayout(stats_box)
        self.stats_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.stats_table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # The statistics (they scroll sideways with many procedure types) and the plot share the width; the user
        # may move the handle between them.
        self.stats_splitter = QSplitter(Qt.Orientation.Horizontal, stats_box)
        self.stats_splitter.setObjectName("cohortStatisticsSplitter")
        self.stats_splitter.setChildrenCollapsible(False)
        self.stats_splitter.addWidget(self.stats_table)
        self.stats_splitter.addWidget(self.plot)
        self.stats_splitter.setStretchFactor(0, 1)
        self.stats_splitter.setStretchFactor(1, 1)
        self.stats_splitter.setSizes([1000, 1000])  # half each (scaled to the width it gets)
        stats_layout.addWidget(self.stats_splitter)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("cohortSplitter")
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.count_label)
        splitter.addWidget(top)
        splitter.addWidget(stats_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top_line)
        layout.addWidget(splitter, 1)

        self.filters.changed.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        self.table.activated.connect(self._activated)
        if load:
            self.refresh()

    def _size_columns(self) -> None:
        """Widths from the header and the values a column can hold: every procedure title (each type, rescue or
        not) and every diagnosis whole, in the window's language; names and MRNs from the rows shown
        (:meth:`_size_name_columns`). resizeColumnsToContents would read every cell."""
        metrics_ = QFontMetrics(self.table.font())
        samples = {
            "mrn": ["SYN-000000"],
            "name": ["Gutiérrez Rodríguez, Valeria"],
            "diagnosis": [coded(d) for d in Diagnosis],
            "procedure_type": [
                words.procedure_kind_title(k, rescue) for k in ProcedureType for rescue in (False, True)
            ],
            "procedure_date": [notation.date_text(dt.date(2026, 12, 31))],
        }
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            values = samples.get(column.key) or (
                [words.widest_rule_cell(column.key)] if column.key in COHORT_RULE_IDS else [""]
            )
            title = max(metrics_.horizontalAdvance(line) for line in column.header.split("\n"))
            widest = max(metrics_.horizontalAdvance(v) for v in values)
            header.resizeSection(i, min(max(title + 18, widest + 14, 44), self.COLUMN_MAX_PX))

    def _size_name_columns(self, rows: list[CohortRow]) -> None:
        """The MRN and name columns as wide as the longest value shown (up to a limit; the tooltip has the rest)."""
        metrics_ = QFontMetrics(self.table.font())
        header = self.table.horizontalHeader()
        for key, value in (("mrn", lambda r: r.mrn), ("name", lambda r: r.name)):
            column = self.model.column_of(key)
            texts = {value(r) for r in rows} or {""}
            widest = max(metrics_.horizontalAdvance(t) for t in texts)
            title = max(metrics_.horizontalAdvance(line) for line in self.model.columns[column].header.split("\n"))
            wanted = min(max(title + 18, widest + 14, 44), self.COLUMN_MAX_PX)
            if wanted > header.sectionSize(column):
                header.resizeSection(column, wanted)

    def fit_screen(self, available: QRect | None = None) -> None:
        """As large as asked but never larger than the screen's free area (1366 x 768 and 1280 x 720 included)."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                return
            available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size() if self.isWindow() else QSize(0, 0)
        width = min(self.width(), available.width() - frame.width())
        height = min(self.height(), available.height() - frame.height())
        self.resize(max(width, self.minimumSizeHint().width()), max(height, self.minimumSizeHint().height()))
        if self.isWindow():
            self.move(
                max(available.x(), min(self.x(), available.right() - self.frameGeometry().width() + 1)),
                max(available.y(), min(self.y(), available.bottom() - self.frameGeometry().height() + 1)),
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.isWindow() and not self._fitted:
            self._fitted = True
            self.fit_screen()

    # -- data -----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cohort again (after records changed) and show it through the current filters."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._settings = self._clinic.interpretation_settings()
            self._all_rows = cohort_rows(self._clinic, self._settings, today=self._today)
            self.apply_filter()
        finally:
            QApplication.restoreOverrideCursor()
        self.refreshed.emit()

    def current_filter(self) -> CohortFilter:
        return self.filters.current_filter()

    def apply_filter(self) -> None:
        """Show the rows that pass the filters, with their statistics and plot."""
        shown = filter_rows(self._all_rows, self.current_filter())
        self.model.set_rows(shown)
        self._size_name_columns(shown)
        stats = procedure_statistics(shown)
        treated = sum(s.patients for s in stats)
        self.stats_model.set_stats([*stats, overall_statistics(shown)] if stats else [])
        self.stats_table.resizeColumnsToContents()
        self.plot.plot(stats)
        untreated = len(shown) - treated
        if not self._all_rows:
            empty = self.tr("No patients yet: add them in the main window with {menu}, {keys}.").format(
                **where("actionNewPatient")
            )
        else:
            empty = self.tr("No patient matches these filters: widen them, or press Reset filters.")
        self.table.set_empty_text(empty)
        self.stats_table.set_empty_text(
            self.tr("No treated patient among those shown: the statistics need a procedure.") if self._all_rows else ""
        )
        self.count_label.setText(
            self.tr(
                "{0} of {1} patients shown ({2} treated, {3} without a procedure). Eckardt success threshold: ≤ {4}."
            ).format(len(shown), len(self._all_rows), treated, untreated, self._settings.eckardt_success_max)
        )

    def reset_filters(self) -> None:
        self.filters.reset()

    @property
    def rows(self) -> list[CohortRow]:
        """The rows shown, in the order shown."""
        return self.model.rows

    # -- export ---------------------------------------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> int:
        """Write the rows shown (filtered, in the order shown) to a CSV file; returns how many."""
        count = rows_to_csv(self.model.rows, path)
        self.exported.emit(str(path))
        return count

    def choose_export_file(self) -> None:
        default = f"cohort-{dt.date.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export cohort to CSV"), default, self.tr("CSV files (*.csv);;All files (*)")
        )
        if not path:
            return
        try:
            count = self.export_csv(path)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {0}: {1}").format(path, error.strerror or error),
            )
            return
        self.count_label.setText(self.tr("Exported {0} patients to {1}").format(count, path))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_patient.emit(self.model.row_at(index.row()).patient_id)
