"""Reading exchange files as clinics write them: CSV (comma, semicolon or tab; UTF-8, BOM or Windows-1252) and XLSX.

Reading only splits files into tables, headers and raw cells; the importer reads each cell's value (so one bad date
is reported with every other problem, not on its own).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from barium_tracker.domain.i18n import N_
from barium_tracker.services.exchange.tables import (
    COLUMN_BY_NAME,
    ImportFailed,
    ImportProblem,
    canonical_name,
    cell_text,
    detect_table,
    is_blank,
    problem,
)
from barium_tracker.services.progress import Progress, no_progress

CSV_SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(slots=True)
class TableData:
    """One table read from a CSV file or an XLSX sheet: its header (as written) and its rows of raw cells."""

    table: str
    source: str  # "studies.csv" or "clinic.xlsx sheet studies"
    path: Path
    headers: list[str]
    columns: list[str | None]  # the canonical column of each header; None unknown, "" ignored on purpose
    rows: list[tuple[Any, ...]]
    row_numbers: list[int]
    row_label: str  # "line" (CSV) or "row" (XLSX)
    header_number: int = 1
    encoding: str = ""
    separator: str = ""

    def where(self, index: int) -> str:
        return f"{self.source} {self.row_label} {self.row_numbers[index]}"

    @property
    def unknown_columns(self) -> list[str]:
        return [h for h, c in zip(self.headers, self.columns, strict=True) if c is None]

    def missing_columns(self) -> list[ImportProblem]:
        """A problem for each required column the header lacks (reported by the import, after the preview)."""
        where = f"{self.source} {self.row_label} {self.header_number}"
        return [
            problem(where, name, None, N_("the {table} table needs a column '{name}'"), table=self.table, name=name)
            for name, spec in COLUMN_BY_NAME[self.table].items()
            if spec.required and name not in self.columns
        ]

    def describe(self) -> str:
        details = [f"{len(self.rows)} rows"]
        if self.encoding:
            details.append(self.encoding)
        if self.separator:
            details.append(f"{_SEPARATOR_NAMES[self.separator]}-separated")
        return f"{self.source}: {self.table} ({', '.join(details)})"


@dataclass(slots=True)
class ImportSource:
    """Every table of the files to import, with how dates are to be read and the user's column mapping."""

    paths: list[Path]
    tables: list[TableData]
    day_first: bool = False
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def unknown_columns(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for data in self.tables:
            unknown = data.unknown_columns
            if unknown:
                found.setdefault(data.source, []).extend(unknown)
        return found


@dataclass(frozen=True, slots=True)
class TablePreview:
    """What the import wizard shows of one table: header, canonical columns, the first rows as text."""

    table: str
    source: str
    headers: list[str]
    columns: list[str | None]
    rows: list[list[str]]
    total_rows: int
    unknown_columns: list[str]
    description: str


def read_import_files(
    paths: Sequence[Path],
    *,
    day_first: bool = False,
    mapping: Mapping[str, str] | None = None,
    progress: Progress = no_progress,
) -> ImportSource:
    """Split the files into tables; raises ImportFailed for unreadable files, missing headers or unknown tables."""
    mapping = dict(mapping or {})
    tables: list[TableData] = []
    problems: list[ImportProblem] = []
    paths = [Path(p) for p in paths]
    if not paths:
        raise ImportFailed([problem("(no files)", None, None, N_("choose at least one CSV or XLSX file"))])
    for number, path in enumerate(paths):
        progress(number, len(paths), "Reading files")
        try:
            if path.suffix.lower() in _XLSX_SUFFIXES or _looks_like_zip(path):
                found, trouble = _read_xlsx(path, mapping)
            else:
                found, trouble = _read_csv(path, mapping)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            found, trouble = [], [problem(path.name, None, None, N_("cannot be read: {reason}"), reason=reason)]
        tables += found
        problems += trouble
    progress(len(paths), len(paths), "Reading files")
    if problems:
        raise ImportFailed(problems)
    return ImportSource(paths=paths, tables=tables, day_first=day_first, mapping=mapping)


def preview(source: ImportSource, limit: int = 50) -> list[TablePreview]:
    """Header and the first ``limit`` rows of each table, as text, for the import wizard."""
    return [
        TablePreview(
            table=data.table,
            source=data.source,
            headers=list(data.headers),
            columns=list(data.columns),
            rows=[[cell_text(v) for v in row] for row in data.rows[:limit]],
            total_rows=len(data.rows),
            unknown_columns=data.unknown_columns,
            description=data.describe(),
        )
        for data in source.tables
    ]


def _looks_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


# --- CSV -----------------------------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding found: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "Windows-1252"


def _header_score(line: str, separator: str, mapping: Mapping[str, str]) -> tuple[int, int]:
    cells = next(csv.reader([line], delimiter=separator), [])
    known = sum(1 for cell in cells if canonical_name(None, cell, mapping))
    return known, len(cells)


def _read_csv(path: Path, mapping: Mapping[str, str]) -> tuple[list[TableData], list[ImportProblem]]:
    data = path.read_bytes()
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        return [], [problem(path.name, None, None, N_("is neither UTF-8 nor Windows-1252 text; save it as UTF-8"))]
    if "\x00" in text:
        return [], [problem(path.name, None, None, N_("is not a text (CSV) file"))]
    first_line = next((line for line in text.splitlines() if line.strip()), None)
    if first_line is None:
        return [], [problem(path.name, None, None, N_("is empty: it needs a header row and at least one row"))]
    separator = max(CSV_SEPARATORS, key=lambda s: _header_score(first_line, s, mapping))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    headers: list[str] | None = None
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    try:
        for cells in reader:
            if headers is None:
                if not any(c.strip() for c in cells):
                    continue
                headers = [c.strip().replace("\ufeff", "") for c in cells]
                header_line = reader.line_num
                continue
            if not "".join(cells).strip():  # every cell blank (one C-level call instead of one per cell)
                continue
            rows.append(tuple(cells))
            numbers.append(reader.line_num)
    except csv.Error as exc:
        where = f"{path.name} line {reader.line_num}"
        return [], [problem(where, None, None, N_("cannot be read as CSV: {reason}"), reason=exc)]
    assert headers is not None
    found, problems = _table(path.stem, path.name, path, headers, rows, numbers, "line", mapping, header_line)
    for table in found:
        table.encoding, table.separator = encoding, separator
    return found, problems


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, mapping: Mapping[str, str]) -> tuple[list[TableData], list[ImportProblem]]:
    from openpyxl import load_workbook  # ~100 ms to import: only when an XLSX file is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, AttributeError, IndexError) as exc:
        reason = N_("is not a readable XLSX workbook (damaged, or another format saved with .xlsx): {error}")
        return [], [problem(path.name, None, None, reason, error=exc.__class__.__name__)]
    tables: list[TableData] = []
    problems: list[ImportProblem] = []
    try:
        for sheet in workbook.worksheets:
            headers: list[str] | None = None
            rows: list[tuple[Any, ...]] = []
            numbers: list[int] = []
            header_row = 0
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if all(is_blank(v) for v in cells):
                    continue
                if headers is None:
                    headers = [cell_text(v).strip() for v in cells]
                    header_row = number
                    continue
                rows.append(tuple(cells))
                numbers.append(number)
            if headers is None:
                continue  # an empty sheet
            while headers and not headers[-1]:
                headers.pop()
            source = f"{path.name} sheet {sheet.title}"
            found, trouble = _table(sheet.title, source, path, headers, rows, numbers, "row", mapping, header_row)
            tables += found
            problems += trouble
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reason = N_("is not a readable XLSX workbook (damaged): {error}")
        return [], [problem(path.name, None, None, reason, error=exc.__class__.__name__)]
    finally:
        workbook.close()
    if not tables and not problems:
        problems.append(problem(path.name, None, None, N_("has no sheet with a header row and data")))
    return tables, problems


