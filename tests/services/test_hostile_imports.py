"""Hostile and broken import files end in the importer's own error (file, line or sheet/row, column, reason), never
a traceback, a hang or mojibake: huge headers, a zip named .csv, XML entities, a workbook whose dimension claims a
million rows, text in an encoding that is neither UTF-8 nor Windows-1252, two imports of one file at once; and a
fuzz test over CSV and XLSX bytes and cells."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange import import_files, read_import_files
from barium_tracker.services.exchange.reading import MAX_COLUMNS
from barium_tracker.services.exchange.tables import ImportFailed
from barium_tracker.services.patients import load_history
from tests.services.test_exchange import TODAY


def _problems(paths: list[Path], **options: object) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        read_import_files(paths, **options)  # type: ignore[arg-type]
    return [str(p) for p in failed.value.problems]


def test_a_header_of_100000_columns_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_text("mrn," + ",".join(f"c{i}" for i in range(100_000)) + "\nP-1," + "x," * 99_999 + "\n")
    (problem,) = _problems([path])
    assert "patients.csv line 1" in problem and f"at most {MAX_COLUMNS}" in problem and "100001 columns" in problem


def test_one_field_larger_than_the_csv_limit_is_a_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_text("mrn\tnotes\nP-1\t" + "y" * 200_000 + "\n")  # one field over csv's 131,072 characters
    (problem,) = _problems([path])
    assert "patients.csv line" in problem and "cannot be read as CSV" in problem


def test_a_zip_that_is_not_a_workbook_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "studies.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    (problem,) = _problems([path])
    assert "studies.csv" in problem and "not a readable XLSX workbook" in problem


def _xlsx_with_sheet_xml(path: Path, sheet_xml: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "patients"
    book.active.append(["mrn", "family_name"])
    book.active.append(["P-1", "Quispe"])
    book.save(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_xml_entities_in_a_workbook_are_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>mrn</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    path = _xlsx_with_sheet_xml(tmp_path / "clinic.xlsx", bomb)
    (problem,) = _problems([path])
    assert "clinic.xlsx" in problem and "not a readable XLSX workbook" in problem


def test_a_workbook_whose_dimension_claims_the_whole_grid_is_read_at_once(tmp_path: Path) -> None:
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>mrn</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>family_name</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>P-1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Quispe</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>'
    )
    path = _xlsx_with_sheet_xml(tmp_path / "clinic.xlsx", sheet)
    assert path.stat().st_size < 10_000
    finished: list[list[str]] = []
    worker = threading.Thread(target=lambda: finished.append(_problems([path])), daemon=True)
    worker.start()
    worker.join(timeout=60)  # not minutes: the rows really present are read, not the claimed grid
    assert finished, "reading a 2 KB workbook did not finish within a minute"
    (problem,) = finished[0]
    assert "sheet patients row 1048576" in problem and "16384 cells" in problem


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ("mrn,family_name\nJP-1,山田\nJP-2,佐藤\n".encode("shift_jis"), 2),
        (b"mrn,family_name\nP-1,Quispe\nP-2,\x83n\x83i\x82\xa0\n", 3),  # invalid UTF-8, Shift-JIS-like bytes
    ],
)
def test_text_in_another_encoding_is_refused_with_its_line_never_stored_as_mojibake(
    clinic: Clinic, tmp_path: Path, data: bytes, line: int
) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as failed:
        import_files(clinic, [path], today=TODAY)
    (problem,) = [str(p) for p in failed.value.problems]
    assert f"patients.csv line {line}" in problem and "--encoding" in problem and "UTF-8" in problem
    with pytest.raises(Exception):  # noqa: B017 - nothing was stored
        load_history(clinic, mrn="JP-1")


def test_the_encoding_can_be_chosen(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name\nJP-1,山田\n".encode("shift_jis"))
    import_files(clinic, [path], today=TODAY, encoding="shift_jis")
    assert load_history(clinic, mrn="JP-1").patient.family_name == "山田"
    (problem,) = _problems([path], encoding="klingon")
    assert "klingon" in problem and "not an encoding" in problem


def test_windows_1252_spanish_is_still_read_as_such(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name,notes\nP-1,Núñez,“disfagia” a sólidos – 2 años\n".encode("cp1252"))
    import_files(clinic, [path], today=TODAY)
    patient = load_history(clinic, mrn="P-1").patient
    assert patient.family_name == "Núñez" and patient.notes == "“disfagia” a sólidos – 2 años"


# --- fuzzing ---------------------------------------------------------------------------------------------------------

HEADERS = ["mrn", "family_name", "study_date", "height_5min_cm", "procedure_type", "notes", "dysphagia", "x"]


def _no_escape(paths: list[Path], clinic: Clinic) -> None:
    """The only exception an import may raise is the importer's own: ImportFailed with its problems."""
    try:
        import_files(clinic, paths, today=TODAY, dry_run=True)
    except ImportFailed as failed:
        assert failed.problems and all(str(p) for p in failed.problems)


