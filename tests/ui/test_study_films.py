"""Record > Films of the study: attach a film to a timed minute (a file that names another patient only when the
user confirms), measure it in the viewer into the record, compare with another study, remove it (kept in the
history); on a real database, through the same services as ``barium-tracker image``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from barium_tracker.domain.records import TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import seed_case
from barium_tracker.services.images.library import list_images
from barium_tracker.services.patients import load_history
from barium_tracker.services.records import save_histories
from barium_tracker.ui import modal
from barium_tracker.ui.films import dialog as measure_dialog
from barium_tracker.ui.films.study_films import StudyFilmsDialog
from barium_tracker.ui.films.tools import Tool
from tests.support.radiographs import write_radiograph_dicom

PRE, POST = dt.date(2025, 6, 9), dt.date(2025, 7, 10)


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Clinic]:
    clinic = Clinic.open(tmp_path / "clinic.sqlite3")
    save_histories(clinic, [seed_case()], source="test")
    yield clinic
    clinic.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[Any], int]]:
    """Handlers for the next modal dialogs (the film's mismatch question, the measuring dialog), in order."""
    queue: list[Callable[[Any], int]] = []

    def fake_run_modal(dialog: Any) -> int:
        assert queue, f"unexpected dialog {type(dialog).__name__}"
        return queue.pop(0)(dialog)

    monkeypatch.setattr(modal, "run_modal", fake_run_modal)
    monkeypatch.setattr(measure_dialog, "run_modal", fake_run_modal)
    return queue


def _study(clinic: Clinic, day: dt.date) -> TbeStudy:
    history = load_history(clinic, mrn="DEMO-0001")
    return next(s for s in history.studies if s.study_date == day)


def _film(tmp_path: Path, name: str, day: dt.date, **identity: Any) -> Path:
    """A 400 x 300 px film at 0.5 mm per pixel (PixelSpacing), the seed patient's unless told otherwise."""
    kwargs: dict[str, Any] = {"patient_id": "DEMO-0001", "patient_name": "Quispe Huamán^Mateo", **identity}
    return write_radiograph_dicom(
        tmp_path / name, rows=400, cols=300, pixel_spacing=[0.5, 0.5], study_date=day, **kwargs
    )


def _dialog(qtbot: QtBot, clinic: Clinic, day: dt.date) -> StudyFilmsDialog:
    dialog = StudyFilmsDialog(clinic, "DEMO-0001", _study(clinic, day))
    qtbot.addWidget(dialog)
    return dialog


def test_attach_a_film_to_a_minute_and_list_it_with_its_scale(
    qtbot: QtBot, seeded: Clinic, tmp_path: Path, answers: list
) -> None:
    dialog = _dialog(qtbot, seeded, PRE)
    assert not dialog.empty.isHidden() and dialog.table.isHidden()  # says what to do first
    assert not dialog.measure_button.isEnabled()
    dialog.minute.setCurrentIndex(dialog.minute.findData(5))
    dialog.attach(_film(tmp_path, "pre.dcm", PRE))
    assert dialog.changed and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "5 min" and not dialog.table.item(0, 0).icon().isNull()
    assert dialog.table.item(0, 1).text() == "pre.dcm\n300 x 400 px"
    assert "Pixel Spacing" in dialog.table.item(0, 2).text()
    assert dialog.table.item(0, 3).text() == "Not measured yet: Measure…"
    (listed,) = list_images(seeded, "DEMO-0001")
    assert (listed.minute, listed.study_id, listed.file_name) == (5, _study(seeded, PRE).id, "pre.dcm")
    assert answers == []  # the film named the patient and the day: no question asked


def test_a_film_of_another_patient_is_attached_only_when_the_user_confirms(
    qtbot: QtBot, seeded: Clinic, tmp_path: Path, answers: list
) -> None:
    dialog = _dialog(qtbot, seeded, PRE)
    other = _film(tmp_path, "other.dcm", PRE, patient_id="HC-9999", patient_name="Mamani^Rosa")
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # the safe answer
        box.button(QMessageBox.StandardButton.Cancel).click()
        return QMessageBox.StandardButton.Cancel

    answers.append(cancel)
    dialog.attach(other)
    assert "HC-9999" in asked[0] and "DEMO-0001" in asked[0] and "Mamani" in asked[0]
    assert list_images(seeded, "DEMO-0001") == [] and not dialog.changed

    def confirm(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "Attach it all the same").click()
        return 0

    answers.append(confirm)
    dialog.attach(other)
    (listed,) = list_images(seeded, "DEMO-0001")
    assert listed.confirmed_mismatch and "HC-9999" in " ".join(listed.confirmed_mismatch)
    assert "HC-9999" in dialog.table.item(0, 1).toolTip()  # the confirmed difference stays in view
    assert dialog.table.item(0, 1).text().startswith("⚠ other.dcm")


def _measure(height_px: tuple[tuple[float, float], tuple[float, float]]) -> Callable[[Any], int]:
    def answer(dialog: Any) -> int:
        assert type(dialog).__name__ == "MeasureFilmDialog"
        dialog.tools.set_tool(Tool.HEIGHT)
        for point in height_px:
            assert dialog.tools.add_point(point)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    return answer


def test_measure_a_film_into_the_record_and_compare_it_at_the_same_scale(
    qtbot: QtBot, seeded: Clinic, tmp_path: Path, answers: list
) -> None:
    before = _dialog(qtbot, seeded, PRE)
    before.minute.setCurrentIndex(before.minute.findData(5))
    before.attach(_film(tmp_path, "pre.dcm", PRE))
    answers.append(_measure(((150, 380), (150, 140))))  # 240 px at 0.5 mm: 12 cm
    before.measure()
    assert before.table.item(0, 3).text() == "Height: 12.00 cm"
    study = next(s for s in load_history(seeded, mrn="DEMO-0001").studies if s.study_date == PRE)
    film = study.at(5)
    assert film is not None and film.height_cm == Decimal("12.00") and film.height_source == "image"

    after = _dialog(qtbot, seeded, POST)
    after.minute.setCurrentIndex(after.minute.findData(5))
    after.attach(_film(tmp_path, "post.dcm", POST))
    answers.append(_measure(((150, 380), (150, 326))))  # 54 px: 2.7 cm
    after.measure()
    compared: list[Any] = []

    def look(dialog: QDialog) -> int:
        from barium_tracker.ui.films.compare import CompareFilms

        view = dialog.findChild(CompareFilms)
        compared.append((dialog.windowTitle(), view.same_scale, [f.caption for f in view.films]))
        return 0

    answers.append(look)
    from PySide6.QtWidgets import QInputDialog

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))  # the one other film
        after.compare()
    (title, same_scale, captions) = compared[0]
    assert title == "Films at 5 min, before and after" and same_scale
    assert captions == ["Before: 2025-06-09, 5 min", "After: 2025-07-10, 5 min"]


