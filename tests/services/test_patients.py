"""Finding patients on real databases (SQLite file and PostgreSQL): search, filter, every sort, pages, positions.

The expected orders are computed here in plain Python from the patients as written, independently of the SQL.
Each test also runs under the three query plans search_page chooses between (a list of ids for a narrow search,
a walk of the name/MRN index testing membership, a plain walk), forced by moving the thresholds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.domain.records import Patient, PatientHistory, Procedure, TbeStudy
from barium_tracker.domain.text import fold
from barium_tracker.services import patients as patients_module
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import (
    PatientSort,
    count_patients,
    patient_row_number,
    search_page,
    search_patients,
)
from barium_tracker.services.records import save_histories

D = dt.date
TYPE_I, TYPE_II, TYPE_III = Diagnosis.ACHALASIA_TYPE_I, Diagnosis.ACHALASIA_TYPE_II, Diagnosis.ACHALASIA_TYPE_III


@dataclass(frozen=True)
class Spec:
    """One patient as written, with the dates the list should show."""

    mrn: str
    family: str
    given: str
    birth: dt.date | None
    diagnosis: Diagnosis
    studies: tuple[dt.date, ...] = ()
    procedures: tuple[dt.date, ...] = ()

    @property
    def last_study(self) -> dt.date | None:
        return max(self.studies, default=None)

    @property
    def last_procedure(self) -> dt.date | None:
        return max(self.procedures, default=None)


# Ties everywhere: two "García, Ana" (id decides), shared birth dates, diagnoses and latest dates; unknown birth
# dates and patients without a study or a procedure; accents in every position.
SPECS = (
    Spec("MRN-010", "Pérez", "José", D(1980, 3, 1), TYPE_II, (D(2024, 1, 5), D(2025, 6, 1)), (D(2024, 2, 1),)),
    Spec("MRN-002", "Perez", "Ana", D(1990, 7, 12), TYPE_I, (D(2025, 6, 1),)),
    Spec("MRN-003", "García", "Ana", D(1980, 3, 1), TYPE_II, (), (D(2023, 5, 5),)),
    Spec("MRN-004", "García", "Ana", None, TYPE_II, (D(2022, 1, 1),), (D(2023, 5, 5), D(2021, 1, 1))),
    Spec("MRN-005", "Núñez", "Ángel", D(2001, 12, 31), TYPE_III),
    Spec("MRN-006", "Quispe Huamán", "Mateo", D(1975, 1, 20), TYPE_II, (D(2025, 6, 10),), (D(2025, 1, 1),)),
    Spec("MRN-007", "Quispe", "Rosa", None, Diagnosis.UNKNOWN, (D(2020, 2, 2),)),
    Spec("MRN-008", "Mamani", "Luis", D(1990, 7, 12), TYPE_I, (), (D(2025, 3, 3),)),
    Spec("MRN-009", "Chávez", "Inés", D(1966, 6, 6), Diagnosis.EGJ_OUTFLOW_OBSTRUCTION, (D(2019, 9, 9),)),
    Spec("MRN-001", "Pérez Quispe", "María", D(1985, 5, 5), TYPE_I, (D(2025, 6, 1),), (D(2024, 2, 1),)),
    Spec("ABC_1%", "Rojas", "Carmen", D(1999, 9, 9), TYPE_III),
    Spec("ABCD1X", "Rojas", "Diego", D(1999, 9, 9), TYPE_III, (D(2024, 4, 4),)),
)

SEARCHES = ("", "perez", "PÉREZ", "pérez ana", "garcia", "quispe", "mrn-00", "ángel", "_", "%", "c_1", "zzz")
DIAGNOSES = (None, TYPE_I, TYPE_II, TYPE_III, Diagnosis.OTHER)


@dataclass(frozen=True)
class Stored:
    id: int
    spec: Spec


@pytest.fixture(params=["ids", "membership", "walk"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Force each of search_page's query plans in turn (with the default thresholds, small tests use only 'ids')."""
    if request.param == "ids":
        monkeypatch.setattr(patients_module, "SPARSE_MATCHES", 10_000)
    elif request.param == "membership":
        monkeypatch.setattr(patients_module, "SPARSE_MATCHES", 0)
        monkeypatch.setattr(patients_module, "DENSE_SHARE", 2.0)
    else:
        monkeypatch.setattr(patients_module, "SPARSE_MATCHES", 0)
        monkeypatch.setattr(patients_module, "DENSE_SHARE", 0.0)
    return request.param


