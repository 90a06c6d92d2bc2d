"""The importer's fast paths agree with the plain ones they stand in for: the same errors, in the same order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from barium_tracker.domain.records import ColumnMeasurement, Patient, TbeStudy
from barium_tracker.domain.validation import StudyValidator, validate_study
from barium_tracker.services.exchange.writing import SearchText
from barium_tracker.services.records import search_key

TODAY = dt.date(2026, 11, 24)

# A few values on purpose equal but written differently (2.7 / 2.70 / 2.700, 1 / True), in and out of range.
_DECIMAL_TEXTS = [
    "0",
    "0.0",
    "2.7",
    "2.70",
    "2.700",
    "12",
    "12.00",
    "15",
    "15.01",
    "40",
    "40.0",
    "41",
    "41.0",
    "-1",
    "3.14159",
]
_decimals = st.one_of(st.none(), st.sampled_from(_DECIMAL_TEXTS).map(Decimal))
_dates = st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31))
_minutes = st.one_of(st.sampled_from([0, 1, 2, 5, 60, 61, -1]), st.just(True), st.just(5.0))
_films = st.lists(st.builds(ColumnMeasurement, minute=_minutes, height_cm=_decimals, width_cm=_decimals), max_size=4)
_studies = st.builds(
    TbeStudy,
    study_date=_dates,
    barium_volume_ml=st.one_of(st.none(), st.sampled_from(["10", "20", "200", "200.0", "250.55", "501"]).map(Decimal)),
    tablet_minute=st.one_of(st.none(), st.sampled_from([0, 3, 61, -2])),
    measurements=_films,
)


@settings(max_examples=300)
@given(st.lists(st.tuples(_studies, st.one_of(st.none(), _dates)), min_size=1, max_size=30), st.data())
def test_study_validator_agrees_with_validate_study(cases: list[tuple[TbeStudy, dt.date | None]], data) -> None:
    # Reuse some value objects across studies, as the importer's cell reader does, so the memo is exercised.
    shared = data.draw(st.lists(_studies, min_size=1, max_size=3))
    for study, _birth in cases:
        donor = data.draw(st.sampled_from(shared))
        if data.draw(st.booleans()):
            study.study_date = donor.study_date
        if data.draw(st.booleans()):
            study.barium_volume_ml = donor.barium_volume_ml
        if donor.measurements and study.measurements and data.draw(st.booleans()):
            study.measurements[0].height_cm = donor.measurements[0].height_cm
    validator = StudyValidator(today=TODAY)
    for study, birth_date in cases:
        expected = validate_study(study, birth_date=birth_date, today=TODAY)
        found = validator(study, birth_date=birth_date)
        assert [(e.field, e.message) for e in found] == [(e.field, e.message) for e in expected]
        assert found == expected


def test_study_validator_tells_equal_values_written_differently_apart() -> None:
    """2.7 == 2.700 and 41 == 41.0, but 2.700 has three decimals and each message quotes what was entered."""
    validator = StudyValidator(today=TODAY)
    for text in ("2.7", "2.700", "41", "41.0", "2.70", "41.00"):
        value = Decimal(text)
        study = TbeStudy(
            study_date=dt.date(2025, 1, 1),
            barium_volume_ml=value,
            measurements=[ColumnMeasurement(minute=5, height_cm=value, width_cm=value)],
        )
        expected = validate_study(study, birth_date=None, today=TODAY)
        assert validator(study, birth_date=None) == expected
        assert [e.message for e in validator(study, birth_date=None)] == [e.message for e in expected]


_names = st.one_of(
    st.text(max_size=12), st.sampled_from(["Pérez", "Quispe Huamán", "Ñusta", "STRASSE", "Straße", "a\u0301"])
)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=8), _names, _names), min_size=1, max_size=20))
def test_search_text_agrees_with_search_key(people: list[tuple[str, str, str]]) -> None:
    search_text = SearchText()
    for mrn, family, given_name in people:
        patient = Patient(mrn=mrn, family_name=family, given_name=given_name)
        assert search_text(patient) == search_key(patient)
