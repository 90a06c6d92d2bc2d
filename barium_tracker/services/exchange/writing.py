"""Writing an import: bulk Core INSERTs (one statement per table and batch, not one ORM object per row), stamped
with the clinic's user, and the audit events (one per patient that received something, one for the import).

Runs on the session's connection, inside the import's one transaction (importing.py), only when nothing was wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, cast

from sqlalchemy import Connection, Table, func, insert, select

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.records import EckardtAssessment, Patient, Procedure, TbeStudy
from barium_tracker.domain.text import fold
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.plan import ImportPlan, ImportReport, chunks
from barium_tracker.services.exchange.reading import ImportSource
from barium_tracker.services.progress import Progress
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
    except TypeError:  # unhashable (the audit's JSON): by identity (write_import shares equal ones)
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


class SearchText:
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


def write_import(
    connection: Connection,
    clinic: Clinic,
    plan: ImportPlan,
    source: ImportSource,
    report: ImportReport,
    progress: Progress,
) -> None:
    """Insert the plan's new patients, then their studies (with films), procedures and Eckardt scores in batches,
    then the audit events; ids of new rows are taken in order (see :func:`_insert_ids`)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamp = (now, clinic.user, now, clinic.user, 1)  # _STAMP
    total = len(plan.new_patients) + len(plan.new_rows)
    progress(0, total, N_("Saving"))
    new_patients = list(plan.new_patients.values())
    patient_fields = _FIELDS_OF[Patient]
    search_text = SearchText()
    patient_rows = [(*patient_fields(p), search_text(p), *stamp) for p in new_patients]
    ids = _insert_ids(connection, _PATIENT, _PATIENT_NAMES, patient_rows)
    patient_ids = {mrn: p.id for mrn, p in plan.stored.items()}
    patient_ids.update({p.mrn: i for p, i in zip(new_patients, ids, strict=True)})
    done = len(new_patients)
    progress(done, total, N_("Saving"))
    per_patient: dict[int, dict[str, int]] = {}
    for table, row_table, record_type in (
        ("studies", _STUDY, TbeStudy),
        ("procedures", _PROCEDURE, Procedure),
        ("eckardt", _ECKARDT, EckardtAssessment),
    ):
        fields_of, names = _FIELDS_OF[record_type], _EVENT_NAMES[record_type]
        rows = [r for r in plan.new_rows if r.table == table]
        for batch in chunks(rows, 10_000):
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
            progress(done, total, N_("Saving"))
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
    progress(total, total, N_("Saving"))
