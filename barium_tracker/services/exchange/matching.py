"""Matching the parsed rows against the database and against each other: which patient each MRN is, and which rows
are already there.

An MRN is a stored patient (whose stored values the file must not contradict) or a new one the file describes;
a row whose key (MRN + date, + type or time) is already stored or already read is a duplicate when its values agree
(skipped, counted) and a conflict when they differ (a problem naming both). An import never changes a stored record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from barium_tracker.domain import validation
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.domain.records import ColumnMeasurement, EckardtAssessment, Patient, Procedure, TbeStudy
from barium_tracker.services.exchange.plan import PROGRESS_EVERY, ImportPlan, ParsedRow, chunks
from barium_tracker.services.exchange.tables import (
    ImportProblem,
    column_of_field,
    film_column,
    problem,
    text_value,
    where_said,
)
from barium_tracker.services.progress import Progress
from barium_tracker.storage.mapping import editable_fields
from barium_tracker.storage.models import ColumnMeasurementRow, EckardtRow, PatientRow, ProcedureRow, TbeStudyRow

_PATIENT = cast(Table, PatientRow.__table__)
_STUDY = cast(Table, TbeStudyRow.__table__)
_FILM = cast(Table, ColumnMeasurementRow.__table__)
_PROCEDURE = cast(Table, ProcedureRow.__table__)
_ECKARDT = cast(Table, EckardtRow.__table__)
# One whole sentence per kind of record (Spanish nouns have gender): a repeat within the file, a stored conflict.
_REPEATED = {
    "studies": N_("the same TBE study as {earlier} ({key}) with other values: {differences}"),
    "procedures": N_("the same procedure as {earlier} ({key}) with other values: {differences}"),
    "eckardt": N_("the same Eckardt score as {earlier} ({key}) with other values: {differences}"),
}
_CONFLICTING = {
    "studies": N_(
        "conflicts with the stored TBE study ({key}): {differences} (here = this file, there = the database); an "
        "import never changes stored records: correct it in the app, or fix the file"
    ),
    "procedures": N_(
        "conflicts with the stored procedure ({key}): {differences} (here = this file, there = the database); an "
        "import never changes stored records: correct it in the app, or fix the file"
    ),
    "eckardt": N_(
        "conflicts with the stored Eckardt score ({key}): {differences} (here = this file, there = the database); an "
        "import never changes stored records: correct it in the app, or fix the file"
    ),
}
_PATIENT_FIELDS = ("family_name", "given_name", "birth_date", "sex", "diagnosis", "diagnosis_date", "notes")


# --- patients ------------------------------------------------------------------------------------------------------


def _stored_patients(connection: Connection, mrns: Sequence[str]) -> dict[str, Patient]:
    names = ("id", "version", "mrn", *_PATIENT_FIELDS)
    found: dict[str, Patient] = {}
    for chunk in chunks(sorted(mrns)):
        query = select(*(_PATIENT.c[n] for n in names)).where(_PATIENT.c.mrn.in_(chunk))
        for row in connection.execute(query):
            values = dict(zip(names, row, strict=True))
            found[values["mrn"]] = Patient(**values)
    return found


def resolve_patients(connection: Connection, plan: ImportPlan, today: dt.date) -> None:
    """Each MRN of the file to a stored patient (whose stored values the file must not contradict) or to a new one
    the file describes (checked by ``validate_patient``); an MRN that is neither is a problem on each of its rows."""
    mrns = sorted({*plan.info, *(r.mrn for r in plan.rows)})
    plan.stored = _stored_patients(connection, mrns)
    for mrn, info in plan.info.items():
        stored = plan.stored.get(mrn)
        if stored is not None:
            for name, value in info.values.items():
                if getattr(stored, name) != value:
                    plan.problems.append(
                        problem(
                            info.where[name],
                            name,
                            info.raw[name],
                            N_(
                                "MRN {mrn} is stored with {name} '{stored}'; an import never changes a stored "
                                "patient: correct it in the app, or leave the cell empty"
                            ),
                            mrn=mrn,
                            name=name,
                            stored=text_value(getattr(stored, name)),
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
            plan.problems.append(
                ImportProblem(where, error.field, info.raw.get(error.field), error.message, error.said)
            )
        plan.new_patients[mrn] = patient
        if info.patients_rows:
            plan.counts["patients"].new += 1
    for row in plan.rows:
        if row.mrn not in plan.stored and row.mrn not in plan.new_patients:
            plan.problems.append(
                problem(
                    row.where,
                    "mrn",
                    row.mrn,
                    N_(
                        "MRN {mrn} is not in the database and the file does not describe this patient: give "
                        "family_name and given_name (with birth_date, sex, diagnosis) on a studies row, or add the "
                        "patient to a patients table"
                    ),
                    mrn=row.mrn,
                )
            )


# --- duplicates ----------------------------------------------------------------------------------------------------


def _study_key(mrn: str, study: TbeStudy) -> tuple[Any, ...]:
    return (mrn, study.study_date, study.study_time)


def _key(row: ParsedRow) -> tuple[Any, ...]:
    r = row.record
    if row.table == "studies":
        return _study_key(row.mrn, r)
    if row.table == "procedures":
        return (row.mrn, r.procedure_date, r.procedure_type)
    return (row.mrn, r.assessment_date)


def _differences(row: ParsedRow, other: Any) -> list[tuple[str, str, str]]:
    """(column, this row's value, the other record's value) for each compared column that differs."""
    found: list[tuple[str, str, str]] = []
    for name in row.present:
        mine, theirs = getattr(row.record, name), getattr(other, name)
        if mine != theirs:
            found.append((column_of_field(row.table, name), text_value(mine), text_value(theirs)))
    if row.table == "studies":
        for minute in row.minutes:
            a, b = row.record.at(minute), other.at(minute)
            for kind in ("height", "width"):
                mine = getattr(a, f"{kind}_cm") if a else None
                theirs = getattr(b, f"{kind}_cm") if b else None
                if mine != theirs:
                    found.append((film_column(kind, minute), text_value(mine), text_value(theirs)))
    return found


def _describe_differences(differences: list[tuple[str, str, str]]) -> Joined:
    return Joined(
        tuple(
            say(N_("{column}: '{mine}' here, '{theirs}' there"), column=c, mine=mine, theirs=theirs)
            for c, mine, theirs in differences
        ),
        "; ",
    )


def find_duplicates(connection: Connection, plan: ImportPlan, progress: Progress) -> None:
    """Each readable row is new (to be written), a duplicate (same key, same values: counted, skipped) or a conflict
    (same key, other values, with an earlier row or a stored record: a problem naming both)."""
    stored_events = _stored_events(connection, [p.id for p in plan.stored.values() if p.id is not None])
    id_to_mrn = {p.id: mrn for mrn, p in plan.stored.items()}
    stored_index: dict[tuple[Any, ...], list[Any]] = {}
    stored_by_date: dict[tuple[Any, ...], list[Any]] = {}
    for table, records in stored_events.items():
        for record in records:
            mrn = id_to_mrn[record.patient_id]
            row_like = ParsedRow(table, None, 0, mrn, record, (), (), set())  # type: ignore[arg-type]
            stored_index.setdefault((table, *_key(row_like)), []).append(record)
            if table == "studies":
                stored_by_date.setdefault((mrn, record.study_date), []).append(record)
    seen: dict[tuple[Any, ...], ParsedRow] = {}
    total = len(plan.rows)
    for number, row in enumerate(plan.rows):
        if number % PROGRESS_EVERY == 0:
            progress(number, total, N_("Looking for duplicates"))
        if row.bad:
            continue  # already reported; its key may be a placeholder
        counts = plan.counts[row.table]
        key = (row.table, *_key(row))
        earlier = seen.get(key)
        if earlier is not None:
            differences = _differences(row, earlier.record)
            if differences:
                plan.problems.append(
                    problem(
                        row.where,
                        differences[0][0],
                        differences[0][1],
                        _REPEATED[row.table],
                        earlier=where_said(earlier.where),
                        key=_describe_key(row),
                        differences=_describe_differences(differences),
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
            problem(
                row.where,
                differences[0][0],
                differences[0][1],
                _CONFLICTING[row.table],
                key=_describe_key(row),
                differences=_describe_differences(differences),
            )
        )


def _describe_key(row: ParsedRow) -> Message:
    """MRN and date (and time, or type) of a row; a row whose date or type is missing (its column is, and is reported
    so) says "no date", "no type"."""
    r = row.record
    date = getattr(r, {"studies": "study_date", "procedures": "procedure_date"}.get(row.table, "assessment_date"))
    when: object = date if date is not None else say(N_("no date"))
    if row.table == "studies" and r.study_time is not None:
        return say(N_("MRN {mrn}, {date} {time}"), mrn=row.mrn, date=when, time=r.study_time)
    if row.table == "procedures":
        kind = r.procedure_type if r.procedure_type is not None else say(N_("no type"))
        return say(N_("MRN {mrn}, {date}, {type}"), mrn=row.mrn, date=when, type=kind)
    return say(N_("MRN {mrn}, {date}"), mrn=row.mrn, date=when)


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
        for chunk in chunks(list(patient_ids)):
            query = select(*(table.c[n] for n in names)).where(table.c.patient_id.in_(chunk))
            for row in connection.execute(query):
                found[table_name].append(record_type(**dict(zip(names, row, strict=True))))
    studies = {s.id: s for s in found["studies"]}
    for chunk in chunks(list(studies)):
        query = select(_FILM.c.study_id, _FILM.c.minute, _FILM.c.height_cm, _FILM.c.width_cm).where(
            _FILM.c.study_id.in_(chunk)
        )
        for study_id, minute, height, width in connection.execute(query):
            studies[study_id].measurements.append(ColumnMeasurement(minute=minute, height_cm=height, width_cm=width))
    return found
