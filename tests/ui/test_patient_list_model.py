"""The patient list model on a real SQLite clinic of 450 synthetic patients: pages, search, filter, database sort."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.domain.records import Patient
from barium_tracker.services import patients as patients_module
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import synthetic_cohort
from barium_tracker.services.patients import PatientSort, count_patients, search_patients
from barium_tracker.services.records import create_record, save_histories
from barium_tracker.ui import patient_list_model as model_module
from barium_tracker.ui.patient_list_model import PatientListModel

PATIENTS = 450
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once for the module; each test opens it again (the model never writes)."""
    path = tmp_path_factory.mktemp("cohort") / "cohort.sqlite3"
    with Clinic.open(path) as clinic:
        save_histories(clinic, synthetic_cohort(PATIENTS), source="test")
        create_record(clinic, Patient(mrn="ACC-1", family_name="Pérez Núñez", given_name="Ángela"))
    return path


@pytest.fixture
def cohort(cohort_file: Path) -> Iterator[Clinic]:
    with Clinic.open(cohort_file) as clinic:
        yield clinic


def _all_ids(model: PatientListModel) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.data(model.index(row, 0), PatientListModel.PatientIdRole) for row in range(model.rowCount())]


def test_pages_and_qtmodeltester_in_every_state(cohort: Clinic, qtmodeltester: Any) -> None:
    model = PatientListModel(cohort)
    assert model.rowCount() == PatientListModel.PAGE_SIZE
    assert model.canFetchMore()
    assert model.total == PATIENTS + 1
    qtmodeltester.check(model)  # the tester itself fetches more
    model.refresh()
    model.fetchMore()
    assert model.rowCount() == 2 * PatientListModel.PAGE_SIZE
    assert len(_all_ids(model)) == PATIENTS + 1
    assert not model.canFetchMore()
    qtmodeltester.check(model)

    model.set_search("SYN-00001")
    assert model.total == model.rowCount() == 10
    assert not model.canFetchMore()
    qtmodeltester.check(model)
    model.set_search("no such patient")
    assert model.rowCount() == model.total == 0
    qtmodeltester.check(model)
    model.set_search("")
    model.set_diagnosis(Diagnosis.ACHALASIA_TYPE_I)
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        model.sort(column, DESC)
        qtmodeltester.check(model)


def test_sort_asks_the_database_for_each_column_and_direction(cohort: Clinic, qtbot: QtBot) -> None:
    model = PatientListModel(cohort)
    assert (model.sort_column(), model.sort_order()) == (1, ASC)  # by name, as the database lists by default
    for column, key in enumerate(model.COLUMNS):
        for order in (ASC, DESC):
            if (column, order) != (model.sort_column(), model.sort_order()):
                with qtbot.waitSignal(model.modelReset, timeout=1000):
                    model.sort(column, order)
            assert (model.sort_column(), model.sort_order()) == (column, order)
            expected = search_patients(cohort, sort=PatientSort(key), descending=order == DESC)
            assert [model.item(row) for row in range(model.rowCount())] == expected[: PatientListModel.PAGE_SIZE]
            assert _all_ids(model) == [item.id for item in expected]
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(model.sort_column(), model.sort_order())  # the same order again: nothing to fetch
        model.sort(99, ASC)  # no such column


def test_dates_sort_with_unknown_last_and_the_newest_first_on_first_click(cohort: Clinic) -> None:
    model = PatientListModel(cohort)
    study = model.COLUMNS.index("last_study")
    assert model.headerData(study, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole) == DESC
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole) == ASC
    model.sort(study, DESC)
    _all_ids(model)
    dates = [model.item(row).last_study_date for row in range(model.rowCount())]  # type: ignore[union-attr]
    known = [date for date in dates if date is not None]
    assert known == sorted(known, reverse=True)
    assert dates[-1] is None  # ACC-1 has no study: last in both directions
    assert dates == known + [None] * (len(dates) - len(known))


def test_table_view_header_sorting_goes_through_the_model(cohort: Clinic, qtbot: QtBot) -> None:
    model = PatientListModel(cohort)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())
    with qtbot.assertNotEmitted(model.modelReset):
        view.setSortingEnabled(True)  # the indicator already matches: no second query at start-up
    view.sortByColumn(0, DESC)  # what a click on the MRN header does
    mrns = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert mrns[0] == "SYN-000450"
    assert mrns == sorted(mrns, reverse=True)


def test_search_ignores_accents_case_and_spacing(cohort: Clinic, qtbot: QtBot) -> None:
    model = PatientListModel(cohort)
    model.set_search("Pérez Núñez ángela")
    assert [model.data(model.index(row, 0)) for row in range(model.rowCount())] == ["ACC-1"]
    assert model.data(model.index(0, 1)) == "Pérez Núñez, Ángela"
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_search("perez nunez ANGELA ")  # the same words: the same patients, no new query
    assert model.search_text == "perez nunez ANGELA "
    model.set_search("quispe")
    assert model.total == count_patients(cohort, "quispe") > 0
    assert all("Quispe" in model.data(model.index(row, 1)) for row in range(model.rowCount()))


