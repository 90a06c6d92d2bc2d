"""The workspace's timeline model, the preferences and the in-app user guide, on a real demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import load_history
from barium_tracker.services.summary import summarize
from barium_tracker.ui.help import show_user_guide, user_guide_path
from barium_tracker.ui.preferences import PreferencesDialog
from barium_tracker.ui.timeline_model import TimelineModel
from barium_tracker.ui.workspace import PatientWorkspace


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic, cohort_size=5)
        yield clinic


def test_timeline_model_passes_the_model_tester(qtmodeltester, demo_clinic: Clinic) -> None:
    model = TimelineModel()
    qtmodeltester.check(model)
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"))
    model.set_events(summary.timeline)
    qtmodeltester.check(model)
    assert model.rowCount() == 9
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["Procedure", "Procedure", "Manometry"]
    assert model.data(model.index(0, 0)) == "2025-02-10"
    row = model.row_of("tbe_study", summary.history.studies[-1].id)
    assert row is not None and model.data(model.index(row, 2)) == "TBE: 5 min 2.7 cm"


def test_workspace_opens_an_event_with_enter(qtbot: QtBot, demo_clinic: Clinic) -> None:
    workspace = PatientWorkspace()
    qtbot.addWidget(workspace)
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"))
    workspace.show_summary(summary)
    workspace.show()
    study_id = summary.history.studies[0].id
    workspace.select_event("tbe_study", study_id)
    assert workspace.selected_event() == ("tbe_study", study_id)
    with qtbot.waitSignal(workspace.open_event) as opened:
        workspace.timeline.activated.emit(workspace.timeline.currentIndex())
    assert opened.args == ["tbe_study", study_id]
    assert "Response to Rescue POEM" in workspace.responses.toPlainText()
    model = workspace.studies.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    first = {headers[c]: model.data(model.index(0, c)) for c in range(model.columnCount())}
    assert first["5 min\nHeight (cm)"] == "12"
    assert first["5 min\nWidth (cm)"] == "not measured"  # no width was filmed: said, not shown as 0
    with qtbot.waitSignal(workspace.open_event) as opened:  # a study opens from its table too
        workspace.studies.activated.emit(model.index(0, 0))
    assert opened.args == ["tbe_study", study_id]


def test_preferences_change_the_eckardt_rule_for_everyone(qtbot: QtBot, demo_clinic: Clinic) -> None:
    dialog = PreferencesDialog(demo_clinic)
    qtbot.addWidget(dialog)
    assert dialog.eckardt_max.value() == 3
    dialog.eckardt_max.setValue(1)
    dialog.accept()
    assert demo_clinic.interpretation_settings() == InterpretationSettings(eckardt_success_max=1)
    summary = summarize(load_history(demo_clinic, mrn="DEMO-0001"), demo_clinic.interpretation_settings())
    eckardt_flag = summary.responses[-1].flags[0]
    assert eckardt_flag.rule.id == "eckardt_success" and eckardt_flag.met is False  # Eckardt 2 > 1


def test_user_guide_opens_with_its_pictures(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    assert user_guide_path() is not None
    dialog = show_user_guide(parent)
    browser = dialog.findChild(QTextBrowser, "userGuideText")
    assert browser is not None
    assert "The workstation window" in browser.toPlainText()
    assert browser.document().resource(3, "screenshots/main-window.png") is not None  # 3 = ImageResource
    dialog.close()


def test_clinic_name_from_preferences_heads_every_report(qtbot: QtBot, demo_clinic: Clinic) -> None:
    from barium_tracker.services.report import build_report

    dialog = PreferencesDialog(demo_clinic)
    qtbot.addWidget(dialog)
    assert dialog.clinic_name.text() == ""
    dialog.clinic_name.setText("  Servicio de   Gastroenterología ")
    dialog.accept()
    assert demo_clinic.clinic_name() == "Servicio de Gastroenterología"
    assert "Servicio de Gastroenterología" in build_report(demo_clinic, "DEMO-0001").text()

    dialog = PreferencesDialog(demo_clinic)
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("x" * 200)
    name_error = dialog.findChild(QLabel, "clinicNameError")
    assert name_error is not None and "at most 120" in name_error.text() and not dialog.save_button.isEnabled()
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
        dialog.accept()
    assert shown and "at most 120" in shown[0]
    assert demo_clinic.clinic_name() == "Servicio de Gastroenterología"


def test_mrn_system_from_preferences_goes_into_fhir_exports(
    qtbot: QtBot, demo_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from barium_tracker.services.fhir_export import DEFAULT_MRN_SYSTEM, fhir_bundle, mrn_system

    dialog = PreferencesDialog(demo_clinic)
    qtbot.addWidget(dialog)
    assert dialog.mrn_system.text() == "" and dialog.mrn_system.placeholderText() == DEFAULT_MRN_SYSTEM
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    # Checked as the user types: the message under the field, Save disabled, and nothing written.
    save = dialog.save_button
    error = dialog.findChild(QLabel, "fhirMrnSystemError")
    assert save.isEnabled() and error is not None and error.isHidden()
    dialog.clinic_name.setText("Servicio de Gastroenterología")
    dialog.mrn_system.setText("hospital mrn")
    assert not save.isEnabled() and not error.isHidden()
    assert "must be an absolute URI" in error.text() and "'hospital mrn'" in error.text()
    dialog.mrn_system.setText("urn:oid:2.16.604.1.99.1")
    assert save.isEnabled() and error.isHidden()
    dialog.mrn_system.setText("hospital mrn")
    # Even when accept() is reached (Enter in a field), a refused system leaves every setting as it was.
    dialog.accept()
    assert shown and "MRN identifier system must be an absolute URI" in shown[0] and "'hospital mrn'" in shown[0]
    assert mrn_system(demo_clinic) == DEFAULT_MRN_SYSTEM and demo_clinic.clinic_name() == ""
    assert dialog.result() != dialog.DialogCode.Accepted

    dialog.mrn_system.setText(" urn:oid:2.16.604.1.99.1 ")
    dialog.accept()
    assert mrn_system(demo_clinic) == "urn:oid:2.16.604.1.99.1"
    patient = next(e["resource"] for e in fhir_bundle(demo_clinic, mrns=["DEMO-0001"])["entry"])
    assert patient["identifier"][0]["system"] == "urn:oid:2.16.604.1.99.1"

    again = PreferencesDialog(demo_clinic)
    qtbot.addWidget(again)
    assert again.mrn_system.text() == "urn:oid:2.16.604.1.99.1"
    again.mrn_system.setText("")  # empty: back to the default
    again.accept()
    assert mrn_system(demo_clinic) == DEFAULT_MRN_SYSTEM
