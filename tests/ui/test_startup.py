"""Start-up: the list painted before SQLAlchemy is imported, the database opened behind it, and every fallback."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from barium_tracker.services.backups import backup_now
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import count_patients, search_page
from barium_tracker.storage import database as database_module
from barium_tracker.storage import fast_reader
from barium_tracker.ui import app as ui_app
from barium_tracker.ui import modal
from barium_tracker.ui.main_window import MainWindow
from tests.storage.test_database import SHIPPED_HEAD, _migrations_with_an_extra_revision

DEMO_PATIENTS = 41
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.delenv(ui_app.ENV_VAR, raising=False)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "clinic" / "demo.sqlite3"
    path.parent.mkdir()
    with Clinic.open(path) as clinic:
        populate_demo(clinic)
    return path


class Modals:
    """Stands in for ui.modal.run_modal: records each dialog, and lets a handler answer it (by its objectName)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[QDialog] = []
        self.texts: list[str] = []
        self.handlers: dict[str, Callable[[Any], None]] = {}
        self.real = modal.run_modal
        monkeypatch.setattr(modal, "run_modal", self)

    def __call__(self, dialog: QDialog) -> int:
        self.seen.append(dialog)
        if isinstance(dialog, QMessageBox):
            self.texts.append(dialog.text())
        handler = self.handlers.get(dialog.objectName())
        if handler is None:
            if isinstance(dialog, QMessageBox) or dialog.objectName():
                raise AssertionError(f"unexpected dialog {dialog.objectName()!r}: {self.texts[-1:]}")
            return self.real(dialog)  # a progress dialog (ui.tasks): it closes itself when the work is done
        handler(dialog)
        return dialog.result()


def _click(name: str) -> Callable[[Any], None]:
    def click(box: Any) -> None:
        button = box.findChild(QPushButton, name)
        assert button is not None, [b.text() for b in box.findChildren(QPushButton)]
        button.click()

    return click


def _buttons(box: QDialog) -> list[str]:
    return [button.objectName() for button in box.findChildren(QPushButton)]


def _open(qtbot: QtBot, target: Path | str) -> MainWindow | None:
    window = ui_app.open_main_window(str(target))
    if window is not None:
        qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("given", ["--db", "default file"])
def test_start_up_paints_the_list_before_importing_sqlalchemy(demo_file: Path, tmp_path: Path, given: str) -> None:
    """``--db FILE``, and no --db at all (the default file in the user data folder, the usual workstation)."""
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    if given == "--db":
        args, expected = ["--db", str(demo_file)], demo_file
    else:
        args = []
        env["XDG_DATA_HOME"] = str(tmp_path / "data")  # platformdirs' user data folder on Linux
        expected = tmp_path / "data" / "barium-tracker" / "barium-tracker.sqlite3"
        expected.parent.mkdir(parents=True)
        shutil.copy2(demo_file, expected)
    code = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject
import barium_tracker.ui.main_window, barium_tracker.ui.app
from barium_tracker.cli import build_parser
from barium_tracker.ui import app as ui_app
assert not [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'matplotlib')]

class Watch(QObject):
    painted = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.loaded = sorted({{m.split('.')[0] for m in sys.modules}} & {{'sqlalchemy', 'alembic'}})
        return False

app = ui_app.make_application(['x'])
window = ui_app.open_main_window(build_parser().parse_args({args!r}).db)
assert window is not None and not window.is_open and window.model.total == {DEMO_PATIENTS}
watch = Watch()
window.table.viewport().installEventFilter(watch)
deadline = time.monotonic() + 20
while not window.is_open and time.monotonic() < deadline:
    app.processEvents()
assert watch.painted and watch.loaded == [], watch.loaded
assert window.is_open and 'sqlalchemy' in sys.modules  # then the database was opened behind the window
assert str(window.clinic.location).endswith({str(expected)!r}), window.clinic.location
window.clinic.close()
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**_base_env(), **env})


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != ui_app.ENV_VAR}


