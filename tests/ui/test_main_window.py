"""The workstation window on real databases, driven through its widgets: list, workspace, undo, conflicts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.domain.errors import NotFound
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import count_patients, load_history
from barium_tracker.services.records import audit_trail, update_record
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


@pytest.fixture
def window(qtbot: QtBot, demo_clinic: Clinic) -> MainWindow:
    w = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def open_seed(qtbot: QtBot, w: MainWindow) -> None:
    qtbot.keyClicks(w.search, "quispe huaman")
    w.apply_search()
    qtbot.waitUntil(lambda: w.model.rowCount() == 1, timeout=3000)
    w.select_row(0)
    assert w.history is not None and w.history.patient.mrn == "DEMO-0001"


def when_modal(handle: Callable[[object], None]) -> list[object]:
    """Run ``handle`` on the next modal widget (dialog or message box) once it is shown."""
    seen: list[object] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget in seen:
            QTimer.singleShot(20, poll)
            return
        seen.append(widget)
        handle(widget)

    QTimer.singleShot(0, poll)
    return seen


def click_button(box: object, text: str) -> None:
    assert isinstance(box, QMessageBox), box
    button = next(b for b in box.findChildren(QPushButton) if text.lower() in b.text().lower())
    button.click()


def test_search_select_and_workspace(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    w = window
    assert w.model.total == 41
    assert "41 patients" in w.count_label.text()
    open_seed(qtbot, w)
    assert w.model.data(w.model.index(0, 1)) == "Quispe Huamán, Mateo"
    header = w.workspace.header.text()
    assert "Quispe Huamán, Mateo" in header and "MRN DEMO-0001" in header and "Achalasia type II" in header
    assert "diagnosed 5 y" in header or "diagnosed 4 y" in header
    assert w.workspace.timeline_model.rowCount() == 9
    responses = w.workspace.responses.toPlainText()
    assert "Response to Rescue POEM, 2025-06-10" in responses
    assert "5 min: 12 cm -> 2.7 cm (-77.5 %)" in responses
    assert "Eckardt: 12 before, 2 after (-83.3 %)" in responses
    assert "Demo database" in w.db_label.text() and str(w.clinic.location) in w.db_label.text()
    assert w.backup_label.text().startswith("Last backup")
    assert w.grab().save(str(tmp_path / "main.png"))


def test_diagnosis_filter_and_sorting(qtbot: QtBot, window: MainWindow, demo_clinic: Clinic) -> None:
    w = window
    w.diagnosis_filter.setCurrentIndex(w.diagnosis_filter.findText("Achalasia type III"))
    expected = count_patients(demo_clinic, diagnosis=Diagnosis.ACHALASIA_TYPE_III)
    qtbot.waitUntil(lambda: w.model.total == expected, timeout=3000)
    assert all(w.model.data(w.model.index(r, 3)) == "Achalasia type III" for r in range(w.model.rowCount()))
    w.diagnosis_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: w.model.total == 41, timeout=3000)
    w.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # MRN, through the header's sort
    mrns = [w.model.data(w.model.index(r, 0)) for r in range(w.model.rowCount())]
    assert mrns == sorted(mrns, reverse=True)


def test_ctrl_f_focuses_search(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus, timeout=2000)


def test_new_patient_then_undo_and_redo(qtbot: QtBot, window: MainWindow, demo_clinic: Clinic) -> None:
    w = window

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecordEditor)
        assert dialog.current_errors()  # the MRN is required
        qtbot.keyClicks(dialog.field("mrn"), "NEW-1")
        qtbot.keyClicks(dialog.field("family_name"), "Nu")
        dialog.field("family_name").insert("ñez")  # QTest types ASCII only; insert() is what an input method does
        qtbot.keyClick(dialog.field("family_name"), Qt.Key.Key_Return)  # Enter saves

    when_modal(fill)
    stored = w.new_patient()
    assert stored is not None and w.history is not None and w.history.patient.mrn == "NEW-1"
    assert count_patients(demo_clinic) == 42
    assert w.actions_by_name["actionUndo"].isEnabled()

    w.actions_by_name["actionUndo"].trigger()
    assert count_patients(demo_clinic) == 41
    assert w.history is None
    w.actions_by_name["actionRedo"].trigger()
    assert count_patients(demo_clinic) == 42
    assert load_history(demo_clinic, mrn="NEW-1").patient.id == stored.id  # restored under its own id
    actions = [e["action"] for e in audit_trail(demo_clinic, stored.id)]
    assert actions == ["create", "delete", "restore"]


def test_edit_a_study_then_undo_restores_the_value_and_keeps_the_trail(
    qtbot: QtBot, window: MainWindow, demo_clinic: Clinic
) -> None:
    w = window
    open_seed(qtbot, w)
    assert w.history is not None
    after = w.history.studies[-1]

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecordEditor)
        grid = dialog.grid  # type: ignore[attr-defined]
        row = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text() == "5")
        grid.item(row, 1).setText("2,9")
        grid.item(row, 2).setText("3,1")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    w.edit_event("tbe_study", after.id)
    assert load_history(demo_clinic, mrn="DEMO-0001").studies[-1].height_at(5) == Decimal("2.9")
    assert "2.9 cm" in w.workspace.responses.toPlainText()

    w.undo()
    assert load_history(demo_clinic, mrn="DEMO-0001").studies[-1].height_at(5) == Decimal("2.7")
    assert "(-77.5 %)" in w.workspace.responses.toPlainText()
    w.redo()
    assert load_history(demo_clinic, mrn="DEMO-0001").studies[-1].height_at(5) == Decimal("2.9")
    trail = [e for e in audit_trail(demo_clinic, after.patient_id) if e["entity"] == "tbe_study"]
    assert [e["action"] for e in trail][-3:] == ["update", "update", "update"]
    assert trail[-3]["changes"]["minute_5"][0] == {"height_cm": "2.7", "width_cm": None}


def test_invalid_value_is_refused_on_save(qtbot: QtBot, window: MainWindow, demo_clinic: Clinic) -> None:
    w = window
    open_seed(qtbot, w)
    studies_before = len(load_history(demo_clinic, mrn="DEMO-0001").studies)

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecordEditor)
        grid = dialog.grid  # type: ignore[attr-defined]
        grid.item(2, 1).setText("120")
        assert dialog.current_errors()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # refused: the error shows on the grid
        error = dialog.findChild(type(dialog.general_error), "measurementsError")
        assert error.isVisibleTo(dialog)
        assert "Height at 5 min must be between 0 and 40 cm; you entered 120" in error.text()
        when_modal(lambda box: click_button(box, "Discard"))  # Escape on unsaved work asks first
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(fill)
    assert w.new_event("tbe_study") is None
    assert len(load_history(demo_clinic, mrn="DEMO-0001").studies) == studies_before


def test_delete_patient_names_what_goes_and_undo_brings_it_all_back(
    qtbot: QtBot, window: MainWindow, demo_clinic: Clinic
) -> None:
    w = window
    open_seed(qtbot, w)
    before = load_history(demo_clinic, mrn="DEMO-0001")
    texts: list[str] = []

    def confirm(box: object) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        click_button(box, "Delete")

    when_modal(confirm)
    w.table.setFocus()
    w.delete_selected()
    assert "Quispe Huamán, Mateo (MRN DEMO-0001)" in texts[0]
    assert "2 TBE studies" in texts[0] and "3 procedures" in texts[0] and "2 Eckardt scores" in texts[0]
    with pytest.raises(NotFound):
        load_history(demo_clinic, mrn="DEMO-0001")

    w.undo()
    after = load_history(demo_clinic, mrn="DEMO-0001")
    assert after.patient.id == before.patient.id
    assert [s.id for s in after.studies] == [s.id for s in before.studies]
    assert [s.height_at(5) for s in after.studies] == [Decimal(12), Decimal("2.7")]
    assert len(after.procedures) == 3 and len(after.eckardt) == 2 and len(after.endoscopy) == 1


def test_second_workstation_save_is_refused_and_reload_offered(
    qtbot: QtBot, window: MainWindow, demo_clinic: Clinic
) -> None:
    w = window
    open_seed(qtbot, w)
    assert w.history is not None
    other = dataclasses.replace(w.history.patient, notes="Changed at the other workstation")
    messages: list[str] = []

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecordEditor)
        update_record(demo_clinic, other)  # meanwhile, at another workstation
        qtbot.keyClicks(dialog.field("given_name"), " Jose")

        def conflict(box: object) -> None:
            assert isinstance(box, QMessageBox)
            messages.append(box.text())
            click_button(box, "Reload")
            QTimer.singleShot(0, dialog.reject)  # after reloading, nothing is dirty: closes without asking

        when_modal(conflict)
        dialog.accept()

    when_modal(fill)
    w.edit_patient()
    assert messages and "after you opened it" in messages[0] and "Nothing was saved" in messages[0]
    stored = load_history(demo_clinic, mrn="DEMO-0001").patient
    assert stored.notes == "Changed at the other workstation"
    assert stored.given_name == "Mateo"


def test_window_geometry_is_remembered(qtbot: QtBot, demo_clinic: Clinic) -> None:
    first = MainWindow(demo_clinic)
    qtbot.addWidget(first)
    first.resize(701, 503)  # within the offscreen screen, so restoring does not clamp it
    first.close()
    second = MainWindow(demo_clinic)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (701, 503)
    assert QSettings().value("mainWindow/geometry") is not None


def test_open_database_switches_and_remembers(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "other.sqlite3"
    assert window.switch_database(str(target))
    assert window.model.total == 0
    assert "No patients yet" in window.table.empty_text  # said across the empty list
    assert QSettings().value("lastDatabase") == str(target.resolve())
    assert window.clinic.location == str(target.resolve())


def test_new_event_and_its_deletion_can_be_undone_and_redone(
    qtbot: QtBot, window: MainWindow, demo_clinic: Clinic
) -> None:
    w = window
    open_seed(qtbot, w)

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecordEditor)
        dialog.field("dysphagia").setCurrentIndex(2)
        assert dialog.findChild(type(dialog.general_error), "eckardtTotal").text() == "<b>2</b>"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    stored = w.new_event("eckardt")
    assert stored is not None
    totals = lambda: [e.total for e in load_history(demo_clinic, mrn="DEMO-0001").eckardt]  # noqa: E731
    assert sorted(totals()) == [2, 2, 12]
    assert w.workspace.selected_event() == ("eckardt", stored.id)

    when_modal(lambda box: click_button(box, "Delete"))
    w.workspace.timeline.setFocus()
    w._last_list = w.workspace.timeline  # what the focus change records when the user clicks the timeline
    w.delete_selected()
    assert sorted(totals()) == [2, 12]
    w.undo()  # the deletion
    assert sorted(totals()) == [2, 2, 12]
    w.undo()  # the creation
    assert sorted(totals()) == [2, 12]
    w.redo()
    w.redo()
    assert sorted(totals()) == [2, 12]
    assert not w.actions_by_name["actionRedo"].isEnabled()


def test_cohort_view_opens_from_the_menu_and_leads_back_to_a_patient(qtbot: QtBot, window: MainWindow) -> None:
    view = window.show_cohort()
    qtbot.addWidget(view)
    assert view.isVisible()
    seed = next(r for r in view.rows if r.mrn == "DEMO-0001")
    view.open_patient.emit(seed.patient_id)
    assert window.history is not None and window.history.patient.mrn == "DEMO-0001"
    assert window.show_cohort() is view  # the same window, refreshed
