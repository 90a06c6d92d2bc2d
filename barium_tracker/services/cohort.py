"""The cohort: every patient's latest treatment and its response in one table, and statistics per procedure type.

Each row is computed by :func:`barium_tracker.domain.metrics.procedure_responses`, the same computation as the
patient summary, the command line and reports, so a number can never differ between them. It reads the response
to each patient's latest procedure (by date) and, within it, the latest follow-up TBE:

- ``reference_h5_cm``: the 5-min height on the procedure's reference study (the last TBE on or before its date);
- ``latest_followup_h5_cm``: the 5-min height on the latest TBE after the procedure (empty when that study has
  no 5-min film: the same study the concordance rule reads, so no older film is silently substituted);
- ``h5_change_pct``: (follow-up - reference) / reference x 100 at 5 min; negative is a reduction;
- the Vaezi, Rohof and Sanagapalli flags of that latest follow-up, and the procedure's Eckardt and concordance flags.

Statistics count each patient once, under the type of their latest procedure; patients without a procedure are
listed but not counted. Quartiles use ``statistics.quantiles(method="inclusive")``: linear interpolation between
order statistics, as R's default (type 7), NumPy's default and Excel's QUARTILE.INC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
import os
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

from barium_tracker.domain import metrics, wording
from barium_tracker.domain.enums import Diagnosis, ProcedureType, Sex
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.records import PatientHistory
from barium_tracker.domain.rules import RULES, Flag, FlagStatus, InterpretationSettings, Rule, Sentence
from barium_tracker.domain.rules import favourable as rule_favourable
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.tables import guard
from barium_tracker.services.output_files import writing
from barium_tracker.services.patients import gc_paused, load_outcome_histories

R = TypeVar("R")

#: The rules the cohort reports for each patient's latest procedure, in column order.
COHORT_RULE_IDS: tuple[str, ...] = (
    "vaezi_height_5min",
    "rohof_stasis",
    "sanagapalli_area",
    "eckardt_success",
    "suwatthanarak_concordance",
)
_FOLLOW_UP_RULE_IDS = frozenset({"vaezi_height_5min", "rohof_stasis", "sanagapalli_area"})
#: The Qt translation context of the text marked here.
TRANSLATION_CONTEXT = "cohort"
#: Paediatric means younger than this (in completed years) at the latest procedure, or today without one.
ADULT_AGE_YEARS = 18
#: How :func:`procedure_statistics` computes quartiles (see the module docstring).
QUARTILE_METHOD = "inclusive"


def cohort_rules() -> tuple[Rule, ...]:
    """The cohort's rules with their titles, criteria and sources (for column headers and tooltips)."""
    return tuple(RULES[rule_id] for rule_id in COHORT_RULE_IDS)


#: One rule on one patient: its status, whether that is good news (``favourable``) and why (``detail``).
RuleResult = Flag
#: A RuleResult as one flat tuple of plain values, as a row keeps it: (status, value, outcome_favourable, None,
#: sentence text) or (status, value, outcome_favourable, *Sentence parts).
CompactResult = tuple[object, ...]


def compact_result(flag: Flag) -> CompactResult:
    """A flag as plain values. 10,000 rows keep 50,000 results: the garbage collector stops tracking a flat tuple of
    plain values at its first pass, whereas flags (with their lazy sentences) they doubled the cost of every full
    collection afterwards."""
    explanation = flag.explanation
    parts = explanation.parts() if isinstance(explanation, Sentence) else explanation
    if isinstance(parts, str):
        return (_STATUS_TEXT[flag.status], flag.value, flag.outcome_favourable, None, parts)
    return (_STATUS_TEXT[flag.status], flag.value, flag.outcome_favourable, *parts)


_STATUS_TEXT = {status: status.value for status in FlagStatus}  # a plain str, which the collector does not track


class AgeGroup(StrEnum):
    ALL = "all"
    PAEDIATRIC = "paediatric"  # younger than ADULT_AGE_YEARS
    ADULT = "adult"


