"""The exchange tables' columns, and reading one cell as clinics write it (decimal comma, day-first dates, codes).

Everything here is plain Python: the readers (CSV, XLSX), the importer, the exporter and the documentation
(docs/file-formats.md, checked by tests/services/test_exchange_docs.py) share these column lists. What a clinical
column is (kind, label, unit, codes, required, extra) comes from its field's declaration in domain/fields.py; the
tables add only the column names and their documented order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import partial
from typing import Any

from barium_tracker.domain import fields
from barium_tracker.domain.enums import ProcedureType, Sex
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.fields import Field, Record
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Label, Message, say
from barium_tracker.domain.validation import ValidationFailed, parse_decimal

TABLES: tuple[str, ...] = ("patients", "studies", "procedures", "eckardt")

# --- problems ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing to fix before anything is imported: where it is, which column, what was there and why it is wrong."""

    where: str  # "studies.csv line 14", "export.xlsx sheet studies row 14", or a file name
    column: str | None
    value: str | None
    reason: str
    reason_said: Message | None = None  # the reason as a message, when the code that found it said it as one

    @property
    def where_said(self) -> Message | str:
        """Where, as a message ("studies.csv line 14": the words translated, the names as written)."""
        return where_said(self.where)

    @property
    def said(self) -> Message:
        """The problem as one message (the command line renders it in its language; ``str()`` is the English)."""
        where = self.where_said
        reason = self.reason_said if self.reason_said is not None else self.reason
        value = self.value if self.value is not None and self.value != "" else None
        if self.column and value is not None:
            template = N_("{where}, column {column}, value '{value}': {reason}")
        elif self.column:
            template = N_("{where}, column {column}: {reason}")
        elif value is not None:
            template = N_("{where}, value '{value}': {reason}")
        else:
            template = N_("{where}: {reason}")
        return say(template, where=where, column=self.column, value=value, reason=reason)

    def __str__(self) -> str:
        parts = [self.where]
        if self.column:
            parts.append(f"column {self.column}")
        if self.value is not None and self.value != "":
            parts.append(f"value '{self.value}'")
        return f"{', '.join(parts)}: {self.reason}"


def problem(where: str, column: str | None, value: str | None, template: str, **args: object) -> ImportProblem:
    """A problem whose reason is a message: a template marked with N_ (the ``wording`` context) and its arguments."""
    said = say(template, **args)
    return ImportProblem(where, column, value, str(said), said)


_WHERE = re.compile(r"^(?P<source>.+?)(?: sheet (?P<sheet>\S+))?(?: (?P<unit>line|row) (?P<number>\d+))?$")


def where_said(where: str) -> Message | str:
    """ "studies.csv line 14", "clinic.xlsx sheet studies row 3" as messages (the file and sheet names as written)."""
    match = _WHERE.match(where)
    if match is None or (match["sheet"] is None and match["unit"] is None):
        return where
    source, sheet, number = match["source"], match["sheet"], int(match["number"]) if match["number"] else None
    if sheet is not None and number is not None:
        template = (
            N_("{file} sheet {sheet} line {number}")
            if match["unit"] == "line"
            else N_("{file} sheet {sheet} row {number}")
        )
        return say(template, file=source, sheet=sheet, number=number)
    if sheet is not None:
        return say(N_("{file} sheet {sheet}"), file=source, sheet=sheet)
    template = N_("{file} line {number}") if match["unit"] == "line" else N_("{file} row {number}")
    return say(template, file=source, number=number)


