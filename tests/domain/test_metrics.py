"""Derived TBE numbers and published rules: the seed case, every threshold edge, and properties of the arithmetic."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barium_tracker.domain.enums import Fundoplication, PoemAccess, ProcedureType, Sex
from barium_tracker.domain.metrics import (
    DEFAULT_SETTINGS,
    VERDICT_CONCORDANT_NON_RESPONSE,
    VERDICT_CONCORDANT_RESPONSE,
    VERDICT_DISCORDANT_EMPTYING_ONLY,
    VERDICT_DISCORDANT_SYMPTOMS_ONLY,
    MinuteChange,
    change_pct,
    complete_emptying,
    diagnostic_flags,
    emptying_pct,
    improvement_pct,
    minute_changes,
    procedure_responses,
    round_pct,
)
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.rules import (
    RULES,
    Flag,
    FlagStatus,
    InterpretationSettings,
)

D = Decimal
NA = FlagStatus.NOT_APPLICABLE


# --------------------------------------------------------------------------------------------------------------------
# Builders


def study(day: dt.date, *cols: tuple, study_id: int | None = None, time: dt.time | None = None) -> TbeStudy:
    """cols: (minute, height) or (minute, height, width); a value of None means not measured."""
    measurements = []
    for col in cols:
        minute, height, *rest = col
        width = rest[0] if rest else None
        measurements.append(
            ColumnMeasurement(
                minute=minute,
                height_cm=None if height is None else D(str(height)),
                width_cm=None if width is None else D(str(width)),
            )
        )
    return TbeStudy(study_date=day, study_time=time, measurements=measurements, id=study_id)


def eckardt(day: dt.date, total: int, score_id: int | None = None) -> EckardtAssessment:
    """Spread a total over the four items (3 each at most)."""
    items = [min(3, max(0, total - 3 * i)) for i in range(4)]
    return EckardtAssessment(
        assessment_date=day,
        dysphagia=items[0],
        regurgitation=items[1],
        retrosternal_pain=items[2],
        weight_loss=items[3],
        id=score_id,
    )


def proc(day: dt.date, kind: ProcedureType = ProcedureType.POEM, proc_id: int | None = None) -> Procedure:
    return Procedure(procedure_date=day, procedure_type=kind, id=proc_id)


def history(studies=(), procedures=(), scores=()) -> PatientHistory:
    return PatientHistory(
        patient=Patient(mrn="T-1"),
        studies=list(studies),
        procedures=list(procedures),
        eckardt=list(scores),
    )


def flag(flags: tuple[Flag, ...], rule_id: str) -> Flag:
    (found,) = [f for f in flags if f.rule.id == rule_id]
    return found


def one_response(pre: TbeStudy | None, post: TbeStudy, day: dt.date = dt.date(2025, 1, 10)):
    """A single POEM on ``day`` with an optional reference and one follow-up; returns the FollowUp."""
    studies = [post] if pre is None else [pre, post]
    (response,) = procedure_responses(history(studies, [proc(day)]))
    (fu,) = response.follow_ups
    return response, fu


BEFORE = dt.date(2025, 1, 9)
AFTER = dt.date(2025, 2, 10)


# --------------------------------------------------------------------------------------------------------------------
# The seed case (DOMAIN.md)


@pytest.fixture
def seed() -> PatientHistory:
    patient = Patient(mrn="SEED-1", sex=Sex.MALE, birth_date=dt.date(2010, 3, 1))
    lhm = Procedure(
        procedure_date=dt.date(2025, 2, 10),
        procedure_type=ProcedureType.LHM,
        fundoplication=Fundoplication.DOR,
        id=1,
    )
    bd = Procedure(
        procedure_date=dt.date(2025, 5, 12),
        procedure_type=ProcedureType.BALLOON_DILATION,
        balloon_diameter_mm=D(30),
        id=2,
    )
    poem = Procedure(
        procedure_date=dt.date(2025, 6, 10),
        procedure_type=ProcedureType.POEM,
        rescue=True,
        poem_access=PoemAccess.POSTERIOR,
        myotomy_length_cm=D(10),
        gastric_myotomy_length_cm=D(3),
        knife="Hybrid T knife",
        duration_min=44,
        length_of_stay_days=5,
        id=3,
    )
    pre_poem = TbeStudy(
        study_date=dt.date(2025, 6, 9), measurements=[ColumnMeasurement(minute=5, height_cm=D(12))], id=10
    )
    post_poem = TbeStudy(
        study_date=dt.date(2025, 7, 10), measurements=[ColumnMeasurement(minute=5, height_cm=D("2.7"))], id=11
    )
    return PatientHistory(
        patient=patient,
        # Deliberately out of order: procedure_responses sorts.
        studies=[post_poem, pre_poem],
        procedures=[poem, lhm, bd],
        eckardt=[
            EckardtAssessment(
                assessment_date=dt.date(2026, 6, 10),
                dysphagia=1,
                regurgitation=1,
                retrosternal_pain=0,
                weight_loss=0,
                id=21,
            ),
            EckardtAssessment(
                assessment_date=dt.date(2025, 6, 9),
                dysphagia=3,
                regurgitation=3,
                retrosternal_pain=3,
                weight_loss=3,
                id=20,
            ),
        ],
    )


def test_seed_procedures_in_date_order(seed):
    responses = procedure_responses(seed)
    assert [r.procedure.procedure_type for r in responses] == [
        ProcedureType.LHM,
        ProcedureType.BALLOON_DILATION,
        ProcedureType.POEM,
    ]


def test_seed_poem_reference_and_change(seed):
    poem = procedure_responses(seed)[2]
    assert poem.reference is not None
    assert poem.reference.id == 10
    assert poem.reference.height_at(5) == D(12)
    (fu,) = poem.follow_ups
    assert fu.study.id == 11
    assert fu.days_after == 30
    (change,) = fu.changes
    assert change == MinuteChange(
        minute=5,
        pre_height_cm=D(12),
        post_height_cm=D("2.7"),
        height_change_cm=D("-9.3"),
        height_change_pct=D("-77.5"),
        pre_area_cm2=None,
        post_area_cm2=None,
        area_change_cm2=None,
        area_change_pct=None,
    )
    # Exact, not only after rounding.
    assert change.height_change_pct == D("-77.5")
    assert round_pct(change.height_change_pct) == D("-77.5")
    assert str(round_pct(change.height_change_pct)) == "-77.5"


def test_seed_poem_outcome_flags(seed):
    (fu,) = procedure_responses(seed)[2].follow_ups
    assert [f.rule.id for f in fu.flags] == ["vaezi_height_5min", "rohof_stasis", "sanagapalli_area"]
    vaezi, rohof, sanagapalli = fu.flags
    assert vaezi.status is FlagStatus.NOT_MET
    assert vaezi.value == D("77.5")
    assert vaezi.detail == "Emptying improved 77.5 % at 5 min, 12 to 2.7 cm (Vaezi: adequate, >= 50 %)"
    assert vaezi.met is False
    assert vaezi.favourable is True
    assert rohof.status is FlagStatus.NOT_MET
    assert rohof.value == D("2.7")
    assert rohof.detail == "No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)"
    assert sanagapalli.status is NA
    assert "width was not measured" in sanagapalli.detail


def test_seed_poem_symptoms_and_concordance(seed):
    poem = procedure_responses(seed)[2]
    assert poem.eckardt_before is not None
    assert poem.eckardt_before.total == 12
    assert [e.total for e in poem.eckardt_after] == [2]
    assert poem.eckardt_change_pct == D(-250) / D(3)
    assert round_pct(poem.eckardt_change_pct) == D("-83.3")
    assert [f.rule.id for f in poem.flags] == ["eckardt_success", "suwatthanarak_concordance"]
    success, concordance = poem.flags
    assert success.status is FlagStatus.MET
    assert success.value == D(2)
    assert success.detail == "Treatment success: Eckardt 2 on 2026-06-10 (success is <= 3)"
    assert concordance.status is FlagStatus.NOT_MET
    assert concordance.value == D("77.5")
    assert concordance.detail == (
        "Concordant response: symptoms and emptying both improved, Eckardt 12 to 2 (-83.3 %), "
        "5-min height 12 to 2.7 cm (-77.5 %) (Suwatthanarak)"
    )


def test_seed_lhm_has_no_reference_and_no_follow_up(seed):
    lhm = procedure_responses(seed)[0]
    assert lhm.reference is None
    assert lhm.follow_ups == ()
    assert lhm.eckardt_before is None
    assert lhm.eckardt_after == ()
    assert lhm.eckardt_change_pct is None
    assert [f.status for f in lhm.flags] == [NA, NA]
    assert lhm.flags[0].detail == "No verdict: no Eckardt score after this procedure"


def test_seed_balloon_dilation_follow_up_is_the_pre_poem_study(seed):
    bd = procedure_responses(seed)[1]
    assert bd.reference is None
    (fu,) = bd.follow_ups
    assert fu.study.id == 10
    assert fu.days_after == 28
    assert fu.changes == ()
    vaezi, rohof, sanagapalli = fu.flags
    assert vaezi.status is NA
    assert vaezi.detail == "No verdict: no TBE study before this procedure to compare with"
    assert sanagapalli.status is NA
    assert sanagapalli.detail == "No verdict: no TBE study before this procedure to compare with"
    assert rohof.status is FlagStatus.MET
    assert rohof.value == D(12)
    assert rohof.favourable is False
    # Eckardt 12 on 2025-06-09 falls in the dilation's window: a failure.
    assert [e.total for e in bd.eckardt_after] == [12]
    success, concordance = bd.flags
    assert success.status is FlagStatus.NOT_MET
    assert success.value == D(12)
    assert concordance.status is NA
    assert concordance.detail == (
        "No verdict: no TBE study before this procedure; no Eckardt score before this procedure"
    )


# --------------------------------------------------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("h1", "h5", "expected"),
    [
        ("10", "4", D(60)),
        ("12", "0", D(100)),
        ("8", "8", D(0)),
        ("4", "5", D(-25)),
        ("3", "1", D(200) / D(3)),
    ],
)
def test_emptying_pct(h1, h5, expected):
    assert emptying_pct(study(BEFORE, (1, h1), (2, "9"), (5, h5))) == expected


def test_emptying_pct_missing_or_zero():
    assert emptying_pct(study(BEFORE, (1, "10"))) is None
    assert emptying_pct(study(BEFORE, (5, "4"))) is None
    assert emptying_pct(study(BEFORE, (1, None, "3"), (5, "4"))) is None
    assert emptying_pct(study(BEFORE, (1, "0"), (5, "0"))) is None


def test_emptying_pct_rounds_only_for_display():
    value = emptying_pct(study(BEFORE, (1, "3"), (5, "1")))
    assert value != D("66.7")
    assert round_pct(value) == D("66.7")


def test_complete_emptying():
    s = study(BEFORE, (1, "3.5"), (2, "0.00"), (5, None, "2"))
    assert complete_emptying(s, 1) is False
    assert complete_emptying(s, 2) is True
    assert complete_emptying(s, 5) is None  # width only: height not measured
    assert complete_emptying(s, 10) is None  # film not taken


def test_change_pct_values():
    assert change_pct(D(12), D("2.7")) == D("-77.5")
    assert change_pct(D(4), D(6)) == D(50)
    assert change_pct(D(5), D(5)) == D(0)
    assert change_pct(D(5), D(0)) == D(-100)
    assert change_pct(None, D(1)) is None
    assert change_pct(D(1), None) is None
    assert change_pct(D(0), D(3)) is None
    assert improvement_pct(D(12), D("2.7")) == D("77.5")
    assert improvement_pct(D(0), D(0)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("77.45"), "77.5"),
        (D("-77.45"), "-77.5"),
        (D("0.05"), "0.1"),
        (D("-0.04"), "0.0"),
        (D(100), "100.0"),
        (D(250) / D(3), "83.3"),
    ],
)
def test_round_pct_half_up(value, expected):
    assert str(round_pct(value)) == expected


def test_minute_changes_only_for_minutes_both_measured():
    pre = study(BEFORE, (1, "10", "4"), (2, "8", "3"), (5, "6", None), (10, None, "2"))
    post = study(AFTER, (1, "5", "2"), (5, "3", "2"), (10, None, "1"), (15, "1"))
    changes = minute_changes(pre, post)
    assert [c.minute for c in changes] == [1, 5]
    one, five = changes
    assert one.height_change_cm == D(-5)
    assert one.height_change_pct == D(-50)
    assert one.pre_area_cm2 == D(40)
    assert one.post_area_cm2 == D(10)
    assert one.area_change_cm2 == D(-30)
    assert one.area_change_pct == D(-75)
    # Widths missing on the reference at 5 min: area None, height still compared.
    assert five.height_change_cm == D(-3)
    assert five.pre_area_cm2 is None
    assert five.post_area_cm2 == D(6)
    assert five.area_change_cm2 is None
    assert five.area_change_pct is None


def test_width_only_films_give_no_change():
    pre = study(BEFORE, (2, None, "3"))
    post = study(AFTER, (2, None, "2"))
    assert minute_changes(pre, post) == ()


def test_minute_changes_sorted_even_when_entered_out_of_order():
    pre = study(BEFORE, (5, "6"), (1, "10"))
    post = study(AFTER, (5, "3"), (1, "8"))
    assert [c.minute for c in minute_changes(pre, post)] == [1, 5]


def test_reference_height_zero_gives_no_percentage():
    _, fu = one_response(study(BEFORE, (5, "0", "0")), study(AFTER, (5, "1", "1")))
    (change,) = fu.changes
    assert change.height_change_cm == D(1)
    assert change.height_change_pct is None
    assert change.area_change_pct is None
    vaezi, rohof, sanagapalli = fu.flags
    assert vaezi.status is NA
    assert vaezi.value is None
    assert "was 0 cm (complete emptying" in vaezi.detail
    assert "no percentage" in vaezi.detail
    assert sanagapalli.status is NA
    assert "was 0 cm² (complete emptying" in sanagapalli.detail
    assert rohof.status is FlagStatus.NOT_MET


# --------------------------------------------------------------------------------------------------------------------
# Threshold edges


@pytest.mark.parametrize(
    ("pre", "post", "status", "improvement"),
    [
        ("10", "5", FlagStatus.NOT_MET, D(50)),  # exactly 50 %: not poor
        ("10", "5.01", FlagStatus.MET, D("49.9")),
        ("10", "4.99", FlagStatus.NOT_MET, D("50.1")),
        ("4", "6", FlagStatus.MET, D(-50)),  # worse
    ],
)
def test_vaezi_edges(pre, post, status, improvement):
    _, fu = one_response(study(BEFORE, (5, pre)), study(AFTER, (5, post)))
    vaezi = fu.flags[0]
    assert vaezi.status is status
    assert vaezi.value == improvement


def test_vaezi_detail_for_worsening():
    _, fu = one_response(study(BEFORE, (5, "4")), study(AFTER, (5, "6")))
    assert fu.flags[0].detail == "Poor emptying: the column rose 50.0 % at 5 min, 4 to 6 cm (Vaezi: < 50 %)"


def test_vaezi_detail_when_rounding_would_hide_the_side():
    _, fu = one_response(study(BEFORE, (5, "20")), study(AFTER, (5, "10.01")))
    vaezi = fu.flags[0]
    assert vaezi.value == D("49.95")
    assert vaezi.status is FlagStatus.MET
    assert vaezi.detail.startswith("Poor emptying: improved just under 50 % at 5 min")


@pytest.mark.parametrize(
    ("height", "status"),
    [("5", FlagStatus.NOT_MET), ("5.00", FlagStatus.NOT_MET), ("5.01", FlagStatus.MET), ("0", FlagStatus.NOT_MET)],
)
def test_rohof_edges(height, status):
    _, fu = one_response(None, study(AFTER, (5, height)))
    rohof = fu.flags[1]
    assert rohof.status is status
    assert rohof.value == D(height)


@pytest.mark.parametrize(
    ("pre", "post", "status", "reduction"),
    [
        (("10", "2"), ("5.5", "2"), FlagStatus.MET, D(45)),  # area 20 -> 11: exactly 45 %
        (("10", "2"), ("5.6", "2"), FlagStatus.NOT_MET, D(44)),
        (("10", "2"), ("11", "1"), FlagStatus.MET, D(45)),  # width changes too
        (("10", "2"), ("5", "5"), FlagStatus.NOT_MET, D(-25)),
    ],
)
def test_sanagapalli_edges(pre, post, status, reduction):
    _, fu = one_response(study(BEFORE, (5, *pre)), study(AFTER, (5, *post)))
    sanagapalli = fu.flags[2]
    assert sanagapalli.status is status
    assert sanagapalli.value == reduction


def test_sanagapalli_detail():
    _, fu = one_response(study(BEFORE, (5, "10", "2")), study(AFTER, (5, "5.5", "2")))
    assert (
        fu.flags[2].detail
        == "Area response: column area (height x width) reduced 45.0 % at 5 min, 20 to 11 cm² (Sanagapalli: >= 45 %)"
    )


def test_widths_missing_make_area_rule_not_applicable():
    _, fu = one_response(study(BEFORE, (5, "10", "2")), study(AFTER, (5, "3")))
    sanagapalli = fu.flags[2]
    assert sanagapalli.status is NA
    assert sanagapalli.value is None
    assert sanagapalli.detail == "No verdict: the 5-min width was not measured on this study, so no column area"
    (change,) = fu.changes
    assert change.area_change_pct is None
    assert change.height_change_pct == D(-70)


def test_missing_five_minute_film_is_not_applicable_never_zero():
    _, fu = one_response(study(BEFORE, (1, "10"), (5, "8", "2")), study(AFTER, (1, "2")))
    vaezi, rohof, sanagapalli = fu.flags
    assert [f.status for f in fu.flags] == [NA, NA, NA]
    assert vaezi.detail == "No verdict: the 5-min height was not measured on this study"
    assert rohof.detail == "No verdict: the 5-min height was not measured on this study"
    assert sanagapalli.detail == "No verdict: the 5-min height was not measured on this study"
    assert [c.minute for c in fu.changes] == [1]


def test_missing_five_minute_on_reference_is_not_applicable():
    _, fu = one_response(study(BEFORE, (1, "10")), study(AFTER, (5, "2")))
    vaezi, rohof, _ = fu.flags
    assert vaezi.status is NA
    assert vaezi.detail == "No verdict: the 5-min height was not measured on the reference study (2025-01-09)"
    assert rohof.status is FlagStatus.NOT_MET


@pytest.mark.parametrize(
    ("h1", "h5", "s1", "s5"),
    [
        ("5", "2", FlagStatus.NOT_MET, FlagStatus.NOT_MET),  # exactly at the thresholds
        ("5.01", "2.01", FlagStatus.MET, FlagStatus.MET),
        (None, "3", NA, FlagStatus.MET),
        ("6", None, FlagStatus.MET, NA),
    ],
)
def test_blonski_edges(h1, h5, s1, s5):
    one, five = diagnostic_flags(study(BEFORE, (1, h1), (5, h5)))
    assert (one.rule.id, five.rule.id) == ("blonski_1min", "blonski_5min")
    assert (one.status, five.status) == (s1, s5)
    assert one.value == (None if h1 is None else D(h1))
    assert one.favourable is None


def test_blonski_details():
    one, five = diagnostic_flags(study(BEFORE, (5, "3.5")))
    assert one.detail == "No verdict: the 1-min height was not measured"
    assert five.detail == "Supports achalasia: 3.5 cm at 5 min (Blonski: > 2 cm)"


@pytest.mark.parametrize(
    ("total", "maximum", "status"),
    [(3, 3, FlagStatus.MET), (4, 3, FlagStatus.NOT_MET), (3, 2, FlagStatus.NOT_MET), (2, 2, FlagStatus.MET)],
)
def test_eckardt_success_threshold_is_a_setting(total, maximum, status):
    h = history([], [proc(BEFORE)], [eckardt(AFTER, total)])
    (response,) = procedure_responses(h, InterpretationSettings(eckardt_success_max=maximum))
    success = response.flags[0]
    assert success.status is status
    assert success.value == D(total)
    assert success.detail.endswith(f"(success is <= {maximum})")


def test_interpretation_settings_validated():
    assert InterpretationSettings().eckardt_success_max == 3
    assert InterpretationSettings() == DEFAULT_SETTINGS
    assert InterpretationSettings(0).eckardt_success_max == 0
    assert InterpretationSettings(12).eckardt_success_max == 12
    for bad in (-1, 13, True, 2.5, "3"):
        with pytest.raises(ValueError, match="between 0 and 12"):
            InterpretationSettings(eckardt_success_max=bad)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_SETTINGS.eckardt_success_max = 2  # type: ignore[misc]


# --------------------------------------------------------------------------------------------------------------------
# Concordance (Suwatthanarak)


#: How each concordance verdict begins: the finding first.
_CONCORDANCE_HEADLINES = {
    VERDICT_CONCORDANT_RESPONSE: "Concordant response: symptoms and emptying both improved, ",
    VERDICT_CONCORDANT_NON_RESPONSE: "No response: neither symptoms nor emptying improved enough, ",
    VERDICT_DISCORDANT_SYMPTOMS_ONLY: "Discordant response: symptoms improved but emptying did not, high risk",
    VERDICT_DISCORDANT_EMPTYING_ONLY: "Discordant response: emptying improved but symptoms did not; ",
}


@pytest.mark.parametrize(
    ("before", "after", "post_h5", "status", "verdict"),
    [
        (10, 2, "4", FlagStatus.NOT_MET, VERDICT_CONCORDANT_RESPONSE),  # 80 %, 60 %
        (10, 2, "6", FlagStatus.MET, VERDICT_DISCORDANT_SYMPTOMS_ONLY),  # 80 %, 40 %
        (10, 8, "6", FlagStatus.NOT_MET, VERDICT_CONCORDANT_NON_RESPONSE),  # 20 %, 40 %
        (10, 8, "2", FlagStatus.NOT_MET, VERDICT_DISCORDANT_EMPTYING_ONLY),  # 20 %, 80 %
        (10, 5, "6", FlagStatus.NOT_MET, VERDICT_CONCORDANT_NON_RESPONSE),  # exactly 50 %: not > 50
        (10, 4, "5", FlagStatus.NOT_MET, VERDICT_CONCORDANT_RESPONSE),  # 60 %, exactly 50 %: not < 50
        (10, 4, "5.01", FlagStatus.MET, VERDICT_DISCORDANT_SYMPTOMS_ONLY),
    ],
)
def test_concordance(before, after, post_h5, status, verdict):
    h = history(
        [study(BEFORE, (5, "10")), study(AFTER, (5, post_h5))],
        [proc(dt.date(2025, 1, 10))],
        [eckardt(BEFORE, before), eckardt(AFTER, after)],
    )
    (response,) = procedure_responses(h)
    concordance = response.flags[1]
    assert concordance.status is status
    assert concordance.detail.startswith(_CONCORDANCE_HEADLINES[verdict])
    assert concordance.value == improvement_pct(D(10), D(post_h5))


def test_concordance_uses_latest_follow_up_and_latest_eckardt():
    h = history(
        [study(BEFORE, (5, "10")), study(AFTER, (5, "2")), study(dt.date(2025, 9, 1), (5, "7"))],
        [proc(dt.date(2025, 1, 10))],
        [eckardt(BEFORE, 10), eckardt(dt.date(2025, 3, 1), 9), eckardt(dt.date(2025, 8, 1), 1)],
    )
    (response,) = procedure_responses(h)
    assert response.eckardt_change_pct == D(-90)
    concordance = response.flags[1]
    assert concordance.status is FlagStatus.MET
    assert concordance.value == D(30)
    assert "Eckardt 10 to 1 (-90.0 %)" in concordance.detail


def test_concordance_eckardt_before_zero():
    h = history(
        [study(BEFORE, (5, "10")), study(AFTER, (5, "2"))],
        [proc(dt.date(2025, 1, 10))],
        [eckardt(BEFORE, 0), eckardt(AFTER, 0)],
    )
    (response,) = procedure_responses(h)
    assert response.eckardt_change_pct is None
    assert response.flags[0].status is FlagStatus.MET
    assert response.flags[1].status is NA
    assert response.flags[1].detail == "No verdict: the Eckardt score before was 0, so no percentage"


# --------------------------------------------------------------------------------------------------------------------
# Windows


def test_same_day_study_and_score_count_as_before():
    day = dt.date(2025, 3, 1)
    same_day = study(day, (5, "9"), study_id=1)
    later = dt.date(2025, 4, 1)
    h = history(
        [same_day, study(later, (5, "1"), study_id=2), study(BEFORE, (5, "12"), study_id=3)],
        [proc(day)],
        [eckardt(day, 9), eckardt(later, 1), eckardt(BEFORE, 12)],
    )
    (response,) = procedure_responses(h)
    assert response.reference is same_day
    assert [f.study.id for f in response.follow_ups] == [2]
    assert response.follow_ups[0].days_after == 31
    assert response.eckardt_before is not None
    assert response.eckardt_before.total == 9
    assert [e.total for e in response.eckardt_after] == [1]


def test_study_on_next_procedure_date_is_reference_and_last_follow_up():
    first, second = dt.date(2025, 1, 10), dt.date(2025, 4, 10)
    s0 = study(BEFORE, (5, "10"), study_id=1)
    s1 = study(dt.date(2025, 2, 10), (5, "8"), study_id=2)
    s2 = study(second, (5, "7"), study_id=3)
    s3 = study(dt.date(2025, 5, 10), (5, "1"), study_id=4)
    h = history(
        [s3, s2, s1, s0],
        [proc(second, ProcedureType.POEM, 2), proc(first, ProcedureType.BALLOON_DILATION, 1)],
        [eckardt(second, 8, 2), eckardt(dt.date(2025, 6, 1), 1, 3), eckardt(BEFORE, 10, 1)],
    )
    bd, poem = procedure_responses(h)
    assert bd.reference is s0
    assert [f.study for f in bd.follow_ups] == [s1, s2]
    assert [e.total for e in bd.eckardt_after] == [8]
    assert bd.eckardt_change_pct == D(-20)
    assert poem.reference is s2
    assert [f.study for f in poem.follow_ups] == [s3]
    assert poem.eckardt_before is not None
    assert poem.eckardt_before.total == 8
    assert [e.total for e in poem.eckardt_after] == [1]
    assert poem.follow_ups[0].flags[0].value == D(600) / D(7)


def test_reference_ties_broken_by_time_then_id():
    day = dt.date(2025, 1, 9)
    morning = study(day, (5, "3"), study_id=9, time=dt.time(8, 0))
    noon = study(day, (5, "4"), study_id=1, time=dt.time(12, 0))
    untimed = study(day, (5, "5"), study_id=20)
    (response,) = procedure_responses(history([noon, untimed, morning], [proc(dt.date(2025, 1, 10))]))
    assert response.reference is noon
    a, b = study(day, (5, "3"), study_id=5), study(day, (5, "4"), study_id=4)
    (response,) = procedure_responses(history([a, b], [proc(dt.date(2025, 1, 10))]))
    assert response.reference is a


def test_last_procedure_window_is_open_ended():
    far = dt.date(2035, 1, 1)
    (response,) = procedure_responses(history([study(far, (5, "1"))], [proc(BEFORE)], [eckardt(far, 1)]))
    assert [f.days_after for f in response.follow_ups] == [(far - BEFORE).days]
    assert [e.assessment_date for e in response.eckardt_after] == [far]


def test_no_procedures_no_responses():
    assert procedure_responses(history([study(BEFORE, (5, "3"))])) == []


def test_rules_are_complete_and_sourced():
    assert set(RULES) == {
        "blonski_1min",
        "blonski_5min",
        "vaezi_height_5min",
        "rohof_stasis",
        "sanagapalli_area",
        "eckardt_success",
        "suwatthanarak_concordance",
    }
    assert {r.id: r.kind for r in RULES.values()} == {
        "blonski_1min": "diagnosis",
        "blonski_5min": "diagnosis",
        "vaezi_height_5min": "outcome",
        "rohof_stasis": "outcome",
        "sanagapalli_area": "outcome",
        "eckardt_success": "symptoms",
        "suwatthanarak_concordance": "concordance",
    }
    assert RULES["vaezi_height_5min"].criterion == "< 50 % improvement in column height at 5 min"
    assert RULES["vaezi_height_5min"].met_is_favourable is False
    assert RULES["sanagapalli_area"].met_is_favourable is True
    assert RULES["blonski_1min"].met_is_favourable is None
    assert "Rohof et al., Am J Gastroenterol 2013;108:49-55" in RULES["rohof_stasis"].source
    assert "Clin Endosc 2024;57:610-619" in RULES["suwatthanarak_concordance"].source
    assert all(r.title and r.meaning and r.source for r in RULES.values())


# --------------------------------------------------------------------------------------------------------------------
# Properties

heights = st.decimals(min_value=0, max_value=40, places=2, allow_nan=False, allow_infinity=False)
positive_heights = heights.filter(lambda h: h > 0)


@given(pre=heights, post=heights)
def test_change_is_minus_improvement(pre, post):
    change = change_pct(pre, post)
    improvement = improvement_pct(pre, post)
    if pre == 0:
        assert change is None
        assert improvement is None
    else:
        assert change == -improvement


@given(pre=positive_heights, post=heights)
def test_change_sign_and_range(pre, post):
    change = change_pct(pre, post)
    assert change is not None
    assert change >= -100
    assert change <= (D(40) - D("0.01")) / D("0.01") * 100
    assert (change < 0) == (post < pre)
    assert (change == 0) == (post == pre)
    assert (change == -100) == (post == 0)


@given(pre=positive_heights, post=heights)
def test_change_times_pre_recovers_difference(pre, post):
    change = change_pct(pre, post)
    assert abs(change * pre / 100 - (post - pre)) < D("1e-20")


days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


@given(
    study_days=st.lists(days, max_size=8),
    procedure_days=st.lists(days, min_size=1, max_size=5),
)
def test_reference_never_after_procedure_and_windows_partition(study_days, procedure_days):
    studies = [study(d, (5, "3"), study_id=i) for i, d in enumerate(study_days)]
    procedures = [proc(d, proc_id=i) for i, d in enumerate(procedure_days)]
    responses = procedure_responses(history(studies, procedures))
    assert [r.procedure.procedure_date for r in responses] == sorted(procedure_days)
    for r in responses:
        day = r.procedure.procedure_date
        earlier = [s for s in studies if s.study_date <= day]
        if earlier:
            assert r.reference is not None
            assert r.reference.study_date <= day
            assert r.reference.study_date == max(s.study_date for s in earlier)
        else:
            assert r.reference is None
        assert all(f.study.study_date > day for f in r.follow_ups)
        assert all(f.days_after > 0 for f in r.follow_ups)
    # Every study after the first procedure is a follow-up of exactly one procedure.
    first = min(procedure_days)
    followed = [f.study.id for r in responses for f in r.follow_ups]
    assert sorted(followed) == sorted(s.id for s in studies if s.study_date > first)


def _concordance_case(post_h5: str, post_eckardt_items: tuple[int, int, int, int]) -> Flag:
    """Reference 10 cm and Eckardt 10 before a POEM; one follow-up with the given 5-min height and Eckardt items."""
    d, r, p, w = post_eckardt_items
    history = PatientHistory(
        patient=Patient(mrn="C"),
        procedures=[Procedure(procedure_date=dt.date(2025, 1, 10), procedure_type=ProcedureType.POEM)],
        studies=[
            TbeStudy(study_date=dt.date(2025, 1, 9), measurements=[ColumnMeasurement(minute=5, height_cm=Decimal(10))]),
            TbeStudy(
                study_date=dt.date(2025, 3, 9), measurements=[ColumnMeasurement(minute=5, height_cm=Decimal(post_h5))]
            ),
        ],
        eckardt=[
            EckardtAssessment(
                assessment_date=dt.date(2025, 1, 9), dysphagia=3, regurgitation=3, retrosternal_pain=2, weight_loss=2
            ),
            EckardtAssessment(
                assessment_date=dt.date(2025, 3, 9), dysphagia=d, regurgitation=r, retrosternal_pain=p, weight_loss=w
            ),
        ],
    )
    return procedure_responses(history)[0].flags[1]


@pytest.mark.parametrize(
    ("post_h5", "items", "verdict", "status", "favourable"),
    [
        ("2", (1, 0, 0, 0), "Concordant response: symptoms and emptying both improved", FlagStatus.NOT_MET, True),
        ("9", (1, 0, 0, 0), "Discordant response: symptoms improved but emptying did not", FlagStatus.MET, False),
        ("9", (3, 3, 0, 0), "No response: neither", FlagStatus.NOT_MET, False),
        ("2", (3, 3, 0, 0), "Discordant response: emptying improved but symptoms did not", FlagStatus.NOT_MET, False),
    ],
)
def test_only_a_concordant_response_is_good_news(
    post_h5: str, items: tuple[int, int, int, int], verdict: str, status: FlagStatus, favourable: bool
) -> None:
    flag = _concordance_case(post_h5, items)
    assert flag.detail.startswith(verdict)
    assert flag.status is status
    assert flag.favourable is favourable


def test_outcome_sentences_are_written_once_when_first_read_and_compare_as_text():
    from barium_tracker.domain.rules import Sentence

    calls: list[int] = []

    def write() -> str:
        calls.append(1)
        return "5-min height 2.7 cm"

    sentence = Sentence(write)
    assert calls == []
    assert str(sentence) == "5-min height 2.7 cm" and str(sentence) == "5-min height 2.7 cm"
    assert calls == [1]
    assert sentence == "5-min height 2.7 cm" and hash(sentence) == hash("5-min height 2.7 cm")
    assert Sentence(lambda: "a") != Sentence(lambda: "b")
    with_arguments = Sentence("{}-min height {} cm".format, 5, "2.7")
    assert with_arguments == "5-min height 2.7 cm" and str(with_arguments) == "5-min height 2.7 cm"
