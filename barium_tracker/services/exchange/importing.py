"""Importing the exchange tables: every row checked by the domain's validators, then all of it written or none.

Steps, all inside one database transaction: read every cell (collecting every problem) and check each record with
``domain.validation`` (the GUI's rules; rows.py), resolve each MRN to a stored patient or one the file describes and
recognise duplicates of stored records and of earlier rows (matching.py), and, only when no problem was found,
insert everything with bulk Core INSERTs, with the audit events (writing.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from barium_tracker.domain.i18n import N_
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange.matching import find_duplicates, resolve_patients
from barium_tracker.services.exchange.plan import ImportPlan, ImportReport, TableCounts
from barium_tracker.services.exchange.reading import ImportSource, read_import_files
from barium_tracker.services.exchange.rows import parse_table, validate_events
from barium_tracker.services.exchange.tables import TABLES, CellReader, ImportFailed, problem
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
    encoding: str | None = None,
) -> ImportReport:
    """Import CSV/XLSX exchange tables: all rows or none. Raises ImportFailed listing every problem found.

    ``dry_run`` checks everything against the database, reports what would be added and writes nothing.
    ``encoding`` names the CSV files' text encoding when it is neither UTF-8 nor Windows-1252.
    """
    with _one_at_a_time(), clinic.db.session() as session:
        with gc_paused():  # the file's 100,000 rows of cells are many new objects too (see _import)
            source = read_import_files(
                paths, day_first=day_first, mapping=mapping, progress=progress, encoding=encoding
            )
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
    with _one_at_a_time(), clinic.db.session() as session:
        return _import(session, clinic, source, dry_run=dry_run, progress=progress, today=today)


@contextmanager
def _one_at_a_time() -> Iterator[None]:
    """Two imports at once (two workstations, or two windows, importing the same file): both read the database
    before either writes, so the second's patients collide with the first's on the MRN. Its whole transaction is
    rolled back (the session does that) and it says so, instead of a database traceback."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        said = N_(
            "another import saved some of the same patients or records while this one ran, so nothing of this "
            "import was saved; import the files again, and what is already there will be recognised"
        )
        raise ImportFailed([problem("(the database)", None, None, said)]) from exc


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
        readers: dict[tuple[bool, bool], CellReader] = {}  # one per way of reading cells (they remember values)
        total = sum(len(t.rows) for t in source.tables)
        done = 0
        ordered = sorted(source.tables, key=lambda t: TABLES.index(t.table))
        for data in ordered:
            plan.problems += data.missing_columns()
            dialect = data.dialect
            how = (
                source.day_first or (dialect is not None and dialect.day_first),
                bool(dialect and dialect.formula_guard),
            )
            reader = readers.get(how)
            if reader is None:
                reader = readers[how] = CellReader(day_first=how[0], guarded=how[1])
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
