"""Keyboard entry without traps: every key goes to the widget that has the focus, the way a keyboard does.

No test here picks a widget to type into, sets a text or clicks: it focuses the dialog's first field and then only
presses keys (Tab to move, letters to type), and reads what the widgets and the saved record hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import (
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.ui import language
from barium_tracker.ui.app import make_application
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.editors.eckardt_editor import EckardtEditor
from barium_tracker.ui.editors.endoscopy_editor import EndoscopyEditor
from barium_tracker.ui.editors.manometry_editor import ManometryEditor
from barium_tracker.ui.editors.patient_editor import PatientEditor
from barium_tracker.ui.editors.procedure_editor import ProcedureEditor
from barium_tracker.ui.editors.study_editor import HEIGHT, MINUTE, WIDTH, StudyEditor
from barium_tracker.ui.fields import DateEdit
from barium_tracker.ui.main_window import MainWindow
from barium_tracker.ui.style import FOCUS_COLOUR, FOCUS_STYLE
from tests.support import keyboard

Key = Qt.Key
Mod = Qt.KeyboardModifier


class SaveSpy:
    def __init__(self) -> None:
        self.records: list[Any] = []

    def __call__(self, record: Any) -> Any:
        self.records.append(record)
        return dataclasses.replace(record, id=1)


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The "discard changes?" questions asked; each is answered Cancel (keep editing)."""
    asked: list[str] = []

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(focused(), char)


def open_editor(qtbot: QtBot, editor: RecordEditor[Any]) -> RecordEditor[Any]:
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)  # the dialog's first field, as when it opens
    return editor


