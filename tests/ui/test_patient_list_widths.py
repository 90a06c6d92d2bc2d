"""The patient list at 1366 px, in English and Spanish: every column whole, no horizontal scroll bar, names elided.

Measured the way Qt draws: a cell's text against its column's width less the delegate's text margins, a header's
lines against the label rectangle the style leaves (less the sort arrow in the sorted column), the search field's
placeholder typed into it (a line edit scrolls its text only when the text does not fit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.domain.procedure_types import ProcedureType
from barium_tracker.domain.records import Patient, Procedure, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.records import create_record
from barium_tracker.ui import language, notation
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

SCREEN = (1366, 768)
LONG_NAME = ("Huamán Quispe de la Cruz Villanueva", "María de los Ángeles Guadalupe")


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    """The demo clinic, plus the 100,000-patient set's longest MRN, a long name and an EGJOO diagnosis."""
    with Clinic.open(tmp_path / "demo.sqlite3") as opened:
        populate_demo(opened)
        patient = create_record(
            opened,
            Patient(
                mrn="SYN-100000",
                family_name=LONG_NAME[0],
                given_name=LONG_NAME[1],
                birth_date=dt.date(1920, 8, 28),
                diagnosis=Diagnosis.EGJ_OUTFLOW_OBSTRUCTION,
            ),
        )
        create_record(opened, TbeStudy(patient_id=patient.id, study_date=dt.date(2025, 12, 28)))
        create_record(
            opened,
            Procedure(patient_id=patient.id, procedure_date=dt.date(2025, 12, 28), procedure_type=ProcedureType.POEM),
        )
        yield opened


def _window(qtbot: QtBot, clinic: Clinic, code: str) -> MainWindow:
    language.install(code)
    notation.forget()
    window = MainWindow(clinic)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _text_margin(window: MainWindow) -> int:
    """What the item delegate keeps on each side of a cell's text (QStyledItemDelegate: focus frame margin + 1)."""
    table = window.table
    return table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1


def _assert_columns_whole(window: MainWindow) -> None:
    table, model = window.table, window.model
    metrics, margin = table.fontMetrics(), _text_margin(window)
    columns = range(model.columnCount())
    assert not table.horizontalScrollBar().isVisible()
    assert sum(table.columnWidth(column) for column in columns) <= table.viewport().width()
    name = model.COLUMNS.index("name")
    rows = range(model.rowCount())
    assert len(rows) > 0
    for row in rows:
        for column in columns:
            index = model.index(row, column)
            text = model.data(index)
            if column == name:
                assert model.data(index, Qt.ItemDataRole.ToolTipRole) == text  # whole in the tooltip
                continue
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column) - 2 * margin, (
                model.COLUMNS[column],
                text,
            )
    header, pane = table.horizontalHeader(), window.patient_list
    header_metrics = header.fontMetrics()
    for column in columns:
        lines = str(model.headerData(column, Qt.Orientation.Horizontal)).split("\n")
        room = pane.header_label_width(column, header.sectionSize(column), column == header.sortIndicatorSection())
        assert max(header_metrics.horizontalAdvance(line) for line in lines) <= room, lines
        assert header.height() >= len(lines) * header_metrics.height()


def _assert_placeholder_whole(window: MainWindow) -> None:
    """Typed into the field, the placeholder is not scrolled: its end is where its own width puts it."""
    search = window.search
    placeholder = search.placeholderText()
    search.blockSignals(True)
    try:
        search.setText("")
        start = search.cursorRect().center().x()
        search.setText(placeholder)
        search.setCursorPosition(len(placeholder))
        end = search.cursorRect().center().x()
    finally:
        search.setText("")
        search.blockSignals(False)
    assert end - start == search.fontMetrics().horizontalAdvance(placeholder)


@pytest.mark.parametrize("code", ["en", "es"])
@pytest.mark.parametrize("date_order", [None, notation.ISO, notation.DAY_FIRST])
def test_every_column_whole_at_1366_px(qtbot: QtBot, clinic: Clinic, code: str, date_order: str | None) -> None:
    notation.set_preferences(None, date_order)
    window = _window(qtbot, clinic, code)
    model = window.model
    assert model.total == model.rowCount()  # the demo fits a page: every patient is checked
    assert any(model.item(row).mrn == "SYN-100000" for row in range(model.rowCount()))  # type: ignore[union-attr]
    _assert_columns_whole(window)
    _assert_placeholder_whole(window)
    # Whatever column is sorted (its header makes room for the arrow), still no column cut.
    for column in range(model.columnCount()):
        window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        QApplication.processEvents()
        _assert_columns_whole(window)
    # The workspace keeps its room: every chart tab shown without scroll buttons.
    window.select_patient(model.item(0).id)  # type: ignore[union-attr]
    tabs = window.workspace.tabs
    assert window.right_pane.width() >= SCREEN[0] // 2
    assert tabs.tabBar().sizeHint().width() <= tabs.width()


def test_long_names_are_elided_with_the_whole_name_in_the_tooltip(qtbot: QtBot, clinic: Clinic) -> None:
    window = _window(qtbot, clinic, "es")
    model, table = window.model, window.table
    row = next(row for row in range(model.rowCount()) if model.item(row).mrn == "SYN-100000")  # type: ignore[union-attr]
    name = model.COLUMNS.index("name")
    whole = f"{LONG_NAME[0]}, {LONG_NAME[1]}"
    assert model.data(model.index(row, name)) == whole
    assert table.fontMetrics().horizontalAdvance(whole) > table.columnWidth(name)  # elided on screen
    assert model.data(model.index(row, name), Qt.ItemDataRole.ToolTipRole) == whole
    diagnosis = model.COLUMNS.index("diagnosis")
    assert model.data(model.index(row, diagnosis)) == "EGJOO"
    assert model.data(model.index(row, diagnosis), Qt.ItemDataRole.ToolTipRole) == (
        "Obstrucción al flujo de salida de la UEG (EGJOO)"
    )


def test_a_longer_mrn_loaded_widens_its_column(qtbot: QtBot, clinic: Clinic) -> None:
    create_record(clinic, Patient(mrn="HNC-2026-000123-B", family_name="Apaza", given_name="Rosa"))
    window = _window(qtbot, clinic, "en")
    mrn = window.model.COLUMNS.index("mrn")
    assert window.table.columnWidth(mrn) >= window.table.fontMetrics().horizontalAdvance("HNC-2026-000123-B")
    _assert_columns_whole(window)


def test_a_saved_splitter_state_still_wins(qtbot: QtBot, clinic: Clinic) -> None:
    window = _window(qtbot, clinic, "en")
    chosen = window.patient_list.minimumSizeHint().width() + 20  # narrower than the default, as wide as allowed
    assert chosen < window.splitter.sizes()[0]
    window.splitter.setSizes([chosen, SCREEN[0] - chosen])
    window.close()
    assert QSettings().value("mainWindow/splitter") is not None
    again = _window(qtbot, clinic, "en")
    assert abs(again.splitter.sizes()[0] - chosen) <= 2
