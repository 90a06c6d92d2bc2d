"""Derived TBE and symptom numbers, and the published rules applied to them, so "did the treatment work" is one look.

Arithmetic is exact ``Decimal`` (never float); percentages are kept exact internally (28 significant digits when a
division does not terminate) and rounded only by ``round_pct`` for display and export.

Two different percentages are kept apart (DOMAIN.md, "Derived numbers"):

- ``emptying_pct``: within one exam, (h1 - h5) / h1 x 100 [de Oliveira 1997].
- ``change_pct``: between exams at the same minute, (post - pre) / pre x 100; negative is a reduction, and
  improvement = -change [Vaezi 1999, 2002; Sanagapalli].

Time windows used by ``procedure_responses``:

- Procedures are processed in date order (ties by id). A study or Eckardt score dated ON a procedure's date counts
  as before it (pre-procedure films are taken the same morning).
- Reference study = the last study with date <= procedure date (ties broken by study time, then id). It may predate
  an earlier procedure when no study was done in between.
- Follow-up studies = studies with procedure date < date <= next procedure's date; a study on the next procedure's
  date is that procedure's reference AND this one's last follow-up. The last procedure's window is open-ended.
- Eckardt before = the last score with date <= procedure date; Eckardt after = the scores with
  procedure date < date <= next procedure's date.
- Missing data (no reference, a minute not filmed, a width not measured, a reference of 0) make a rule
  NOT_APPLICABLE with a sentence saying why; nothing missing is ever computed as zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from barium_tracker.domain import verdicts
from barium_tracker.domain.records import ColumnMeasurement, EckardtAssessment, PatientHistory, Procedure, TbeStudy
from barium_tracker.domain.rules import (
    BLONSKI_1MIN_CM,
    BLONSKI_5MIN_CM,
    ROHOF_STASIS_CM,
    RULES,
    SANAGAPALLI_MIN_AREA_REDUCTION_PCT,
    SYMPTOM_RESPONSE_PCT,
    VAEZI_MIN_IMPROVEMENT_PCT,
    Flag,
    FlagStatus,
    InterpretationSettings,
    SanagapalliArea,
    Sentence,
    sanagapalli_rule,
)

#: The clinic's settings when none are given (Eckardt success <= 3).
DEFAULT_SETTINGS = InterpretationSettings()

#: The minute the outcome rules read (Vaezi, Rohof, Sanagapalli, Suwatthanarak).
OUTCOME_MINUTE = 5

# A fixed context, so that a caller changing the thread's decimal context cannot change a result.
_CTX = Context(prec=28, rounding=ROUND_HALF_EVEN)
_HUNDRED = Decimal(100)
_TENTH = Decimal("0.1")

#: The four concordance verdicts (Suwatthanarak 2024), as domain/verdicts.py says them.
VERDICT_CONCORDANT_RESPONSE = verdicts.CONCORDANT_RESPONSE
VERDICT_CONCORDANT_NON_RESPONSE = verdicts.CONCORDANT_NON_RESPONSE
VERDICT_DISCORDANT_SYMPTOMS_ONLY = verdicts.DISCORDANT_SYMPTOMS_ONLY
VERDICT_DISCORDANT_EMPTYING_ONLY = verdicts.DISCORDANT_EMPTYING_ONLY


# --------------------------------------------------------------------------------------------------------------------
# Numbers


def round_pct(x: Decimal) -> Decimal:
    """Round a percentage to 0.1 (half up) for display and export; the exact value stays in the data."""
    q = x.quantize(_TENTH, rounding=ROUND_HALF_UP, context=_CTX)
    return q.copy_abs() if q.is_zero() else q  # never show "-0.0"


def _pct(numerator: Decimal, base: Decimal) -> Decimal:
    """numerator / base x 100, multiplying first so that terminating results are exact."""
    return _CTX.divide(_CTX.multiply(numerator, _HUNDRED), base)


def emptying_pct(study: TbeStudy) -> Decimal | None:
    """Emptying within one exam, (h1 - h5) / h1 x 100 [de Oliveira 1997]; None when h1 or h5 is missing or h1 is 0."""
    h1 = study.height_at(1)
    h5 = study.height_at(5)
    if h1 is None or h5 is None or h1 == 0:
        return None
    return _pct(_CTX.subtract(h1, h5), h1)


def complete_emptying(study: TbeStudy, minute: int) -> bool | None:
    """Complete emptying is a height of 0 at that minute; None when the height was not measured."""
    height = study.height_at(minute)
    if height is None:
        return None
    return height == 0


def change_pct(pre: Decimal | None, post: Decimal | None) -> Decimal | None:
    """Change between exams, (post - pre) / pre x 100 (negative = reduction); None when missing or pre is 0."""
    if pre is None or post is None or pre == 0:
        return None
    return _pct(_CTX.subtract(post, pre), pre)


def improvement_pct(pre: Decimal | None, post: Decimal | None) -> Decimal | None:
    """Improvement between exams, (pre - post) / pre x 100 = -change_pct; what Vaezi and Sanagapalli read."""
    if pre is None or post is None or pre == 0:
        return None
    return _pct(_CTX.subtract(pre, post), pre)


def _diff(pre: Decimal | None, post: Decimal | None) -> Decimal | None:
    if pre is None or post is None:
        return None
    return _CTX.subtract(post, pre)


@dataclass(frozen=True, slots=True)
class MinuteChange:
    """Height and area at one minute on the reference and a follow-up study, and how they changed."""

    minute: int
    pre_height_cm: Decimal | None
    post_height_cm: Decimal | None
    height_change_cm: Decimal | None
    height_change_pct: Decimal | None
    pre_area_cm2: Decimal | None
    post_area_cm2: Decimal | None
    area_change_cm2: Decimal | None
    area_change_pct: Decimal | None
    #: The area inside the outline traced on each film (Sanagapalli's area), when both films have one.
    pre_traced_area_cm2: Decimal | None = None
    post_traced_area_cm2: Decimal | None = None
    traced_area_change_pct: Decimal | None = None


def minute_changes(pre: TbeStudy, post: TbeStudy) -> tuple[MinuteChange, ...]:
    """One MinuteChange for every minute both studies measured (height in both, or area in both), by minute."""
    changes: list[MinuteChange] = []
    for minute in sorted(set(pre.minutes) & set(post.minutes)):
        a, b = pre.at(minute), post.at(minute)
        assert a is not None and b is not None
        pre_h, post_h, pre_a, post_a = a.height_cm, b.height_cm, a.area_cm2, b.area_cm2
        both_heights = pre_h is not None and post_h is not None
        both_areas = pre_a is not None and post_a is not None
        pre_t, post_t = a.traced_area_cm2, b.traced_area_cm2
        both_traced = pre_t is not None and post_t is not None
        if not (both_heights or both_areas or both_traced):
            continue
        changes.append(
            MinuteChange(
                minute=minute,
                pre_height_cm=pre_h,
                post_height_cm=post_h,
                height_change_cm=_diff(pre_h, post_h),
                height_change_pct=change_pct(pre_h, post_h),
                pre_area_cm2=pre_a,
                post_area_cm2=post_a,
                area_change_cm2=_diff(pre_a, post_a),
                area_change_pct=change_pct(pre_a, post_a),
                pre_traced_area_cm2=pre_t,
                post_traced_area_cm2=post_t,
                traced_area_change_pct=change_pct(pre_t, post_t),
            )
        )
    return tuple(changes)


# --------------------------------------------------------------------------------------------------------------------
# Flags (their sentences are domain/verdicts.py's)


def _na(rule_id: str, reason: str, minute: int = 0, date: dt.date | None = None) -> Flag:
    return Flag(
        RULES[rule_id],
        FlagStatus.NOT_APPLICABLE,
        None,
        Sentence(verdicts.not_applicable_sentence, reason, minute, date),
    )


def _flag(rule_id: str, met: bool, value: Decimal, detail: Sentence) -> Flag:
    return Flag(RULES[rule_id], FlagStatus.MET if met else FlagStatus.NOT_MET, value, detail)


# --------------------------------------------------------------------------------------------------------------------
# Diagnostic rules


def diagnostic_flags(study: TbeStudy) -> tuple[Flag, Flag]:
    """Blonski 2018 at 1 and 5 min for one study; meaningful on an untreated patient, which the caller decides."""
    flags: list[Flag] = []
    for rule_id, minute, limit in (("blonski_1min", 1, BLONSKI_1MIN_CM), ("blonski_5min", 5, BLONSKI_5MIN_CM)):
        height = study.height_at(minute)
        if height is None:
            flags.append(_na(rule_id, "height_missing", minute))
            continue
        flags.append(_flag(rule_id, height > limit, height, Sentence(verdicts.blonski_sentence, minute, height, limit)))
    return flags[0], flags[1]


# --------------------------------------------------------------------------------------------------------------------
# Outcome rules on one follow-up study


def _vaezi(reference: TbeStudy | None, study: TbeStudy) -> Flag:
    rule_id, m, limit = "vaezi_height_5min", OUTCOME_MINUTE, VAEZI_MIN_IMPROVEMENT_PCT
    if reference is None:
        return _na(rule_id, "no_reference")
    pre, post = reference.height_at(m), study.height_at(m)
    if pre is None:
        return _na(rule_id, "height_missing_reference", m, reference.study_date)
    if post is None:
        return _na(rule_id, "height_missing_here", m)
    if pre == 0:
        return _na(rule_id, "height_zero_reference", m)
    improvement = improvement_pct(pre, post)
    assert improvement is not None
    detail = Sentence(verdicts.vaezi_sentence, m, improvement, limit, pre, post)
    return _flag(rule_id, improvement < limit, improvement, detail)


def _rohof(study: TbeStudy) -> Flag:
    rule_id, m, limit = "rohof_stasis", OUTCOME_MINUTE, ROHOF_STASIS_CM
    height = study.height_at(m)
    if height is None:
        return _na(rule_id, "height_missing_here", m)
    return _flag(rule_id, height > limit, height, Sentence(verdicts.rohof_sentence, m, height, limit))


def _area_missing(study: TbeStudy, minute: int, *, reference: bool, area: SanagapalliArea) -> str:
    if area is SanagapalliArea.TRACED:
        return "traced_missing_reference" if reference else "traced_missing_here"
    m = study.at(minute)
    if m is None or m.height_cm is None:
        return "height_missing_reference" if reference else "height_missing_here"
    return "width_missing_reference" if reference else "width_missing_here"


def _area(m: ColumnMeasurement | None, area: SanagapalliArea) -> Decimal | None:
    if m is None:
        return None
    return m.traced_area_cm2 if area is SanagapalliArea.TRACED else m.area_cm2


def _sanagapalli(reference: TbeStudy | None, study: TbeStudy, chosen: SanagapalliArea) -> Flag:
    """The area rule on the clinic's chosen area; on the other one only when the chosen one is missing on either
    film and the other is on both (the verdict then says so)."""
    rule_id, m, limit = "sanagapalli_area", OUTCOME_MINUTE, SANAGAPALLI_MIN_AREA_REDUCTION_PCT
    if reference is None:
        return _na(rule_id, "no_reference")
    ref_m, post_m = reference.at(m), study.at(m)
    used, instead_of = chosen, ""
    pre, post = _area(ref_m, chosen), _area(post_m, chosen)
    if pre is None or post is None:
        other_pre, other_post = _area(ref_m, chosen.other), _area(post_m, chosen.other)
        if other_pre is not None and other_post is not None:
            used, instead_of, pre, post = chosen.other, chosen.value, other_pre, other_post
    if pre is None:
        return _na(rule_id, _area_missing(reference, m, reference=True, area=chosen), m, reference.study_date)
    if post is None:
        return _na(rule_id, _area_missing(study, m, reference=False, area=chosen), m)
    if pre == 0:
        return _na(rule_id, "area_zero_reference", m)
    reduction = improvement_pct(pre, post)
    assert reduction is not None
    detail = Sentence(verdicts.sanagapalli_sentence, m, reduction, limit, pre, post, used.value, instead_of)
    status = FlagStatus.MET if reduction >= limit else FlagStatus.NOT_MET
    return Flag(sanagapalli_rule(used), status, reduction, detail)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One study after a procedure compared with the procedure's reference study, with the outcome flags."""

    study: TbeStudy
    days_after: int
    changes: tuple[MinuteChange, ...]
    flags: tuple[Flag, ...]


