"""Does a film belong to this patient and this study? What a DICOM file says about itself, against the record.

Attaching another patient's radiograph to a record is a patient-safety error that no later check can see, so every
difference the file's own tags show is said as a whole sentence naming both values, and the attach needs an explicit
confirmation (services/images/library.py). Names are compared the way people mean them: DICOM's ``FAMILY^GIVEN``
form, case, accents and the order of several family names do not matter, nor does a name written in one part only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.domain.text import fold

#: A film dated more than this many days from the TBE study's date is questioned (the study, acquisition and
#: content dates of one radiograph are the day it was taken; a few days allow for a date typed a day late).
DATE_TOLERANCE_DAYS = 3


@dataclass(frozen=True, slots=True)
class FilmIdentity:
    """What a file says about whom and when (DICOM PatientID, PatientName, StudyDate, AcquisitionDate, ContentDate)."""

    patient_id: str | None = None
    patient_name: str | None = None
    study_date: dt.date | None = None
    acquisition_date: dt.date | None = None
    content_date: dt.date | None = None


def _words(text: str) -> set[str]:
    return set(fold(text).replace(",", " ").replace("-", " ").split())


def _parts_agree(theirs: set[str], ours: set[str]) -> bool:
    """Every word of one side is a word of the other ("QUISPE" and "Quispe Mamani" agree)."""
    return not theirs or not ours or theirs <= ours or ours <= theirs


def names_agree(dicom_name: str, family_name: str, given_name: str) -> bool:
    """Whether a DICOM PatientName (``FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX``, or one plain string) names this patient."""
    family, given = _words(family_name), _words(given_name)
    if not dicom_name.strip(" ^") or not (family or given):
        return True  # nothing to compare
    if "^" not in dicom_name:
        written = _words(dicom_name)
        return _parts_agree(written, family | given) and bool(written & (family | given))
    parts = dicom_name.split("^")
    their_family = _words(parts[0])
    their_given = _words(" ".join(parts[1:3]))  # given and middle names
    if not (their_family & family or (not their_family and their_given & given)):
        return False
    return _parts_agree(their_family, family) and _parts_agree(their_given, given)


def ids_agree(dicom_id: str, mrn: str) -> bool:
    return fold(dicom_id.strip()) == fold(mrn.strip())


def identity_differences(
    identity: FilmIdentity,
    *,
    mrn: str,
    family_name: str,
    given_name: str,
    record_date: dt.date,
    tolerance_days: int = DATE_TOLERANCE_DAYS,
) -> list[Message]:
    """Each way the file disagrees with the record, one whole sentence naming both values (empty: they agree)."""
    found: list[Message] = []
    if identity.patient_id and identity.patient_id.strip() and not ids_agree(identity.patient_id, mrn):
        found.append(
            say(
                N_("The file's patient ID is {theirs}, but this patient's MRN is {ours}."),
                theirs=identity.patient_id.strip(),
                ours=mrn,
            )
        )
    if identity.patient_name and not names_agree(identity.patient_name, family_name, given_name):
        ours = ", ".join(part for part in (family_name, given_name) if part)
        found.append(
            say(
                N_("The file's patient name is {theirs}, but this patient is {ours}."),
                theirs=identity.patient_name.replace("^", " ").strip(),
                ours=ours,
            )
        )
    dates = (
        (
            identity.study_date,
            N_("The file's study date is {theirs}, {days} days from this record's date {ours}."),
        ),
        (
            identity.acquisition_date,
            N_("The file's acquisition date is {theirs}, {days} days from this record's date {ours}."),
        ),
        (
            identity.content_date,
            N_("The file's content date is {theirs}, {days} days from this record's date {ours}."),
        ),
    )
    said: set[dt.date] = set()
    for theirs, template in dates:  # a date said once (a radiograph's three dates are usually the same day)
        if theirs is not None and theirs not in said and abs((theirs - record_date).days) > tolerance_days:
            said.add(theirs)
            found.append(say(template, theirs=theirs, days=abs((theirs - record_date).days), ours=record_date))
    return found
