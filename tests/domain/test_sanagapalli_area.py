"""The Sanagapalli >= 45 % rule on the clinic's chosen area: traced (Sanagapalli's own) or height x width (de
Oliveira 1997); the other area only when the chosen one is missing on either film and the other is on both, said in
the verdict."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from barium_tracker.domain.metrics import procedure_responses
from barium_tracker.domain.records import ColumnMeasurement, TbeStudy
from barium_tracker.domain.rules import FlagStatus, InterpretationSettings, InvalidSetting, SanagapalliArea
from tests.domain.test_metrics import AFTER, BEFORE, history, proc

TRACED = InterpretationSettings(sanagapalli_area=SanagapalliArea.TRACED)
HEIGHT_X_WIDTH = InterpretationSettings()


def _study(day: dt.date, height: str | None, width: str | None, traced: str | None) -> TbeStudy:
    film = ColumnMeasurement(
        minute=5,
        height_cm=None if height is None else Decimal(height),
        width_cm=None if width is None else Decimal(width),
        traced_area_cm2=None if traced is None else Decimal(traced),
    )
    return TbeStudy(study_date=day, measurements=[film])


def _flag(pre: TbeStudy, post: TbeStudy, settings: InterpretationSettings):
    (response,) = procedure_responses(history([pre, post], [proc(dt.date(2025, 1, 10))]), settings)
    (fu,) = response.follow_ups
    return fu.changes, fu.flags[2]


def test_the_traced_area_when_the_clinic_chose_it_and_both_films_have_it() -> None:
    # Height x width says 48 % (no response under 45 % would differ); traced says 40 %: the rule follows the choice.
    pre, post = _study(BEFORE, "10", "2", "15"), _study(AFTER, "5.2", "2", "9")
    changes, flag = _flag(pre, post, TRACED)
    assert flag.status is FlagStatus.NOT_MET and flag.value == Decimal(40)
    assert flag.detail == (
        "No area response: traced column area reduced only 40.0 % at 5 min, 15 to 9 cm² (Sanagapalli: response is "
        ">= 45 %)"
    )
    assert (
        flag.rule.id == "sanagapalli_area" and flag.rule.criterion == ">= 45 % reduction in traced column area at 5 min"
    )
    (change,) = changes
    assert (change.pre_traced_area_cm2, change.post_traced_area_cm2, change.traced_area_change_pct) == (
        Decimal(15),
        Decimal(9),
        Decimal(-40),
    )
    _, flag = _flag(pre, post, HEIGHT_X_WIDTH)
    assert flag.status is FlagStatus.MET and flag.value == Decimal(48)
    assert flag.detail.startswith("Area response: column area (height x width) reduced 48.0 % at 5 min, 20 to 10.4")
    assert flag.rule.criterion == ">= 45 % reduction in column area (height x width) at 5 min"


def test_the_other_area_only_when_both_films_have_it_and_the_verdict_says_so() -> None:
    pre, post = _study(BEFORE, "10", "2", None), _study(AFTER, "5", "2", "9")  # no outline on the reference
    _, flag = _flag(pre, post, TRACED)
    assert flag.status is FlagStatus.MET and flag.value == Decimal(50)
    assert flag.detail == (
        "Area response: column area (height x width) reduced 50.0 % at 5 min, 20 to 10 cm² (Sanagapalli: >= 45 %); "
        "the clinic's choice, the traced column area, is not on both films"
    )
    pre, post = _study(BEFORE, "10", None, "15"), _study(AFTER, "5", None, "6")  # no widths: traced instead
    _, flag = _flag(pre, post, HEIGHT_X_WIDTH)
    assert flag.value == Decimal(60) and flag.detail.endswith(
        "the clinic's choice, the column area (height x width), is not on both films"
    )
    assert flag.rule.criterion == ">= 45 % reduction in traced column area at 5 min"


def test_no_verdict_when_neither_area_is_on_both_films() -> None:
    pre, post = _study(BEFORE, "10", None, None), _study(AFTER, "5", "2", "9")
    _, flag = _flag(pre, post, TRACED)
    assert flag.status is FlagStatus.NOT_APPLICABLE
    assert flag.detail == (
        "No verdict: no column outline was traced on the reference study's 5-min film (2025-01-09), and no height x "
        "width to compare instead"
    )
    _, flag = _flag(pre, post, HEIGHT_X_WIDTH)
    assert flag.detail.startswith("No verdict: the 5-min width was not measured on the reference study")


def test_the_setting_refuses_anything_else() -> None:
    assert InterpretationSettings(sanagapalli_area="traced").sanagapalli_area is SanagapalliArea.TRACED  # type: ignore[arg-type]
    with pytest.raises(
        InvalidSetting, match="The Sanagapalli area must be traced or height_x_width; you entered 'area'"
    ):
        InterpretationSettings(sanagapalli_area="area")  # type: ignore[arg-type]
