"""The seed case of DOMAIN.md entered in Spanish with key presses only, then read back from the database.

Every key goes where a keyboard sends it: to the focus widget of the active popup, else of the active modal dialog,
else of the application (``QApplication.focusWidget()``), re-read before every key. The test never picks a widget
to type into, never sets a text or a value and never clicks; it moves with Tab (and Shift+Tab), opens the editors
with the menus' shortcuts, chooses from lists by typing the first letters of a choice, types dates as the clinic
writes them (09/06/2025) and heights with a decimal comma (2,7), saves with Ctrl+Enter and answers the "discard?"
question with keys too. :func:`tab_to` fails after a few Tabs, naming every field the focus went through, so a
keyboard trap is a clear failure rather than a hang.

The keyboard and its helpers are tests/support/keyboard.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import seed_case
from barium_tracker.services.patients import load_history
from barium_tracker.services.summary import summarize, summary_to_json
from barium_tracker.ui import language
from barium_tracker.ui.app import make_application
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.main_window import MainWindow
from tests.support.keyboard import (
    CTRL,
    CTRL_SHIFT,
    Key,
    Mark,
    Press,
    Scenario,
    Until,
    choose,
    dialog_closed,
    dialog_open,
    fill,
    key,
    key_target,
    run,
    save,
    tab_to,
    tab_to_cell,
    type_text,
)
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

# -- the seed case --------------------------------------------------------------------------------------------------


def patient() -> Scenario:
    yield Press(Key.Key_N, CTRL)
    yield dialog_open("Nuevo paciente")
    yield from fill("N.º de HC", "DEMO-0001")
    yield from fill("Apellidos", "Quispe Huamán")
    yield from fill("Nombres", "Mateo")
    yield from fill("Fecha de nacimiento", "02/11/2009")
    yield from choose("Sexo", "M", "Masculino")
    yield from tab_to("Diagnóstico")
    yield from type_text("A")
    yield from key(Key.Key_Down)
    yield Until(lambda: key_target().currentText() == "Acalasia tipo II", "Acalasia tipo II")  # type: ignore[union-attr]
    yield from fill("Fecha del diagnóstico", "20/05/2021")
    yield from save()


def procedure(
    date: str, kind_typed: str, kind: str, then: Callable[[], Scenario] | None = None, *, first_key: bool = True
) -> Scenario:
    yield Press(Key.Key_R, CTRL_SHIFT)
    yield dialog_open("procedimiento")
    yield from fill("Fecha del procedimiento", date)
    yield from choose("Tipo de procedimiento", kind_typed, kind)
    if then is not None:
        yield from then()
    yield from save()


def lhm_details() -> Scenario:
    yield from choose("Funduplicatura", "D", "Dor (anterior)")


def poem_details() -> Scenario:
    yield from tab_to("Rescate")
    yield from key(Key.Key_Space)
    yield Until(lambda: key_target().isChecked(), "the rescue box ticked")  # type: ignore[union-attr]
    yield from choose("Acceso del POEM", "P", "Posterior")
    yield from fill("Longitud de la miotomía", "10")
    yield from fill("Longitud de la miotomía gástrica", "3")
    yield from fill("Bisturí endoscópico", "Hybrid T knife")
    yield from fill("Duración del procedimiento", "44")
    yield from fill("Anestesia", "General")
    yield from fill("Duración de la hospitalización", "5")


def eckardt(date: str, items: tuple[int, int, int, int]) -> Scenario:
    yield Press(Key.Key_K, CTRL_SHIFT)
    yield dialog_open("Eckardt")
    yield from fill("Fecha de la evaluación", date)
    for field, score in zip(
        ("Disfagia", "Regurgitación", "Dolor retroesternal", "Pérdida de peso"), items, strict=True
    ):
        yield from tab_to(field)
        yield from type_text(str(score))
        yield Until(
            lambda score=score: key_target().currentText().startswith(f"{score} -"),  # type: ignore[union-attr]
            f"{field} {score}",
            timeout_s=2,
        )
    yield from save()


def manometry() -> Scenario:
    yield Press(Key.Key_M, CTRL_SHIFT)
    yield dialog_open("manometría")
    yield from fill("Fecha de la manometría", "09/06/2025")
    yield from fill("Sistema", "High-resolution manometry")
    yield from fill("IRP en decúbito supino", "33")
    yield from tab_to("Diagnóstico según Chicago v4.0")
    yield from type_text("A")
    yield from key(Key.Key_Down)
    yield Until(lambda: key_target().currentText() == "Acalasia tipo II", "Acalasia tipo II")  # type: ignore[union-attr]
    yield from save()


def study(date: str, height_at_5: str) -> Scenario:
    yield Press(Key.Key_T, CTRL_SHIFT)
    yield dialog_open("esofagograma")
    yield from fill("Fecha del estudio", date)
    yield from tab_to("Columna de bario")  # the film grid, named by its form label
    yield from tab_to_cell(5, "Altura")
    yield from type_text(height_at_5)
    yield from key(Key.Key_Return)  # on to the next cell (Enter never saves from a grid)
    yield Until(lambda: QApplication.activeModalWidget() is not None, "the study still open after Enter")
    yield from tab_to("Tableta de bario de 13 mm")  # Tab leaves the grid after its last cell
    yield from save()


def endoscopy() -> Scenario:
    yield Press(Key.Key_D, CTRL_SHIFT)
    yield dialog_open("endoscopía")
    yield from fill("Fecha de la endoscopía", "10/12/2025")
    yield from choose("Apertura del EEI", "A", "Apertura fácil")
    yield from choose("Esofagitis (grado de Los Ángeles)", "S", "Sin esofagitis")
    yield from fill(
        "Hallazgos",
        "Gastroscopy 6 months after POEM: easy opening of the lower oesophageal sphincter, no oesophagitis.",
    )
    yield from save()


def a_slip_undone(window: MainWindow) -> Scenario:
    """27 typed for 2,7 and saved: Ctrl+Z (the focus is on the timeline, on the study just saved) takes it back."""
    yield from study("10/07/2025", "27")
    yield Until(lambda: len(window.history.studies) == 2, "the mistaken study saved")  # type: ignore[union-attr]
    yield Press(Key.Key_Z, CTRL)
    yield Until(lambda: len(window.history.studies) == 1, "the mistaken study undone")  # type: ignore[union-attr]


def a_form_left_with_escape() -> Scenario:
    """A study begun by mistake: Escape asks first; Escape again keeps editing; the second time, Discard by keys."""
    yield Press(Key.Key_T, CTRL_SHIFT)
    yield dialog_open("esofagograma")
    yield from type_text("11/07/2025")
    yield Press(Key.Key_Escape)
    yield question_open()
    yield Press(Key.Key_Escape)  # the question's Cancel: back to the form, nothing lost
    yield Until(lambda: isinstance(QApplication.activeModalWidget(), RecordEditor), "the study's form again")
    yield Press(Key.Key_Escape)
    yield question_open()
    yield from tab_to("Descartar")
    yield Press(Key.Key_Space)
    yield dialog_closed()


def question_open() -> Until:
    def asked() -> bool:
        modal = QApplication.activeModalWidget()
        return isinstance(modal, QMessageBox) and modal.text() == "¿Descartar los cambios que hizo?"

    return Until(asked, "the question whether to discard the changes, in Spanish")


def seed_case_by_keys(window: MainWindow) -> Scenario:
    yield Until(lambda: QApplication.focusWidget() is not None, "the window to take the focus")
    yield from patient()
    yield Until(lambda: window.history is not None, "the new patient on screen")
    yield from procedure("10/02/2025", "Mio", "Miotomía de Heller laparoscópica", lhm_details)
    yield from procedure("12/05/2025", "Dil", "Dilatación neumática/con balón")
    yield from manometry()
    yield from eckardt("09/06/2025", (3, 3, 3, 3))
    yield from study("09/06/2025", "12")
    yield from procedure("10/06/2025", "POEM", "POEM", poem_details)
    yield Mark("before the slips")
    yield from a_slip_undone(window)
    yield from a_form_left_with_escape()
    yield Mark("after the slips")
    yield from study("10/07/2025", "2,7")
    yield from endoscopy()
    yield from eckardt("10/06/2026", (1, 1, 0, 0))


# -- the test -------------------------------------------------------------------------------------------------------


@pytest.fixture
def spanish_window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Clinic]]:
    """The real main window in Spanish (as ``--language es`` starts it) on a new, empty database."""
    language.request(language.SPANISH)
    make_application([])
    with Clinic.open(tmp_path / "lima.sqlite3") as clinic:
        window = MainWindow(clinic)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        yield window, clinic


def _clinical(record: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's clinical values: without ids, bookkeeping and the demo's explanatory notes."""
    left_out = {"id", "patient_id", "study_id", "meta", "version", "notes", *skip}
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in left_out}


