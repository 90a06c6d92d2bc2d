"""The latest-date orders kept in memory (services.patient_dates) against the same orders computed by the database.

On real databases (SQLite file and PostgreSQL): every search, filter, direction and page of the two latest-date
sorts gives the rows of services.patients' SQL plan, and stays so after each kind of change the audit records
(a study, a procedure, a patient added, renamed, deleted; an import), read again only where the audit says.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.domain.records import Patient, PatientHistory, Procedure, TbeStudy
from barium_tracker.services import patient_dates
from barium_tracker.services import patients as patients_module
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import synthetic_cohort
from barium_tracker.services.patient_dates import date_orders, prepare_date_orders
from barium_tracker.services.patients import PatientSort, search_page
from barium_tracker.services.records import create_record, delete_record, save_histories, update_record
from barium_tracker.storage.models import PatientRow, TbeStudyRow

DATE_SORTS = (PatientSort.LAST_STUDY, PatientSort.LAST_PROCEDURE)
#: The orders kept in memory: the two latest-date ones, and name order for a text search once they are built.
MEMORY_SORTS = (*DATE_SORTS, PatientSort.NAME)
SEARCHES = (
    ("", None),
    ("quispe", None),  # a common family name
    ("a", None),  # nearly everyone
    ("SYN-0001", None),  # a few MRNs
    ("", Diagnosis.ACHALASIA_TYPE_II),
    ("mamani", Diagnosis.ACHALASIA_TYPE_I),
    ("nobody at all", None),
)


@pytest.fixture(params=["few", "many"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of ordering the matches: by their place in the order, or walking the order."""
    monkeypatch.setattr(patients_module, "_FEW_MATCHES", 2.0 if request.param == "few" else 0.0)
    return request.param


@pytest.fixture
def cohort(any_clinic: Clinic) -> Iterator[Clinic]:
    """120 synthetic patients, plus ties on one date, patients without any event, and two of the same name."""
    day = dt.date(2024, 5, 6)
    extra = [
        PatientHistory(
            patient=Patient(mrn=f"TIE-{n}", family_name=name, given_name="Rosa", diagnosis=Diagnosis.OTHER),
            studies=[TbeStudy(study_date=day)],
            procedures=[Procedure(procedure_date=day, procedure_type=ProcedureType.POEM)],
        )
        for n, name in enumerate(("Zapata", "Apaza", "Apaza", "Mamani"))
    ] + [PatientHistory(patient=Patient(mrn=f"NONE-{n}", family_name="Quispe", given_name="Ana")) for n in range(3)]
    save_histories(any_clinic, [*synthetic_cohort(120), *extra], source="test")
    yield any_clinic


def _sql(clinic: Clinic, text: str, diagnosis: Diagnosis | None, sort: PatientSort, descending: bool, **page: int):
    with clinic.db.connect() as connection:
        return patients_module._sql_page(
            connection, text, diagnosis, sort, descending, page.get("limit"), page.get("offset", 0)
        )


def _assert_same_as_sql(clinic: Clinic, *, pages: bool = True) -> None:
    for (text, diagnosis), sort, descending in itertools.product(SEARCHES, MEMORY_SORTS, (False, True)):
        whole = search_page(clinic, text, diagnosis=diagnosis, sort=sort, descending=descending)
        expected = _sql(clinic, text, diagnosis, sort, descending)
        assert whole.items == expected.items, (text, diagnosis, sort, descending)
        assert whole.total in (len(expected.items), None if sort is PatientSort.NAME and not text else -1)
        if not pages:
            continue
        cut = [
            search_page(clinic, text, diagnosis=diagnosis, sort=sort, descending=descending, limit=25, offset=start)
            for start in range(0, len(expected.items) + 25, 25)
        ]
        assert [item for page in cut for item in page.items] == expected.items
        assert all(page.total in (len(expected.items), None) for page in cut)


def test_memory_orders_give_the_database_s_rows_and_order(cohort: Clinic, plan: str) -> None:
    _assert_same_as_sql(cohort)  # before the orders are built: name order from the database, dates from memory
    prepare_date_orders(cohort)
    assert date_orders(cohort).ready
    listed = search_page(cohort, sort=PatientSort.LAST_STUDY, descending=True).items
    assert listed[0].last_study_date is not None and listed[-1].last_study_date is None  # unknown last
    ties = [item.mrn for item in listed if item.mrn.startswith("TIE-")]
    assert ties == ["TIE-1", "TIE-2", "TIE-3", "TIE-0"]  # Apaza (by id), Apaza, Mamani, Zapata: name order
    _assert_same_as_sql(cohort)


