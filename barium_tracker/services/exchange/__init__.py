"""Spreadsheet import and export of the exchange tables (studies, procedures, eckardt, patients): CSV and XLSX.

The file formats are documented in docs/file-formats.md; the column lists live in :mod:`.tables`.
"""

from __future__ import annotations

from barium_tracker.services.exchange.exporting import export_tables
from barium_tracker.services.exchange.importing import (
    ImportReport,
    TableCounts,
    import_files,
    import_source,
)
from barium_tracker.services.exchange.reading import ImportSource, TableData, TablePreview, preview, read_import_files
from barium_tracker.services.exchange.tables import (
    COLUMNS,
    TABLES,
    ImportFailed,
    ImportProblem,
    canonical_columns,
    table_header,
)

__all__ = [
    "COLUMNS",
    "TABLES",
    "ImportFailed",
    "ImportProblem",
    "ImportReport",
    "ImportSource",
    "TableCounts",
    "TableData",
    "TablePreview",
    "canonical_columns",
    "export_tables",
    "import_files",
    "import_source",
    "preview",
    "read_import_files",
    "table_header",
]
