"""When an editor shows its errors: not on an untouched new form; once a field is left; all of them on a save attempt.

Every editor (patient, TBE study, procedure, Eckardt, manometry, endoscopy) is opened as the main window opens it
for a new record, on screen (offscreen) and active, and driven with key presses: Tab leaves a field, Ctrl+Enter
tries to save. The messages are the editor's own (``current_errors``), so these tests check where and when they
show, not their wording (tests/ui/test_event_editors.py checks words).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.domain.records import Patient
from barium_tracker.ui import record_kinds
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.editors.study_editor import HEIGHT, MINUTE

Key = Qt.Key
Mod = Qt.KeyboardModifier
TODAY = dt.date.today()
BIRTH_DATE = dt.date(2010, 3, 15)

#: For each editor: two fields in form order, each with a value it refuses and one it takes.
CASES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "patient": (("mrn", "", "HNC-1"), ("birth_date", "31/02/2015", "14/03/2015")),
    "tbe_study": (("study_date", "", TODAY.strftime("%Y-%m-%d")), ("barium_volume_ml", "2,x", "200")),
    "procedure": (("myotomy_length_cm", "2,x", "10"), ("duration_min", "0", "44")),
    "eckardt": (("assessment_date", "14 March", "2025-06-10"), ("weight_kg", "abc", "52,5")),
    "manometry": (("irp_supine_mmhg", "200", "33"), ("dci_mmhg_s_cm", "1 200", "0")),
    "endoscopy": (("exam_date", "31/02/2015", "2025-12-10"), ("findings", "", "")),
}


class SaveSpy:
    def __init__(self) -> None:
        self.records: list[Any] = []

    def __call__(self, record: Any) -> Any:
        self.records.append(record)
        return dataclasses.replace(record, id=1)


def open_new(qtbot: QtBot, kind: str) -> RecordEditor[Any]:
    """The editor of ``kind`` on a new record, as the New ... actions open it, active, its first field focused."""
    record = Patient(mrn="") if kind == "patient" else record_kinds.new_event(kind, 1, TODAY)
    spy = SaveSpy()
    birth = {} if kind == "patient" else {"birth_date": BIRTH_DATE}
    editor = record_kinds.editor_class(kind)(record, save=spy, **birth)
    editor.spy = spy  # type: ignore[attr-defined]
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def go_to(qtbot: QtBot, editor: RecordEditor[Any], name: str) -> QWidget:
    widget = editor.field(name)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    return widget


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace the text of the focused field with key presses (select all, delete, type)."""
    qtbot.keyClick(widget, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(widget, Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def shown_error(editor: RecordEditor[Any], name: str) -> str | None:
    label = editor.findChild(QLabel, f"{name}Error")
    assert label is not None, name
    return label.text() if label.isVisibleTo(editor) else None


def expected_error(editor: RecordEditor[Any], name: str) -> str:
    """The message the editor has for ``name`` now (shown or not)."""
    from barium_tracker.ui import translate

    texts = [
        translate.message_text(e.said) if e.said is not None else e.message
        for e in editor.current_errors()
        if editor.field_for_error(e.field) == name
    ]
    assert texts, f"{name} has no error"
    return "\n".join(texts)


def marked_red(editor: RecordEditor[Any]) -> list[str]:
    return [name for name in editor._fields if editor.field(name).styleSheet()]


@pytest.mark.parametrize("kind", list(CASES))
def test_an_untouched_new_form_shows_no_error(qtbot: QtBot, kind: str) -> None:
    editor = open_new(qtbot, kind)
    if kind == "patient":
        assert expected_error(editor, "mrn")  # the MRN is required, and a new patient has none yet...
    errors = [label for label in editor.findChildren(QLabel) if label.objectName().endswith("Error")]
    assert errors and [label.objectName() for label in errors if label.isVisibleTo(editor)] == []  # ...not said yet
    assert not editor.general_error.isVisibleTo(editor)
    assert marked_red(editor) == []
    assert editor.save_button.isEnabled()  # a save attempt says what is missing


@pytest.mark.parametrize("kind", list(CASES))
def test_an_error_shows_once_the_field_is_left_and_clears_as_it_is_fixed(qtbot: QtBot, kind: str) -> None:
    editor = open_new(qtbot, kind)
    (name, bad, good), _second = CASES[kind]
    field = go_to(qtbot, editor, name)
    retype(qtbot, field, bad)
    assert shown_error(editor, name) is None  # not while it is being typed
    qtbot.keyClick(field, Key.Key_Tab)
    assert focused() is not field
    assert shown_error(editor, name) == expected_error(editor, name)
    assert name in marked_red(editor)
    assert bad in shown_error(editor, name)  # type: ignore[operator]

    go_to(qtbot, editor, name)
    retype(qtbot, field, good)  # still in the field: the error goes at the last key press
    assert shown_error(editor, name) is None
    assert name not in marked_red(editor)
    assert editor.spy.records == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(CASES))
def test_a_save_attempt_shows_every_error_and_focuses_the_first_wrong_field(qtbot: QtBot, kind: str) -> None:
    editor = open_new(qtbot, kind)
    cases = [case for case in CASES[kind] if case[1] or case[0] == "mrn" or case[0] == "study_date"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)  # where the dialog put it; it stays there
    for name, bad, _good in reversed(cases):  # typed without leaving any field: nothing shows yet
        widget = editor.field(name)
        assert isinstance(widget, QLineEdit | QPlainTextEdit)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
            qtbot.keyClick(widget, Key.Key_Delete)
        qtbot.keyClicks(widget, bad)
    assert all(shown_error(editor, name) is None for name, _, _ in cases)

    qtbot.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)

    assert editor.isVisible() and editor.spy.records == []  # type: ignore[attr-defined]
    for name, _bad, _good in cases:
        assert shown_error(editor, name) == expected_error(editor, name)
    start = editor.field(cases[0][0])
    assert focused() is start  # the first wrong field in the form's order
    if isinstance(start, QLineEdit) and start.text():
        assert start.selectedText() == start.text()  # typing replaces the wrong value

    for name, _bad, good in cases:  # fixed one by one, each error goes as its value is typed
        field = go_to(qtbot, editor, name)
        retype(qtbot, field, good)
        assert shown_error(editor, name) is None
    qtbot.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)
    assert not editor.isVisible()
    assert len(editor.spy.records) == 1  # type: ignore[attr-defined]