def test_each_recorded_change_is_followed(cohort: Clinic, plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_date_orders(cohort)
    patient = create_record(cohort, Patient(mrn="NEW-1", family_name="Aaron", given_name="Luz"))
    _assert_same_as_sql(cohort, pages=False)
    study = create_record(cohort, TbeStudy(patient_id=patient.id, study_date=dt.date.today()))
    procedure = create_record(
        cohort,
        Procedure(patient_id=patient.id, procedure_date=dt.date(1990, 1, 2), procedure_type=ProcedureType.POEM),
    )
    first = search_page(cohort, sort=PatientSort.LAST_STUDY, descending=True, limit=1).items
    assert [item.mrn for item in first] == ["NEW-1"]  # the newest study of all
    _assert_same_as_sql(cohort, pages=False)
    moved = update_record(cohort, _with(study, study_date=dt.date(1980, 1, 1)))
    assert moved.study_date == dt.date(1980, 1, 1)
    _assert_same_as_sql(cohort, pages=False)
    renamed = update_record(cohort, _with(_patient(cohort, patient.id), family_name="Zzapata"))
    assert renamed.family_name == "Zzapata"
    _assert_same_as_sql(cohort, pages=False)
    delete_record(cohort, procedure)
    _assert_same_as_sql(cohort, pages=False)
    delete_record(cohort, _patient(cohort, patient.id))
    _assert_same_as_sql(cohort, pages=False)
    # An import: more patients at once than are worth reading one by one.
    monkeypatch.setattr(patient_dates, "_INCREMENTAL_MAX", 2)
    more = [
        _with(history, patient=_with(history.patient, mrn=f"IMP-{n}"))
        for n, history in enumerate(synthetic_cohort(5, seed=7))
    ]
    save_histories(cohort, more, source="test")
    _assert_same_as_sql(cohort, pages=False)


def test_typing_narrows_the_last_matches_and_gives_the_database_s_rows(cohort: Clinic) -> None:
    prepare_date_orders(cohort)
    for text in ("q", "qu", "qui", "quispe", "quispe m", "quis", "SYN-00001", "SYN-000012", "a e", "zz", ""):
        for descending in (False, True):
            got = search_page(cohort, text, sort=PatientSort.NAME, descending=descending, limit=30, offset=5)
            expected = _sql(cohort, text, None, PatientSort.NAME, descending, limit=30, offset=5)
            assert got.items == expected.items, text
            if text:
                assert got.total == len(_sql(cohort, text, None, PatientSort.NAME, False).items)
    renamed = search_page(cohort, "quispe", sort=PatientSort.NAME, limit=1).items[0]
    update_record(cohort, _with(_patient(cohort, renamed.id), family_name="Huamán"))
    assert renamed.id not in [item.id for item in search_page(cohort, "quispe", sort=PatientSort.NAME).items]
    assert renamed.id in [item.id for item in search_page(cohort, "huaman", sort=PatientSort.NAME).items]


def test_a_first_letter_uses_its_ready_mask_and_finds_what_the_database_finds(cohort: Clinic) -> None:
    """The first key after start-up: each character's mask is built by prepare; the next key narrows from it."""
    prepare_date_orders(cohort)
    orders = date_orders(cohort)
    letters = sorted(orders._letters)
    assert {"q", "a", "s", "-", "0"} <= set(letters)

    def same(text: str) -> None:
        got = search_page(cohort, text, sort=PatientSort.NAME)
        expected = _sql(cohort, text, None, PatientSort.NAME, False)
        assert got.items == expected.items and got.total == len(expected.items), text

    for letter in letters:
        same(letter)
        same(letter + "a")  # narrowed from the letter's matches (their texts taken from its mask)
    same("x y")
    same("q")  # back to one letter after two words
    renamed = search_page(cohort, "q", sort=PatientSort.NAME, limit=1).items[0]
    update_record(cohort, _with(_patient(cohort, renamed.id), family_name="Wxyz"))
    same("w")  # the names were read again: the old masks are dropped, the letter is scanned
    same("q")
    assert not orders._letters
    prepare_date_orders(cohort)  # the next idle moment builds them for the new names
    assert "w" in orders._letters
    same("w")
    same("wx")


def test_an_order_is_computed_once_until_something_changes(cohort: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    orders = date_orders(cohort)
    reads: list[str] = []
    for name in ("_read_all", "_read_changes"):
        original = getattr(patient_dates.DateOrders, name)

        def counting(self: object, *args: object, _original=original, _name=name) -> None:  # type: ignore[no-untyped-def]
            reads.append(_name)
            _original(self, *args)

        monkeypatch.setattr(patient_dates.DateOrders, name, counting)
    for _ in range(3):
        search_page(cohort, sort=PatientSort.LAST_STUDY, limit=10)
        search_page(cohort, "quispe", sort=PatientSort.LAST_PROCEDURE, descending=True, limit=10)
    assert reads == ["_read_all"]
    patient = search_page(cohort, limit=1).items[0]
    create_record(cohort, TbeStudy(patient_id=patient.id, study_date=dt.date.today()))
    assert search_page(cohort, sort=PatientSort.LAST_STUDY, descending=True, limit=1).items[0].id == patient.id
    assert reads == ["_read_all", "_read_changes"]
    assert date_orders(cohort) is orders


def test_a_change_the_audit_does_not_name_a_patient_for_reads_everything(cohort: Clinic) -> None:
    """An audit event without a patient (as an import's summary event is) makes the whole set be read again."""
    search_page(cohort, sort=PatientSort.LAST_STUDY, limit=5)
    with cohort.db.session() as session:
        newest = session.scalars(select(TbeStudyRow).order_by(TbeStudyRow.study_date.desc())).first()
        assert newest is not None
        target = session.scalars(select(PatientRow).order_by(PatientRow.id)).first()
        assert target is not None
        session.add(TbeStudyRow(patient_id=target.id, study_date=newest.study_date + dt.timedelta(days=1)))
        session.execute(
            patient_dates._AUDIT.insert().values(user_name="t", action="import", entity="import", changes={})
        )
    assert search_page(cohort, sort=PatientSort.LAST_STUDY, descending=True, limit=1).items[0].id == target.id
    _assert_same_as_sql(cohort, pages=False)


def _patient(clinic: Clinic, patient_id: int) -> Patient:
    from barium_tracker.services.patients import load_history

    return load_history(clinic, patient_id=patient_id).patient


def _with(record: object, **changes: object) -> object:
    import dataclasses

    return dataclasses.replace(record, **changes)  # type: ignore[type-var]
