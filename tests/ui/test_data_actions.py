"""File menu data actions on a real window and database: export, report, import, back up and restore.

Dialogs that ask something are answered by a stand-in for ``ui.modal.run_modal``; the long work itself runs for
real through ``ui.tasks.run_task`` (worker thread and progress dialog).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from barium_tracker.domain.records import Patient
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.records import create_record
from barium_tracker.ui import modal
from barium_tracker.ui.export_dialog import ExportDialog, ExportFormat
from barium_tracker.ui.main_window import MainWindow
from barium_tracker.ui.restore_dialog import RestoreDialog

ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "clinic.sqlite3") as clinic:
        populate_demo(clinic, 5)
        yield clinic


@pytest.fixture
def window(qtbot: QtBot, demo_clinic: Clinic) -> MainWindow:
    w = MainWindow(demo_clinic)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[Any], int]]:
    """Handlers for the next modal dialogs, in order; each returns the dialog's result code."""
    queue: list[Callable[[Any], int]] = []
    seen: list[str] = []

    def fake_run_modal(dialog: Any) -> int:
        seen.append(type(dialog).__name__)
        assert queue, f"unexpected dialog {type(dialog).__name__}"
        return queue.pop(0)(dialog)

    monkeypatch.setattr(modal, "run_modal", fake_run_modal)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return queue


def _select_seed(qtbot: QtBot, w: MainWindow) -> None:
    qtbot.keyClicks(w.search, "DEMO-0001")
    w.apply_search()
    qtbot.waitUntil(lambda: w.model.rowCount() == 1, timeout=3000)
    w.select_row(0)
    assert w.history is not None and w.history.patient.mrn == "DEMO-0001"


