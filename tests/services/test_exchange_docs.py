"""docs/file-formats.md agrees with the exchange tables and the field declaration, column by column.

Every column table of the document is parsed and compared with ``services.exchange.tables`` (names, order, extra or
canonical) and, through it, with ``domain/fields.py``: the type word, the unit, whether it is required, the range
"lo-hi" in the notes (the declared bounds) and the list of codes (the declared enum, with its default). A change of
the declaration or of a table that the document does not follow fails here, naming the column.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from barium_tracker.domain import fields
from barium_tracker.domain.fields import Field, Kind, Record
from barium_tracker.domain.records import EckardtAssessment, Patient, Procedure, TbeStudy
from barium_tracker.services.exchange.tables import (
    COLUMN_BY_NAME,
    COLUMNS,
    FILM_COLUMN,
    TABLES,
    Column,
    film_spec,
    table_header,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-formats.md"
#: The type words of the document, one per kind.
TYPE_WORDS = {
    "text": Kind.TEXT,
    "date": Kind.DATE,
    "time": Kind.TIME,
    "decimal": Kind.DECIMAL,
    "whole number": Kind.INTEGER,
    "yes/no": Kind.BOOL,
    "code": Kind.CODE,
}
FILM_PLACEHOLDERS = {"height_<N>min_cm": "height", "width_<N>min_cm": "width"}
RECORD_TYPES = {
    Record.PATIENT: Patient,
    Record.TBE_STUDY: TbeStudy,
    Record.PROCEDURE: Procedure,
    Record.ECKARDT: EckardtAssessment,
}
_RANGE = re.compile(r"(?<![\w.,-])(-?\d+)-(\d+)(?![\w.]|,\d)")  # 0-30 (not 2,7-3 or 2024-04-03)


@dataclasses.dataclass(frozen=True)
class DocRow:
    names: tuple[str, ...]
    extra: bool
    types: tuple[str, ...]
    units: tuple[str, ...]
    required: str
    notes: str
    line: str


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _sections(text: str) -> dict[str, str]:
    """Each ``## Table `name` ...`` section of the document, by table name."""
    found: dict[str, str] = {}
    for chunk in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = chunk.partition("\n")
        match = re.match(r"Table `(\w+)`", heading)
        if match:
            found[match.group(1)] = body
    return found


SECTIONS = _sections(DOC.read_text(encoding="utf-8"))


def _per_column(cell: str, count: int) -> tuple[str, ...]:
    """'date, text' for two columns is one word each; one word (or none) stands for all of them."""
    parts = [p.strip() for p in cell.split(",")] if cell else [""]
    if len(parts) == count:
        return tuple(parts)
    assert len(parts) == 1, f"'{cell}': one value, or one per column"
    return tuple(parts * count)


def doc_rows(table: str) -> list[DocRow]:
    lines = [line for line in SECTIONS[table].splitlines() if line.startswith("|")]
    assert _cells(lines[0]) == ["column", "type", "unit", "required", "notes"], lines[0]
    rows = []
    for line in lines[2:]:
        column, kind, unit, required, notes = _cells(line)
        names = tuple(re.findall(r"`([^`]+)`", column))
        kind = re.sub(r"\s*\(≤ \d+\)", "", kind)
        rows.append(
            DocRow(
                names=names,
                extra=column.startswith("*extra:*"),
                types=_per_column(kind, len(names)),
                units=_per_column(unit, len(names)),
                required=required,
                notes=notes,
                line=line,
            )
        )
    return rows


def _spec(table: str, name: str) -> Column:
    if name in FILM_PLACEHOLDERS:
        return film_spec(FILM_PLACEHOLDERS[name], 5)
    return COLUMN_BY_NAME[table][name]


def _declared(column: Column) -> Field:
    assert column.declared is not None, f"{column.name} is not declared in domain/fields.py"
    return column.declared


