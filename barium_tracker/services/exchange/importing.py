"""Importing the exchange tables: every row checked by the domain's validators, then all of it written or none.

Steps, all inside one database transaction: read every cell (collecting every problem) and check each record with
``domain.validation`` (the GUI's rules; rows.py), resolve each MRN to a stored patient or one the file describes and
recognise duplicates of stored records and of earlier rows (matching.py), and, only when no problem was found,
insert everything with bulk Core INSERTs, with the audit events (writing.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from barium_tracker.domain.i18n import N_
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.matching import find_duplicates, resolve_patients
from barium_tracker.services.exchange.plan import ImportPlan, ImportReport, TableCounts
from barium_tracker.services.exchange.reading import ImportSource, read_import_files
from barium_tracker.services.exchange.rows import parse_table, validate_events
from barium_tracker.services.exchange.tables import TABLES, CellReader, ImportFailed
from barium_tracker.services.exchange.writing import write_import
from barium_tracker.services.patients import gc_paused
from barium_tracker.services.progress import Progress, no_progress

__all__ = ["ImportReport", "TableCounts", "import_files", "import_source"]


def import_files(
    clinic: Clinic,
    paths: Sequence[Path],
    *,
    day_first: bool = False,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> ImportReport:
    """Import CSV/XLSX exchange tables: all rows or none. Raises ImportFailed listing every problem found.

    ``dry_run`` checks everything against the database, reports what would be added and writes nothing.
    """
    with clinic.db.session() as session:
        with gc_paused():  # the file's 100,000 rows of cells are many new objects too (see _import)
            source = read_import_files(paths, day_first=day_first, mapping=mapping, progress=progress)
            report = _import(session, clinic, source, dry_run=dry_run, progress=progress, today=today)
            del source  # freed while the collector is off (see _import)
        return report


def import_source(
    clinic: Clinic,
    source: ImportSource,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> ImportReport:
    """Like :func:`import_files`, for files already read (the wizard reads them once to preview them)."""
    with clinic.db.session() as session:
        return _import(session, clinic, source, dry_run=dry_run, progress=progress, today=today)


def _import(
    session: Session,
    clinic: Clinic,
    source: ImportSource,
    *,
    dry_run: bool,
    progress: Progress,
    today: dt.date | None,
) -> ImportReport:
    """Every step on the session's one transaction: ImportFailed or Cancelled (from ``progress``) leaves the
    session's block with an exception, which rolls back whatever was written; the block commits otherwise."""
    today = today or dt.date.today()
    with gc_paused():
        plan = ImportPlan()
        reader = CellReader(day_first=source.day_first)
        total = sum(len(t.rows) for t in source.tables)
        done = 0
        ordered = sorted(source.tables, key=lambda t: TABLES.index(t.table))
        for data in ordered:
            plan.problems += data.missing_columns()
            done = parse_table(data, reader, plan, progress, done, total)
        connection = session.connection()
        progress(0, None, N_("Checking against the database"))
        resolve_patients(connection, plan, today)
        validate_events(plan, today, progress)
        find_duplicates(connection, plan, progress)
        if plan.problems:
            raise ImportFailed(plan.problems)
        report = ImportReport(
            tables=plan.counts,
            patients_created=len(plan.new_patients),
            dry_run=dry_run,
            files=list(source.paths),
            unknown_columns=source.unknown_columns,
        )
        if not dry_run and not report.nothing_new:
            write_import(connection, clinic, plan, source, report, progress)
        progress(1, 1, N_("Done"))
        # Free every parsed row and record while the collector is still off: once it is back on, its first
        # collection would walk every object allocated since it was paused (~60 ms per 20,000 studies).
        del plan
        return report
