"""Procedure, manometry and endoscopy editors driven through their real widgets, as a clinician types."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Fundoplication,
    LesOpening,
    OesophagitisGrade,
    PoemAccess,
    ProcedureType,
)
from barium_tracker.domain.records import Endoscopy, Manometry, Procedure
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.editors.endoscopy_editor import EndoscopyEditor
from barium_tracker.ui.editors.manometry_editor import ManometryEditor
from barium_tracker.ui.editors.procedure_editor import ProcedureEditor
from barium_tracker.ui.fields import DateEdit

SEED_POEM_DATE = dt.date(2025, 6, 10)
BIRTH_DATE = dt.date(2010, 3, 15)

POEM_FIELDS = {"poem_access", "myotomy_length_cm", "gastric_myotomy_length_cm", "knife"}
HELLER_FIELDS = {"myotomy_length_cm", "gastric_myotomy_length_cm", "fundoplication"}
DILATION_FIELDS = {"balloon_diameter_mm", "balloon_pressure_psi"}
BOTOX_FIELDS = {"botox_units", "botox_sites"}
TYPE_SPECIFIC = POEM_FIELDS | HELLER_FIELDS | DILATION_FIELDS | BOTOX_FIELDS


class SaveSpy:
    """Stands in for the service: records what the editor hands over and returns it with an id."""

    def __init__(self) -> None:
        self.records: list[Any] = []

    def __call__(self, record: Any) -> Any:
        self.records.append(record)
        return dataclasses.replace(record, id=1)


class _Asked(list[str]):
    """The questions asked, and the button that answers the next one."""

    answer: QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> _Asked:
    """Every "discard changes?" question asked; answered with ``questions.answer`` (Discard unless a test says)."""
    asked = _Asked()
    asked.answer = QMessageBox.StandardButton.Discard

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return asked.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def new_record(kind: str) -> Any:
    if kind == "procedure":
        return Procedure(procedure_date=SEED_POEM_DATE, procedure_type=ProcedureType.POEM)
    if kind == "manometry":
        return Manometry(study_date=dt.date(2025, 5, 20))
    return Endoscopy(exam_date=dt.date(2025, 12, 10))


EDITORS: dict[str, type[RecordEditor[Any]]] = {
    "procedure": ProcedureEditor,
    "manometry": ManometryEditor,
    "endoscopy": EndoscopyEditor,
}
DATE_FIELD = {"procedure": "procedure_date", "manometry": "study_date", "endoscopy": "exam_date"}
DATE_LABEL = {"procedure": "Procedure date", "manometry": "Manometry date", "endoscopy": "Endoscopy date"}


@pytest.fixture
def make(qtbot: QtBot) -> Callable[..., tuple[Any, SaveSpy]]:
    """Open an editor on screen (offscreen) with a recording save function."""

    def make(kind: str, record: Any = None, **kwargs: Any) -> tuple[Any, SaveSpy]:
        spy = SaveSpy()
        editor = EDITORS[kind](new_record(kind) if record is None else record, save=spy, **kwargs)
        # Hidden before pytest-qt closes it, so a dirty editor does not ask at teardown.
        qtbot.addWidget(editor, before_close_func=lambda w: w.hide())
        editor.show()
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)  # focus changes (leaving a field shows its errors) need it
        return editor, spy

    return make


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace a field's text the way a user does: go to it, select it all, type, then leave it (Tab), which is
    when its errors show."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def type_date(qtbot: QtBot, widget: DateEdit, value: dt.date) -> None:
    """Replace a date's text with the date typed day first, as the clinic writes it (then leave the field)."""
    type_into(qtbot, widget, value.strftime("%d/%m/%Y"))
    assert widget.value() == value


def choose(qtbot: QtBot, combo: QComboBox, typed: str, expected: str) -> None:
    """Pick an item by typing the start of its label (the combo's keyboard search)."""
    qtbot.keyClicks(combo, typed)
    assert combo.currentText() == expected


