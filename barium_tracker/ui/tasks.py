"""Long work (import, export, report, backup, restore) off the GUI thread, with a progress bar and a Cancel button.

:func:`run_task` calls a service function in a worker thread and shows a modal progress dialog until it returns.
The service reports through its ``progress`` callback (services/progress.py); after Cancel the callback raises
:class:`Cancelled` at the service's next report, inside its transaction, so the database stays as it was. The
dialog stays open ("Cancelling...") until the worker has really stopped: the caller never continues while a
transaction may still be rolling back. The result (or the exception) comes back to the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from barium_tracker.services.progress import Cancelled
from barium_tracker.ui.modal import run_modal

T = TypeVar("T")

#: Progress reports reach the GUI at most this often (seconds); the last one always does.
REPORT_INTERVAL_S = 0.05


class _Worker(QObject):
    progressed = Signal(int, int, str)  # done, total (-1: unknown), stage
    finished = Signal()

    def __init__(self, work: Callable[..., Any], cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel
        self._last_report = 0.0
        self.result: Any = None
        self.error: BaseException | None = None

    def progress(self, done: int, total: int | None, stage: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_report >= REPORT_INTERVAL_S or (total is not None and done >= total):
            self._last_report = now
            self.progressed.emit(done, -1 if total is None else total, stage)

    @Slot()
    def run(self) -> None:
        try:
            self.result = self._work(self.progress)
        except BaseException as error:  # handed to the GUI thread, which re-raises it
            self.error = error
        finally:
            self.finished.emit()


class TaskDialog(QDialog):
    """The progress dialog of one task: what is being done, how far, and Cancel."""

    def __init__(self, title: str, parent: QWidget | None = None, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.stage = QLabel(title)
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report says how much there is
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setToolTip(self.tr("Stop; nothing is changed"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.cancel_requested = threading.Event()
        self.cancel_button.clicked.connect(self.request_cancel)

    def request_cancel(self) -> None:
        self.cancel_requested.set()
        self.cancel_button.setEnabled(False)
        self.stage.setText(self.tr("Cancelling…"))

    @Slot(int, int, str)
    def show_progress(self, done: int, total: int, stage: str) -> None:
        if self.cancel_requested.is_set():
            return
        # The services mark their stages N_() (context "wording", see tools/translations.py): said here.
        self.stage.setText(QCoreApplication.translate("wording", stage))
        if total < 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(min(done, max(total, 1)))

    def reject(self) -> None:  # Escape means Cancel; the dialog closes when the worker has stopped
        self.request_cancel()


def run_task(parent: QWidget | None, title: str, work: Callable[[Callable[[int, int | None, str], None]], T]) -> T:
    """Run ``work(progress)`` in a worker thread behind a modal progress dialog; return its result or raise.

    ``work`` receives the progress callback to pass on to the service, e.g.
    ``run_task(self, "Importing", lambda progress: import_files(clinic, paths, progress=progress))``.
    A cancelled task raises :class:`Cancelled` here, after the worker has finished rolling back.
    """
    dialog = TaskDialog(title, parent)
    worker = _Worker(work, dialog.cancel_requested)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.progressed.connect(dialog.show_progress, Qt.ConnectionType.QueuedConnection)
    worker.finished.connect(thread.quit)
    thread.finished.connect(dialog.accept)
    thread.start()
    try:
        run_modal(dialog)
    finally:
        thread.quit()
        thread.wait()
        dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
