"""One function per clinical rule, used alike by the GUI (as the user types), the importer and the command line.

Every rejection names the field, the value entered and what is allowed, in words a clinician knows. The words and
the limits are the field declaration's (domain/fields.py): a range or a label is never written here a second time.
Each error carries its message with its arguments (``FieldError.said``) for the GUI to translate, and the English
text (``FieldError.message``) for the command line, logs and files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from barium_tracker.domain import fields
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.fields import MAX_DECIMALS, MRN_MAX_LENGTH, Field, Record
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Label, Message, say
from barium_tracker.domain.records import (
    ECKARDT_ITEMS,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    Procedure,
    TbeStudy,
)

__all__ = ["MAX_DECIMALS", "MRN_MAX_LENGTH"]  # re-exported: the limits' home is domain/fields.py

_HEIGHT = fields.film("height_cm")
_WIDTH = fields.film("width_cm")
_TRACED_AREA = fields.film("traced_area_cm2")
_MINUTE = fields.film("minute")
_VOLUME = fields.study("barium_volume_ml")
#: The study's other declared ranges (the tablet minute...), checked after its films; the barium volume, checked
#: first, is the one an import repeats most (StudyValidator remembers its outcomes).
_STUDY_RANGES: tuple[Field, ...] = tuple(
    f for f in fields.fields_of(Record.TBE_STUDY) if f.bounds is not None and f is not _VOLUME
)


@dataclass(frozen=True, slots=True)
class FieldError:
    """A value a user can fix; ``field`` is the attribute, dotted when nested (``minute_5.height_cm``)."""

    field: str
    value: object
    message: str
    #: The same message with its arguments, for the GUI to translate (None for an error made elsewhere).
    said: Message | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.message


def _error(field_name: str, entered: object, template: str, /, **args: object) -> FieldError:
    """A FieldError saying ``template`` (marked N_) with ``args``; its English text is the message."""
    said = say(template, **args)
    return FieldError(field_name, entered, str(said), said)


class ValidationFailed(UserError, ValueError):
    """Raised when a record breaks one or more rules; nothing has been saved."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(e.message for e in self.errors))


def require_valid(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def _fmt(value: object) -> object:
    """A number as a message argument (written by the displaying side: "52,7" in Spanish); 40.0 is said "40"."""
    if isinstance(value, Decimal):
        return Decimal(format(value.normalize(), "f")) if value == value.to_integral() else value
    return value


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_decimal(text: str, *, label: str | Label = "Value", field: str = "value") -> Decimal | None:
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
                _error(
                    field,
                    text,
                    N_("{label}: '{text}' has both a comma and a point; write one decimal mark, e.g. 2,7"),
                    label=label,
                    text=text,
                )
            ]
        )
    if not _NUMBER.fullmatch(cleaned):
        raise ValidationFailed([_error(field, text, N_("{label}: '{text}' is not a number"), label=label, text=text)])
    return Decimal(cleaned.replace(",", "."))


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(text: str, *, label: str | Label = "Date", field: str = "date") -> dt.date | None:
    """Read a date as a clinician types it: ``14/03/2015`` (day first; ``-`` or ``.`` between the parts also do)
    or ISO ``2015-03-14``; empty text is None (not recorded). A two-digit year or an impossible day is refused."""
    cleaned = text.strip()
    if not cleaned:
        return None
    iso = _ISO_DATE.fullmatch(cleaned)
    day_first = None if iso else _DAY_FIRST_DATE.fullmatch(cleaned)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day_first:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
    except ValueError:
        pass
    raise ValidationFailed(
        [
            _error(
                field,
                text,
                N_("{label}: '{text}' is not a date; write it as 14/03/2015 or 2015-03-14"),
                label=label,
                text=text,
            )
        ]
    )


def check_range(
    field: str,
    label: str | Label,
    value: Decimal | int | None,
    bounds: tuple,
    unit: str = "",
    decimals: int | None = MAX_DECIMALS,
) -> FieldError | None:
    """The range rule shared by every measured value: ``None`` (not recorded) always passes."""
    if value is None:
        return None
    lo, hi = bounds
    if not lo <= value <= hi:
        template = (
            N_("{label} must be between {low} and {high} {unit}; you entered {value}")
            if unit
            else N_("{label} must be between {low} and {high}; you entered {value}")
        )
        return _error(field, value, template, label=label, low=_fmt(lo), high=_fmt(hi), unit=unit, value=_fmt(value))
    if (
        decimals is not None and isinstance(value, Decimal) and -value.as_tuple().exponent > decimals  # type: ignore[operator]
    ):
        return _error(
            field,
            value,
            N_("{label} takes at most {decimals} decimals; you entered {value}"),
            label=label,
            decimals=decimals,
            value=_fmt(value),
        )
    return None


