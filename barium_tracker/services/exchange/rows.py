"""Reading the rows of one table into domain records, and checking each record with the domain's rules.

Every cell is read (a bad cell is a problem, not an exception), the patient columns of a row become what the file
says about that patient (:class:`PatientInfo`), the event columns become a TbeStudy, Procedure or EckardtAssessment;
then ``domain.validation`` (the GUI's rules) checks each record, and its messages are tied to the row's columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import Any

from barium_tracker.domain import validation
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Label
from barium_tracker.domain.records import ECKARDT_ITEMS, ColumnMeasurement, EckardtAssessment, Procedure, TbeStudy
from barium_tracker.domain.validation import FieldError
from barium_tracker.services.exchange.plan import PROGRESS_EVERY, ImportPlan, ParsedRow, PatientInfo
from barium_tracker.services.exchange.reading import TableData
from barium_tracker.services.exchange.tables import (
    COLUMN_BY_NAME,
    FILM_COLUMN,
    CellError,
    CellReader,
    Column,
    ImportProblem,
    cell_text,
    column_of_field,
    film_spec,
    is_blank,
    problem,
)
from barium_tracker.services.progress import Progress

_RECORD_TYPE = {"studies": TbeStudy, "procedures": Procedure, "eckardt": EckardtAssessment}
_DATE_FIELD = {"studies": "study_date", "procedures": "procedure_date", "eckardt": "assessment_date"}

_UNREAD = object()  # a memo miss (None is a value: a blank cell)
_NO_CELLS: frozenset[str] = frozenset()  # shared by the rows with no bad cell (most), instead of a set each


def parse_table(
    data: TableData, reader: CellReader, plan: ImportPlan, progress: Progress, done: int, total: int
) -> int:
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
    # Per film column: where its value goes in the row's flat [height, width] * minutes list, and its column as
    # declared ("Height at 5 min" in its messages).
    film_cells = [
        (i, 2 * minutes.index(minute) + (kind == "width"), film_spec(kind, minute), film_memos[kind])
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
        if done % PROGRESS_EVERY == 0:
            progress(done, total, N_("Reading rows"))
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
                    text = cell_text(raw).strip()
                    problems.append(ImportProblem(where(index), spec.name, text, str(exc), exc.said))
                    bad.add(spec.name)
                    continue
                if type(raw) is str:
                    memo[raw] = value
            if value is None:
                if spec.required:
                    label = Label(spec.declared) if spec.declared is not None else spec.label
                    problems.append(problem(where(index), spec.name, None, N_("{label} is required"), label=label))
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
            problems.append(ImportProblem(where(index), "mrn", mrn, mrn_error.message, mrn_error.said))
            continue
        if not skip_patient:
            _describe_patient(plan, mrn, patient_values, where(index), table)
            if can_skip and len(problems) == problems_before:
                clean_patient_cells[patient_cells[0]] = patient_cells
        if record_type is None:
            continue
        if table == "studies":
            film_values: list[Any] = [None] * (2 * len(minutes))
            for i, slot, film, memo in film_cells:
                raw = row[i]
                value = memo.get(raw, _UNREAD) if type(raw) is str else _UNREAD
                if value is _UNREAD:
                    try:
                        value = reader.decimal(raw, film) if not is_blank(raw) else None
                    except CellError as exc:
                        text = cell_text(raw).strip()
                        problems.append(ImportProblem(where(index), film.name, text, str(exc), exc.said))
                        bad.add(film.name)
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
        plan.rows.append(ParsedRow(table, data, index, mrn, record, present, minutes, bad or _NO_CELLS))
    return done


def _describe_patient(
    plan: ImportPlan, mrn: str, values: dict[str, tuple[Any, str, str]], where: str, table: str
) -> None:
    """Add what one row says about a patient to what the file has said so far; a disagreement is a problem."""
    info = plan.info.get(mrn)
    if info is None:
        info = plan.info[mrn] = PatientInfo(mrn=mrn, first_where=where)
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


def validate_events(plan: ImportPlan, today: dt.date, progress: Progress) -> None:
    """Each record checked by the domain's validators (with its patient's birth date); a message goes to the column
    holding the field, unless that cell was already reported as unreadable."""
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
        if number % PROGRESS_EVERY == 0:
            progress(number, total, N_("Checking rows"))
        patient = stored.get(row.mrn) or new_patients.get(row.mrn)
        if patient is None:
            continue
        errors = validators[row.table](row.record, birth_date=patient.birth_date)
        if not errors:
            continue
        for error in errors:
            column = column_of_field(row.table, error.field)
            if column in row.bad:
                continue
            plan.problems.append(ImportProblem(row.where, column, row.raw(column), error.message, error.said))