def press(qtbot: QtBot, combo: QComboBox, keys: list[Qt.Key], expected: str) -> None:
    """Move through a combo's items with the keyboard (Home, arrows)."""
    for key in keys:
        qtbot.keyClick(combo, key)
    assert combo.currentText() == expected


def error_text(editor: QDialog, name: str) -> str | None:
    """The message under a field, or None when it shows none."""
    label = editor.findChild(QLabel, f"{name}Error")
    assert label is not None, name
    return label.text() if label.isVisibleTo(editor) else None


def label_of(editor: RecordEditor[Any], name: str) -> str:
    """The text of the form label beside a field (on the main form or in a section)."""
    row = editor.row(name)
    forms = [editor.form] + [box.layout() for box in editor.findChildren(QGroupBox)]
    labels = [form.labelForField(row) for form in forms if isinstance(form, QFormLayout)]
    [label] = [label for label in labels if label is not None]
    assert isinstance(label, QLabel)
    assert label.buddy() is editor.field(name) and label.parentWidget() is editor.field(name).parentWidget()
    return label.text()


def shown_fields(editor: RecordEditor[Any]) -> set[str]:
    return {name for name in TYPE_SPECIFIC if editor.field(name).isVisibleTo(editor)}


# -- procedure ---------------------------------------------------------------------------------------------------