def check_field(
    declared: Field, value: Decimal | int | None, *, field: str | None = None, minute: int | None = None
) -> FieldError | None:
    """The declared range and decimals of a field, named by its declared label (at ``minute`` for a film)."""
    assert declared.bounds is not None, declared.key
    label = Label(declared, minute=minute)
    return check_range(field or declared.name, label, value, declared.bounds, declared.unit, declared.decimals)


def check_height_cm(value: Decimal | None, minute: int, field: str = "height_cm") -> FieldError | None:
    return check_field(_HEIGHT, value, field=field, minute=minute)


def check_width_cm(value: Decimal | None, minute: int, field: str = "width_cm") -> FieldError | None:
    return check_field(_WIDTH, value, field=field, minute=minute)


def check_minute(value: int, field: str = "minute") -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int):
        assert _MINUTE.bounds is not None
        low, high = _MINUTE.bounds
        return _error(
            field,
            value,
            N_("{label} must be a whole number between {low} and {high}; you entered {value}"),
            label=Label(_MINUTE),
            low=low,
            high=high,
            value=str(value),
        )
    assert _MINUTE.bounds is not None
    return check_range(field, Label(_MINUTE), value, _MINUTE.bounds)  # "Minute ... 60 min" would say it twice


def check_unique_minutes(minutes: Iterable[int], field: str = "measurements") -> FieldError | None:
    seen: set[int] = set()
    for minute in minutes:
        if minute in seen:
            return _error(
                field,
                minute,
                N_("The {minute}-minute film is entered twice; each minute appears once per study"),
                minute=minute,
            )
        seen.add(minute)
    return None


def check_barium_volume_ml(value: Decimal | None, field: str = "barium_volume_ml") -> FieldError | None:
    return check_field(_VOLUME, value, field=field)


def check_eckardt_item(item: str, value: int, field: str | None = None) -> FieldError | None:
    declared = fields.eckardt(item)
    assert declared.bounds is not None
    low, high = declared.bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return _error(
            field or item,
            value,
            N_("{label} score must be 0, 1, 2 or 3; you entered {value}"),
            label=Label(declared),
            value=str(value),
        )
    return None


def check_irp_mmhg(value: Decimal | None, field: str, label: str | None = None) -> FieldError | None:
    """An IRP value; ``field`` is the manometry attribute whose declaration gives the range and the label."""
    declared = fields.manometry(field.rsplit(".", 1)[-1])
    assert declared.bounds is not None
    return check_range(field, label or Label(declared), value, declared.bounds, declared.unit, declared.decimals)


def check_event_date(
    value: dt.date | None, field: str, label: str | Label, *, birth_date: dt.date | None, today: dt.date
) -> FieldError | None:
    """An event cannot lie in the future nor before the patient was born."""
    if value is None:
        return _error(field, value, N_("{label} is required"), label=label)
    if value > today:
        return _error(
            field, value, N_("{label} cannot be in the future; you entered {value}"), label=label, value=value
        )
    if birth_date is not None and value < birth_date:
        return _error(
            field,
            value,
            N_("{label} cannot be before the birth date ({birth_date}); you entered {value}"),
            label=label,
            birth_date=birth_date,
            value=value,
        )
    return None


def _check_date(
    record: Record, name: str, value: dt.date | None, *, birth_date: dt.date | None, today: dt.date
) -> FieldError | None:
    return check_event_date(value, name, Label(fields.field(record, name)), birth_date=birth_date, today=today)


def check_mrn(value: str, field: str = "mrn") -> FieldError | None:
    mrn = fields.patient("mrn")
    if not value or not value.strip():
        return _error(field, value, N_("{label} (medical record number) is required"), label=Label(mrn))
    if value != value.strip():
        return _error(
            field,
            value,
            N_("{label} must not start or end with spaces; you entered '{value}'"),
            label=Label(mrn),
            value=value,
        )
    if len(value) > MRN_MAX_LENGTH:
        return _error(
            field,
            value,
            N_("{label} is at most {length} characters; you entered {count}"),
            label=Label(mrn),
            length=MRN_MAX_LENGTH,
            count=len(value),
        )
    return None


def _collect(*errors: FieldError | None) -> list[FieldError]:
    return [e for e in errors if e is not None]


