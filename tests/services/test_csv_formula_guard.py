"""The canonical CSV export neutralises text cells a spreadsheet would run as formulas (OWASP's advice: a leading
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front), and the app's own export -> import round trip
still gives back the same values (a patient named ``=1+2``, a note ``-5 cm``)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo, seed_case
from barium_tracker.services.exchange import export_tables, import_files, read_import_files
from barium_tracker.services.exchange.dialects import CANONICAL_CSV
from barium_tracker.services.exchange.tables import COLUMN_BY_NAME
from barium_tracker.services.patients import load_all_histories, load_history
from barium_tracker.services.records import save_history
from tests.services.test_exchange import TODAY, exchanged
from tests.services.test_exchange_dialects import _awkward_patient

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def other_clinic(tmp_path: Path) -> Any:
    with Clinic.open(tmp_path / "other.sqlite3") as opened:
        yield opened


def _text_cells(path: Path) -> list[tuple[str, str]]:
    """(column, cell) of every text column of a canonical CSV file."""
    table = path.stem
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kinds = {name: column.kind for name, column in COLUMN_BY_NAME[table].items()}
    return [(name, cell) for row in rows for name, cell in row.items() if kinds.get(name) == "text" and cell]


def test_no_text_cell_of_the_canonical_csv_starts_like_a_formula(clinic: Clinic, tmp_path: Path) -> None:
    _awkward_patient(clinic)
    history = load_history(clinic, mrn="XLS-1")
    files = export_tables(clinic, tmp_path / "out", fmt="csv")
    cells = [cell for path in files for _name, cell in _text_cells(path)]
    assert cells, "the export wrote text cells"
    assert [c for c in cells if c.startswith(TRIGGERS)] == []
    assert '\'=HYPERLINK("http://x";"clic")' in cells and "'@Ana" in cells and "'+3 cm" in cells
    assert history.patient.family_name.startswith("=")  # the database keeps what was typed


def test_the_canonical_round_trip_gives_back_every_value(clinic: Clinic, other_clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, cohort_size=10)
    _awkward_patient(clinic)
    named = seed_case()
    named.patient.mrn, named.patient.given_name, named.studies[0].notes = "XLS-2", "=1+2", "-5 cm"
    save_history(clinic, named, source="test")
    before = {h.patient.mrn: exchanged(h) for h in load_all_histories(clinic)}
    files = export_tables(clinic, tmp_path / "out", fmt="csv")
    assert all(t.dialect is CANONICAL_CSV for t in read_import_files(files).tables)
    import_files(other_clinic, files, today=TODAY)
    after = {h.patient.mrn: exchanged(h) for h in load_all_histories(other_clinic)}
    assert after == before
    back = load_history(other_clinic, mrn="XLS-2")
    assert back.patient.given_name == "=1+2" and back.studies[0].notes == "-5 cm"
    awkward = load_history(other_clinic, mrn="XLS-1")
    assert awkward.procedures[0].notes == "'ya citado"  # a text that itself starts with ' comes back whole


def test_another_programs_text_with_a_leading_quote_is_read_as_written(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_text("mrn,family_name,notes\nQ-1,'Connor,'abc and '-x\n", encoding="utf-8")
    import_files(clinic, [path], today=TODAY)
    patient = load_history(clinic, mrn="Q-1").patient
    assert patient.family_name == "'Connor" and patient.notes == "'abc and '-x"


def test_the_cohort_table_guards_names_and_keeps_negative_changes_as_numbers(clinic: Clinic, tmp_path: Path) -> None:
    import datetime as dt

    from barium_tracker.domain.rules import InterpretationSettings
    from barium_tracker.services.cohort import rows_from_histories, rows_to_csv

    history = seed_case()
    history.patient.mrn, history.patient.family_name = "=1+2", "@Quispe"
    save_history(clinic, history, source="test")
    rows = rows_from_histories(load_all_histories(clinic), InterpretationSettings(), today=dt.date(2026, 1, 1))
    target = tmp_path / "out" / "cohort.csv"
    assert rows_to_csv(rows, target) == 1
    with target.open(encoding="utf-8", newline="") as handle:
        (record,) = list(csv.DictReader(handle))
    assert record["mrn"] == "'=1+2" and record["name"].startswith("'@Quispe")
    assert [v for v in record.values() if v.startswith(TRIGGERS)] == [v for v in record.values() if v[:1] == "-"]
    assert any(v.startswith("-") and v[1:2].isdigit() for v in record.values())  # -77.5: a number, not guarded
    assert sorted(p.name for p in target.parent.iterdir()) == ["cohort.csv"]  # no scratch file left
