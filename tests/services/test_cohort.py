"""The cohort on real databases (SQLite file and PostgreSQL): a hand-built cohort whose answers are worked out here.

Five POEM patients go from a 10 cm column at 5 minutes to 2, 4, 6, 8 and 10 cm: changes of -80, -60, -40, -20 and
0 %, so the median is -40 % and the inclusive quartiles -60 and -20 %. Vaezi (< 50 % improvement) is met by the
-40, -20 and 0 % ones, Rohof (> 5 cm) by the 6, 8 and 10 cm ones. Around them: two LHM patients (one exactly at
both thresholds, one without follow-up), a dilation whose latest follow-up has no 5-min film, the published seed
case, and two patients without a procedure (one with an unknown birth date).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from barium_tracker.domain import metrics, verdicts
from barium_tracker.domain.enums import Diagnosis, ProcedureType, Sex
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.rules import FlagStatus, InterpretationSettings
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import (
    COHORT_RULE_IDS,
    CSV_COLUMNS,
    AgeGroup,
    CohortFilter,
    CohortRow,
    cohort_row,
    cohort_rows,
    filter_rows,
    overall_statistics,
    procedure_statistics,
    rows_from_histories,
    rows_to_csv,
    rows_to_csv_text,
)
from barium_tracker.services.demo import SEED_MRN, seed_case, synthetic_cohort
from barium_tracker.services.patients import load_all_histories, load_history, load_outcome_histories
from barium_tracker.services.records import save_histories

D = dt.date
TODAY = D(2026, 11, 24)
MET, NOT_MET, NA = FlagStatus.MET, FlagStatus.NOT_MET, FlagStatus.NOT_APPLICABLE
POEM_DAY = D(2025, 3, 1)


def _study(day: dt.date, h5: str | None, width: str | None = "4", h1: str | None = None) -> TbeStudy:
    films = []
    if h1 is not None:
        films.append(ColumnMeasurement(minute=1, height_cm=Decimal(h1), width_cm=None))
    if h5 is not None:
        films.append(
            ColumnMeasurement(minute=5, height_cm=Decimal(h5), width_cm=None if width is None else Decimal(width))
        )
    return TbeStudy(study_date=day, barium_volume_ml=Decimal(200), measurements=films)


def _eckardt(day: dt.date, total: int) -> EckardtAssessment:
    items = [min(3, max(0, total - 3 * i)) for i in range(4)]  # 10 -> 3, 3, 3, 1
    return EckardtAssessment(
        assessment_date=day,
        dysphagia=items[0],
        regurgitation=items[1],
        retrosternal_pain=items[2],
        weight_loss=items[3],
    )


def _patient(mrn: str, birth: dt.date | None, diagnosis: Diagnosis = Diagnosis.ACHALASIA_TYPE_II) -> Patient:
    return Patient(mrn=mrn, family_name=f"Family {mrn}", given_name="Given", birth_date=birth, diagnosis=diagnosis)


# mrn, birth date, 5-min height after (from 10 cm), Eckardt after (from 10)
POEM_PATIENTS = (
    ("POEM-1", D(2010, 3, 2), "2", 2),  # 14 at the procedure
    ("POEM-2", D(2007, 3, 2), "4", 3),  # 17: the day before the 18th birthday
    ("POEM-3", D(2007, 3, 1), "6", 4),  # 18 on the procedure day: adult
    ("POEM-4", D(1980, 1, 1), "8", 6),
    ("POEM-5", D(1970, 1, 1), "10", 10),
)


def hand_built_cohort() -> list[PatientHistory]:
    histories = []
    for mrn, birth, after_h5, after_eckardt in POEM_PATIENTS:
        history = PatientHistory(
            patient=_patient(
                mrn, birth, Diagnosis.ACHALASIA_TYPE_I if mrn == "POEM-3" else Diagnosis.ACHALASIA_TYPE_II
            ),
            studies=[_study(D(2025, 2, 20), "10"), _study(D(2025, 4, 1), after_h5)],
            procedures=[Procedure(procedure_date=POEM_DAY, procedure_type=ProcedureType.POEM)],
            eckardt=[_eckardt(D(2025, 2, 20), 10), _eckardt(D(2025, 6, 1), after_eckardt)],
        )
        if mrn == "POEM-5":  # an earlier dilation with its own studies: the cohort reads the POEM only
            history.studies[0:0] = [_study(D(2024, 1, 10), "12"), _study(D(2024, 3, 1), "3")]
            history.procedures.insert(
                0, Procedure(procedure_date=D(2024, 1, 15), procedure_type=ProcedureType.BALLOON_DILATION)
            )
        histories.append(history)
    histories.append(  # exactly 50 % improvement and exactly 5 cm: neither Vaezi nor Rohof
        PatientHistory(
            patient=_patient("LHM-1", D(1990, 5, 5)),
            studies=[_study(D(2024, 5, 1), "10"), _study(D(2024, 7, 1), "5")],
            procedures=[Procedure(procedure_date=D(2024, 5, 10), procedure_type=ProcedureType.LHM)],
            eckardt=[_eckardt(D(2024, 5, 1), 8), _eckardt(D(2024, 7, 1), 1)],
        )
    )
    histories.append(  # no follow-up yet
        PatientHistory(
            patient=_patient("LHM-2", D(1985, 5, 5)),
            studies=[_study(D(2026, 9, 1), "7")],
            procedures=[Procedure(procedure_date=D(2026, 9, 10), procedure_type=ProcedureType.LHM, rescue=True)],
        )
    )
    histories.append(  # the latest follow-up has a 1-min film only: the earlier 5-min film is not used instead
        PatientHistory(
            patient=_patient("BD-1", D(1975, 1, 1), Diagnosis.EGJ_OUTFLOW_OBSTRUCTION),
            studies=[_study(D(2023, 1, 1), "9"), _study(D(2023, 2, 1), "3"), _study(D(2023, 6, 1), None, h1="6")],
            procedures=[Procedure(procedure_date=D(2023, 1, 5), procedure_type=ProcedureType.BALLOON_DILATION)],
        )
    )
    histories.append(seed_case())
    histories.append(PatientHistory(patient=_patient("NONE-1", None, Diagnosis.EGJ_OUTFLOW_OBSTRUCTION)))
    histories.append(PatientHistory(patient=_patient("NONE-2", D(2015, 1, 1), Diagnosis.UNKNOWN)))
    return histories


def save_hand_built_cohort(clinic: Clinic) -> None:
    save_histories(clinic, hand_built_cohort(), source="test")


@pytest.fixture
def rows(any_clinic: Clinic) -> dict[str, CohortRow]:
    save_hand_built_cohort(any_clinic)
    return {row.mrn: row for row in cohort_rows(any_clinic, today=TODAY)}


def _statuses(row: CohortRow) -> tuple[FlagStatus, ...]:
    return tuple(row.rules[rule_id].status for rule_id in COHORT_RULE_IDS)


# -- rows ---------------------------------------------------------------------------------------------------------


def test_poem_rows_have_the_worked_out_changes_and_flags(rows: dict[str, CohortRow]) -> None:
    expected = {  # change %, (vaezi, rohof, sanagapalli, eckardt success, suwatthanarak)
        "POEM-1": (-80, (NOT_MET, NOT_MET, MET, MET, NOT_MET)),
        "POEM-2": (-60, (NOT_MET, NOT_MET, MET, MET, NOT_MET)),
        "POEM-3": (-40, (MET, MET, NOT_MET, NOT_MET, MET)),  # symptoms 60 % better, emptying 40 %: discordant
        "POEM-4": (-20, (MET, MET, NOT_MET, NOT_MET, NOT_MET)),  # neither improved: concordant non-response
        "POEM-5": (0, (MET, MET, NOT_MET, NOT_MET, NOT_MET)),
    }
    for mrn, (change, statuses) in expected.items():
        row = rows[mrn]
        assert row.h5_change_pct == Decimal(change), mrn
        assert _statuses(row) == statuses, mrn
        assert row.procedure_type is ProcedureType.POEM
        assert row.procedure_date == POEM_DAY
        assert row.reference_h5_cm == Decimal(10)
        assert row.reference_study_date == D(2025, 2, 20)
        assert row.followup_study_date == D(2025, 4, 1)
        assert row.followup_days_after == 31
        assert row.eckardt_before == 10
    assert rows["POEM-1"].latest_followup_h5_cm == Decimal(2)
    assert rows["POEM-4"].eckardt_after == 6
    assert rows["POEM-5"].procedure_count == 2  # the earlier dilation is counted, not reported
    assert rows["POEM-1"].rules["vaezi_height_5min"].favourable is True  # not poor emptying: good news
    assert rows["POEM-3"].rules["vaezi_height_5min"].favourable is False
    assert (
        rows["POEM-3"]
        .rules["suwatthanarak_concordance"]
        .detail.startswith("Discordant response: symptoms improved but emptying did not")
    )


def test_ages_are_at_the_latest_procedure_and_paediatric_means_under_18(rows: dict[str, CohortRow]) -> None:
    assert [rows[m].age_years for m in ("POEM-1", "POEM-2", "POEM-3")] == [14, 17, 18]
    assert [rows[m].is_paediatric for m in ("POEM-1", "POEM-2", "POEM-3")] == [True, True, False]
    assert rows["NONE-2"].age_years == 11  # no procedure: age today
    assert rows["NONE-1"].age_years is None
    assert rows["NONE-1"].is_paediatric is None


def test_thresholds_exactly_met_are_not_poor_emptying_nor_stasis(rows: dict[str, CohortRow]) -> None:
    row = rows["LHM-1"]
    assert row.h5_change_pct == Decimal(-50)
    assert row.rules["vaezi_height_5min"].status is NOT_MET
    assert row.rules["rohof_stasis"].status is NOT_MET
    assert row.rules["eckardt_success"].status is MET


def test_missing_follow_ups_and_films_are_not_applicable_never_zero(rows: dict[str, CohortRow]) -> None:
    no_follow_up = rows["LHM-2"]
    assert no_follow_up.rescue is True
    assert no_follow_up.reference_h5_cm == Decimal(7)
    assert (no_follow_up.latest_followup_h5_cm, no_follow_up.h5_change_pct, no_follow_up.eckardt_after) == (
        None,
        None,
        None,
    )
    assert _statuses(no_follow_up) == (NA,) * 5
    assert no_follow_up.rules["vaezi_height_5min"].detail == "No TBE after the latest procedure"

    no_film = rows["BD-1"]
    assert no_film.followup_study_date == D(2023, 6, 1)
    assert no_film.latest_followup_h5_cm is None  # not the 3 cm of the earlier follow-up
    assert no_film.h5_change_pct is None
    assert no_film.rules["vaezi_height_5min"].status is NA
    assert "not measured on this study" in no_film.rules["vaezi_height_5min"].detail


def test_patients_without_a_procedure_have_empty_procedure_columns(rows: dict[str, CohortRow]) -> None:
    row = rows["NONE-1"]
    assert not row.treated
    assert row.procedure_count == 0
    empty = (
        row.procedure_id,
        row.procedure_date,
        row.procedure_type,
        row.rescue,
        row.reference_h5_cm,
        row.latest_followup_h5_cm,
        row.h5_change_pct,
        row.eckardt_before,
        row.eckardt_after,
    )
    assert empty == (None,) * len(empty)
    assert _statuses(row) == (NA,) * 5
    assert row.rules["rohof_stasis"].detail == "No procedure recorded"


def test_the_seed_case_row_agrees_with_its_patient_summary(any_clinic: Clinic, rows: dict[str, CohortRow]) -> None:
    row = rows[SEED_MRN]
    assert (row.reference_h5_cm, row.latest_followup_h5_cm) == (Decimal(12), Decimal("2.7"))
    assert metrics.round_pct(row.h5_change_pct) == Decimal("-77.5")
    assert row.procedure_type is ProcedureType.POEM and row.rescue
    assert (row.eckardt_before, row.eckardt_after) == (12, 2)
    response = metrics.procedure_responses(load_history(any_clinic, mrn=SEED_MRN))[-1]
    flags = {f.rule.id: f for f in (*response.follow_ups[-1].flags, *response.flags)}
    for rule_id in COHORT_RULE_IDS:
        assert (row.rules[rule_id].status, row.rules[rule_id].detail) == (flags[rule_id].status, flags[rule_id].detail)


def test_the_clinic_setting_decides_eckardt_success(any_clinic: Clinic) -> None:
    save_hand_built_cohort(any_clinic)
    any_clinic.set_interpretation_settings(InterpretationSettings(eckardt_success_max=2))
    by_mrn = {row.mrn: row for row in cohort_rows(any_clinic, today=TODAY)}
    assert by_mrn["POEM-1"].rules["eckardt_success"].status is MET  # Eckardt 2
    assert by_mrn["POEM-2"].rules["eckardt_success"].status is NOT_MET  # Eckardt 3


# -- the latest-response shortcut gives what the whole history gives ------------------------------------------------


def _full_flags(history: PatientHistory, settings: InterpretationSettings) -> dict[str, tuple]:
    response = metrics.procedure_responses(history, settings)[-1]
    latest = response.follow_ups[-1].flags if response.follow_ups else ()
    return {f.rule.id: (f.status, f.favourable, f.detail) for f in (*latest, *response.flags)}


def test_rows_match_procedure_responses_on_the_whole_history(clinic: Clinic) -> None:
    save_histories(clinic, synthetic_cohort(150), source="test")
    save_hand_built_cohort(clinic)
    settings = InterpretationSettings()
    histories = load_all_histories(clinic)
    rows = cohort_rows(clinic, settings, today=TODAY)
    assert [r.patient_id for r in rows] == [h.patient.id for h in histories]
    compared = 0
    for history, row in zip(histories, rows, strict=True):
        if not history.procedures:
            continue
        response = metrics.procedure_responses(history, settings)[-1]
        assert row.procedure_id == response.procedure.id
        for rule_id, expected in _full_flags(history, settings).items():
            result = row.rules[rule_id]
            assert (result.status, result.favourable, result.detail) == expected, (history.patient.mrn, rule_id)
        compared += 1
    assert compared > 100


def test_same_day_ties_are_broken_as_procedure_responses_breaks_them() -> None:
    day = D(2025, 1, 10)
    history = PatientHistory(
        patient=Patient(mrn="TIE", id=1),
        studies=[
            TbeStudy(id=3, study_date=day, study_time=dt.time(9), measurements=[_film("8")]),
            TbeStudy(id=2, study_date=day, study_time=None, measurements=[_film("12")]),
            TbeStudy(id=5, study_date=D(2025, 3, 1), measurements=[_film("4")]),
            TbeStudy(id=4, study_date=D(2025, 3, 1), measurements=[_film("6")]),
            TbeStudy(id=1, study_date=D(2024, 1, 1), measurements=[_film("20")]),
        ],
        procedures=[
            Procedure(id=8, procedure_date=day, procedure_type=ProcedureType.POEM),
            Procedure(id=7, procedure_date=day, procedure_type=ProcedureType.BALLOON_DILATION),
        ],
        eckardt=[
            EckardtAssessment(
                id=2, assessment_date=day, dysphagia=3, regurgitation=3, retrosternal_pain=0, weight_loss=0
            ),
            EckardtAssessment(
                id=1, assessment_date=day, dysphagia=1, regurgitation=0, retrosternal_pain=0, weight_loss=0
            ),
            EckardtAssessment(
                id=3, assessment_date=D(2025, 3, 1), dysphagia=1, regurgitation=1, retrosternal_pain=0, weight_loss=0
            ),
        ],
    )
    settings = InterpretationSettings()
    row = cohort_row(history, settings, TODAY)
    assert row.procedure_id == 8  # same date: the higher id is the later one
    assert row.reference_h5_cm == Decimal(8)  # same date: the one with a time is the later one
    assert row.latest_followup_h5_cm == Decimal(4)  # same date, no times: the higher id
    assert (row.eckardt_before, row.eckardt_after) == (6, 2)
    assert {k: (v.status, v.favourable, v.detail) for k, v in row.rules.items()} == _full_flags(history, settings)


def _film(h5: str) -> ColumnMeasurement:
    return ColumnMeasurement(minute=5, height_cm=Decimal(h5), width_cm=Decimal(3))


# -- loading every patient --------------------------------------------------------------------------------------------


def test_load_all_histories_equals_load_history_for_every_patient(any_clinic: Clinic) -> None:
    save_histories(any_clinic, synthetic_cohort(25), source="test")
    save_hand_built_cohort(any_clinic)
    histories = load_all_histories(any_clinic)
    assert len(histories) == 25 + len(hand_built_cohort())
    assert [h.patient.id for h in histories] == sorted(h.patient.id for h in histories)
    for history in histories:
        assert history == load_history(any_clinic, patient_id=history.patient.id)


def test_load_outcome_histories_reads_only_what_the_rules_need(any_clinic: Clinic) -> None:
    save_hand_built_cohort(any_clinic)
    full = {h.patient.mrn: h for h in load_all_histories(any_clinic)}
    lean = {h.patient.mrn: h for h in load_outcome_histories(any_clinic, minutes=(5,))}
    assert set(lean) == set(full)
    seed, lean_seed = full[SEED_MRN], lean[SEED_MRN]
    shown = ("id", "mrn", "family_name", "given_name", "birth_date", "sex", "diagnosis")
    assert [getattr(lean_seed.patient, f) for f in shown] == [getattr(seed.patient, f) for f in shown]
    assert lean_seed.patient.meta.created_by is None and seed.patient.meta.created_by  # bookkeeping not read
    assert lean_seed.manometry == [] and lean_seed.endoscopy == [] and seed.manometry
    # Events come in no particular order (procedure_responses sorts): compare them by id.
    lean_studies = sorted(lean_seed.studies, key=lambda s: s.id)
    assert [s.id for s in lean_studies] == sorted(s.id for s in seed.studies)
    assert [[m.minute for m in s.measurements] for s in lean_studies] == [[5]] * len(seed.studies)
    assert sorted((p.id, p.procedure_date, p.procedure_type, p.rescue) for p in lean_seed.procedures) == sorted(
        (p.id, p.procedure_date, p.procedure_type, p.rescue) for p in seed.procedures
    )
    assert all(p.knife == "" for p in lean_seed.procedures) and seed.procedures[-1].knife  # not read
    assert sorted((e.id, e.total) for e in lean_seed.eckardt) == sorted((e.id, e.total) for e in seed.eckardt)
    every_film = {h.patient.mrn: h for h in load_outcome_histories(any_clinic)}
    bd_studies = sorted(every_film["BD-1"].studies, key=lambda s: (s.study_date, s.id))
    assert [[m.minute for m in s.measurements] for s in bd_studies] == [[5], [5], [1]]


# -- filters ------------------------------------------------------------------------------------------------------


def _mrns(rows: list[CohortRow]) -> set[str]:
    return {row.mrn for row in rows}


def test_filters(rows: dict[str, CohortRow]) -> None:
    everyone = list(rows.values())
    poem = {m for m, *_ in POEM_PATIENTS} | {SEED_MRN}
    assert _mrns(filter_rows(everyone, CohortFilter())) == set(rows)
    assert _mrns(filter_rows(everyone, CohortFilter(procedure_types=frozenset({ProcedureType.POEM})))) == poem | {
        "NONE-1",
        "NONE-2",
    }
    only_poem = CohortFilter(procedure_types=frozenset({ProcedureType.POEM}), include_untreated=False)
    assert _mrns(filter_rows(everyone, only_poem)) == poem
    assert _mrns(filter_rows(everyone, CohortFilter(include_untreated=False))) == set(rows) - {"NONE-1", "NONE-2"}
    egjoo = CohortFilter(diagnoses=frozenset({Diagnosis.EGJ_OUTFLOW_OBSTRUCTION}))
    assert _mrns(filter_rows(everyone, egjoo)) == {"BD-1", "NONE-1"}
    window = CohortFilter(date_from=D(2024, 5, 10), date_to=POEM_DAY)  # both ends inclusive; untreated left out
    assert _mrns(filter_rows(everyone, window)) == {m for m, *_ in POEM_PATIENTS} | {"LHM-1"}
    assert _mrns(filter_rows(everyone, CohortFilter(date_from=D(2026, 1, 1)))) == {"LHM-2"}
    assert _mrns(filter_rows(everyone, CohortFilter(age_group=AgeGroup.PAEDIATRIC))) == {
        "POEM-1",
        "POEM-2",
        SEED_MRN,
        "NONE-2",
    }
    adults = filter_rows(everyone, CohortFilter(age_group=AgeGroup.ADULT))
    assert "POEM-3" in _mrns(adults) and "NONE-1" not in _mrns(adults)  # unknown age: in neither group
    combined = CohortFilter(
        procedure_types=frozenset({ProcedureType.POEM}), age_group=AgeGroup.PAEDIATRIC, include_untreated=False
    )
    assert _mrns(filter_rows(everyone, combined)) == {"POEM-1", "POEM-2", SEED_MRN}


# -- statistics ---------------------------------------------------------------------------------------------------


def test_statistics_by_procedure_type_on_the_known_cohort(rows: dict[str, CohortRow]) -> None:
    five = [rows[m] for m, *_ in POEM_PATIENTS]
    (poem,) = procedure_statistics(five)
    assert poem.procedure_type is ProcedureType.POEM
    assert (poem.patients, poem.with_h5_change) == (5, 5)
    assert poem.h5_changes_pct == tuple(Decimal(v) for v in (-80, -60, -40, -20, 0))
    assert poem.h5_change_median_pct == Decimal(-40)
    assert (poem.h5_change_q1_pct, poem.h5_change_q3_pct) == (Decimal(-60), Decimal(-20))  # inclusive method
    shares = {rule_id: (s.met, s.applicable) for rule_id, s in poem.shares.items()}
    assert shares == {
        "vaezi_height_5min": (3, 5),
        "rohof_stasis": (3, 5),
        "sanagapalli_area": (2, 5),
        "eckardt_success": (2, 5),
        "suwatthanarak_concordance": (1, 5),
    }
    assert poem.shares["vaezi_height_5min"].pct == Decimal(60)
    assert metrics.round_pct(poem.shares["suwatthanarak_concordance"].pct) == Decimal("20.0")


def test_statistics_over_the_whole_cohort(rows: dict[str, CohortRow]) -> None:
    stats = procedure_statistics(rows.values())
    assert [s.procedure_type for s in stats] == [ProcedureType.POEM, ProcedureType.LHM, ProcedureType.BALLOON_DILATION]
    poem, lhm, dilation = stats
    assert (poem.patients, poem.with_h5_change) == (6, 6)  # with the seed case (-77.5 %)
    assert poem.h5_change_median_pct == Decimal(-50)  # -80, -77.5, [-60, -40], -20, 0
    assert (lhm.patients, lhm.with_h5_change, lhm.h5_change_median_pct) == (2, 1, Decimal(-50))
    assert (lhm.h5_change_q1_pct, lhm.h5_change_q3_pct) == (None, None)  # one value: no range
    assert lhm.shares["vaezi_height_5min"].applicable == 1  # LHM-2 has no follow-up: not counted
    assert (dilation.patients, dilation.with_h5_change, dilation.h5_change_median_pct) == (1, 0, None)
    assert dilation.shares["vaezi_height_5min"].pct is None
    overall = overall_statistics(rows.values())
    assert overall.procedure_type is None
    assert overall.patients == 9  # the two untreated are not counted
    assert overall.with_h5_change == 7


def test_statistics_of_nobody() -> None:
    assert procedure_statistics([]) == []
    empty = overall_statistics([])
    assert (empty.patients, empty.h5_change_median_pct) == (0, None)


# -- CSV ----------------------------------------------------------------------------------------------------------


def test_csv_round_trip(rows: dict[str, CohortRow], tmp_path: Path) -> None:
    path = tmp_path / "cohort.csv"
    shown = list(rows.values())
    assert rows_to_csv(shown, path) == len(shown)
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        read = {line["mrn"]: line for line in reader}
    assert set(read) == set(rows)
    seed = read[SEED_MRN]
    assert seed["reference_h5_cm"] == "12"
    assert seed["latest_followup_h5_cm"] == "2.7"  # a point, whatever the locale
    assert seed["h5_change_pct"] == "-77.5"
    assert seed["procedure_type"] == "poem" and seed["rescue"] == "true"
    assert seed["vaezi_height_5min_status"] == "not_met" and seed["vaezi_height_5min_favourable"] == "true"
    assert read["POEM-3"]["vaezi_height_5min_favourable"] == "false"
    assert read["POEM-3"]["h5_change_pct"] == "-40.0"
    assert read["POEM-3"]["age_years"] == "18"
    assert read["POEM-3"]["diagnosis"] == "achalasia_type_i"
    untreated = read["NONE-1"]
    assert untreated["procedure_date"] == untreated["h5_change_pct"] == untreated["age_years"] == ""
    assert untreated["procedure_count"] == "0"
    assert untreated["rohof_stasis_status"] == "not_applicable" and untreated["rohof_stasis_favourable"] == ""
    for row in shown:  # every value reads back as written
        line = read[row.mrn]
        assert int(line["patient_id"]) == row.patient_id
        assert line["name"] == row.name
        assert (Decimal(line["reference_h5_cm"]) if line["reference_h5_cm"] else None) == row.reference_h5_cm
        assert (D.fromisoformat(line["procedure_date"]) if line["procedure_date"] else None) == row.procedure_date
        for rule_id in COHORT_RULE_IDS:
            assert FlagStatus(line[f"{rule_id}_status"]) is row.rules[rule_id].status


def test_csv_to_a_stream_keeps_names_with_commas_and_accents() -> None:
    row = cohort_row(
        PatientHistory(
            patient=Patient(id=7, mrn="X", family_name="Núñez, Jr", given_name='Ana "Anita"', sex=Sex.FEMALE)
        ),
        InterpretationSettings(),
        TODAY,
    )
    text = rows_to_csv_text([row])
    (line,) = list(csv.DictReader(io.StringIO(text)))
    assert line["name"] == 'Núñez, Jr, Ana "Anita"'
    assert line["sex"] == "female"
    assert text.count("\r\n") == 2


def test_rows_from_histories_needs_saved_patients() -> None:
    with pytest.raises(ValueError, match="saved"):
        rows_from_histories([PatientHistory(patient=Patient(mrn="UNSAVED"))])


def test_rows_are_frozen(rows: dict[str, CohortRow]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows["POEM-1"].mrn = "other"  # type: ignore[misc]


def test_rows_keep_results_as_plain_values_the_collector_lets_go(rows: dict[str, CohortRow]) -> None:
    """50,000 results kept as flags doubled the cost of every full collection (benchmarks/bench_cohort.py): a row
    keeps flat tuples of plain values, which the collector stops tracking, and gives the same flags back."""
    import gc

    row = rows["POEM-3"]
    gc.collect()
    gc.collect()  # a dict is let go in a full collection once its values are
    assert not any(gc.is_tracked(result) for result in row.results.values())
    assert not gc.is_tracked(row.results)
    flag = row.rule("suwatthanarak_concordance")
    assert flag.rule.id == "suwatthanarak_concordance" and flag.value is not None
    assert (
        flag.detail.startswith("Discordant response: symptoms improved but emptying did not")
        and row.rules["suwatthanarak_concordance"] == flag
    )
    for rule_id in row.results:
        assert row.status(rule_id) is row.rule(rule_id).status
        assert row.favourable(rule_id) is row.rule(rule_id).favourable


def test_a_sentence_keeps_as_parts_and_comes_back_the_same() -> None:
    from barium_tracker.domain.rules import Sentence

    written = Sentence(verdicts.rohof_sentence, 5, Decimal("2.7"), Decimal("5"))
    parts = written.parts()
    assert parts == ("rohof_sentence", 5, Decimal("2.7"), Decimal("5"))
    assert Sentence.from_parts(parts) == written == "No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)"
    # once written, still its parts: the GUI translates the sentence a cohort kept
    assert written.parts() == ("rohof_sentence", 5, Decimal("2.7"), Decimal("5"))
    unregistered = Sentence("{} cm".format, 3)
    assert unregistered.parts() == "3 cm"