@dataclass(frozen=True, slots=True)
class CohortRow:
    """One patient, their latest procedure and its response. Missing values are None, never 0."""

    patient_id: int
    mrn: str
    name: str
    sex: Sex
    birth_date: dt.date | None
    #: Completed years at the latest procedure (today when there is none); None without a birth date.
    age_years: int | None
    diagnosis: Diagnosis
    procedure_count: int
    procedure_id: int | None
    procedure_date: dt.date | None
    procedure_type: ProcedureType | None
    rescue: bool | None
    reference_study_date: dt.date | None
    reference_h5_cm: Decimal | None
    followup_study_date: dt.date | None
    followup_days_after: int | None
    latest_followup_h5_cm: Decimal | None
    #: Exact (metrics keeps up to 28 digits); round with metrics.round_pct to show or export.
    h5_change_pct: Decimal | None
    eckardt_before: int | None
    eckardt_after: int | None
    #: Rule id -> result as plain values, for every id of COHORT_RULE_IDS; read them with rule() and status().
    results: dict[str, CompactResult]

    def rule(self, rule_id: str) -> RuleResult:
        """The flag of one rule (its sentence is written when its detail is first read)."""
        status, value, outcome_favourable, writer, *args = self.results[rule_id]
        explanation = str(args[0]) if writer is None else Sentence.from_parts((writer, *args))
        return Flag(
            RULES[rule_id],
            FlagStatus(status),
            cast(Decimal | None, value),
            explanation,
            cast(bool | None, outcome_favourable),
        )

    def status(self, rule_id: str) -> FlagStatus:
        return FlagStatus(self.results[rule_id][0])

    def favourable(self, rule_id: str) -> bool | None:
        """Flag.favourable of one rule, without making its sentence (what a CSV export reads 50,000 times)."""
        result = self.results[rule_id]
        return rule_favourable(RULES[rule_id], cast(str, result[0]), cast(bool | None, result[2]))

    @property
    def rules(self) -> dict[str, RuleResult]:
        """Every rule's flag, in COHORT_RULE_IDS order (made anew on each read; rule() makes just one)."""
        return {rule_id: self.rule(rule_id) for rule_id in COHORT_RULE_IDS}

    @property
    def treated(self) -> bool:
        return self.procedure_type is not None

    @property
    def is_paediatric(self) -> bool | None:
        return None if self.age_years is None else self.age_years < ADULT_AGE_YEARS

    def procedure_title(self, *, short: bool = False) -> wording.Message | None:
        """What :func:`wording.procedure_title` says of the latest procedure ("Rescue POEM"; ``short`` for a plot's
        axis); None without a procedure. The GUI renders it with ui/translate.py ``message_text``."""
        if self.procedure_type is None:
            return None
        return wording.procedure_kind_title(self.procedure_type, bool(self.rescue), short=short)


# -- rows ---------------------------------------------------------------------------------------------------------


def _latest_around(records: Iterable[R], date_of: Callable[[R], dt.date], day: dt.date) -> list[R]:
    """The records on the latest date on or before ``day`` and on the latest date after it (ties all kept)."""
    before: list[R] = []
    after: list[R] = []
    before_day = after_day = None
    for record in records:
        d = date_of(record)
        if d <= day:
            if before_day is None or d > before_day:
                before_day, before = d, [record]
            elif d == before_day:
                before.append(record)
        elif after_day is None or d > after_day:
            after_day, after = d, [record]
        elif d == after_day:
            after.append(record)
    return before + after


def _latest_response_inputs(history: PatientHistory) -> PatientHistory:
    """The records that decide the latest procedure's response and its latest follow-up, and nothing else.

    procedure_responses orders records by date and breaks ties itself; every record that could be the latest
    procedure, its reference, its latest follow-up or its Eckardt before/after is on the latest date of its kind,
    so keeping every record of those dates gives the same flags for that follow-up as the whole history (tested
    against the whole history in tests/services/test_cohort.py) in a third of the time.
    """
    latest_day = max(p.procedure_date for p in history.procedures)
    procedures = [p for p in history.procedures if p.procedure_date == latest_day]
    studies = _latest_around(history.studies, _STUDY_DATE, latest_day)
    scores = _latest_around(history.eckardt, _ECKARDT_DATE, latest_day)
    return PatientHistory(patient=history.patient, studies=studies, procedures=procedures, eckardt=scores)