def test_two_step_start_ends_with_a_working_window(qtbot: QtBot, demo_file: Path) -> None:
    w = _open(qtbot, demo_file)
    assert w is not None and not w.is_open
    assert w.model.total == DEMO_PATIENTS and w.model.rowCount() == DEMO_PATIENTS
    assert f"{DEMO_PATIENTS} patients" in w.count_label.text()
    assert "Opening the database" in w.db_label.text() and w.right_pane.currentWidget() is w.opening_label
    for name in (
        "actionNewPatient",
        "actionNewStudy",
        "actionEdit",
        "actionDelete",
        "actionUndo",
        "actionOpenDatabase",
        "actionImport",
        "actionExport",
        "actionBackup",
        "actionRestore",
        "actionSaveReport",
    ):
        assert not w.actions_by_name[name].isEnabled(), name
    first_ids = [w.model.item(row).id for row in range(w.model.rowCount())]  # type: ignore[union-attr]
    seed_row = next(r for r in range(w.model.rowCount()) if w.model.item(r).mrn == "DEMO-0001")  # type: ignore[union-attr]
    w.select_row(seed_row)  # clicked while the database opens: shown once it is open
    assert w.history is None

    qtbot.waitUntil(lambda: w.is_open, timeout=10_000)
    assert w.clinic.location == str(demo_file.resolve())
    assert [w.model.item(row).id for row in range(w.model.rowCount())] == first_ids  # type: ignore[union-attr]
    assert w.history is not None and w.history.patient.mrn == "DEMO-0001"
    assert "Quispe Huamán, Mateo" in w.workspace.header.text()
    assert w.right_pane.currentWidget() is w.workspace
    assert w.actions_by_name["actionNewPatient"].isEnabled() and w.actions_by_name["actionEdit"].isEnabled()
    assert "Database:" in w.db_label.text()
    # The first open of the day made the day's automatic backup, and the status bar says so.
    assert len(list((demo_file.parent / "backups").glob("demo-*-daily.sqlite3"))) == 1
    assert "none yet" not in w.backup_label.text()
    for name in ("actionImport", "actionExport", "actionBackup", "actionRestore", "actionSaveReport"):
        assert w.actions_by_name[name].isEnabled(), name

    w.search.setText("garcia")
    w.apply_search()
    assert 0 < w.model.rowCount() < DEMO_PATIENTS
    assert w.model.total == count_patients(w.clinic, "garcia")
    w.select_row(0)
    assert w.history is not None and w.history.patient.id == w.model.item(0).id  # type: ignore[union-attr]
    w.close()
    w.clinic.close()


def test_the_first_page_matches_the_database_list(qtbot: QtBot, demo_file: Path) -> None:
    w = _open(qtbot, demo_file)
    assert w is not None
    shown = [w.model.item(row) for row in range(w.model.rowCount())]
    qtbot.waitUntil(lambda: w.is_open, timeout=10_000)
    assert shown == search_page(w.clinic, limit=w.model.PAGE_SIZE).items
    w.clinic.close()


