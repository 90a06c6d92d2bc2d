"""Importing the exchange tables: every row checked by the domain's validators, then all of it written or none.

Steps, all inside one database transaction: read every cell (collecting every problem), resolve each MRN to a stored
patient or one the file describes, validate each record with ``domain.validation`` (the GUI's rules), recognise
duplicates of stored records and of earlier rows, and, only when no problem was found, insert everything with bulk
Core INSERTs (one statement per table and batch, not one ORM object per row), stamped with the clinic's user, with
one audit event per patient that received something and one for the import as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from barium_tracker.domain import validation
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import (
    ECKARDT_ITEMS,
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.text import fold
from barium_tracker.domain.validation import FieldError
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.reading import ImportSource, TableData, read_import_files
from barium_tracker.services.exchange.tables import (
    COLUMN_BY_NAME,
    FILM_COLUMN,
    TABLES,
    CellError,
    CellReader,
    Column,
    ImportFailed,
    ImportProblem,
    cell_text,
    film_column,
    is_blank,
    text_value,
)
from barium_tracker.services.patients import gc_paused
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.storage.mapping import editable_fields
from barium_tracker.storage.models import (
    AuditEventRow,
    ColumnMeasurementRow,
    EckardtRow,
    PatientRow,
    ProcedureRow,
    TbeStudyRow,
)

_PATIENT = cast(Table, PatientRow.__table__)
_STUDY = cast(Table, TbeStudyRow.__table__)
_FILM = cast(Table, ColumnMeasurementRow.__table__)
_PROCEDURE = cast(Table, ProcedureRow.__table__)
_ECKARDT = cast(Table, EckardtRow.__table__)
_AUDIT = cast(Table, AuditEventRow.__table__)
_CHUNK = 500  # MRNs or ids per IN (...) query
_PROGRESS_EVERY = 2000
_RECORD_TYPE = {"studies": TbeStudy, "procedures": Procedure, "eckardt": EckardtAssessment}
_LABEL = {"studies": "TBE study", "procedures": "procedure", "eckardt": "Eckardt score"}
_DATE_FIELD = {"studies": "study_date", "procedures": "procedure_date", "eckardt": "assessment_date"}
_PATIENT_FIELDS = ("family_name", "given_name", "birth_date", "sex", "diagnosis", "diagnosis_date", "notes")


# --- the report ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class TableCounts:
    """Rows read from a table, records they add, and rows skipped because the record is already there."""

    rows: int = 0
    new: int = 0
    duplicates: int = 0


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    tables: dict[str, TableCounts]
    patients_created: int
    dry_run: bool
    files: list[Path]
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        return self.patients_created == 0 and all(c.new == 0 for c in self.tables.values())

    def summary_lines(self) -> list[str]:
        verb = "would add" if self.dry_run else "added"
        head = "Dry run (nothing written)" if self.dry_run else "Imported"
        lines = [f"{head}: {', '.join(p.name for p in self.files)}"]
        lines.append(f"Patients: {verb} {self.patients_created}")
        for table in TABLES:
            counts = self.tables.get(table)
            if counts is None or not counts.rows:
                continue
            lines.append(
                f"{table}: {counts.rows} rows read, {verb} {counts.new}, {counts.duplicates} already there (skipped)"
            )
        if self.nothing_new:
            lines.append("Nothing new: every row is already in the database.")
        for source, columns in self.unknown_columns.items():
            lines.append(f"{source}: columns not imported (unknown): {', '.join(columns)}")
        return lines


# --- parsed rows ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """One event row of the file, read into its domain record."""

    table: str
    data: TableData
    index: int
    mrn: str
    record: Any
    present: tuple[str, ...]  # record fields whose columns the file has (what duplicates are compared on)
    minutes: tuple[int, ...]  # film minutes whose columns the file has (studies)
    bad: Set[str]  # columns already reported for this row

    @property
    def where(self) -> str:
        return self.data.where(self.index)

    def raw(self, column: str | None) -> str | None:
        if column is None or column not in self.data.columns:
            return None
        return cell_text(self.data.rows[self.index][self.data.columns.index(column)]).strip()


@dataclass(slots=True)
class _PatientInfo:
    """What the file says about one patient (from the patients table or the patient columns of studies rows)."""

    mrn: str
    values: dict[str, Any] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    first_where: str = ""
    described: bool = False  # a patients row, or a name on a studies row
    patients_rows: int = 0
    last: dict[str, Any] | None = None  # the patient columns of the latest row that named this MRN


@dataclass(slots=True)
class _Plan:
    problems: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=lambda: {t: TableCounts() for t in TABLES})
    info: dict[str, _PatientInfo] = field(default_factory=dict)
    rows: list[_Row] = field(default_factory=list)
    stored: dict[str, Patient] = field(default_factory=dict)
    new_patients: dict[str, Patient] = field(default_factory=dict)
    new_rows: list[_Row] = field(default_factory=list)


# --- public --------------------------------------------------------------------------------------------------------


def import_files(
    clinic: Clinic,
    paths: Sequence[Path],
    *,
    day_first: bool = False,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> ImportReport:
    """Import CSV/XLSX exchange tables: all rows or none. Raises ImportFailed listing every problem found.

    ``dry_run`` checks everything against the database, reports what would be added and writes nothing.
    """
    with clinic.db.session() as session:
        with gc_paused():  # the file's 100,000 rows of cells are many new objects too (see _import)
            source = read_import_files(paths, day_first=day_first, mapping=mapping, progress=progress)
            report = _import(session, clinic, source, dry_run=dry_run, progress=progress, today=today)
            del source  # freed while the collector is off (see _import)
        return report


def import_source(
    clinic: Clinic,
    source: ImportSource,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> ImportReport:
    """Like :func:`import_files`, for files already read (the wizard reads them once to preview them)."""
    with clinic.db.session() as session:
        return _import(session, clinic, source, dry_run=dry_run, progress=progress, today=today)


def _import(
    session: Session,
    clinic: Clinic,
    source: ImportSource,
    *,
    dry_run: bool,
    progress: Progress,
    today: dt.date | None,
) -> ImportReport:
    today = today or dt.date.today()
    with gc_paused():
        plan = _Plan()
        reader = CellReader(day_first=source.day_first)
        total = sum(len(t.rows) for t in source.tables)
        done = 0
        ordered = sorted(source.tables, key=lambda t: TABLES.index(t.table))
        for data in ordered:
            plan.problems += data.missing_columns()
            done = _parse_table(data, reader, plan, progress, done, total)
        connection = session.connection()
        progress(0, None, "Checking against the database")
        _resolve_patients(connection, plan, today)
        _validate_events(plan, today, progress)
        _find_duplicates(connection, plan, progress)
        if plan.problems:
            raise ImportFailed(plan.problems)
        report = ImportReport(
            tables=plan.counts,
            patients_created=len(plan.new_patients),
            dry_run=dry_run,
            files=list(source.paths),
            unknown_columns=source.unknown_columns,
        )
        if not dry_run and not report.nothing_new:
            _write(connection, clinic, plan, source, report, progress)
        progress(1, 1, "Done")
        # Free every parsed row and record while the collector is still off: once it is back on, its first
        # collection would walk every object allocated since it was paused (~60 ms per 20,000 studies).
        del plan
        return report


# --- reading rows --------------------------------------------------------------------------------------------------


_UNREAD = object()  # a memo miss (None is a value: a blank cell)
_NO_CELLS: frozenset[str] = frozenset()  # shared by the rows with no bad cell (most), instead of a set each


def _parse_table(data: TableData, reader: CellReader, plan: _Plan, progress: Progress, done: int, total: int) -> int:
    """Read every row of one table into records, collecting every problem.

    The hot loop of an import (100,000 rows x 15 columns): what can be decided per column (which reader, which
    memo, patient or event column, which film) is decided once here, before the rows.
    """
    table = data.table
    specs = COLUMN_BY_NAME[table]
    cells: list[tuple[int, Column]] = []
    films: list[tuple[int, int, str]] = []
    for i, name in enumerate(data.columns):
        if not name:
            continue
        if name in specs:
            cells.append((i, specs[name]))
        else:
            match = FILM_COLUMN.fullmatch(name)
            if match:
                films.append((i, int(match.group(2)), match.group(1)))
    present = tuple(s.field for _, s in cells if not s.patient and s.name != "mrn")
    minutes = tuple(sorted({minute for _, minute, _ in films}))
    counts = plan.counts[table]
    record_type = _RECORD_TYPE.get(table)
    problems = plan.problems
    where = data.where
    # Per column: its reader and a memo of raw cell -> value (a file repeats the same dates, heights, codes and
    # names thousands of times). Only text cells are remembered: True == 1 == 1.0 as dict keys, yet they read
    # differently.
    columns = [(i, spec, reader.converter(spec), {}, spec.patient or table == "patients") for i, spec in cells]
    film_memos: dict[str, dict[Any, Any]] = {"height": {}, "width": {}}
    # Per film column: where its value goes in the row's flat [height, width] * minutes list.
    film_cells = [
        (i, 2 * minutes.index(minute) + (kind == "width"), minute, kind, film_column(kind, minute), film_memos[kind])
        for i, minute, kind in films
    ]
    # A studies file repeats a patient's columns on each of the patient's rows. A row whose raw patient cells (and
    # raw MRN) equal those of an earlier row of this table that raised no problem at all can teach nothing new: its
    # cells read to the same values, which agree with what is known (else that row would have had a problem).
    # Those rows skip the patient columns.
    patient_indexes = [i for i, spec in cells if spec.patient]
    mrn_index = next((i for i, spec in cells if spec.name == "mrn"), None)
    clean_patient_cells: dict[Any, tuple[Any, ...]] = {}
    can_skip = table != "patients" and bool(patient_indexes) and mrn_index is not None
    patient_cells_of = itemgetter(mrn_index, *patient_indexes) if can_skip else None  # one C-level call per row
    event_columns = [column for column in columns if not column[4]]  # the same order, patient columns left out
    for index, row in enumerate(data.rows):
        if done % _PROGRESS_EVERY == 0:
            progress(done, total, "Reading rows")
        done += 1
        counts.rows += 1
        values: dict[str, Any] = {}
        patient_values: dict[str, Any] = {}
        bad: set[str] = set()
        if patient_cells_of is not None:
            patient_cells = patient_cells_of(row)
            skip_patient = clean_patient_cells.get(patient_cells[0]) == patient_cells
        else:
            skip_patient = False
        problems_before = len(problems)
        for i, spec, read, memo, is_patient in event_columns if skip_patient else columns:
            raw = row[i]
            value = memo.get(raw, _UNREAD) if type(raw) is str else _UNREAD
            if value is _UNREAD:
                try:
                    value = read(raw)
                except CellError as exc:
                    problems.append(ImportProblem(where(index), spec.name, cell_text(raw).strip(), str(exc)))
                    bad.add(spec.name)
                    continue
                if type(raw) is str:
                    memo[raw] = value
            if value is None:
                if spec.required:
                    problems.append(ImportProblem(where(index), spec.name, None, f"{spec.label} is required"))
                    bad.add(spec.name)
                continue
            if is_patient:
                patient_values[spec.field] = (value, spec.name, cell_text(raw).strip())
            else:
                values[spec.field] = value
        mrn = patient_values.pop("mrn", (None,))[0] if table == "patients" else values.pop("mrn", None)
        if mrn is None:
            continue  # reported above (required or unreadable)
        mrn_error = validation.check_mrn(mrn)
        if mrn_error is not None:
            problems.append(ImportProblem(where(index), "mrn", mrn, mrn_error.message))
            continue
        if not skip_patient:
            _describe_patient(plan, mrn, patient_values, where(index), table)
            if can_skip and len(problems) == problems_before:
                clean_patient_cells[patient_cells[0]] = patient_cells
        if record_type is None:
            continue
        if table == "studies":
            film_values: list[Any] = [None] * (2 * len(minutes))
            for i, slot, minute, kind, name, memo in film_cells:
                raw = row[i]
                value = memo.get(raw, _UNREAD) if type(raw) is str else _UNREAD
                if value is _UNREAD:
                    try:
                        value = reader.decimal(raw, _FILM_SPEC[kind]) if not is_blank(raw) else None
                    except CellError as exc:
                        reason = str(exc).replace(_FILM_SPEC[kind].label, f"{kind.capitalize()} at {minute} min")
                        problems.append(ImportProblem(where(index), name, cell_text(raw).strip(), reason))
                        bad.add(name)
                        continue
                    if type(raw) is str:
                        memo[raw] = value
                film_values[slot] = value
            values["measurements"] = [
                ColumnMeasurement(minute=minute, height_cm=film_values[2 * n], width_cm=film_values[2 * n + 1])
                for n, minute in enumerate(minutes)
                if film_values[2 * n] is not None or film_values[2 * n + 1] is not None
            ]
        # A cell already reported gets a placeholder, so the domain's rules still check the rest of the row.
        if table == "procedures":
            values.setdefault("procedure_type", ProcedureType.OTHER)
        if table == "eckardt":
            for item in ECKARDT_ITEMS:
                values.setdefault(item, 0)
        values.setdefault(_DATE_FIELD[table], None)
        record = record_type(**values)
        plan.rows.append(_Row(table, data, index, mrn, record, present, minutes, bad or _NO_CELLS))
    return done


_FILM_SPEC = {
    "height": Column(name="height", kind="decimal", field="height_cm", label="Height", unit="cm"),
    "width": Column(name="width", kind="decimal", field="width_cm", label="Width", unit="cm"),
}


def _describe_patient(plan: _Plan, mrn: str, values: dict[str, tuple[Any, str, str]], where: str, table: str) -> None:
    info = plan.info.get(mrn)
    if info is None:
        info = plan.info[mrn] = _PatientInfo(mrn=mrn, first_where=where)
    elif table != "patients" and info.last == values:
        return  # the same patient columns as this patient's previous row: nothing new to learn or compare
    info.last = values
    if table == "patients":
        info.patients_rows += 1
        if info.patients_rows > 1:
            plan.counts["patients"].duplicates += 1
        info.described = True
    elif "family_name" in values or "given_name" in values:
        info.described = True
    for name, (value, column, raw) in values.items():
        known = info.values.get(name)
        if known is None:
            info.values[name], info.where[name], info.raw[name] = value, where, raw
        elif known != value:
            plan.problems.append(
                ImportProblem(
                    where,
                    column,
                    raw,
                    f"MRN {mrn}: this row says '{raw}' but {info.where[name]} says '{info.raw[name]}'; "
                    "a patient's columns must agree on every row",
                )
            )


# --- patients ------------------------------------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stored_patients(connection: Connection, mrns: Sequence[str]) -> dict[str, Patient]:
    names = ("id", "version", "mrn", *_PATIENT_FIELDS)
    found: dict[str, Patient] = {}
    for chunk in _chunks(sorted(mrns)):
        query = select(*(_PATIENT.c[n] for n in names)).where(_PATIENT.c.mrn.in_(chunk))
        for row in connection.execute(query):
            values = dict(zip(names, row, strict=True))
            found[values["mrn"]] = Patient(**values)
    return found


def _patient_column(field_name: str) -> str:
    return field_name


def _resolve_patients(connection: Connection, plan: _Plan, today: dt.date) -> None:
    mrns = sorted({*plan.info, *(r.mrn for r in plan.rows)})
    plan.stored = _stored_patients(connection, mrns)
    for mrn, info in plan.info.items():
        stored = plan.stored.get(mrn)
        if stored is not None:
            for name, value in info.values.items():
                if getattr(stored, name) != value:
                    plan.problems.append(
                        ImportProblem(
                            info.where[name],
                            name,
                            info.raw[name],
                            f"MRN {mrn} is stored with {name} '{text_value(getattr(stored, name))}'; an import never "
                            "changes a stored patient: correct it in the app, or leave the cell empty",
                        )
                    )
            if info.patients_rows:
                plan.counts["patients"].duplicates += 1
            continue
        if not info.described:
            continue  # each of its rows is reported below
        patient = Patient(mrn=mrn, **info.values)
        for error in validation.validate_patient(patient, today=today):
            where = info.where.get(error.field, info.first_where)
            plan.problems.append(ImportProblem(where, error.field, info.raw.get(error.field), error.message))
        plan.new_patients[mrn] = patient
        if info.patients_rows:
            plan.counts["patients"].new += 1
    for row in plan.rows:
        if row.mrn not in plan.stored and row.mrn not in plan.new_patients:
            plan.problems.append(
                ImportProblem(
                    row.where,
                    "mrn",
                    row.mrn,
                    f"MRN {row.mrn} is not in the database and the file does not describe this patient: give "
                    "family_name and given_name (with birth_date, sex, diagnosis) on a studies row, or add the "
                    "patient to a patients table",
                )
            )


# --- events --------------------------------------------------------------------------------------------------------


def _error_column(table: str, error_field: str) -> str:
    if table == "studies" and error_field.startswith("minute_"):
        minute_part, _, attribute = error_field.partition(".")
        minute = int(minute_part.removeprefix("minute_"))
        return film_column("width" if attribute == "width_cm" else "height", minute)
    for spec in COLUMN_BY_NAME[table].values():
        if spec.field == error_field and not spec.patient:
            return spec.name
    return error_field


def _validate_events(plan: _Plan, today: dt.date, progress: Progress) -> None:
    total = len(plan.rows)
    # validate_study, each distinct value checked once (the same rules, messages and order).
    study_validator = validation.StudyValidator(today=today)
    validators: dict[str, Callable[..., list[FieldError]]] = {
        "studies": study_validator,
        "procedures": partial(validation.validate_procedure, today=today),
        "eckardt": partial(validation.validate_eckardt, today=today),
    }
    stored, new_patients = plan.stored, plan.new_patients
    for number, row in enumerate(plan.rows):
        if number % _PROGRESS_EVERY == 0:
            progress(number, total, "Checking rows")
        patient = stored.get(row.mrn) or new_patients.get(row.mrn)
        if patient is None:
            continue
        errors = validators[row.table](row.record, birth_date=patient.birth_date)
        if not errors:
            continue
        for error in errors:
            column = _error_column(row.table, error.field)
            if column in row.bad:
                continue
            plan.problems.append(ImportProblem(row.where, column, row.raw(column), error.message))


def _study_key(mrn: str, study: TbeStudy) -> tuple[Any, ...]:
    return (mrn, study.study_date, study.study_time)


def _key(row: _Row) -> tuple[Any, ...]:
    r = row.record
    if row.table == "studies":
        return _study_key(row.mrn, r)
    if row.table == "procedures":
        return (row.mrn, r.procedure_date, r.procedure_type)
    return (row.mrn, r.assessment_date)


def _differences(row: _Row, other: Any) -> list[tuple[str, str, str]]:
    """(column, this row's value, the other record's value) for each compared column that differs."""
    found: list[tuple[str, str, str]] = []
    for name in row.present:
        mine, theirs = getattr(row.record, name), getattr(other, name)
        if mine != theirs:
            found.append((_error_column(row.table, name), text_value(mine), text_value(theirs)))
    if row.table == "studies":
        for minute in row.minutes:
            a, b = row.record.at(minute), other.at(minute)
            for kind in ("height", "width"):
                mine = getattr(a, f"{kind}_cm") if a else None
                theirs = getattr(b, f"{kind}_cm") if b else None
                if mine != theirs:
                    found.append((film_column(kind, minute), text_value(mine), text_value(theirs)))
    return found


def _describe_differences(differences: list[tuple[str, str, str]]) -> str:
    return "; ".join(f"{c}: '{mine}' here, '{theirs}' there" for c, mine, theirs in differences)


def _find_duplicates(connection: Connection, plan: _Plan, progress: Progress) -> None:
    stored_events = _stored_events(connection, [p.id for p in plan.stored.values() if p.id is not None])
    id_to_mrn = {p.id: mrn for mrn, p in plan.stored.items()}
    stored_index: dict[tuple[Any, ...], list[Any]] = {}
    stored_by_date: dict[tuple[Any, ...], list[Any]] = {}
    for table, records in stored_events.items():
        for record in records:
            mrn = id_to_mrn[record.patient_id]
            row_like = _Row(table, None, 0, mrn, record, (), (), set())  # type: ignore[arg-type]
            stored_index.setdefault((table, *_key(row_like)), []).append(record)
            if table == "studies":
                stored_by_date.setdefault((mrn, record.study_date), []).append(record)
    seen: dict[tuple[Any, ...], _Row] = {}
    total = len(plan.rows)
    for number, row in enumerate(plan.rows):
        if number % _PROGRESS_EVERY == 0:
            progress(number, total, "Looking for duplicates")
        if row.bad:
            continue  # already reported; its key may be a placeholder
        counts = plan.counts[row.table]
        key = (row.table, *_key(row))
        earlier = seen.get(key)
        if earlier is not None:
            differences = _differences(row, earlier.record)
            if differences:
                plan.problems.append(
                    ImportProblem(
                        row.where,
                        differences[0][0],
                        differences[0][1],
                        f"the same {_LABEL[row.table]} as {earlier.where} ({_describe_key(row)}) with other values: "
                        f"{_describe_differences(differences)}",
                    )
                )
            else:
                counts.duplicates += 1
            continue
        seen[key] = row
        candidates = stored_index.get(key, [])
        if not candidates and row.table == "studies":
            # Without a time (or against a study stored without one), the same MRN and date is the same study.
            candidates = [
                s
                for s in stored_by_date.get((row.mrn, row.record.study_date), [])
                if row.record.study_time is None or s.study_time is None
            ]
        if not candidates:
            counts.new += 1
            plan.new_rows.append(row)
            continue
        comparisons = [_differences(row, c) for c in candidates]
        if any(not d for d in comparisons):
            counts.duplicates += 1
            continue
        differences = comparisons[0]
        plan.problems.append(
            ImportProblem(
                row.where,
                differences[0][0],
                differences[0][1],
                f"conflicts with the stored {_LABEL[row.table]} ({_describe_key(row)}): "
                f"{_describe_differences(differences)} (here = this file, there = the database); an import never "
                "changes stored records: correct it in the app, or fix the file",
            )
        )


def _describe_key(row: _Row) -> str:
    r = row.record
    if row.table == "studies":
        when = r.study_date.isoformat() + (f" {r.study_time.isoformat()}" if r.study_time else "")
        return f"MRN {row.mrn}, {when}"
    if row.table == "procedures":
        return f"MRN {row.mrn}, {r.procedure_date.isoformat()}, {r.procedure_type.value}"
    return f"MRN {row.mrn}, {r.assessment_date.isoformat()}"


def _stored_events(connection: Connection, patient_ids: Sequence[int]) -> dict[str, list[Any]]:
    """The stored studies (with films), procedures and Eckardt scores of these patients, as records."""
    found: dict[str, list[Any]] = {"studies": [], "procedures": [], "eckardt": []}
    if not patient_ids:
        return found
    for table_name, table, record_type in (
        ("studies", _STUDY, TbeStudy),
        ("procedures", _PROCEDURE, Procedure),
        ("eckardt", _ECKARDT, EckardtAssessment),
    ):
        names = ["id", "patient_id", *(n for n in editable_fields(record_type) if n != "measurements")]
        for chunk in _chunks(list(patient_ids)):
            query = select(*(table.c[n] for n in names)).where(table.c.patient_id.in_(chunk))
            for row in connection.execute(query):
                found[table_name].append(record_type(**dict(zip(names, row, strict=True))))
    studies = {s.id: s for s in found["studies"]}
    for chunk in _chunks(list(studies)):
        query = select(_FILM.c.study_id, _FILM.c.minute, _FILM.c.height_cm, _FILM.c.width_cm).where(
            _FILM.c.study_id.in_(chunk)
        )
        for study_id, minute, height, width in connection.execute(query):
            studies[study_id].measurements.append(ColumnMeasurement(minute=minute, height_cm=height, width_cm=width))
    return found


# --- writing -------------------------------------------------------------------------------------------------------


def _executemany(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT many rows (tuples of ``names``' values) with the driver's executemany, each value converted once.

    What ``connection.execute(insert(table), rows)`` does, without a dict per row and without re-processing every
    parameter of every row: a file repeats the same dates, heights and codes, so each distinct value goes through
    its column type once (the types do the SQLite/PostgreSQL differences: exact Decimals to REAL or NUMERIC, dates,
    codes). Every row carries all ``names`` (bookkeeping included: no Python-side defaults are applied). Runs on the
    session's connection, inside the import's one transaction.
    """
    if not rows:
        return
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    columns: dict[str, Sequence[Any]] = {}
    for name, values in zip(names, zip(*rows, strict=True), strict=True):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        columns[name] = values if process is None else _converted(values, process)
    if compiled.positional:  # SQLite's qmark: tuples in the statement's order
        params: list[Any] = list(zip(*(columns[key] for key in compiled.positiontup or ()), strict=True))
    else:  # psycopg's pyformat: named parameters
        params = [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    connection.exec_driver_sql(compiled.string, params)


def _converted(values: Sequence[Any], process: Callable[[Any], Any]) -> list[Any]:
    """Each distinct value through the column type's conversion once (None stays None)."""
    try:
        memo = {value: process(value) for value in set(values) if value is not None}
    except TypeError:  # unhashable (the audit's JSON): by identity (_write shares equal ones), the list holds them
        by_id: dict[int, Any] = {}
        for value in values:
            if value is not None and id(value) not in by_id:
                by_id[id(value)] = process(value)
        return [None if value is None else by_id[id(value)] for value in values]
    memo[None] = None
    return list(map(memo.__getitem__, values))


def _insert_ids(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> list[int]:
    """Insert rows and return their new ids, in the order of ``rows``, with batched statements."""
    if not rows:
        return []
    if connection.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        result = connection.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])
        return [row[0] for row in result]
    # SQLite cannot tie batched RETURNING rows to their parameters. But once this transaction has written, it holds
    # the database's write lock, so nobody else can insert, and AUTOINCREMENT gives the next rows consecutive ids.
    first_row = dict(zip(names, rows[0], strict=True))
    first = connection.execute(insert(table).returning(table.c.id), first_row).scalar_one()
    if len(rows) > 1:
        _executemany(connection, table, names, rows[1:])
    last = first + len(rows) - 1
    count, highest = connection.execute(select(func.count(), func.max(table.c.id)).where(table.c.id >= first)).one()
    if (count, highest) != (len(rows), last):
        raise RuntimeError(f"{table.name}: new ids are not consecutive ({count} rows up to {highest})")
    return list(range(first, last + 1))