def follow_up(
    procedure: Procedure,
    reference: TbeStudy | None,
    study: TbeStudy,
    area: SanagapalliArea = DEFAULT_SETTINGS.sanagapalli_area,
) -> FollowUp:
    """Compare one post-procedure study with the reference: changes per minute, then Vaezi, Rohof and Sanagapalli
    (on ``area``, the clinic's choice)."""
    return FollowUp(
        study=study,
        days_after=(study.study_date - procedure.procedure_date).days,
        changes=() if reference is None else minute_changes(reference, study),
        flags=(_vaezi(reference, study), _rohof(study), _sanagapalli(reference, study, area)),
    )


# --------------------------------------------------------------------------------------------------------------------
# Symptom and concordance rules on one procedure


def _eckardt_success(latest_after: EckardtAssessment | None, settings: InterpretationSettings) -> Flag:
    rule_id, limit = "eckardt_success", settings.eckardt_success_max
    if latest_after is None:
        return _na(rule_id, "no_eckardt_after")
    total = latest_after.total
    return _flag(
        rule_id,
        total <= limit,
        Decimal(total),
        Sentence(verdicts.eckardt_sentence, total, latest_after.assessment_date, limit),
    )


def _concordance(
    reference: TbeStudy | None,
    latest_study: TbeStudy | None,
    before: EckardtAssessment | None,
    latest_after: EckardtAssessment | None,
) -> Flag:
    rule_id, m = "suwatthanarak_concordance", OUTCOME_MINUTE
    missing: list[str] = []
    date: dt.date | None = None
    if reference is None:
        missing.append("no_reference")
    elif reference.height_at(m) is None:
        missing.append("height_missing_reference")
    elif reference.height_at(m) == 0:
        missing.append("height_zero_reference")
    if latest_study is None:
        missing.append("no_follow_up")
    elif latest_study.height_at(m) is None:
        missing.append("height_missing_follow_up")
        date = latest_study.study_date
    if before is None:
        missing.append("no_eckardt_before")
    elif before.total == 0:
        missing.append("eckardt_zero_before")
    if latest_after is None:
        missing.append("no_eckardt_after")
    if missing:
        detail = Sentence(verdicts.concordance_missing_sentence, m, date, *missing)
        return Flag(RULES[rule_id], FlagStatus.NOT_APPLICABLE, None, detail)
    assert reference is not None and latest_study is not None
    assert before is not None and latest_after is not None
    pre_h, post_h = reference.height_at(m), latest_study.height_at(m)
    assert pre_h is not None and post_h is not None
    emptying = improvement_pct(pre_h, post_h)
    symptoms = improvement_pct(Decimal(before.total), Decimal(latest_after.total))
    assert emptying is not None and symptoms is not None
    symptoms_improved = symptoms > SYMPTOM_RESPONSE_PCT
    emptying_improved = emptying >= VAEZI_MIN_IMPROVEMENT_PCT
    if symptoms_improved and emptying_improved:
        verdict = VERDICT_CONCORDANT_RESPONSE
    elif not symptoms_improved and not emptying_improved:
        verdict = VERDICT_CONCORDANT_NON_RESPONSE
    elif symptoms_improved:
        verdict = VERDICT_DISCORDANT_SYMPTOMS_ONLY
    else:
        verdict = VERDICT_DISCORDANT_EMPTYING_ONLY
    detail = Sentence(
        verdicts.concordance_sentence, verdict, symptoms, before.total, latest_after.total, emptying, m, pre_h, post_h
    )
    discordant = symptoms_improved and not emptying_improved
    # Only a concordant response is good news; the other verdicts are not, whether or not they are "discordant".
    return Flag(
        RULES[rule_id],
        FlagStatus.MET if discordant else FlagStatus.NOT_MET,
        emptying,
        detail,
        outcome_favourable=verdict == VERDICT_CONCORDANT_RESPONSE,
    )


