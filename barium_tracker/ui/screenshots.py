"""Render the screens to PNG for docs/screenshots (``make screenshots``), on a fresh demo database, offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import create_demo_database
from barium_tracker.ui.app import make_application


def render_all(out_dir: Path) -> list[Path]:
    """Every screen the user guide shows, at a fixed size so the pictures do not depend on saved window state."""
    from barium_tracker.ui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="barium-screens-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_application([])
        clinic = Clinic.open(create_demo_database(Path(tmp) / "demo.sqlite3"))
        written = []
        try:
            window = MainWindow(clinic, demo=True)
            window.resize(1400, 860)
            window.show()
            window.search.setText("quispe")
            window.apply_search()
            window.select_row(0)
            app.processEvents()
            path = out_dir / "main-window.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
        finally:
            clinic.close()
    return written


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in render_all(out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
