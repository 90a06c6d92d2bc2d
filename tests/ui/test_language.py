"""The language: chosen from --language, Preferences or the OS locale, and the window speaking it (Qt's own too)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from barium_tracker import cli
from barium_tracker.domain import fields
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import load_history
from barium_tracker.ui import language
from barium_tracker.ui.app import make_application
from barium_tracker.ui.editors.procedure_editor import ProcedureEditor
from barium_tracker.ui.editors.study_editor import StudyEditor
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tools import translations

_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


def _locale(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name in _LOCALE:
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


# -- the choice ----------------------------------------------------------------------------------------------------


def test_the_os_locale_chooses_spanish_for_es_and_english_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, LANG="es_PE.UTF-8")
    assert language.system_language() == "es"
    _locale(monkeypatch, LANG="en_GB.UTF-8", LC_MESSAGES="es_ES.UTF-8")
    assert language.system_language() == "es"  # LC_MESSAGES before LANG
    _locale(monkeypatch, LC_ALL="C.UTF-8", LANG="es_PE.UTF-8")
    assert language.system_language() == "en"  # LC_ALL first
    _locale(monkeypatch, LANG="fr_FR.UTF-8")
    assert language.system_language() == "en"  # no catalogue but Spanish: English


def test_the_window_follows_the_os_then_preferences_then_the_command_line(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    _locale(monkeypatch, LANG="es_PE.UTF-8")
    assert language.gui_language() == "es"
    language.set_preferred_language("en")
    assert language.gui_language() == "en"
    assert language.command_language() == "es"  # commands read no UI state
    language.request("es")
    assert language.gui_language() == "es"
    language.request("en")
    assert language.gui_language() == language.command_language() == "en"
    with pytest.raises(ValueError):
        language.request("fr")


def test_make_application_installs_spanish_for_a_spanish_locale(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, LANG="es_PE.UTF-8")
    language.reset()
    make_application()
    assert language.chosen() == "es"
    assert QMessageBox.tr("Restore") == "Restaurar"


def test_english_is_the_source_text(qapp: object) -> None:
    language.install("en")
    assert language.translators("en") == []
    assert QMessageBox.tr("Restore") == "Restore"


# -- the window in Spanish -------------------------------------------------------------------------------------------


def test_language_es_gives_a_spanish_main_window_and_editors(qtbot: QtBot, demo_clinic: Clinic) -> None:
    language.request("es")
    language.install(language.gui_language())
    window = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(window)
    window.show()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&Archivo", "&Editar"]
    assert "A&yuda" in menus

    history = load_history(demo_clinic, mrn="DEMO-0001")
    study = StudyEditor(history.studies[-1], save=lambda r: r, birth_date=None, title="", parent=window)
    qtbot.addWidget(study)
    headers = [study.grid.horizontalHeaderItem(c).text() for c in range(study.grid.columnCount())]
    assert headers[0] == "Minuto"
    assert headers[1].startswith("Altura")
    buttons = [b.text() for b in study.findChildren(QPushButton)]
    assert "Guardar" in buttons and "Cancelar" in buttons

    procedure = ProcedureEditor(history.procedures[-1], save=lambda r: r, birth_date=None, title="", parent=window)
    qtbot.addWidget(procedure)
    labels = {label.text() for label in procedure.findChildren(QLabel)}
    assert "Fecha del procedimiento" in labels or any(t.startswith("Fecha del procedimiento") for t in labels)
    assert any(t.startswith("Longitud de la miotomía") for t in labels)


def test_qt_s_own_buttons_are_spanish(qtbot: QtBot) -> None:
    language.install("es")
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    box.setStandardButtons(
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save
    )
    qtbot.addWidget(box)
    texts = {
        box.button(b).text().replace("&", "")
        for b in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel)
    }
    assert texts == {"Descartar", "Cancelar"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == "Guardar"


def test_every_text_the_spanish_window_asks_for_is_in_the_catalogue(qtbot: QtBot, demo_clinic: Clinic) -> None:
    """A pseudo-run: record every lookup of the program's contexts while the window and two editors are built."""

    class Recorder(QTranslator):
        def __init__(self) -> None:
            super().__init__()
            self.asked: set[tuple[str, str]] = set()

        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
            self.asked.add((context, source))
            return ""

        def isEmpty(self) -> bool:
            return False

    language.install("es")
    recorder = Recorder()
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.installTranslator(recorder)
    try:
        window = MainWindow(demo_clinic, demo=True)
        qtbot.addWidget(window)
        window.show()
        window.search.setText("DEMO-0001")
        window.apply_search()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
        window.select_row(0)
        history = window.history
        assert history is not None
        for make, record in ((StudyEditor, history.studies[-1]), (ProcedureEditor, history.procedures[-1])):
            editor = make(record, save=lambda r: r, birth_date=None, title="", parent=window)
            qtbot.addWidget(editor)
    finally:
        QCoreApplication.removeTranslator(recorder)
    catalogue = translations.read_catalogue(translations.catalogue_path("es"))
    ours = {c for c, _ in catalogue}
    # PySide6's self.tr() asks each class of the MRO in turn (StudyEditor, RecordEditor, QDialog...): a text is
    # found when one of the contexts asked for it holds it.
    asked_for: dict[str, set[str]] = {}
    for context, source in recorder.asked:
        if source.strip():
            asked_for.setdefault(source, set()).add(context)
    symbols = {f.unit for f in fields.all_fields() if f.unit} - {f.unit for f in fields.all_fields() if f.unit_one}
    missing = sorted(
        (sorted(contexts & ours), source)
        for source, contexts in asked_for.items()
        if contexts & ours and not any((c, source) in catalogue for c in contexts) and source not in symbols
    )
    assert not missing


# -- commands -------------------------------------------------------------------------------------------------------


def test_summary_follows_language_and_json_never_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_clinic: Clinic
) -> None:
    db = str(tmp_path / "demo.sqlite3")
    demo_clinic.close()
    assert cli.main(["--db", db, "summary", "DEMO-0001"]) == 0
    english = capsys.readouterr().out
    assert "\nTimeline\n" in english
    assert cli.main(["--language", "es", "--db", db, "summary", "DEMO-0001"]) == 0
    spanish = capsys.readouterr().out
    assert "\nLínea de tiempo\n" in spanish and "Timeline" not in spanish
    language.reset()
    assert cli.main(["--db", db, "summary", "DEMO-0001", "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert cli.main(["--db", db, "summary", "DEMO-0001", "--json", "--language", "es"]) == 0
    assert json.loads(capsys.readouterr().out) == plain
