"""Spanish said as a whole sentence per case: gender in titles and questions, undo texts, durations, minute 1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from barium_tracker.domain import fields
from barium_tracker.domain.records import EckardtAssessment, Manometry, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.ui import language, translate
from barium_tracker.ui.main_window import MainWindow
from barium_tracker.ui.record_kinds import said
from barium_tracker.ui.undo import command_text
from barium_tracker.ui.workspace import _duration
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)


@pytest.fixture
def spanish(qapp: object) -> Iterator[None]:
    language.install("es")
    yield
    language.reset()


def test_titles_and_questions_agree_with_the_noun_s_gender(spanish: None) -> None:
    assert said("tbe_study", "new_title").format("Rosa") == "Nuevo esofagograma: Rosa"
    assert said("manometry", "new_title").format("Rosa") == "Nueva manometría: Rosa"
    assert said("endoscopy", "delete_question").format("Rosa") == "¿Eliminar esta endoscopía de Rosa?"
    assert said("eckardt", "delete_question").format("Rosa") == "¿Eliminar este puntaje de Eckardt de Rosa?"
    assert said("procedure", "edit_title").format("Rosa") == "Procedimiento de Rosa"
    assert said("tbe_study", "delete_title") == "Eliminar esofagograma"


def test_every_kind_says_every_case_in_both_languages(spanish: None) -> None:
    for kind in ("tbe_study", "procedure", "eckardt", "manometry", "endoscopy"):
        for case in ("add", "edit", "delete", "new_title", "edit_title", "delete_question", "delete_title"):
            spanish_text = said(kind, case)
            language.install("en")
            english = said(kind, case)
            language.install("es")
            assert spanish_text and spanish_text != english, (kind, case)


def test_undo_names_the_change_after_deshacer(qtbot: QtBot, tmp_path: Path, spanish: None) -> None:
    assert command_text("add", TbeStudy(patient_id=1, study_date=dt.date(2025, 1, 2))) == "añadir esofagograma"
    assert command_text("edit", Manometry(patient_id=1, study_date=dt.date(2025, 1, 2))) == "editar manometría"
    eckardt = EckardtAssessment(
        patient_id=1,
        assessment_date=dt.date(2025, 1, 2),
        dysphagia=0,
        regurgitation=0,
        retrosternal_pain=0,
        weight_loss=0,
    )
    assert command_text("delete", eckardt) == "eliminar puntaje de Eckardt"
    with Clinic.open(tmp_path / "clinic.sqlite3") as clinic:
        window = MainWindow(clinic)
        qtbot.addWidget(window)
        undo = window.actions_by_name["actionUndo"]
        assert undo.text() == "&Deshacer"
        window._undo_text_changed("añadir esofagograma")
        assert undo.text() == "&Deshacer: añadir esofagograma"
        window._undo_text_changed("")
        assert undo.text() == "&Deshacer"


def test_durations_are_written_out_with_singular_and_plural(spanish: None) -> None:
    start = dt.date(2020, 1, 15)
    assert _duration(start, dt.date(2025, 7, 20)) == "5 años y 6 meses"
    assert _duration(start, dt.date(2021, 2, 20)) == "1 año y 1 mes"
    assert _duration(start, dt.date(2021, 1, 20)) == "1 año"
    assert _duration(start, dt.date(2020, 2, 20)) == "1 mes"
    assert _duration(start, dt.date(2022, 4, 20)) == "2 años y 3 meses"
    language.install("en")
    assert _duration(start, dt.date(2025, 7, 20)) == "5 y 6 mo"


def test_minute_one_is_said_as_spanish_writes_it(spanish: None) -> None:
    assert translate.label(fields.film("height_cm"), minute=1) == "Altura al minuto 1"
    assert translate.label(fields.film("width_cm"), minute=5) == "Ancho al minuto 5"


def test_the_response_panel_keeps_its_width_beside_the_spanish_course_chart(
    qtbot: QtBot, tmp_path: Path, spanish: None
) -> None:
    """The chart's Spanish controls in one row made the chart wider than its tab: the panel was a letter wide."""
    from barium_tracker.services.demo import populate_demo

    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic, cohort_size=3)
        window = MainWindow(clinic, demo=True)
        qtbot.addWidget(window)
        window.resize(1366, 768)  # a 1366 x 768 screen, or 2732 x 1536 at 200 %
        window.show()
        window.search.setText("DEMO-0001")
        window.apply_search()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
        window.select_row(0)
        workspace = window.workspace
        workspace.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: workspace.course_chart is not None, timeout=5000)
        qtbot.wait(50)
        responses = workspace.responses
        assert responses.minimumWidth() > 0
        assert responses.width() >= responses.minimumWidth()
        assert responses.width() >= responses.fontMetrics().horizontalAdvance("Estudio de referencia: 09/06/2025")
