"""The cohort view on a real SQLite clinic holding the hand-built cohort of tests/services/test_cohort.py."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QComboBox, QTableView
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import Patient
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import (
    COHORT_RULE_IDS,
    CSV_COLUMNS,
    cohort_rows,
    overall_statistics,
    procedure_statistics,
)
from barium_tracker.services.demo import SEED_MRN
from barium_tracker.services.records import create_record
from barium_tracker.ui.cohort import window as cohort_window
from barium_tracker.ui.cohort.stats_model import CohortStatsModel
from barium_tracker.ui.cohort.table_model import CohortTableModel
from barium_tracker.ui.cohort.window import CohortView
from barium_tracker.ui.fields import DateEdit
from tests.services.test_cohort import POEM_PATIENTS, TODAY, save_hand_built_cohort

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
POEM_MRNS = {mrn for mrn, *_ in POEM_PATIENTS}


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def cohort_clinic(clinic: Clinic) -> Iterator[Clinic]:
    save_hand_built_cohort(clinic)
    yield clinic


@pytest.fixture
def view(qtbot: QtBot, cohort_clinic: Clinic) -> CohortView:
    widget = CohortView(cohort_clinic, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    return widget


def _column(model: CohortTableModel, key: str) -> list[Any]:
    col = model.column_of(key)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def _mrns(view: CohortView) -> list[str]:
    return [row.mrn for row in view.rows]


def test_models_pass_the_model_tester(qtmodeltester: Any, cohort_clinic: Clinic) -> None:
    model = CohortTableModel()
    qtmodeltester.check(model)
    rows = cohort_rows(cohort_clinic, today=TODAY)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(model.column_of("h5_change_pct"), DESC)
    qtmodeltester.check(model)
    stats = CohortStatsModel()
    qtmodeltester.check(stats)
    stats.set_stats([*procedure_statistics(rows), overall_statistics(rows)])
    qtmodeltester.check(stats)
    assert stats.columnCount() == 4 and stats.rowCount() == 3 + len(COHORT_RULE_IDS)


def test_the_table_shows_every_patient_and_their_latest_response(view: CohortView) -> None:
    model = view.model
    assert model.rowCount() == 11
    seed = model.rows.index(next(r for r in model.rows if r.mrn == SEED_MRN))
    cell = {c.key: model.data(model.index(seed, i)) for i, c in enumerate(model.columns)}
    assert cell["procedure_type"] == "Rescue POEM"
    assert cell["reference_h5_cm"] == "12"
    assert cell["latest_followup_h5_cm"] == "2.7"
    assert cell["h5_change_pct"] == "-77.5"
    assert cell["age_years"] == "15"
    assert [cell[rule_id] for rule_id in COHORT_RULE_IDS] == [
        "✓ adequate emptying",
        "✓ no stasis",
        "– n/a",
        "✓ success",
        "✓ concordant response",
    ]
    untreated = next(i for i, r in enumerate(model.rows) if r.mrn == "NONE-1")
    assert model.data(model.index(untreated, model.column_of("procedure_type"))) == "no procedure"
    assert model.data(model.index(untreated, model.column_of("h5_change_pct"))) == ""
    assert view.count_label.text().startswith("11 of 11 patients shown (9 treated, 2 without a procedure)")


def test_rule_cells_are_coloured_by_whether_the_result_is_good_news(view: CohortView) -> None:
    model = view.model
    by_mrn = {row.mrn: i for i, row in enumerate(model.rows)}
    vaezi = model.column_of("vaezi_height_5min")
    good = model.index(by_mrn["POEM-1"], vaezi)
    bad = model.index(by_mrn["POEM-3"], vaezi)
    na = model.index(by_mrn["NONE-1"], vaezi)
    assert model.data(good, CohortTableModel.RuleStatusRole) == "not_met"
    assert model.data(good, Qt.ItemDataRole.BackgroundRole).color() == QColor("#d9f0d3")
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole).color() == QColor("#f8d4d4")
    assert model.data(na, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole).startswith("Poor emptying: improved only 40.0 % at 5 min")
    header_tip = model.headerData(vaezi, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Vaezi et al., Am J Gastroenterol 1999" in header_tip


def test_sorting_by_a_header_click_is_numeric_with_missing_values_last(view: CohortView, qtbot: QtBot) -> None:
    model = view.model
    change = model.column_of("h5_change_pct")
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(view.table, change))
    assert header.sortIndicatorSection() == change
    order = header.sortIndicatorOrder()
    values = [r.h5_change_pct for r in model.rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=order == DESC)
    assert values[len(present) :] == [None] * (len(values) - len(present))  # missing last
    view.table.sortByColumn(change, ASC)
    ascending = _column(model, "h5_change_pct")
    assert ascending[:4] == ["-80.0", "-77.5", "-60.0", "-50.0"]  # numerically, not as text
    assert ascending[-4:] == [""] * 4  # LHM-2, BD-1 and the two untreated
    view.table.sortByColumn(change, DESC)
    descending = _column(model, "h5_change_pct")
    assert descending[:3] == ["0.0", "-20.0", "-40.0"]
    assert descending[-4:] == [""] * 4  # still last
    view.table.sortByColumn(model.column_of("age_years"), ASC)
    assert [r.age_years for r in model.rows][-1] is None
    assert [r.age_years for r in model.rows][:3] == [11, 14, 15]


def _section_centre(table: QTableView, column: int) -> Any:
    header = table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_selection_follows_the_patient_through_a_sort(view: CohortView) -> None:
    model = view.model
    target = next(i for i, r in enumerate(model.rows) if r.mrn == "POEM-4")
    view.table.selectRow(target)
    view.table.sortByColumn(model.column_of("h5_change_pct"), DESC)
    selected = view.table.selectionModel().selectedRows()
    assert [model.row_at(i.row()).mrn for i in selected] == ["POEM-4"]


def test_filters_update_the_table_the_statistics_and_the_count(view: CohortView) -> None:
    procedures = view.procedure_filter
    procedures.set_checked_values([ProcedureType.POEM])
    assert set(_mrns(view)) == POEM_MRNS | {SEED_MRN}
    assert procedures.text() == "POEM"
    assert [s.procedure_type for s in view.stats_model.stats] == [ProcedureType.POEM, None]
    assert view.count_label.text().startswith("6 of 11 patients shown")
    view.age_filter.setCurrentIndex(view.age_filter.findData("paediatric"))
    assert set(_mrns(view)) == {"POEM-1", "POEM-2", SEED_MRN}
    view.reset_filters()
    assert len(view.rows) == 11
    view.date_from.setDate(QDate(2026, 1, 1))
    assert _mrns(view) == ["LHM-2"]
    view.date_to.setDate(QDate(2026, 6, 30))
    assert _mrns(view) == []
    assert view.stats_model.stats == []
    view.reset_filters()
    diagnosis_labels = [a.text() for a, _ in view.diagnosis_filter.actions_by_value]
    assert "EGJ outflow obstruction" in diagnosis_labels
    view.diagnosis_filter.actions_by_value[diagnosis_labels.index("EGJ outflow obstruction")][0].setChecked(False)
    assert "BD-1" not in _mrns(view) and "NONE-1" not in _mrns(view)
    assert view.diagnosis_filter.text() == "5 of 6"


def test_export_writes_the_rows_shown_in_the_order_shown(view: CohortView, tmp_path: Path, qtbot: QtBot) -> None:
    view.procedure_filter.set_checked_values([ProcedureType.POEM])
    view.table.sortByColumn(view.model.column_of("h5_change_pct"), ASC)
    path = tmp_path / "export.csv"
    with qtbot.waitSignal(view.exported):
        assert view.export_csv(path) == 6
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        lines = list(reader)
    assert [line["mrn"] for line in lines] == _mrns(view)
    assert [line["h5_change_pct"] for line in lines] == ["-80.0", "-77.5", "-60.0", "-40.0", "-20.0", "0.0"]


def test_export_button_asks_for_a_file(view: CohortView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chosen.csv"
    monkeypatch.setattr(
        cohort_window.QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    view.export_button.click()
    assert target.is_file()
    assert view.count_label.text() == f"Exported 11 patients to {target}"


def test_the_plot_draws_a_box_per_procedure_type(view: CohortView) -> None:
    plot = view.plot
    assert [label.split("\n")[0] for label, _ in plot.groups] == ["POEM", "LHM"]
    assert sorted(plot.groups[0][1]) == [-80.0, -77.5, -60.0, -40.0, -20.0, 0.0]
    plot.canvas.draw()
    image = plot.canvas.grab().toImage()
    assert not image.isNull() and image.width() > 300
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # axes, boxes, points and labels, not a blank canvas
    view.procedure_filter.set_checked_values([])
    assert plot.groups == []


def test_activating_a_row_opens_the_patient(view: CohortView, qtbot: QtBot) -> None:
    row = next(i for i, r in enumerate(view.model.rows) if r.mrn == SEED_MRN)
    index = view.model.index(row, 0)
    with qtbot.waitSignal(view.open_patient) as opened:
        view.table.activated.emit(index)
    assert opened.args == [view.model.row_at(row).patient_id]


def test_reload_reads_the_database_again(view: CohortView, cohort_clinic: Clinic, qtbot: QtBot) -> None:
    create_record(cohort_clinic, Patient(mrn="NEW-1", family_name="Nueva"))
    assert "NEW-1" not in _mrns(view)
    with qtbot.waitSignal(view.refreshed):
        view.refresh_button.click()
    assert "NEW-1" in _mrns(view)


def test_interactive_widgets_have_names_for_tests_and_screen_readers(view: CohortView) -> None:
    widgets = [
        *view.findChildren(QAbstractButton),
        *view.findChildren(QComboBox),
        *view.findChildren(DateEdit),
        *view.findChildren(QTableView),
    ]
    widgets = [w for w in widgets if w.parent() is view or w.objectName().startswith("cohort")]
    assert len(widgets) >= 10
    for widget in widgets:
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()


def test_summary_rows_name_the_finding_they_count(view: CohortView) -> None:
    """A share is of patients with a finding: the row says which, with its sign, never just the rule's topic."""
    model = view.stats_model
    first = CohortStatsModel.FIRST_RULE_ROW
    rows = [model.headerData(first + i, Qt.Orientation.Vertical) for i in range(len(COHORT_RULE_IDS))]
    assert rows == [
        "⚠ Vaezi: poor emptying",
        "⚠ Rohof: stasis",
        "✓ Sanagapalli: area response",
        "✓ Eckardt: success",
        "⚠ Suwatthanarak: discordant",
    ]
    tip = model.headerData(first, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Patients with this finding / patients to whom the rule applied (%)")
