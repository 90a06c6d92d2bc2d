"""Long work runs in a worker thread behind a progress dialog; Cancel stops it and the caller sees Cancelled."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from barium_tracker.domain.errors import UserError
from barium_tracker.services.progress import Cancelled
from barium_tracker.ui.tasks import TaskDialog, run_task


def _dialog() -> TaskDialog:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, TaskDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_result_comes_back_from_the_worker_thread(qtbot):
    main = threading.get_ident()
    seen: list[tuple[int, int | None, str]] = []

    def work(progress):
        assert threading.get_ident() != main  # off the GUI thread
        for i in range(5):
            progress(i, 5, "Counting")
            seen.append((i, 5, "Counting"))
        progress(5, 5, "Done")
        return 42

    assert run_task(None, "Counting", work) == 42
    assert len(seen) == 5


def test_errors_are_raised_in_the_caller(qtbot):
    def work(progress):
        raise UserError("line 3, column height_5min_cm: 'abc' is not a number")

    with pytest.raises(UserError, match="line 3"):
        run_task(None, "Importing", work)


def test_cancel_stops_the_work_and_waits_for_it(qtbot):
    stopped = threading.Event()
    shown: list[str] = []

    def work(progress):
        try:
            for i in range(10_000):
                progress(i, 10_000, f"Row {i}")
                time.sleep(0.002)
        finally:
            stopped.set()  # e.g. the transaction rolled back
        return "finished"

    def press_cancel():
        dialog = _dialog()
        shown.append(dialog.stage.text())
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(300, press_cancel)
    with pytest.raises(Cancelled):
        run_task(None, "Importing", work)
    assert stopped.is_set()  # the caller continues only after the worker has stopped
    assert shown and shown[0].startswith("Row")


def test_escape_is_cancel(qtbot):
    def work(progress):
        while True:
            progress(0, None, "Waiting")
            time.sleep(0.005)

    QTimer.singleShot(200, lambda: _dialog().reject())
    with pytest.raises(Cancelled):
        run_task(None, "Backing up", work)