def _number(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f")


def _range(bounds: tuple[Decimal, Decimal] | tuple[int, int]) -> str:
    return f"{_number(bounds[0])}-{_number(bounds[1])}"


def test_the_document_has_a_column_table_for_every_table() -> None:
    assert set(SECTIONS) == set(TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_the_documented_columns_are_the_tables_columns_in_order(table: str) -> None:
    documented = [(name, row.extra) for row in doc_rows(table) for name in row.names]
    expected = [(c.name, not c.canonical) for c in COLUMNS[table]]
    if table == "studies":  # the films sit between barium_volume_ml and notes, as in the header
        at = [name for name, _ in expected].index("barium_volume_ml") + 1
        expected[at:at] = [(name, False) for name in FILM_PLACEHOLDERS]
    assert documented == expected


@pytest.mark.parametrize("table", TABLES)
def test_type_unit_and_required_are_the_declarations(table: str) -> None:
    for row in doc_rows(table):
        for name, word, unit in zip(row.names, row.types, row.units, strict=True):
            column = _spec(table, name)
            declared = _declared(column)
            assert TYPE_WORDS.get(word) == declared.kind == column.kind, f"{table}.{name}: type '{word}'"
            assert unit == declared.unit == column.unit, f"{table}.{name}: unit '{unit}'"
        required = {_spec(table, name).required for name in row.names}
        assert len(required) == 1, row.line
        assert row.required.startswith("yes") == required.pop(), f"{table} {row.names}: required '{row.required}'"


@pytest.mark.parametrize("table", TABLES)
def test_ranges_and_decimals_in_the_notes_are_the_declared_bounds(table: str) -> None:
    for row in doc_rows(table):
        declared = [_declared(_spec(table, name)) for name in row.names]
        if any(name in FILM_PLACEHOLDERS for name in row.names):
            declared.append(fields.film("minute"))  # "one pair per film minute N (0-60)"
        expected = {_range(d.bounds) for d in declared if d.bounds is not None}
        found = {f"{lo}-{hi}" for lo, hi in _RANGE.findall(row.notes)}
        assert found == expected, f"{table} {row.names}: ranges in '{row.notes}'"
        for places in re.findall(r"at most (\d+) decimals", row.notes):
            assert {d.decimals for d in declared if d.kind is Kind.DECIMAL} == {int(places)}, row.line


@pytest.mark.parametrize("table", TABLES)
def test_code_lists_are_the_declared_enums_with_their_defaults(table: str) -> None:
    not_codes = {*COLUMN_BY_NAME[table], *TABLES, *FILM_PLACEHOLDERS}
    for row in doc_rows(table):
        codes = [c for c in re.findall(r"`([^`]+)`", row.notes) if c not in not_codes and not FILM_COLUMN.fullmatch(c)]
        enums = {_declared(_spec(table, name)).enum for name in row.names}
        if enums == {None}:
            assert not codes, f"{table} {row.names}: codes {codes} in the notes of a column without codes"
            continue
        (enum,) = enums
        assert enum is not None
        assert codes == [m.value for m in enum], f"{table} {row.names}: codes in '{row.notes}'"
        defaults = re.findall(r"`(\w+)` \(default\)", row.notes)
        (declared,) = {_declared(_spec(table, name)) for name in row.names}
        default = next(f.default for f in dataclasses.fields(RECORD_TYPES[declared.record]) if f.name == declared.name)
        if default is None or default is dataclasses.MISSING:
            assert not defaults, row.line
        else:
            assert defaults == [default.value], f"{table}.{declared.name}: the default is {default.value}"


def test_the_mrn_length_is_the_declared_one() -> None:
    for table in TABLES:
        for line in SECTIONS[table].splitlines():
            for length in re.findall(r"≤ (\d+)", line):
                assert line.startswith("| `mrn` |") and int(length) == fields.MRN_MAX_LENGTH, line


@pytest.mark.parametrize("table", TABLES)
def test_the_example_header_is_the_exporters(table: str) -> None:
    example = re.search(r"```csv\n(.*?)\n", SECTIONS[table])
    assert example is not None, f"no CSV example for {table}"
    header = example.group(1).split(",")
    assert header in (table_header(table, extras=False), table_header(table, extras=True))


def test_every_type_word_is_described_under_cell_values() -> None:
    text = DOC.read_text(encoding="utf-8")
    cell_values = text.split("## Cell values", 1)[1].split("\n## ", 1)[0]
    described = {_cells(line)[0] for line in cell_values.splitlines() if line.startswith("|")}
    words = {"decimal" if w == "decimal" else w for w in TYPE_WORDS}
    assert words <= described
