"""One function per clinical rule, used alike by the GUI (as the user types), the importer and the command line.

Every rejection names the field, the value entered and what is allowed, in words a clinician knows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.records import (
    ECKARDT_ITEMS,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    Procedure,
    TbeStudy,
)

# Allowed ranges (inclusive). Heights above 40 cm are longer than any oesophagus; widths above 15 cm wider than a
# megaoesophagus film shows.
HEIGHT_CM = (Decimal(0), Decimal(40))
WIDTH_CM = (Decimal(0), Decimal(15))
MINUTE = (0, 60)
BARIUM_VOLUME_ML = (Decimal(20), Decimal(500))
ECKARDT_ITEM = (0, 3)
IRP_MMHG = (Decimal(-20), Decimal(150))
PERCENT = (Decimal(0), Decimal(100))
MYOTOMY_CM = (Decimal(0), Decimal(30))
BALLOON_DIAMETER_MM = (Decimal(20), Decimal(50))
BALLOON_PRESSURE_PSI = (Decimal(0), Decimal(30))
BOTOX_UNITS = (Decimal(0), Decimal(1000))
BOTOX_SITES = (1, 20)
DURATION_MIN = (1, 1440)
LENGTH_OF_STAY_DAYS = (0, 365)
WEIGHT_KG = (Decimal(1), Decimal(400))
MAX_DECIMALS = 2
MRN_MAX_LENGTH = 40


@dataclass(frozen=True, slots=True)
class FieldError:
    """A value a user can fix; ``field`` is the attribute, dotted when nested (``minute_5.height_cm``)."""

    field: str
    value: object
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationFailed(UserError, ValueError):
    """Raised when a record breaks one or more rules; nothing has been saved."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(e.message for e in self.errors))


