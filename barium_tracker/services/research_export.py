"""Research export without identifiers: pseudonymised CSV files, relative days, top-coded ages, a data dictionary.

No name, MRN, birth date, calendar date, database id or free text leaves the database. Each patient is known by a
pseudonym, HMAC-SHA256 of the patient's id keyed with a secret that is generated (``secrets``) on first use and
kept in the database's clinic_setting table, never exported: the same database gives the same pseudonym at every
export, and nobody without the database can compute or reverse it. Dates become days since the patient's first
procedure (or first recorded event when there was none); ages are completed years, with 90 and over as "90+"
(HIPAA safe harbor). docs/research-export.md describes every file and column; the same text goes into the folder.
A clinical column's type, unit and dictionary text are its field's declaration (domain/fields.py); the docs are
checked against them (tests/services/test_research_export_docs.py).
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import hmac
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from barium_tracker.domain import fields
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.fields import Kind, Record
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.records import PatientHistory
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.fhir_export import publish_with_audit, selected_histories
from barium_tracker.services.output_files import writing
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.storage.models import ClinicSettingRow, PatientRow
from barium_tracker.storage.types import canonical

SECRET_KEY = "research_pseudonym_secret"
PSEUDONYM_PREFIX = "P-"
PSEUDONYM_LENGTH = 12  # base32 characters: 60 bits of the HMAC
TOP_CODED_AGE = 90  # ages of 90 and over are written "90+" (HIPAA safe harbor, 45 CFR 164.514(b)(2)(i)(C))
RESEARCH_FORMAT = "research-csv"

ANCHOR_FIRST_PROCEDURE = "first_procedure"
ANCHOR_FIRST_EVENT = "first_event"
ANCHOR_NONE = "none"


# -- the pseudonym ------------------------------------------------------------------------------------------------


def _stored_secret(clinic: Clinic) -> str | None:
    with clinic.db.session() as session:
        row = session.get(ClinicSettingRow, SECRET_KEY)
        return None if row is None else row.value


def pseudonym_secret(clinic: Clinic) -> bytes:
    """This database's pseudonym key, created on first use (two workstations racing both end up with one key)."""
    stored = _stored_secret(clinic)
    if stored is None:
        try:
            with clinic.db.session() as session:
                session.add(ClinicSettingRow(key=SECRET_KEY, value=secrets.token_hex(32)))
        except IntegrityError:  # another workstation stored its key first: use that one
            pass
        stored = _stored_secret(clinic)
        if stored is None:  # pragma: no cover - the insert either committed or lost to another one
            raise RuntimeError("The research pseudonym key could not be stored")
    return bytes.fromhex(stored)


def pseudonym_for(secret: bytes, patient_id: int) -> str:
    """``P-`` + the first 12 base32 characters of HMAC-SHA256(secret, "patient:<id>")."""
    digest = hmac.new(secret, f"patient:{patient_id}".encode("ascii"), hashlib.sha256).digest()
    return PSEUDONYM_PREFIX + base64.b32encode(digest).decode("ascii")[:PSEUDONYM_LENGTH]


def pseudonym(clinic: Clinic, patient_id_or_mrn: int | str) -> str:
    """A patient's research pseudonym, by database id or by MRN (e.g. to answer "which pseudonym is this patient")."""
    if isinstance(patient_id_or_mrn, str):
        with clinic.db.session() as session:
            found = session.scalar(select(PatientRow.id).where(PatientRow.mrn == patient_id_or_mrn.strip()))
        if found is None:
            raise NotFound(
                say(N_("No patient with MRN {mrn} in {location}"), mrn=patient_id_or_mrn, location=clinic.location)
            )
        patient_id = found
    else:
        patient_id = int(patient_id_or_mrn)
    return pseudonym_for(pseudonym_secret(clinic), patient_id)


# -- dates and ages -----------------------------------------------------------------------------------------------


def anchor_of(history: PatientHistory) -> tuple[dt.date | None, str]:
    """Day 0 of a patient: the first procedure; without one, the first recorded event; else none."""
    if history.procedures:
        return min(p.procedure_date for p in history.procedures), ANCHOR_FIRST_PROCEDURE
    dates = [
        *(s.study_date for s in history.studies),
        *(e.assessment_date for e in history.eckardt),
        *(m.study_date for m in history.manometry),
        *(e.exam_date for e in history.endoscopy),
    ]
    if dates:
        return min(dates), ANCHOR_FIRST_EVENT
    return None, ANCHOR_NONE


