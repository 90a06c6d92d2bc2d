"""The File menu's data actions: import, export, the patient report (PDF and print), back up and restore.

Each long step runs through :func:`barium_tracker.ui.tasks.run_task` (worker thread, progress bar, Cancel that
leaves the database as it was) and calls the same service as the command line, so the GUI and
``barium-tracker import|export|report|backup|restore`` can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from barium_tracker.domain.errors import UserError
from barium_tracker.services.progress import Cancelled
from barium_tracker.ui.tasks import run_task

if TYPE_CHECKING:
    from barium_tracker.ui.main_window import MainWindow

_EXPORT_FOLDER_KEY = "export/folder"
_POSTGRES_RESTORE = (
    "A PostgreSQL database is backed up and restored with the server's own tools (pg_dump, pg_restore): "
    "see 'Backups' in the user guide."
)


class DataActions(QObject):
    """Installs the data actions into a main window's File menu and runs them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.import_action = self._action(
            "actionImport", self.tr("&Import spreadsheet…"), self.import_tables, "Ctrl+I", self.tr("Import CSV/XLSX")
        )
        self.export_action = self._action(
            "actionExport", self.tr("&Export…"), self.export, "Ctrl+Shift+E", self.tr("Tables, FHIR or research")
        )
        self.report_action = self._action(
            "actionSaveReport",
            self.tr("Patient &report (PDF)…"),
            self.save_report,
            "Ctrl+Shift+P",
            self.tr("The report for the referring physician"),
        )
        self.print_action = self._action(
            "actionPrintReport",
            self.tr("&Print report…"),
            self.print_report,
            QKeySequence.StandardKey.Print,
            self.tr("Print the patient report, with a preview"),
        )
        self.backup_action = self._action(
            "actionBackup", self.tr("&Back up now…"), self.backup, None, self.tr("A verified copy of the database")
        )
        self.restore_action = self._action(
            "actionRestore",
            self.tr("Re&store from backup…"),
            self.restore,
            None,
            self.tr("Replace the database with a backup (the current file is kept)"),
        )
        self.patient_changed()

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        tip: str,
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.window.actions_by_name[name] = action
        self.actions[name] = action
        return action

    def install(self, menu: QMenu, before: QAction) -> None:
        """Put the actions in ``menu`` (File) above ``before`` (Quit), in groups."""
        for group in (
            (self.import_action, self.export_action),
            (self.report_action, self.print_action),
            (self.backup_action, self.restore_action),
        ):
            for action in group:
                menu.insertAction(before, action)
            menu.insertSeparator(before)

    def patient_changed(self) -> None:
        """The report actions need a patient on screen; backup and restore need a SQLite file."""
        is_open = self.window.is_open
        for action in (self.import_action, self.export_action):
            action.setEnabled(is_open)
        has_patient = is_open and self._mrn() is not None
        self.report_action.setEnabled(has_patient)
        self.print_action.setEnabled(has_patient)
        is_file = is_open and self.window.clinic.is_sqlite
        self.backup_action.setEnabled(is_file)
        self.restore_action.setEnabled(is_file)
        postgres = is_open and not is_file
        tip = self.tr("PostgreSQL is backed up by the server (pg_dump); see the user guide") if postgres else ""
        for action in (self.backup_action, self.restore_action):
            action.setToolTip(tip or action.statusTip())

    # -- helpers -------------------------------------------------------------------------------------------------

    def _mrn(self) -> str | None:
        history = getattr(self.window, "history", None)
        return history.patient.mrn if history is not None else None

    def _run(self, title: str, work: Callable[[Any], Any]) -> Any:
        """Run a long step; on a user error or a cancel, say so and return None."""
        try:
            return run_task(self.window, title, work)
        except Cancelled:
            self.window.statusBar().showMessage(self.tr("{0}: cancelled, nothing was changed.").format(title), 8000)
            return None
        except UserError as error:
            QMessageBox.warning(self.window, title, str(error))
            return None

    def _done(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("dataActionDone")
        from barium_tracker.ui.modal import run_modal

        run_modal(box)

    # -- import / export -----------------------------------------------------------------------------------------

    def import_tables(self) -> None:
        from barium_tracker.ui.import_wizard import ImportWizard
        from barium_tracker.ui.modal import run_modal

        wizard = ImportWizard(self.window.clinic, parent=self.window)
        wizard.setObjectName("importWizard")
        # Reading, checking and importing run on a worker thread behind a progress dialog with Cancel.
        wizard.run_task = lambda title, work: run_task(wizard, title, work)  # type: ignore[method-assign]
        try:
            run_modal(wizard)
        finally:
            if wizard.report is not None and not wizard.report.dry_run:
                self.window.reload()
            wizard.deleteLater()

    def export(self) -> None:
        from barium_tracker.ui.export_dialog import ExportDialog, ExportFormat
        from barium_tracker.ui.modal import run_modal

        history = self.window.history
        patient = (history.patient.mrn, history.patient.display_name) if history is not None else None
        settings = QSettings()
        folder = Path(str(settings.value(_EXPORT_FOLDER_KEY, str(Path.home()))))
        dialog = ExportDialog(self.window, patient=patient, folder=folder if folder.is_dir() else None)
        if run_modal(dialog) != dialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if choice is None:
            return
        settings.setValue(_EXPORT_FOLDER_KEY, str(choice.destination.parent))
        clinic = self.window.clinic
        if choice.fmt in (ExportFormat.CSV, ExportFormat.XLSX):
            from barium_tracker.services.exchange import export_tables

            written = self._run(
                self.tr("Exporting"),
                lambda progress: export_tables(
                    clinic, choice.destination, fmt=choice.fmt.value, mrns=choice.mrns, progress=progress
                ),
            )
            if written is not None:
                self._done(self.tr("Export"), self.tr("Wrote:\n{0}").format("\n".join(str(p) for p in written)))
        elif choice.fmt is ExportFormat.FHIR:
            from barium_tracker.services.fhir_export import write_fhir

            path = self._run(
                self.tr("Exporting FHIR"),
                lambda progress: write_fhir(clinic, choice.destination, mrns=choice.mrns, progress=progress),
            )
            if path is not None:
                self._done(self.tr("Export"), self.tr("Wrote the FHIR bundle {0}").format(path))
        else:
            from barium_tracker.services.research_export import write_research_export

            result = self._run(
                self.tr("Research export"),
                lambda progress: write_research_export(clinic, choice.destination, mrns=choice.mrns, progress=progress),
            )
            if result is not None:
                self._done(
                    self.tr("Research export"),
                    self.tr("Wrote {0} patient(s) without identifiers to {1}.\nThe export was recorded.").format(
                        result.patients, result.destination
                    ),
                )

    # -- report --------------------------------------------------------------------------------------------------

    def save_report(self) -> None:
        from barium_tracker.ui.report_preview import ask_report_path, write_report

        mrn = self._mrn()
        if mrn is None:
            return
        answer = ask_report_path(self.window, mrn)
        if answer is None:
            return
        path, page_size = answer
        clinic = self.window.clinic
        written = self._run(
            self.tr("Writing the report"),
            lambda progress: write_report(clinic, mrn, path, page_size, progress=progress),
        )
        if written is not None:
            self.window.statusBar().showMessage(self.tr("Report saved: {0}").format(written), 10000)

    def print_report(self) -> None:
        from barium_tracker.services.report import build_report
        from barium_tracker.ui.modal import run_modal
        from barium_tracker.ui.report_preview import default_page_size, make_preview_dialog

        mrn = self._mrn()
        if mrn is None:
            return
        clinic = self.window.clinic
        dialog, printer = make_preview_dialog(self.window, clinic, mrn)
        page_size = default_page_size()
        # Lay the report out on the worker thread; the preview then only paints (another paper lays out again).
        report = self._run(
            self.tr("Preparing the report"),
            lambda progress: build_report(
                clinic, mrn, page_size=page_size, progress=progress, generated=printer.generated
            ),
        )
        try:
            if report is not None:
                printer.reports[page_size] = report
                run_modal(dialog)
        finally:
            dialog.deleteLater()

    # -- backup / restore ----------------------------------------------------------------------------------------

    def backup(self) -> None:
        from barium_tracker.services.backups import backup_now

        clinic = self.window.clinic
        path = self._run(self.tr("Backing up"), lambda progress: backup_now(clinic, None, progress=progress))
        if path is not None:
            self.window.refresh_status()
            self._done(self.tr("Back up"), self.tr("The database was copied and verified:\n{0}").format(path))

    def restore(self) -> None:
        from barium_tracker.services.backups import restore
        from barium_tracker.ui.modal import run_modal
        from barium_tracker.ui.restore_dialog import RestoreDialog

        clinic = self.window.clinic
        database = clinic.db.sqlite_path
        if database is None:
            QMessageBox.information(self.window, self.tr("Restore"), self.tr(_POSTGRES_RESTORE))
            return
        dialog = RestoreDialog(database, self.window)
        if run_modal(dialog) != dialog.DialogCode.Accepted or dialog.chosen is None:
            return
        source = dialog.chosen
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore"),
            self.tr(
                "Replace the open database with {0}?\n\nEverything entered since that backup is set aside: the "
                "current file is kept in the backups folder. Open editors are closed first."
            ).format(source.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        clinic.close()  # restore needs the file to itself; the window reopens it below whatever happens
        report = self._run(self.tr("Restoring"), lambda progress: restore(database, source, progress=progress))
        self.window.switch_database(str(database))
        if report is not None:
            self._done(self.tr("Restore"), report.message)
