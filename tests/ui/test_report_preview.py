"""Printing the report through the preview dialog and saving it as PDF, offscreen, on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, seed_case
from barium_tracker.services.records import save_history
from barium_tracker.services.report import PageSize, pdf_page_count
from barium_tracker.ui import language, notation, report_preview
from barium_tracker.ui.modal import run_modal
from barium_tracker.ui.report_preview import make_preview_dialog, page_size_filters, print_report, save_report_pdf
from tests.support.language import _compiled_catalogue  # noqa: F401 (autouse fixture)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().setValue("report/page_size", "a4")


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """Tests that switch the window to Spanish leave it English, with the notation read again."""
    yield
    language.reset()
    notation.forget()


@pytest.fixture
def seeded(clinic: Clinic) -> Clinic:
    save_history(clinic, seed_case(), source="test: seed case")
    return clinic


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_preview_opens_offscreen_and_paints_every_page(qtbot: QtBot, seeded: Clinic) -> None:
    parent = QWidget()
    qtbot.add_widget(parent)
    dialog, painter = make_preview_dialog(parent, seeded, SEED_MRN, clinic_name="Clínica de prueba")
    assert isinstance(dialog, QPrintPreviewDialog)
    assert dialog.objectName() == "reportPreviewDialog"
    QTimer.singleShot(1500, dialog.reject)
    run_modal(dialog)
    report = painter.reports[PageSize.A4]
    assert painter.error is None
    assert painter.pages_painted == report.page_count >= 3
    assert "Clínica de prueba" in report.text()


def test_preview_lays_out_again_for_letter_paper(qtbot: QtBot, seeded: Clinic) -> None:
    dialog, painter = make_preview_dialog(None, seeded, SEED_MRN)
    qtbot.add_widget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(Path(QSettings().fileName()).parent / "letter.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    dialog.paintRequested.emit(printer)
    assert set(painter.reports) == {PageSize.LETTER}
    assert painter.pages_painted == painter.reports[PageSize.LETTER].page_count
    data = Path(printer.outputFileName()).read_bytes()
    assert pdf_page_count(data) == painter.pages_painted
    assert b"/MediaBox [0 0 612" in data


def test_print_range_paints_only_the_chosen_pages(qtbot: QtBot, seeded: Clinic, out: Path) -> None:
    dialog, painter = make_preview_dialog(None, seeded, SEED_MRN)
    qtbot.add_widget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out / "range.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    dialog.paintRequested.emit(printer)
    assert painter.pages_painted == 2
    assert pdf_page_count((out / "range.pdf").read_bytes()) == 2


def test_print_report_runs_the_dialog_modally(qtbot: QtBot, seeded: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QPrintPreviewDialog] = []

    def fake_run_modal(dialog: QPrintPreviewDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(report_preview, "run_modal", fake_run_modal)
    assert print_report(None, seeded, SEED_MRN) == 0
    assert len(shown) == 1 and shown[0].windowTitle().endswith(SEED_MRN)


def test_save_dialog_writes_the_pdf_on_the_chosen_paper(
    qtbot: QtBot, seeded: Clinic, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: dict[str, object] = {}
    letter = next(label for label, size in page_size_filters().items() if size is PageSize.LETTER)

    def fake_save(parent: QWidget | None, caption: str, directory: str, filters: str, selected: str) -> tuple[str, str]:
        asked.update(caption=caption, directory=directory, filters=filters, selected=selected)
        return str(out / "chosen"), letter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    path = save_report_pdf(None, seeded, SEED_MRN, today=dt.date(2026, 11, 24))
    assert Path(str(asked["directory"])).name == "DEMO-0001-report-2026-11-24.pdf"
    assert "A4" in str(asked["selected"])
    assert path == out / "chosen.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and b"/MediaBox [0 0 612" in data
    assert QSettings().value("report/page_size") == "letter"
    assert QSettings().value("report/folder") == str(out)


def test_save_dialog_cancelled_writes_nothing(
    qtbot: QtBot, seeded: Clinic, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert save_report_pdf(None, seeded, SEED_MRN) is None
    assert not list(out.iterdir())


def test_save_failure_is_shown_not_raised(
    qtbot: QtBot, clinic: Clinic, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "x.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    assert save_report_pdf(None, clinic, "NOBODY") is None
    assert warnings and "NOBODY" in warnings[0]
    assert not list(out.iterdir())


def test_preview_speaks_the_window_language_with_this_workstation_notation(qtbot: QtBot, seeded: Clinic) -> None:
    language.install("es")
    notation.forget()
    dialog, painter = make_preview_dialog(None, seeded, SEED_MRN)
    qtbot.add_widget(dialog)
    QTimer.singleShot(1500, dialog.reject)
    run_modal(dialog)
    text = painter.reports[PageSize.A4].text()
    assert painter.error is None and painter.pages_painted >= 3
    assert "Altura de la columna al minuto 5: 12 cm antes, 2,7 cm el 10/07/2025 (-77,5 %)" in text
    assert "Respuesta al tratamiento" in text and "Página 1 de" in text and "Page 1 of" not in text
    # Preferences: a point and ISO dates at this workstation; the words stay Spanish.
    notation.set_preferences(notation.POINT, notation.ISO)
    _dialog, again = make_preview_dialog(None, seeded, SEED_MRN)
    qtbot.add_widget(_dialog)
    assert "-77,5 %" not in (text := again.report(PageSize.A4).text())
    assert "12 cm antes, 2.7 cm el 2025-07-10 (-77.5 %)" in text


def test_saved_pdf_is_in_the_window_language(
    qtbot: QtBot, seeded: Clinic, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language.install("es")
    notation.forget()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "informe.pdf"), ""))
    path = save_report_pdf(None, seeded, SEED_MRN, today=dt.date(2026, 11, 24))
    assert path == out / "informe.pdf"
    # The PDF's title (its metadata) is written as text: the document's title in Spanish.
    title = "Informe de esofagograma: Quispe Huamán, Mateo - N.º de HC DEMO-0001"
    assert title.encode("utf-16-be") in path.read_bytes()


def test_save_failure_is_said_in_the_window_language(
    qtbot: QtBot, clinic: Clinic, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language.install("es")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out / "x.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    assert save_report_pdf(None, clinic, "NADIE") is None
    assert warnings == [f"El informe no se guardó: No hay ningún paciente con N.º de HC NADIE en {clinic.location}"]