def age_text(history: PatientHistory, on: dt.date | None) -> str:
    """Completed years on a date, "90+" from 90 on, "" when the birth date (or the date) is unknown."""
    if on is None:
        return ""
    years = history.patient.age_years(on)
    if years is None:
        return ""
    return f"{TOP_CODED_AGE}+" if years >= TOP_CODED_AGE else str(years)


def _num(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(canonical(value), "f")  # a product keeps its factors' places: 5.4 x 2.5 = 13.50 -> 13.5
    return str(value)


def _flag(value: bool) -> str:
    return "1" if value else "0"


# -- files and columns (one table: it writes the headers and the data dictionary) ---------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # text | integer | decimal | code | 0/1 | age
    unit: str
    description: str


#: How the dictionary names each kind of declared field (and how its cells are written: integers, 1/0 flags).
_RESEARCH_KIND = {
    Kind.TEXT: "text",
    Kind.DECIMAL: "decimal",
    Kind.INTEGER: "integer",
    Kind.BOOL: "0/1",
    Kind.CODE: "code",
}


def _declared(record: Record, name: str) -> Column:
    """A clinical column: its type, unit and dictionary text as the field is declared (domain/fields.py)."""
    declared = fields.field(record, name)
    if declared.research is None:
        raise ValueError(f"{declared.key} is declared as never leaving the database in a research export")
    return Column(declared.name, _RESEARCH_KIND[declared.kind], declared.unit, declared.research)


def _research_fields(record: Record) -> tuple[fields.Field, ...]:
    """The fields of a record that a research export carries: those declared with a dictionary text, in order."""
    return tuple(f for f in fields.fields_of(record) if f.research is not None)


def _research_columns(record: Record) -> tuple[Column, ...]:
    return tuple(_declared(record, f.name) for f in _research_fields(record))


def _cell(declared: fields.Field, value: Any) -> Any:
    """A field's value as the research files write it: codes, 0/1 flags, exact decimals, empty when not recorded."""
    if value is None:
        return ""
    if declared.kind is fields.Kind.CODE:
        return value.value
    if declared.kind is fields.Kind.BOOL:
        return _flag(value)
    if declared.kind in (fields.Kind.DECIMAL, fields.Kind.INTEGER):
        return _num(value)
    return value


_RESEARCH_FIELDS: dict[Record, tuple[fields.Field, ...]] = {record: _research_fields(record) for record in Record}


def _values(record: Record, obj: Any) -> dict[str, Any]:
    """Every research field of ``obj`` (a record of kind ``record``), by column name."""
    return {f.name: _cell(f, getattr(obj, f.name)) for f in _RESEARCH_FIELDS[record]}


# The export's own columns (pseudonym, sequence, day, age, anchor, counts): not clinical fields.
_PSEUDONYM = Column("pseudonym", "text", "", "The patient's pseudonym (P- and 12 base32 characters); links the files.")
_DAY = Column("day", "integer", "days", "Days since the patient's anchor (see patients.csv anchor); negative = before.")
_AGE = Column("age_years", "age", "years", 'Completed years of age on that day; "90+" from 90 on; empty if unknown.')


def _seq(what: str) -> Column:
    return Column(f"{what}_seq", "integer", "", f"Number of the {what} within the patient, in date order (1 = first).")


FILES: dict[str, tuple[Column, ...]] = {
    "patients.csv": (
        _PSEUDONYM,
        *_research_columns(Record.PATIENT),
        Column(
            "anchor",
            "code",
            "",
            "What day 0 is: first_procedure (the first treatment), first_event (no procedure recorded: the first "
            "TBE, Eckardt score, manometry or endoscopy) or none (no event at all: every day is empty).",
        ),
        Column("age_at_anchor_years", "age", "years", 'Completed years of age on day 0; "90+" from 90 on.'),
        Column("diagnosis_day", "integer", "days", "Day of the diagnosis relative to day 0 (usually negative)."),
        Column("studies", "integer", "", "Number of TBE studies."),
        Column("procedures", "integer", "", "Number of procedures."),
        Column("eckardt_scores", "integer", "", "Number of Eckardt scores."),
        Column("manometries", "integer", "", "Number of manometry studies."),
        Column("endoscopies", "integer", "", "Number of endoscopies."),
    ),
    "studies.csv": (
        _PSEUDONYM,
        _seq("study"),
        _DAY,
        _AGE,
        *_research_columns(Record.TBE_STUDY),
        *_research_columns(Record.FILM),
    ),
    "procedures.csv": (
        _PSEUDONYM,
        _seq("procedure"),
        _DAY,
        _AGE,
        *_research_columns(Record.PROCEDURE),
    ),
    "eckardt.csv": (
        _PSEUDONYM,
        _seq("eckardt"),
        _DAY,
        _AGE,
        *_research_columns(Record.ECKARDT),
    ),
    "manometry.csv": (
        _PSEUDONYM,
        _seq("manometry"),
        _DAY,
        _AGE,
        *_research_columns(Record.MANOMETRY),
    ),
    "endoscopy.csv": (
        _PSEUDONYM,
        _seq("endoscopy"),
        _DAY,
        _AGE,
        *_research_columns(Record.ENDOSCOPY),
    ),
}

#: The columns of dictionary.csv: one row per column of every file above.
DICTIONARY_COLUMNS = ("file", "column", "type", "unit", "description")

README = """\
Barium Tracker research export (pseudonymised)
==============================================

Files (UTF-8, comma-separated, one header line, decimal point, empty cell = not recorded):
  patients.csv    one row per patient
  studies.csv     timed barium esophagogram, LONG format: one row per film (study x minute);
                  the study's own columns repeat on each of its films; group by pseudonym + study_seq
  procedures.csv  one row per treatment
  eckardt.csv     one row per Eckardt symptom score
  manometry.csv   one row per manometry study
  endoscopy.csv   one row per endoscopy
  dictionary.csv  every column of every file: type, unit, meaning

Identifiers removed: names, medical record numbers, birth dates, every calendar date, database ids and all free
text (notes, findings, complication descriptions, operator, knife, anaesthesia, manometry system, barium brand).

Pseudonyms: "P-" + 12 base32 characters of HMAC-SHA256(key, patient id). The key is random, kept inside the clinic
database and never exported: the same database gives a patient the same pseudonym in every export, so exports can
be joined over time, but the pseudonym cannot be traced back to the patient without that database.

Days: every date is given as days since the patient's anchor (day 0): the first procedure, or, for a patient with
no procedure, the first recorded event; patients.csv says which (column anchor). Ages: completed years on that day;
ages of 90 and over are written "90+" (HIPAA safe harbor).

Rows are sorted by pseudonym, then by sequence number, so the order reveals nothing about the database.

Researchers must not try to re-identify anyone, link these files to other data that could identify a patient, or
pass the files on outside the approved study. Small groups (rare combinations of sex, diagnosis, age and
treatment) are NOT suppressed by this export: check cell sizes before publishing tables.
"""


# -- rows ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Rows:
    by_file: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {name: [] for name in FILES})

    def add(self, file: str, row: dict[str, Any]) -> None:
        self.by_file[file].append({key: "" if value is None else str(value) for key, value in row.items()})