def test_diagnosis_filter(cohort: Clinic) -> None:
    model = PatientListModel(cohort)
    for diagnosis in (Diagnosis.ACHALASIA_TYPE_III, Diagnosis.OTHER):
        model.set_diagnosis(diagnosis)
        assert model.diagnosis is diagnosis
        assert model.total == count_patients(cohort, diagnosis=diagnosis)
        _all_ids(model)
        assert model.rowCount() == model.total
        assert all(model.item(row).diagnosis is diagnosis for row in range(model.rowCount()))  # type: ignore[union-attr]
    model.set_search("quispe")
    model.set_diagnosis(Diagnosis.ACHALASIA_TYPE_II)
    assert model.total == count_patients(cohort, "quispe", diagnosis=Diagnosis.ACHALASIA_TYPE_II)
    model.set_diagnosis(None)
    assert model.total == count_patients(cohort, "quispe")


def test_total_is_counted_only_when_asked_and_only_once(cohort: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(clinic: Clinic, text: str = "", **kwargs: Any) -> int:
        calls.append(text)
        return count_patients(clinic, text, **kwargs)

    monkeypatch.setattr(model_module, "count_patients", counting)
    monkeypatch.setattr(patients_module, "SPARSE_MATCHES", 100)  # so that a search of this small cohort is broad
    model = PatientListModel(cohort)
    model.set_search("a")
    assert calls == []
    assert model.total == model.total == count_patients(cohort, "a") > PatientListModel.PAGE_SIZE
    assert calls == ["a"]
    model.set_search("SYN-00001")  # a narrow search (or a list that fits in a page) knows its total at once
    assert model.total == 10
    assert calls == ["a"]
    model.set_search("SYN-000")  # 450 matches: broad, counted when asked
    assert model.total == PATIENTS
    assert calls == ["a", "syn-000"]


def test_row_of_finds_loaded_patients_only(cohort: Clinic) -> None:
    model = PatientListModel(cohort)
    first, last_loaded = model.item(0), model.item(model.rowCount() - 1)
    assert first is not None and last_loaded is not None
    assert model.row_of(first.id) == 0
    assert model.row_of(last_loaded.id) == model.rowCount() - 1
    later = search_patients(cohort, limit=1, offset=PatientListModel.PAGE_SIZE + 5)[0]
    assert model.row_of(later.id) is None
    model.fetchMore()
    assert model.row_of(later.id) == PatientListModel.PAGE_SIZE + 5
    model.set_search(first.mrn)
    assert model.row_of(first.id) == 0
    assert model.row_of(later.id) is None


def test_cell_widths_fit_the_widest_cells_without_reading_rows(cohort: Clinic, qtbot: QtBot) -> None:
    model = PatientListModel(cohort)
    view = QTableView()
    qtbot.addWidget(view)
    metrics = view.fontMetrics()
    widths = model.cell_widths(metrics)
    assert len(widths) == model.columnCount()
    column = model.COLUMNS.index
    assert widths[column("name")] > widths[column("age")]
    for diagnosis in Diagnosis:
        assert widths[column("diagnosis")] > metrics.horizontalAdvance(model.diagnosis_text(diagnosis))
    assert model.diagnosis_text(Diagnosis.EGJ_OUTFLOW_OBSTRUCTION) == "EGJOO"  # the short label; whole in the tooltip
    assert widths[column("mrn")] > metrics.horizontalAdvance("SYN-000450")
    assert all(width > 0 for width in model.cell_widths())  # the application font by default


def _wait_for_warm_up(qtbot: QtBot) -> None:
    """The model starts its warm-up on the event loop, in a worker thread: let it start, then wait for it."""
    import threading

    qtbot.wait(20)
    for thread in threading.enumerate():
        if thread.name == "patient-list-warm-up":
            thread.join(timeout=30)
            assert not thread.is_alive()


def test_after_the_warm_up_a_first_keystroke_compiles_no_sql(cohort_file: Path, qtbot: QtBot) -> None:
    """What made the first keystroke after start-up slow: its statements were compiled on first use."""
    with Clinic.open(cohort_file) as clinic:
        model = PatientListModel(clinic)
        _wait_for_warm_up(qtbot)
        cache = clinic.db.engine._compiled_cache
        assert cache is not None
        compiled = len(cache)
        for text in ("q", "qu", "quispe m", "a", "a e"):
            model.set_search(text)
            assert model.total >= 0
        assert len(cache) == compiled
        model.sort(model.COLUMNS.index("last_study"), DESC)  # the date orders were built by the warm-up too
        assert model.rowCount() > 0


def test_a_warm_up_on_a_closed_database_is_harmless(cohort_file: Path, qtbot: QtBot) -> None:
    clinic = Clinic.open(cohort_file)
    model = PatientListModel(clinic)
    clinic.close()
    _wait_for_warm_up(qtbot)  # the worker fails quietly (logged at debug level); nothing raised here
    assert model.rowCount() == PatientListModel.PAGE_SIZE
