"""Render every screen to PNG for docs/screenshots (``make screenshots``), on a fresh demo database, offscreen."""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import create_demo_database
from barium_tracker.ui.app import make_application


def _save(widget: QWidget, path: Path, written: list[Path]) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    written.append(path)


def render_all(out_dir: Path) -> list[Path]:
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
    with tempfile.TemporaryDirectory(prefix="barium-screens-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_application([])
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
            window.close()
        finally:
            clinic.close()
        app.processEvents()
    return written


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in render_all(out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
