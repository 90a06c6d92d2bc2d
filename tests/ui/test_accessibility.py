"""Screen readers name every input by its label, never by its value: every editor and the main window, both languages.

For every visible widget that takes the focus (line edits, combo boxes, spin boxes, check boxes, radio buttons, text
edits, tables and lists): its accessible name is not empty and is not its current value; when a QLabel names it
(the label's buddy, as QFormLayout rows set it), the accessible name is that label's text without "&", the colon and
line breaks (a form's check box is named by its row's label; its own text is its description); any other button or
check box has its own text in its name (WCAG 2.5.3, "label in name"). The AT-SPI tree that Orca reads is dumped by
tools/atspi_dump.py (docs/development.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import Patient
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import load_history
from barium_tracker.ui import language, record_kinds, translate
from barium_tracker.ui.editors.base import accessible_label
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QDateTimeEdit,
    QAbstractButton,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
)
KINDS = ["patient", "tbe_study", "procedure", "eckardt", "manometry", "endoscopy"]


@pytest.fixture(params=[language.ENGLISH, language.SPANISH])
def lang(request: pytest.FixtureRequest, qapp: object) -> str:
    language.install(request.param)
    return request.param


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


def _internal(widget: QWidget) -> bool:
    """A part of another widget (a combo box's line edit, a spin box's, a header, a scroll bar's buttons)."""
    parent = widget.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(parent, QComboBox | QAbstractSpinBox)


def _value(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return ""


def interactive(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS) and w.isVisibleTo(root) and w.focusPolicy().value and not _internal(w)
    ]


def problems(root: QWidget) -> list[str]:
    """What is wrong with the accessible names under ``root`` (empty when every input is named by its label)."""
    labels = {id(label.buddy()): label for label in root.findChildren(QLabel) if label.buddy() is not None}
    found: list[str] = []
    widgets = interactive(root)
    assert widgets, "nothing to check"
    for widget in widgets:
        name = widget.accessibleName()
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        label = labels.get(id(widget))
        if isinstance(widget, QAbstractButton) and widget.text() and label is None:
            own = accessible_label(widget.text()).removesuffix("...").removesuffix("…").strip()
            if own.casefold() not in (name or accessible_label(widget.text())).casefold():
                found.append(f"{where}: name {name!r} does not contain its text {own!r}")
        if isinstance(widget, QAbstractButton) and not name:
            name = accessible_label(widget.text())
        if not name:
            found.append(f"{where}: no accessible name")
            continue
        if label is not None and accessible_label(label.text()) != name:
            found.append(f"{where}: name {name!r} is not its label {accessible_label(label.text())!r}")
        if isinstance(widget, QComboBox) and (label is None or label.parentWidget() is not widget.parentWidget()):
            # On Linux Qt names a combo box by its current text; its label reaches AT-SPI only as "labelled by",
            # which Qt finds among the combo box's siblings.
            found.append(f"{where}: no label beside it for AT-SPI's labelled-by relation")
        value = _value(widget)
        if value and value.strip() == name:
            found.append(f"{where}: named by its value {value!r}")
    return found


def _open(qtbot: QtBot, kind: str, record: Any) -> Any:
    editor = record_kinds.editor_class(kind)(record, save=lambda r: dataclasses.replace(r, id=1))
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    editor.show()
    qtbot.waitExposed(editor)
    return editor


@pytest.mark.parametrize("kind", KINDS)
def test_every_editor_field_is_named_by_its_label(qtbot: QtBot, lang: str, kind: str, demo_clinic: Clinic) -> None:
    history = load_history(demo_clinic, mrn="DEMO-0001")
    stored = {
        "patient": history.patient,
        "tbe_study": history.studies[-1],
        "procedure": history.procedures[-1],
        "eckardt": history.eckardt[0],
        "manometry": history.manometry[0],
        "endoscopy": history.endoscopy[0],
    }[kind]
    new = Patient(mrn="") if kind == "patient" else record_kinds.new_event(kind, 1, dt.date.today())
    for record in (new, stored):  # an empty form, and one whose values could be taken for names
        editor = _open(qtbot, kind, record)
        assert problems(editor) == []
        form_labels = [label for label in editor.findChildren(QLabel) if label.buddy() is not None]
        assert len(form_labels) >= len(editor._fields) - 1  # every field's label is its buddy (the grid's too)
        for name in editor._declared_names:  # the declared descriptions reach the screen reader
            description = translate.description(editor.declared(name))
            assert description in editor.field(name).accessibleDescription(), name


@pytest.mark.parametrize("kind", list(ProcedureType))
def test_every_procedure_section_is_named_by_its_labels(qtbot: QtBot, lang: str, kind: ProcedureType) -> None:
    editor = _open(qtbot, "procedure", dataclasses.replace(record_kinds.new_event("procedure", 1, dt.date.today())))
    editor.field("procedure_type").set_value(kind)
    assert problems(editor) == []


def test_the_main_window_is_named_for_screen_readers(qtbot: QtBot, lang: str, demo_clinic: Clinic) -> None:
    window = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert problems(window) == []  # no patient selected
    qtbot.keyClicks(window.search, "DEMO-0001")
    window.apply_search()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    window.select_row(0)
    names: dict[str, str] = {}
    for tab in range(window.workspace.tabs.count()):  # the studies table, then each chart and its controls
        window.workspace.tabs.setCurrentIndex(tab)
        assert problems(window) == [], tab
        names |= {w.objectName(): w.accessibleName() for w in interactive(window)}
    for name in ("patientSearch", "diagnosisFilter", "patientTable", "timeline", "studiesTable", "responses"):
        assert names[name], name
    assert "courseShowEckardt" in names and "emptyingStudies" in names