# --------------------------------------------------------------------------------------------------------------------
# Windows and the per-procedure summary


@dataclass(frozen=True, slots=True)
class ProcedureResponse:
    """Everything needed to answer "did this procedure work": reference, follow-ups, symptoms and flags."""

    procedure: Procedure
    reference: TbeStudy | None
    follow_ups: tuple[FollowUp, ...]
    eckardt_before: EckardtAssessment | None
    eckardt_after: tuple[EckardtAssessment, ...]
    eckardt_change_pct: Decimal | None
    flags: tuple[Flag, ...]


def _id_key(record_id: int | None) -> tuple[bool, int]:
    """Saved records in id order; an unsaved one (no id yet) is the newest."""
    return (record_id is None, record_id or 0)


def _study_key(s: TbeStudy) -> tuple:
    return (s.study_date, s.study_time is not None, s.study_time or dt.time.min, *_id_key(s.id))


def _eckardt_key(e: EckardtAssessment) -> tuple:
    return (e.assessment_date, *_id_key(e.id))


def _procedure_key(p: Procedure) -> tuple:
    return (p.procedure_date, *_id_key(p.id))


def _in_window(day: dt.date, start: dt.date, end: dt.date | None) -> bool:
    """start < day <= end; an open window when end is None."""
    return start < day and (end is None or day <= end)


