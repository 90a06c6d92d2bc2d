"""The workstation window on a real demo database, driven through its widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo, synthetic_cohort
from barium_tracker.services.records import save_histories
from barium_tracker.ui.main_window import MainWindow
from barium_tracker.ui.patient_list_model import PatientListModel


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


def test_search_and_select_shows_the_seed_case_response(qtbot: QtBot, demo_clinic: Clinic, tmp_path: Path) -> None:
    window = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 41
    assert "41 patients" in window.count_label.text()

    qtbot.keyClicks(window.search, "quispe huaman")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=2000)
    assert window.model.data(window.model.index(0, 0)) == "DEMO-0001"
    assert window.model.data(window.model.index(0, 1)) == "Quispe Huamán, Mateo"

    window.select_row(0)
    html = window.summary.toPlainText()
    assert "Response to Rescue POEM, 2025-06-10" in html
    assert "5 min: 12 cm -> 2.7 cm (-77.5 %)" in html
    assert "Eckardt: 12 before, 2 after (-83.3 %)" in html
    assert "Demo database" in window.statusBar().currentMessage()
    assert window.grab().save(str(tmp_path / "main.png"))
    assert (tmp_path / "main.png").stat().st_size > 10_000


def test_ctrl_f_focuses_search(qtbot: QtBot, demo_clinic: Clinic) -> None:
    window = MainWindow(demo_clinic)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus, timeout=2000)


def test_patient_list_model_fetches_in_pages(qtbot: QtBot, tmp_path: Path, qtmodeltester) -> None:
    with Clinic.open(tmp_path / "big.sqlite3") as clinic:
        save_histories(clinic, synthetic_cohort(450), source="test")
        model = PatientListModel(clinic)
        assert model.total == 450
        assert model.rowCount() == PatientListModel.PAGE_SIZE
        assert model.canFetchMore()
        model.fetchMore()
        model.fetchMore()
        assert model.rowCount() == 450
        assert not model.canFetchMore()
        qtmodeltester.check(model)
        model.set_search("SYN-00001")
        ids = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
        assert ids == {f"SYN-00001{d}" for d in range(10)}
        assert model.total == 10
        assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
        qtmodeltester.check(model)
