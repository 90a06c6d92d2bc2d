"""A film's own identity against the record: DICOM names in FAMILY^GIVEN form, case and accents tolerated; every
difference one sentence naming both values."""

from __future__ import annotations

import datetime as dt

import pytest

from barium_tracker.domain.film_identity import FilmIdentity, identity_differences, names_agree

STUDY = dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    "dicom",
    ["QUISPE MAMANI^JUAN CARLOS", "quispe^juan", "QUÍSPE^JUÁN", "Juan Carlos Quispe Mamani", "QUISPE MAMANI^JUAN"],
)
def test_the_same_patient_written_the_dicom_way_agrees(dicom: str) -> None:
    assert names_agree(dicom, "Quispe Mamani", "Juan Carlos")


@pytest.mark.parametrize("dicom", ["PEREZ^JUAN", "QUISPE^MARIA", "Rosa Huamán"])
def test_another_patient_disagrees(dicom: str) -> None:
    assert not names_agree(dicom, "Quispe Mamani", "Juan Carlos")


def _differences(identity: FilmIdentity) -> list[str]:
    found = identity_differences(
        identity, mrn="HSR-0042", family_name="Quispe Mamani", given_name="Juan Carlos", record_date=STUDY
    )
    return [str(d) for d in found]


def test_a_matching_film_has_no_differences() -> None:
    same = FilmIdentity("hsr-0042 ", "QUISPE MAMANI^JUAN CARLOS", STUDY, STUDY + dt.timedelta(days=1), None)
    assert _differences(same) == []


def test_each_difference_names_both_values_and_a_date_is_said_once() -> None:
    late = STUDY + dt.timedelta(days=9)
    other = FilmIdentity("HSR-0999", "PEREZ^ROSA", late, late, STUDY)
    assert _differences(other) == [
        "The file's patient ID is HSR-0999, but this patient's MRN is HSR-0042.",
        "The file's patient name is PEREZ ROSA, but this patient is Quispe Mamani, Juan Carlos.",
        "The file's study date is 2024-03-23, 9 days from this record's date 2024-03-14.",
    ]
