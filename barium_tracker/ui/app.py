"""Starting the Qt application around an open clinic database."""

from __future__ import annotations

import signal
import sys

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