def tab_to(qtbot: QtBot, name: str, *, limit: int = 30) -> QWidget:
    """Press Tab until the field ``name`` (or a cell of it) has the focus."""
    for _ in range(limit):
        widget = focused()
        grandparent = widget.parent().parent() if widget.parent() else None  # a grid cell's editor: the grid's
        if widget.objectName() == name or (grandparent is not None and grandparent.objectName() == name):
            return widget
        press(qtbot, Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; the focus is on {focused().objectName()!r}")


def owner(widget: QWidget) -> str:
    """The field a focused widget belongs to (a grid's cell editor belongs to the grid)."""
    while widget is not None and (not widget.objectName() or widget.objectName().startswith("qt_")):
        widget = widget.parentWidget()
    return widget.objectName() if widget is not None else ""


def error_text(editor: RecordEditor[Any], name: str) -> str | None:
    label = editor._errors[name]
    return label.text() if label.isVisibleTo(editor) else None


# -- dates ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def patient_editor(qtbot: QtBot) -> RecordEditor[Any]:
    spy = SaveSpy()
    editor = open_editor(qtbot, PatientEditor(Patient(mrn="HNC-1"), save=spy))
    editor.spy = spy  # type: ignore[attr-defined]
    return editor


def test_an_empty_optional_date_takes_a_day_first_date_and_tab_leaves(
    qtbot: QtBot, patient_editor: RecordEditor[Any]
) -> None:
    field = tab_to(qtbot, "birth_date")
    assert isinstance(field, DateEdit) and field.text() == "" and field.placeholderText() == "not recorded"
    type_text(qtbot, "14/03/2015")
    assert field.text() == "14/03/2015"
    assert field.value() == dt.date(2015, 3, 14)
    assert error_text(patient_editor, "birth_date") is None
    press(qtbot, Key.Key_Tab)
    assert focused() is not field and focused().objectName() == "sex"


def test_a_cleared_date_takes_an_iso_date(qtbot: QtBot, patient_editor: RecordEditor[Any]) -> None:
    field = tab_to(qtbot, "birth_date")
    type_text(qtbot, "14/03/2015")
    press(qtbot, Key.Key_A, Mod.ControlModifier)
    press(qtbot, Key.Key_Delete)
    assert field.text() == "" and field.value() is None
    assert error_text(patient_editor, "birth_date") is None  # empty is "not recorded" for a birth date
    type_text(qtbot, "2015-03-14")
    assert field.value() == dt.date(2015, 3, 14)
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    assert focused().objectName() == "diagnosis_date"
    type_text(qtbot, "2/1/2020")
    press(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert not patient_editor.isVisible()
    saved = patient_editor.spy.records[-1]  # type: ignore[attr-defined]
    assert (saved.birth_date, saved.diagnosis_date) == (dt.date(2015, 3, 14), dt.date(2020, 1, 2))


@pytest.mark.parametrize("typed", ["31/02/2015", "14/03/15", "14 March", "2015-13-01"])
def test_a_wrong_date_is_an_error_under_the_field_not_a_trap(
    qtbot: QtBot, patient_editor: RecordEditor[Any], typed: str
) -> None:
    field = tab_to(qtbot, "birth_date")
    type_text(qtbot, typed)
    assert field.text() == typed
    assert error_text(patient_editor, "birth_date") is None  # not while it is being typed
    assert patient_editor.current_errors()
    press(qtbot, Key.Key_Tab)
    assert focused().objectName() == "sex"
    assert error_text(patient_editor, "birth_date") == (
        f"Birth date: '{typed}' is not a date; write it as 14/03/2015 or 2015-03-14"
    )


def test_a_required_date_left_empty_says_so(qtbot: QtBot) -> None:
    editor = open_editor(qtbot, StudyEditor(TbeStudy(study_date=dt.date(2025, 6, 9)), save=SaveSpy()))
    field = tab_to(qtbot, "study_date")
    assert field.text() == "2025-06-09"
    press(qtbot, Key.Key_A, Mod.ControlModifier)
    press(qtbot, Key.Key_Backspace)
    press(qtbot, Key.Key_Tab)  # the error shows once the field is left
    assert error_text(editor, "study_date") == "Study date is required"
    press(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert focused() is field
    type_text(qtbot, "09/06/2025")
    assert error_text(editor, "study_date") is None


def test_a_date_proposed_when_the_dialog_opens_is_replaced_by_what_is_typed(qtbot: QtBot) -> None:
    editor = open_editor(qtbot, StudyEditor(TbeStudy(study_date=dt.date(2025, 6, 9)), save=SaveSpy()))
    field = focused()
    assert field.objectName() == "study_date"  # the first field has the focus as the dialog opens: no Tab pressed
    type_text(qtbot, "10/07/2025")
    assert field.value() == dt.date(2025, 7, 10)  # type: ignore[attr-defined]
    assert error_text(editor, "study_date") is None


def test_dates_are_shown_day_first_in_spanish(qtbot: QtBot) -> None:
    language.install(language.SPANISH)
    try:
        edit = DateEdit()
        qtbot.addWidget(edit)
        edit.set_value(dt.date(2015, 3, 14))
        assert edit.text() == "14/03/2015"
        assert edit.value() == dt.date(2015, 3, 14)
    finally:
        language.reset()


def test_alt_down_opens_a_calendar_and_enter_picks_its_day(qtbot: QtBot, patient_editor: RecordEditor[Any]) -> None:
    field = tab_to(qtbot, "birth_date")
    type_text(qtbot, "14/03/2015")
    press(qtbot, Key.Key_Down, Mod.AltModifier)
    calendar = field.calendar  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: calendar.isVisible())
    qtbot.keyClick(calendar.focusWidget() or calendar, Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Key.Key_Return)
    assert field.value() == dt.date(2015, 3, 15)


# -- choosing from a list -------------------------------------------------------------------------------------------


@pytest.fixture
def spanish_procedure_editor(qtbot: QtBot) -> Iterator[RecordEditor[Any]]:
    """A new procedure in Spanish, where "POEM de revisión" follows "POEM" (and typing P once moved past POEM)."""
    language.install(language.SPANISH)
    try:
        procedure = Procedure(procedure_date=dt.date(2025, 6, 10), procedure_type=ProcedureType.POEM)
        yield open_editor(qtbot, ProcedureEditor(procedure, save=SaveSpy()))
    finally:
        language.reset()


def test_typing_a_choice_chooses_the_first_that_starts_with_it(
    qtbot: QtBot, spanish_procedure_editor: RecordEditor[Any]
) -> None:
    box = tab_to(qtbot, "procedure_type")
    assert box.currentText() == "POEM"  # type: ignore[attr-defined]
    type_text(qtbot, "POEM")
    assert box.currentText() == "POEM"  # type: ignore[attr-defined]
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)  # a new search
    type_text(qtbot, "Miotom")
    assert box.currentText() == "Miotomía de Heller laparoscópica"  # type: ignore[attr-defined]
    type_text(qtbot, "ia de heller de")  # without its accent; a space goes on with the name (it opens no list)
    assert box.currentText() == "Miotomía de Heller de revisión"  # type: ignore[attr-defined]
    assert QApplication.activePopupWidget() is None


def test_the_same_letter_again_goes_on_to_the_next_choice_with_it(
    qtbot: QtBot, spanish_procedure_editor: RecordEditor[Any]
) -> None:
    box = tab_to(qtbot, "procedure_type")
    type_text(qtbot, "p")
    assert box.currentText() == "POEM"  # type: ignore[attr-defined]
    type_text(qtbot, "p")
    assert box.currentText() == "POEM de revisión"  # type: ignore[attr-defined]
    type_text(qtbot, "p")
    assert box.currentText() == "POEM"  # type: ignore[attr-defined]


# -- the film grid --------------------------------------------------------------------------------------------------


@pytest.fixture
def study_editor(qtbot: QtBot) -> RecordEditor[Any]:
    spy = SaveSpy()
    editor = open_editor(qtbot, StudyEditor(TbeStudy(study_date=dt.date(2025, 6, 9)), save=spy))
    editor.spy = spy  # type: ignore[attr-defined]
    return editor


def cell(editor: StudyEditor, row: int, column: int) -> str:
    return editor.grid.item(row, column).text()


def test_tab_goes_through_the_grid_and_out_of_it_both_ways(qtbot: QtBot, study_editor: StudyEditor) -> None:
    tab_to(qtbot, "measurements")
    cells = study_editor.grid.rowCount() * study_editor.grid.columnCount()
    visited = []
    for _ in range(cells):
        index = study_editor.grid.currentIndex()
        visited.append((index.row(), index.column()))
        press(qtbot, Key.Key_Tab)
    assert len(set(visited)) == cells
    assert owner(focused()) == "addMinuteButton"
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    assert owner(focused()) == "measurements"
    assert study_editor.grid.currentIndex().row() == study_editor.grid.rowCount() - 1
    for _ in range(cells - 1):
        press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    assert (study_editor.grid.currentIndex().row(), study_editor.grid.currentIndex().column()) == (0, 0)
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    assert owner(focused()) == "position"


def test_ctrl_tab_leaves_the_grid_at_once(qtbot: QtBot, study_editor: StudyEditor) -> None:
    tab_to(qtbot, "measurements")
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab, Mod.ControlModifier)
    assert owner(focused()) == "addMinuteButton"
    # and on to the tablet, the notes and Save
    for name in ("removeMinuteButton", "tablet_result"):
        press(qtbot, Key.Key_Tab)
        assert owner(focused()) == name