#: A few hundred examples in every run; thousands with e.g. BARIUM_FUZZ_EXAMPLES=5000 pytest -m fuzz.
FUZZ_EXAMPLES = int(os.environ.get("BARIUM_FUZZ_EXAMPLES", "150"))


def FUZZ(test):  # a decorator named like the settings it applies
    return pytest.mark.fuzz(
        settings(
            max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
        )(test)
    )


@FUZZ
@given(data=st.binary(max_size=600))
def test_fuzz_csv_bytes(tmp_path_factory: pytest.TempPathFactory, clinic: Clinic, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "studies.csv"
    path.write_bytes(b"mrn,study_date,height_5min_cm\n" + data)
    _no_escape([path], clinic)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS) | st.text(max_size=8), min_size=1, max_size=6),
    rows=st.lists(
        st.lists(st.text(max_size=12) | st.sampled_from(["2,7", "-1", "14/03/2015", "=1+2", ""]), max_size=7),
        max_size=6,
    ),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_fuzz_csv_cells(
    tmp_path_factory: pytest.TempPathFactory, clinic: Clinic, header: list[str], rows: list[list[str]], separator: str
) -> None:
    import csv

    path = tmp_path_factory.mktemp("fuzz") / "data.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=separator)
        writer.writerow(header)
        writer.writerows(rows)
    _no_escape([path], clinic)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    rows=st.lists(
        st.lists(
            st.none()
            | st.integers(-(10**6), 10**6)
            | st.floats(allow_nan=True)
            | st.booleans()
            | st.text(max_size=10)
            | st.dates()
            | st.datetimes(),
            max_size=7,
        ),
        max_size=5,
    ),
)
def test_fuzz_xlsx_cells(
    tmp_path_factory: pytest.TempPathFactory, clinic: Clinic, header: list[str], rows: list[list[object]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    book.active.title = "studies"
    book.active.append(header)
    path = tmp_path_factory.mktemp("fuzz") / "clinic.xlsx"
    try:
        for row in rows:
            book.active.append(row)
        book.save(path)
    except (ValueError, TypeError, IllegalCharacterError):  # what openpyxl itself cannot write: no import's input
        return
    _no_escape([path], clinic)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=4000), flips=st.lists(st.integers(0, 4000), max_size=8))
def test_fuzz_xlsx_bytes(tmp_path_factory: pytest.TempPathFactory, clinic: Clinic, cut: int, flips: list[int]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    good = _xlsx_with_sheet_xml(
        folder / "good.xlsx",
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mrn</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>P-1</t></is></c></row></sheetData></worksheet>',
    )
    data = bytearray(good.read_bytes())
    for flip in flips:
        if flip < len(data):
            data[flip] ^= 0x5A
    path = folder / "clinic.xlsx"
    path.write_bytes(bytes(data[: max(cut, 1)] if cut < len(data) else data))
    _no_escape([path], clinic)


def test_two_imports_of_the_same_file_at_once_do_not_end_in_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite3"
    Clinic.open(db).close()
    path = tmp_path / "patients.csv"
    path.write_text("mrn,family_name\n" + "".join(f"P-{n},Quispe\n" for n in range(3000)))
    outcomes: list[object] = []

    def run() -> None:
        with Clinic.open(db) as clinic:
            try:
                outcomes.append(import_files(clinic, [path], today=TODAY))
            except ImportFailed as failed:
                outcomes.append(failed)

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert len(outcomes) == 2, outcomes  # neither thread died of an exception
    with Clinic.open(db) as clinic:
        assert load_history(clinic, mrn="P-2999").patient.family_name == "Quispe"


def test_the_command_line_names_the_line_and_takes_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from barium_tracker.cli import main

    db, path = tmp_path / "clinic.sqlite3", tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name\nJP-1,山田\n".encode("shift_jis"))
    assert main(["--db", str(db), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "patients.csv line 2" in err and "--encoding" in err and "Traceback" not in err
    assert main(["--db", str(db), "import", "--encoding", "shift_jis", str(path)]) == 0