def _patient_rows(history: PatientHistory, alias: str, rows: _Rows) -> None:
    p = history.patient
    anchor, anchor_kind = anchor_of(history)

    def day(d: dt.date | None) -> str:
        return "" if d is None or anchor is None else str((d - anchor).days)

    def common(seq_name: str, seq: int, on: dt.date) -> dict[str, Any]:
        return {"pseudonym": alias, seq_name: seq, "day": day(on), "age_years": age_text(history, on)}

    rows.add(
        "patients.csv",
        {
            "pseudonym": alias,
            **_values(Record.PATIENT, p),
            "anchor": anchor_kind,
            "age_at_anchor_years": age_text(history, anchor),
            "diagnosis_day": day(p.diagnosis_date),
            "studies": len(history.studies),
            "procedures": len(history.procedures),
            "eckardt_scores": len(history.eckardt),
            "manometries": len(history.manometry),
            "endoscopies": len(history.endoscopy),
        },
    )
    for seq, s in enumerate(history.studies, start=1):
        study = {**common("study_seq", seq, s.study_date), **_values(Record.TBE_STUDY, s)}
        films = sorted(s.measurements, key=lambda m: m.minute)
        for m in films:
            rows.add("studies.csv", {**study, **_values(Record.FILM, m)})
        if not films:  # a study without films still has its row
            rows.add("studies.csv", {**study, **dict.fromkeys(f.name for f in _RESEARCH_FIELDS[Record.FILM])})
    for seq, pr in enumerate(history.procedures, start=1):
        rows.add("procedures.csv", {**common("procedure_seq", seq, pr.procedure_date), **_values(Record.PROCEDURE, pr)})
    for seq, e in enumerate(history.eckardt, start=1):
        rows.add("eckardt.csv", {**common("eckardt_seq", seq, e.assessment_date), **_values(Record.ECKARDT, e)})
    for seq, m in enumerate(history.manometry, start=1):
        rows.add("manometry.csv", {**common("manometry_seq", seq, m.study_date), **_values(Record.MANOMETRY, m)})
    for seq, n in enumerate(history.endoscopy, start=1):
        rows.add("endoscopy.csv", {**common("endoscopy_seq", seq, n.exam_date), **_values(Record.ENDOSCOPY, n)})


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
        writer.writeheader()
        writer.writerows(rows)