def test_typing_replaces_a_cell_refuses_letters_and_enter_goes_to_the_next_cell(
    qtbot: QtBot, study_editor: StudyEditor
) -> None:
    tab_to(qtbot, "measurements")
    press(qtbot, Key.Key_Tab)  # minute 1's height
    type_text(qtbot, "23,8")
    press(qtbot, Key.Key_Return)
    assert study_editor.isVisible(), "Enter saved the dialog"
    assert (study_editor.grid.currentRow(), study_editor.grid.currentColumn()) == (0, WIDTH)
    assert cell(study_editor, 0, HEIGHT) == "23,8"
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    type_text(qtbot, "2")
    press(qtbot, Key.Key_Tab)
    assert cell(study_editor, 0, HEIGHT) == "2"  # replaced, not "223,8"
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    type_text(qtbot, "n")
    press(qtbot, Key.Key_Tab)
    assert cell(study_editor, 0, HEIGHT) == "2"  # the letter was refused
    type_text(qtbot, "1,5x")
    press(qtbot, Key.Key_Return)
    assert cell(study_editor, 0, WIDTH) == "1,5"
    assert (study_editor.grid.currentRow(), study_editor.grid.currentColumn()) == (1, MINUTE)
    assert study_editor.spy.records == []  # type: ignore[attr-defined]


