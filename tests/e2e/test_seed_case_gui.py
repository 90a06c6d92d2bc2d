"""The whole seed case of DOMAIN.md entered through the workstation's widgets, then checked in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import PoemAccess, ProcedureType
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import load_history
from barium_tracker.services.summary import summarize, summary_to_json
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import DateEdit
from barium_tracker.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot: QtBot, clinic: Clinic) -> Iterator[MainWindow]:
    w = MainWindow(clinic)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w


def in_dialog(qtbot: QtBot, open_it: Callable[[], object], fill: Callable[[RecordEditor], None]) -> None:
    """Open a modal editor with ``open_it`` and, once it shows, let ``fill`` type into it and save it."""
    done: list[bool] = []

    def act() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, RecordEditor):
            QTimer.singleShot(20, act)
            return
        try:
            fill(editor)
        finally:
            done.append(True)
            if editor.isVisible():
                editor.done(0)  # only reached when fill() failed: do not hang the test

    QTimer.singleShot(0, act)
    open_it()
    assert done, "the editor never opened"


def typed(qtbot: QtBot, editor: RecordEditor, name: str, text: str) -> None:
    widget = editor.findChild(QWidget, name)
    assert widget is not None, name
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setFocus()
        ascii_part = text.encode("ascii", "ignore").decode()
        if ascii_part == text:
            qtbot.keyClicks(widget, text)
        else:  # QTest can only type ASCII; an accented name arrives as an input method would deliver it
            widget.insertPlainText(text) if isinstance(widget, QPlainTextEdit) else widget.insert(text)
    else:
        raise AssertionError(f"{name} is not a text field")


def chosen(editor: RecordEditor, name: str, label_part: str) -> None:
    box = editor.findChild(QComboBox, name)
    assert box is not None, name
    index = next(i for i in range(box.count()) if label_part.lower() in box.itemText(i).lower())
    box.setCurrentIndex(index)


def dated(editor: RecordEditor, name: str, iso: str) -> None:
    edit = editor.findChild(DateEdit, name)
    assert edit is not None, name
    edit.setDate(QDate.fromString(iso, "yyyy-MM-dd"))


def save(qtbot: QtBot, editor: RecordEditor) -> None:
    assert not editor.current_errors(), editor.current_errors()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible(), "the editor did not close after Save"


def film(qtbot: QtBot, editor: RecordEditor, minute: int, height: str) -> None:
    grid = editor.grid  # type: ignore[attr-defined]
    row = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text() == str(minute))
    grid.setCurrentCell(row, 1)
    # What the cell's editor commits when the user types and leaves the cell (offscreen windows never get the
    # keyboard focus an in-place editor needs).
    grid.item(row, 1).setText(height)


def test_seed_case_through_the_gui(qtbot: QtBot, window: MainWindow, clinic: Clinic) -> None:
    w = window

    def patient(e: RecordEditor) -> None:
        typed(qtbot, e, "mrn", "HNL-4521")
        typed(qtbot, e, "family_name", "Quispe Huamán")
        typed(qtbot, e, "given_name", "Mateo")
        dated(e, "birth_date", "2009-11-02")
        chosen(e, "sex", "male")
        chosen(e, "diagnosis", "type II")
        dated(e, "diagnosis_date", "2021-05-20")
        save(qtbot, e)

    in_dialog(qtbot, lambda: qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier), patient)
    assert w.history is not None and w.history.patient.mrn == "HNL-4521"

    def manometry(e: RecordEditor) -> None:
        dated(e, "study_date", "2025-06-09")
        typed(qtbot, e, "system", "High-resolution manometry")
        typed(qtbot, e, "irp_supine_mmhg", "33")
        chosen(e, "subtype", "type II")
        save(qtbot, e)

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewManometry"].trigger(), manometry)

    def eckardt(items: tuple[int, int, int, int], day: str) -> Callable[[RecordEditor], None]:
        def fill(e: RecordEditor) -> None:
            dated(e, "assessment_date", day)
            for name, score in zip(
                ("dysphagia", "regurgitation", "retrosternal_pain", "weight_loss"), items, strict=True
            ):
                chosen(e, name, f"{score} -")
            assert e.findChild(QWidget, "eckardtTotal").text() == f"<b>{sum(items)}</b>"  # type: ignore[union-attr]
            save(qtbot, e)

        return fill

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewEckardt"].trigger(), eckardt((3, 3, 3, 3), "2025-06-09"))

    def lhm(e: RecordEditor) -> None:
        dated(e, "procedure_date", "2025-02-10")
        chosen(e, "procedure_type", "Laparoscopic Heller")
        chosen(e, "fundoplication", "Dor")
        save(qtbot, e)

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewProcedure"].trigger(), lhm)

    def dilation(e: RecordEditor) -> None:
        dated(e, "procedure_date", "2025-05-12")
        chosen(e, "procedure_type", "balloon")
        save(qtbot, e)

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewProcedure"].trigger(), dilation)

    def study(day: str, height: str) -> Callable[[RecordEditor], None]:
        def fill(e: RecordEditor) -> None:
            dated(e, "study_date", day)
            film(qtbot, e, 5, height)
            save(qtbot, e)

        return fill

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewStudy"].trigger(), study("2025-06-09", "12"))

    def poem(e: RecordEditor) -> None:
        dated(e, "procedure_date", "2025-06-10")
        chosen(e, "procedure_type", "POEM")
        check = e.findChild(QCheckBox, "rescue")
        assert check is not None
        check.setFocus()
        qtbot.keyClick(check, Qt.Key.Key_Space)
        chosen(e, "poem_access", "posterior")
        typed(qtbot, e, "myotomy_length_cm", "10")
        typed(qtbot, e, "gastric_myotomy_length_cm", "3")
        typed(qtbot, e, "knife", "Hybrid T knife")
        typed(qtbot, e, "duration_min", "44")
        typed(qtbot, e, "anaesthesia", "General")
        typed(qtbot, e, "length_of_stay_days", "5")
        save(qtbot, e)

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewProcedure"].trigger(), poem)
    in_dialog(qtbot, lambda: w.actions_by_name["actionNewStudy"].trigger(), study("2025-07-10", "2,7"))

    def endoscopy(e: RecordEditor) -> None:
        dated(e, "exam_date", "2025-12-10")
        chosen(e, "les_opening", "easy")
        chosen(e, "oesophagitis", "no oesophagitis")
        typed(qtbot, e, "findings", "Easy opening of the LES, no oesophagitis.")
        save(qtbot, e)

    in_dialog(qtbot, lambda: w.actions_by_name["actionNewEndoscopy"].trigger(), endoscopy)
    in_dialog(qtbot, lambda: w.actions_by_name["actionNewEckardt"].trigger(), eckardt((1, 1, 0, 0), "2026-06-10"))

    # What the database holds, read back through the services (not through the window).
    h = load_history(clinic, mrn="HNL-4521")
    assert [p.procedure_type for p in h.procedures] == [
        ProcedureType.LHM,
        ProcedureType.BALLOON_DILATION,
        ProcedureType.POEM,
    ]
    poem_record = h.procedures[-1]
    assert poem_record.rescue and poem_record.poem_access is PoemAccess.POSTERIOR
    assert (poem_record.myotomy_length_cm, poem_record.gastric_myotomy_length_cm) == (Decimal(10), Decimal(3))
    assert (poem_record.duration_min, poem_record.length_of_stay_days) == (44, 5)
    assert [s.height_at(5) for s in h.studies] == [Decimal(12), Decimal("2.7")]
    assert [e.total for e in h.eckardt] == [12, 2]
    assert h.manometry[0].irp_supine_mmhg == Decimal(33)
    assert len(h.endoscopy) == 1
    response = summary_to_json(summarize(h))["responses"][-1]
    change = response["follow_ups"][0]["changes"][0]
    assert (change["pre_height_cm"], change["post_height_cm"], change["height_change_pct"]) == (12, 2.7, -77.5)
    assert "5 min: 12 cm -> 2.7 cm (-77.5 %)" in w.workspace.responses.toPlainText()
    assert w.workspace.timeline_model.rowCount() == 9