@pytest.fixture
def listed(any_clinic: Clinic) -> Iterator[tuple[Clinic, list[Stored]]]:
    histories = [
        PatientHistory(
            patient=Patient(
                mrn=spec.mrn,
                family_name=spec.family,
                given_name=spec.given,
                birth_date=spec.birth,
                diagnosis=spec.diagnosis,
            ),
            studies=[TbeStudy(study_date=day) for day in spec.studies],
            procedures=[Procedure(procedure_date=day, procedure_type=ProcedureType.POEM) for day in spec.procedures],
        )
        for spec in SPECS
    ]
    save_histories(any_clinic, histories, source="test")
    ids = {item.mrn: item.id for item in search_patients(any_clinic)}
    yield any_clinic, [Stored(ids[spec.mrn], spec) for spec in SPECS]


def _matches(stored: Stored, text: str, diagnosis: Diagnosis | None) -> bool:
    haystack = fold(f"{stored.spec.mrn} {stored.spec.family} {stored.spec.given}")
    return all(word in haystack for word in fold(text).split()) and diagnosis in (None, stored.spec.diagnosis)


def _expected(
    rows: list[Stored], sort: PatientSort, descending: bool, text: str = "", diagnosis: Diagnosis | None = None
) -> list[int]:
    """The order the list must show, from first principles: the key, unknown values last, then name, then id."""
    rows = [row for row in rows if _matches(row, text, diagnosis)]

    def by_name(row: Stored) -> tuple[str, str, int]:
        return (row.spec.family, row.spec.given, row.id)

    if sort is PatientSort.NAME:
        return [row.id for row in sorted(rows, key=by_name, reverse=descending)]
    if sort is PatientSort.MRN:
        return [row.id for row in sorted(rows, key=lambda row: row.spec.mrn, reverse=descending)]
    value: Callable[[Stored], object]
    reverse = descending
    if sort is PatientSort.AGE:
        value, reverse = (lambda row: row.spec.birth), not descending  # youngest (latest birth date) first
    elif sort is PatientSort.DIAGNOSIS:
        value = lambda row: row.spec.diagnosis.value  # noqa: E731
    elif sort is PatientSort.LAST_STUDY:
        value = lambda row: row.spec.last_study  # noqa: E731
    else:
        value = lambda row: row.spec.last_procedure  # noqa: E731
    known = sorted((row for row in rows if value(row) is not None), key=by_name)
    known.sort(key=value, reverse=reverse)  # stable: equal keys keep name order, in both directions
    unknown = sorted((row for row in rows if value(row) is None), key=by_name)
    return [row.id for row in known + unknown]


def _ids(clinic: Clinic, text: str = "", **kwargs: object) -> list[int]:
    return [item.id for item in search_patients(clinic, text, **kwargs)]  # type: ignore[arg-type]


def test_every_sort_in_both_directions_matches_the_reference_order(
    listed: tuple[Clinic, list[Stored]], plan: str
) -> None:
    clinic, rows = listed
    for sort, descending in itertools.product(PatientSort, (False, True)):
        for text in ("", "perez", "quispe", "mrn"):
            for diagnosis in (None, TYPE_II):
                expected = _expected(rows, sort, descending, text, diagnosis)
                found = _ids(clinic, text, diagnosis=diagnosis, sort=sort, descending=descending)
                assert found == expected, (sort, descending, text, diagnosis)


def test_unknown_values_come_last_in_both_directions(listed: tuple[Clinic, list[Stored]]) -> None:
    clinic, _ = listed
    nullable = (PatientSort.AGE, PatientSort.LAST_STUDY, PatientSort.LAST_PROCEDURE)
    for sort, descending in itertools.product(nullable, (False, True)):
        items = search_patients(clinic, sort=sort, descending=descending)
        values = [
            {
                PatientSort.AGE: item.birth_date,
                PatientSort.LAST_STUDY: item.last_study_date,
                PatientSort.LAST_PROCEDURE: item.last_procedure_date,
            }[sort]
            for item in items
        ]
        unknown = values.index(None)
        assert unknown > 0 and all(value is None for value in values[unknown:]), (sort, descending, values)
        known = values[:unknown]
        ascending_dates = sorted(known, reverse=sort is PatientSort.AGE)  # age ascending: latest birth first
        assert known == (ascending_dates[::-1] if descending else ascending_dates)


def test_name_order_breaks_ties_by_id_and_reverses_completely(listed: tuple[Clinic, list[Stored]]) -> None:
    clinic, rows = listed
    garcia = sorted(row.id for row in rows if row.spec.family == "García")
    assert _ids(clinic, "garcia ana") == garcia
    assert _ids(clinic, "garcia ana", descending=True) == garcia[::-1]


