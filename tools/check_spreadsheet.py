"""Opens the ``csv-excel`` export in LibreOffice Calc, as a Spanish spreadsheet would, and checks every cell's type.

``python tools/check_spreadsheet.py [--db PATH] [--locale es-ES] [--locale es-PE] [--keep DIR]``

Without ``--db`` it exports a temporary demo database (the seed case, a synthetic cohort, and one patient whose
texts look like formulas and numbers). Each CSV is converted headless (``soffice --convert-to xlsx`` with the CSV
import filter: semicolon, double quote, UTF-8, from line 1, the locale's language id, detect special numbers), then
read with openpyxl: a number column must hold numbers, a date column dates, a time column times, every other column
text, and no cell may be a formula. Prints the figures per locale; exits 1 when a cell has the wrong type.

Needs ``soffice`` (Debian: ``apt-get install libreoffice-calc``). The locale matters: LibreOffice's Spanish (Spain),
Argentina and Colombia write the decimal comma; its Spanish (Peru) and Mexico write the decimal point, so there a
"2,7" stays text (docs/file-formats.md says what to do). tests/services/test_exchange_dialects.py runs it where
soffice exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from barium_tracker.domain.records import ColumnMeasurement
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo, seed_case
from barium_tracker.services.exchange import export_tables
from barium_tracker.services.exchange.dialects import SPREADSHEET_CSV
from barium_tracker.services.exchange.tables import COLUMN_BY_NAME, FILM_COLUMN
from barium_tracker.services.records import save_history

#: Windows language ids (LCID, decimal), the token LibreOffice's CSV filter takes for the locale.
LANGUAGE_IDS = {
    "es-ES": 3082,
    "es-PE": 10250,
    "es-AR": 11274,
    "es-CO": 9226,
    "es-MX": 2058,
    "en-US": 1033,
}
_EXPECTED = {"decimal": "number", "int": "number", "date": "date", "time": "time"}


def filter_options(language_id: int) -> str:
    """The CSV import filter's options: separator 59 (;), text delimiter 34 ("), character set 76 (UTF-8), first
    line 1, default column formats, the language id, quoted fields not forced to text, detect special numbers."""
    separator, quote = ord(SPREADSHEET_CSV.separator), ord('"')
    return f"CSV:{separator},{quote},76,1,,{language_id},false,true"


def demo_database(path: Path) -> None:
    """The demo data and one patient whose texts a spreadsheet would otherwise turn into formulas or numbers."""
    with Clinic.open(path) as clinic:
        populate_demo(clinic, cohort_size=60)
        history = seed_case()
        history.patient.mrn = "XLS-1"
        history.patient.family_name = "=1+1"
        history.patient.notes = "-77,5 es texto"
        history.studies[0].notes = 'Dijo "mejor"; come\nsegunda línea'
        history.studies[1].notes = "+3 cm"
        history.studies[0].study_time = dt.time(9, 30)
        history.studies[0].measurements.append(ColumnMeasurement(minute=10, height_cm=Decimal(0)))
        history.procedures[0].notes = "@persona"
        save_history(clinic, history, source="tools/check_spreadsheet.py")


def convert(files: list[Path], language_id: int, out: Path) -> list[Path]:
    """Each CSV as LibreOffice Calc opens it, saved as .xlsx in ``out``."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: install LibreOffice Calc (Debian: apt-get install libreoffice-calc)")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"  # a profile of its own: no clash with a running LibreOffice
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        f"--infilter={filter_options(language_id)}",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    converted = [out / f"{f.stem}.xlsx" for f in files]
    missing = [p.name for p in converted if not p.exists()]
    if missing:
        raise SystemExit(f"LibreOffice wrote no {', '.join(missing)}")
    return converted


def cell_kind(cell: object) -> str:
    """What Calc made of a cell: number, date, time, text, formula (or empty)."""
    value = getattr(cell, "value", None)
    if value is None:
        return "empty"
    if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
        return "formula"
    if isinstance(value, bool):
        return "text"
    if isinstance(value, dt.datetime):
        return "date" if value.time() == dt.time() else "datetime"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, int | float):
        return "number"
    return "text"


def check(workbooks: list[Path]) -> tuple[Counter[str], list[str]]:
    """The cells of each converted table by kind, and every cell whose kind is not its column's."""
    from openpyxl import load_workbook

    counts: Counter[str] = Counter()
    wrong: list[str] = []
    for path in workbooks:
        table = path.stem
        sheet = load_workbook(path).active
        assert sheet is not None
        rows = sheet.iter_rows()
        header = [str(c.value) for c in next(rows)]
        for row in rows:
            for name, cell in zip(header, row, strict=False):
                kind = cell_kind(cell)
                if kind == "empty":
                    continue
                counts[kind] += 1
                column = "decimal" if FILM_COLUMN.fullmatch(name) else COLUMN_BY_NAME[table][name].kind
                expected = _EXPECTED.get(column, "text")
                if kind != expected:
                    wrong.append(f"{table} {cell.coordinate} {name}: {cell.value!r} is {kind}, not {expected}")
    return counts, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="export this database (default: a temporary demo database)")
    parser.add_argument(
        "--locale", action="append", choices=sorted(LANGUAGE_IDS), help="the spreadsheet's locale (default es-ES)"
    )
    parser.add_argument("--keep", type=Path, help="keep the CSV and converted files in this folder")
    args = parser.parse_args(argv)
    locales = args.locale or ["es-ES"]
    with tempfile.TemporaryDirectory(prefix="check-spreadsheet-") as scratch:
        work = args.keep or Path(scratch)
        database = args.db
        if database is None:
            database = Path(scratch) / "demo.sqlite3"
            demo_database(database)
        with Clinic.open(database) as clinic:
            files = export_tables(clinic, work / "csv-excel", fmt="csv-excel")
        failed = False
        for locale in locales:
            counts, wrong = check(convert(files, LANGUAGE_IDS[locale], work / locale))
            figures = ", ".join(f"{counts[k]} {k}" for k in ("number", "date", "time", "text", "formula", "datetime"))
            verdict = "OK" if not wrong else f"{len(wrong)} cells of the wrong type"
            print(f"{locale} (language id {LANGUAGE_IDS[locale]}): {figures}: {verdict}")
            for line in wrong[:10]:
                print(f"  {line}")
            if len(wrong) > 10:
                print(f"  ... and {len(wrong) - 10} more")
            failed = failed or bool(wrong)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