_EDITABLE = {
    t: tuple(n for n in editable_fields(t) if n != "measurements")
    for t in (Patient, TbeStudy, Procedure, EckardtAssessment)
}
_STAMP = ("created_at", "created_by", "updated_at", "updated_by", "version")
_PATIENT_NAMES = (*_EDITABLE[Patient], "search_text", *_STAMP)  # mrn is editable (before it is saved)
_EVENT_NAMES = {t: (*_EDITABLE[t], "patient_id", *_STAMP) for t in (TbeStudy, Procedure, EckardtAssessment)}
_FILM_NAMES = ("study_id", "minute", "height_cm", "width_cm")
_AUDIT_NAMES = ("occurred_at", "user_name", "action", "entity", "entity_id", "patient_id", "changes", "reason")
# One C-level call reads a record's editable fields into a tuple (instead of a dict built field by field).
_FIELDS_OF = {t: attrgetter(*names) for t, names in _EDITABLE.items()}


class _SearchText:
    """``search_key(patient)`` for many patients, folding each distinct name once (names repeat across a clinic).

    search_key folds "MRN family given"; folding (NFKD, dropping combining marks, casefold) works character by
    character, and NFKD never reorders marks across a space, so the text folded in three parts is the same text
    (tests/services/test_exchange_fast_paths.py checks both agree on arbitrary Unicode).
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, patient: Patient) -> str:
        names = self._names
        family = names.get(patient.family_name)
        if family is None:
            family = names[patient.family_name] = fold(patient.family_name)
        given = names.get(patient.given_name)
        if given is None:
            given = names[patient.given_name] = fold(patient.given_name)
        # Folding ASCII is casefold(): NFKD leaves ASCII as it is and no ASCII character is a combining mark.
        mrn = patient.mrn.casefold() if patient.mrn.isascii() else fold(patient.mrn)
        return f"{mrn} {family} {given}"


def _write(
    connection: Connection,
    clinic: Clinic,
    plan: _Plan,
    source: ImportSource,
    report: ImportReport,
    progress: Progress,
) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamp = (now, clinic.user, now, clinic.user, 1)  # _STAMP
    total = len(plan.new_patients) + len(plan.new_rows)
    progress(0, total, "Saving")
    new_patients = list(plan.new_patients.values())
    patient_fields = _FIELDS_OF[Patient]
    search_text = _SearchText()
    patient_rows = [(*patient_fields(p), search_text(p), *stamp) for p in new_patients]
    ids = _insert_ids(connection, _PATIENT, _PATIENT_NAMES, patient_rows)
    patient_ids = {mrn: p.id for mrn, p in plan.stored.items()}
    patient_ids.update({p.mrn: i for p, i in zip(new_patients, ids, strict=True)})
    done = len(new_patients)
    progress(done, total, "Saving")
    per_patient: dict[int, dict[str, int]] = {}
    for table, row_table, record_type in (
        ("studies", _STUDY, TbeStudy),
        ("procedures", _PROCEDURE, Procedure),
        ("eckardt", _ECKARDT, EckardtAssessment),
    ):
        fields_of, names = _FIELDS_OF[record_type], _EVENT_NAMES[record_type]
        rows = [r for r in plan.new_rows if r.table == table]
        for batch in _chunks(rows, 10_000):
            owners = [patient_ids[r.mrn] for r in batch]
            values = [(*fields_of(r.record), owner, *stamp) for r, owner in zip(batch, owners, strict=True)]
            if table == "studies":
                study_ids = _insert_ids(connection, row_table, names, values)
                films = [
                    (study_id, m.minute, m.height_cm, m.width_cm)
                    for study_id, r in zip(study_ids, batch, strict=True)
                    for m in r.record.measurements
                    if m.height_cm is not None or m.width_cm is not None  # ColumnMeasurement.is_measured
                ]
                _executemany(connection, _FILM, _FILM_NAMES, films)
            else:
                _executemany(connection, row_table, names, values)
            for owner, count in Counter(owners).items():
                counts = per_patient.setdefault(owner, {})
                counts[table] = counts.get(table, 0) + count
            done += len(batch)
            progress(done, total, "Saving")
    files = [p.name for p in source.paths]
    created = {patient_ids[p.mrn] for p in new_patients}
    shared: dict[tuple[Any, ...], dict[str, Any]] = {}  # equal audit details as one object: JSON-encoded once

    def changes(patient_id: int, counts: dict[str, int]) -> dict[str, Any]:
        key = (patient_id in created, counts.get("studies", 0), counts.get("procedures", 0), counts.get("eckardt", 0))
        found = shared.get(key)
        if found is None:
            found = shared[key] = {
                "source": "import",
                "files": files,
                "patient_created": key[0],
                "tbe_studies": key[1],
                "procedures": key[2],
                "eckardt": key[3],
            }
        return found

    audit = [
        (
            now,
            clinic.user,
            "import",
            "patient",
            patient_id,
            patient_id,
            changes(patient_id, counts),
            "",
        )
        for patient_id, counts in sorted({**{i: {} for i in created}, **per_patient}.items())
    ]
    summary = {
        "files": files,
        "patients_created": report.patients_created,
        **{f"{t}_new": c.new for t, c in report.tables.items()},
        **{f"{t}_duplicates": c.duplicates for t, c in report.tables.items()},
    }
    audit.append((now, clinic.user, "import", "import", None, None, summary, ""))
    _executemany(connection, _AUDIT, _AUDIT_NAMES, audit)
    progress(total, total, "Saving")