_STUDY_DATE = operator.attrgetter("study_date")
_ECKARDT_DATE = operator.attrgetter("assessment_date")


def _not_applicable(why: str) -> CompactResult:
    return (FlagStatus.NOT_APPLICABLE.value, None, None, None, why)


#: Why a rule does not apply to a row: English marked for translation (context ``TRANSLATION_CONTEXT``); the GUI
#: translates a not-applicable rule's detail that is one of these.
NO_PROCEDURE_REASON = N_("No procedure recorded")
NO_FOLLOW_UP_REASON = N_("No TBE after the latest procedure")
NOT_APPLICABLE_REASONS = frozenset({NO_PROCEDURE_REASON, NO_FOLLOW_UP_REASON})
_NO_PROCEDURE = {rule_id: _not_applicable(NO_PROCEDURE_REASON) for rule_id in COHORT_RULE_IDS}
_NO_FOLLOW_UP = _not_applicable(NO_FOLLOW_UP_REASON)


def cohort_row(history: PatientHistory, settings: InterpretationSettings, today: dt.date) -> CohortRow:
    """One patient's row (see the module docstring for which procedure, studies and flags it reads)."""
    patient = history.patient
    if patient.id is None:
        raise ValueError(f"Cohort rows are made of saved patients; {patient.mrn} has no id")
    common: dict[str, Any] = {
        "patient_id": patient.id,
        "mrn": patient.mrn,
        "name": patient.display_name,
        "sex": patient.sex,
        "birth_date": patient.birth_date,
        "diagnosis": patient.diagnosis,
        "procedure_count": len(history.procedures),
    }
    if not history.procedures:
        return CohortRow(
            **common,
            age_years=patient.age_years(today),
            procedure_id=None,
            procedure_date=None,
            procedure_type=None,
            rescue=None,
            reference_study_date=None,
            reference_h5_cm=None,
            followup_study_date=None,
            followup_days_after=None,
            latest_followup_h5_cm=None,
            h5_change_pct=None,
            eckardt_before=None,
            eckardt_after=None,
            results=dict(_NO_PROCEDURE),
        )
    response = metrics.procedure_responses(_latest_response_inputs(history), settings)[-1]
    procedure, reference = response.procedure, response.reference
    latest = response.follow_ups[-1] if response.follow_ups else None
    m = metrics.OUTCOME_MINUTE
    results: dict[str, CompactResult] = {}
    for flag in (*(latest.flags if latest else ()), *response.flags):
        results[flag.rule.id] = compact_result(flag)
    for rule_id in _FOLLOW_UP_RULE_IDS:
        results.setdefault(rule_id, _NO_FOLLOW_UP)
    change = next((c for c in latest.changes if c.minute == m), None) if latest else None
    after = response.eckardt_after[-1] if response.eckardt_after else None
    return CohortRow(
        **common,
        age_years=patient.age_years(procedure.procedure_date),
        procedure_id=procedure.id,
        procedure_date=procedure.procedure_date,
        procedure_type=procedure.procedure_type,
        rescue=procedure.rescue,
        reference_study_date=reference.study_date if reference else None,
        reference_h5_cm=reference.height_at(m) if reference else None,
        followup_study_date=latest.study.study_date if latest else None,
        followup_days_after=latest.days_after if latest else None,
        latest_followup_h5_cm=latest.study.height_at(m) if latest else None,
        h5_change_pct=change.height_change_pct if change else None,
        eckardt_before=response.eckardt_before.total if response.eckardt_before else None,
        eckardt_after=after.total if after else None,
        results={rule_id: results[rule_id] for rule_id in COHORT_RULE_IDS},
    )


