"""Finding patients and loading one patient's whole history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from barium_tracker.domain.enums import Diagnosis, Sex
from barium_tracker.domain.errors import NotFound
from barium_tracker.domain.records import PatientHistory
from barium_tracker.domain.text import fold
from barium_tracker.services.clinic import Clinic
from barium_tracker.storage.mapping import history_from_row
from barium_tracker.storage.models import PatientRow, ProcedureRow, TbeStudyRow


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


def _search_filter(query: Select, text: str) -> Select:
    """Every word typed must appear in the MRN or a name, ignoring accents and case."""
    for word in fold(text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(PatientRow.search_text.like(f"%{escaped}%", escape="\\"))
    return query


def search_patients(
    clinic: Clinic, text: str = "", *, limit: int | None = None, offset: int = 0
) -> list[PatientListItem]:
    """Patients whose MRN or names contain every word of ``text``, by family then given name."""
    last_study = (
        select(func.max(TbeStudyRow.study_date)).where(TbeStudyRow.patient_id == PatientRow.id).scalar_subquery()
    )
    last_procedure = (
        select(func.max(ProcedureRow.procedure_date)).where(ProcedureRow.patient_id == PatientRow.id).scalar_subquery()
    )
    query = select(
        PatientRow.id,
        PatientRow.mrn,
        PatientRow.family_name,
        PatientRow.given_name,
        PatientRow.birth_date,
        PatientRow.sex,
        PatientRow.diagnosis,
        last_study,
        last_procedure,
    )
    query = _search_filter(query, text).order_by(PatientRow.family_name, PatientRow.given_name, PatientRow.id)
    query = query.offset(offset).limit(limit)
    with clinic.db.session() as session:
        return [PatientListItem(*row) for row in session.execute(query)]


def count_patients(clinic: Clinic, text: str = "") -> int:
    with clinic.db.session() as session:
        return session.scalar(_search_filter(select(func.count(PatientRow.id)), text)) or 0


def load_history(clinic: Clinic, *, patient_id: int | None = None, mrn: str | None = None) -> PatientHistory:
    """The patient with every event, detached from the database (safe to keep in the GUI)."""
    query = select(PatientRow).options(
        selectinload(PatientRow.studies),
        selectinload(PatientRow.procedures),
        selectinload(PatientRow.eckardt),
        selectinload(PatientRow.manometry),
        selectinload(PatientRow.endoscopy),
    )
    if patient_id is not None:
        query = query.where(PatientRow.id == patient_id)
    elif mrn is not None:
        query = query.where(PatientRow.mrn == mrn.strip())
    else:
        raise ValueError("load_history needs a patient_id or an mrn")
    with clinic.db.session() as session:
        row = session.scalar(query)
        if row is None:
            what = f"MRN {mrn}" if mrn is not None else f"id {patient_id}"
            raise NotFound(f"No patient with {what} in {clinic.location}")
        return history_from_row(row)
