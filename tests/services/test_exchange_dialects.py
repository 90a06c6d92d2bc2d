"""The exchange tables as CSV for a spreadsheet in Spanish (``csv-excel``): the bytes written, what a Spanish
spreadsheet makes of them (parsed here the way its CSV import does: semicolons, decimal comma, day-first dates,
formulas), and the import reading them back. tools/check_spreadsheet.py does the same with LibreOffice itself."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barium_tracker.domain.records import ColumnMeasurement
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo, seed_case
from barium_tracker.services.exchange import export_tables, import_files, read_import_files
from barium_tracker.services.exchange.dialects import CANONICAL_CSV, CSV_DIALECTS, SPREADSHEET_CSV
from barium_tracker.services.exchange.tables import COLUMN_BY_NAME, FILM_COLUMN, CellReader, guard, text_value, unguard
from barium_tracker.services.patients import load_all_histories, load_history
from barium_tracker.services.records import save_history
from tests.services.test_exchange import TODAY, exchanged

NOTE = 'Dijo "mejor"; come; sólido\nsegunda línea'


@pytest.fixture
def other_clinic(tmp_path: Path) -> Any:
    with Clinic.open(tmp_path / "other.sqlite3") as opened:
        yield opened


def _awkward_patient(clinic: Clinic) -> None:
    """The seed case, with texts a spreadsheet would mangle: formulas, signs, quotes, semicolons, line breaks."""
    history = seed_case()
    history.patient.mrn = "XLS-1"
    history.patient.family_name = '=HYPERLINK("http://x";"clic")'
    history.patient.given_name = "@Ana"
    history.patient.notes = "-77,5 es texto aquí"
    history.studies[0].notes = NOTE
    history.studies[1].notes = "+3 cm"
    history.studies[0].study_time = dt.time(9, 30)
    history.studies[0].measurements.append(ColumnMeasurement(minute=10, height_cm=Decimal(0)))
    history.procedures[0].notes = "'ya citado"
    history.procedures[0].complication_text = "\tsangrado leve"
    history.eckardt[0].notes = "\rretorno"
    save_history(clinic, history, source="test")


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


# --- the bytes -----------------------------------------------------------------------------------------------------


def test_the_files_are_utf8_with_bom_semicolons_and_crlf(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, cohort_size=5)
    _awkward_patient(clinic)
    files = export_tables(clinic, tmp_path / "hoja", fmt="csv-excel")
    assert [f.name for f in files] == ["patients.csv", "studies.csv", "procedures.csv", "eckardt.csv"]
    for path in files:
        data = path.read_bytes()
        assert data.startswith(codecs.BOM_UTF8), path.name
        assert data.count(codecs.BOM_UTF8) == 1
        data.decode("utf-8")  # UTF-8 throughout
        header = data[3:].split(b"\r\n", 1)[0].decode()
        assert ";" in header and "," not in header  # the canonical column names, semicolon-separated
        # Every line ends with CRLF; a bare LF only inside a quoted note.
        assert data.endswith(b"\r\n")
        lone_returns = data.replace(b"\r\n", b"").count(b"\r")
        assert lone_returns == (1 if path.name == "eckardt.csv" else 0), path.name  # the note that starts with CR
    studies = files[1].read_bytes().decode("utf-8-sig")
    assert studies.splitlines()[0].split(";")[:7] == [
        "mrn",
        "family_name",
        "given_name",
        "birth_date",
        "sex",
        "diagnosis",
        "study_date",
    ]


def test_numbers_dates_and_texts_as_a_spanish_spreadsheet_reads_them(clinic: Clinic, tmp_path: Path) -> None:
    _awkward_patient(clinic)
    files = export_tables(clinic, tmp_path / "hoja", fmt="csv-excel")
    raw = files[1].read_bytes().decode("utf-8-sig")
    # The seed case's films: 12 cm before POEM, 2,7 cm after; dates day first; the note quoted, its quotes doubled.
    assert ";12;" in raw and ";2,7;" in raw
    assert re.search(r";\d{2}/\d{2}/\d{4};", raw)
    assert '"Dijo ""mejor""; come; sólido\nsegunda línea"' in raw
    assert "'=HYPERLINK" in raw and ";'@Ana;" in raw and ";09:30:00;" in raw
    studies = _rows(files[1])
    before, after = (r for r in studies if r["mrn"] == "XLS-1")
    assert (before["height_5min_cm"], after["height_5min_cm"]) == ("12", "2,7")
    assert before["width_5min_cm"] == "" and before["height_10min_cm"] == "0"  # empty = not measured; 0 = emptied
    assert before["notes"] == NOTE  # semicolons, quotes and the line break survive inside one cell
    assert after["notes"] == "'+3 cm"
    seed = load_history(clinic, mrn="XLS-1")
    assert before["study_date"] == seed.studies[0].study_date.strftime("%d/%m/%Y")
    assert before["birth_date"] == seed.patient.birth_date.strftime("%d/%m/%Y")  # type: ignore[union-attr]
    patient = _rows(files[0])[0]
    assert patient["notes"] == "'-77,5 es texto aquí"  # a text that looks like a number stays text
    assert patient["family_name"].startswith("'=HYPERLINK(")
    procedures = _rows(files[2])
    assert procedures[0]["notes"] == "''ya citado" and procedures[0]["complication_text"] == "'\tsangrado leve"
    poem = next(r for r in procedures if r["procedure_type"] == "poem")  # codes as the import reads them
    assert (poem["rescue"], poem["access"], poem["duration_min"]) == ("yes", "posterior", "44")
    assert _rows(files[3])[0]["notes"] == "'\rretorno"


def test_a_negative_number_stays_a_number_and_thousands_have_no_separator() -> None:
    cell = SPREADSHEET_CSV.cell
    assert cell(Decimal("-77.5")) == "-77,5"
    assert cell(Decimal("-0.25")) == "-0,25"
    assert cell(-12) == "-12"
    assert cell(Decimal("1234.5")) == "1234,5" and cell(Decimal("1E+3")) == "1000"
    assert cell(Decimal("2.70")) == "2,70"  # exact digits, as stored
    assert cell("-77,5") == "'-77,5"  # the same characters as text: guarded
    assert cell(None) == "" and cell("") == ""
    assert cell(True) == "yes" and cell(dt.date(2015, 3, 14)) == "14/03/2015"
    assert cell(dt.date(987, 1, 2)) == "02/01/0987"


def test_the_canonical_dialect_is_the_exchange_format_with_text_cells_guarded() -> None:
    values: list[object] = [None, True, False, Decimal("2.7"), Decimal("-77.5"), 3, dt.date(2015, 3, 14)]
    values += [dt.time(9, 30), "plain"]
    assert [CANONICAL_CSV.cell(v) for v in values] == [text_value(v) for v in values]
    assert [CANONICAL_CSV.cell(v) for v in ("=texto", "-3", "'quoted")] == ["'=texto", "'-3", "''quoted"]
    assert set(CSV_DIALECTS) == {"csv", "csv-excel"}


@given(st.text())
def test_the_formula_guard_is_reversible_and_leaves_no_formula(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


# --- what a Spanish spreadsheet makes of the file ------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+(,\d+)?")
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}")


def _spreadsheet_value(cell: str) -> object:
    """A cell as a spreadsheet with a decimal-comma locale types it on CSV import (Calc's and Excel's rules for
    what they convert): a number, a date, a time, a formula (a cell starting with = + - @), or text."""
    if cell == "":
        return None
    if _NUMBER.fullmatch(cell):
        return Decimal(cell.replace(",", "."))
    date = _DATE.fullmatch(cell)
    if date:
        return dt.date(int(date[3]), int(date[2]), int(date[1]))
    if _TIME.fullmatch(cell):
        return dt.time.fromisoformat(cell)
    if cell.startswith(("=", "+", "-", "@")):
        return ("formula", cell)
    return cell


def test_a_spanish_spreadsheet_sees_numbers_dates_and_no_formulas(clinic: Clinic, tmp_path: Path) -> None:
    populate_demo(clinic, cohort_size=30)
    _awkward_patient(clinic)
    files = export_tables(clinic, tmp_path / "hoja", fmt="csv-excel")
    kinds = {"decimal": (Decimal,), "int": (Decimal,), "date": (dt.date,), "time": (dt.time,)}
    counted = {"number": 0, "date": 0, "text": 0}
    for path in files:
        table = path.stem
        for row in _rows(path):
            for name, cell in row.items():
                value = _spreadsheet_value(cell)
                assert not (isinstance(value, tuple) and value[0] == "formula"), (path.name, name, cell)
                if value is None:
                    continue
                film = FILM_COLUMN.fullmatch(name)
                kind = "decimal" if film else COLUMN_BY_NAME[table][name].kind
                if kind in kinds:
                    assert isinstance(value, kinds[kind]), (path.name, name, cell)
                    counted["date" if kind == "date" else "number"] += kind != "time"
                elif kind == "text" and name not in ("mrn",):
                    counted["text"] += 1
    assert counted["number"] > 500 and counted["date"] > 100 and counted["text"] > 0


# --- reading it back -----------------------------------------------------------------------------------------------


def test_the_import_reads_the_spreadsheet_csv_back_unchanged(
    clinic: Clinic, other_clinic: Clinic, tmp_path: Path
) -> None:
    populate_demo(clinic, cohort_size=25)
    _awkward_patient(clinic)
    before = {h.patient.mrn: exchanged(h) for h in load_all_histories(clinic)}
    files = export_tables(clinic, tmp_path / "hoja", fmt="csv-excel")
    source = read_import_files(files)
    assert all(t.dialect is SPREADSHEET_CSV for t in source.tables)
    assert "semicolon-separated, dates day/month/year" in source.tables[1].describe()
    report = import_files(other_clinic, files, today=TODAY)  # no --day-first needed: the dialect says so
    assert report.patients_created == len(before)
    after = {h.patient.mrn: exchanged(h) for h in load_all_histories(other_clinic)}
    assert after == before
    awkward = after["XLS-1"]
    assert awkward["patient"]["family_name"].startswith("=HYPERLINK")
    assert awkward["studies"][0]["notes"] == NOTE and awkward["procedures"][0]["notes"] == "'ya citado"


def test_a_semicolon_file_a_clinic_wrote_is_read_day_first_and_iso_still_works(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "estudios.csv"
    path.write_bytes(
        "mrn;family_name;given_name;study_date;height_5min_cm;notes\r\n"
        "P-9;Quispe;Rosa;03/04/2024;2,7;'=no es fórmula\r\n"
        "P-9;;;2024-05-06;1,5;\r\n".encode()
    )
    import_files(clinic, [path], today=TODAY)
    studies = load_history(clinic, mrn="P-9").studies
    assert [(s.study_date, s.height_at(5), s.notes) for s in studies] == [
        (dt.date(2024, 4, 3), Decimal("2.7"), "=no es fórmula"),
        (dt.date(2024, 5, 6), Decimal("1.5"), ""),
    ]


# --- LibreOffice itself (where it is installed) ----------------------------------------------------------------------

_FIGURES = re.compile(
    r"^(es-\w\w) \(language id \d+\): (\d+) number, (\d+) date, (\d+) time, (\d+) text, (\d+) formula"
)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Calc (soffice) is not installed")
def test_libreoffice_calc_opens_numbers_and_dates_with_a_decimal_comma_locale(tmp_path: Path) -> None:
    """tools/check_spreadsheet.py: Calc in Spanish (Spain) reads every number and date as such and no formula;
    Calc in Spanish (Peru) writes the decimal point, so there the decimals stay text (docs/file-formats.md)."""
    tool = Path(__file__).resolve().parents[2] / "tools" / "check_spreadsheet.py"
    done = subprocess.run(
        [sys.executable, str(tool), "--locale", "es-ES", "--locale", "es-PE", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = {m[1]: m for m in map(_FIGURES.match, done.stdout.splitlines()) if m}
    assert set(lines) == {"es-ES", "es-PE"}, done.stdout + done.stderr
    spain, peru = lines["es-ES"], lines["es-PE"]
    assert "es-ES (language id 3082)" in done.stdout and ": OK" in done.stdout.splitlines()[0]
    assert int(spain[2]) > 1000 and int(spain[3]) > 300 and int(spain[6]) == 0  # numbers, dates, no formula
    assert int(peru[2]) < int(spain[2]) and int(peru[5]) > int(spain[5]) and int(peru[6]) == 0
    assert "height_5min_cm: '2,7' is text, not number" in done.stdout
    assert done.returncode == 1  # the Peru locale's text cells are reported as wrong


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
# NUL aside: a file holding one is refused as "not a text (CSV) file", in every dialect.
@given(
    notes=st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1).filter(
        lambda t: t.strip() != ""
    )
)
def test_any_note_goes_through_the_spreadsheet_csv_and_back(
    tmp_path_factory: pytest.TempPathFactory, notes: str
) -> None:
    """Whatever a note holds (quotes, semicolons, line breaks, a leading = or '), the written cell is never a formula
    and the import reads the same text back."""
    folder = tmp_path_factory.mktemp("notes")
    path = folder / "patients.csv"
    dialect = SPREADSHEET_CSV
    with path.open("w", encoding=dialect.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=dialect.separator, lineterminator=dialect.line_end)
        writer.writerow(["mrn", "notes"])
        writer.writerow([dialect.cell("P-1"), dialect.cell(notes)])
    written = _rows(path)[0]["notes"]
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    (table,) = read_import_files([path]).tables
    reader = CellReader(day_first=dialect.day_first, guarded=dialect.formula_guard)
    assert reader.read(COLUMN_BY_NAME["patients"]["notes"], table.rows[0][1]) == notes
