"""The workstation window: the patient list on the left, the selected patient's summary on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from barium_tracker import __version__
from barium_tracker.domain.errors import UserError
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import load_history
from barium_tracker.services.presentation import summary_to_html
from barium_tracker.services.summary import summarize
from barium_tracker.ui.patient_list_model import PatientListModel


class MainWindow(QMainWindow):
    """Find a patient, see the whole history at a glance."""

    SEARCH_DELAY_MS = 150

    def __init__(self, clinic: Clinic, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clinic = clinic
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Barium Tracker") + (self.tr(" - demo database") if demo else ""))

        self.search = QLineEdit(self)
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Search by MRN or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)

        self.model = PatientListModel(clinic, self)
        self.table = QTableView(self)
        self.table.setObjectName("patientTable")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("patientCount")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count_label)

        self.summary = QTextBrowser(self)
        self.summary.setObjectName("patientSummary")
        self.summary.setAccessibleName(self.tr("Patient summary"))
        self.summary.setOpenLinks(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)

        self._build_menus()
        where = self.tr("Demo database (temporary): {0}") if demo else self.tr("Database: {0}")
        self.statusBar().showMessage(where.format(clinic.location))

        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_search)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

        self._update_count()
        self._show_empty_summary()
        self.resize(1280, 800)
        self._restore_state()
        self.table.resizeColumnsToContents()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("actionQuit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        find = QAction(self.tr("&Find patient"), self)
        find.setObjectName("actionFind")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(find)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Barium Tracker"), self)
        about.setObjectName("actionAbout")
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- behaviour ------------------------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        text = self.tr("{0} patients").format(total) if shown == total else self.tr("{0} of {1} patients shown")
        self.count_label.setText(text.format(shown, total))

    def _show_empty_summary(self) -> None:
        self.summary.setHtml(
            "<p style='color:#555'>" + self.tr("Select a patient on the left to see the history.") + "</p>"
        )

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self._show_empty_summary()
            return
        patient_id = self.model.data(indexes[0], PatientListModel.PatientIdRole)
        self.show_patient(patient_id)

    def show_patient(self, patient_id: int) -> None:
        try:
            history = load_history(self.clinic, patient_id=patient_id)
            summary = summarize(history, self.clinic.interpretation_settings())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Barium Tracker"), str(error))
            return
        self.summary.setHtml(summary_to_html(summary))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Barium Tracker"),
            self.tr("Barium Tracker {0}\nTimed barium esophagogram records for achalasia clinics.").format(__version__),
        )

    # -- window state (UI state only: clinical data never goes into QSettings) -------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("mainWindow/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        super().closeEvent(event)