def test_list_items_show_the_latest_dates(listed: tuple[Clinic, list[Stored]]) -> None:
    clinic, _ = listed
    (item,) = search_patients(clinic, "MRN-004")
    assert (item.mrn, item.family_name, item.given_name) == ("MRN-004", "García", "Ana")
    assert item.last_study_date == D(2022, 1, 1)
    assert item.last_procedure_date == D(2023, 5, 5)  # the later of two
    assert item.birth_date is None and item.diagnosis is TYPE_II
    (item,) = search_patients(clinic, "MRN-005")
    assert item.last_study_date is None and item.last_procedure_date is None


def test_search_ignores_accents_and_case_and_needs_every_word(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, _ = listed

    def mrns(text: str) -> set[str]:
        return {item.mrn for item in search_patients(clinic, text)}

    assert mrns("perez") == mrns("Pérez") == mrns("PÉREZ") == {"MRN-010", "MRN-002", "MRN-001"}
    assert mrns("nunez angel") == mrns("Núñez Ángel") == {"MRN-005"}
    assert mrns("pérez ana") == {"MRN-002"}
    assert mrns("  quispe   mateo ") == {"MRN-006"}
    assert mrns("mrn-00") == {spec.mrn for spec in SPECS if spec.mrn.startswith("MRN-00")}
    assert mrns("zzz") == set()


def test_like_wildcards_are_taken_literally(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, _ = listed
    assert [item.mrn for item in search_patients(clinic, "_")] == ["ABC_1%"]
    assert [item.mrn for item in search_patients(clinic, "%")] == ["ABC_1%"]
    assert [item.mrn for item in search_patients(clinic, "c_1")] == ["ABC_1%"]


def test_diagnosis_filter(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, rows = listed
    for diagnosis in DIAGNOSES:
        items = search_patients(clinic, diagnosis=diagnosis)
        expected = {row.id for row in rows if diagnosis in (None, row.spec.diagnosis)}
        assert {item.id for item in items} == expected
        assert all(diagnosis in (None, item.diagnosis) for item in items)
        assert count_patients(clinic, diagnosis=diagnosis) == len(expected)
    assert {item.mrn for item in search_patients(clinic, "perez", diagnosis=TYPE_I)} == {"MRN-002", "MRN-001"}


def test_pages_put_together_are_the_whole_list(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, _ = listed
    for sort, descending in itertools.product(PatientSort, (False, True)):
        for text, diagnosis in (("", None), ("a", None), ("", TYPE_II), ("perez", None)):
            whole = _ids(clinic, text, diagnosis=diagnosis, sort=sort, descending=descending)
            paged: list[int] = []
            for offset in range(0, len(whole) + 3, 3):
                paged += _ids(
                    clinic, text, diagnosis=diagnosis, sort=sort, descending=descending, limit=3, offset=offset
                )
            assert paged == whole, (sort, descending, text, diagnosis)


def test_count_matches_the_list_and_a_known_total_is_exact(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, _ = listed
    assert count_patients(clinic) == len(SPECS)
    for text in SEARCHES:
        for diagnosis in DIAGNOSES:
            whole = search_patients(clinic, text, diagnosis=diagnosis)
            assert count_patients(clinic, text, diagnosis=diagnosis) == len(whole), (text, diagnosis)
            page = search_page(clinic, text, diagnosis=diagnosis, limit=2)
            assert page.items == whole[:2]
            assert page.total in (None, len(whole))
            if plan == "ids" and (text.strip() or diagnosis):  # a filtered narrow search knows its total
                assert page.total == len(whole)


def test_row_number_is_the_position_in_the_list(listed: tuple[Clinic, list[Stored]], plan: str) -> None:
    clinic, rows = listed
    for sort, descending in itertools.product(PatientSort, (False, True)):
        for text, diagnosis in (("", None), ("perez", None), ("", TYPE_II), ("a", TYPE_I)):
            whole = _ids(clinic, text, diagnosis=diagnosis, sort=sort, descending=descending)
            for position, patient_id in enumerate(whole):
                found = patient_row_number(clinic, patient_id, text, diagnosis, sort, descending)
                assert found == position, (sort, descending, text, diagnosis, patient_id)
            for row in rows:
                if row.id not in whole:
                    assert patient_row_number(clinic, row.id, text, diagnosis, sort, descending) is None
    assert patient_row_number(clinic, 10**9) is None
