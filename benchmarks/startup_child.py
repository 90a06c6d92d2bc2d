"""One cold start in a fresh process (for bench_startup.py): open a window, wait for its first paint, print JSON."""

import time

T0 = time.perf_counter()  # before any other import: the child's own clock starts here

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

PAINT_TIMEOUT_S = 30.0


def _wait_for_paint(app: Any, widget: Any) -> None:
    """Process events until ``widget`` (a table's viewport) has received its first paint event."""
    from PySide6.QtCore import QEvent, QObject

    class PaintWatcher(QObject):
        painted = False

        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watcher = PaintWatcher()
    widget.installEventFilter(watcher)
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while not watcher.painted:
        if time.perf_counter() > deadline:
            raise RuntimeError("the window was never painted")
        app.processEvents()
    widget.removeEventFilter(watcher)


def _isolate_settings(config_dir: str) -> None:
    """QSettings of this run go to a temporary folder, so a saved window geometry cannot change the result."""
    from PySide6.QtCore import QSettings

    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, config_dir)


def run_baseline() -> dict[str, float]:
    """A bare PySide6 window: a QMainWindow with a QTableView over an empty QStandardItemModel."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    t_import = time.perf_counter()
    _isolate_settings(os.environ["BENCH_CONFIG_DIR"])
    app = QApplication([sys.argv[0]])
    t_app = time.perf_counter()
    window = QMainWindow()
    model = QStandardItemModel(0, 6, window)
    table = QTableView(window)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    t_window = time.perf_counter()
    window.show()
    _wait_for_paint(app, table.viewport())
    t_painted = time.perf_counter()
    return {"import": t_import, "app": t_app, "window": t_window, "painted": t_painted}


def run_baseline_db(path: str) -> dict[str, float]:
    """The bare window, filled with the first page of the same database through the standard sqlite3 module."""
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    t_import = time.perf_counter()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = connection.execute("SELECT count(id) FROM patient").fetchone()[0]
    rows = connection.execute(
        "SELECT p.mrn, p.family_name || ', ' || p.given_name, p.birth_date, p.diagnosis,"
        " (SELECT max(s.study_date) FROM tbe_study s WHERE s.patient_id = p.id),"
        " (SELECT max(r.procedure_date) FROM procedure r WHERE r.patient_id = p.id)"
        " FROM patient p ORDER BY p.family_name, p.given_name, p.id LIMIT 200"
    ).fetchall()
    t_open = time.perf_counter()
    _isolate_settings(os.environ["BENCH_CONFIG_DIR"])
    app = QApplication([sys.argv[0]])
    t_app = time.perf_counter()
    window = QMainWindow()
    model = QStandardItemModel(0, 6, window)
    for row in rows:
        model.appendRow([QStandardItem("" if value is None else str(value)) for value in row])
    table = QTableView(window)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    t_window = time.perf_counter()
    window.show()
    _wait_for_paint(app, table.viewport())
    t_painted = time.perf_counter()
    expected = int(os.environ["BENCH_EXPECTED_PATIENTS"])
    if total != expected or model.rowCount() != min(200, expected):
        raise AssertionError(f"expected {expected} patients, the database holds {total}")
    connection.close()
    return {"import": t_import, "open": t_open, "app": t_app, "window": t_window, "painted": t_painted}


def run_app(path: str) -> dict[str, float]:
    """Barium Tracker as ``barium-tracker --db FILE`` starts it: the command line's parser, then ui.app's
    ``open_main_window`` (what ``launch`` runs before ``app.exec()``), until the list is painted. Then, outside the
    figure of interest, until the database is open behind it (``ready``: editing possible)."""
    from barium_tracker.cli import build_parser
    from barium_tracker.ui import app as ui_app

    t_import = time.perf_counter()
    args = build_parser().parse_args(["--db", path])
    _isolate_settings(os.environ["BENCH_CONFIG_DIR"])
    app = ui_app.make_application([sys.argv[0]])
    t_app = time.perf_counter()
    window = ui_app.open_main_window(args.db)
    if window is None:
        raise RuntimeError("the window did not open")
    t_window = time.perf_counter()
    _wait_for_paint(app, window.table.viewport())
    t_painted = time.perf_counter()
    sqlalchemy_at_paint = "sqlalchemy" in sys.modules
    expected = int(os.environ["BENCH_EXPECTED_PATIENTS"])
    page = min(window.model.PAGE_SIZE, expected)
    if window.model.total != expected or window.model.rowCount() < page:
        raise AssertionError(
            f"expected {expected} patients (first page {page}), the list shows "
            f"{window.model.rowCount()} of {window.model.total}"
        )
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while not window.is_open:
        if time.perf_counter() > deadline:
            raise RuntimeError("the database was never opened behind the window")
        app.processEvents()
    t_ready = time.perf_counter()
    if window.model.total != expected:
        raise AssertionError(f"after opening, the list counts {window.model.total} patients, not {expected}")
    window.clinic.close()
    return {
        "import": t_import,
        "app": t_app,
        "window": t_window,
        "painted": t_painted,
        "ready": t_ready,
        "sqlalchemy_at_paint": float(sqlalchemy_at_paint),
    }


def main() -> int:
    variant = sys.argv[1]
    if variant == "baseline":
        marks = run_baseline()
    elif variant == "baseline_db":
        marks = run_baseline_db(sys.argv[2])
    elif variant == "app":
        marks = run_app(sys.argv[2])
    else:
        raise SystemExit(f"unknown variant {variant!r}")
    # Absolute perf_counter values (CLOCK_MONOTONIC on Linux, shared with the parent) and milliseconds since T0.
    flags = {name: marks.pop(name) for name in [name for name in marks if name.startswith("sqlalchemy_")]}
    result = {"variant": variant, "t0": T0, **{f"t_{name}": value for name, value in marks.items()}, **flags}
    result["script_ms"] = (marks["painted"] - T0) * 1000
    if "ready" in marks:  # the database open behind the painted window: editing possible from here
        result["ready_ms"] = (marks["ready"] - T0) * 1000
    previous = T0
    for name, value in marks.items():
        result[f"phase_{name}_ms"] = (value - previous) * 1000
        previous = value
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