class ImportFailed(UserError):
    """The files cannot be imported as they are; nothing was written. ``problems`` lists every one of them."""

    SHOWN = 5

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems: list[ImportProblem] = list(problems)
        super().__init__("\n".join(str(line) for line in self.summary_said()))

    def summary_said(self) -> list[Message | str]:
        """The summary, a line each: the count (a whole sentence per case), the first problems, how many more."""
        count = len(self.problems)
        if count == 1:
            head = say(N_("1 problem found; nothing was imported:"))
        else:
            head = say(N_("{count} problems found; nothing was imported:"), count=count)
        lines: list[Message | str] = [head]
        lines += [say(N_("  {problem}"), problem=p.said) for p in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(say(N_("  ... and {count} more"), count=count - self.SHOWN))
        return lines


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user (``said``: the same as a message)."""

    def __init__(self, message: str, said: Message | None = None) -> None:
        super().__init__(message)
        self.said = said


def _cell_error(template: str, **args: object) -> CellError:
    """A CellError saying ``template`` (marked N_, the ``wording`` context) with ``args``."""
    said = say(template, **args)
    return CellError(str(said), said)


def _label(column: Column) -> object:
    """A column's label for a message: the declared field's (translated when said), else the column's own."""
    return Label(column.declared, minute=column.minute) if column.declared is not None else column.label


# --- columns -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an exchange table: its header, the record field it fills, how its cells are read.

    A clinical column takes its kind, label, unit, codes, required flag and canonical/extra flag from the field's
    declaration (domain/fields.py, kept in ``declared``); only its name, its place in the table and ``patient`` are
    the exchange tables' own.
    """

    name: str
    kind: str  # a fields.Kind: text, date, time, decimal, int, bool, code
    field: str  # attribute of the domain record (Patient, TbeStudy, Procedure, EckardtAssessment)
    label: str
    unit: str = ""
    enum: type[StrEnum] | None = None
    required: bool = False
    canonical: bool = True  # False: an optional extra column, documented, written by the exporter
    patient: bool = False  # a patient column inside an event table (empty allowed for a known MRN)
    declared: Field | None = None
    minute: int | None = None  # a film column's minute ("Height at 5 min")


def _declared(declared: Field, *, name: str | None = None, patient: bool = False) -> Column:
    """The column of a declared field (its exchange column, or ``name`` where a table renames it)."""
    column = name or declared.exchange
    if column is None:
        raise ValueError(f"{declared.key} has no exchange column")
    return Column(
        name=column,
        kind=declared.kind.value,  # a plain str: compared per cell (CellReader.read)
        field=declared.name,
        label=declared.label,
        unit=declared.unit,
        enum=declared.enum,
        required=declared.required,
        canonical=not declared.exchange_extra,
        patient=patient,
        declared=declared,
    )


def _columns(record: Record, *, patient: bool = False, extra: bool | None = None) -> tuple[Column, ...]:
    """The exchange columns of one record's fields: the canonical ones in declaration order, then the extra ones
    (``extra`` True or False: only those). The documented order (docs/file-formats.md) is this order; a test
    compares the two."""
    declared = [f for f in fields.fields_of(record) if f.exchange]
    ordered = [f for f in declared if not f.exchange_extra] + [f for f in declared if f.exchange_extra]
    if extra is not None:
        ordered = [f for f in ordered if f.exchange_extra is extra]
    return tuple(_declared(f, patient=patient) for f in ordered)


PATIENT_COLUMNS: tuple[Column, ...] = _columns(Record.PATIENT)

STUDY_COLUMNS: tuple[Column, ...] = (
    # The patient's canonical columns (a study row can describe its patient), the study's (films go before its
    # notes: see FILM_COLUMN, study_header), then the patient's extra columns, its notes renamed.
    *(_declared(c.declared, patient=c.name != "mrn") for c in _columns(Record.PATIENT, extra=False) if c.declared),
    *_columns(Record.TBE_STUDY),
    _declared(fields.patient("diagnosis_date"), patient=True),
    _declared(fields.patient("notes"), name="patient_notes", patient=True),
)

PROCEDURE_COLUMNS: tuple[Column, ...] = (_declared(fields.patient("mrn")), *_columns(Record.PROCEDURE))

ECKARDT_COLUMNS: tuple[Column, ...] = (_declared(fields.patient("mrn")), *_columns(Record.ECKARDT))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "patients": PATIENT_COLUMNS,
    "studies": STUDY_COLUMNS,
    "procedures": PROCEDURE_COLUMNS,
    "eckardt": ECKARDT_COLUMNS,
}
COLUMN_BY_NAME: dict[str, dict[str, Column]] = {table: {c.name: c for c in cols} for table, cols in COLUMNS.items()}
#: The films of the TBE protocol, always written by the exporter (other minutes when a study has them).
STANDARD_FILM_MINUTES: tuple[int, ...] = (1, 2, 5)
FILM_COLUMN = re.compile(r"(height|width)_(\d{1,3})_?min_cm")


def film_column(kind: str, minute: int) -> str:
    return f"{kind}_{minute}min_cm"


def film_spec(kind: str, minute: int) -> Column:
    """The column ``height_<minute>min_cm`` or ``width_<minute>min_cm``, labelled as declared ("Height at 5 min")."""
    declared = fields.film(f"{kind}_cm")
    return Column(
        name=film_column(kind, minute),
        kind=declared.kind.value,  # a plain str: compared per cell (CellReader.read)
        field=declared.name,
        label=declared.label_at(minute),
        unit=declared.unit,
        declared=declared,
        minute=minute,
    )


def column_of_field(table: str, record_field: str) -> str:
    """The column of ``table`` that holds an event record's field (a validation error's field, "minute_5.width_cm"
    for a film); the field's own name when no column holds it."""
    if table == "studies" and record_field.startswith("minute_"):
        minute_part, _, attribute = record_field.partition(".")
        minute = int(minute_part.removeprefix("minute_"))
        return film_column("width" if attribute == "width_cm" else "height", minute)
    for spec in COLUMN_BY_NAME[table].values():
        if spec.field == record_field and not spec.patient:
            return spec.name
    return record_field