def test_ctrl_enter_saves_from_a_cell_being_typed(qtbot: QtBot, study_editor: StudyEditor) -> None:
    tab_to(qtbot, "measurements")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "12,5")
    press(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert not study_editor.isVisible()
    assert study_editor.result() == QDialog.DialogCode.Accepted
    (saved,) = study_editor.spy.records  # type: ignore[attr-defined]
    assert [(m.minute, str(m.height_cm)) for m in saved.measurements] == [(1, "12.5")]


def test_escape_in_the_grid_asks_before_discarding(
    qtbot: QtBot, study_editor: StudyEditor, questions: list[str]
) -> None:
    tab_to(qtbot, "measurements")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "12,5")
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: questions == ["Discard the changes you made?"])
    assert study_editor.isVisible()  # answered Cancel: still editing
    assert cell(study_editor, 0, HEIGHT) == "12,5"


# -- every editor ---------------------------------------------------------------------------------------------------

_DAY = dt.date(2025, 6, 9)
EDITORS = {
    "patient": lambda: PatientEditor(Patient(mrn="HNC-1"), save=SaveSpy()),
    "tbe_study": lambda: StudyEditor(TbeStudy(study_date=_DAY), save=SaveSpy()),
    "poem": lambda: ProcedureEditor(Procedure(procedure_date=_DAY, procedure_type=ProcedureType.POEM), save=SaveSpy()),
    "dilation": lambda: ProcedureEditor(
        Procedure(procedure_date=_DAY, procedure_type=ProcedureType.BALLOON_DILATION), save=SaveSpy()
    ),
    "eckardt": lambda: EckardtEditor(
        EckardtAssessment(assessment_date=_DAY, dysphagia=0, regurgitation=0, retrosternal_pain=0, weight_loss=0),
        save=SaveSpy(),
    ),
    "manometry": lambda: ManometryEditor(Manometry(study_date=_DAY), save=SaveSpy()),
    "endoscopy": lambda: EndoscopyEditor(Endoscopy(exam_date=_DAY), save=SaveSpy()),
}


def tab_cycle(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier, limit: int = 120) -> list[str]:
    """The fields the focus goes through (a grid once, however many cells) until it is back where it started."""
    start = focused()
    visited: list[str] = []
    for _ in range(limit):
        if not visited or visited[-1] != owner(focused()):
            visited.append(owner(focused()))
        press(qtbot, key, modifier)
        if focused() is start:
            return visited
    raise AssertionError(f"the focus never came back to {owner(start)!r}: {visited}")


@pytest.mark.parametrize("kind", EDITORS)
def test_tab_and_shift_tab_go_through_every_field_in_reading_order(qtbot: QtBot, kind: str) -> None:
    editor = open_editor(qtbot, EDITORS[kind]())
    forward = tab_cycle(qtbot, Key.Key_Tab, Mod.NoModifier)
    shown = [name for name, widget in editor._fields.items() if widget.isVisibleTo(editor) and widget.isEnabled()]
    assert [name for name in forward if name in shown] == shown  # every field, once, in the form's order
    assert forward[-2:] == ["saveButton", "cancelButton"] or forward[-2:] == ["cancelButton", "saveButton"]

    def place(name: str) -> tuple[int, int]:
        widget = editor.findChild(QWidget, name)
        corner = widget.mapTo(editor, widget.rect().topLeft())
        return corner.y(), corner.x()

    places = [place(name) for name in forward]
    for (before, after), (a, b) in zip(itertools.pairwise(places), itertools.pairwise(forward), strict=True):
        assert after[0] > before[0] or (after[0] == before[0] and after[1] > before[1]), f"{a} > {b}"
    backward = tab_cycle(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    assert backward == [forward[0], *reversed(forward[1:])]


# -- the main window ------------------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    make_application([])
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic, cohort_size=5)
        w = MainWindow(clinic, demo=True)
        qtbot.addWidget(w)
        w.show()
        w.activateWindow()
        qtbot.waitExposed(w)
        yield w


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier)
    assert focused().objectName() == "patientSearch"
    type_text(qtbot, text)


