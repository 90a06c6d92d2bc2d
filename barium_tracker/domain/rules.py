"""The published TBE and symptom rules as data, so every flag the app shows carries its threshold and its source.

Each threshold is defined once, here; ``metrics`` applies them. Plain Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say

# Thresholds (see DOMAIN.md, "Published thresholds"). Percentages are in percent, heights in cm.
#: Diagnosis: barium column higher than this at 1 min supports achalasia (Blonski 2018).
BLONSKI_1MIN_CM = Decimal(5)
#: Diagnosis: barium column higher than this at 5 min supports achalasia (Blonski 2018).
BLONSKI_5MIN_CM = Decimal(2)
#: Outcome: improvement in 5-min height below this is poor emptying (Vaezi 1999, 2002); exactly 50 % is not poor.
VAEZI_MIN_IMPROVEMENT_PCT = Decimal(50)
#: Outcome: 5-min height above this after treatment is stasis (Rohof 2013); exactly 5 cm is not stasis.
ROHOF_STASIS_CM = Decimal(5)
#: Outcome: a reduction in 5-min column area of at least this is a response (Sanagapalli); exactly 45 % is one.
SANAGAPALLI_MIN_AREA_REDUCTION_PCT = Decimal(45)
#: Concordance: Eckardt improvement above this counts as symptom response (Suwatthanarak 2024).
SYMPTOM_RESPONSE_PCT = Decimal(50)
#: Default Eckardt success threshold (total <= 3; Werner 2019, Ponds 2019); clinics may choose another.
ECKARDT_SUCCESS_MAX_DEFAULT = 3
#: The Eckardt total ranges from 0 to 12 (Eckardt 1992).
ECKARDT_TOTAL_MAX = 12

#: The references, as published (marked for translation for the words between them: "success threshold").
BLONSKI_SOURCE = N_("Blonski et al., Am J Gastroenterol 2018")
VAEZI_SOURCE = N_("Vaezi et al., Am J Gastroenterol 1999;94:1802-1807; Vaezi et al., Gut 2002;50:765-770")
ROHOF_SOURCE = N_("Rohof et al., Am J Gastroenterol 2013;108:49-55")
SANAGAPALLI_SOURCE = N_("Sanagapalli et al.")
ECKARDT_SOURCE = N_(
    "Eckardt et al., Gastroenterology 1992;103:1732-1738; success threshold: Werner et al., "
    "NEJM 2019;381:2219-2229; Ponds et al., JAMA 2019"
)
SUWATTHANARAK_SOURCE = N_("Suwatthanarak et al., Clin Endosc 2024;57:610-619")


class SanagapalliArea(StrEnum):
    """The column area the Sanagapalli rule compares (a clinic setting; stored and written in JSON: never rename).

    Sanagapalli et al. derived the >= 45 % rule from the hand-traced column area on the 5-minute film; de Oliveira
    1997 used height x width as the area estimate. A verdict says which one it used."""

    HEIGHT_X_WIDTH = "height_x_width"
    TRACED = "traced"

    @property
    def other(self) -> SanagapalliArea:
        return SanagapalliArea.TRACED if self is SanagapalliArea.HEIGHT_X_WIDTH else SanagapalliArea.HEIGHT_X_WIDTH


#: Which column area the Sanagapalli rule reads by default: height x width (de Oliveira 1997), which every record
#: has; the clinic may choose the traced area instead, the one Sanagapalli derived the rule from.
SANAGAPALLI_AREA_DEFAULT = SanagapalliArea.HEIGHT_X_WIDTH


class RuleKind(StrEnum):
    """What a rule judges, so the GUI and reports can group flags."""

    DIAGNOSIS = "diagnosis"
    OUTCOME = "outcome"
    SYMPTOMS = "symptoms"
    CONCORDANCE = "concordance"


#: The Qt translation context of the rules' titles, criteria and meanings (the verdicts' context).
TRANSLATION_CONTEXT = "verdicts"


@dataclass(frozen=True, slots=True)
class Rule:
    """One published rule: what it tests, what meeting it means, and who published it.

    ``title``, ``meaning`` and the criterion's template are English marked for translation; ``title_said``,
    ``criterion_said`` and ``meaning_said`` are the messages the GUI and the report translate, ``criterion`` the
    English (the summary JSON)."""

    id: str
    title: str
    criterion_template: str
    meaning: str
    source: str
    kind: str
    met_is_favourable: bool | None
    criterion_args: tuple[tuple[str, object], ...] = ()

    @property
    def criterion(self) -> str:
        return str(self.criterion_said)

    @property
    def title_said(self) -> Message:
        return Message(self.title, (), TRANSLATION_CONTEXT)

    @property
    def criterion_said(self) -> Message:
        return Message(self.criterion_template, self.criterion_args, TRANSLATION_CONTEXT)

    @property
    def meaning_said(self) -> Message:
        return Message(self.meaning, (), TRANSLATION_CONTEXT)

    @property
    def source_said(self) -> Message:
        return Message(self.source, (), TRANSLATION_CONTEXT)


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="blonski_1min",
            title=N_("Blonski: 1-min column"),
            criterion_template=N_("height > {limit} cm at 1 min"),
            criterion_args=(("limit", BLONSKI_1MIN_CM),),
            meaning=N_("Supports the diagnosis of achalasia (sensitivity 94 %, specificity 71 %)"),
            source=BLONSKI_SOURCE,
            kind=RuleKind.DIAGNOSIS,
            met_is_favourable=None,
        ),
        Rule(
            id="blonski_5min",
            title=N_("Blonski: 5-min column"),
            criterion_template=N_("height > {limit} cm at 5 min"),
            criterion_args=(("limit", BLONSKI_5MIN_CM),),
            meaning=N_("Supports the diagnosis of achalasia (sensitivity 85 %, specificity 86 %)"),
            source=BLONSKI_SOURCE,
            kind=RuleKind.DIAGNOSIS,
            met_is_favourable=None,
        ),
        Rule(
            id="vaezi_height_5min",
            title=N_("Vaezi: emptying at 5 min"),
            criterion_template=N_("< {limit} % improvement in column height at 5 min"),
            criterion_args=(("limit", VAEZI_MIN_IMPROVEMENT_PCT),),
            meaning=N_("Poor oesophageal emptying despite any symptom relief; high risk of relapse"),
            source=VAEZI_SOURCE,
            kind=RuleKind.OUTCOME,
            met_is_favourable=False,
        ),
        Rule(
            id="rohof_stasis",
            title=N_("Rohof: stasis"),
            criterion_template=N_("height > {limit} cm at 5 min after treatment"),
            criterion_args=(("limit", ROHOF_STASIS_CM),),
            meaning=N_("Barium stasis after treatment predicts the need for retreatment (sensitivity 88 %)"),
            source=ROHOF_SOURCE,
            kind=RuleKind.OUTCOME,
            met_is_favourable=False,
        ),
        Rule(
            id="sanagapalli_area",
            title=N_("Sanagapalli: area response"),
            criterion_template=N_(">= {limit} % reduction in column area (height x width) at 5 min"),
            criterion_args=(("limit", SANAGAPALLI_MIN_AREA_REDUCTION_PCT),),
            meaning=N_("Radiological response that agrees with symptom response (83 %, AUC 0.85)"),
            source=SANAGAPALLI_SOURCE,
            kind=RuleKind.OUTCOME,
            met_is_favourable=True,
        ),
        Rule(
            id="eckardt_success",
            title=N_("Eckardt: treatment success"),
            criterion_template=N_(
                "Eckardt total at or below the clinic's threshold after treatment (default <= {limit})"
            ),
            criterion_args=(("limit", ECKARDT_SUCCESS_MAX_DEFAULT),),
            meaning=N_("Symptomatic treatment success as defined in most trials"),
            source=ECKARDT_SOURCE,
            kind=RuleKind.SYMPTOMS,
            met_is_favourable=True,
        ),
        Rule(
            id="suwatthanarak_concordance",
            title=N_("Suwatthanarak: symptoms and emptying"),
            criterion_template=N_("Eckardt improved > {symptoms} % but 5-min column height improved < {emptying} %"),
            criterion_args=(("symptoms", SYMPTOM_RESPONSE_PCT), ("emptying", VAEZI_MIN_IMPROVEMENT_PCT)),
            meaning=N_("Symptoms improved but emptying did not: recurrence 52.9 % versus 7.7 % when both improve"),
            source=SUWATTHANARAK_SOURCE,
            kind=RuleKind.CONCORDANCE,
            met_is_favourable=False,
        ),
    )
}


#: The Sanagapalli rule when it read the traced area (same id, title and source; its criterion names the area).
SANAGAPALLI_TRACED_RULE = replace(
    RULES["sanagapalli_area"], criterion_template=N_(">= {limit} % reduction in traced column area at 5 min")
)


def sanagapalli_rule(area: SanagapalliArea) -> Rule:
    """The Sanagapalli rule as applied to this area (its criterion says which)."""
    return SANAGAPALLI_TRACED_RULE if area is SanagapalliArea.TRACED else RULES["sanagapalli_area"]


class InvalidSetting(UserError, ValueError):
    """A clinic setting outside what its rule allows (a UserError for the user, a ValueError for code)."""


@dataclass(frozen=True, slots=True)
class InterpretationSettings:
    """The clinic's choices where published rules disagree (Eckardt success is <= 3 in most trials, < 3 in others)."""

    eckardt_success_max: int = ECKARDT_SUCCESS_MAX_DEFAULT
    #: The area the Sanagapalli rule reads first (the other one only when this one is missing on either film).
    sanagapalli_area: SanagapalliArea = SANAGAPALLI_AREA_DEFAULT

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "sanagapalli_area", SanagapalliArea(self.sanagapalli_area))
        except ValueError:
            raise InvalidSetting(
                say(
                    N_("The Sanagapalli area must be {traced} or {height_x_width}; you entered {value}"),
                    traced=SanagapalliArea.TRACED.value,
                    height_x_width=SanagapalliArea.HEIGHT_X_WIDTH.value,
                    value=repr(self.sanagapalli_area),
                )
            ) from None
        value = self.eckardt_success_max
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= ECKARDT_TOTAL_MAX:
            raise InvalidSetting(
                say(
                    N_(
                        "The Eckardt success threshold must be a whole number between 0 and {most}; you entered {value}"
                    ),
                    most=ECKARDT_TOTAL_MAX,
                    value=repr(value) if not isinstance(value, int) or isinstance(value, bool) else value,
                )
            )


