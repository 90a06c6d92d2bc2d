"""The CSV dialects of the exchange tables, declared once: the canonical one (for exchange) and the one for people
(a spreadsheet set to Spanish: semicolons, decimal comma, day-first dates).

The exporter writes every cell through a dialect, the reader recognises the people's dialect by its separator and
reads it back (dates day first, the formula guard removed), and docs/file-formats.md describes both;
tests/services/test_exchange_dialects.py checks the bytes and the round trip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from barium_tracker.services.exchange.tables import guard, text_value


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """How one CSV file writes its cells. Only text values are ever guarded: a number (a Decimal or an int from a
    numeric column) is written as a number, so -77,5 stays a number and a note "-77,5" stays text."""

    name: str  # the export format ("csv", "csv-excel"): CLI --format and the export dialog
    separator: str
    decimal_mark: str
    date_order: Literal["iso", "dmy"]  # 2015-03-14, or 14/03/2015 (the import then reads the file day first)
    formula_guard: bool  # text cells a spreadsheet would take for a formula get a ' in front (tables.guard)
    encoding: str = "utf-8-sig"  # UTF-8 with BOM: Excel reads UTF-8 only with it
    line_end: str = "\r\n"

    @property
    def day_first(self) -> bool:
        """Whether the import reads this dialect's dates day first."""
        return self.date_order == "dmy"

    def cell(self, value: object) -> str:
        """One value as this dialect writes it; None is an empty cell."""
        if value is None:
            return ""
        if isinstance(value, bool | StrEnum):
            return text_value(value)  # yes/no and codes, as the import reads them in every dialect
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", self.decimal_mark)  # exact digits, no thousands separator
        if isinstance(value, int):
            return str(value)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            if self.date_order == "iso":
                return value.isoformat()
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        if isinstance(value, dt.time):
            return value.isoformat()  # 09:30:00: a time in every spreadsheet locale
        text = str(value)
        return guard(text) if self.formula_guard else text


#: Exchange between programs and databases: comma, decimal point, ISO dates. Text cells that a spreadsheet would run
#: as a formula carry the guard too (OWASP's advice for CSV files, which people open in spreadsheets whatever their
#: purpose); the import removes it, and only it: a ' before anything else is read as written.
CANONICAL_CSV = CsvDialect(name="csv", separator=",", decimal_mark=".", date_order="iso", formula_guard=True)

#: For people: what Excel or LibreOffice Calc set to a decimal-comma locale opens as numbers and dates (2,7;
#: 14/03/2015), with no cell that becomes a formula. The header keeps the canonical column names and codes, so the
#: import reads the file back (tests/services/test_exchange_dialects.py).
SPREADSHEET_CSV = CsvDialect(name="csv-excel", separator=";", decimal_mark=",", date_order="dmy", formula_guard=True)

CSV_DIALECTS: dict[str, CsvDialect] = {d.name: d for d in (CANONICAL_CSV, SPREADSHEET_CSV)}


def dialect_of_separator(separator: str) -> CsvDialect | None:
    """The dialect a file read with this separator is in, for what the import must undo (None: as written)."""
    return next((d for d in CSV_DIALECTS.values() if d.separator == separator), None)
