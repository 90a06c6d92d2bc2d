"""The File menu's data actions: import, export, the patient report (PDF and print), back up and restore.

Each long step runs through :func:`barium_tracker.ui.tasks.run_task` (worker thread, progress bar, Cancel that
leaves the database as it was) and calls the same service as the command line, so the GUI and
``barium-tracker import|export|report|backup|restore`` can never disagree. The actions themselves (words, shortcuts,
when they are enabled) are declared in :mod:`ui.actions`; this module only runs them, and knows the window only as a
:class:`DataActionsHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from barium_tracker.domain.errors import UserError
from barium_tracker.services.progress import Cancelled
from barium_tracker.ui.tasks import run_task

if TYPE_CHECKING:
    from barium_tracker.domain.records import PatientHistory
    from barium_tracker.services.clinic import Clinic

_EXPORT_FOLDER_KEY = "export/folder"
_POSTGRES_RESTORE = QT_TRANSLATE_NOOP(
    "DataActions",
    "A PostgreSQL database is backed up and restored with the server's own tools (pg_dump, pg_restore): "
    "see 'Backups' in the user guide.",
)


class DataActionsHost(Protocol):
    """What the data actions need of the window that holds them (the main window is one)."""

    @property
    def clinic(self) -> Clinic: ...

    @property
    def history(self) -> PatientHistory | None: ...

    def statusBar(self) -> QStatusBar: ...  # Qt's name

    def reload(self) -> None:
        """Read the list and the open patient again (an import or a restore changed many records)."""

    def refresh_status(self) -> None:
        """Update the status bar's last-backup figure."""

    def switch_database(self, target: str) -> bool:
        """Open ``target`` in place of the open database."""


class DataActions(QObject):
    """Runs the data actions for a window: its dialogs are the window's children, its messages in its status bar."""

    def __init__(self, host: DataActionsHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.dialog_parent = parent  # of the dialogs and the progress window

    # -- helpers -------------------------------------------------------------------------------------------------

    def _mrn(self) -> str | None:
        history = self.host.history
        return history.patient.mrn if history is not None else None

    def _run(self, title: str, work: Callable[[Any], Any]) -> Any:
        """Run a long step; on a user error or a cancel, say so and return None."""
        try:
            return run_task(self.dialog_parent, title, work)
        except Cancelled:
            self.host.statusBar().showMessage(self.tr("{0}: cancelled, nothing was changed.").format(title), 8000)
            return None
        except UserError as error:
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self.dialog_parent, title, error_text(error))
            return None

    def _done(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.dialog_parent)
        box.setObjectName("dataActionDone")
        from barium_tracker.ui.modal import run_modal

        run_modal(box)

    # -- import / export -----------------------------------------------------------------------------------------

    def import_tables(self) -> None:
        from barium_tracker.ui.import_wizard import ImportWizard
        from barium_tracker.ui.modal import run_modal

        wizard = ImportWizard(self.host.clinic, parent=self.dialog_parent)
        wizard.setObjectName("importWizard")
        # Reading, checking and importing run on a worker thread behind a progress dialog with Cancel.
        wizard.run_task = lambda title, work: run_task(wizard, title, work)  # type: ignore[method-assign]
        try:
            run_modal(wizard)
        finally:
            if wizard.report is not None and not wizard.report.dry_run:
                self.host.reload()
            wizard.deleteLater()

    def export(self) -> None:
        from barium_tracker.ui.export_dialog import ExportDialog, ExportFormat
        from barium_tracker.ui.modal import run_modal

        history = self.host.history
        patient = (history.patient.mrn, history.patient.display_name) if history is not None else None
        settings = QSettings()
        folder = Path(str(settings.value(_EXPORT_FOLDER_KEY, str(Path.home()))))
        dialog = ExportDialog(self.dialog_parent, patient=patient, folder=folder if folder.is_dir() else None)
        if run_modal(dialog) != dialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if choice is None:
            return
        settings.setValue(_EXPORT_FOLDER_KEY, str(choice.destination.parent))
        clinic = self.host.clinic
        if choice.fmt in (ExportFormat.CSV, ExportFormat.CSV_EXCEL, ExportFormat.XLSX):
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
        from barium_tracker.ui.report_preview import ask_report_path, report_writing, write_report

        mrn = self._mrn()
        if mrn is None:
            return
        answer = ask_report_path(self.dialog_parent, mrn)
        if answer is None:
            return
        path, page_size = answer
        clinic = self.host.clinic
        writing = report_writing()  # on the GUI thread: it reads this workstation's notation
        written = self._run(
            self.tr("Writing the report"),
            lambda progress: write_report(clinic, mrn, path, page_size, progress=progress, writing=writing),
        )
        if written is not None:
            self.host.statusBar().showMessage(self.tr("Report saved: {0}").format(written), 10000)

    def print_report(self) -> None:
        from barium_tracker.services.report import read_report
        from barium_tracker.ui.modal import run_modal
        from barium_tracker.ui.report_preview import make_preview_dialog

        mrn = self._mrn()
        if mrn is None:
            return
        clinic = self.host.clinic
        dialog, printer = make_preview_dialog(self.dialog_parent, clinic, mrn)
        # The record read and the charts drawn on the worker thread; the preview lays the pages out and paints them
        # on this thread (pages laid out on a finished worker thread crashed its first paint).
        source = self._run(
            self.tr("Preparing the report"),
            lambda progress: read_report(
                clinic, mrn, progress=progress, generated=printer.generated, writing=printer.writing
            ),
        )
        try:
            if source is not None:
                printer.source = source
                run_modal(dialog)
        finally:
            dialog.deleteLater()

    # -- backup / restore ----------------------------------------------------------------------------------------

    def backup(self) -> None:
        from barium_tracker.services.backups import backup_now

        clinic = self.host.clinic
        path = self._run(self.tr("Backing up"), lambda progress: backup_now(clinic, None, progress=progress))
        if path is not None:
            self.host.refresh_status()
            self._done(self.tr("Back up"), self.tr("The database was copied and verified:\n{0}").format(path))

    def restore(self) -> None:
        from barium_tracker.services.backups import restore
        from barium_tracker.ui.modal import run_modal
        from barium_tracker.ui.restore_dialog import RestoreDialog

        clinic = self.host.clinic
        database = clinic.db.sqlite_path
        if database is None:
            QMessageBox.information(
                self.dialog_parent, self.tr("Restore"), QCoreApplication.translate("DataActions", _POSTGRES_RESTORE)
            )
            return
        dialog = RestoreDialog(database, self.dialog_parent)
        if run_modal(dialog) != dialog.DialogCode.Accepted or dialog.chosen is None:
            return
        source = dialog.chosen
        answer = QMessageBox.question(
            self.dialog_parent,
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
        self.host.switch_database(str(database))
        if report is not None:
            self._done(self.tr("Restore"), report.message)
