"""Starting the Qt application around an open clinic database."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from barium_tracker import __version__, resources_path
from barium_tracker.services.clinic import Clinic


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings uses, created once."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("Barium Tracker")
    app.setApplicationName("Barium Tracker")
    app.setApplicationVersion(__version__)
    icon = resources_path() / "icons" / "barium-tracker.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def last_database() -> str | None:
    """The database the user last opened in the window (UI state: where, never what)."""
    from PySide6.QtCore import QSettings

    make_application()
    value = QSettings().value("lastDatabase")
    return str(value) if value else None


def run_gui(clinic: Clinic, *, demo: bool = False) -> int:
    from barium_tracker.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(clinic, demo=demo)
    window.show()
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
        clinic.close()


def launch(target: str | None, *, demo: bool = False) -> int:
    """The window on the chosen database (``--db``, $BARIUM_TRACKER_DB, the last one opened, else the default file).

    ``demo``: a fresh temporary demo database, deleted when the window closes.
    """
    if demo:
        from barium_tracker.services.demo import create_demo_database

        folder = Path(tempfile.mkdtemp(prefix="barium-tracker-demo-"))
        try:
            return run_gui(Clinic.open(create_demo_database(folder / "demo.sqlite3")), demo=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # the demo is thrown away, as the window says
    if target is None and not os.environ.get("BARIUM_TRACKER_DB"):
        target = last_database()  # None: the default file in the user data folder
    return run_gui(Clinic.open(target))