def _sort_key(columns: Sequence[Column]) -> Callable[[dict[str, str]], tuple[Any, ...]]:
    seq = next((c.name for c in columns if c.name.endswith("_seq")), None)

    def key(row: dict[str, str]) -> tuple[Any, ...]:
        minute = row.get("minute", "")
        return (row["pseudonym"], int(row[seq]) if seq else 0, int(minute) if minute else -1)

    return key


# -- the export ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResearchExportReport:
    """What an export wrote: the folder, its files, how many patients and how many data rows per file."""

    destination: Path
    files: tuple[Path, ...]
    patients: int
    rows: dict[str, int]


def _check_destination(destination: Path) -> None:
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise UserError(
            say(
                N_("{path} already exists and is not an empty folder; choose a new folder for the research export."),
                path=destination,
            )
        )


def write_research_export(
    clinic: Clinic,
    destination: Path,
    *,
    mrns: Sequence[str] | None = None,
    progress: Progress = no_progress,
) -> ResearchExportReport:
    """Write the pseudonymised CSV files and their data dictionary into the new folder ``destination``.

    The folder is built beside ``destination`` and moved into place only when complete, together with the audit
    record of the export; on Cancelled (or any error) the partial folder is removed and nothing is recorded.
    ``destination`` must not exist yet, or be an empty folder.
    """
    destination = Path(destination)
    _check_destination(destination)
    progress(0, None, N_("Reading patients"))
    histories = selected_histories(clinic, mrns)
    secret = pseudonym_secret(clinic)
    rows = _Rows()
    aliases: set[str] = set()
    total = len(histories)
    progress(0, total, N_("Removing identifiers"))
    for done, history in enumerate(histories, start=1):
        assert history.patient.id is not None
        alias = pseudonym_for(secret, history.patient.id)
        if alias in aliases:  # 60 bits: never in practice; refuse rather than merge two patients
            raise RuntimeError("Two patients share a research pseudonym; nothing was exported")
        aliases.add(alias)
        _patient_rows(history, alias, rows)
        progress(done, total, N_("Removing identifiers"))

    with writing(destination, "research"):
        work = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent))
        try:
            written: list[str] = []
            steps = len(FILES) + 2
            for step, (name, columns) in enumerate(FILES.items()):
                progress(step, steps, N_("Writing files"))
                _write_csv(work / name, [c.name for c in columns], sorted(rows.by_file[name], key=_sort_key(columns)))
                written.append(name)
            progress(len(FILES), steps, "Writing files")
            dictionary = [
                {"file": name, "column": c.name, "type": c.kind, "unit": c.unit, "description": c.description}
                for name, columns in FILES.items()
                for c in columns
            ]
            _write_csv(work / "dictionary.csv", DICTIONARY_COLUMNS, dictionary)
            (work / "README.txt").write_text(README, encoding="utf-8", newline="\n")
            written += ["dictionary.csv", "README.txt"]
            progress(steps, steps, N_("Writing files"))

            counts = {name: len(rows.by_file[name]) for name in FILES}
            changes = {
                "format": RESEARCH_FORMAT,
                "patients": total,
                "rows": counts,
                "files": written,
                "destination": str(destination.resolve()),
                "filter": None if mrns is None else {"mrns": [m.strip() for m in mrns]},
            }

            def publish() -> None:
                _check_destination(destination)  # nobody filled it meanwhile
                if destination.exists():
                    destination.rmdir()
                os.replace(work, destination)

            publish_with_audit(
                clinic, publish, lambda: shutil.rmtree(destination, ignore_errors=True), "research_export", changes
            )
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    return ResearchExportReport(
        destination=destination,
        files=tuple(destination / name for name in written),
        patients=total,
        rows=counts,
    )
