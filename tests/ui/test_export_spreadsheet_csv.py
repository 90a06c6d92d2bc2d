"""File > Export > "Tables as CSV for Excel in Spanish" on a real window and database, in Spanish and English."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.exchange import import_files
from barium_tracker.services.patients import load_history
from barium_tracker.ui import language, modal
from barium_tracker.ui.export_dialog import ExportDialog, ExportFormat
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "clinic.sqlite3") as clinic:
        populate_demo(clinic, 3)
        yield clinic


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[Any], int]]:
    """Handlers for the next modal dialogs, in order; each returns the dialog's result code."""
    queue: list[Callable[[Any], int]] = []

    def fake_run_modal(dialog: Any) -> int:
        assert queue, f"unexpected dialog {type(dialog).__name__}"
        return queue.pop(0)(dialog)

    monkeypatch.setattr(modal, "run_modal", fake_run_modal)
    return queue


@pytest.mark.parametrize(
    ("lang", "title", "note"),
    [
        ("en", "Tables as CSV for Excel in Spanish", "set to the decimal comma"),
        ("es", "Tablas como CSV para Excel en español", "configurados con coma decimal"),
    ],
)
def test_the_dialog_offers_the_spreadsheet_csv_in_the_window_s_language(
    qtbot: QtBot, tmp_path: Path, lang: str, title: str, note: str
) -> None:
    language.install(lang)
    dialog = ExportDialog(None, patient=None, folder=tmp_path)
    qtbot.addWidget(dialog)
    button = dialog.format_buttons[ExportFormat.CSV_EXCEL]
    assert button.text() == title
    assert any(note in label.text() for label in dialog.findChildren(type(dialog.problem)))
    # Not the default: whether a spreadsheet reads 2,7 depends on its regional settings, which we cannot see.
    assert dialog.chosen_format() is ExportFormat.CSV
    button.setChecked(True)
    assert Path(dialog.destination.text()).name.startswith("barium-tracker-spreadsheet-")
    choice = dialog.choice()
    assert choice is not None and choice.fmt is ExportFormat.CSV_EXCEL and choice.destination.parent == tmp_path


def test_export_writes_the_spreadsheet_csv_that_imports_back(
    qtbot: QtBot, demo_clinic: Clinic, answers: list[Callable[[Any], int]], tmp_path: Path
) -> None:
    language.install("es")
    window = MainWindow(demo_clinic)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    target = tmp_path / "para-excel"
    said: list[str] = []

    def fill(dialog: ExportDialog) -> int:
        dialog.format_buttons[ExportFormat.CSV_EXCEL].setChecked(True)
        dialog.destination.setText(str(target))
        return ACCEPTED

    def done(box: QMessageBox) -> int:
        said.append(box.text())
        return QMessageBox.StandardButton.Ok

    answers += [fill, done]
    window.actions_by_name["actionExport"].trigger()
    studies = target / "studies.csv"
    assert str(studies) in said[0]
    data = studies.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    assert b";2,7;" in data and b";12;" in data  # the seed case's 5-minute heights, decimal comma
    with Clinic.open(tmp_path / "other.sqlite3") as other:
        import_files(other, sorted(target.glob("*.csv")))
        seed = load_history(other, mrn="DEMO-0001")
        assert [s.height_at(5) for s in seed.studies] == [
            s.height_at(5) for s in load_history(demo_clinic, mrn="DEMO-0001").studies
        ]
