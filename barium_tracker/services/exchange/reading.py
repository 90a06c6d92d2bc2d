"""Reading exchange files as clinics write them: CSV (comma, semicolon or tab; UTF-8, BOM or Windows-1252) and XLSX.

Reading only splits files into tables, headers and raw cells; the importer reads each cell's value (so one bad date
is reported with every other problem, not on its own).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.services.exchange.dialects import CsvDialect, dialect_of_separator
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
#: What one table may hold (docs/file-formats.md): far more than a clinic's exchange tables (about 40 columns, a few
#: hundred thousand rows), little enough that a hostile file is refused at once instead of filling the memory.
MAX_COLUMNS = 1000
MAX_ROWS = 1_000_000
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SEPARATED = {",": N_("comma-separated"), ";": N_("semicolon-separated"), "\t": N_("tab-separated")}
_ENCODING_WORDS = {"UTF-8 with BOM": N_("UTF-8 with BOM")}  # the other names found are the encodings' own
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
    dialect: CsvDialect | None = None  # a CSV in a dialect whose cells the import must undo (dates day first...)

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
        return str(self.described())

    def described(self) -> Message:
        """What the wizard says of the table: source, table, rows, encoding, separator, date order (translated)."""
        count = len(self.rows)
        details: list[Message] = [say(N_("1 row")) if count == 1 else say(N_("{count} rows"), count=count)]
        if self.encoding:
            details.append(
                say(_ENCODING_WORDS[self.encoding]) if self.encoding in _ENCODING_WORDS else say(self.encoding)
            )
        if self.separator:
            details.append(say(_SEPARATED[self.separator]))
        if self.dialect is not None and self.dialect.day_first:
            details.append(say(N_("dates day/month/year")))
        return say(
            N_("{source}: {table} ({details})"), source=self.source, table=self.table, details=Joined(tuple(details))
        )


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
    described: Message | None = None  # the description as a message, for the window's language


def read_import_files(
    paths: Sequence[Path],
    *,
    day_first: bool = False,
    mapping: Mapping[str, str] | None = None,
    progress: Progress = no_progress,
    encoding: str | None = None,
) -> ImportSource:
    """Split the files into tables; raises ImportFailed for unreadable files, missing headers or unknown tables.

    ``encoding`` names the text encoding of CSV files (``--encoding``); without it UTF-8 (with or without BOM),
    UTF-16 with BOM, or Windows-1252 text as clinics write it is recognised, and anything else is refused."""
    mapping = dict(mapping or {})
    tables: list[TableData] = []
    problems: list[ImportProblem] = []
    paths = [Path(p) for p in paths]
    if not paths:
        raise ImportFailed([problem("(no files)", None, None, N_("choose at least one CSV or XLSX file"))])
    for number, path in enumerate(paths):
        progress(number, len(paths), N_("Reading files"))
        try:
            if path.suffix.lower() in _XLSX_SUFFIXES or _looks_like_zip(path):
                found, trouble = _read_xlsx(path, mapping)
            else:
                found, trouble = _read_csv(path, mapping, encoding)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            found, trouble = [], [problem(path.name, None, None, N_("cannot be read: {reason}"), reason=reason)]
        tables += found
        problems += trouble
    progress(len(paths), len(paths), N_("Reading files"))
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
            described=data.described(),
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


class NotText(ValueError):
    """The bytes are not text in an encoding the import recognises; ``line`` is where the first wrong byte is."""

    def __init__(self, line: int, said: Message) -> None:
        super().__init__(str(said))
        self.line = line
        self.said = said


#: Beyond ASCII, what Windows-1252 text written by a clinic holds: the letters and signs of Spanish, Portuguese and
#: the other Western European languages, and typographic punctuation. Bytes of another encoding (Shift-JIS, say)
#: read as Windows-1252 give other characters (‚ ƒ ˆ Š Ž ¤ ¦...), or quotes glued between letters ("ŽR“c" is 山田):
#: that file is refused, not stored as mojibake.
_WESTERN_TEXT = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœß¡¿ªº°²³¹µ·±×÷½¼¾«»‹›“”‘’–—…•€£¥§©®™ \u00a0"
)
_QUOTE_INSIDE_A_WORD = re.compile(r"\w[“”‘]\w")  # ’ may be an apostrophe (O’Connor)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding found: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as clinics
    write it; or the ``encoding`` asked for. Raises NotText (with the line) for anything else."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise NotText(
                1,
                say(
                    N_("'{encoding}' is not an encoding this program knows (e.g. utf-8, cp1252, shift_jis)"),
                    encoding=encoding,
                ),
            ) from None
        try:
            return data.decode(name).removeprefix("\ufeff"), name
        except UnicodeDecodeError as exc:
            raise NotText(
                _line_of(data, exc.start),
                say(N_("is not {encoding} text ({reason})"), encoding=encoding, reason=exc.reason),
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            raise NotText(
                _line_of(data, exc.start + 3), say(N_("starts as UTF-8 but holds bytes that are not UTF-8"))
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise NotText(_line_of(data, exc.start), say(N_("starts as UTF-16 but is not UTF-16 text"))) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_wrong = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if (
        text is not None
        and all(ch < "\x80" or ch in _WESTERN_TEXT for ch in text)
        and not _QUOTE_INSIDE_A_WORD.search(text)
    ):
        return text, "Windows-1252"
    raise NotText(
        _line_of(data, first_wrong),
        say(
            N_(
                "is neither UTF-8 nor Windows-1252 text (another encoding, such as Shift-JIS, or damaged bytes): save "
                "it as UTF-8, or choose its encoding (the import's Text encoding list, or --encoding shift_jis on "
                "the command line)"
            )
        ),
    )


def _header_score(line: str, separator: str, mapping: Mapping[str, str]) -> tuple[int, int]:
    try:
        cells = next(csv.reader([line], delimiter=separator), [])
    except csv.Error:  # e.g. one field longer than csv's limit: not this separator
        return (-1, 0)
    known = sum(1 for cell in cells if canonical_name(None, cell, mapping))
    return known, len(cells)


def _read_csv(
    path: Path, mapping: Mapping[str, str], chosen_encoding: str | None = None
) -> tuple[list[TableData], list[ImportProblem]]:
    data = path.read_bytes()
    try:
        text, encoding = decode(data, chosen_encoding)
    except NotText as exc:
        return [], [ImportProblem(f"{path.name} line {exc.line}", None, None, str(exc.said), exc.said)]
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
                header_line = reader.line_num
                if len(cells) > MAX_COLUMNS:
                    return [], [_too_wide(f"{path.name} line {header_line}", len(cells))]
                headers = [c.strip().replace("\ufeff", "") for c in cells]
                continue
            if not "".join(cells).strip():  # every cell blank (one C-level call instead of one per cell)
                continue
            if len(rows) == MAX_ROWS:
                return [], [_too_long(f"{path.name} line {reader.line_num}")]
            rows.append(tuple(cells))
            numbers.append(reader.line_num)
    except csv.Error as exc:
        where = f"{path.name} line {reader.line_num}"
        return [], [problem(where, None, None, N_("cannot be read as CSV: {reason}"), reason=exc)]
    if headers is None:  # only empty cells: '""' lines
        return [], [problem(path.name, None, None, N_("is empty: it needs a header row and at least one row"))]
    found, problems = _table(path.stem, path.name, path, headers, rows, numbers, "line", mapping, header_line)
    for table in found:
        table.encoding, table.separator = encoding, separator
        table.dialect = dialect_of_separator(separator)
    return found, problems


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _too_wide(where: str, count: int) -> ImportProblem:
    return problem(
        where,
        None,
        None,
        N_("the header has {count} columns; at most {limit} are read"),
        count=count,
        limit=MAX_COLUMNS,
    )


def _too_long(where: str) -> ImportProblem:
    return problem(
        where, None, None, N_("the table has more than {limit} rows; split it into several files"), limit=MAX_ROWS
    )


def _read_xlsx(path: Path, mapping: Mapping[str, str]) -> tuple[list[TableData], list[ImportProblem]]:
    """A workbook's sheets; openpyxl parses its XML with defusedxml (no DTD, no entities). Whatever openpyxl or the
    XML parser raises over a damaged or hostile file is that file's problem, never a traceback: the exceptions of a
    third-party parser over untrusted bytes are not a closed set."""
    from openpyxl import load_workbook  # ~100 ms to import: only when an XLSX file is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        reason = N_(
            "is not a readable XLSX workbook (damaged, another format saved with .xlsx, or unsafe XML): {error}"
        )
        return [], [problem(path.name, None, None, reason, error=exc.__class__.__name__)]
    tables: list[TableData] = []
    problems: list[ImportProblem] = []
    try:
        for sheet in workbook.worksheets:
            headers: list[str] | None = None
            rows: list[tuple[Any, ...]] = []
            numbers: list[int] = []
            header_row = 0
            # The rows and cells really present, not the grid the file's <dimension> claims (A1:XFD1048576 would be
            # 17 billion empty cells): without dimensions, a missing row is an empty tuple and a row is as wide as
            # its last cell.
            sheet.reset_dimensions()
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not cells or all(is_blank(v) for v in cells):
                    continue
                if headers is None:
                    header_row = number
                    width = len(cells)
                    while width and is_blank(cells[width - 1]):
                        width -= 1
                    if width > MAX_COLUMNS:
                        return [], [_too_wide(f"{path.name} sheet {sheet.title} row {number}", width)]
                    headers = [cell_text(v).strip() for v in cells]
                    continue
                if len(rows) == MAX_ROWS:
                    return [], [_too_long(f"{path.name} sheet {sheet.title} row {number}")]
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
    except Exception as exc:
        reason = N_("is not a readable XLSX workbook (damaged, or unsafe XML): {error}")
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