def test_a_new_file_is_created_the_ordinary_way(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "new.sqlite3"
    w = _open(qtbot, target)
    assert w is not None and w.is_open  # no first look at a file that does not exist: opened (created) first
    assert target.is_file() and w.model.total == 0
    assert w.actions_by_name["actionNewPatient"].isEnabled()
    w.clinic.close()


def test_an_older_schema_is_migrated_after_a_backup(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tomorrow = _migrations_with_an_extra_revision(tmp_path)  # this file is older than "tomorrow's" app
    monkeypatch.setattr(database_module, "MIGRATIONS", tomorrow)
    monkeypatch.setattr(fast_reader, "MIGRATIONS", tomorrow)
    w = _open(qtbot, demo_file)
    assert w is not None and w.is_open  # opened first: migrated before anything was shown
    assert w.clinic.last_backup is not None and w.clinic.last_backup.is_file()
    assert f"before-upgrade-from-{SHIPPED_HEAD}" in w.clinic.last_backup.name
    assert w.clinic.check().current == "0002_test_extra"
    assert w.model.total == DEMO_PATIENTS
    w.clinic.close()


def test_a_newer_schema_is_refused_with_its_message(
    qtbot: QtBot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(demo_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = demo_file.read_bytes()
    modals = Modals(monkeypatch)
    offered: list[list[str]] = []
    modals.handlers["openFailureDialog"] = lambda box: (offered.append(_buttons(box)), _click("quitBariumTracker")(box))
    assert _open(qtbot, demo_file) is None
    assert "written by a newer version of Barium Tracker" in modals.texts[0]
    assert "restoreNewestBackup" not in offered[0] and "openAnotherDatabase" in offered[0]
    assert demo_file.read_bytes() == before


def test_a_damaged_file_offers_the_newest_backup_and_opens_the_restored_data(
    qtbot: QtBot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Clinic.open(demo_file) as clinic:
        backup = backup_now(clinic)
    damaged = bytearray(demo_file.read_bytes())
    for offset in range(0, len(damaged), 4096):  # the header and every page
        damaged[offset + 8 : offset + 200] = bytes((offset + i * 7) % 251 for i in range(192))
    demo_file.write_bytes(bytes(damaged))

    modals = Modals(monkeypatch)
    offered: list[list[str]] = []

    def restore(box: Any) -> None:
        offered.append(_buttons(box))
        label = box.findChild(QPushButton, "restoreNewestBackup").text()
        assert label.startswith("Restore newest backup (") and label.endswith(")")
        _click("restoreNewestBackup")(box)

    modals.handlers["openFailureDialog"] = restore
    modals.handlers["restoreResult"] = lambda box: box.accept()
    w = _open(qtbot, demo_file)
    assert w is not None and w.is_open
    assert "damaged" in modals.texts[0] and str(backup) in modals.texts[0]
    assert "Restored" in modals.texts[1]
    assert w.model.total == DEMO_PATIENTS and w.clinic.check().ok
    kept = [p for p in backup.parent.iterdir() if "replaced-by-restore" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(damaged)  # the damaged file was kept, as it was
    w.clinic.close()


def test_an_empty_database_file_offers_the_newest_backup_instead_of_starting_empty(
    qtbot: QtBot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Clinic.open(demo_file) as clinic:
        backup = backup_now(clinic)
    demo_file.write_bytes(b"")  # truncated by a disk fault: not a new database

    modals = Modals(monkeypatch)
    modals.handlers["openFailureDialog"] = _click("restoreNewestBackup")
    modals.handlers["restoreResult"] = lambda box: box.accept()
    w = _open(qtbot, demo_file)
    assert w is not None and w.is_open
    assert "empty (0 bytes)" in modals.texts[0] and str(backup) in modals.texts[0]
    assert modals.texts[0].count("empty (0 bytes)") == 1
    assert w.model.total == DEMO_PATIENTS and w.clinic.check().ok
    w.clinic.close()


def test_a_failure_after_the_first_look_empties_the_list_and_can_quit(
    qtbot: QtBot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from barium_tracker.domain.errors import UserError

    def refuse(*_args: Any, **_kwargs: Any) -> Clinic:
        raise database_module.DatabaseUnavailable("The database is busy: another program holds a lock.")

    modals = Modals(monkeypatch)
    shown_rows: list[int] = []
    w = _open(qtbot, demo_file)
    assert w is not None and w.model.rowCount() == DEMO_PATIENTS
    modals.handlers["openFailureDialog"] = lambda box: (
        shown_rows.append(w.model.rowCount()),
        _click("quitBariumTracker")(box),
    )
    monkeypatch.setattr(Clinic, "open", classmethod(lambda cls, *a, **k: refuse()))
    qtbot.waitUntil(lambda: bool(modals.texts), timeout=10_000)
    assert "busy" in modals.texts[0] and shown_rows == [0]
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    assert not w.is_open
    assert issubclass(database_module.DatabaseUnavailable, UserError)


def test_open_another_database_from_the_failure_dialog(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "notes.sqlite3"
    garbage.write_bytes(b"not a database at all" * 200)
    modals = Modals(monkeypatch)
    modals.handlers["openFailureDialog"] = _click("openAnotherDatabase")

    def choose(dialog: Any) -> None:
        dialog.selectFile(str(demo_file))
        dialog.accept()

    modals.handlers["openDatabaseDialog"] = choose
    w = _open(qtbot, garbage)
    assert w is not None and w.is_open and w.model.total == DEMO_PATIENTS
    assert garbage.read_bytes() == b"not a database at all" * 200
    assert ui_app.last_database() == str(demo_file.resolve())
    w.clinic.close()
    shutil.rmtree(tmp_path / "settings", ignore_errors=True)


def test_demo_folders_of_runs_that_died_are_removed_and_running_ones_kept(tmp_path: Path) -> None:
    import os
    import time

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = tmp_path / f"{ui_app.DEMO_PREFIX}{child.pid}-abc123"
    running = tmp_path / f"{ui_app.DEMO_PREFIX}{os.getpid()}-def456"
    old_style = tmp_path / f"{ui_app.DEMO_PREFIX}q1w2e3"  # before the pid was in the name: removed once a day old
    fresh_old_style = tmp_path / f"{ui_app.DEMO_PREFIX}r4t5y6"
    for folder in (dead, running, old_style, fresh_old_style):
        folder.mkdir()
        (folder / "demo.sqlite3").write_bytes(b"x")
    then = time.time() - 2 * 86400
    os.utime(old_style, (then, then))
    removed = ui_app.remove_abandoned_demos(tmp_path)
    assert sorted(removed) == sorted([dead, old_style])
    assert running.is_dir() and fresh_old_style.is_dir() and not dead.exists()
