"""The TBE studies table model: one row per study, a height and a width column per filmed minute, checked by Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.services.patients import load_history
from barium_tracker.ui.studies_model import StudiesTableModel


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


def test_the_seed_case_studies_as_a_table(qtmodeltester: object, demo_clinic: Clinic) -> None:
    history = load_history(demo_clinic, mrn="DEMO-0001")
    model = StudiesTableModel()
    model.set_studies(history.studies)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    minutes = sorted({m.minute for s in history.studies for m in s.measurements})
    assert model.rowCount() == len(history.studies) and model.columnCount() == 2 + 2 * len(minutes)
    tips = {model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) for c in range(1, 3)}
    assert tips == {f"Height at {minutes[0]} min (cm)", f"Width at {minutes[0]} min (cm)"}  # the whole label
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Date" and headers[-1] == "Emptying 1 to 5 min"
    assert "5 min\nHeight (cm)" in headers and "5 min\nWidth (cm)" in headers
    rows = [
        dict(zip(headers, (model.data(model.index(r, c)) for c in range(len(headers))), strict=True)) for r in range(2)
    ]
    before, after = (history.studies[0], history.studies[-1])
    assert rows[0]["Date"] == before.study_date.isoformat()
    assert rows[0]["5 min\nHeight (cm)"] == str(before.height_at(5).normalize())
    assert rows[-1]["5 min\nHeight (cm)"] == "2.7"
    not_measured = [c for c, h in enumerate(headers) if model.data(model.index(0, c)) == "not measured"]
    assert not_measured  # a width not filmed is said, never 0
    assert all(model.data(model.index(0, c), Qt.ItemDataRole.ForegroundRole) is not None for c in not_measured)
    assert model.data(model.index(1, 0), StudiesTableModel.StudyRole) is after


def test_no_study_is_an_empty_table(qtmodeltester: object) -> None:
    model = StudiesTableModel()
    model.set_studies([])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert (model.rowCount(), model.columnCount()) == (0, 2)
