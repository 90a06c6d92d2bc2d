"""The import wizard on a real SQLite clinic: choose a file, map a header, see every problem, fix it, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange import ImportFailed, import_files
from barium_tracker.services.patients import count_patients, load_history
from barium_tracker.ui import language
from barium_tracker.ui.import_wizard import ImportWizard, _problem_model
from tests.support.language import _compiled_catalogue  # noqa: F401 (autouse fixture)

HEADER = "Historia;family_name;given_name;birth_date;study_date;height_5min_cm;Comentario\n"


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_walk_the_wizard(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "studies.csv",
        ["W-1;Pérez;Ana;02/01/1980;09/06/2025;2,7;x\n", "W-2;Núñez;Luis;03/03/1970;10/06/2025;120;y\n"],
    )
    wizard = ImportWizard(clinic, [path])
    tasks: list[str] = []
    original = wizard.run_task

    def counting(title: str, work: Any) -> Any:
        tasks.append(title)
        return original(title, work)

    wizard.run_task = counting  # type: ignore[method-assign]
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == ImportWizard.FILES
    wizard.files_page.day_first.setChecked(True)
    wizard.next()

    # Page 2: preview; "Historia" is unknown until mapped to mrn, "Comentario" stays unknown.
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    assert page.tabs.count() == 1
    table = page.tabs.widget(0)
    assert table.model().rowCount() == 2 and table.model().item(0, 0).text() == "W-1"
    combo = wizard.findChild(QComboBox, "importMap_Historia")
    assert combo is not None and wizard.findChild(QComboBox, "importMap_Comentario") is not None
    combo.setCurrentIndex(combo.findData("mrn"))
    assert wizard.mapping == {"Historia": "mrn"}
    wizard.next()

    # Page 3: the dry run lists the out-of-range height with where, column, value and the domain's reason.
    assert wizard.currentId() == ImportWizard.CHECK
    problems = wizard.check_page.problems_view.model()
    assert problems.rowCount() == 1
    row = [problems.item(0, c).text() for c in range(4)]
    assert row[:3] == ["studies.csv line 3", "height_5min_cm", "120"]
    assert "between 0 and 40 cm" in row[3]
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert count_patients(clinic) == 0

    # Fix the file, go back, and check again: now it can be imported.
    _write(path, ["W-1;Pérez;Ana;02/01/1980;09/06/2025;2,7;x\n", "W-2;Núñez;Luis;03/03/1970;10/06/2025;12;y\n"])
    wizard.back()
    assert wizard.currentId() == ImportWizard.PREVIEW
    wizard.next()
    assert wizard.currentId() == ImportWizard.CHECK and wizard.check_page.ok
    assert "would add 2" in wizard.check_page.summary.toPlainText()
    assert count_patients(clinic) == 0
    wizard.next()

    assert wizard.currentId() == ImportWizard.RESULT
    assert wizard.report is not None and wizard.report.patients_created == 2
    assert "Comentario" in wizard.result_page.summary.toPlainText()
    assert str(load_history(clinic, mrn="W-1").studies[0].height_at(5)) == "2.7"
    assert tasks[-1] == "Importing" and "Checking every row" in tasks


def test_unreadable_file_is_shown_on_the_preview_page(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    wizard = ImportWizard(clinic, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert page.problems_view.isVisibleTo(wizard)
    assert "not a readable XLSX" in page.problems_view.model().item(0, 3).text()
    wizard.next()  # refused: the files still cannot be read
    assert wizard.currentId() == ImportWizard.PREVIEW
    grab = wizard.grab()
    assert not grab.isNull()


def test_problems_are_listed_in_the_window_language(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    bad = tmp_path / "studies.csv"
    bad.write_text("mrn,study_date,height_5min_cm\nDEMO-0001,03/04/2024,abc\n", encoding="utf-8")
    language.install("es")
    try:
        with pytest.raises(ImportFailed) as failure:
            import_files(clinic, [bad], dry_run=True)
        model = _problem_model(failure.value.problems)
        rows = [[model.item(r, c).text() for c in range(4)] for r in range(model.rowCount())]
        assert rows[0][:3] == ["studies.csv línea 2", "study_date", "03/04/2024"]
        assert rows[0][3].startswith("'03/04/2024' es ambigua (¿3 de abril o 4 de marzo?)")
    finally:
        language.reset()


def test_a_file_in_another_encoding_is_read_once_its_encoding_is_chosen(
    qtbot: QtBot, clinic: Clinic, tmp_path: Path
) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name\nJP-1,佐藤\n".encode("shift_jis"))
    wizard = ImportWizard(clinic, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert page.problems_view.isVisibleTo(wizard)
    said = page.problems_view.model().item(0, 3).text()
    assert "neither UTF-8 nor Windows-1252" in said and "Text encoding" in said
    wizard.back()
    combo = wizard.files_page.encoding
    assert combo.accessibleName() == "Text encoding of CSV files"
    combo.setCurrentIndex(combo.findData("shift_jis"))
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert wizard.preview_page.tabs.widget(0).model().item(0, 1).text() == "佐藤"
    wizard.next()
    assert wizard.currentId() == ImportWizard.CHECK and wizard.check_page.ok
    wizard.next()
    assert load_history(clinic, mrn="JP-1").patient.family_name == "佐藤"


def test_a_long_problem_is_shown_whole(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name\nJP-1,佐藤\n".encode("shift_jis"))
    wizard = ImportWizard(clinic, [path])
    qtbot.addWidget(wizard)
    wizard.resize(900, 560)
    wizard.show()
    wizard.next()
    view = wizard.preview_page.problems_view
    index = view.model().index(0, 3)
    text = index.data()
    assert index.data(Qt.ItemDataRole.ToolTipRole) == text
    lines_needed = view.fontMetrics().boundingRect(
        0, 0, view.columnWidth(3) - 8, 10_000, Qt.TextFlag.TextWordWrap, text
    )
    assert view.rowHeight(0) >= lines_needed.height()  # the whole reason wraps into its row, nothing cut to "..."