# --- both ----------------------------------------------------------------------------------------------------------


def _table(
    hint: str,
    source: str,
    path: Path,
    headers: list[str],
    rows: list[tuple[Any, ...]],
    numbers: list[int],
    label: str,
    mapping: Mapping[str, str],
    header_number: int,
) -> tuple[list[TableData], list[ImportProblem]]:
    where = f"{source} {label} {header_number}"
    known = [canonical_name(None, h, mapping) for h in headers]
    if not any(known):
        example = "mrn,study_date,height_5min_cm"
        return [], [
            problem(
                where,
                None,
                ", ".join(headers[:4]),
                N_("no header row: the first row must name the columns (e.g. {example}); see docs/file-formats.md"),
                example=example,
            )
        ]
    table = detect_table(hint, headers, mapping)
    if table is None:
        return [], [
            problem(
                source,
                None,
                None,
                N_(
                    "is not one of the exchange tables: name the file or sheet studies, procedures, eckardt or "
                    "patients, or give it their columns"
                ),
            )
        ]
    columns = [canonical_name(table, h, mapping) for h in headers]
    problems: list[ImportProblem] = []
    seen: dict[str, str] = {}
    for header, column in zip(headers, columns, strict=True):
        if not column:
            continue
        if column in seen:
            problems.append(
                problem(where, column, header, N_("the column appears twice (also as '{other}')"), other=seen[column])
            )
        seen[column] = header
    if not rows:
        problems.append(problem(source, None, None, N_("has a header row but no data rows")))
    width = len(headers)
    for index, row in enumerate(rows):
        if len(row) > width and any(not is_blank(v) for v in row[width:]):
            problems.append(
                problem(
                    f"{source} {label} {numbers[index]}",
                    None,
                    None,
                    N_("has {cells} cells but the header names {width} columns"),
                    cells=len(row),
                    width=width,
                )
            )
    rows = [row if len(row) == width else (tuple(row[:width]) + ("",) * (width - len(row))) for row in rows]
    data = TableData(table, source, path, headers, columns, rows, numbers, label, header_number)
    return [data], problems