def rows_from_histories(
    histories: Iterable[PatientHistory], settings: InterpretationSettings | None = None, *, today: dt.date | None = None
) -> list[CohortRow]:
    settings = settings or InterpretationSettings()
    today = today or dt.date.today()
    with gc_paused():
        return [cohort_row(history, settings, today) for history in histories]


def cohort_rows(
    clinic: Clinic, settings: InterpretationSettings | None = None, *, today: dt.date | None = None
) -> list[CohortRow]:
    """Every patient of the clinic, in id order (benchmarks/bench_cohort.py: ~0.7 s at 10,000 patients).

    Only the 5-min films are read: every number and rule of a row reads that minute alone.
    """
    settings = settings or clinic.interpretation_settings()
    # One pause around both steps, and the histories gone before it ends: the collection that follows walks the
    # rows alone, once, rather than every record twice.
    with gc_paused():
        histories = load_outcome_histories(clinic, minutes=(metrics.OUTCOME_MINUTE,))
        rows = rows_from_histories(histories, settings, today=today)
        del histories
    return rows


# -- filters ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CohortFilter:
    """Which rows to show. The procedure and date criteria read each patient's latest procedure.

    ``procedure_types`` None: every type. Patients without a procedure are shown when ``include_untreated`` is set
    and no date is given (they have no procedure date). Dates are inclusive. An age group leaves out patients
    whose birth date is unknown.
    """

    procedure_types: frozenset[ProcedureType] | None = None
    include_untreated: bool = True
    diagnoses: frozenset[Diagnosis] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    age_group: AgeGroup = AgeGroup.ALL

    def accepts(self, row: CohortRow) -> bool:
        if self.diagnoses is not None and row.diagnosis not in self.diagnoses:
            return False
        if self.age_group is not AgeGroup.ALL:
            paediatric = row.is_paediatric
            if paediatric is None or paediatric != (self.age_group is AgeGroup.PAEDIATRIC):
                return False
        if row.procedure_type is None or row.procedure_date is None:
            return self.include_untreated and self.date_from is None and self.date_to is None
        if self.procedure_types is not None and row.procedure_type not in self.procedure_types:
            return False
        if self.date_from is not None and row.procedure_date < self.date_from:
            return False
        return self.date_to is None or row.procedure_date <= self.date_to


def filter_rows(rows: Iterable[CohortRow], cohort_filter: CohortFilter) -> list[CohortRow]:
    return [row for row in rows if cohort_filter.accepts(row)]


# -- statistics ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleShare:
    """How many patients met a rule among those to whom it applied."""

    rule_id: str
    met: int
    applicable: int

    @property
    def pct(self) -> Decimal | None:
        """Exact share in percent (None when the rule applied to nobody); round with metrics.round_pct."""
        if self.applicable == 0:
            return None
        with localcontext(prec=28):
            return Decimal(self.met) * 100 / Decimal(self.applicable)


@dataclass(frozen=True, slots=True)
class ProcedureStats:
    """One procedure type (None: every treated patient): n, the 5-min height change and each rule's share."""

    procedure_type: ProcedureType | None
    patients: int
    h5_changes_pct: tuple[Decimal, ...]  # sorted, exact; what the plot draws
    h5_change_median_pct: Decimal | None
    h5_change_q1_pct: Decimal | None  # None with fewer than 2 values
    h5_change_q3_pct: Decimal | None
    shares: dict[str, RuleShare]

    @property
    def with_h5_change(self) -> int:
        return len(self.h5_changes_pct)


