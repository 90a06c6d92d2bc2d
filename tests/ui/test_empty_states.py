"""Every empty list, table, chart and panel says what to do next, with the menu path and shortcut of the real action.

The sentences take their menu path and shortcut from ``ui.actions.where``; the first test checks that those are what
the window's own menus and actions say (in English and in Spanish), so an empty state never names a moved menu or a
changed shortcut. The others open real windows on real databases and read what each empty place says.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import Patient, Procedure
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.records import create_record
from barium_tracker.ui import language
from barium_tracker.ui.actions import ACTIONS, where
from barium_tracker.ui.cohort.window import CohortView
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

LANGUAGES = [language.ENGLISH, language.SPANISH]


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest, qapp: object) -> str:
    language.install(request.param)
    return request.param


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "clinic.sqlite3") as opened:
        yield opened


def _plain(text: str) -> str:
    return text.replace("&", "").removesuffix("...").removesuffix("…")


def show(qtbot: QtBot, clinic: Clinic) -> MainWindow:
    window = MainWindow(clinic)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_patient(qtbot: QtBot, window: MainWindow, mrn: str) -> None:
    qtbot.keyClicks(window.search, mrn)
    window.apply_search()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    window.select_row(0)
    assert window.history is not None and window.history.patient.mrn == mrn


def says_where(text: str, action: str) -> bool:
    found = where(action)
    return found["menu"] in text and found["keys"] in text and bool(found["keys"])


def test_the_menu_paths_and_shortcuts_are_the_windows_own(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    window = show(qtbot, clinic)
    menus = {
        _plain(action.text()): menu_action.menu()
        for menu_action in window.menuBar().actions()
        for action in [menu_action]
        if menu_action.menu() is not None
    }
    for spec in ACTIONS:
        action = window.actions_by_name[spec.name]
        [menu] = [title for title, menu in menus.items() if action in menu.actions()]
        assert where(spec.name) == {
            "menu": f"{menu} > {_plain(action.text())}",
            "keys": action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
        }
    assert (
        where("actionNewStudy")["menu"]
        == {
            language.ENGLISH: "Record > New TBE study",
            language.SPANISH: "Registrar > Nuevo esofagograma",
        }[lang]
    )


def test_an_empty_database_says_how_to_add_the_first_patient(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    window = show(qtbot, clinic)
    qtbot.waitUntil(lambda: bool(window.table.empty_text), timeout=3000)
    assert says_where(window.table.empty_text, "actionNewPatient")
    assert window.table.accessibleDescription() == window.table.empty_text  # a screen reader hears it too
    assert window.count_label.text() == ""  # said once, across the list
    assert says_where(html.unescape(window.workspace.header.text()), "actionNewPatient")


def test_a_search_without_match_says_what_to_change(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    create_record(clinic, Patient(mrn="HNC-1", family_name="Quispe"))
    window = show(qtbot, clinic)
    qtbot.waitUntil(lambda: window.model.total == 1, timeout=3000)
    assert window.table.empty_text == ""
    qtbot.keyClicks(window.search, "nobody")
    window.apply_search()
    qtbot.waitUntil(lambda: bool(window.table.empty_text), timeout=3000)
    assert says_where(window.table.empty_text, "actionNewPatient")  # to add the patient not found
    assert window.table.accessibleDescription() == window.table.empty_text


def test_a_patient_without_events_says_how_to_record_each(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    create_record(clinic, Patient(mrn="HNC-1", family_name="Quispe"))
    window = show(qtbot, clinic)
    open_patient(qtbot, window, "HNC-1")
    workspace = window.workspace
    assert workspace.timeline.model().rowCount() == 0
    assert says_where(workspace.timeline.empty_text, "actionNewStudy")
    assert workspace.studies.model().rowCount() == 0
    assert says_where(workspace.studies.empty_text, "actionNewStudy")
    assert workspace.studies.accessibleDescription() == workspace.studies.empty_text
    assert says_where(workspace.responses.toPlainText(), "actionNewProcedure")
    workspace.tabs.setCurrentIndex(1)
    for chart in (workspace.course_chart, workspace.emptying_chart):
        assert chart is not None
        chart.redraw()  # type: ignore[attr-defined]
        assert says_where(chart.drawn.message, "actionNewStudy")  # type: ignore[attr-defined]
        assert chart.canvas.accessibleDescription() == chart.drawn.message  # type: ignore[attr-defined]


def test_a_procedure_without_follow_up_says_how_to_record_it(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    patient = create_record(clinic, Patient(mrn="HNC-2", family_name="Huamán"))
    create_record(
        clinic, Procedure(patient_id=patient.id, procedure_date=dt.date(2025, 6, 10), procedure_type=ProcedureType.POEM)
    )
    window = show(qtbot, clinic)
    open_patient(qtbot, window, "HNC-2")
    responses = window.workspace.responses.toPlainText()
    assert says_where(responses, "actionNewStudy")  # no follow-up TBE yet
    assert says_where(responses, "actionNewEckardt")  # no Eckardt score yet
    assert window.workspace.timeline.model().rowCount() == 1


def test_a_cohort_without_patients_or_without_match_says_what_to_do(qtbot: QtBot, clinic: Clinic, lang: str) -> None:
    view = CohortView(clinic)
    qtbot.addWidget(view)
    assert view.table.model().rowCount() == 0
    assert says_where(view.table.empty_text, "actionNewPatient")  # no patient at all: where to add them

    create_record(clinic, Patient(mrn="HNC-1", family_name="Quispe", birth_date=dt.date(1970, 1, 1)))
    view = CohortView(clinic)
    qtbot.addWidget(view)
    assert view.table.model().rowCount() == 1
    view.filters.age_filter.setCurrentIndex(1)  # paediatric: this adult is filtered out
    view.apply_filter()
    assert view.table.model().rowCount() == 0
    reset = view.filters.reset_button.text().replace("&", "")
    assert reset in view.table.empty_text  # names the button that brings the rows back
    assert view.table.accessibleDescription() == view.table.empty_text