def test_the_seed_case_typed_in_spanish_is_what_the_database_holds(
    qtbot: QtBot, spanish_window: tuple[MainWindow, Clinic]
) -> None:
    window, clinic = spanish_window
    assert language.chosen() == language.SPANISH
    keyboard = run(qtbot, seed_case_by_keys(window))

    stored, seed = load_history(clinic, mrn="DEMO-0001"), seed_case()
    assert _clinical(stored.patient) == _clinical(seed.patient)
    assert stored.patient.family_name == "Quispe Huamán"
    for kind in ("procedures", "manometry", "eckardt", "endoscopy"):
        assert [_clinical(r) for r in getattr(stored, kind)] == [_clinical(r) for r in getattr(seed, kind)], kind
    assert [_clinical(s, skip=("measurements",)) for s in stored.studies] == [
        _clinical(s, skip=("measurements",)) for s in seed.studies
    ]
    assert [[_clinical(m) for m in s.measurements] for s in stored.studies] == [
        [_clinical(m) for m in s.measurements] for s in seed.studies
    ]
    # The decimal comma read as a decimal: 2.7, not 2 or 27; the 5-minute film only.
    assert [s.height_at(5) for s in stored.studies] == [Decimal(12), Decimal("2.7")]
    assert [(m.minute, m.height_cm, m.width_cm) for m in stored.studies[1].measurements] == [(5, Decimal("2.7"), None)]
    assert [e.total for e in stored.eckardt] == [12, 2]
    # What the window says about it, in Spanish with the decimal comma, and the numbers under it.
    response = summary_to_json(summarize(stored))["responses"][-1]
    change = response["follow_ups"][0]["changes"][0]
    assert (change["pre_height_cm"], change["post_height_cm"], change["height_change_pct"]) == (12, 2.7, -77.5)
    assert "altura a los 5 min de 12 a 2,7 cm (-77,5 %)" in window.workspace.responses.toPlainText()
    assert window.workspace.timeline_model.rowCount() == 9
    slips = keyboard.marks["after the slips"] - keyboard.marks["before the slips"]
    print(f"\nthe seed case took {keyboard.presses - slips} key presses, and the slips {slips} more")
