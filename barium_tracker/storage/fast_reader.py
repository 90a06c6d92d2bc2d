"""A first look at a SQLite clinic file before SQLAlchemy is imported: schema revision, patient count, first page.

The window paints its list from this, then opens the database for real (:mod:`storage.database`: engine, checks,
backup, migrations). So this module imports only the standard library, the domain and :mod:`storage.schema` (itself
standard library only), opens the file read-only (``mode=ro``: it never creates, migrates or writes anything), and
answers only when the file is certainly a Barium Tracker database at exactly the schema this version ships. In every
other case (no such file, an older or newer schema, a foreign or damaged file, a lock, a value it does not recognise)
it answers None, and the caller takes the ordinary path, which says why or migrates after a backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from barium_tracker.domain.enums import Diagnosis, Sex
from barium_tracker.storage.schema import MIGRATIONS, plain_revisions

# MIGRATIONS (storage.schema's) is read from this module at call time: a test plays "the next version of the app" by
# patching it here.
# A lock held by another workstation: give up quickly and let the ordinary path wait for it (it waits 5 s).
_BUSY_TIMEOUT_S = 0.2


@dataclass(frozen=True, slots=True)
class ListRow:
    """One patient as the list shows it (the fields of services.patients.PatientListItem, in its order)."""

    id: int
    mrn: str
    family_name: str
    given_name: str
    birth_date: dt.date | None
    sex: Sex
    diagnosis: Diagnosis
    last_study_date: dt.date | None
    last_procedure_date: dt.date | None


@dataclass(frozen=True, slots=True)
class FirstLook:
    """What the list needs to paint: how many patients, and the first rows in name order."""

    path: Path
    total: int
    rows: list[ListRow]
    has_more: bool  # more rows follow the ones read


# Name order (family name, given name, id): the list's default, and services.patients' PatientSort.NAME ascending.
# The page is cut first, then the two latest dates are computed for its rows only (the same plan as search_page).
_FIRST_PAGE = """
SELECT page.id, page.mrn, page.family_name, page.given_name, page.birth_date, page.sex, page.diagnosis,
       (SELECT max(s.study_date) FROM tbe_study AS s WHERE s.patient_id = page.id),
       (SELECT max(r.procedure_date) FROM procedure AS r WHERE r.patient_id = page.id)
FROM (SELECT id, mrn, family_name, given_name, birth_date, sex, diagnosis FROM patient
      ORDER BY family_name ASC, given_name ASC, id ASC LIMIT ?) AS page
ORDER BY page.family_name ASC, page.given_name ASC, page.id ASC
"""


def _date(value: object) -> dt.date | None:
    """A Date column as SQLAlchemy writes it on SQLite ('YYYY-MM-DD'); anything else is not ours to guess."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"unexpected date {value!r}")
    return dt.date.fromisoformat(value)


def _row(values: tuple[object, ...]) -> ListRow:
    patient_id, mrn, family_name, given_name, birth_date, sex, diagnosis, last_study, last_procedure = values
    if not isinstance(patient_id, int) or not all(isinstance(v, str) for v in (mrn, family_name, given_name)):
        raise ValueError(f"unexpected patient row {values!r}")
    return ListRow(
        id=patient_id,
        mrn=str(mrn),
        family_name=str(family_name),
        given_name=str(given_name),
        birth_date=_date(birth_date),
        sex=Sex(sex),
        diagnosis=Diagnosis(diagnosis),
        last_study_date=_date(last_study),
        last_procedure_date=_date(last_procedure),
    )


def _read(connection: sqlite3.Connection, head: str, limit: int) -> tuple[int, list[ListRow]] | None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"alembic_version", "patient", "tbe_study", "procedure"} <= tables:
        return None  # empty, foreign, or not migrated yet: the ordinary path decides
    versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    if versions != [head]:
        return None  # older (to migrate after a backup), newer (to refuse), or odd: never shown from here
    total = connection.execute("SELECT count(*) FROM patient").fetchone()[0]
    rows = [_row(values) for values in connection.execute(_FIRST_PAGE, (limit,))]
    return int(total), rows


def first_look(path: str | Path, page_size: int, migrations: Path | None = None) -> FirstLook | None:
    """The patient count and the first ``page_size`` patients in name order, or None (take the ordinary path).

    Reads ``page_size + 1`` rows to know whether more follow. Never writes: the file is opened with ``mode=ro``
    (a missing file is not created) and every sqlite3 error gives None.
    """
    file = Path(path)
    try:
        if not file.is_file():
            return None
        revisions = plain_revisions(MIGRATIONS if migrations is None else migrations)
        if revisions is None:
            return None
        uri = file.resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        found = _read(connection, revisions.head, page_size + 1)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()
    if found is None:
        return None
    total, rows = found
    return FirstLook(path=file.resolve(), total=total, rows=rows[:page_size], has_more=len(rows) > page_size)
