"""The main window opens inside the screen's free area (a 1366 x 768 screen, or 2732 x 1536 at 200 % scale)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _isolated  # noqa: F401 (autouse: settings of the test's own, no saved geometry)


def test_the_default_window_fits_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with Clinic.open(tmp_path / "clinic.sqlite3") as clinic:
        window = MainWindow(clinic)
        qtbot.addWidget(window)
        free = (window.screen() or QApplication.primaryScreen()).availableGeometry().size()
        assert window.width() <= free.width() and window.height() <= free.height()
        assert window.width() == min(1360, free.width()) and window.height() == min(840, free.height())
