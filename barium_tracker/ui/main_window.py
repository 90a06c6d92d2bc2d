"""The workstation window: find a patient on the left, see and edit the whole history on the right.

The window can open in two steps (see ``ui.app``): first the list, painted from the first page read without
SQLAlchemy (``MainWindow(None, first_page=...)``), with the workspace saying "Opening the database..." and every
edit action disabled; then :meth:`MainWindow.set_clinic` with the open clinic. So this module imports nothing that
imports SQLAlchemy: the services that do, the editors and the workspace are imported when first needed.

The window puts the pieces together and keeps the state they share (the open clinic, the patient on screen, the undo
history): the actions and menus are declared in :mod:`ui.actions`, the list in :mod:`ui.patient_list_pane`, what
New, Edit and Delete do in :mod:`ui.record_editing`, the File menu's data actions in :mod:`ui.data_actions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from barium_tracker import __version__
from barium_tracker.domain.errors import UserError
from barium_tracker.services.patient_list import FirstPage
from barium_tracker.ui import notation
from barium_tracker.ui.actions import Need, create_actions, enable_actions, where
from barium_tracker.ui.data_actions import DataActions
from barium_tracker.ui.modal import run_modal
from barium_tracker.ui.patient_list_model import PatientListModel
from barium_tracker.ui.patient_list_pane import PatientListPane
from barium_tracker.ui.record_editing import RecordEditing, load_history

if TYPE_CHECKING:
    from barium_tracker.domain.records import Patient, PatientHistory
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.undo import RecordHistory
    from barium_tracker.ui.workspace import PatientWorkspace


class MainWindow(QMainWindow):
    """Find a patient, see the whole history at a glance, and record the day's work."""

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
        self._selected_patient: int | None = None  # the patient last chosen while the database was open
        self.setObjectName("mainWindow")
        self._last_list: QWidget | None = None
        self.cohort_window: Any = None
        self._workspace: PatientWorkspace | None = None
        self._pending_patient: int | None = None  # selected before the clinic was open: shown once it is

        # -- left: patient list -----------------------------------------------------------------------------------
        self.patient_list = PatientListPane(self)
        self.search = self.patient_list.search
        self.diagnosis_filter = self.patient_list.diagnosis_filter
        self.table = self.patient_list.table
        self.count_label = self.patient_list.count_label

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
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.right_pane)
        # The list takes its preferred width (every column whole, see PatientListPane.sizeHint); the workspace the rest.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.setCentralWidget(self.splitter)

        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.backup_label = QLabel(self)
        self.backup_label.setObjectName("backupLabel")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)

        # -- actions: File's data actions and the editing flows are helpers; menus and tool bar come from ui.actions
        self.data_actions = DataActions(self, self)
        self.editing = RecordEditing(self, self)
        self.actions_by_name: dict[str, QAction] = create_actions(self)
        self._update_actions()

        self.patient_list.patient_chosen.connect(self.show_patient)
        self.patient_list.patient_activated.connect(self.edit_patient)
        self.patient_list.patient_opened.connect(self._focus_workspace)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]

        if clinic is not None:
            self.set_clinic(clinic, demo=demo)
        else:
            self._show_first_page(first_page)
        self.resize(self._default_size())
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

    def _update_actions(self) -> None:
        """Enable the actions whose needs hold now (see ui.actions.Need)."""
        is_open = self._clinic is not None
        enable_actions(
            self.actions_by_name,
            {
                Need.DATABASE: is_open,
                Need.PATIENT: is_open and self._selected_patient is not None,
                Need.HISTORY: is_open and self.history is not None,
                Need.SQLITE_FILE: is_open and self.clinic.is_sqlite,
            },
        )

    # -- database -------------------------------------------------------------------------------------------------

    def _show_first_page(self, first_page: FirstPage | None) -> None:
        """Before the database is open: the list from its first page, nothing to edit, "Opening ..." beside it."""
        self._update_actions()
        self.model = PatientListModel(None, self, first_page=first_page)
        self.patient_list.show_model(self.model)
        self.setWindowTitle(self.tr("Barium Tracker"))
        where = str(first_page.path) if first_page is not None else ""
        self.db_label.setText(self.tr("Opening the database {0}...").format(where).replace("  ", " "))

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
        self.records: RecordHistory = RecordHistory(clinic, self)
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
            self.patient_list.show_model(self.model)
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
        said = self.tr("&Undo {0}").format(text) if text else self.tr("&Undo")
        self.actions_by_name["actionUndo"].setText(said)

    def _redo_text_changed(self, text: str) -> None:
        said = self.tr("&Redo {0}").format(text) if text else self.tr("&Redo")
        self.actions_by_name["actionRedo"].setText(said)

    def _undo_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Undo"), message)

    def _update_backup_label(self) -> None:
        if not self.clinic.is_sqlite:
            self.backup_label.setText(self.tr("Backups: by the PostgreSQL server"))
            return
        latest = self.clinic.latest_backup()
        self.backup_label.setText(
            self.tr("Last backup: {0}").format(notation.moment_text(latest[1]))
            if latest
            else self.tr("Last backup: none yet")
        )

    def refresh_status(self) -> None:
        """Update the status bar's database and last-backup figures."""
        self._update_backup_label()

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
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self, self.tr("Open database"), error_text(error))
            return False
        old = self._clinic
        self.set_clinic(clinic)
        if old is not None and old is not clinic:
            old.close()
        QSettings().setValue("lastDatabase", str(Path(target).resolve()) if "://" not in target else target)
        return True

    # -- the patient list -----------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.patient_list.focus_search()

    def apply_search(self) -> None:
        self.patient_list.apply_search()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def select_patient(self, patient_id: int) -> None:
        if not self.patient_list.select_patient(patient_id):
            self.show_patient(patient_id)

    def show_new_patient(self, patient_id: int) -> None:
        """A patient just added: list everyone again (the search may hide them) and select them."""
        self.patient_list.clear_search()
        self.select_patient(patient_id)

    # -- the workspace --------------------------------------------------------------------------------------------

    @property
    def patient_id(self) -> int | None:
        return self.history.patient.id if self.history else None

    def show_patient(self, patient_id: int | None) -> None:
        try:
            self._show_patient(patient_id)
        finally:
            self._update_actions()

    def reload(self) -> None:
        """Read the list and the open patient again (after an import or a restore changed many records)."""
        self._records_changed(None)

    def _show_patient(self, patient_id: int | None) -> None:
        if self._clinic is None:  # still opening: shown once the database is open
            self._pending_patient = patient_id
            return
        self._selected_patient = patient_id
        if patient_id is None:
            self.history = None
            self.workspace.clear()
            return
        from barium_tracker.services.summary import summarize

        try:
            self.history = load_history(self.clinic, patient_id)
            summary = summarize(self.history, self.clinic.interpretation_settings())
        except UserError as error:
            self.history = None
            self.workspace.clear()
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self, self.tr("Barium Tracker"), error_text(error))
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
                load_history(self.clinic, keep)
            except UserError:
                self.show_patient(None)
            else:
                self.show_patient(keep)
        else:
            self.show_patient(None)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is self.table or (self._workspace is not None and new is self._workspace.timeline):
            self._last_list = new

    def selected_event(self) -> tuple[str, int | None] | None:
        """The event selected in the timeline, when the timeline (not the patient list) had the focus last."""
        if self._last_list is self.workspace.timeline:
            return self.workspace.selected_event()
        return None

    # -- editing (ui.record_editing), undo ------------------------------------------------------------------------

    def new_patient(self) -> Patient | None:
        return self.editing.new_patient() if self._clinic is not None else None

    def _focus_workspace(self) -> None:
        """On from the list to the patient shown: the timeline takes the focus."""
        if self._workspace is not None and self._workspace.isVisible():
            self._workspace.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_patient(self) -> None:
        self.editing.edit_patient()

    def new_event(self, kind: str) -> Any:
        return self.editing.new_event(kind)

    def edit_event(self, kind: str, record_id: int | None) -> None:
        self.editing.edit_event(kind, record_id)

    def edit_selected(self) -> None:
        self.editing.edit_selected()

    def delete_selected(self) -> None:
        self.editing.delete_selected()

    def undo(self) -> None:
        self.records.stack.undo()

    def redo(self) -> None:
        self.records.stack.redo()

    # -- films ----------------------------------------------------------------------------------------------------

    def show_films(self) -> bool:
        """Record > Films: the radiographs of the TBE study selected in the timeline, else of the patient's latest
        study; True when one was attached, measured or removed (the patient is shown again then)."""
        if self.history is None:
            return False
        studies = self.history.studies
        event = self.workspace.selected_event()
        study = next((s for s in studies if event is not None and event == ("tbe_study", s.id)), None)
        if study is None and studies:
            study = max(studies, key=lambda s: (s.study_date, s.id or 0))
        if study is None:
            QMessageBox.information(
                self,
                self.tr("Films"),
                self.tr("No TBE study yet: {menu}, {keys}. Films are attached to a study's timed minutes.").format(
                    **where("actionNewStudy")
                ),
            )
            return False
        from barium_tracker.ui.films.study_films import show_study_films

        changed = show_study_films(self.clinic, self.history.patient.mrn, study, self)
        if changed:
            self.reload()
        return changed

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

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Barium Tracker"),
            self.tr(
                "Barium Tracker {0}\nTimed barium esophagogram records and treatment response for achalasia clinics."
            ).format(__version__),
        )

    # -- window state (UI state only: clinical data never goes into QSettings) -------------------------------------

    def _default_size(self) -> QSize:
        """1360 x 840, or the screen's free area when smaller (a 1366 x 768 screen, or 2732 x 1536 at 200 %)."""
        wanted = QSize(1360, 840)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return wanted
        return wanted.boundedTo(screen.availableGeometry().size())

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
