"""Starting the Qt application: the window and its patient list first, then the clinic database opened behind it.

``barium-tracker --db FILE`` paints the list before SQLAlchemy is even imported: ``services.patient_list.first_page``
reads the patient count and the first page of a SQLite file read-only (only when the file is at exactly this
version's schema), the window shows them with "Opening the database..." and no edit action, and on the event loop's
next turn after that first paint :func:`open_clinic` opens the database the ordinary way (``Clinic.open``: checks,
backup, migration) and hands it to the window. Whenever the first look cannot be trusted (a new file, an older or
newer schema, a PostgreSQL URL, the default file, anything odd) the clinic is opened first, as before.

When the database cannot be opened, :func:`open_clinic` says why and offers what can be done: restore the newest good
backup (a SQLite file that is damaged or not ours), open another database, or quit.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from barium_tracker import __version__, resources_path
from barium_tracker.domain.errors import UserError
from barium_tracker.ui import language
from barium_tracker.ui.style import apply_focus_style

if TYPE_CHECKING:
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.main_window import MainWindow

ENV_VAR = "BARIUM_TRACKER_DB"  # as storage.database reads it (the ui may not import storage)
# If the window is never painted (shown minimized), the database is opened after this long all the same.
OPEN_WITHOUT_PAINT_MS = 500


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings uses, created once, speaking the chosen language."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("Barium Tracker")
    app.setApplicationName("Barium Tracker")
    app.setApplicationVersion(__version__)
    if language.chosen() is None:
        language.install(language.gui_language())
    apply_focus_style(app)  # type: ignore[arg-type]
    icon = resources_path() / "icons" / "barium-tracker.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def last_database() -> str | None:
    """The database the user last opened in the window (UI state: where, never what)."""
    make_application()
    value = QSettings().value("lastDatabase")
    return str(value) if value else None


def remember_database(target: str) -> None:
    """Open this database next time (the window's File > Open does the same)."""
    QSettings().setValue("lastDatabase", str(Path(target).resolve()) if "://" not in target else target)


# -- when the database cannot be opened -------------------------------------------------------------------------


class OpenFailure:
    """What to tell the user when a database cannot be opened, and the backup to offer (if restoring is the remedy)."""

    RESTORE, OTHER, QUIT = "restore", "other", "quit"

    def __init__(self, target: str | None, error: UserError) -> None:
        self.target = target
        self.error = error
        from barium_tracker.services.clinic import sqlite_file

        self.database = sqlite_file(target)
        self.backup: Path | None = None
        self.backup_when = ""
        from barium_tracker.ui.translate import error_text

        self.message = error_text(error)
        if self.database is None:
            return
        from barium_tracker.services.backups import diagnose_open_failure_said, list_backups, newest_good_backup

        diagnosis = diagnose_open_failure_said(self.database, error)
        if diagnosis is None:  # locked, read-only, missing folder, a newer version's: restoring is not the remedy
            return
        from barium_tracker.ui.translate import date_text, message_text

        self.message = message_text(diagnosis)
        self.backup = newest_good_backup(self.database)
        if self.backup is not None:
            when = next((b.when for b in list_backups(self.database) if b.path == self.backup), None)
            self.backup_when = f"{date_text(when.date())} {when:%H:%M}" if when else self.backup.name

    def ask(self, parent: QWidget | None) -> str:
        """The dialog: the reason, and Restore newest backup (<date>) / Open another database... / Quit."""
        from PySide6.QtWidgets import QMessageBox

        from barium_tracker.ui.modal import run_modal

        box = QMessageBox(parent)
        box.setObjectName("openFailureDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QMessageBox.tr("Barium Tracker: the database cannot be opened"))
        box.setText(self.message)
        buttons = {}
        if self.backup is not None:
            restore = box.addButton(
                QMessageBox.tr("Restore newest backup ({0})").format(self.backup_when),
                QMessageBox.ButtonRole.AcceptRole,
            )
            restore.setObjectName("restoreNewestBackup")
            buttons[restore] = self.RESTORE
        other = box.addButton(QMessageBox.tr("Open another database..."), QMessageBox.ButtonRole.ActionRole)
        other.setObjectName("openAnotherDatabase")
        buttons[other] = self.OTHER
        quit_button = box.addButton(QMessageBox.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitBariumTracker")
        buttons[quit_button] = self.QUIT
        box.setDefaultButton(next(iter(buttons)))  # restore when offered, else another database
        box.setEscapeButton(quit_button)
        run_modal(box)
        return buttons.get(box.clickedButton(), self.QUIT)


def _choose_database(parent: QWidget | None) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    from barium_tracker.ui.modal import run_modal

    dialog = QFileDialog(parent, QFileDialog.tr("Open or create a database"))
    dialog.setObjectName("openDatabaseDialog")
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setNameFilters(
        [QFileDialog.tr("Barium Tracker database (*.sqlite3 *.sqlite *.db)"), QFileDialog.tr("All files (*)")]
    )
    if run_modal(dialog) != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]


def _tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    from PySide6.QtWidgets import QMessageBox

    from barium_tracker.ui.modal import run_modal

    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("restoreResult")
    run_modal(box)


def _restore(failure: OpenFailure, parent: QWidget | None) -> bool:
    """Restore the offered backup over the database (the replaced file is kept); False if it did not happen."""
    from PySide6.QtWidgets import QMessageBox

    from barium_tracker.services.backups import restore
    from barium_tracker.services.progress import Cancelled
    from barium_tracker.ui.tasks import run_task

    assert failure.database is not None and failure.backup is not None
    database, backup = failure.database, failure.backup
    try:
        report = run_task(
            parent,
            QMessageBox.tr("Restoring the database"),
            # the dialog named what is wrong with the file, and the user chose to replace it
            lambda progress: restore(database, backup, progress=progress, force=True),
        )
    except Cancelled:
        return False
    except UserError as error:
        from barium_tracker.ui.translate import error_text

        _tell(parent, QMessageBox.tr("Restore"), error_text(error), warning=True)
        return False
    _tell(parent, QMessageBox.tr("Restore"), report.message)
    return True


def open_clinic(target: str | None, parent: QWidget | None = None) -> Clinic | None:
    """``Clinic.open(target)``; if it fails, say why and offer a restore, another database or quitting (None)."""
    from barium_tracker.services.clinic import Clinic

    while True:
        try:
            return Clinic.open(target, daily_backup=True)
        except UserError as error:
            failure = OpenFailure(target, error)
        choice = failure.ask(parent)
        if choice == OpenFailure.QUIT:
            return None
        if choice == OpenFailure.RESTORE:
            _restore(failure, parent)  # then open it again (the same target), or show why not
            continue
        chosen = _choose_database(parent)
        if chosen is not None:
            target = chosen
            try:
                clinic = Clinic.open(target, daily_backup=True)
            except UserError:
                continue  # the loop says why, about the new choice
            remember_database(target)
            return clinic


# -- the two-step start ---------------------------------------------------------------------------------------------


class _OpenAfterFirstPaint(QObject):
    """Opens the clinic on the event loop's next turn after the list's first paint (or after a delay without one)."""

    def __init__(self, window: MainWindow, target: str | None) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self.started = False
        self.viewport = window.table.viewport()
        self.viewport.installEventFilter(self)
        QTimer.singleShot(OPEN_WITHOUT_PAINT_MS, self._start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.viewport.removeEventFilter(self)
            QTimer.singleShot(0, self._start)
        return False

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        self.viewport.removeEventFilter(self)
        finish_opening(self.window, self.target)


def finish_opening(window: MainWindow, target: str | None) -> None:
    """Open the clinic behind a window that shows the first page; on failure the window is emptied, then closed
    if the user quits."""
    from barium_tracker.services.clinic import Clinic

    try:
        clinic: Clinic | None = Clinic.open(target, daily_backup=True)
    except UserError:
        window.clear_first_page()  # never leave a list on screen from a file that failed to open
        clinic = open_clinic(target, window)
    if clinic is None:
        window.close()
        return
    window.set_clinic(clinic)


def open_main_window(target: str | None) -> MainWindow | None:
    """The shown main window on ``target`` (a path, a URL, or None: the default file); None if the user quit.

    A SQLite file at this version's schema is listed before it is opened (two steps, see the module's docstring);
    anything else is opened first.
    """
    make_application()
    from barium_tracker.services.patient_list import first_page
    from barium_tracker.ui.main_window import MainWindow
    from barium_tracker.ui.patient_list_model import PatientListModel

    page = first_page(target, PatientListModel.PAGE_SIZE)
    if page is None:
        clinic = open_clinic(target)
        if clinic is None:
            return None
        window = MainWindow(clinic)
        window.show()
        return window
    window = MainWindow(None, first_page=page)
    window.show()
    _OpenAfterFirstPaint(window, target)
    return window


def _exec(app: QApplication, window: QWidget) -> int:
    # Ctrl+C in the terminal closes the window like Quit (Python only sees signals between Qt events, so wake it).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)


def run_gui(clinic: Clinic, *, demo: bool = False) -> int:
    """The window on an already open clinic, until it is closed."""
    from barium_tracker.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(clinic, demo=demo)
    window.show()
    try:
        return _exec(app, window)
    finally:
        window.clinic.close()


DEMO_PREFIX = "barium-tracker-demo-"  # <tmp>/barium-tracker-demo-<pid>-<random>/demo.sqlite3


def remove_abandoned_demos(tmp: Path) -> list[Path]:
    """Remove the demo folders of ``--demo`` runs that ended without cleaning up (killed, or Qt aborted)."""
    import shutil

    from barium_tracker.services.privacy import process_running

    removed = []
    for folder in tmp.glob(f"{DEMO_PREFIX}*"):
        pid = folder.name[len(DEMO_PREFIX) :].split("-", 1)[0]
        if not folder.is_dir() or folder.owner() != _user_name():
            continue
        abandoned = not process_running(int(pid)) if pid.isdigit() else _older_than_a_day(folder)  # older names
        if abandoned:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _user_name() -> str:
    import getpass

    return getpass.getuser()


def _older_than_a_day(path: Path) -> bool:
    import time

    return time.time() - path.stat().st_mtime > 86400


def launch(target: str | None, *, demo: bool = False) -> int:
    """The window on the chosen database (``--db``, $BARIUM_TRACKER_DB, the last one opened, else the default file).

    ``demo``: a fresh temporary demo database, deleted when the window closes.
    """
    if demo:
        import shutil
        import tempfile

        from barium_tracker.services.clinic import Clinic
        from barium_tracker.services.demo import create_demo_database

        make_application()  # first: if Qt cannot start (a missing platform library aborts), no folder is left
        remove_abandoned_demos(Path(tempfile.gettempdir()))
        folder = Path(tempfile.mkdtemp(prefix=f"{DEMO_PREFIX}{os.getpid()}-"))
        try:
            return run_gui(Clinic.open(create_demo_database(folder / "demo.sqlite3")), demo=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # the demo is thrown away, as the window says
    if target is None:
        target = os.environ.get(ENV_VAR) or last_database()  # None: the default file in the user data folder
    app = make_application()
    window = open_main_window(target)
    if window is None:
        return 0
    try:
        return _exec(app, window)
    finally:
        if window.is_open:
            window.clinic.close()