def procedure_responses(
    history: PatientHistory, settings: InterpretationSettings = DEFAULT_SETTINGS
) -> list[ProcedureResponse]:
    """Each procedure's response in chronological order, with the windows described in the module docstring."""
    procedures = sorted(history.procedures, key=_procedure_key)
    studies = sorted(history.studies, key=_study_key)
    scores = sorted(history.eckardt, key=_eckardt_key)
    responses: list[ProcedureResponse] = []
    for i, procedure in enumerate(procedures):
        day = procedure.procedure_date
        end = procedures[i + 1].procedure_date if i + 1 < len(procedures) else None
        before_studies = [s for s in studies if s.study_date <= day]
        reference = before_studies[-1] if before_studies else None
        after_studies = [s for s in studies if _in_window(s.study_date, day, end)]
        before_scores = [e for e in scores if e.assessment_date <= day]
        eckardt_before = before_scores[-1] if before_scores else None
        eckardt_after = tuple(e for e in scores if _in_window(e.assessment_date, day, end))
        latest_after = eckardt_after[-1] if eckardt_after else None
        eckardt_change = (
            change_pct(Decimal(eckardt_before.total), Decimal(latest_after.total))
            if eckardt_before is not None and latest_after is not None
            else None
        )
        responses.append(
            ProcedureResponse(
                procedure=procedure,
                reference=reference,
                follow_ups=tuple(follow_up(procedure, reference, s, settings.sanagapalli_area) for s in after_studies),
                eckardt_before=eckardt_before,
                eckardt_after=eckardt_after,
                eckardt_change_pct=eckardt_change,
                flags=(
                    _eckardt_success(latest_after, settings),
                    _concordance(reference, after_studies[-1] if after_studies else None, eckardt_before, latest_after),
                ),
            )
        )
    return responses