class FlagStatus(StrEnum):
    """Whether a rule's criterion holds; NOT_APPLICABLE when data are missing, never guessed as zero."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


#: Functions registered with :func:`sentence_writer`, by name.
_SENTENCE_WRITERS: dict[str, Callable[..., Message]] = {}

#: A sentence kept as plain values: the text itself, or (the writer's registered name, *its arguments), flat so
#: that the garbage collector stops tracking the tuple at its first pass (it does not look into nested tuples).
SentenceParts = str | tuple[object, ...]


def sentence_writer(write: Callable[..., Message]) -> Callable[..., Message]:
    """Register a module-level function that writes Sentences, so that one can be kept as plain values (parts).

    A writer returns the sentence: a message to translate (domain/verdicts.py), whose ``str()`` is its English.
    """
    name = write.__name__
    if _SENTENCE_WRITERS.setdefault(name, write) is not write:
        raise ValueError(f"Two sentence writers named {name}")
    return write


class Sentence:
    """A sentence written only when first read: a cohort computes 50,000 flags and shows the sentences of a few.

    ``write(*args)`` makes the sentence (a message whose ``str()`` is its English text). Pass a function registered
    with :func:`sentence_writer` and plain values (numbers, dates, strings), not a closure: a closure costs a function
    and a cell per captured name and keeps whole records alive, and at 50,000 flags those objects are what the
    garbage collector then walks on every full collection. :meth:`parts` gives the sentence as plain values, which
    the collector does not walk at all, so the GUI can still translate it after a cohort kept it.

    Compares, hashes and prints as its English text, so a flag with a sentence equals one with the same plain string.
    """

    __slots__ = ("_args", "_make", "_written")

    def __init__(self, write: Callable[..., Message], *args: object) -> None:
        self._make = write
        self._args: tuple[object, ...] = args
        self._written: Message | None = None

    def message(self) -> Message:
        """The sentence as its writer wrote it (a message the GUI translates), written on the first call."""
        if self._written is None:
            self._written = self._make(*self._args)
        return self._written

    def __str__(self) -> str:
        return str(self.message())

    def parts(self) -> SentenceParts:
        """(writer name, *arguments), which :meth:`from_parts` makes a sentence again; the text for a writer that is
        not registered."""
        name = self._make.__name__
        if _SENTENCE_WRITERS.get(name) is not self._make:
            return str(self)  # not a registered writer: write it now
        return (name, *self._args)

    @classmethod
    def from_parts(cls, parts: SentenceParts) -> str | Sentence:
        if isinstance(parts, str):
            return parts
        name, *args = parts
        return cls(_SENTENCE_WRITERS[str(name)], *args)

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sentence | str):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


@dataclass(frozen=True, slots=True)
class Flag:
    """A rule applied to one patient's data, with the number it looked at and a sentence for the clinician."""

    rule: Rule
    status: FlagStatus
    value: Decimal | None
    #: The sentence, or a Sentence that writes it when first read (see ``detail``).
    explanation: str | Sentence
    #: When meeting or missing the criterion does not by itself say good or bad news (a concordant
    #: non-response does not meet the discordance criterion, yet it is no success), the rule says so here.
    outcome_favourable: bool | None = None

    @property
    def detail(self) -> str:
        """The verdict in English, one line: what was found, what it means, and the rule's limit."""
        return str(self.explanation)

    @property
    def verdict(self) -> Message | str:
        """The verdict to show: a message the GUI translates (domain/verdicts.py), or a plain sentence."""
        explanation = self.explanation
        return explanation.message() if isinstance(explanation, Sentence) else explanation

    @property
    def met(self) -> bool | None:
        """True/False when the rule could be applied, None when data were missing."""
        if self.status is FlagStatus.MET:
            return True
        if self.status is FlagStatus.NOT_MET:
            return False
        return None

    @property
    def favourable(self) -> bool | None:
        """Whether this result is good news (None for diagnostic rules or when not applicable)."""
        return favourable(self.rule, self.status, self.outcome_favourable)


def favourable(rule: Rule, status: FlagStatus | str, outcome_favourable: bool | None = None) -> bool | None:
    """Flag.favourable from its parts (a cohort reads it from plain values, without making the flag)."""
    if status == FlagStatus.NOT_APPLICABLE:
        return None
    if outcome_favourable is not None:
        return outcome_favourable
    if rule.met_is_favourable is None:
        return None
    return (status == FlagStatus.MET) == rule.met_is_favourable
