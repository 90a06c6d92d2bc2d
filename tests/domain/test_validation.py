"""Validation rules: numbers as clinicians write them, ranges with messages naming field, value and limits."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.validation import (
    FieldError,
    ValidationFailed,
    check_barium_volume_ml,
    check_eckardt_item,
    check_event_date,
    check_height_cm,
    check_irp_mmhg,
    check_minute,
    check_mrn,
    check_range,
    check_unique_minutes,
    check_width_cm,
    parse_decimal,
    require_valid,
    validate_eckardt,
    validate_endoscopy,
    validate_manometry,
    validate_patient,
    validate_procedure,
    validate_study,
)

D = Decimal
TODAY = dt.date(2025, 8, 1)
BIRTH = dt.date(2010, 3, 1)


# --------------------------------------------------------------------------------------------------------------------
# parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,7", D("2.7")),
        ("2.7", D("2.7")),
        (" 12 ", D(12)),
        ("0", D(0)),
        ("0,05", D("0.05")),
        ("40", D(40)),
        ("-3,5", D("-3.5")),
    ],
)
def test_parse_decimal_accepts_comma_and_point(text, expected):
    value = parse_decimal(text)
    assert value == expected
    assert isinstance(value, Decimal)


def test_parse_decimal_keeps_the_exact_value():
    assert parse_decimal("2,7").as_tuple() == D("2.7").as_tuple()


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_parse_decimal_empty_is_not_measured(text):
    assert parse_decimal(text) is None


def test_parse_decimal_rejects_both_marks():
    with pytest.raises(ValidationFailed) as info:
        parse_decimal("1.234,5", label="Height at 5 min", field="minute_5.height_cm")
    (error,) = info.value.errors
    assert error.field == "minute_5.height_cm"
    assert error.value == "1.234,5"
    assert error.message == (
        "Height at 5 min: '1.234,5' has both a comma and a point; write one decimal mark, e.g. 2,7"
    )


@pytest.mark.parametrize("text", ["abc", "2,7cm", "1,2,3", "nan", "NaN", "inf", "-inf", "Infinity", "sNaN", "--1"])
def test_parse_decimal_rejects_non_numbers(text):
    with pytest.raises(ValidationFailed) as info:
        parse_decimal(text, label="Width at 1 min", field="width")
    (error,) = info.value.errors
    assert error.field == "width"
    assert error.value == text
    assert error.message == f"Width at 1 min: '{text}' is not a number"
    assert str(info.value) == error.message


def test_parse_decimal_default_label():
    with pytest.raises(ValidationFailed, match=r"^Value: 'x' is not a number$"):
        parse_decimal("x")


def test_validation_failed_is_a_value_error():
    with pytest.raises(ValueError):
        parse_decimal("abc")


two_place_heights = st.decimals(min_value=0, max_value=40, places=2, allow_nan=False, allow_infinity=False)


@given(value=two_place_heights, mark=st.sampled_from([",", "."]), pad=st.sampled_from(["", " ", "  "]))
def test_parse_decimal_round_trips(value, mark, pad):
    text = pad + format(value, "f").replace(".", mark) + pad
    parsed = parse_decimal(text)
    assert parsed == value
    assert check_height_cm(parsed, 5) is None


# --------------------------------------------------------------------------------------------------------------------
# Ranges and messages


def test_height_message_names_field_value_and_range():
    error = check_height_cm(D(120), 5)
    assert error is not None
    assert error.message == "Height at 5 min must be between 0 and 40 cm; you entered 120"
    assert error.field == "height_cm"
    assert error.value == D(120)
    assert str(error) == error.message


@pytest.mark.parametrize("value", ["0", "0.00", "40", "40.00", "2.7", "0.01", "39.99"])
def test_height_in_range_accepted(value):
    assert check_height_cm(D(value), 1) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("40.01", "Height at 2 min must be between 0 and 40 cm; you entered 40.01"),
        ("-0.01", "Height at 2 min must be between 0 and 40 cm; you entered -0.01"),
        ("2.755", "Height at 2 min takes at most 2 decimals; you entered 2.755"),
    ],
)
def test_height_rejected(value, message):
    error = check_height_cm(D(value), 2, field="minute_2.height_cm")
    assert error is not None
    assert error.field == "minute_2.height_cm"
    assert error.message == message


def test_not_measured_always_passes():
    assert check_height_cm(None, 5) is None
    assert check_width_cm(None, 5) is None
    assert check_barium_volume_ml(None) is None
    assert check_irp_mmhg(None, "irp_supine_mmhg") is None


def test_width_range():
    assert check_width_cm(D(15), 1) is None
    error = check_width_cm(D("15.5"), 1)
    assert error is not None
    assert error.message == "Width at 1 min must be between 0 and 15 cm; you entered 15.5"


def test_check_range_without_unit():
    error = check_range("botox_sites", "Injection sites", 21, (1, 20))
    assert error is not None
    assert error.message == "Injection sites must be between 1 and 20; you entered 21"


@pytest.mark.parametrize("minute", [0, 1, 2, 5, 60])
def test_minute_accepted(minute):
    assert check_minute(minute) is None


@pytest.mark.parametrize(
    ("minute", "message"),
    [
        (61, "Minute must be between 0 and 60; you entered 61"),
        (-1, "Minute must be between 0 and 60; you entered -1"),
        (True, "Minute must be a whole number between 0 and 60; you entered True"),
        (2.5, "Minute must be a whole number between 0 and 60; you entered 2.5"),
    ],
)
def test_minute_rejected(minute, message):
    error = check_minute(minute)
    assert error is not None
    assert error.message == message


def test_unique_minutes():
    assert check_unique_minutes([1, 2, 5]) is None
    assert check_unique_minutes([]) is None
    error = check_unique_minutes([1, 5, 2, 5])
    assert error is not None
    assert error.field == "measurements"
    assert error.value == 5
    assert error.message == "The 5-minute film is entered twice; each minute appears once per study"


@pytest.mark.parametrize("volume", ["20", "100", "250", "500"])
def test_barium_volume_accepted(volume):
    assert check_barium_volume_ml(D(volume)) is None


@pytest.mark.parametrize("volume", ["19.99", "501", "0"])
def test_barium_volume_rejected(volume):
    error = check_barium_volume_ml(D(volume))
    assert error is not None
    assert error.field == "barium_volume_ml"
    assert error.message == f"Barium volume must be between 20 and 500 mL; you entered {volume}"


@pytest.mark.parametrize("score", [0, 1, 2, 3])
def test_eckardt_item_accepted(score):
    assert check_eckardt_item("dysphagia", score) is None


@pytest.mark.parametrize(
    ("item", "score", "message"),
    [
        ("dysphagia", 4, "Dysphagia score must be 0, 1, 2 or 3; you entered 4"),
        ("regurgitation", -1, "Regurgitation score must be 0, 1, 2 or 3; you entered -1"),
        ("retrosternal_pain", True, "Retrosternal pain score must be 0, 1, 2 or 3; you entered True"),
        ("weight_loss", 1.5, "Weight loss score must be 0, 1, 2 or 3; you entered 1.5"),
    ],
)
def test_eckardt_item_rejected(item, score, message):
    error = check_eckardt_item(item, score)
    assert error is not None
    assert error.field == item
    assert error.message == message


@pytest.mark.parametrize("value", ["-20", "0", "33", "150"])
def test_irp_accepted(value):
    assert check_irp_mmhg(D(value), "irp_supine_mmhg") is None


@pytest.mark.parametrize("value", ["-20.5", "150.01", "300"])
def test_irp_rejected(value):
    error = check_irp_mmhg(D(value), "irp_supine_mmhg", "IRP supine")
    assert error is not None
    assert error.field == "irp_supine_mmhg"
    assert error.message == f"IRP supine must be between -20 and 150 mmHg; you entered {value}"


# --------------------------------------------------------------------------------------------------------------------
# Dates and MRN


def test_event_date_rules():
    kwargs = {"birth_date": BIRTH, "today": TODAY}
    assert check_event_date(TODAY, "study_date", "Study date", **kwargs) is None
    assert check_event_date(BIRTH, "study_date", "Study date", **kwargs) is None
    future = check_event_date(dt.date(2025, 8, 2), "study_date", "Study date", **kwargs)
    assert future is not None
    assert future.message == "Study date cannot be in the future; you entered 2025-08-02"
    early = check_event_date(dt.date(2010, 2, 28), "study_date", "Study date", **kwargs)
    assert early is not None
    assert early.message == "Study date cannot be before the birth date (2010-03-01); you entered 2010-02-28"
    missing = check_event_date(None, "study_date", "Study date", **kwargs)
    assert missing is not None
    assert missing.message == "Study date is required"
    assert check_event_date(dt.date(1900, 1, 1), "d", "Date", birth_date=None, today=TODAY) is None


def test_mrn_rules():
    assert check_mrn("HN-0001") is None
    assert check_mrn("").message == "MRN (medical record number) is required"
    assert check_mrn("   ").message == "MRN (medical record number) is required"
    assert check_mrn(" A1").message == "MRN must not start or end with spaces; you entered ' A1'"
    assert check_mrn("X" * 40) is None
    assert check_mrn("X" * 41).message == "MRN is at most 40 characters; you entered 41"


# --------------------------------------------------------------------------------------------------------------------
# Aggregators collect every error


def test_validate_study_collects_all_errors():
    study = TbeStudy(
        study_date=dt.date(2026, 1, 1),
        barium_volume_ml=D(600),
        tablet_minute=90,
        measurements=[
            ColumnMeasurement(minute=1, height_cm=D(41), width_cm=D(3)),
            ColumnMeasurement(minute=5, height_cm=D("2.7"), width_cm=D(16)),
            ColumnMeasurement(minute=5, height_cm=D("2.5")),
        ],
    )
    errors = validate_study(study, birth_date=BIRTH, today=TODAY)
    assert [e.field for e in errors] == [
        "study_date",
        "barium_volume_ml",
        "measurements",
        "minute_1.height_cm",
        "minute_5.width_cm",
        "tablet_minute",
    ]
    assert errors[3].message == "Height at 1 min must be between 0 and 40 cm; you entered 41"
    assert errors[5].message == "Tablet minute must be between 0 and 60 min; you entered 90"
    with pytest.raises(ValidationFailed) as info:
        require_valid(errors)
    assert info.value.errors == errors
    assert str(info.value) == "; ".join(e.message for e in errors)


def test_validate_study_valid_seed_study():
    study = TbeStudy(
        study_date=dt.date(2025, 7, 10),
        barium_volume_ml=D(200),
        measurements=[ColumnMeasurement(minute=5, height_cm=D("2.7"))],
    )
    assert validate_study(study, birth_date=BIRTH, today=TODAY) == []
    require_valid([])  # no exception


def test_validate_eckardt_collects_items_and_weight():
    score = EckardtAssessment(
        assessment_date=dt.date(2025, 6, 9), dysphagia=4, regurgitation=3, retrosternal_pain=-1, weight_loss=0
    )
    score.weight_kg = D("0.5")
    errors = validate_eckardt(score, birth_date=BIRTH, today=TODAY)
    assert [e.field for e in errors] == ["weight_kg", "dysphagia", "retrosternal_pain"]
    assert errors[0].message == "Weight must be between 1 and 400 kg; you entered 0.5"


def test_validate_procedure_gastric_longer_than_total():
    procedure = Procedure(
        procedure_date=dt.date(2025, 6, 10),
        procedure_type=ProcedureType.POEM,
        myotomy_length_cm=D(10),
        gastric_myotomy_length_cm=D("10.5"),
        duration_min=0,
        balloon_diameter_mm=D(60),
    )
    errors = validate_procedure(procedure, birth_date=BIRTH, today=TODAY)
    assert [e.field for e in errors] == ["balloon_diameter_mm", "duration_min", "gastric_myotomy_length_cm"]
    assert errors[0].message == "Balloon diameter must be between 20 and 50 mm; you entered 60"
    assert errors[2].message == ("Gastric myotomy length (10.5 cm) cannot exceed the total myotomy length (10 cm)")


def test_validate_procedure_seed_poem_is_valid():
    procedure = Procedure(
        procedure_date=dt.date(2025, 6, 10),
        procedure_type=ProcedureType.POEM,
        myotomy_length_cm=D(10),
        gastric_myotomy_length_cm=D(3),
        duration_min=44,
        length_of_stay_days=5,
    )
    assert validate_procedure(procedure, birth_date=BIRTH, today=TODAY) == []


def test_validate_patient():
    assert validate_patient(Patient(mrn="A1", birth_date=BIRTH), today=TODAY) == []
    errors = validate_patient(
        Patient(mrn="", birth_date=dt.date(2030, 1, 1), diagnosis_date=dt.date(2029, 1, 1)), today=TODAY
    )
    assert [e.field for e in errors] == ["mrn", "birth_date", "diagnosis_date"]
    assert errors[1].message == "Birth date cannot be in the future; you entered 2030-01-01"
    early = validate_patient(Patient(mrn="A1", birth_date=BIRTH, diagnosis_date=dt.date(2009, 1, 1)), today=TODAY)
    assert [e.field for e in early] == ["diagnosis_date"]


def test_validate_manometry():
    study = Manometry(
        study_date=dt.date(2025, 5, 1),
        irp_supine_mmhg=D(33),
        irp_upright_mmhg=D(200),
        failed_swallows_pct=D(101),
        les_resting_pressure_mmhg=D(-21),
    )
    errors = validate_manometry(study, birth_date=BIRTH, today=TODAY)
    assert [e.field for e in errors] == ["irp_upright_mmhg", "failed_swallows_pct", "les_resting_pressure_mmhg"]
    assert errors[0].message == "IRP upright must be between -20 and 150 mmHg; you entered 200"
    assert errors[1].message == "Failed swallows must be between 0 and 100 %; you entered 101"


def test_validate_endoscopy():
    assert validate_endoscopy(Endoscopy(exam_date=dt.date(2025, 12, 10)), birth_date=BIRTH, today=TODAY) == [
        FieldError("exam_date", dt.date(2025, 12, 10), "Endoscopy date cannot be in the future; you entered 2025-12-10")
    ]
    assert validate_endoscopy(Endoscopy(exam_date=TODAY), birth_date=BIRTH, today=TODAY) == []