def study_header(minutes: list[int], *, extras: bool) -> list[str]:
    """The studies table's header for these film minutes: canonical order, then (optionally) the extra columns."""
    names: list[str] = []
    for c in STUDY_COLUMNS:
        if not c.canonical:
            continue
        if c.name == "notes":
            for minute in minutes:
                names += [film_column("height", minute), film_column("width", minute)]
        names.append(c.name)
    if extras:
        names += [c.name for c in STUDY_COLUMNS if not c.canonical and not c.patient]
    return names


def table_header(table: str, *, extras: bool = True) -> list[str]:
    """Header of a table (studies with the standard films), as the exporter writes and the docs list it."""
    if table == "studies":
        return study_header(list(STANDARD_FILM_MINUTES), extras=extras)
    return [c.name for c in COLUMNS[table] if c.canonical or extras]


def normalise_header(text: object) -> str:
    """'Study Date ', 'STUDY-DATE' and 'study_date' are one column; a byte-order mark is dropped."""
    cleaned = str(text if text is not None else "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", cleaned)


def canonical_name(table: str | None, header: str, mapping: Mapping[str, str] | None = None) -> str | None:
    """The canonical column a file header stands for in ``table`` (after the user's mapping), or None if unknown.

    A mapping to "" means "ignore this column" and yields "".
    """
    name = normalise_header(header)
    if mapping:
        for source, target in mapping.items():
            if source == header or normalise_header(source) == name:
                name = normalise_header(target)
                if not name:
                    return ""
                break
    if table is None:
        return name if any(name in COLUMN_BY_NAME[t] for t in TABLES) or FILM_COLUMN.fullmatch(name) else None
    if name in COLUMN_BY_NAME[table]:
        return name
    if table == "studies":
        match = FILM_COLUMN.fullmatch(name)
        if match:
            return film_column(match.group(1), int(match.group(2)))
    return None


def detect_table(hint: str, headers: list[str], mapping: Mapping[str, str] | None = None) -> str | None:
    """Which table a file or sheet holds: by its name (studies.csv, sheet 'Procedures'), else by its headers."""
    name = normalise_header(hint)
    for table in TABLES:
        if name == table or name.endswith("_" + table) or name.startswith(table + "_"):
            return table
    names = {canonical_name(None, h, mapping) for h in headers}
    if "study_date" in names or any(n and FILM_COLUMN.fullmatch(n) for n in names):
        return "studies"
    if "procedure_date" in names or "procedure_type" in names:
        return "procedures"
    if "assessment_date" in names or "dysphagia" in names:
        return "eckardt"
    if "mrn" in names and names & {"family_name", "given_name", "birth_date"}:
        return "patients"
    return None


# --- reading one cell ----------------------------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as the text a user sees (numbers from XLSX without a spurious '.0', dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: 00:00(?::00)?)?")
_SHORT_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2}")
_MONTHS = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]


