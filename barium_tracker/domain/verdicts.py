"""What each rule found and what it means, said as one plain line: the finding first, then the rule and its limit.

A verdict is a whole sentence per case ("No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)"), never a title and
a "met" / "not met" beside it, so nobody reads "poor emptying" over a good result. Each sentence is a
:class:`Message` in this module's translation context, with its numbers as ``Decimal`` arguments (the GUI writes them
as the clinic does). The writers are registered with :func:`~barium_tracker.domain.rules.sentence_writer` and take
plain values only, so a cohort keeps 50,000 verdicts as flat tuples and writes the few it shows.

:func:`mark` is the sign that goes with a verdict everywhere (workspace, report, cohort, command line): it agrees
with the words because it reads the same ``favourable``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message
from barium_tracker.domain.rules import (
    FlagStatus,
    sentence_writer,
)

#: The Qt translation context of the verdicts.
TRANSLATION_CONTEXT = "verdicts"

#: The sign beside a verdict: good news, bad news, a finding that is neither (diagnosis), and no verdict.
MARK_FAVOURABLE = "✓"
MARK_UNFAVOURABLE = "⚠"
MARK_NEUTRAL = "•"
MARK_NOT_APPLICABLE = "–"

_TENTH = Decimal("0.1")


def mark(favourable: bool | None, status: FlagStatus | str) -> str:
    """✓ for good news, ⚠ for bad news, • for a finding that is neither, – when the rule could not be applied."""
    if status == FlagStatus.NOT_APPLICABLE:
        return MARK_NOT_APPLICABLE
    if favourable is None:
        return MARK_NEUTRAL
    return MARK_FAVOURABLE if favourable else MARK_UNFAVOURABLE


def _say(template: str, **args: object) -> Message:
    return Message(template, tuple(args.items()), TRANSLATION_CONTEXT)


def _value(x: Decimal) -> Decimal:
    """A measured value as entered, without trailing zeros or exponent: 12, 2.7, 0."""
    return x.quantize(Decimal(1)) if x == x.to_integral_value() else x.normalize()


def _pct(x: Decimal) -> Decimal:
    """A percentage to 0.1, half up, never "-0.0" (as metrics.round_pct)."""
    q = x.quantize(_TENTH, rounding=ROUND_HALF_UP)
    return q.copy_abs() if q.is_zero() else q


def _just_under(x: Decimal, limit: Decimal) -> bool:
    """True when rounding to 0.1 would show the limit although the exact value is below it."""
    return x < limit and _pct(x) == limit


# -- not applicable: why ------------------------------------------------------------------------------------------

#: Why a rule could not be applied, by key; a key and plain values are what a cohort keeps.
_REASONS: dict[str, str] = {
    "no_reference": N_("No verdict: no TBE study before this procedure to compare with"),
    "height_missing": N_("No verdict: the {minute}-min height was not measured"),
    "height_missing_here": N_("No verdict: the {minute}-min height was not measured on this study"),
    "height_missing_reference": N_(
        "No verdict: the {minute}-min height was not measured on the reference study ({date})"
    ),
    "height_zero_reference": N_(
        "No verdict: the reference {minute}-min height was 0 cm (complete emptying before treatment), "
        "so no percentage can be computed"
    ),
    "width_missing_here": N_("No verdict: the {minute}-min width was not measured on this study, so no column area"),
    "width_missing_reference": N_(
        "No verdict: the {minute}-min width was not measured on the reference study ({date}), so no column area"
    ),
    "traced_missing_here": N_(
        "No verdict: no column outline was traced on this study's {minute}-min film, and no height x width to "
        "compare instead"
    ),
    "traced_missing_reference": N_(
        "No verdict: no column outline was traced on the reference study's {minute}-min film ({date}), and no "
        "height x width to compare instead"
    ),
    "area_zero_reference": N_(
        "No verdict: the reference {minute}-min column area was 0 cm² (complete emptying before treatment), "
        "so no percentage can be computed"
    ),
    "no_eckardt_after": N_("No verdict: no Eckardt score after this procedure"),
}

#: The parts of a concordance verdict that cannot be given, each a whole clause.
_MISSING: dict[str, str] = {
    "no_reference": N_("no TBE study before this procedure"),
    "height_missing_reference": N_("the {minute}-min height was not measured on the reference study"),
    "height_zero_reference": N_("the reference {minute}-min height was 0 cm, so no percentage"),
    "no_follow_up": N_("no TBE study after this procedure"),
    "height_missing_follow_up": N_("the {minute}-min height was not measured on the latest follow-up study ({date})"),
    "no_eckardt_before": N_("no Eckardt score before this procedure"),
    "eckardt_zero_before": N_("the Eckardt score before was 0, so no percentage"),
    "no_eckardt_after": N_("no Eckardt score after this procedure"),
}


@sentence_writer
def not_applicable_sentence(reason: str, minute: int = 0, date: dt.date | None = None) -> Message:
    """Why a rule gave no verdict ("No verdict: the 5-min height was not measured on this study")."""
    return _say(_REASONS[reason], minute=minute, date=date)


@sentence_writer
def concordance_missing_sentence(minute: int, date: dt.date | None, *reasons: str) -> Message:
    """Why the concordance rule gave no verdict: every missing piece, each said whole."""
    clauses = tuple(_say(_MISSING[reason], minute=minute, date=date) for reason in reasons)
    return _say(N_("No verdict: {reasons}"), reasons=Joined(clauses, "; "))


# -- diagnosis (Blonski) ------------------------------------------------------------------------------------------


@sentence_writer
def blonski_sentence(minute: int, height: Decimal, limit: Decimal) -> Message:
    args = {"minute": minute, "height": _value(height), "limit": _value(limit)}
    if height > limit:
        return _say(N_("Supports achalasia: {height} cm at {minute} min (Blonski: > {limit} cm)"), **args)
    return _say(N_("Does not support achalasia: {height} cm at {minute} min (Blonski: > {limit} cm)"), **args)


# -- outcome ------------------------------------------------------------------------------------------------------


@sentence_writer
def vaezi_sentence(minute: int, improvement: Decimal, limit: Decimal, pre: Decimal, post: Decimal) -> Message:
    args = {"minute": minute, "limit": _value(limit), "pre": _value(pre), "post": _value(post)}
    if improvement >= limit:
        return _say(
            N_("Emptying improved {pct} % at {minute} min, {pre} to {post} cm (Vaezi: adequate, >= {limit} %)"),
            pct=_pct(improvement),
            **args,
        )
    if improvement < 0:
        return _say(
            N_("Poor emptying: the column rose {pct} % at {minute} min, {pre} to {post} cm (Vaezi: < {limit} %)"),
            pct=_pct(-improvement),
            **args,
        )
    if _just_under(improvement, limit):
        return _say(
            N_("Poor emptying: improved just under {limit} % at {minute} min, {pre} to {post} cm (Vaezi: < {limit} %)"),
            **args,
        )
    return _say(
        N_("Poor emptying: improved only {pct} % at {minute} min, {pre} to {post} cm (Vaezi: < {limit} %)"),
        pct=_pct(improvement),
        **args,
    )


@sentence_writer
def rohof_sentence(minute: int, height: Decimal, limit: Decimal) -> Message:
    args = {"minute": minute, "height": _value(height), "limit": _value(limit)}
    if height > limit:
        return _say(
            N_("Stasis: {height} cm at {minute} min, retreatment likely (Rohof: stasis is > {limit} cm)"), **args
        )
    return _say(N_("No stasis: {height} cm at {minute} min (Rohof: stasis is > {limit} cm)"), **args)


#: How a Sanagapalli verdict names the area it compared (rules.SanagapalliArea's values).
_AREAS = {
    "height_x_width": N_("column area (height x width)"),
    "traced": N_("traced column area"),
}


@sentence_writer
def sanagapalli_sentence(
    minute: int,
    reduction: Decimal,
    limit: Decimal,
    pre: Decimal,
    post: Decimal,
    area: str = "height_x_width",
    instead_of: str = "",
) -> Message:
    """The area verdict naming the area it compared; ``instead_of`` is the clinic's choice when it was missing on a
    film and the other area, present on both, was compared instead."""
    args = {
        "minute": minute,
        "limit": _value(limit),
        "pre": _value(pre),
        "post": _value(post),
        "area": _say(_AREAS[area]),
    }
    if reduction >= limit:
        said = _say(
            N_(
                "Area response: {area} reduced {pct} % at {minute} min, {pre} to {post} cm² (Sanagapalli: >= {limit} %)"
            ),
            pct=_pct(reduction),
            **args,
        )
    elif reduction < 0:
        said = _say(
            N_(
                "No area response: {area} grew {pct} % at {minute} min, {pre} to {post} cm² "
                "(Sanagapalli: response is >= {limit} %)"
            ),
            pct=_pct(-reduction),
            **args,
        )
    elif _just_under(reduction, limit):
        said = _say(
            N_(
                "No area response: {area} reduced just under {limit} % at {minute} min, {pre} to {post} cm² "
                "(Sanagapalli: response is >= {limit} %)"
            ),
            **args,
        )
    else:
        said = _say(
            N_(
                "No area response: {area} reduced only {pct} % at {minute} min, {pre} to {post} cm² "
                "(Sanagapalli: response is >= {limit} %)"
            ),
            pct=_pct(reduction),
            **args,
        )
    if not instead_of:
        return said
    return _say(
        N_("{verdict}; the clinic's choice, the {chosen}, is not on both films"),
        verdict=said,
        chosen=_say(_AREAS[instead_of]),
    )


# -- symptoms and concordance -------------------------------------------------------------------------------------


@sentence_writer
def eckardt_sentence(total: int, day: dt.date, limit: int) -> Message:
    args = {"total": total, "date": day, "limit": limit}
    if total <= limit:
        return _say(N_("Treatment success: Eckardt {total} on {date} (success is <= {limit})"), **args)
    return _say(N_("Symptoms persist: Eckardt {total} on {date} (success is <= {limit})"), **args)


#: The four concordance verdicts (Suwatthanarak 2024), by key.
CONCORDANT_RESPONSE = "concordant_response"
CONCORDANT_NON_RESPONSE = "concordant_non_response"
DISCORDANT_SYMPTOMS_ONLY = "discordant_symptoms_only"
DISCORDANT_EMPTYING_ONLY = "discordant_emptying_only"

_CONCORDANCE: dict[str, str] = {
    CONCORDANT_RESPONSE: N_(
        "Concordant response: symptoms and emptying both improved, "
        "Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), "
        "{minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)"
    ),
    CONCORDANT_NON_RESPONSE: N_(
        "No response: neither symptoms nor emptying improved enough, "
        "Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), "
        "{minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak: concordant)"
    ),
    DISCORDANT_SYMPTOMS_ONLY: N_(
        "Discordant response: symptoms improved but emptying did not, high risk of recurrence; "
        "Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), "
        "{minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)"
    ),
    DISCORDANT_EMPTYING_ONLY: N_(
        "Discordant response: emptying improved but symptoms did not; "
        "Eckardt {before} to {after} ({symptoms_sign}{symptoms} %), "
        "{minute}-min height {pre} to {post} cm ({emptying_sign}{emptying} %) (Suwatthanarak)"
    ),
}


def _sign(change: Decimal) -> str:
    return "+" if change > 0 else "-" if change < 0 else ""


@sentence_writer
def concordance_sentence(
    verdict: str,
    symptoms: Decimal,
    eckardt_before: int,
    eckardt_after: int,
    emptying: Decimal,
    minute: int,
    pre_h: Decimal,
    post_h: Decimal,
) -> Message:
    return _say(
        _CONCORDANCE[verdict],
        before=eckardt_before,
        after=eckardt_after,
        symptoms_sign=_sign(-symptoms),
        symptoms=_pct(symptoms).copy_abs(),
        minute=minute,
        pre=_value(pre_h),
        post=_value(post_h),
        emptying_sign=_sign(-emptying),
        emptying=_pct(emptying).copy_abs(),
    )
