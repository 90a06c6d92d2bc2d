"""Render every screen to PNG for docs/screenshots (``make screenshots``), on a fresh demo database, offscreen.

Everything is built in a fixed scratch folder (``<temp>/barium-tracker-screens``, emptied before and removed after)
with fixed names, dates and backup times, so that re-rendering gives the same pictures: the paths and dates shown in
the dialogs do not change from one run to the next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from barium_tracker.domain.errors import UserError
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import create_demo_database
from barium_tracker.ui.app import make_application

if TYPE_CHECKING:
    from barium_tracker.ui.main_window import MainWindow

SCRATCH = "barium-tracker-screens"

#: A spreadsheet as a Lima clinic keeps it: semicolons, decimal commas, day-first dates, a Spanish header the
#: importer does not know (the barium volume), and one bad row (an impossible date and a 45 cm column).
IMPORT_CSV = """\
MRN;Family_Name;Given_Name;Birth_Date;Sex;Diagnosis;Study_Date;Volumen (mL);Height_1min_cm;Height_5min_cm;Width_5min_cm
LIMA-0201;Mamani Condori;Rosa;14/03/1988;F;achalasia type II;02/09/2025;200;9,5;6,0;3,2
LIMA-0201;;;;;;13/10/2025;200;4,2;1,5;2,1
LIMA-0202;Torres Vega;Luis Alberto;27/07/1975;M;achalasia type I;05/09/2025;200;11,0;8,4;4,0
LIMA-0202;;;;;;30/02/2025;200;7,3;45;2,5
"""

#: Backups beside the clinic database, as the app names them: (time stamp, kind).
BACKUPS = (
    ("20251124-074512", "daily"),
    ("20251121-173045", "manual"),
    ("20251121-080203", "daily"),
    ("20251120-075930", "daily"),
)


def _save(widget: QWidget, path: Path, written: list[Path]) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    written.append(path)


def _close(dialog: QDialog) -> None:
    dialog.done(0)
    dialog.deleteLater()
    QApplication.processEvents()


def render_file_menu(window: MainWindow, path: Path, written: list[Path]) -> None:
    """The top-left corner of the main window with its File menu open (the menu grabbed and drawn under "File")."""
    bar = window.menuBar()
    file_action = bar.actions()[0]
    menu = file_action.menu()
    anchor = bar.mapTo(window, bar.actionGeometry(file_action).bottomLeft())
    menu.popup(window.mapToGlobal(anchor))
    QApplication.processEvents()
    picture = menu.grab()
    menu.hide()
    shot = window.grab()
    with QPainter(shot) as painter:
        painter.drawPixmap(anchor, picture)
    width = max(720, anchor.x() + picture.width() + 340)
    height = anchor.y() + picture.height() + 40
    shot.copy(0, 0, width, height).save(str(path))
    written.append(path)


def render_import_wizard(clinic: Clinic, window: QWidget, folder: Path, out_dir: Path, written: list[Path]) -> None:
    """The wizard on its preview page (an unknown Spanish header mapped) and on its check page (the bad row)."""
    from barium_tracker.ui.import_wizard import ImportWizard

    folder.mkdir(parents=True, exist_ok=True)
    csv = folder / "studies.csv"
    csv.write_text(IMPORT_CSV, encoding="utf-8")
    wizard = ImportWizard(clinic, [csv], parent=window)
    wizard.files_page.day_first.setChecked(True)
    wizard.mapping["Volumen (mL)"] = "barium_volume_ml"
    wizard.resize(1200, 640)
    wizard.show()
    wizard.next()  # the preview page reads the file with the mapping
    _save(wizard, out_dir / "import-preview.png", written)
    wizard.next()  # the check page: a dry run listing every problem
    _save(wizard, out_dir / "import-check.png", written)
    _close(wizard)


def render_export_dialog(window: MainWindow, path: Path, written: list[Path]) -> None:
    import datetime as dt

    from barium_tracker.ui.export_dialog import ExportDialog

    history = window.history
    assert history is not None
    dialog = ExportDialog(
        window,
        patient=(history.patient.mrn, history.patient.display_name),
        folder=Path("/home/clinic/Documents"),
        today=dt.date(2025, 11, 24),
    )
    _save(dialog, path, written)
    _close(dialog)


def render_task_dialog(window: QWidget, path: Path, written: list[Path]) -> None:
    from barium_tracker.ui.tasks import TaskDialog

    dialog = TaskDialog("Importing", window)
    dialog.show_progress(2150, 4000, "Checking rows")
    _save(dialog, path, written)
    _close(dialog)


#: When the docs' report says it was generated (a fixed moment, so the pages change only when the report does).
REPORT_GENERATED = dt.datetime(2026, 4, 20, 9, 30)


def render_report_pages(clinic: Clinic, out_dir: Path, written: list[Path], *, pages: int = 2) -> None:
    """The seed case's report, its first pages at 100 dpi, in the window's language and notation (as printed)."""
    from barium_tracker.services.demo import SEED_MRN
    from barium_tracker.services.report import build_report
    from barium_tracker.ui.report_preview import report_writing

    report = build_report(
        clinic,
        SEED_MRN,
        clinic_name="Servicio de Gastroenterología, Hospital Nacional",
        generated=REPORT_GENERATED,
        writing=report_writing(),
    )
    for index in range(min(pages, report.page_count)):
        path = out_dir / f"report-page-{index + 1}.png"
        report.page_image(index, 100).save(str(path), "PNG")
        written.append(path)


def render_preferences(clinic: Clinic, window: QWidget, path: Path, written: list[Path]) -> None:
    from barium_tracker.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(clinic, window)
    dialog.clinic_name.setText("Servicio de Gastroenterología, Hospital Nacional")  # shown, not saved
    _save(dialog, path, written)
    _close(dialog)


def make_clinic_copy(clinic: Clinic, folder: Path) -> Path:
    """A closed copy of the demo database, ``barium-tracker.sqlite3``, with backups at fixed times beside it."""
    from barium_tracker.services.backups import backup_now

    folder.mkdir(parents=True, exist_ok=True)
    database = backup_now(clinic, folder / "barium-tracker.sqlite3")  # a verified, self-contained copy
    backups = folder / "backups"
    backups.mkdir(exist_ok=True)
    for stamp, kind in BACKUPS:
        shutil.copyfile(database, backups / f"{database.stem}-{stamp}-{kind}.sqlite3")
    return database


def render_restore_dialog(database: Path, window: QWidget, path: Path, written: list[Path]) -> None:
    from barium_tracker.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(database, window)
    dialog.resize(680, 400)
    _save(dialog, path, written)
    _close(dialog)


def render_open_failure(database: Path, path: Path, written: list[Path]) -> None:
    """The start-up dialog for a damaged database that has a good backup (grabbed instead of run modally)."""
    from barium_tracker.ui import modal
    from barium_tracker.ui.app import OpenFailure

    data = bytearray(database.read_bytes())
    data[200:4096] = b"\x5a" * (4096 - 200)  # the schema page: "database disk image is malformed"
    database.write_bytes(bytes(data))
    try:
        Clinic.open(str(database), daily_backup=True).close()
        raise RuntimeError(f"{database} was meant to be damaged but opened")
    except UserError as error:
        failure = OpenFailure(str(database), error)

    def grab(dialog: QDialog) -> int:
        _save(dialog, path, written)
        dialog.done(0)
        return 0

    run_modal = modal.run_modal
    modal.run_modal = grab
    try:
        failure.ask(None)
    finally:
        modal.run_modal = run_modal


def _synthetic_film(top_row: int, width_px: int) -> bytes:
    """A PNG like a 5-minute film (no patient's): a barium column from the EGJ (row 820) up to ``top_row``, and
    the 13 mm tablet (a disc of 130 pixels at 0.1 mm) beside it."""
    import io

    import numpy as np
    from PIL import Image

    rows, columns = np.mgrid[0:1000, 0:700]
    film = 55 + 25 * np.exp(-(((columns - 350) / 260.0) ** 2)) + 10 * np.sin(rows / 45.0)
    inside = (rows > top_row) & (rows < 820)
    film = film + inside * 150 * np.exp(-(((columns - 360 - 20 * np.sin(rows / 120.0)) / (width_px / 2)) ** 4))
    film = film + 160 * (((columns - 590) ** 2 + (rows - 700) ** 2) < 65**2)
    noise = np.random.default_rng(5).normal(0, 4, film.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(film + noise, 0, 255).astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def render_films(out_dir: Path, written: list[Path]) -> None:
    """The measuring dialog on a calibrated film, an uncalibrated one, and the pre/post comparison."""
    from barium_tracker.domain.calibration import manual_calibration
    from barium_tracker.domain.film_measurements import FilmMeasurements
    from barium_tracker.services.images.decode import read_radiograph
    from barium_tracker.ui.films.compare import CompareFilms, ShownFilm
    from barium_tracker.ui.films.dialog import MeasureFilmDialog

    before = read_radiograph(_synthetic_film(220, 200), "before.png")
    after = read_radiograph(_synthetic_film(700, 110), "after.png")
    from PySide6.QtCore import QCoreApplication

    tablet_name = QCoreApplication.translate("MeasureFilmDialog", "tablet")  # as the dialog names the tablet
    tablet = manual_calibration(590, 635, 590, 765, 13, before.calibration, tablet_name)
    measured = FilmMeasurements(
        height_points=((360, 820), (380, 600), (345, 400), (360, 222)),
        width_points=((262, 470), (462, 470)),
        outline_points=((300, 818), (262, 600), (262, 300), (300, 224), (420, 224), (455, 300), (455, 600), (420, 818)),
        calibration=tablet,
    )
    dialog = MeasureFilmDialog(before, measured)
    _save(dialog, out_dir / "film-measure.png", written)
    dialog.done(0)
    dialog = MeasureFilmDialog(after, None)
    _save(dialog, out_dir / "film-measure-uncalibrated.png", written)
    dialog.done(0)
    post = FilmMeasurements(height_points=((360, 820), (362, 702)), calibration=tablet)
    compare = CompareFilms(
        ShownFilm(before, measured, compare_caption("before")), ShownFilm(after, post, compare_caption("after"))
    )
    compare.resize(1200, 800)
    _save(compare, out_dir / "film-compare.png", written)
    compare.close()
    _render_films_dialog(out_dir, written, _synthetic_film(220, 200), measured)


def _render_films_dialog(out_dir: Path, written: list[Path], film: bytes, measured: object) -> None:
    """Record > Films of the study: the seed case's first study with its 5-minute film attached and measured."""
    import tempfile

    from barium_tracker.services.clinic import Clinic
    from barium_tracker.services.demo import SEED_MRN, seed_case
    from barium_tracker.services.images.library import attach_film_to_study
    from barium_tracker.services.images.measurements import save_film_measurements
    from barium_tracker.services.patients import load_history
    from barium_tracker.services.records import save_histories
    from barium_tracker.ui.films.study_films import StudyFilmsDialog

    with tempfile.TemporaryDirectory() as folder:
        clinic = Clinic.open(Path(folder) / "films.sqlite3")
        try:
            save_histories(clinic, [seed_case()], source="demo")
            study = load_history(clinic, mrn=SEED_MRN).studies[0]
            path = Path(folder) / "before-rescue-poem-5min.png"
            path.write_bytes(film)
            attached = attach_film_to_study(clinic, study.id, 5, path)
            save_film_measurements(clinic, attached.attachment_id, measured)  # type: ignore[arg-type]
            dialog = StudyFilmsDialog(clinic, SEED_MRN, study)
            dialog.resize(900, 360)
            _save(dialog, out_dir / "films-dialog.png", written)
            dialog.done(0)
        finally:
            clinic.close()


def compare_caption(which: str) -> str:
    """The captions of the screenshot's two films (the program's callers give their own)."""
    from PySide6.QtCore import QCoreApplication

    if which == "before":
        return QCoreApplication.translate("Screenshots", "Before the rescue POEM, 5 min")
    return QCoreApplication.translate("Screenshots", "After the rescue POEM, 5 min")


def render_all(out_dir: Path, *, pseudo: bool = False) -> list[Path]:
    """The main window on the seed case and each editor, at fixed sizes (saved window state is not used)."""
    from barium_tracker.ui.editors.eckardt_editor import EckardtEditor
    from barium_tracker.ui.editors.endoscopy_editor import EndoscopyEditor
    from barium_tracker.ui.editors.manometry_editor import ManometryEditor
    from barium_tracker.ui.editors.patient_editor import PatientEditor
    from barium_tracker.ui.editors.procedure_editor import ProcedureEditor
    from barium_tracker.ui.editors.study_editor import StudyEditor
    from barium_tracker.ui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    scratch = Path(tempfile.gettempdir()) / SCRATCH
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        tmp = str(scratch)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_application([])
        if pseudo:  # every catalogued text marked and lengthened (ui/pseudo_locale.py): where does it get cut?
            from barium_tracker.ui import pseudo_locale

            pseudo_locale.install()
        clinic = Clinic.open(create_demo_database(Path(tmp) / "demo.sqlite3"))
        try:
            window = MainWindow(clinic, demo=True)
            window.resize(1440, 900)
            window.search.setText("DEMO-0001")
            window.apply_search()
            window.select_row(0)
            _save(window, out_dir / "main-window.png", written)
            history = window.history
            assert history is not None
            birth = history.patient.birth_date

            def editor(make: Callable[..., QWidget], record: object, title: str, name: str) -> None:
                dialog = make(record, save=lambda r: r, birth_date=birth, title=title, parent=window)
                _save(dialog, out_dir / f"editor-{name}.png", written)
                dialog.done(0)

            editor(PatientEditor, history.patient, "Patient", "patient")
            editor(StudyEditor, history.studies[-1], "TBE study", "tbe-study")
            editor(ProcedureEditor, history.procedures[-1], "Procedure", "procedure-poem")
            editor(ProcedureEditor, history.procedures[0], "Procedure", "procedure-lhm")
            editor(EckardtEditor, history.eckardt[0], "Eckardt score", "eckardt")
            editor(ManometryEditor, history.manometry[0], "Manometry", "manometry")
            editor(EndoscopyEditor, history.endoscopy[0], "Endoscopy", "endoscopy")
            invalid = dataclasses.replace(history.studies[-1])
            dialog = StudyEditor(invalid, save=lambda r: r, birth_date=birth, title="TBE study", parent=window)
            dialog.grid.item(2, 1).setText("27,5,")
            dialog.grid.item(0, 1).setText("45")
            dialog.accept()  # a save attempt: every error shows (an untouched form shows none)
            _save(dialog, out_dir / "editor-tbe-study-invalid.png", written)
            dialog.done(0)
            # The charts beside the response summary, then the charts alone (seed case).
            workspace = window.workspace
            workspace.tabs.setCurrentIndex(1)
            _save(window, out_dir / "main-window-course-chart.png", written)
            assert workspace.course_chart is not None and workspace.emptying_chart is not None
            workspace.course_chart.export(out_dir / "chart-course.png")  # type: ignore[attr-defined]
            written.append(out_dir / "chart-course.png")
            workspace.emptying_chart.export(out_dir / "chart-emptying.png")  # type: ignore[attr-defined]
            written.append(out_dir / "chart-emptying.png")
            workspace.tabs.setCurrentIndex(2)
            _save(window, out_dir / "main-window-emptying-chart.png", written)
            cohort = window.show_cohort()
            cohort.resize(1500, 900)
            _save(cohort, out_dir / "cohort-view.png", written)
            cohort.close()
            render_report_pages(clinic, out_dir, written)
            render_films(out_dir, written)
            # The File menu and its dialogs.
            workspace.tabs.setCurrentIndex(0)
            render_file_menu(window, out_dir / "file-menu.png", written)
            render_import_wizard(clinic, window, scratch / "spreadsheets", out_dir, written)
            render_export_dialog(window, out_dir / "export-dialog.png", written)
            render_task_dialog(window, out_dir / "progress-dialog.png", written)
            render_preferences(clinic, window, out_dir / "preferences.png", written)
            database = make_clinic_copy(clinic, scratch / "clinic")
            render_restore_dialog(database, window, out_dir / "restore-dialog.png", written)
            window.close()
        finally:
            clinic.close()
        render_open_failure(database, out_dir / "open-failure.png", written)
        app.processEvents()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return written


def main() -> int:
    """``python -m barium_tracker.ui.screenshots [OUT_DIR] [--language es|en|pseudo]`` (English unless asked)."""
    from barium_tracker.ui import language

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = sys.argv[1:]
    chosen = language.ENGLISH
    if "--language" in args:
        at = args.index("--language")
        chosen = args[at + 1]
        del args[at : at + 2]
    pseudo = chosen == "pseudo"
    language.request(language.ENGLISH if pseudo else chosen)  # the docs' screenshots: English unless asked
    out_dir = Path(args[0] if args else "docs/screenshots")
    for path in render_all(out_dir, pseudo=pseudo):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