def _real_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _cell_error(
            N_("'{text}' is not a real date (year {year}, month {month}, day {day})"),
            text=text,
            year=str(year),
            month=str(month),
            day=str(day),
        ) from None


@dataclass(slots=True)
class CellReader:
    """Reads cells into values, remembering what it has read: a file repeats the same dates and heights often."""

    day_first: bool = False
    guarded: bool = False  # text cells carry the formula guard (a dialect for spreadsheets): removed on reading
    _dates: dict[str, dt.date] = field(default_factory=dict)
    _decimals: dict[str, Decimal] = field(default_factory=dict)
    _codes: dict[tuple[type, str], StrEnum] = field(default_factory=dict)

    def read(self, column: Column, value: object) -> Any:
        """The cell's value for ``column`` (None when blank); raises CellError with the reason."""
        if is_blank(value):
            return None
        kind = column.kind
        if kind == "text":
            text = unguard(cell_text(value)) if self.guarded else cell_text(value)
            return text.strip() if column.name in _TRIMMED else text
        if kind == "date":
            return self.date(value)
        if kind == "decimal":
            return self.decimal(value, column)
        if kind == "int":
            return self.integer(value, column)
        if kind == "code":
            assert column.enum is not None
            return self.code(value, column)
        if kind == "bool":
            return read_bool(value, column)
        if kind == "time":
            return read_time(value)
        raise AssertionError(kind)

    def converter(self, column: Column) -> Callable[[object], Any]:
        """:meth:`read` for one column, with the choice by kind made once (a whole file has one kind per column).

        Text cells are read directly (a CSV cell is already the text); other kinds go through ``read`` with its
        memos. Same values, same CellErrors as ``read(column, value)``.
        """
        if column.kind != "text":
            return partial(self.read, column)
        if self.guarded:
            trim = column.name in _TRIMMED

            def unguarded(value: object) -> str | None:
                if type(value) is not str:
                    return self.read(column, value)
                if value[:1] == FORMULA_GUARD and value[1:2] in _FORMULA_FIRST:
                    value = value[1:]
                if trim:
                    return value.strip() or None
                return value if value.strip() else None

            return unguarded
        if column.name in _TRIMMED:

            def trimmed(value: object) -> str | None:
                if type(value) is str:
                    return value.strip() or None  # '' and spaces only are blank
                return None if value is None else cell_text(value).strip()

            return trimmed

        def as_written(value: object) -> str | None:
            if type(value) is str:
                return value if value.strip() else None
            return None if value is None else cell_text(value)

        return as_written

    def date(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise _cell_error(
                N_("'{text}' is a number, not a date; write dates as YYYY-MM-DD (or date cells)"), text=cell_text(value)
            )
        text = value.strip()
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = self._parse_date(text)
        return found

    def _parse_date(self, text: str) -> dt.date:
        iso = _ISO.fullmatch(text)
        if iso:
            return _real_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
        dmy = _DMY.fullmatch(text)
        if dmy:
            first, second, year = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
            if self.day_first:
                return _real_date(year, second, first, text)
            if first <= 12 and second <= 12 and first != second:
                day_first = f"{year:04d}-{second:02d}-{first:02d}"
                raise _cell_error(
                    N_(
                        "'{text}' is ambiguous ({first} {second_month} or {first_month} {second}?): use ISO {iso} or "
                        "pass --day-first (the wizard's 'Dates are day/month/year' box)"
                    ),
                    text=text,
                    first=str(first),
                    second=str(second),
                    first_month=say(_MONTHS[first - 1]),
                    second_month=say(_MONTHS[second - 1]),
                    iso=day_first,
                )
            if first <= 31 and second <= 12:
                raise _cell_error(
                    N_(
                        "'{text}' is not an ISO date: use ISO {iso} or pass --day-first (the wizard's 'Dates are "
                        "day/month/year' box)"
                    ),
                    text=text,
                    iso=f"{year:04d}-{second:02d}-{first:02d}",
                )
            raise _cell_error(N_("'{text}' is not a date day/month/year can read; use ISO YYYY-MM-DD"), text=text)
        if _SHORT_YEAR.fullmatch(text):
            raise _cell_error(
                N_("'{text}' has a two-digit year; write the year with four digits (ISO YYYY-MM-DD)"), text=text
            )
        raise _cell_error(N_("'{text}' is not a date; use ISO YYYY-MM-DD"), text=text)

    def decimal(self, value: object, column: Column) -> Decimal:
        if isinstance(value, bool):
            raise _cell_error(N_("{label}: '{text}' is not a number"), label=_label(column), text=cell_text(value))
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):  # an XLSX numeric cell: its shortest repr is the number the user typed
            try:
                return Decimal(repr(value))
            except InvalidOperation:
                raise _cell_error(
                    N_("{label}: '{text}' is not a number"), label=_label(column), text=str(value)
                ) from None
        text = cell_text(value)
        found = self._decimals.get(text)
        if found is None:
            try:
                parsed = parse_decimal(text, label=_label(column), field=column.name)
            except ValidationFailed as exc:
                said = exc.errors[0].said if len(getattr(exc, "errors", ())) == 1 else None
                raise CellError(str(exc), said) from None
            assert parsed is not None
            found = self._decimals[text] = parsed
        return found

    def integer(self, value: object, column: Column) -> int:
        number = self.decimal(value, column)
        if number != number.to_integral_value():
            raise _cell_error(
                N_("{label}: '{text}' is not a whole number"), label=_label(column), text=cell_text(value)
            )
        return int(number)

    def code(self, value: object, column: Column) -> StrEnum:
        enum = column.enum
        assert enum is not None
        text = cell_text(value)
        key = (enum, text)
        found = self._codes.get(key)
        if found is None:
            found = self._codes[key] = read_code(enum, text, column.label)
        return found