def test_seed_case_poem_typed_from_the_keyboard_is_saved_with_enter(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("procedure", birth_date=BIRTH_DATE)
    qtbot.keyClick(editor.field("rescue"), Qt.Key.Key_Space)
    choose(qtbot, editor.field("poem_access"), "Po", "Posterior")
    type_into(qtbot, editor.field("myotomy_length_cm"), "10")
    type_into(qtbot, editor.field("gastric_myotomy_length_cm"), "3")
    type_into(qtbot, editor.field("knife"), "hybrid T knife")
    type_into(qtbot, editor.field("duration_min"), "44")
    type_into(qtbot, editor.field("anaesthesia"), "general")
    type_into(qtbot, editor.field("length_of_stay_days"), "5")
    type_into(qtbot, editor.field("operator"), "Dr. Rojas")
    assert not editor.current_errors()

    qtbot.keyClick(editor.field("operator"), Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert not editor.isVisible()
    [saved] = spy.records
    assert saved == Procedure(
        procedure_date=SEED_POEM_DATE,
        procedure_type=ProcedureType.POEM,
        rescue=True,
        poem_access=PoemAccess.POSTERIOR,
        myotomy_length_cm=Decimal(10),
        gastric_myotomy_length_cm=Decimal(3),
        knife="hybrid T knife",
        duration_min=44,
        anaesthesia="general",
        length_of_stay_days=5,
        operator="Dr. Rojas",
    )
    assert saved.title == "Rescue POEM"
    assert editor.saved_record.id == 1


def test_balloon_diameter_out_of_range_is_shown_live_and_blocks_saving(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("procedure")
    choose(qtbot, editor.field("procedure_type"), "Pn", "Pneumatic/balloon dilation")
    diameter = editor.field("balloon_diameter_mm")
    assert diameter.placeholderText() == "30, 35 or 40"

    type_into(qtbot, diameter, "120")

    assert error_text(editor, "balloon_diameter_mm") == "Balloon diameter must be between 20 and 50 mm; you entered 120"
    assert editor.current_errors()
    qtbot.keyClick(diameter, Qt.Key.Key_Return)
    assert spy.records == []
    assert editor.isVisible()

    type_into(qtbot, diameter, "35")
    assert error_text(editor, "balloon_diameter_mm") is None
    assert not editor.current_errors()
    qtbot.keyClick(diameter, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert spy.records[0].balloon_diameter_mm == Decimal(35)


@pytest.mark.parametrize("typed", ["2,5", "2.5"])
def test_decimal_comma_or_point_is_stored_exactly(qtbot: QtBot, make: Callable, typed: str) -> None:
    editor, spy = make("procedure")
    type_into(qtbot, editor.field("myotomy_length_cm"), "10")
    type_into(qtbot, editor.field("gastric_myotomy_length_cm"), typed)
    qtbot.keyClick(editor.field("gastric_myotomy_length_cm"), Qt.Key.Key_Return)
    value = spy.records[0].gastric_myotomy_length_cm
    assert value == Decimal("2.5")
    assert str(value) == "2.5"


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("myotomy_length_cm", "2,x", "Myotomy length: '2,x' is not a number"),
        (
            "myotomy_length_cm",
            "1.234,5",
            "Myotomy length: '1.234,5' has both a comma and a point; write one decimal mark, e.g. 2,7",
        ),
        ("duration_min", "44.5", "Procedure time: '44.5' is not a whole number"),
        ("length_of_stay_days", "five", "Length of stay: 'five' is not a whole number"),
    ],
)
def test_unreadable_numbers_are_refused_on_their_field(
    qtbot: QtBot, make: Callable, name: str, typed: str, message: str
) -> None:
    editor, spy = make("procedure")
    type_into(qtbot, editor.field(name), typed)
    assert error_text(editor, name) == message
    assert editor.current_errors()
    editor.accept()
    assert spy.records == []


def test_range_of_common_fields_uses_the_domain_rules(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("procedure")
    type_into(qtbot, editor.field("duration_min"), "0")
    type_into(qtbot, editor.field("length_of_stay_days"), "400")
    assert error_text(editor, "duration_min") == "Procedure time must be between 1 and 1440 min; you entered 0"
    assert error_text(editor, "length_of_stay_days") == "Length of stay must be between 0 and 365 days; you entered 400"


def test_gastric_part_cannot_exceed_the_total_myotomy(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("procedure")
    type_into(qtbot, editor.field("myotomy_length_cm"), "3")
    type_into(qtbot, editor.field("gastric_myotomy_length_cm"), "10")
    assert error_text(editor, "gastric_myotomy_length_cm") == (
        "Gastric myotomy length (10 cm) cannot exceed the total myotomy length (3 cm)"
    )
    assert editor.current_errors()


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (ProcedureType.POEM, POEM_FIELDS),
        (ProcedureType.REDO_POEM, POEM_FIELDS),
        (ProcedureType.LHM, HELLER_FIELDS),
        (ProcedureType.REDO_LHM, HELLER_FIELDS),
        (ProcedureType.BALLOON_DILATION, DILATION_FIELDS),
        (ProcedureType.BOTULINUM_TOXIN, BOTOX_FIELDS),
        (ProcedureType.OESOPHAGECTOMY, set()),
        (ProcedureType.OTHER, set()),
    ],
)
def test_only_the_chosen_types_fields_are_shown(
    qtbot: QtBot, make: Callable, kind: ProcedureType, fields: set[str]
) -> None:
    editor, _ = make("procedure")
    editor.field("procedure_type").set_value(kind)
    assert shown_fields(editor) == fields
    # The same when an existing record of that type is opened.
    editor, _ = make("procedure", Procedure(procedure_date=SEED_POEM_DATE, procedure_type=kind))
    assert shown_fields(editor) == fields


def test_fields_of_a_type_no_longer_chosen_are_not_saved(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("procedure")
    choose(qtbot, editor.field("poem_access"), "A", "Anterior")
    type_into(qtbot, editor.field("myotomy_length_cm"), "12")
    type_into(qtbot, editor.field("gastric_myotomy_length_cm"), "abc")  # unreadable, but about to be hidden
    type_into(qtbot, editor.field("knife"), "triangle tip")
    assert editor.current_errors()

    choose(qtbot, editor.field("procedure_type"), "Pn", "Pneumatic/balloon dilation")
    assert not editor.field("myotomy_length_cm").isVisibleTo(editor)
    assert not editor.current_errors()
    type_into(qtbot, editor.field("balloon_diameter_mm"), "30")
    type_into(qtbot, editor.field("balloon_pressure_psi"), "10,5")
    qtbot.keyClick(editor.field("balloon_pressure_psi"), Qt.Key.Key_Return)

    [saved] = spy.records
    assert saved.procedure_type == ProcedureType.BALLOON_DILATION
    assert (saved.balloon_diameter_mm, saved.balloon_pressure_psi) == (Decimal(30), Decimal("10.5"))
    assert saved.poem_access is None
    assert saved.myotomy_length_cm is None
    assert saved.gastric_myotomy_length_cm is None
    assert saved.knife == ""


def test_switching_back_shows_what_was_typed_and_poem_drops_the_fundoplication(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("procedure")
    choose(qtbot, editor.field("procedure_type"), "La", "Laparoscopic Heller myotomy")
    choose(qtbot, editor.field("fundoplication"), "D", "Dor (anterior)")
    type_into(qtbot, editor.field("myotomy_length_cm"), "8")
    assert editor.read()[0].fundoplication == Fundoplication.DOR

    editor.field("procedure_type").set_value(ProcedureType.BOTULINUM_TOXIN)
    editor.field("procedure_type").set_value(ProcedureType.LHM)
    assert editor.field("myotomy_length_cm").text() == "8"
    assert editor.field("fundoplication").value() == Fundoplication.DOR

    editor.field("procedure_type").set_value(ProcedureType.POEM)
    record = editor.read()[0]
    assert record.myotomy_length_cm == Decimal(8)  # POEM and Heller share the myotomy lengths
    assert record.fundoplication is None


def test_dialog_height_follows_the_shown_section(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("procedure")
    poem_height = editor.height()
    editor.field("procedure_type").set_value(ProcedureType.OESOPHAGECTOMY)
    assert editor.height() < poem_height - 60
    editor.field("procedure_type").set_value(ProcedureType.POEM)
    assert editor.height() == poem_height


def test_an_existing_procedure_loads_unchanged_and_closes_without_asking(
    qtbot: QtBot, make: Callable, questions: list[str]
) -> None:
    stored = Procedure(
        procedure_date=SEED_POEM_DATE,
        procedure_type=ProcedureType.POEM,
        rescue=True,
        poem_access=PoemAccess.POSTERIOR,
        myotomy_length_cm=Decimal("10.0"),
        gastric_myotomy_length_cm=Decimal("2.7"),
        knife="hybrid T knife",
        duration_min=44,
        anaesthesia="general",
        length_of_stay_days=5,
        operator="Dr. Rojas",
        complication_grade=ComplicationGrade.MILD,
        complication_text="small mucosal injury, clipped",
        notes="posterior access after anterior LHM",
        patient_id=7,
        id=3,
        version=2,
    )
    editor, spy = make("procedure", stored)
    assert editor.read() == (stored, [])
    assert not editor.is_dirty()
    assert editor.field("complication_grade").currentText() == "Mild"
    qtbot.keyClick(editor.field("knife"), Qt.Key.Key_Escape)
    assert questions == []
    assert editor.result() == QDialog.DialogCode.Rejected
    assert spy.records == []


def test_labels_name_the_units_and_the_balloon_is_a_diameter(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("procedure")
    units = {
        "myotomy_length_cm": "(cm)",
        "gastric_myotomy_length_cm": "(cm)",
        "balloon_diameter_mm": "(mm)",
        "balloon_pressure_psi": "(psi)",
        "botox_units": "(U)",
        "duration_min": "(min)",
        "length_of_stay_days": "(days)",
    }
    for name, unit in units.items():
        assert unit in label_of(editor, name), name
    assert "diameter" in label_of(editor, "balloon_diameter_mm").lower()
    assert "volume" not in label_of(editor, "balloon_diameter_mm").lower()
    # "None" is a grade and a fundoplication, not an endoscopic finding.
    assert editor.field("complication_grade").currentText() == "None"
    fundoplication = editor.field("fundoplication")
    assert [fundoplication.itemText(i) for i in range(fundoplication.count())] == [
        "not recorded",
        "Dor (anterior)",
        "Toupet (posterior)",
        "None",
    ]
    access = editor.field("poem_access")
    assert [access.itemText(i) for i in range(access.count())] == ["not recorded", "Anterior", "Posterior"]


# -- manometry ---------------------------------------------------------------------------------------------------


def test_seed_case_manometry_typed_from_the_keyboard(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("manometry", birth_date=BIRTH_DATE)
    type_into(qtbot, editor.field("system"), "ManoScan 36-channel")
    type_into(qtbot, editor.field("irp_supine_mmhg"), "33")
    type_into(qtbot, editor.field("irp_upright_mmhg"), "25,5")
    type_into(qtbot, editor.field("irp_upper_limit_mmhg"), "15")
    press(qtbot, editor.field("subtype"), [Qt.Key.Key_Home, Qt.Key.Key_Down], "Achalasia type II")
    type_into(qtbot, editor.field("failed_swallows_pct"), "100")
    type_into(qtbot, editor.field("pan_pressurisation_pct"), "40")
    type_into(qtbot, editor.field("premature_swallows_pct"), "0")
    type_into(qtbot, editor.field("dci_mmhg_s_cm"), "0")
    type_into(qtbot, editor.field("les_resting_pressure_mmhg"), "45.3")

    qtbot.keyClick(editor.field("les_resting_pressure_mmhg"), Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    [saved] = spy.records
    assert saved == Manometry(
        study_date=dt.date(2025, 5, 20),
        system="ManoScan 36-channel",
        irp_supine_mmhg=Decimal(33),
        irp_upright_mmhg=Decimal("25.5"),
        irp_upper_limit_mmhg=Decimal(15),
        subtype=ChicagoSubtype.ACHALASIA_TYPE_II,
        conclusive=True,
        failed_swallows_pct=Decimal(100),
        pan_pressurisation_pct=Decimal(40),
        premature_swallows_pct=Decimal(0),
        dci_mmhg_s_cm=Decimal(0),
        les_resting_pressure_mmhg=Decimal("45.3"),
    )


def test_irp_out_of_range_is_shown_on_its_field(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("manometry")
    type_into(qtbot, editor.field("irp_supine_mmhg"), "200")
    type_into(qtbot, editor.field("irp_upright_mmhg"), "-25")
    assert error_text(editor, "irp_supine_mmhg") == "IRP supine must be between -20 and 150 mmHg; you entered 200"
    assert error_text(editor, "irp_upright_mmhg") == "IRP upright must be between -20 and 150 mmHg; you entered -25"
    assert editor.current_errors()
    qtbot.keyClick(editor.field("irp_supine_mmhg"), Qt.Key.Key_Return)
    assert spy.records == []

    type_into(qtbot, editor.field("irp_supine_mmhg"), "33")
    editor.field("irp_upright_mmhg").clear()
    assert error_text(editor, "irp_supine_mmhg") is None
    assert not editor.current_errors()


def test_percentages_and_unreadable_values(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("manometry")
    type_into(qtbot, editor.field("failed_swallows_pct"), "120")
    type_into(qtbot, editor.field("dci_mmhg_s_cm"), "1 200")
    assert error_text(editor, "failed_swallows_pct") == "Failed swallows must be between 0 and 100 %; you entered 120"
    assert error_text(editor, "dci_mmhg_s_cm") == "Distal contractile integral: '1 200' is not a number"


def test_irp_limit_says_it_depends_on_the_system(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("manometry")
    limit = editor.field("irp_upper_limit_mmhg")
    help_label = editor.findChild(QLabel, "irpUpperLimitHelp")
    assert help_label.isVisibleTo(editor)
    assert "system" in help_label.text()
    assert "system" in limit.toolTip()
    assert label_of(editor, "irp_upper_limit_mmhg") == "IRP upper limit of normal (mmHg)"
    assert "(mmHg·s·cm)" in label_of(editor, "dci_mmhg_s_cm")
    assert "(%)" in label_of(editor, "pan_pressurisation_pct")


def test_choosing_a_subtype_sets_conclusive_to_match(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make(
        "manometry", Manometry(study_date=SEED_POEM_DATE, subtype=ChicagoSubtype.ACHALASIA_TYPE_I, conclusive=True)
    )
    assert editor.field("conclusive").isChecked()
    choose(qtbot, editor.field("subtype"), "Inc", "Inconclusive")
    assert not editor.field("conclusive").isChecked()
    assert editor.read()[0].conclusive is False
    subtype = editor.field("subtype")
    subtype.setCurrentIndex(subtype.findText("Achalasia type I"))
    assert editor.field("conclusive").isChecked()


# -- endoscopy ---------------------------------------------------------------------------------------------------


def test_seed_case_gastroscopy_typed_from_the_keyboard(qtbot: QtBot, make: Callable) -> None:
    editor, spy = make("endoscopy", birth_date=BIRTH_DATE)
    choose(qtbot, editor.field("les_opening"), "E", "Easy opening")
    # Space opens a combo's list, so a label with spaces is reached with the arrow keys.
    press(qtbot, editor.field("oesophagitis"), [Qt.Key.Key_Down, Qt.Key.Key_Down], "LA grade B")
    qtbot.keyClick(editor.field("residue"), Qt.Key.Key_Space)
    findings = editor.field("findings")
    qtbot.keyClicks(findings, "Easy passage of the cardia.")
    qtbot.keyClick(findings, Qt.Key.Key_Tab)  # moves on: no tab character in the text
    assert findings.toPlainText() == "Easy passage of the cardia."

    qtbot.keyClick(editor.field("exam_date"), Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert spy.records == [
        Endoscopy(
            exam_date=dt.date(2025, 12, 10),
            les_opening=LesOpening.EASY,
            oesophagitis=OesophagitisGrade.LA_B,
            residue=True,
            findings="Easy passage of the cardia.",
        )
    ]


def test_long_error_lines_are_not_cut_off(qtbot: QtBot, make: Callable) -> None:
    editor, _ = make("manometry")
    type_into(qtbot, editor.field("irp_supine_mmhg"), "200")
    type_into(qtbot, editor.field("dci_mmhg_s_cm"), "1.234,5")
    qtbot.wait(20)
    for name in ("irp_supine_mmhg", "dci_mmhg_s_cm"):
        label = editor.findChild(QLabel, f"{name}Error")
        assert label.height() >= label.heightForWidth(label.width()), name
        assert editor.field(name).height() >= editor.field(name).minimumSizeHint().height(), name


# -- every editor ------------------------------------------------------------------------------------------------

KINDS = ["procedure", "manometry", "endoscopy"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_in_the_future_is_refused(qtbot: QtBot, make: Callable, kind: str) -> None:
    editor, spy = make(kind)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    type_date(qtbot, editor.field(DATE_FIELD[kind]), tomorrow)
    assert error_text(editor, DATE_FIELD[kind]) == (
        f"{DATE_LABEL[kind]} cannot be in the future; you entered {tomorrow.isoformat()}"
    )
    assert editor.current_errors()
    qtbot.keyClick(editor.field(DATE_FIELD[kind]), Qt.Key.Key_Return)
    assert spy.records == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_before_birth_is_refused(qtbot: QtBot, make: Callable, kind: str) -> None:
    editor, _ = make(kind, birth_date=BIRTH_DATE)
    type_date(qtbot, editor.field(DATE_FIELD[kind]), dt.date(2010, 3, 14))
    assert error_text(editor, DATE_FIELD[kind]) == (
        f"{DATE_LABEL[kind]} cannot be before the birth date (2010-03-15); you entered 2010-03-14"
    )
    assert editor.current_errors()
    type_date(qtbot, editor.field(DATE_FIELD[kind]), dt.date(2010, 3, 15))
    assert error_text(editor, DATE_FIELD[kind]) is None
    assert not editor.current_errors()


@pytest.mark.parametrize("kind", KINDS)
def test_escape_on_an_unchanged_editor_closes_without_asking(
    qtbot: QtBot, make: Callable, questions: list[str], kind: str
) -> None:
    editor, spy = make(kind)
    qtbot.keyClick(editor.field(DATE_FIELD[kind]), Qt.Key.Key_Escape)
    assert questions == []
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert spy.records == []


@pytest.mark.parametrize("kind", KINDS)
def test_escape_after_a_change_asks_and_cancel_keeps_editing(
    qtbot: QtBot, make: Callable, questions: _Asked, kind: str
) -> None:
    editor, spy = make(kind)
    editor.field("notes" if kind != "endoscopy" else "findings").setPlainText("typed")

    questions.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(editor.field(DATE_FIELD[kind]), Qt.Key.Key_Escape)
    assert questions == ["Discard the changes you made?"]
    assert editor.isVisible()

    questions.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(editor.field(DATE_FIELD[kind]), Qt.Key.Key_Escape)
    assert len(questions) == 2
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert spy.records == []


def _tab_stops(editor: RecordEditor[Any]) -> list[QWidget]:
    """The visible fields and buttons in the order Tab visits them."""
    stops = []
    widget = editor.nextInFocusChain()
    while widget is not editor:
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None
        is_input = isinstance(widget, QLineEdit | QComboBox | QCheckBox | QPlainTextEdit)
        if takes_tab and widget.isVisibleTo(editor) and widget.objectName() and (is_input or widget.isEnabled()):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


@pytest.mark.parametrize(
    ("kind", "procedure_type"),
    [
        ("procedure", ProcedureType.POEM),
        ("procedure", ProcedureType.LHM),
        ("procedure", ProcedureType.BALLOON_DILATION),
        ("procedure", ProcedureType.BOTULINUM_TOXIN),
        ("manometry", None),
        ("endoscopy", None),
    ],
)
def test_tab_order_is_the_visual_order(
    qtbot: QtBot, make: Callable, kind: str, procedure_type: ProcedureType | None
) -> None:
    editor, _ = make(kind)
    if procedure_type is not None:
        editor.field("procedure_type").set_value(procedure_type)
    qtbot.waitExposed(editor)
    stops = [w for w in _tab_stops(editor) if w.objectName() != "qt_spinbox_lineedit"]
    names = [w.objectName() for w in stops]
    record_fields = {f.name for f in dataclasses.fields(type(new_record(kind)))}
    assert names[-2:] == ["saveButton", "cancelButton"]
    assert set(names[:-2]) <= record_fields
    positions = [w.mapTo(editor, QPoint(0, 0)).y() for w in stops[:-2]]
    assert positions == sorted(positions), names


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_named_and_labelled(qtbot: QtBot, make: Callable, kind: str) -> None:
    editor, _ = make(kind)
    record_fields = {f.name for f in dataclasses.fields(type(new_record(kind)))}
    inputs = [
        w
        for w in editor.findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox | QCheckBox | QPlainTextEdit) and w.objectName() != "qt_spinbox_lineedit"
    ]
    assert inputs
    for widget in inputs:
        assert widget.objectName() in record_fields, widget
        assert widget.accessibleName(), widget.objectName()
        assert label_of(editor, widget.objectName()), widget.objectName()


@pytest.mark.parametrize(
    ("name", "kind", "procedure_type"),
    [
        ("procedure-poem", "procedure", ProcedureType.POEM),
        ("procedure-lhm", "procedure", ProcedureType.LHM),
        ("procedure-dilation", "procedure", ProcedureType.BALLOON_DILATION),
        ("procedure-botox", "procedure", ProcedureType.BOTULINUM_TOXIN),
        ("manometry", "manometry", None),
        ("endoscopy", "endoscopy", None),
    ],
)
def test_editors_render(
    qtbot: QtBot, make: Callable, tmp_path: Path, name: str, kind: str, procedure_type: ProcedureType | None
) -> None:
    editor, _ = make(kind)
    if procedure_type is not None:
        editor.field("procedure_type").set_value(procedure_type)
    if procedure_type == ProcedureType.BALLOON_DILATION:
        type_into(qtbot, editor.field("balloon_diameter_mm"), "120")  # show an error line too
    qtbot.waitExposed(editor)
    image = editor.grab()
    assert image.width() >= 400
    assert image.save(str(tmp_path / f"editor-{name}.png"))
    assert (tmp_path / f"editor-{name}.png").stat().st_size > 5_000
    image.save(f"/tmp/editor-{name}.png")  # for a person to look at; not part of the assertion
