"""Exporting the exchange tables (patients, studies, procedures, eckardt) as a folder of CSV files (in one of the
dialects of :mod:`.dialects`: canonical, or for a Spanish spreadsheet) or one XLSX workbook.

What is written imports back into an empty database as the same patients, studies, procedures and Eckardt scores
(manometry and endoscopy are not part of the exchange tables). Files are written under temporary names and renamed
only when everything is written, so a failure or a cancel leaves no partial file behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.records import PatientHistory
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.dialects import CSV_DIALECTS, CsvDialect
from barium_tracker.services.exchange.tables import (
    COLUMNS,
    STANDARD_FILM_MINUTES,
    STUDY_COLUMNS,
    TABLES,
    study_header,
    text_value,
)
from barium_tracker.services.output_files import writing
from barium_tracker.services.patients import load_all_histories, load_history
from barium_tracker.services.progress import Progress, no_progress

_PROGRESS_EVERY = 500


def export_tables(
    clinic: Clinic,
    destination: Path,
    *,
    fmt: Literal["csv", "csv-excel", "xlsx"],
    mrns: Sequence[str] | None = None,
    progress: Progress = no_progress,
) -> list[Path]:
    """Write every patient (or those of ``mrns``) as the exchange tables; returns the files written.

    csv: ``destination`` is a folder (created if needed) that receives patients.csv, studies.csv, procedures.csv and
    eckardt.csv (UTF-8 with BOM, comma-separated, decimal point, ISO dates). csv-excel: the same files for a
    spreadsheet set to Spanish (semicolons, decimal comma, dates 14/03/2015, no formulas: ``SPREADSHEET_CSV``).
    xlsx: ``destination`` is the workbook, with one sheet per table.
    """
    if fmt not in (*CSV_DIALECTS, "xlsx"):
        choices = ", ".join(CSV_DIALECTS)
        raise UserError(
            say(N_("Unknown export format '{format}': choose {choices} or xlsx."), format=fmt, choices=choices)
        )
    destination = Path(destination)
    progress(0, None, N_("Loading records"))
    histories = load_all_histories(clinic) if mrns is None else [load_history(clinic, mrn=mrn) for mrn in mrns]
    tables = _tables(histories)
    with writing(destination, "export", folder=fmt in CSV_DIALECTS):
        if fmt in CSV_DIALECTS:
            return _write_csv(destination, tables, len(histories), progress, CSV_DIALECTS[fmt])
        return [_write_xlsx(destination, tables, len(histories), progress)]


# --- table rows ----------------------------------------------------------------------------------------------------


def _tables(histories: list[PatientHistory]) -> dict[str, tuple[list[str], Iterator[tuple[int, list[Any]]]]]:
    """Each table's header and a generator of (patient number, row values) pairs."""
    minutes = set(STANDARD_FILM_MINUTES)
    for history in histories:
        for study in history.studies:
            minutes.update(m.minute for m in study.measurements)
    header = {
        "patients": [c.name for c in COLUMNS["patients"]],
        "studies": study_header(sorted(minutes), extras=True),
        "procedures": [c.name for c in COLUMNS["procedures"]],
        "eckardt": [c.name for c in COLUMNS["eckardt"]],
    }
    return {table: (header[table], _rows(table, header[table], histories)) for table in TABLES}


_STUDY_FIELD = {c.name: c.field for c in STUDY_COLUMNS}


def _rows(table: str, header: list[str], histories: list[PatientHistory]) -> Iterator[tuple[int, list[Any]]]:
    fields = {c.name: c.field for c in COLUMNS[table]}
    for number, history in enumerate(histories):
        patient = history.patient
        if table == "patients":
            yield number, [getattr(patient, fields[name]) for name in header]
        elif table == "studies":
            for study in history.studies:
                films = {m.minute: m for m in study.measurements}
                values: list[Any] = []
                for name in header:
                    if name.startswith(("height_", "width_")) and name.endswith("min_cm"):
                        kind, _, rest = name.partition("_")
                        film = films.get(int(rest.removesuffix("min_cm")))
                        values.append(None if film is None else getattr(film, f"{kind}_cm"))
                    elif name in ("mrn", "family_name", "given_name", "birth_date", "sex", "diagnosis"):
                        values.append(getattr(patient, name))
                    else:
                        values.append(getattr(study, _STUDY_FIELD[name]))
                yield number, values
        else:
            events = history.procedures if table == "procedures" else history.eckardt
            for event in events:
                yield number, [patient.mrn if name == "mrn" else getattr(event, fields[name]) for name in header]


# --- CSV -----------------------------------------------------------------------------------------------------------


def _write_csv(
    folder: Path,
    tables: dict[str, tuple[list[str], Iterator[tuple[int, list[Any]]]]],
    total: int,
    progress: Progress,
    dialect: CsvDialect,
) -> list[Path]:
    partial: list[Path] = []
    final: list[Path] = []
    try:
        for position, (table, (header, rows)) in enumerate(tables.items()):
            target = folder / f"{table}.csv"
            temporary = folder / f".{table}.csv.partial"
            partial.append(temporary)
            final.append(target)
            with temporary.open("w", encoding=dialect.encoding, newline="") as handle:
                writer = csv.writer(handle, delimiter=dialect.separator, lineterminator=dialect.line_end)
                writer.writerow(header)
                cell = dialect.cell
                for count, (number, values) in enumerate(rows):
                    if count % _PROGRESS_EVERY == 0:
                        progress(position * total + number, len(tables) * total, f"Writing {table}.csv")
                    writer.writerow([cell(v) for v in values])
        for temporary, target in zip(partial, final, strict=True):
            os.replace(temporary, target)
    except BaseException:
        for temporary in partial:
            temporary.unlink(missing_ok=True)
        raise
    progress(1, 1, "Done")
    return final


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _write_xlsx(
    target: Path, tables: dict[str, tuple[list[str], Iterator[tuple[int, list[Any]]]]], total: int, progress: Progress
) -> Path:
    from openpyxl import Workbook  # ~100 ms to import: only when a workbook is written
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    temporary = target.with_name(f".{target.name}.partial")
    workbook = Workbook(write_only=True)
    try:
        bold = Font(bold=True)
        for position, (table, (header, rows)) in enumerate(tables.items()):
            sheet = workbook.create_sheet(table)
            sheet.freeze_panes = "A2"
            head = []
            for name in header:
                cell = WriteOnlyCell(sheet, value=name)
                cell.font = bold
                head.append(cell)
            sheet.append(head)
            for count, (number, values) in enumerate(rows):
                if count % _PROGRESS_EVERY == 0:
                    progress(position * total + number, len(tables) * total, f"Writing sheet {table}")
                sheet.append([_xlsx_value(sheet, v, WriteOnlyCell) for v in values])
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        _discard(workbook)
        temporary.unlink(missing_ok=True)
        raise
    progress(1, 1, "Done")
    return target


def _discard(workbook: Any) -> None:
    """Close a write-only workbook's sheets that were never saved and remove their temporary files."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        try:
            if not sheet.closed:
                sheet.close()
            if writer is not None:
                writer.cleanup()
        except (OSError, ValueError, KeyError):
            pass


def _xlsx_value(sheet: Any, value: Any, cell_type: Any) -> Any:
    """Numbers as numeric cells (a Decimal is written as its exact digits), dates as date cells, codes as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return text_value(value)
    if isinstance(value, int | Decimal | dt.date):
        return value
    text = text_value(value)
    if text.startswith("="):  # text, not a formula: notes may start with '='
        cell = cell_type(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text