def test_remove_keeps_the_film_in_the_history(qtbot: QtBot, seeded: Clinic, tmp_path: Path, answers: list) -> None:
    from PySide6.QtWidgets import QInputDialog

    dialog = _dialog(qtbot, seeded, PRE)
    dialog.attach(_film(tmp_path, "pre.dcm", PRE))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QInputDialog, "getText", lambda *a, **k: ("wrong minute", True))
        dialog.remove()
    assert dialog.table.isHidden() and not dialog.empty.isHidden()
    (kept,) = list_images(seeded, "DEMO-0001", include_removed=True)
    assert kept.removed


def test_the_films_action_opens_the_selected_study(
    qtbot: QtBot, seeded: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barium_tracker.ui.main_window import MainWindow

    window = MainWindow(seeded)
    qtbot.addWidget(window)
    window.select_patient(1)
    opened: list[Any] = []
    monkeypatch.setattr(
        "barium_tracker.ui.films.study_films.show_study_films",
        lambda clinic, mrn, study, parent: opened.append((mrn, study.study_date)) or False,
    )
    action = window.actions_by_name["actionFilms"]
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+F"
    action.trigger()
    assert opened == [("DEMO-0001", POST)]  # nothing selected in the timeline: the latest study


def test_tab_walks_the_films_dialog_in_reading_order(qtbot: QtBot, seeded: Clinic, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = _dialog(qtbot, seeded, PRE)
    dialog.attach(_film(tmp_path, "pre.dcm", PRE))
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.minute.setFocus()
    seen = []
    for _ in range(7):
        widget = QApplication.focusWidget()
        seen.append(widget.objectName() or widget.text().replace("&", ""))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen == ["filmMinute", "attachFilm", "filmsTable", "measureFilm", "compareFilm", "removeFilm", "Close"]
    assert QApplication.focusWidget() is dialog.minute  # and round again: Tab never stays in the list
