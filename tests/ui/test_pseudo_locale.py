"""The pseudo-locale run: every string on the main window and every editor and dialog goes through a translation.

In the pseudo-locale (``ui/pseudo_locale.py``) each text the catalogues translate shows as ``⟦...⟧``; a word on
screen outside the brackets was built in code, missed ``tr()`` or was looked up under a context the catalogue does
not hold. The dialogs are opened the way the user opens them (the window's actions), walked while they are up
(:class:`tests.support.pseudo_walk.ModalWatcher`) and closed with Escape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.domain.procedure_types import ProcedureType
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.ui import pseudo_locale
from barium_tracker.ui.main_window import MainWindow
from barium_tracker.ui.pseudo_locale import pseudo
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tests.support.pseudo_walk import ModalWatcher, data_words, exchange_columns, findings, untranslated

SPREADSHEET = (
    "MRN;Family_Name;Given_Name;Birth_Date;Sex;Diagnosis;Study_Date;Volumen (mL);Height_1min_cm;Height_5min_cm\n"
    "LIMA-0201;Mamani Condori;Rosa;14/03/1988;F;achalasia type II;02/09/2025;200;9,5;6,0\n"
    "LIMA-0202;Torres Vega;Luis;27/07/1975;M;achalasia type I;30/02/2025;200;7,3;45\n"
)

#: Text still built in English outside the GUI, by widget or message: reported (the run ends xfailed listing them)
#: until these services say Message values. Anything else untranslated fails the run.
KNOWN_GAPS = {
    # services/charts.py writes the emptying chart's study list and hover texts as English f-strings
    # ("30 days after Rescue POEM", "width not measured", "TBE 2025-07-10").
    "QListWidget(emptyingStudies)": "services/charts.py: _relations, _hover_text, _film_text",
    # storage/database.py raises DatabaseUnavailable with an English sentence (storage has no translation).
    "does not exist, so the database cannot be created there": "storage/database.py: DatabaseUnavailable",
}


def test_pseudo_keeps_placeholders_mnemonics_markup_and_file_patterns() -> None:
    assert pseudo("&Save").startswith("⟦&S") and pseudo("&Save").endswith("⟧")
    said = pseudo("Height at {minute} min must be %1; <b>{0}</b> &amp; %n (*.csv *.xlsx)")
    for kept in ("{minute}", "%1", "<b>", "{0}", "</b>", "&amp;", "%n", "(*.csv *.xlsx)"):
        assert kept in said
    assert "Height" not in said and len(said) > len("Height at {minute} min must be")
    assert untranslated(said, set()) == []
    assert untranslated("⟦Ŝàṽé··⟧ Save", set()) == ["Save"]
    assert untranslated("⟦Ĥéíĝĥŧ··⟧: 2,7 cm, 2025-05-12, ⟦Ćŧŕł·⟧+⟦Šĥíƒŧ··⟧+T, Ana", {"Ana"}) == []
    assert untranslated("Ctrl+T", set()) == ["Ctrl"]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic, cohort_size=12)
        pseudo_locale.install()
        try:
            main = MainWindow(clinic, demo=True)
            qtbot.addWidget(main)
            main.resize(1440, 900)
            main.show()
            main.search.setText("DEMO-0001")
            main.apply_search()
            qtbot.waitUntil(lambda: main.model.rowCount() == 1, timeout=5000)
            main.select_row(0)
            qtbot.waitUntil(lambda: main.history is not None, timeout=5000)
            yield main
        finally:
            pseudo_locale.uninstall()


def _allowed(clinic: Clinic) -> set[str]:
    from barium_tracker.services.patients import load_all_histories

    return data_words(load_all_histories(clinic))


def _walk_dialogs(run: Callable[[], object], allowed: set[str], answer: Callable[[QDialog], None] | None = None):
    """Run ``run`` (which opens modal dialogs); return (titles seen, findings)."""
    watcher = ModalWatcher(allowed, answer)
    try:
        run()
        QApplication.processEvents()
    finally:
        watcher.stop()
    return watcher.seen, watcher.found


def test_the_main_window_and_every_editor_and_dialog_are_translated(qtbot: QtBot, window: MainWindow) -> None:
    clinic = window.clinic
    allowed = _allowed(clinic)
    found: list[str] = []
    seen: list[str] = []

    def walk(run: Callable[[], object], answer: Callable[[QDialog], None] | None = None) -> None:
        titles, problems = _walk_dialogs(run, allowed, answer)
        seen.extend(titles)
        found.extend(problems)

    # -- the main window, each tab of the workspace
    tabs = window.workspace.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += [f"[main window, tab {index}] {line}" for line in findings(window, allowed)]
    tabs.setCurrentIndex(0)

    # -- new and edit, every kind of record
    history = window.history
    assert history is not None
    walk(window.new_patient)
    walk(window.edit_patient)
    for kind in ("tbe_study", "procedure", "eckardt", "manometry", "endoscopy"):
        walk(lambda kind=kind: window.new_event(kind))
    for kind, records in (
        ("tbe_study", history.studies),
        ("procedure", history.procedures),
        ("eckardt", history.eckardt),
        ("manometry", history.manometry),
        ("endoscopy", history.endoscopy),
    ):
        walk(lambda kind=kind, records=records: window.edit_event(kind, records[0].id))

    # -- the procedure editor for each type (each shows its own sections)
    def every_type(dialog: QDialog) -> None:
        combo = dialog.findChild(QComboBox, "procedure_type")
        assert combo is not None
        assert combo.count() == len(ProcedureType)
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            QApplication.processEvents()
            found.extend(f"[procedure type {index}] {line}" for line in findings(dialog, allowed))
        dialog.done(0)

    walk(lambda: window.new_event("procedure"), every_type)

    # -- an editor's errors, then the discard question (Escape on a changed form)
    def errors_then_discard(dialog: QDialog) -> None:
        mrn = dialog.findChild(QLineEdit, "mrn")
        assert mrn is not None
        mrn.setText("")
        dialog.accept()  # refused: the MRN is required, said under the field
        QApplication.processEvents()
        found.extend(f"[patient editor, errors] {line}" for line in findings(dialog, allowed))
        shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
        assert shown
        mrn.setText("X-1")
        dialog.reject()  # the question comes up (walked too), answered with Escape
        dialog.done(0)

    walk(window.edit_patient, errors_then_discard)

    # -- delete confirmations (a patient, an event) answered Cancel
    walk(window.delete_selected)
    window.workspace.select_event("tbe_study", history.studies[0].id)
    window.workspace.timeline.setFocus()
    QApplication.processEvents()
    walk(window.delete_selected)

    # -- the File, Edit and Help menus' dialogs
    walk(window.preferences)
    walk(window.data_actions.export)
    walk(window.data_actions.restore)
    # The print preview (built here on the GUI thread: File > Print report lays the report out on a worker thread
    # and crashes offscreen when the preview paints it), closed once painted as tests/ui/test_report_preview.py does.
    from barium_tracker.ui.report_preview import print_report

    walk(lambda: print_report(window, clinic, history.patient.mrn), lambda d: QTimer.singleShot(1500, d.reject))
    walk(window.data_actions.backup)
    walk(window.about)
    walk(lambda: window.switch_database(str(Path(clinic.db.sqlite_path or ".").parent / "missing" / "x.sqlite3")))
    guide = window.findChildren(QDialog, "userGuide")
    window.user_guide()
    guide = [d for d in window.findChildren(QDialog, "userGuide") if d not in guide]
    assert guide
    found += [
        f"[user guide] {line}"
        for line in findings(guide[0], allowed, skip_documents=tuple(guide[0].findChildren(QWidget)))
    ]
    guide[0].close()

    # -- the cohort window
    cohort = window.show_cohort()
    qtbot.addWidget(cohort)
    QApplication.processEvents()
    found += [f"[cohort] {line}" for line in findings(cohort, allowed)]
    cohort.close()

    expected = {"PatientEditor", "StudyEditor", "ProcedureEditor", "EckardtEditor", "ManometryEditor"}
    expected |= {"EndoscopyEditor", "PreferencesDialog", "ExportDialog", "RestoreDialog", "QMessageBox"}
    assert expected <= {title.split(":")[0] for title in seen}, seen
    assert sum(title.startswith("QMessageBox") for title in seen) >= 4, seen  # discard, 2 deletes, about, error
    known = sorted({line for line in found if any(gap in line for gap in KNOWN_GAPS)})
    rest = sorted(set(found) - set(known))
    assert not rest, "\n".join(rest)
    if known:
        pytest.xfail("known gaps (see KNOWN_GAPS):\n" + "\n".join(known))


def test_qt_s_own_texts_are_pseudo_translated_too(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    pseudo_locale.install()
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Discard | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert all(b.text().startswith("⟦") for b in buttons.buttons())
        assert QCoreApplication.translate("nowhere", "Not in any catalogue") == "Not in any catalogue"
    finally:
        pseudo_locale.uninstall()


def test_the_import_wizard_pages_are_translated(qtbot: QtBot, window: MainWindow) -> None:
    from barium_tracker.ui.import_wizard import ImportWizard

    clinic = window.clinic
    allowed = _allowed(clinic) | {"LIMA", "Mamani", "Condori", "Rosa", "Torres", "Vega", "Luis", "Volumen", "lima"}
    allowed |= exchange_columns()
    csv = Path(clinic.db.sqlite_path or ".").parent / "lima.csv"
    # Data, not the program's words: the file's own headers and path, the exchange tables' and columns' names
    # (the per-minute ones too), which the wizard shows as the file format writes them.
    allowed |= set(re.findall(r"[^\W\d_]+", SPREADSHEET.splitlines()[0] + " " + str(csv)))
    allowed |= {"studies", "procedures", "eckardt", "patients", "height", "width", "min", "cm"}
    csv.write_text(SPREADSHEET, encoding="utf-8")
    wizard = ImportWizard(clinic, [csv], parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    found: list[str] = []
    pages = 0
    while True:
        QApplication.processEvents()
        found += [f"[import wizard page {pages}] {line}" for line in findings(wizard, allowed)]
        pages += 1
        if wizard.nextId() == -1 or pages > 5:
            break
        wizard.next()
    wizard.done(0)
    assert pages >= 3
    assert not found, "\n".join(sorted(set(found)))


def test_the_film_dialogs_are_translated(qtbot: QtBot, tmp_path: Path) -> None:
    import numpy as np

    from barium_tracker.domain.calibration import manual_calibration
    from barium_tracker.domain.film_measurements import FilmMeasurements
    from barium_tracker.services.images.decode import read_radiograph_file
    from barium_tracker.ui.films.compare import CompareFilms, ShownFilm
    from barium_tracker.ui.films.dialog import MeasureFilmDialog
    from tests.support.radiographs import write_png, write_radiograph_dicom

    dicom = read_radiograph_file(
        write_radiograph_dicom(tmp_path / "film.dcm", rows=200, cols=300, pixel_spacing=[0.2, 0.1], window=(2048, 4096))
    )
    png = read_radiograph_file(write_png(tmp_path / "film.png", np.zeros((360, 300), np.uint8)))
    measured = FilmMeasurements(
        height_points=((150, 180), (150, 80)),
        width_points=((100, 120), (200, 120)),
        outline_points=((100, 50), (200, 150), (200, 50), (100, 150)),  # crosses itself: the warning shows
        calibration=dicom.calibration,
    )
    allowed = {"WINDOW1", "Before", "After"}  # the file's window name and the captions: data
    pseudo_locale.install()
    try:
        found: list[str] = []
        for initial, film in ((measured, dicom), (None, png)):
            dialog = MeasureFilmDialog(film, initial)
            qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
            dialog.show()
            QApplication.processEvents()
            found += [f"[measure film] {line}" for line in findings(dialog, allowed)]
            dialog.tools.points[dialog.tools.tool.CALIBRATE] = [(10, 10), (10, 10)]  # a refused calibration
            dialog.tools.changed.emit()
            found += [f"[measure film, refused] {line}" for line in findings(dialog, allowed)]
            dialog.done(0)
        after = FilmMeasurements(
            height_points=((150, 320), (150, 300)),
            calibration=manual_calibration(20, 100, 20, 230, 13, png.calibration, "tablet"),
        )
        for second in (after, None):
            compare = CompareFilms(ShownFilm(dicom, measured, "Before"), ShownFilm(png, second, "After"))
            qtbot.addWidget(compare)
            compare.show()
            QApplication.processEvents()
            found += [f"[compare films] {line}" for line in findings(compare, allowed | {"tablet"})]
    finally:
        pseudo_locale.uninstall()
    assert not found, "\n".join(found)