def _stats(procedure_type: ProcedureType | None, rows: Sequence[CohortRow]) -> ProcedureStats:
    changes = sorted(row.h5_change_pct for row in rows if row.h5_change_pct is not None)
    median = q1 = q3 = None
    with localcontext(prec=28):
        if changes:
            median = statistics.median(changes)
        if len(changes) >= 2:
            q1, _, q3 = statistics.quantiles(changes, n=4, method=QUARTILE_METHOD)
    shares = {}
    for rule_id in COHORT_RULE_IDS:
        statuses = [row.results[rule_id][0] for row in rows]
        met = statuses.count(FlagStatus.MET)
        shares[rule_id] = RuleShare(rule_id, met, met + statuses.count(FlagStatus.NOT_MET))
    return ProcedureStats(procedure_type, len(rows), tuple(changes), median, q1, q3, shares)


def procedure_statistics(rows: Iterable[CohortRow]) -> list[ProcedureStats]:
    """One entry per procedure type present, in the order of ProcedureType; untreated patients are not counted."""
    groups: dict[ProcedureType, list[CohortRow]] = {}
    for row in rows:
        if row.procedure_type is not None:
            groups.setdefault(row.procedure_type, []).append(row)
    return [_stats(kind, groups[kind]) for kind in ProcedureType if kind in groups]


def overall_statistics(rows: Iterable[CohortRow]) -> ProcedureStats:
    """The same figures over every treated patient (procedure_type None)."""
    return _stats(None, [row for row in rows if row.procedure_type is not None])


# -- CSV ----------------------------------------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "patient_id",
    "mrn",
    "name",
    "sex",
    "birth_date",
    "age_years",
    "diagnosis",
    "procedure_count",
    "procedure_date",
    "procedure_type",
    "rescue",
    "reference_study_date",
    "reference_h5_cm",
    "followup_study_date",
    "followup_days_after",
    "latest_followup_h5_cm",
    "h5_change_pct",
    "eckardt_before",
    "eckardt_after",
    *(f"{rule_id}_{part}" for rule_id in COHORT_RULE_IDS for part in ("status", "favourable")),
)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return guard(str(value))  # a name like =HYPERLINK(...) stays text in a spreadsheet (numbers are never guarded)


def csv_record(row: CohortRow) -> list[str]:
    """One row as CSV_COLUMNS text: codes, ISO dates, decimals with a point, percentages to 0.1, '' when missing."""
    pct = metrics.round_pct(row.h5_change_pct) if row.h5_change_pct is not None else None
    values: list[Any] = [
        row.patient_id,
        row.mrn,
        row.name,
        row.sex,
        row.birth_date,
        row.age_years,
        row.diagnosis,
        row.procedure_count,
        row.procedure_date,
        row.procedure_type,
        row.rescue,
        row.reference_study_date,
        row.reference_h5_cm,
        row.followup_study_date,
        row.followup_days_after,
        row.latest_followup_h5_cm,
        pct,
        row.eckardt_before,
        row.eckardt_after,
    ]
    for rule_id in COHORT_RULE_IDS:
        values += [row.status(rule_id), row.favourable(rule_id)]
    return [_csv_value(v) for v in values]


@contextmanager
def _text_target(target: str | os.PathLike[str] | TextIO) -> Iterator[TextIO]:
    """A path is written under a scratch name beside it and renamed into place when complete (a full disk leaves
    nothing, and says so: output_files.writing)."""
    if not isinstance(target, str | os.PathLike):
        yield target
        return
    path = Path(target)
    with writing(path, "cohort"):
        scratch = path.with_name(f".{path.name}.partial-{os.getpid()}")
        try:
            with scratch.open("w", encoding="utf-8", newline="") as stream:
                yield stream
            os.replace(scratch, path)
        finally:
            scratch.unlink(missing_ok=True)


def rows_to_csv(rows: Iterable[CohortRow], target: str | os.PathLike[str] | TextIO) -> int:
    """Write a header of CSV_COLUMNS and one line per row (UTF-8, comma-separated); returns the rows written.

    A path is written as a new file; a stream is written to as is (open it with newline="").
    """
    count = 0
    with _text_target(target) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_record(row))
            count += 1
    return count


def rows_to_csv_text(rows: Iterable[CohortRow]) -> str:
    buffer = io.StringIO(newline="")
    rows_to_csv(rows, buffer)
    return buffer.getvalue()