def require_valid(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def _fmt(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_decimal(text: str, *, label: str = "Value", field: str = "value") -> Decimal | None:
    """Read a number as clinicians write it: ``2,7`` and ``2.7`` are both 2.7; empty text is None (not measured).

    Only plain digits with one decimal mark are accepted: "2 7", "1e2", "1_0" and "1.234,5" are refused rather
    than guessed.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        raise ValidationFailed(
            [
                FieldError(
                    field, text, f"{label}: '{text}' has both a comma and a point; write one decimal mark, e.g. 2,7"
                )
            ]
        )
    if not _NUMBER.fullmatch(cleaned):
        raise ValidationFailed([FieldError(field, text, f"{label}: '{text}' is not a number")])
    return Decimal(cleaned.replace(",", "."))


def check_range(
    field: str, label: str, value: Decimal | int | None, bounds: tuple, unit: str = ""
) -> FieldError | None:
    """The range rule shared by every measured value: ``None`` (not recorded) always passes."""
    if value is None:
        return None
    lo, hi = bounds
    suffix = f" {unit}" if unit else ""
    if not lo <= value <= hi:
        return FieldError(
            field,
            value,
            f"{label} must be between {_fmt(lo)} and {_fmt(hi)}{suffix}; you entered {_fmt(value)}",
        )
    if isinstance(value, Decimal) and -value.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        return FieldError(field, value, f"{label} takes at most {MAX_DECIMALS} decimals; you entered {_fmt(value)}")
    return None


def check_height_cm(value: Decimal | None, minute: int, field: str = "height_cm") -> FieldError | None:
    return check_range(field, f"Height at {minute} min", value, HEIGHT_CM, "cm")


def check_width_cm(value: Decimal | None, minute: int, field: str = "width_cm") -> FieldError | None:
    return check_range(field, f"Width at {minute} min", value, WIDTH_CM, "cm")


def check_minute(value: int, field: str = "minute") -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return FieldError(field, value, f"Minute must be a whole number between 0 and 60; you entered {value}")
    return check_range(field, "Minute", value, MINUTE)


def check_unique_minutes(minutes: Iterable[int], field: str = "measurements") -> FieldError | None:
    seen: set[int] = set()
    for minute in minutes:
        if minute in seen:
            return FieldError(
                field,
                minute,
                f"The {minute}-minute film is entered twice; each minute appears once per study",
            )
        seen.add(minute)
    return None


def check_barium_volume_ml(value: Decimal | None, field: str = "barium_volume_ml") -> FieldError | None:
    return check_range(field, "Barium volume", value, BARIUM_VOLUME_ML, "mL")


def check_eckardt_item(item: str, value: int, field: str | None = None) -> FieldError | None:
    label = item.replace("_", " ").capitalize()
    if isinstance(value, bool) or not isinstance(value, int):
        return FieldError(field or item, value, f"{label} score must be 0, 1, 2 or 3; you entered {value}")
    if not ECKARDT_ITEM[0] <= value <= ECKARDT_ITEM[1]:
        return FieldError(field or item, value, f"{label} score must be 0, 1, 2 or 3; you entered {value}")
    return None


def check_irp_mmhg(value: Decimal | None, field: str, label: str = "IRP") -> FieldError | None:
    return check_range(field, label, value, IRP_MMHG, "mmHg")


def check_event_date(
    value: dt.date | None, field: str, label: str, *, birth_date: dt.date | None, today: dt.date
) -> FieldError | None:
    """An event cannot lie in the future nor before the patient was born."""
    if value is None:
        return FieldError(field, value, f"{label} is required")
    if value > today:
        return FieldError(field, value, f"{label} cannot be in the future; you entered {value.isoformat()}")
    if birth_date is not None and value < birth_date:
        return FieldError(
            field,
            value,
            f"{label} cannot be before the birth date ({birth_date.isoformat()}); you entered {value.isoformat()}",
        )
    return None


def check_mrn(value: str, field: str = "mrn") -> FieldError | None:
    if not value or not value.strip():
        return FieldError(field, value, "MRN (medical record number) is required")
    if value != value.strip():
        return FieldError(field, value, f"MRN must not start or end with spaces; you entered '{value}'")
    if len(value) > MRN_MAX_LENGTH:
        return FieldError(field, value, f"MRN is at most {MRN_MAX_LENGTH} characters; you entered {len(value)}")
    return None


def _collect(*errors: FieldError | None) -> list[FieldError]:
    return [e for e in errors if e is not None]


def validate_patient(patient: Patient, *, today: dt.date) -> list[FieldError]:
    errors = _collect(check_mrn(patient.mrn))
    if patient.birth_date is not None and patient.birth_date > today:
        errors.append(
            FieldError(
                "birth_date",
                patient.birth_date,
                f"Birth date cannot be in the future; you entered {patient.birth_date}",
            )
        )
    if patient.diagnosis_date is not None:
        errors += _collect(
            check_event_date(
                patient.diagnosis_date,
                "diagnosis_date",
                "Diagnosis date",
                birth_date=patient.birth_date,
                today=today,
            )
        )
    return errors


def validate_study(study: TbeStudy, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    errors = _collect(
        check_event_date(study.study_date, "study_date", "Study date", birth_date=birth_date, today=today),
        check_barium_volume_ml(study.barium_volume_ml),
        check_unique_minutes(m.minute for m in study.measurements),
    )
    for m in study.measurements:
        prefix = f"minute_{m.minute}"
        errors += _collect(
            check_minute(m.minute, f"{prefix}.minute"),
            check_height_cm(m.height_cm, m.minute, f"{prefix}.height_cm"),
            check_width_cm(m.width_cm, m.minute, f"{prefix}.width_cm"),
        )
    if study.tablet_minute is not None:
        errors += _collect(check_minute(study.tablet_minute, "tablet_minute"))
    return errors


class StudyValidator:
    """:func:`validate_study` for many studies in a row (an import): the same rules, messages and order, each distinct
    value checked once.

    A file of 100,000 studies repeats the same dates, volumes and film values thousands of times, and every check
    is a pure function of its value (and of the minute, the birth date and ``today``). Outcomes are remembered by
    the identity of the value object, never by equality: ``Decimal("2.70") == Decimal("2.7")`` and ``True == 1``,
    yet their messages and the decimal-count rule differ. Each entry keeps its value alive, so an id is never
    reused while it is remembered. The importer's cell reader hands out one object per distinct cell text, so
    identity hits are the common case; a miss simply runs the check. Keep in step with :func:`validate_study`
    (tests/services/test_exchange.py compares the two on generated studies).
    """

    def __init__(self, *, today: dt.date) -> None:
        self.today = today
        self._dates: dict[tuple[int, int], tuple[object, object, FieldError | None]] = {}
        self._volumes: dict[int, tuple[object, FieldError | None]] = {}
        self._minutes: dict[int, FieldError | None] = {}
        self._heights: dict[tuple[int, int], tuple[object, FieldError | None]] = {}
        self._widths: dict[tuple[int, int], tuple[object, FieldError | None]] = {}

    def __call__(self, study: TbeStudy, *, birth_date: dt.date | None) -> list[FieldError]:
        errors: list[FieldError] = []
        error = self._date(study.study_date, birth_date)
        if error is not None:
            errors.append(error)
        volume = study.barium_volume_ml
        if volume is not None:
            entry = self._volumes.get(id(volume))
            if entry is None or entry[0] is not volume:
                entry = self._volumes[id(volume)] = (volume, check_barium_volume_ml(volume))
            if entry[1] is not None:
                errors.append(entry[1])
        measurements = study.measurements
        minutes = [m.minute for m in measurements]
        if len(set(minutes)) != len(minutes):
            errors += _collect(check_unique_minutes(minutes))
        heights, widths, minute_errors = self._heights, self._widths, self._minutes
        for m in measurements:
            minute, height, width = m.minute, m.height_cm, m.width_cm
            if type(minute) is not int:
                # Not a plain int (a bool, a float, an int subclass: only a caller's bug gets here): checked
                # directly, nothing remembered, so no two equal minutes that print differently share a message.
                prefix = f"minute_{minute}"
                errors += _collect(
                    check_minute(minute, f"{prefix}.minute"),
                    check_height_cm(height, minute, f"{prefix}.height_cm"),
                    check_width_cm(width, minute, f"{prefix}.width_cm"),
                )
                continue
            # Inlined memo look-ups (a method call per film was a tenth of an import's checking); misses call the
            # check functions through _remember.
            if minute in minute_errors:
                error = minute_errors[minute]
            else:
                error = minute_errors[minute] = check_minute(minute, f"minute_{minute}.minute")
            if error is not None:
                errors.append(error)
            if height is not None:
                entry = heights.get((minute, id(height)))
                if entry is None or entry[0] is not height:
                    entry = _remember(heights, minute, height, check_height_cm, "height_cm")
                if entry[1] is not None:
                    errors.append(entry[1])
            if width is not None:
                entry = widths.get((minute, id(width)))
                if entry is None or entry[0] is not width:
                    entry = _remember(widths, minute, width, check_width_cm, "width_cm")
                if entry[1] is not None:
                    errors.append(entry[1])
        if study.tablet_minute is not None:
            errors += _collect(check_minute(study.tablet_minute, "tablet_minute"))
        return errors

    def _date(self, value: dt.date, birth_date: dt.date | None) -> FieldError | None:
        key = (id(value), id(birth_date))
        entry = self._dates.get(key)
        if entry is None or entry[0] is not value or entry[1] is not birth_date:
            error = check_event_date(value, "study_date", "Study date", birth_date=birth_date, today=self.today)
            entry = self._dates[key] = (value, birth_date, error)
        return entry[2]


def _remember(
    memo: dict[tuple[int, int], tuple[object, FieldError | None]],
    minute: int,
    value: Decimal,
    check: Callable[[Decimal, int, str], FieldError | None],
    name: str,
) -> tuple[object, FieldError | None]:
    """Check a film value and remember the outcome under (minute, id(value)), keeping the value alive."""
    entry = memo[(minute, id(value))] = (value, check(value, minute, f"minute_{minute}.{name}"))
    return entry


def validate_procedure(procedure: Procedure, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    p = procedure
    errors = _collect(
        check_event_date(p.procedure_date, "procedure_date", "Procedure date", birth_date=birth_date, today=today),
        check_range("myotomy_length_cm", "Myotomy length", p.myotomy_length_cm, MYOTOMY_CM, "cm"),
        check_range(
            "gastric_myotomy_length_cm",
            "Gastric myotomy length",
            p.gastric_myotomy_length_cm,
            MYOTOMY_CM,
            "cm",
        ),
        check_range("balloon_diameter_mm", "Balloon diameter", p.balloon_diameter_mm, BALLOON_DIAMETER_MM, "mm"),
        check_range("balloon_pressure_psi", "Balloon pressure", p.balloon_pressure_psi, BALLOON_PRESSURE_PSI, "psi"),
        check_range("botox_units", "Botulinum toxin dose", p.botox_units, BOTOX_UNITS, "U"),
        check_range("botox_sites", "Injection sites", p.botox_sites, BOTOX_SITES),
        check_range("duration_min", "Procedure time", p.duration_min, DURATION_MIN, "min"),
        check_range("length_of_stay_days", "Length of stay", p.length_of_stay_days, LENGTH_OF_STAY_DAYS, "days"),
    )
    if (
        p.myotomy_length_cm is not None
        and p.gastric_myotomy_length_cm is not None
        and p.gastric_myotomy_length_cm > p.myotomy_length_cm
    ):
        errors.append(
            FieldError(
                "gastric_myotomy_length_cm",
                p.gastric_myotomy_length_cm,
                f"Gastric myotomy length ({_fmt(p.gastric_myotomy_length_cm)} cm) cannot exceed the total myotomy "
                f"length ({_fmt(p.myotomy_length_cm)} cm)",
            )
        )
    return errors


def validate_eckardt(score: EckardtAssessment, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    errors = _collect(
        check_event_date(
            score.assessment_date, "assessment_date", "Assessment date", birth_date=birth_date, today=today
        ),
        check_range("weight_kg", "Weight", score.weight_kg, WEIGHT_KG, "kg"),
    )
    for item in ECKARDT_ITEMS:
        errors += _collect(check_eckardt_item(item, getattr(score, item)))
    return errors


def validate_manometry(study: Manometry, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    return _collect(
        check_event_date(study.study_date, "study_date", "Manometry date", birth_date=birth_date, today=today),
        check_irp_mmhg(study.irp_supine_mmhg, "irp_supine_mmhg", "IRP supine"),
        check_irp_mmhg(study.irp_upright_mmhg, "irp_upright_mmhg", "IRP upright"),
        check_irp_mmhg(study.irp_upper_limit_mmhg, "irp_upper_limit_mmhg", "IRP upper limit of normal"),
        check_range("failed_swallows_pct", "Failed swallows", study.failed_swallows_pct, PERCENT, "%"),
        check_range(
            "pan_pressurisation_pct",
            "Pan-oesophageal pressurisation",
            study.pan_pressurisation_pct,
            PERCENT,
            "%",
        ),
        check_range("premature_swallows_pct", "Premature swallows", study.premature_swallows_pct, PERCENT, "%"),
        check_range(
            "dci_mmhg_s_cm",
            "Distal contractile integral",
            study.dci_mmhg_s_cm,
            (Decimal(0), Decimal(50000)),
            "mmHg·s·cm",
        ),
        check_range(
            "les_resting_pressure_mmhg",
            "LES resting pressure",
            study.les_resting_pressure_mmhg,
            IRP_MMHG,
            "mmHg",
        ),
    )


def validate_endoscopy(exam: Endoscopy, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    return _collect(check_event_date(exam.exam_date, "exam_date", "Endoscopy date", birth_date=birth_date, today=today))