_TRIMMED = frozenset({"mrn", "family_name", "given_name", "barium_type", "knife", "anaesthesia", "operator"})
_TRUE = frozenset({"yes", "y", "true", "t", "1", "si", "sí", "s", "x"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})
# Common ways clinics write codes, besides the code itself and the English label.
_CODE_ALIASES: dict[type, dict[str, str]] = {
    Sex: {"f": "female", "m": "male", "femenino": "female", "masculino": "male", "mujer": "female", "varon": "male"},
    ProcedureType: {"heller": "lhm", "bd": "balloon_dilation", "pd": "balloon_dilation", "botox": "botulinum_toxin"},
}


def read_code(enum: type[StrEnum], text: str, label: str) -> StrEnum:
    """A coded value from its code ('balloon_dilation'), any case, spaces or hyphens, or its English label."""
    key = normalise_header(text)
    for member in enum:
        if key == member.value or key == normalise_header(member.label):  # type: ignore[attr-defined]
            return member
    alias = _CODE_ALIASES.get(enum, {}).get(key)
    if alias is not None:
        return enum(alias)
    allowed = ", ".join(m.value for m in enum)
    raise CellError(f"{label}: '{text.strip()}' is not one of its codes; use one of: {allowed}")


def read_bool(value: object, column: Column) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = cell_text(value).strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise _cell_error(N_("{label}: '{text}' is not yes or no"), label=_label(column), text=cell_text(value))


_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def read_time(value: object) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    text = cell_text(value).strip()
    match = _TIME.fullmatch(text)
    if match:
        try:
            return dt.time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
        except ValueError:
            pass
    raise _cell_error(N_("'{text}' is not a time of day; write HH:MM (24-hour clock)"), text=text)


# --- writing one cell ----------------------------------------------------------------------------------------------


def text_value(value: object) -> str:
    """A value as the exporter writes it in CSV: exact decimals, ISO dates, codes, yes/no; None is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


#: A text cell that starts with one of these would be a formula (or a DDE command) in a spreadsheet; ``'`` is
#: there so that guarding is reversible (a text that itself starts with ``'`` gets a second one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
FORMULA_GUARD = "'"
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # one character each


def guard(text: str) -> str:
    """The text with FORMULA_GUARD in front when a spreadsheet would read it as a formula."""
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """The text :func:`guard` was given (a cell of a guarded dialect, as read back)."""
    if text.startswith(FORMULA_GUARD) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def canonical_columns(table: str) -> list[str]:
    """Every column a header of ``table`` can be mapped to (studies: with the standard films), for the wizard."""
    names = table_header(table, extras=True)
    names += [c.name for c in COLUMNS[table] if c.name not in names]
    return names