def validate_patient(patient: Patient, *, today: dt.date) -> list[FieldError]:
    errors = _collect(check_mrn(patient.mrn))
    if patient.birth_date is not None and patient.birth_date > today:
        errors.append(
            _error(
                "birth_date",
                patient.birth_date,
                N_("{label} cannot be in the future; you entered {value}"),
                label=Label(fields.patient("birth_date")),
                value=patient.birth_date,
            )
        )
    if patient.diagnosis_date is not None:
        errors += _collect(
            _check_date(
                Record.PATIENT, "diagnosis_date", patient.diagnosis_date, birth_date=patient.birth_date, today=today
            )
        )
    return errors


def validate_study(study: TbeStudy, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    errors = _collect(
        _check_date(Record.TBE_STUDY, "study_date", study.study_date, birth_date=birth_date, today=today),
        check_barium_volume_ml(study.barium_volume_ml),
        check_unique_minutes(m.minute for m in study.measurements),
    )
    for m in study.measurements:
        prefix = f"minute_{m.minute}"
        errors += _collect(
            check_minute(m.minute, f"{prefix}.minute"),
            check_height_cm(m.height_cm, m.minute, f"{prefix}.height_cm"),
            check_width_cm(m.width_cm, m.minute, f"{prefix}.width_cm"),
            check_field(_TRACED_AREA, m.traced_area_cm2, field=f"{prefix}.traced_area_cm2", minute=m.minute),
        )
    errors += _collect(*(check_field(f, getattr(study, f.name)) for f in _STUDY_RANGES))
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
        for declared in _STUDY_RANGES:
            value = getattr(study, declared.name)
            if value is not None:
                errors += _collect(check_field(declared, value))
        return errors

    def _date(self, value: dt.date, birth_date: dt.date | None) -> FieldError | None:
        key = (id(value), id(birth_date))
        entry = self._dates.get(key)
        if entry is None or entry[0] is not value or entry[1] is not birth_date:
            error = _check_date(Record.TBE_STUDY, "study_date", value, birth_date=birth_date, today=self.today)
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


#: The procedure fields with a declared range, in declaration order (the order their errors are listed in).
_PROCEDURE_RANGES: tuple[Field, ...] = tuple(f for f in fields.fields_of(Record.PROCEDURE) if f.bounds is not None)
#: The Eckardt score's declared ranges but its items (checked as scores) and its derived total.
_ECKARDT_RANGES: tuple[Field, ...] = tuple(
    f
    for f in fields.fields_of(Record.ECKARDT)
    if f.bounds is not None and f.name not in ECKARDT_ITEMS and f.name != "total"
)
_MANOMETRY_RANGES: tuple[Field, ...] = tuple(f for f in fields.fields_of(Record.MANOMETRY) if f.bounds is not None)


def validate_procedure(procedure: Procedure, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    p = procedure
    errors = _collect(
        _check_date(Record.PROCEDURE, "procedure_date", p.procedure_date, birth_date=birth_date, today=today),
        *(check_field(f, getattr(p, f.name)) for f in _PROCEDURE_RANGES),
    )
    if (
        p.myotomy_length_cm is not None
        and p.gastric_myotomy_length_cm is not None
        and p.gastric_myotomy_length_cm > p.myotomy_length_cm
    ):
        gastric, total = fields.procedure("gastric_myotomy_length_cm"), fields.procedure("myotomy_length_cm")
        errors.append(
            _error(
                gastric.name,
                p.gastric_myotomy_length_cm,
                N_("{gastric} ({value} {unit}) cannot exceed the total myotomy length ({total} {unit})"),
                gastric=Label(gastric),
                value=_fmt(p.gastric_myotomy_length_cm),
                total=_fmt(p.myotomy_length_cm),
                unit=total.unit,
            )
        )
    return errors


def validate_eckardt(score: EckardtAssessment, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    errors = _collect(
        _check_date(Record.ECKARDT, "assessment_date", score.assessment_date, birth_date=birth_date, today=today),
        *(check_field(f, getattr(score, f.name)) for f in _ECKARDT_RANGES),
    )
    for item in ECKARDT_ITEMS:
        errors += _collect(check_eckardt_item(item, getattr(score, item)))
    return errors


def validate_manometry(study: Manometry, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    return _collect(
        _check_date(Record.MANOMETRY, "study_date", study.study_date, birth_date=birth_date, today=today),
        *(check_field(f, getattr(study, f.name)) for f in _MANOMETRY_RANGES),
    )


def validate_endoscopy(exam: Endoscopy, *, birth_date: dt.date | None, today: dt.date) -> list[FieldError]:
    return _collect(_check_date(Record.ENDOSCOPY, "exam_date", exam.exam_date, birth_date=birth_date, today=today))