def test_enter_in_the_search_opens_the_only_match(qtbot: QtBot, window: MainWindow) -> None:
    search_for(qtbot, window, "DEMO-0001")
    press(qtbot, Key.Key_Return)
    assert window.history is not None and window.history.patient.mrn == "DEMO-0001"
    assert focused().objectName() == "timeline"


def test_down_in_the_search_goes_into_the_list_and_enter_opens_the_patient(qtbot: QtBot, window: MainWindow) -> None:
    search_for(qtbot, window, "")  # every patient listed
    assert window.patient_list.model.rowCount() > 2  # type: ignore[union-attr]
    press(qtbot, Key.Key_Down)
    assert focused().objectName() == "patientTable"
    press(qtbot, Key.Key_Down)
    second = window.patient_list.table.currentIndex().row()
    assert second == 1
    press(qtbot, Key.Key_Return)
    assert focused().objectName() == "timeline"
    listed = window.patient_list.model.item(second)  # type: ignore[union-attr]
    assert window.history is not None and window.history.patient.id == listed.id


def test_the_timeline_is_one_tab_stop_before_the_charts_and_the_responses(qtbot: QtBot, window: MainWindow) -> None:
    search_for(qtbot, window, "DEMO-0001")
    press(qtbot, Key.Key_Return)
    timeline = focused()
    assert timeline.objectName() == "timeline"
    press(qtbot, Key.Key_Down)
    assert focused() is timeline and window.workspace.timeline.currentIndex().row() >= 0
    reached = []
    for _ in range(4):
        press(qtbot, Key.Key_Tab)
        reached.append(owner(focused()))
        if focused() is timeline:
            break
    assert "timeline" not in reached[:2], reached
    assert {"workspaceTabs", "responses"} <= set(reached) | {owner(focused().parentWidget())}, reached


def test_the_focused_widget_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    assert FOCUS_STYLE in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    search = window.patient_list.search
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier)
    with_focus = search.grab().toImage()
    press(qtbot, Key.Key_Tab)
    assert focused() is not search
    without = search.grab().toImage()
    colour = QColor(FOCUS_COLOUR).rgb()
    assert with_focus.pixel(0, with_focus.height() // 2) == colour
    assert without.pixel(0, without.height() // 2) != colour


# -- the focus after a dialog ---------------------------------------------------------------------------------------


def test_after_saving_a_new_event_the_timeline_has_the_focus_on_it(qtbot: QtBot, window: MainWindow) -> None:
    search_for(qtbot, window, "DEMO-0001")
    press(qtbot, Key.Key_Return)
    scores_before = len(window.history.eckardt)  # type: ignore[union-attr]

    def scenario() -> keyboard.Scenario:
        yield keyboard.Press(Key.Key_K, Mod.ControlModifier | Mod.ShiftModifier)
        yield keyboard.dialog_open("Eckardt")
        yield from keyboard.tab_to("Dysphagia")
        yield from keyboard.type_text("2")
        yield from keyboard.save()

    keyboard.run(qtbot, scenario())
    assert len(window.history.eckardt) == scores_before + 1  # type: ignore[union-attr]
    assert QApplication.activeWindow() is window
    assert focused() is window.workspace.timeline
    saved = window.history.eckardt[-1]  # type: ignore[union-attr]
    assert window.workspace.selected_event() == ("eckardt", saved.id)
    press(qtbot, Key.Key_Z, Mod.ControlModifier)  # and the undo of that entry, from where the focus now is
    assert len(window.history.eckardt) == scores_before  # type: ignore[union-attr]


def test_after_cancelling_a_dialog_the_focus_is_where_it_was(qtbot: QtBot, window: MainWindow) -> None:
    search_for(qtbot, window, "DEMO-0001")
    press(qtbot, Key.Key_Return)
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier)
    assert focused() is window.search

    def scenario() -> keyboard.Scenario:
        yield keyboard.Press(Key.Key_T, Mod.ControlModifier | Mod.ShiftModifier)
        yield keyboard.dialog_open("TBE")
        yield keyboard.Press(Key.Key_Escape)  # nothing changed: it closes without a question
        yield keyboard.dialog_closed()

    keyboard.run(qtbot, scenario())
    assert QApplication.activeWindow() is window
    assert focused() is window.search
