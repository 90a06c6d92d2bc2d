"""Verdicts nobody misreads: the finding first, in words, a sign and a 'favourable' that agree, and why when none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from barium_tracker.domain import verdicts
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.messages import Message
from barium_tracker.domain.metrics import procedure_responses
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.domain.rules import Flag, FlagStatus
from barium_tracker.services.demo import seed_case

#: Words that would contradict a favourable verdict, and words that would contradict an unfavourable one.
_BAD_NEWS = ("Poor emptying", "Stasis:", "No area response", "Symptoms persist", "Discordant", "No response")
_GOOD_NEWS = ("Emptying improved", "No stasis", "Area response", "Treatment success", "Concordant response")


def _seed_flags(post_h5: str | None = None) -> dict[str, Flag]:
    """The rescue POEM's flags on the seed case, with its follow-up 5-min height replaced when asked."""
    history = seed_case()
    if post_h5 is not None:
        follow_up = max(history.studies, key=lambda s: s.study_date)
        film = follow_up.at(5)
        assert film is not None
        film.height_cm = Decimal(post_h5)
    poem = procedure_responses(history)[-1]
    (fu,) = poem.follow_ups
    return {flag.rule.id: flag for flag in (*fu.flags, *poem.flags)}


def _agrees(flag: Flag) -> None:
    """The sign, the words and ``favourable`` say the same thing; 'met' never appears in a verdict."""
    text = flag.detail
    sign = verdicts.mark(flag.favourable, flag.status)
    assert "not met" not in text.lower() and "met)" not in text
    if flag.status is FlagStatus.NOT_APPLICABLE:
        assert sign == "–" and text.startswith("No verdict: ")
    elif flag.favourable is True:
        assert sign == "✓" and text.startswith(_GOOD_NEWS) and not any(w in text for w in _BAD_NEWS), text
    elif flag.favourable is False:
        assert sign == "⚠" and text.startswith(_BAD_NEWS) and not any(w in text for w in _GOOD_NEWS), text


def test_the_seed_case_reads_as_good_news_in_one_line_each() -> None:
    flags = _seed_flags()
    assert flags["vaezi_height_5min"].detail == (
        "Emptying improved 77.5 % at 5 min, 12 to 2.7 cm (Vaezi: adequate, >= 50 %)"
    )
    assert flags["rohof_stasis"].detail == "No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)"
    assert flags["eckardt_success"].detail == "Treatment success: Eckardt 2 on 2026-06-10 (success is <= 3)"
    assert flags["suwatthanarak_concordance"].detail.startswith(
        "Concordant response: symptoms and emptying both improved, Eckardt 12 to 2 (-83.3 %)"
    )
    assert flags["sanagapalli_area"].detail == (
        "No verdict: the 5-min width was not measured on the reference study (2025-06-09), so no column area"
    )
    for flag in flags.values():
        _agrees(flag)
        assert "\n" not in flag.detail


def test_twelve_to_ten_cm_reads_as_bad_news() -> None:
    flags = _seed_flags("10")
    assert flags["vaezi_height_5min"].detail == (
        "Poor emptying: improved only 16.7 % at 5 min, 12 to 10 cm (Vaezi: < 50 %)"
    )
    assert flags["vaezi_height_5min"].favourable is False
    assert flags["rohof_stasis"].detail == ("Stasis: 10 cm at 5 min, retreatment likely (Rohof: stasis is > 5 cm)")
    assert flags["suwatthanarak_concordance"].detail.startswith(
        "Discordant response: symptoms improved but emptying did not, high risk of recurrence"
    )
    assert flags["suwatthanarak_concordance"].favourable is False
    for flag in flags.values():
        _agrees(flag)


@pytest.mark.parametrize("post_h5", ["0", "2", "5", "6", "11.9", "12", "15", "20"])
@pytest.mark.parametrize("eckardt_after", [0, 3, 4, 8, 12])
def test_sign_words_and_favourable_always_agree(post_h5: str, eckardt_after: int) -> None:
    before, after = dt.date(2025, 1, 9), dt.date(2025, 2, 20)
    items = [min(3, max(0, eckardt_after - 3 * i)) for i in range(4)]
    history = PatientHistory(
        patient=seed_case().patient,
        studies=[
            TbeStudy(
                study_date=before,
                measurements=[ColumnMeasurement(minute=5, height_cm=Decimal(12), width_cm=Decimal(3))],
            ),
            TbeStudy(
                study_date=after,
                measurements=[ColumnMeasurement(minute=5, height_cm=Decimal(post_h5), width_cm=Decimal(3))],
            ),
        ],
        procedures=[Procedure(procedure_date=dt.date(2025, 1, 10), procedure_type=ProcedureType.POEM)],
        eckardt=[
            EckardtAssessment(assessment_date=before, dysphagia=3, regurgitation=3, retrosternal_pain=3, weight_loss=3),
            EckardtAssessment(
                assessment_date=after,
                dysphagia=items[0],
                regurgitation=items[1],
                retrosternal_pain=items[2],
                weight_loss=items[3],
            ),
        ],
    )
    (response,) = procedure_responses(history)
    for flag in (*response.follow_ups[0].flags, *response.flags):
        _agrees(flag)


def test_not_applicable_says_why() -> None:
    history = seed_case()
    lhm, dilation, _ = procedure_responses(history)
    assert [f.detail for f in lhm.flags] == [
        "No verdict: no Eckardt score after this procedure",
        "No verdict: no TBE study before this procedure; no TBE study after this procedure; "
        "no Eckardt score before this procedure; no Eckardt score after this procedure",
    ]
    vaezi = dilation.follow_ups[0].flags[0]
    assert vaezi.detail == "No verdict: no TBE study before this procedure to compare with"
    assert verdicts.mark(vaezi.favourable, vaezi.status) == "–"


def test_a_verdict_is_a_message_with_its_numbers_as_decimals() -> None:
    """The GUI writes the numbers as the clinic does: the message keeps them as Decimal, never as text."""
    rohof = _seed_flags()["rohof_stasis"]
    message = rohof.verdict
    assert isinstance(message, Message) and message.context == verdicts.TRANSLATION_CONTEXT
    assert dict(message.args)["height"] == Decimal("2.7")
    spoken = message.render(number=lambda value: str(value).replace(".", ","))
    assert spoken == "No stasis: 2,7 cm at 5 min (Rohof: stasis is > 5 cm)"
