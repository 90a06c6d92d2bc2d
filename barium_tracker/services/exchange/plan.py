"""What an import has found and will do: the parsed rows, the patients the file describes, the problems, the counts.

The steps of an import (rows.py reads and checks rows, matching.py matches them against the database and each
other, writing.py inserts them; importing.py runs them in one transaction) pass an :class:`ImportPlan` along;
:class:`ImportReport` is what the caller is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.domain.records import Patient
from barium_tracker.services.exchange.reading import TableData
from barium_tracker.services.exchange.tables import TABLES, ImportProblem, cell_text

PROGRESS_EVERY = 2000  # rows between two progress calls
_CHUNK = 500  # MRNs or ids per IN (...) query


# --- the report ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class TableCounts:
    """Rows read from a table, records they add, and rows skipped because the record is already there."""

    rows: int = 0
    new: int = 0
    duplicates: int = 0


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    tables: dict[str, TableCounts]
    patients_created: int
    dry_run: bool
    files: list[Path]
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        return self.patients_created == 0 and all(c.new == 0 for c in self.tables.values())

    def summary_lines(self) -> list[str]:
        """What the import did, in English (the GUI's summary); :meth:`summary_said` as messages."""
        return [str(line) for line in self.summary_said()]

    def summary_said(self) -> list[Message]:
        """What the import did (or would do), a message per line, a whole sentence per case."""
        files = ", ".join(p.name for p in self.files)
        dry = self.dry_run
        lines = [say(N_("Dry run (nothing written): {files}") if dry else N_("Imported: {files}"), files=files)]
        lines.append(
            say(
                N_("Patients: would add {count}") if dry else N_("Patients: added {count}"), count=self.patients_created
            )
        )
        for table in TABLES:
            counts = self.tables.get(table)
            if counts is None or not counts.rows:
                continue
            if dry:
                template = N_("{table}: {rows} rows read, would add {new}, {duplicates} already there (skipped)")
            else:
                template = N_("{table}: {rows} rows read, added {new}, {duplicates} already there (skipped)")
            lines.append(say(template, table=table, rows=counts.rows, new=counts.new, duplicates=counts.duplicates))
        if self.nothing_new:
            lines.append(say(N_("Nothing new: every row is already in the database.")))
        for source, columns in self.unknown_columns.items():
            unknown = ", ".join(columns)
            lines.append(say(N_("{source}: columns not imported (unknown): {columns}"), source=source, columns=unknown))
        return lines


# --- parsed rows ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ParsedRow:
    """One event row of the file, read into its domain record."""

    table: str
    data: TableData
    index: int
    mrn: str
    record: Any
    present: tuple[str, ...]  # record fields whose columns the file has (what duplicates are compared on)
    minutes: tuple[int, ...]  # film minutes whose columns the file has (studies)
    bad: Set[str]  # columns already reported for this row

    @property
    def where(self) -> str:
        return self.data.where(self.index)

    def raw(self, column: str | None) -> str | None:
        if column is None or column not in self.data.columns:
            return None
        return cell_text(self.data.rows[self.index][self.data.columns.index(column)]).strip()


@dataclass(slots=True)
class PatientInfo:
    """What the file says about one patient (from the patients table or the patient columns of studies rows)."""

    mrn: str
    values: dict[str, Any] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    first_where: str = ""
    described: bool = False  # a patients row, or a name on a studies row
    patients_rows: int = 0
    last: dict[str, Any] | None = None  # the patient columns of the latest row that named this MRN


@dataclass(slots=True)
class ImportPlan:
    problems: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=lambda: {t: TableCounts() for t in TABLES})
    info: dict[str, PatientInfo] = field(default_factory=dict)
    rows: list[ParsedRow] = field(default_factory=list)
    stored: dict[str, Patient] = field(default_factory=dict)
    new_patients: dict[str, Patient] = field(default_factory=dict)
    new_rows: list[ParsedRow] = field(default_factory=list)


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``size`` (IN (...) queries, insert batches)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
