"""Every member of every enum an exchange column holds survives export and import, in CSV and in XLSX.

The enum columns are found from the tables themselves (a new coded column, or a new member of an enum, is covered
without touching this file): each member is written on some record, exported, checked to be in the file as its
code, imported into an empty database and compared with what was stored.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from barium_tracker.domain import fields
from barium_tracker.domain.enums import (
    ComplicationGrade,
    Diagnosis,
    Fundoplication,
    PatientPosition,
    PoemAccess,
    ProcedureType,
    Sex,
    TabletResult,
)
from barium_tracker.domain.records import EckardtAssessment, Patient, PatientHistory, Procedure, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange import COLUMNS, TABLES, export_tables, import_files
from barium_tracker.services.exchange.tables import read_code
from barium_tracker.services.patients import load_all_histories
from barium_tracker.services.records import save_histories

TODAY = dt.date(2026, 11, 24)
ENUM_COLUMNS = [(table, c) for table in TABLES for c in COLUMNS[table] if c.enum is not None]


def _nth(enum: type[StrEnum], n: int) -> Any:
    members = list(enum)
    return members[n % len(members)]


def _procedures() -> list[Procedure]:
    """One procedure of every type, one POEM per access, one LHM per fundoplication; grades round-robin."""
    wanted: list[tuple[ProcedureType, dict[str, Any]]] = [(kind, {}) for kind in ProcedureType]
    wanted += [(ProcedureType.POEM, {"poem_access": access}) for access in PoemAccess]
    wanted += [(ProcedureType.LHM, {"fundoplication": wrap}) for wrap in Fundoplication]
    procedures = []
    for n, (kind, values) in enumerate(wanted):
        if fields.procedure("poem_access").shown_for(kind):
            values.setdefault("poem_access", _nth(PoemAccess, n))
        if fields.procedure("fundoplication").shown_for(kind):
            values.setdefault("fundoplication", _nth(Fundoplication, n))
        procedures.append(
            Procedure(
                procedure_date=dt.date(2024, 1, 1) + dt.timedelta(days=n),
                procedure_type=kind,
                complication_grade=_nth(ComplicationGrade, n),
                **values,
            )
        )
    return procedures


def every_member() -> list[PatientHistory]:
    widest = max(len(c.enum) for _, c in ENUM_COLUMNS if c.enum is not None)
    histories = [
        PatientHistory(
            patient=Patient(
                mrn=f"ENUM-{n}",
                family_name="Enumeración",
                given_name=f"N{n}",
                birth_date=dt.date(1970, 1, 1),
                sex=_nth(Sex, n),
                diagnosis=_nth(Diagnosis, n),
            ),
            studies=[
                TbeStudy(
                    study_date=dt.date(2023, 6, 1),
                    position=_nth(PatientPosition, n),
                    tablet_result=_nth(TabletResult, n),
                )
            ],
            # every table needs rows: an exported table with a header only does not import (a header-only file
            # is refused, tests/services/test_exchange.py)
            eckardt=[
                EckardtAssessment(
                    assessment_date=dt.date(2023, 6, 1),
                    dysphagia=1,
                    regurgitation=1,
                    retrosternal_pain=0,
                    weight_loss=0,
                )
            ],
        )
        for n in range(widest)
    ]
    for n, procedure in enumerate(_procedures()):
        histories[n % len(histories)].procedures.append(procedure)
    return histories


def _clean(record: Any) -> dict[str, Any]:
    skip = {"id", "version", "meta", "patient_id"}
    return {k: v for k, v in dataclasses.asdict(record).items() if k not in skip}


def _stored(clinic: Clinic) -> dict[str, Any]:
    return {
        h.patient.mrn: (
            _clean(h.patient),
            [_clean(s) for s in h.studies],
            [_clean(p) for p in h.procedures],
            [_clean(e) for e in h.eckardt],
        )
        for h in load_all_histories(clinic)
    }


def _exported_cells(files: list[Path], fmt: str) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows as written, header -> cell."""
    tables: dict[str, list[dict[str, Any]]] = {}
    if fmt == "csv":
        for path in files:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                tables[path.stem] = list(csv.DictReader(handle))
        return tables
    workbook = load_workbook(files[0], read_only=True)
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        width = len(rows[0])
        tables[sheet.title] = [
            dict(zip(rows[0], (*row, *[None] * (width - len(row))), strict=True)) for row in rows[1:]
        ]
    workbook.close()
    return tables


@pytest.fixture
def other_clinic(tmp_path: Path) -> Any:
    with Clinic.open(tmp_path / "other.sqlite3") as opened:
        yield opened


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_enum_member_round_trips(any_clinic: Clinic, other_clinic: Clinic, tmp_path: Path, fmt: str) -> None:
    save_histories(any_clinic, every_member(), source="test")
    before = _stored(any_clinic)
    files = export_tables(any_clinic, tmp_path / ("out" if fmt == "csv" else "out.xlsx"), fmt=fmt)  # type: ignore[arg-type]

    cells = _exported_cells(files, fmt)
    for table, column in ENUM_COLUMNS:
        assert column.enum is not None
        written = {row[column.name] for row in cells[table]} - {"", None}  # empty: a field the type does not show
        assert written == {m.value for m in column.enum}, f"{table}.{column.name}: not every member was exported"

    report = import_files(other_clinic, files, today=TODAY)
    assert report.patients_created == len(before)
    after = _stored(other_clinic)
    assert after == before
    for mrn, (_, _, procedures, _) in after.items():
        assert [type(p["procedure_type"]) for p in procedures] == [ProcedureType] * len(procedures), mrn


@pytest.mark.parametrize(("table", "column"), ENUM_COLUMNS, ids=lambda x: x if isinstance(x, str) else x.name)
def test_every_member_is_read_from_its_code_and_its_english_label(table: str, column: Any) -> None:
    assert column.enum is not None
    for member in column.enum:
        assert read_code(column.enum, member.value, column.label) is member
        assert read_code(column.enum, member.value.upper().replace("_", " "), column.label) is member
        assert read_code(column.enum, member.label, column.label) is member
