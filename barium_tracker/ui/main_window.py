"""The workstation window: find a patient on the left, see and edit the whole history on the right.

The window can open in two steps (see ``ui.app``): first the list, painted from the first page read without
SQLAlchemy (``MainWindow(None, first_page=...)``), with the workspace saying "Opening the database..." and every
edit action disabled; then :meth:`MainWindow.set_clinic` with the open clinic. So this module imports nothing that
imports SQLAlchemy: the services that do, the editors and the workspace are imported when first needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from barium_tracker import __version__
from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.domain.errors import UserError
from barium_tracker.services.patient_list import FirstPage
from barium_tracker.ui.fields import ChoiceBox
from barium_tracker.ui.modal import run_modal
from barium_tracker.ui.patient_list_model import PatientListModel

if TYPE_CHECKING:
    from barium_tracker.domain.records import Patient, PatientHistory
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.editors.base import RecordEditor
    from barium_tracker.ui.workspace import PatientWorkspace

# kind (as the timeline names it) -> record type (in domain.records), title, and the history list holding it. The
# records module is imported when a record is first opened, not before the first paint (~15 ms of start-up).
EVENT_KINDS: dict[str, tuple[str, str, str]] = {
    "tbe_study": ("TbeStudy", "TBE study", "studies"),
    "procedure": ("Procedure", "procedure", "procedures"),
    "eckardt": ("EckardtAssessment", "Eckardt score", "eckardt"),
    "manometry": ("Manometry", "manometry", "manometry"),
    "endoscopy": ("Endoscopy", "endoscopy", "endoscopy"),
}


def record_type(kind: str) -> type:
    """The record class of a kind of event."""
    from barium_tracker.domain import records

    return getattr(records, EVENT_KINDS[kind][0])


def editor_class(kind: str) -> type[RecordEditor]:
    """The editor of a kind of event (or "patient"), imported when first opened (~30 ms less before the first paint)."""
    if kind == "patient":
        from barium_tracker.ui.editors.patient_editor import PatientEditor

        return PatientEditor
    if kind == "tbe_study":
        from barium_tracker.ui.editors.study_editor import StudyEditor

        return StudyEditor
    if kind == "procedure":
        from barium_tracker.ui.editors.procedure_editor import ProcedureEditor

        return ProcedureEditor
    if kind == "eckardt":
        from barium_tracker.ui.editors.eckardt_editor import EckardtEditor

        return EckardtEditor
    if kind == "manometry":
        from barium_tracker.ui.editors.manometry_editor import ManometryEditor

        return ManometryEditor
    if kind == "endoscopy":
        from barium_tracker.ui.editors.endoscopy_editor import EndoscopyEditor

        return EndoscopyEditor
    raise ValueError(f"no editor for {kind!r}")


def _load_history(clinic: Clinic, patient_id: int) -> PatientHistory:
    from barium_tracker.services.patients import load_history

    return load_history(clinic, patient_id=patient_id)


def _get_record(clinic: Clinic, record_type: type, record_id: int) -> Any:
    from barium_tracker.services.records import get_record

    return get_record(clinic, record_type, record_id)


def _new_event(kind: str, patient_id: int, today: dt.date) -> Any:
    from barium_tracker.domain.records import EckardtAssessment, Endoscopy, Manometry, Procedure, TbeStudy

    if kind == "tbe_study":
        return TbeStudy(patient_id=patient_id, study_date=today)
    if kind == "procedure":
        return Procedure(patient_id=patient_id, procedure_date=today, procedure_type=ProcedureType.POEM)
    if kind == "eckardt":
        return EckardtAssessment(
            patient_id=patient_id,
            assessment_date=today,
            dysphagia=0,
            regurgitation=0,
            retrosternal_pain=0,
            weight_loss=0,
        )
    if kind == "manometry":
        return Manometry(patient_id=patient_id, study_date=today)
    return Endoscopy(patient_id=patient_id, exam_date=today)


class MainWindow(QMainWindow):
    """Find a patient, see the whole history at a glance, and record the day's work."""

    SEARCH_DELAY_MS = 120

    def __init__(
        self,
        clinic: Clinic | None,
        *,
        demo: bool = False,
        first_page: FirstPage | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``clinic`` None: the list shows ``first_page`` and nothing can be edited until :meth:`set_clinic`."""
        super().__init__(parent)
        self._clinic: Clinic | None = None
        self.demo = demo
        self.history: PatientHistory | None = None
        self.setObjectName("mainWindow")
        self._last_list: QWidget | None = None
        self.cohort_window: Any = None
        self._workspace: PatientWorkspace | None = None
        self._pending_patient: int | None = None  # selected before the clinic was open: shown once it is

        # -- left: patient list -----------------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Search by MRN or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.diagnosis_filter = ChoiceBox(
            [(self.tr(d.label), d) for d in Diagnosis], none_label=self.tr("All diagnoses"), parent=self
        )
        self.diagnosis_filter.setObjectName("diagnosisFilter")
        self.diagnosis_filter.setAccessibleName(self.tr("Show only patients with this diagnosis"))

        self.table = QTableView(self)
        self.table.setObjectName("patientTable")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("patientCount")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.diagnosis_filter, 2)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count_label)

        # -- right: the selected patient (the workspace is built once the clinic is open) ---------------------------
        self.opening_label = QLabel(self.tr("Opening the database..."), self)
        self.opening_label.setObjectName("openingDatabase")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setEnabled(False)
        self.right_pane = QStackedWidget(self)
        self.right_pane.setObjectName("rightPane")
        self.right_pane.addWidget(self.opening_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)

        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.backup_label = QLabel(self)
        self.backup_label.setObjectName("backupLabel")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)

        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()

        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_search)
        self.diagnosis_filter.value_changed.connect(self._filter_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_patient())
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]

        if clinic is not None:
            self.set_clinic(clinic, demo=demo)
        else:
            self._show_first_page(first_page)
        self.resize(1360, 840)
        self._restore_state()

    @property
    def clinic(self) -> Clinic:
        """The open database (only while :attr:`is_open`)."""
        if self._clinic is None:
            raise RuntimeError("the database is still being opened")
        return self._clinic

    @property
    def is_open(self) -> bool:
        """False while the list shows the first page read before the database was opened."""
        return self._clinic is not None

    @property
    def workspace(self) -> PatientWorkspace:
        """The selected patient's workspace, built (and its modules imported) the first time it is needed."""
        if self._workspace is None:
            from barium_tracker.ui.workspace import PatientWorkspace

            workspace = PatientWorkspace(self.right_pane)
            workspace.open_event.connect(self.edit_event)
            self.right_pane.addWidget(workspace)
            self.right_pane.setCurrentWidget(workspace)
            self._workspace = workspace
        return self._workspace

    # -- actions --------------------------------------------------------------------------------------------------

    def _action(
        self, name: str, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        new_patient = a(
            "actionNewPatient",
            self.tr("New &patient..."),
            self.new_patient,
            QKeySequence.StandardKey.New,
            self.tr("Add a patient"),
        )
        new_study = a(
            "actionNewStudy",
            self.tr("New &TBE study..."),
            lambda: self.new_event("tbe_study"),
            "Ctrl+Shift+T",
            self.tr("Record a timed barium esophagogram"),
        )
        new_procedure = a(
            "actionNewProcedure",
            self.tr("New p&rocedure..."),
            lambda: self.new_event("procedure"),
            "Ctrl+Shift+R",
            self.tr("Record a treatment"),
        )
        new_eckardt = a(
            "actionNewEckardt",
            self.tr("New &Eckardt score..."),
            lambda: self.new_event("eckardt"),
            "Ctrl+Shift+K",
            self.tr("Record an Eckardt symptom score"),
        )
        new_manometry = a(
            "actionNewManometry",
            self.tr("New &manometry..."),
            lambda: self.new_event("manometry"),
            "Ctrl+Shift+M",
            self.tr("Record a high-resolution manometry"),
        )
        new_endoscopy = a(
            "actionNewEndoscopy",
            self.tr("New en&doscopy..."),
            lambda: self.new_event("endoscopy"),
            "Ctrl+Shift+D",
            self.tr("Record an endoscopy"),
        )
        edit = a(
            "actionEdit",
            self.tr("&Edit selected..."),
            self.edit_selected,
            "Ctrl+E",
            self.tr("Open the selected record"),
        )
        delete = a(
            "actionDelete",
            self.tr("&Delete selected..."),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            self.tr("Delete the selected record"),
        )
        undo = self.history_actions("undo")
        redo = self.history_actions("redo")
        find = a("actionFind", self.tr("&Find patient"), self._focus_search, QKeySequence.StandardKey.Find)
        open_db = a(
            "actionOpenDatabase", self.tr("&Open database..."), self.open_database, QKeySequence.StandardKey.Open
        )
        prefs = a(
            "actionPreferences", self.tr("&Preferences..."), self.preferences, QKeySequence.StandardKey.Preferences
        )
        quit_action = a("actionQuit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        cohort = a(
            "actionCohort",
            self.tr("&Cohort..."),
            self.show_cohort,
            "Ctrl+Shift+C",
            self.tr("All patients' results and statistics by procedure"),
        )
        guide = a("actionUserGuide", self.tr("&User guide"), self.user_guide, QKeySequence.StandardKey.HelpContents)
        about = a("actionAbout", self.tr("&About Barium Tracker"), self._about)
        if prefs.shortcut().isEmpty():
            prefs.setShortcut(QKeySequence("Ctrl+,"))
        if guide.shortcut().isEmpty():
            guide.setShortcut(QKeySequence("F1"))
        self._record_actions = [new_study, new_procedure, new_eckardt, new_manometry, new_endoscopy, edit, delete]
        # Need the open database (disabled while the list shows the first page read before it was opened).
        self._database_actions = [new_patient, open_db, prefs, cohort]

        menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (new_patient, open_db):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        from barium_tracker.ui.data_actions import DataActions

        # Import, export, report, print, back up, restore: above Quit.
        self.data_actions = DataActions(self)
        self.data_actions.install(menu, quit_action)
        menu = self.menuBar().addMenu(self.tr("&Edit"))
        for action in (undo, redo):
            menu.addAction(action)
        menu.addSeparator()
        for action in (edit, delete, find):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(prefs)
        menu = self.menuBar().addMenu(self.tr("&Record"))
        for action in (new_study, new_procedure, new_eckardt, new_manometry, new_endoscopy):
            menu.addAction(action)
        menu = self.menuBar().addMenu(self.tr("&View"))
        menu.addAction(cohort)
        menu = self.menuBar().addMenu(self.tr("&Help"))
        menu.addAction(guide)
        menu.addAction(about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (new_patient, new_study, new_procedure, new_eckardt):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (edit, delete):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(undo)
        toolbar.addAction(redo)

    def history_actions(self, which: str) -> QAction:
        """Undo/redo actions that follow the stack of whichever database is open."""
        action = QAction(self.tr("&Undo") if which == "undo" else self.tr("&Redo"), self)
        action.setObjectName("actionUndo" if which == "undo" else "actionRedo")
        action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Undo)]
            if which == "undo"
            else [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        action.setEnabled(False)
        action.triggered.connect(self.undo if which == "undo" else self.redo)
        self.addAction(action)
        self.actions_by_name[action.objectName()] = action
        return action

    # -- database -------------------------------------------------------------------------------------------------

    def _show_first_page(self, first_page: FirstPage | None) -> None:
        """Before the database is open: the list from its first page, nothing to edit, "Opening ..." beside it."""
        for action in (*self._database_actions, *self._record_actions):
            action.setEnabled(False)
        self.data_actions.patient_changed()
        self.model = PatientListModel(None, self, first_page=first_page)
        self._show_model()
        self.setWindowTitle(self.tr("Barium Tracker"))
        where = str(first_page.path) if first_page is not None else ""
        self.db_label.setText(self.tr("Opening the database {0}...").format(where).replace("  ", " "))

    def _show_model(self) -> None:
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column(), self.model.sort_order())
        for column, width in enumerate(self.model.default_column_widths(self.table.fontMetrics())):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The count comes after the list has painted: counting a broad search costs more than showing its first page.
        self.model.modelReset.connect(self._schedule_count)
        self.model.rowsInserted.connect(self._schedule_count)
        self._update_count()

    def clear_first_page(self) -> None:
        """The database failed to open after its first page was listed: show nothing from it any more."""
        if self._clinic is None:
            self._pending_patient = None
            self._show_first_page(None)

    def set_clinic(self, clinic: Clinic, *, demo: bool = False) -> None:
        """Show another database: a new list, a new undo history, nothing selected.

        After the two-step start the list already shows this database's first page: it is read again through the
        clinic (keeping any search, filter, sort and selection made meanwhile) instead of being replaced.
        """
        from barium_tracker.ui.undo import RecordHistory

        opening = self._clinic is None and getattr(self, "model", None) is not None and self.model.clinic is None
        self._clinic = clinic
        self.demo = demo
        for action in self._database_actions:
            action.setEnabled(True)
        self.records = RecordHistory(clinic, self)
        self.records.changed.connect(self._records_changed)
        self.records.failed.connect(self._undo_failed)
        stack = self.records.stack
        undo, redo = self.actions_by_name["actionUndo"], self.actions_by_name["actionRedo"]
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self._undo_text_changed("")
        self._redo_text_changed("")

        pending, self._pending_patient = self._pending_patient, None
        if opening:
            self.model.attach(clinic)  # a reset: the selection is cleared, and restored below
        else:
            self.model = PatientListModel(clinic, self)
            self._show_model()
        self.show_patient(None)
        if opening and pending is not None and self.model.row_of(pending) is not None:
            self.select_patient(pending)
        title = self.tr("Barium Tracker") + (self.tr(" - demo database") if demo else "")
        self.setWindowTitle(title)
        where = self.tr("Demo database (temporary): {0}") if demo else self.tr("Database: {0}")
        self.db_label.setText(where.format(clinic.location))
        self._update_backup_label()
        if clinic.backup_problem:
            self.statusBar().showMessage(self.tr("The daily backup failed: {0}").format(clinic.backup_problem))

    def _undo_text_changed(self, text: str) -> None:
        self.actions_by_name["actionUndo"].setText(self.tr("&Undo {0}").format(text).strip())

    def _redo_text_changed(self, text: str) -> None:
        self.actions_by_name["actionRedo"].setText(self.tr("&Redo {0}").format(text).strip())

    def _undo_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Undo"), message)

    def _update_backup_label(self) -> None:
        if not self.clinic.is_sqlite:
            self.backup_label.setText(self.tr("Backups: by the PostgreSQL server"))
            return
        latest = self.clinic.latest_backup()
        self.backup_label.setText(
            self.tr("Last backup: {0}").format(latest[1].strftime("%Y-%m-%d %H:%M"))
            if latest
            else self.tr("Last backup: none yet")
        )

    def open_database(self) -> None:
        dialog = QFileDialog(self, self.tr("Open or create a database"))
        dialog.setObjectName("openDatabaseDialog")
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setNameFilters([self.tr("Barium Tracker database (*.sqlite3 *.sqlite *.db)"), self.tr("All files (*)")])
        if run_modal(dialog) != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        self.switch_database(dialog.selectedFiles()[0])

    def switch_database(self, target: str) -> bool:
        from barium_tracker.services.clinic import Clinic

        try:
            clinic = Clinic.open(target, daily_backup=True)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Open database"), str(error))
            return False
        old = self._clinic
        self.set_clinic(clinic)
        if old is not None and old is not clinic:
            old.close()
        QSettings().setValue("lastDatabase", str(Path(target).resolve()) if "://" not in target else target)
        return True

    # -- the patient list -----------------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def _filter_changed(self) -> None:
        self.model.set_diagnosis(self.diagnosis_filter.value())

    def _schedule_count(self) -> None:
        QTimer.singleShot(0, self._update_count)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            text = (
                self.tr("No patient matches.")
                if self.search.text() or self.diagnosis_filter.value()
                else self.tr("No patients yet: add one with Ctrl+N.")
            )
        elif shown == total:
            text = self.tr("1 patient") if total == 1 else self.tr("{0} patients").format(total)
        else:
            text = self.tr("{0} of {1} patients loaded (scroll for more)").format(shown, total)
        self.count_label.setText(text)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.show_patient(self.model.data(indexes[0], PatientListModel.PatientIdRole))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def select_patient(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            self.show_patient(patient_id)

    # -- the workspace --------------------------------------------------------------------------------------------

    @property
    def patient_id(self) -> int | None:
        return self.history.patient.id if self.history else None

    def show_patient(self, patient_id: int | None) -> None:
        try:
            self._show_patient(patient_id)
        finally:
            self.data_actions.patient_changed()

    def reload(self) -> None:
        """Read the list and the open patient again (after an import or a restore changed many records)."""
        self._records_changed(None)

    def refresh_status(self) -> None:
        """Update the status bar's database and last-backup figures."""
        self._update_backup_label()

    def _show_patient(self, patient_id: int | None) -> None:
        if self._clinic is None:  # still opening: shown once the database is open
            self._pending_patient = patient_id
            return
        for action in self._record_actions:
            action.setEnabled(patient_id is not None)
        if patient_id is None:
            self.history = None
            self.workspace.clear()
            return
        from barium_tracker.services.summary import summarize

        try:
            self.history = _load_history(self.clinic, patient_id)
            summary = summarize(self.history, self.clinic.interpretation_settings())
        except UserError as error:
            self.history = None
            self.workspace.clear()
            QMessageBox.warning(self, self.tr("Barium Tracker"), str(error))
            return
        self.workspace.show_summary(summary)

    def _records_changed(self, patient_id: int | None) -> None:
        """After a save, an undo or a redo: refresh the list and the open patient."""
        keep = self.patient_id if self.patient_id is not None else patient_id
        self.model.refresh()
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_patient(keep)
        elif keep is not None:
            try:
                _load_history(self.clinic, keep)
            except UserError:
                self.show_patient(None)
            else:
                self.show_patient(keep)
        else:
            self.show_patient(None)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.table or (self._workspace is not None and new is self._workspace.timeline):
            self._last_list = new

    # -- editing --------------------------------------------------------------------------------------------------

    def _run_editor(self, editor: RecordEditor) -> Any:
        editor.setObjectName(type(editor).__name__)
        self.current_editor = editor
        try:
            accepted = run_modal(editor) == QDialog.DialogCode.Accepted
        finally:
            self.current_editor = None
        return editor.saved_record if accepted else None

    def new_patient(self) -> Patient | None:
        if self._clinic is None:
            return None
        from barium_tracker.domain.records import Patient

        editor = editor_class("patient")(
            Patient(mrn=""), save=self.records.create, title=self.tr("New patient"), parent=self
        )
        stored = self._run_editor(editor)
        if stored is not None:
            self.search.clear()
            self.apply_search()
            self.select_patient(stored.id)
        return stored

    def edit_patient(self) -> None:
        if self.history is None:
            return
        before = self.history.patient
        patient_type = type(before)
        editor = editor_class("patient")(
            before,
            save=lambda record: self.records.update(before, record),
            reload=lambda: _get_record(self.clinic, patient_type, before.id),
            title=self.tr("Patient {0}").format(before.display_name),
            parent=self,
        )
        self._run_editor(editor)

    def new_event(self, kind: str) -> Any:
        if self.history is None:
            QMessageBox.information(self, self.tr("Barium Tracker"), self.tr("Select a patient first."))
            return None
        _record_type, title, _ = EVENT_KINDS[kind]
        patient = self.history.patient
        editor = editor_class(kind)(
            _new_event(kind, patient.id, dt.date.today()),
            save=self.records.create,
            birth_date=patient.birth_date,
            title=self.tr("New {0} for {1}").format(self.tr(title), patient.display_name),
            parent=self,
        )
        stored = self._run_editor(editor)
        if stored is not None:
            self.workspace.select_event(kind, stored.id)
        return stored

    def edit_event(self, kind: str, record_id: int | None) -> None:
        if self.history is None or record_id is None:
            return
        _name, title, attribute = EVENT_KINDS[kind]
        kind_type = record_type(kind)
        before = next((r for r in getattr(self.history, attribute) if r.id == record_id), None)
        if before is None:
            return
        editor = editor_class(kind)(
            before,
            save=lambda record: self.records.update(before, record),
            reload=lambda: _get_record(self.clinic, kind_type, record_id),
            birth_date=self.history.patient.birth_date,
            title=self.tr("{0} of {1}").format(self.tr(title).capitalize(), self.history.patient.display_name),
            parent=self,
        )
        if self._run_editor(editor) is not None:
            self.workspace.select_event(kind, record_id)

    def _selected_event(self) -> tuple[str, int | None] | None:
        if self._last_list is self.workspace.timeline:
            return self.workspace.selected_event()
        return None

    def edit_selected(self) -> None:
        event = self._selected_event()
        if event is not None:
            self.edit_event(*event)
        else:
            self.edit_patient()

    def delete_selected(self) -> None:
        if self.history is None:
            return
        event = self._selected_event()
        if event is not None:
            self._delete_event(*event)
        else:
            self._delete_patient()

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setObjectName("confirmDelete")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        run_modal(box)
        return box.clickedButton() is delete

    def _delete_patient(self) -> None:
        h = self.history
        assert h is not None
        counts = [
            (len(h.studies), self.tr("1 TBE study"), self.tr("{0} TBE studies")),
            (len(h.procedures), self.tr("1 procedure"), self.tr("{0} procedures")),
            (len(h.eckardt), self.tr("1 Eckardt score"), self.tr("{0} Eckardt scores")),
            (len(h.manometry), self.tr("1 manometry"), self.tr("{0} manometries")),
            (len(h.endoscopy), self.tr("1 endoscopy"), self.tr("{0} endoscopies")),
        ]
        events = ", ".join(one if n == 1 else many.format(n) for n, one, many in counts if n)
        text = self.tr("Delete patient {0} (MRN {1})").format(h.patient.display_name, h.patient.mrn)
        text += self.tr(" with {0}?").format(events) if events else "?"
        text += "\n\n" + self.tr("You can undo this (Ctrl+Z) until you close the program.")
        if not self._confirm(self.tr("Delete patient"), text):
            return
        try:
            self.records.delete(h.patient, history=h)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete patient"), str(error))

    def _delete_event(self, kind: str, record_id: int | None) -> None:
        assert self.history is not None
        _record_type, title, attribute = EVENT_KINDS[kind]
        record = next((r for r in getattr(self.history, attribute) if r.id == record_id), None)
        if record is None:
            return
        described = next(
            (e for e in self.workspace.timeline_model._events if e.record_id == record_id and e.kind == kind), None
        )
        text = self.tr("Delete this {0} of {1}?").format(self.tr(title), self.history.patient.display_name)
        if described is not None:
            text += f"\n\n{described.date.isoformat()}: {described.text}"
        text += "\n\n" + self.tr("You can undo this (Ctrl+Z) until you close the program.")
        if not self._confirm(self.tr("Delete {0}").format(self.tr(title)), text):
            return
        try:
            self.records.delete(record)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete"), str(error))

    def undo(self) -> None:
        self.records.stack.undo()

    def redo(self) -> None:
        self.records.stack.redo()

    # -- cohort ---------------------------------------------------------------------------------------------------

    def show_cohort(self) -> QWidget:
        """The cohort view in its own window (matplotlib is loaded now, not at start-up)."""
        from barium_tracker.ui.cohort_view import CohortView

        if self.cohort_window is not None and self._cohort_clinic is self.clinic:
            self.cohort_window.refresh()
        else:
            if self.cohort_window is not None:
                self.cohort_window.close()
            self.cohort_window = CohortView(self.clinic, None)
            self._cohort_clinic = self.clinic
            self.cohort_window.setWindowTitle(self.tr("Cohort - Barium Tracker"))
            self.cohort_window.resize(1500, 900)
            self.cohort_window.open_patient.connect(self._open_from_cohort)
        self.cohort_window.show()
        self.cohort_window.raise_()
        return self.cohort_window

    def _open_from_cohort(self, patient_id: int) -> None:
        self.select_patient(patient_id)
        self.raise_()
        self.activateWindow()

    # -- preferences, help ----------------------------------------------------------------------------------------

    def preferences(self) -> None:
        from barium_tracker.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.clinic, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted and self.patient_id is not None:
            self.show_patient(self.patient_id)

    def user_guide(self) -> None:
        from barium_tracker.ui.help import show_user_guide

        show_user_guide(self)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Barium Tracker"),
            self.tr(
                "Barium Tracker {0}\nTimed barium esophagogram records and treatment response for achalasia clinics."
            ).format(__version__),
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.cohort_window is not None:
            self.cohort_window.close()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        super().closeEvent(event)