def test_a_save_attempt_puts_the_focus_on_the_wrong_film_cell(qtbot: QtBot) -> None:
    editor = open_new(qtbot, "tbe_study")
    grid = editor.grid  # type: ignore[attr-defined]
    row = next(r for r in range(grid.rowCount()) if grid.item(r, MINUTE).text() == "5")
    grid.item(row, HEIGHT).setText("120")  # as the cell editor writes it (typing it is tests/ui/test_keyboard.py's)
    assert shown_error(editor, "measurements") is None
    assert grid.item(row, HEIGHT).background().style() == Qt.BrushStyle.NoBrush

    qtbot.keyClick(editor.field("notes"), Key.Key_Return, Mod.ControlModifier)

    assert shown_error(editor, "measurements") == expected_error(editor, "measurements")
    assert "120" in (shown_error(editor, "measurements") or "")
    assert focused() is grid or grid.isAncestorOf(focused())
    assert (grid.currentRow(), grid.currentColumn()) == (row, HEIGHT)
    assert grid.item(row, HEIGHT).background().style() != Qt.BrushStyle.NoBrush


def test_switching_procedure_type_leaves_no_blank_band(qtbot: QtBot) -> None:
    """Showing a section's rows again must not count their empty error lines: the dialog fits what it shows."""
    from barium_tracker.domain.enums import ProcedureType

    editor = open_new(qtbot, "procedure")
    for kind in [*ProcedureType, ProcedureType.POEM]:
        editor.field("procedure_type").set_value(kind)
        qtbot.wait(10)
        layout = editor.layout()
        layout.activate()
        needed = (
            layout.totalHeightForWidth(editor.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        assert editor.height() <= needed + 1, kind
        blank = [
            label.objectName()
            for label in editor.findChildren(QLabel)
            if label.objectName().endswith("Error") and label.isVisibleTo(editor) and not label.text()
        ]
        assert blank == [], kind
