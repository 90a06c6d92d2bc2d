"""Numbers and dates as the clinic writes them: "2,7 cm" and 14/03/2015 in Spanish, "2.7 cm" and ISO in English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import Procedure
from barium_tracker.services.charts import build_chart_data
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import load_history
from barium_tracker.services.presentation import summary_to_text
from barium_tracker.services.summary import summarize
from barium_tracker.ui import language, notation
from barium_tracker.ui.cohort.stats_model import CohortStatsModel
from barium_tracker.ui.cohort.table_model import CohortTableModel
from barium_tracker.ui.cohort.window import CohortView
from barium_tracker.ui.editors.procedure_editor import ProcedureEditor
from barium_tracker.ui.patient_list_model import PatientListModel
from barium_tracker.ui.preferences import PreferencesDialog
from barium_tracker.ui.timeline_model import TimelineModel
from barium_tracker.ui.workspace import PatientWorkspace
from tests.services.test_cohort import TODAY, save_hand_built_cohort
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)


@pytest.fixture
def spanish(qapp: object) -> None:
    language.install(language.SPANISH)


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


# -- the formatter ---------------------------------------------------------------------------------------------------


def test_the_language_gives_the_default_and_never_qlocale(qapp: object) -> None:
    assert notation.current() == notation.ENGLISH_NOTATION
    language.install(language.SPANISH)
    assert notation.current() == notation.Notation(notation.COMMA, notation.DAY_FIRST)  # es_PE's locale says "."


def test_numbers_percentages_and_dates_are_written_whole() -> None:
    es, en = notation.SPANISH_NOTATION, notation.ENGLISH_NOTATION
    assert (es.decimal(Decimal("2.7")), en.decimal(Decimal("2.7"))) == ("2,7", "2.7")
    assert es.decimal(Decimal("12.50")) == "12,50"  # as stored: never rounded, never trimmed
    assert es.number(12) == "12" and es.decimal(None) == ""
    assert (es.percent(Decimal("-77.5")), es.percent(Decimal("12.5")), en.percent(Decimal("-77.5"))) == (
        "-77,5 %",
        "+12,5 %",
        "-77.5 %",
    )
    birthday = dt.date(2015, 3, 14)
    assert (es.date(birthday), en.date(birthday)) == ("14/03/2015", "2015-03-14")
    assert es.date(dt.date(205, 1, 2)) == "02/01/0205" and es.date(None) == ""
    assert es.date(dt.time(14, 30)) == en.date(dt.time(14, 30)) == "14:30:00"  # times: 24 h, as before


def test_preferences_override_the_language_and_unknown_values_are_refused(qapp: object) -> None:
    language.install(language.SPANISH)
    notation.set_preferences(notation.POINT, None)
    assert notation.current() == notation.Notation(notation.POINT, notation.DAY_FIRST)
    notation.set_preferences(None, notation.ISO)
    assert notation.current() == notation.Notation(notation.COMMA, notation.ISO)
    with pytest.raises(ValueError):
        notation.set_preferences(";", None)
    notation.set_preferences(None, None)
    assert notation.current() == notation.SPANISH_NOTATION


# -- the screens, in Spanish -----------------------------------------------------------------------------------------


def test_the_timeline_writes_decimal_commas_and_dates_day_first(spanish: None, demo_clinic: Clinic) -> None:
    model = TimelineModel()
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"))
    model.set_events(summary.timeline)
    assert model.data(model.index(0, 0)) == "10/02/2025"
    row = model.row_of("tbe_study", summary.history.studies[-1].id)
    assert row is not None
    assert model.data(model.index(row, 2)) == "Esofagograma: 5 min 2,7 cm"
    assert model.data(model.index(row, 0)) == "10/07/2025"


def test_the_workspace_studies_responses_and_charts_write_commas(
    qtbot: QtBot, spanish: None, demo_clinic: Clinic
) -> None:
    workspace = PatientWorkspace()
    qtbot.addWidget(workspace)
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"))
    workspace.show_summary(summary)
    model = workspace.studies.model()
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [row[0] for row in rows] == ["09/06/2025", "10/07/2025"]
    after = dict(zip(headers, rows[1], strict=True))
    assert (after["5 min\nAltura (cm)"], after["5 min\nAncho (cm)"]) == ("2,7", "no medido")
    responses = workspace.responses.toPlainText()
    assert "12 cm -> 2,7 cm (-77,5 %)" in responses
    assert "-83,3 %" in responses  # the Eckardt change
    assert "10/06/2025" in responses  # the procedure's date, day first
    data = workspace._chart_data
    assert data is not None
    assert [a.text for a in data.height_annotations] == ["5 min: 12,0 -> 2,7 cm (-77,5 %)"]
    assert data.studies[1].label.startswith("10/07/2025")
    assert "5 min: 2,7 cm" in data.studies[1].hover_text
    assert [m.label for m in data.markers][-1] == "POEM de rescate 10/06/2025"  # the chart speaks Spanish too
    assert data.markers[-1].date_text == "10/06/2025"  # the course chart's marker label


def test_english_chart_texts_and_command_line_output_are_unchanged(demo_clinic: Clinic) -> None:
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"))
    assert [a.text for a in build_chart_data(summary).height_annotations] == ["5 min: 12.0 -> 2.7 cm (-77.5 %)"]
    text = summary_to_text(summary)
    assert "5 min: 12 cm -> 2.7 cm (-77.5 %)" in text and "  2025-07-10  TBE: 5 min 2.7 cm" in text


def test_an_editor_repeats_the_typed_number_with_a_comma(qtbot: QtBot, spanish: None) -> None:
    editor = ProcedureEditor(
        Procedure(procedure_date=dt.date(2025, 6, 10), procedure_type=ProcedureType.POEM), save=print
    )
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    editor.show()
    field = editor.field("myotomy_length_cm")
    assert isinstance(field, QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, "52,7")
    editor.accept()  # a save attempt shows the error
    error = editor.findChild(QLabel, "myotomy_length_cmError")
    assert error is not None and error.isVisibleTo(editor)
    assert error.text().endswith("52,7")
    assert "52.7" not in error.text()
    assert "debe estar entre" in error.text()  # in Spanish words
    editor.field("myotomy_length_cm").setFocus()


def test_an_editor_shows_a_stored_decimal_with_a_comma(qtbot: QtBot, spanish: None) -> None:
    record = Procedure(
        procedure_date=dt.date(2025, 6, 10), procedure_type=ProcedureType.POEM, myotomy_length_cm=Decimal("10.5")
    )
    editor = ProcedureEditor(record, save=print)
    qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
    field = editor.field("myotomy_length_cm")
    assert isinstance(field, QLineEdit) and field.text() == "10,5"


def test_the_patient_list_writes_dates_day_first(spanish: None, demo_clinic: Clinic) -> None:
    model = PatientListModel(demo_clinic)
    model.set_search("DEMO-0001")
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.COLUMNS.index("last_study"))) == "10/07/2025"
    assert model.data(model.index(0, model.COLUMNS.index("last_procedure"))) == "10/06/2025"


def test_the_cohort_table_and_statistics_write_commas(qtbot: QtBot, spanish: None, clinic: Clinic) -> None:
    save_hand_built_cohort(clinic)
    view = CohortView(clinic, today=TODAY)
    qtbot.addWidget(view)
    table: CohortTableModel = view.model
    shown = {
        key: [table.data(table.index(r, table.column_of(key))) for r in range(table.rowCount())]
        for key in ("reference_h5_cm", "latest_followup_h5_cm", "h5_change_pct", "procedure_date")
    }
    written = [t for key in ("reference_h5_cm", "latest_followup_h5_cm", "h5_change_pct") for t in shown[key] if t]
    assert written and any("," in t for t in written)
    assert not any("." in t for t in written)
    dates = [t for t in shown["procedure_date"] if t]
    assert dates and all(len(t) == 10 and t[2] == "/" and t[5] == "/" for t in dates)
    stats: CohortStatsModel = view.stats_model
    cells = [stats.data(stats.index(r, c)) for r in range(stats.rowCount()) for c in range(stats.columnCount())]
    numbers = [c for c in cells if isinstance(c, str) and "%" in c]
    assert numbers and not any("." in c for c in numbers)


# -- Preferences -----------------------------------------------------------------------------------------------------


def test_preferences_choose_the_separator_and_the_date_order(qtbot: QtBot, spanish: None, demo_clinic: Clinic) -> None:
    dialog = PreferencesDialog(demo_clinic)
    qtbot.addWidget(dialog)
    assert dialog.decimal_separator.currentData() == "" and dialog.date_order.currentData() == ""
    assert dialog.decimal_separator.itemText(1) == "Coma (2,7 cm)"
    dialog.decimal_separator.setCurrentIndex(dialog.decimal_separator.findData(notation.POINT))
    dialog.date_order.setCurrentIndex(dialog.date_order.findData(notation.ISO))
    dialog.accept()
    assert QSettings().value(notation.SEPARATOR_KEY) == notation.POINT
    assert notation.current() == notation.ENGLISH_NOTATION  # Spanish words, the point and ISO dates as chosen
    model = TimelineModel()
    model.set_events(summarize(load_history(demo_clinic, mrn="DEMO-0001")).timeline)
    assert model.data(model.index(0, 0)) == "2025-02-10"
    assert "2.7 cm" in [model.data(model.index(r, 2)) for r in range(model.rowCount())][6]

    again = PreferencesDialog(demo_clinic)
    qtbot.addWidget(again)
    assert again.decimal_separator.currentData() == notation.POINT and again.date_order.currentData() == notation.ISO


def test_the_patient_list_follows_a_new_date_order_without_a_refresh(spanish: None, demo_clinic: Clinic) -> None:
    """The list keeps each row's cells once written: a date order chosen in Preferences must still show at once."""
    model = PatientListModel(demo_clinic)
    model.set_search("DEMO-0001")
    cell = model.index(0, model.COLUMNS.index("last_study"))
    assert model.data(cell) == "10/07/2025"
    notation.set_preferences(None, notation.ISO)
    assert model.data(cell) == "2025-07-10"
    notation.set_preferences(None, None)
    assert model.data(cell) == "10/07/2025"
