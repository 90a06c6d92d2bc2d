"""The patient list's rows and orders, and its first page read before SQLAlchemy is imported (a fast start-up).

Nothing here imports SQLAlchemy: the window paints the list from :func:`first_page` while the database is not yet
open, then :mod:`services.patients` (which re-exports these names) takes over for searching, sorting and paging.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from barium_tracker.domain.enums import Diagnosis, Sex
from barium_tracker.storage.fast_reader import first_look


@dataclass(frozen=True, slots=True)
class PatientListItem:
    """One row of the patient list: enough to recognise a patient, nothing clinical to edit."""

    id: int
    mrn: str
    family_name: str
    given_name: str
    birth_date: dt.date | None
    sex: Sex
    diagnosis: Diagnosis
    last_study_date: dt.date | None
    last_procedure_date: dt.date | None

    @property
    def display_name(self) -> str:
        return ", ".join(part for part in (self.family_name, self.given_name) if part) or self.mrn

    def age_years(self, on: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        years = on.year - self.birth_date.year
        return years - 1 if (on.month, on.day) < (self.birth_date.month, self.birth_date.day) else years


class PatientSort(StrEnum):
    """What the patient list is ordered by. Ties go by name, then id, so that pages never overlap or skip a row."""

    MRN = "mrn"
    NAME = "name"  # family name, then given name
    AGE = "age"  # youngest first (birth date reversed); unknown birth dates last
    DIAGNOSIS = "diagnosis"
    LAST_STUDY = "last_study"  # date of the latest TBE; patients without one last, in both directions
    LAST_PROCEDURE = "last_procedure"  # date of the latest procedure; patients without one last, in both directions


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The list as it opens (no search, no filter, name order), read straight from a SQLite file."""

    path: Path  # the file read (resolved), for "Opening ..." in the status bar
    items: list[PatientListItem]
    total: int  # every patient in the file
    has_more: bool  # more patients follow ``items``


def first_page(target: str | os.PathLike[str] | None, page_size: int) -> FirstPage | None:
    """The first ``page_size`` patients of a SQLite clinic file in the list's default order, and how many there are.

    Read-only and without SQLAlchemy; same rows, values and order as ``search_page(clinic, limit=page_size)``.
    No target means what ``Clinic.open(None)`` opens: $BARIUM_TRACKER_DB, else the default file. None means "open
    the database the ordinary way first" (``Clinic.open``): a URL, a file that does not exist yet, any schema but
    exactly this version's (to migrate after a backup, or to refuse), a foreign or damaged file, a lock, anything
    unexpected. Nothing is ever written here.
    """
    if target is None:
        from barium_tracker.storage.locations import default_target

        target = default_target()
    raw = os.fspath(target)
    if not raw or "://" in raw:
        return None
    look = first_look(Path(raw).expanduser(), page_size)
    if look is None:
        return None
    items = [
        PatientListItem(
            id=row.id,
            mrn=row.mrn,
            family_name=row.family_name,
            given_name=row.given_name,
            birth_date=row.birth_date,
            sex=row.sex,
            diagnosis=row.diagnosis,
            last_study_date=row.last_study_date,
            last_procedure_date=row.last_procedure_date,
        )
        for row in look.rows
    ]
    return FirstPage(path=look.path, items=items, total=look.total, has_more=look.has_more)