def _patients(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM patient").fetchone()[0]


def test_file_menu_has_the_data_actions_and_report_needs_a_patient(qtbot: QtBot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    names = [a.objectName() for a in file_menu.actions() if a.objectName()]
    for name in ("actionImport", "actionExport", "actionSaveReport", "actionPrintReport", "actionBackup"):
        assert name in names
    assert names.index("actionRestore") < names.index("actionQuit")
    assert not window.actions_by_name["actionSaveReport"].isEnabled()
    _select_seed(qtbot, window)
    assert window.actions_by_name["actionSaveReport"].isEnabled()
    assert window.actions_by_name["actionPrintReport"].isEnabled()


def test_export_the_selected_patient_as_an_excel_workbook(
    qtbot: QtBot, window: MainWindow, answers: list, tmp_path: Path
) -> None:
    _select_seed(qtbot, window)
    target = tmp_path / "seed.xlsx"

    def fill(dialog: ExportDialog) -> int:
        assert dialog.only_patient.isEnabled() and "DEMO-0001" in dialog.only_patient.text()
        dialog.format_buttons[ExportFormat.XLSX].setChecked(True)
        assert dialog.destination.text().endswith(".xlsx")
        dialog.only_patient.setChecked(True)
        dialog.destination.setText(str(target))
        return ACCEPTED

    answers += [fill, lambda box: QMessageBox.StandardButton.Ok]
    window.actions_by_name["actionExport"].trigger()
    from openpyxl import load_workbook

    workbook = load_workbook(target, read_only=True)
    studies = workbook["studies"]
    mrns = {row[0] for row in studies.iter_rows(min_row=2, values_only=True)}
    assert mrns == {"DEMO-0001"}


def test_export_dialog_refuses_a_research_export_into_a_folder_with_files(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    dialog = ExportDialog(None, patient=None, folder=tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.only_patient.isEnabled()
    dialog.format_buttons[ExportFormat.RESEARCH].setChecked(True)
    dialog.destination.setText(str(tmp_path))
    assert dialog.choice() is None
    assert "new, empty folder" in dialog.problem.text()
    dialog.destination.setText(str(tmp_path / "no-such-folder" / "x.json"))
    dialog.format_buttons[ExportFormat.FHIR].setChecked(True)
    dialog.destination.setText(str(tmp_path / "no-such-folder" / "x.json"))
    assert dialog.choice() is None and "does not exist" in dialog.problem.text()


def test_save_report_writes_the_pdf_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from barium_tracker.services.report import PageSize
    from barium_tracker.ui import report_preview

    _select_seed(qtbot, window)
    target = tmp_path / "seed-report.pdf"
    monkeypatch.setattr(report_preview, "ask_report_path", lambda parent, mrn: (target, PageSize.LETTER))
    window.actions_by_name["actionSaveReport"].trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert "Report saved" in window.statusBar().currentMessage()


def test_import_wizard_runs_its_work_in_the_worker_thread(qtbot: QtBot, window: MainWindow, answers: list) -> None:
    import threading

    main = threading.get_ident()
    ran_in: list[int] = []

    def drive(wizard: Any) -> int:
        assert wizard.objectName() == "importWizard"
        assert wizard.run_task("Checking", lambda progress: ran_in.append(threading.get_ident()) or 7) == 7
        return QDialog.DialogCode.Rejected

    answers.append(drive)
    window.actions_by_name["actionImport"].trigger()
    assert ran_in and ran_in[0] != main


def test_back_up_now_then_restore_that_backup(
    qtbot: QtBot, window: MainWindow, demo_clinic: Clinic, answers: list
) -> None:
    database = demo_clinic.db.sqlite_path
    assert database is not None
    answers.append(lambda box: QMessageBox.StandardButton.Ok)
    window.actions_by_name["actionBackup"].trigger()
    backups = list((database.parent / "backups").glob("clinic-*-manual.sqlite3"))
    assert len(backups) == 1
    assert "none yet" not in window.backup_label.text()
    before = _patients(database)

    create_record(window.clinic, Patient(mrn="AFTER-1", family_name="Después", given_name="Ana"))
    assert _patients(database) == before + 1

    def pick(dialog: RestoreDialog) -> int:
        assert dialog.chosen == backups[0]  # the newest backup is chosen and checked
        assert "sound Barium Tracker database" in dialog.verdict.text()
        return ACCEPTED

    answers += [pick, lambda box: QMessageBox.StandardButton.Ok]
    window.actions_by_name["actionRestore"].trigger()
    assert _patients(database) == before
    kept = list((database.parent / "backups").glob("clinic-*-replaced-by-restore.sqlite3"))
    assert len(kept) == 1 and _patients(kept[0]) == before + 1
    # The window works on the restored file.
    qtbot.keyClicks(window.search, "AFTER-1")
    window.apply_search()
    qtbot.waitUntil(lambda: window.model.total == 0, timeout=3000)


def test_restore_dialog_will_not_take_a_damaged_file(qtbot: QtBot, demo_clinic: Clinic, tmp_path: Path) -> None:
    database = demo_clinic.db.sqlite_path
    assert database is not None
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    dialog = RestoreDialog(database)
    qtbot.addWidget(dialog)
    dialog.choose(damaged)
    assert not dialog.ok.isEnabled() and dialog.chosen is None
    assert "cannot be restored" in dialog.verdict.text()
    dialog.choose(database)
    assert not dialog.ok.isEnabled() and "database itself" in dialog.verdict.text()


def test_print_preview_paints_a_report_read_off_the_gui_thread(qtbot: QtBot, window: MainWindow, answers: list) -> None:
    """File > Print report: the record is read and the charts drawn on the worker thread, the pages laid out and
    painted by the preview on the GUI thread. Pages laid out on the (finished) worker crashed this first paint."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    _select_seed(qtbot, window)
    shown: list[Any] = []

    def preview(dialog: Any) -> int:
        assert dialog.objectName() == "reportPreviewDialog"
        printer = dialog._report_printer
        assert printer.source is not None and not printer.reports  # read by the worker, not laid out there
        dialog.show()
        dialog.findChild(QPrintPreviewWidget).updatePreview()  # paintRequested: lay out and paint every page
        dialog.grab()
        assert printer.error is None and printer.pages_painted >= 2
        assert len(printer.reports) == 1  # one paper size, laid out once for every repaint
        shown.append(dialog)
        dialog.hide()
        return QDialog.DialogCode.Rejected

    answers.append(preview)
    window.actions_by_name["actionPrintReport"].trigger()
    assert len(shown) == 1
