"""The patient report: PDF pages for A4 and Letter, what the pages say, vector charts, PNG pages, cancel, errors."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from barium_tracker import __version__
from barium_tracker.domain.enums import Diagnosis, ProcedureType, Sex
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, seed_case
from barium_tracker.services.progress import Cancelled
from barium_tracker.services.records import save_history
from barium_tracker.services.report import (
    NO_STUDIES_TEXT,
    PageSize,
    Report,
    build_report,
    ensure_gui_application,
    pdf_has_raster_images,
    pdf_page_count,
    render_report_png,
    write_report_pdf,
)
from barium_tracker.services.summary import patient_summary

GENERATED = dt.datetime(2026, 11, 24, 10, 30)
CLINIC_NAME = "Servicio de Gastroenterología, Hospital Nacional"
MEDIA_BOX = {PageSize.A4: b"/MediaBox [0 0 595", PageSize.LETTER: b"/MediaBox [0 0 612"}


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """pytest-qt's QApplication, so that ensure_gui_application finds it and later widget tests can run."""


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the outputs (the database lives beside it in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def seeded(clinic: Clinic) -> Clinic:
    save_history(clinic, seed_case(), source="test: seed case")
    return clinic


def _report(clinic: Clinic, mrn: str = SEED_MRN, page_size: PageSize = PageSize.A4) -> Report:
    return build_report(clinic, mrn, page_size=page_size, clinic_name=CLINIC_NAME, generated=GENERATED)


def _content_streams(pdf: bytes) -> list[bytes]:
    """Every Flate-compressed stream of a PDF, decompressed (Qt writes page contents and fonts this way)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return out


@pytest.mark.parametrize("page_size", [PageSize.A4, PageSize.LETTER])
def test_pdf_written_with_the_expected_pages(seeded: Clinic, out: Path, page_size: PageSize) -> None:
    expected = _report(seeded, page_size=page_size).page_count
    path = write_report_pdf(
        seeded, SEED_MRN, out / "report.pdf", page_size=page_size, clinic_name=CLINIC_NAME, generated=GENERATED
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert 3 <= expected <= 6
    assert pdf_page_count(data) == expected
    assert data.count(MEDIA_BOX[page_size]) == expected
    assert [p.name for p in out.iterdir()] == ["report.pdf"]  # the temporary file is gone


def test_report_text_holds_header_tables_flags_and_footer(seeded: Clinic) -> None:
    report = _report(seeded)
    text = report.text()
    summary = patient_summary(seeded, SEED_MRN, today=GENERATED.date())
    patient = summary.history.patient
    # Header: clinic, patient, diagnosis and manometry.
    for expected in (CLINIC_NAME, patient.display_name, f"{SEED_MRN}", "2009-11-02 (17 years)", "Achalasia type II"):
        assert expected in text
    assert "High-resolution manometry\nAchalasia type II\n33 mmHg" in text
    # Procedures table.
    for expected in ("2025-02-10\nLaparoscopic Heller myotomy", "2025-05-12\nPneumatic/balloon dilation"):
        assert expected in text
    # The details as wording.procedure_summary says them (the timeline and the GUI say them the same way).
    assert "2025-06-10\nRescue POEM\nposterior access; myotomy 10 cm; 3 cm gastric; Hybrid T knife; 44 min" in text
    # Every TBE film: date, minute, height, width (missing said as missing).
    for study in summary.history.studies:
        for m in study.measurements:
            height = format(m.height_cm, "f") if m.height_cm is not None else "not measured"
            width = format(m.width_cm, "f") if m.width_cm is not None else "not measured"
            assert f"{study.study_date.isoformat()}\n{m.minute} min\n{height}\n{width}\n" in text
    # The change across the rescue POEM and every flag with its source, numbered in the references.
    assert "-77.5 %" in text
    assert "5 min\n12\n2.7\n-77.5 %" in text
    for response in summary.responses:
        for flag in [f for fu in response.follow_ups for f in fu.flags] + list(response.flags):
            assert f"{flag.rule.title}\n{flag.rule.criterion}" in text
            assert flag.detail in text
            assert flag.rule.source in text  # the numbered reference
    assert re.search(r"Vaezi 1999 \[\d\]", text) and re.search(r"Rohof 2013 \[\d\]", text)
    assert "Suwatthanarak 2024 [" in text
    # Eckardt course.
    assert "2025-06-09\n3\n3\n3\n3\n12/12\nno" in text
    assert "2026-06-10\n1\n1\n0\n0\n2/12\nyes\n365 days after Rescue POEM" in text
    # Endoscopy, and the footer of every page.
    assert "Easy opening\nNo oesophagitis" in text
    assert f"Page 1 of {report.page_count}" in text
    assert f"Page {report.page_count} of {report.page_count}" in text
    assert f"Barium Tracker {__version__}" in text
    assert "Generated 2026-11-24 10:30" in text


def test_letter_and_a4_differ_only_in_paper(seeded: Clinic) -> None:
    a4, letter = _report(seeded), _report(seeded, page_size=PageSize.LETTER)
    assert round(a4.paper.width()) == 595 and round(letter.paper.width()) == 612
    assert a4.document.toPlainText() == letter.document.toPlainText()


def test_charts_are_vector_paths_not_images(seeded: Clinic, out: Path) -> None:
    report = _report(seeded)
    assert report.chart_count == 2
    data = report.pdf_bytes()
    assert not pdf_has_raster_images(data)
    assert b"/XObject" not in data or b"/Subtype /Image" not in data
    # The charts' lines, markers and glyphs are path operators in the page contents.
    contents = b"\n".join(_content_streams(data))
    path_ops = len(re.findall(rb" (?:l|c|m)\n", contents))
    without_charts = _report_without_studies(seeded).pdf_bytes()
    baseline_ops = len(re.findall(rb" (?:l|c|m)\n", b"\n".join(_content_streams(without_charts))))
    assert path_ops > baseline_ops + 2000


def _report_without_studies(clinic: Clinic) -> Report:
    patient = Patient(mrn="NO-TBE-1", family_name="Sin Estudios", given_name="Ana", sex=Sex.FEMALE)
    history = PatientHistory(
        patient=patient,
        procedures=[Procedure(procedure_date=dt.date(2025, 3, 1), procedure_type=ProcedureType.BALLOON_DILATION)],
    )
    save_history(clinic, history, source="test: no studies")
    return _report(clinic, "NO-TBE-1")


def test_patient_without_studies_gets_a_sensible_report(clinic: Clinic, out: Path) -> None:
    report = _report_without_studies(clinic)
    text = report.text()
    assert report.chart_count == 0
    assert NO_STUDIES_TEXT in text
    assert "No follow-up study yet." in text
    assert "No Eckardt score recorded." in text
    assert "No manometry recorded." in text
    assert "birth date not recorded" in text
    path = write_report_pdf(clinic, "NO-TBE-1", out / "empty.pdf", clinic_name=CLINIC_NAME, generated=GENERATED)
    assert pdf_page_count(path.read_bytes()) == report.page_count >= 1


def test_png_pages_render_non_empty(seeded: Clinic, out: Path) -> None:
    paths = render_report_png(seeded, SEED_MRN, out / "pages", dpi=60, generated=GENERATED)
    report = _report(seeded)
    assert [p.name for p in paths] == [f"DEMO-0001-page-{n:02d}.png" for n in range(1, report.page_count + 1)]
    for path in paths:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (round(595.28 * 60 / 72), round(841.89 * 60 / 72))
        inked = sum(
            1
            for y in range(0, image.height(), 4)
            for x in range(0, image.width(), 4)
            if image.pixelColor(x, y).lightness() < 200
        )
        assert inked > 150, path.name


def test_headings_stay_with_what_follows(clinic: Clinic) -> None:
    """A long history: no heading ends a page without the table row, chart or paragraph it introduces."""
    from barium_tracker.services.report import _is_heading, _keep_target, _line_rect

    history = PatientHistory(
        patient=Patient(mrn="LONG-1", family_name="Largo", given_name="Luis", diagnosis=Diagnosis.ACHALASIA_TYPE_I)
    )
    for i in range(14):
        day = dt.date(2018, 1, 10) + dt.timedelta(days=90 * i)
        height = Decimal(14 - i % 7)
        history.studies.append(
            TbeStudy(
                study_date=day,
                measurements=[
                    ColumnMeasurement(minute=m, height_cm=height + 5 - m, width_cm=Decimal("3.5")) for m in (1, 2, 5)
                ],
            )
        )
        history.eckardt.append(
            EckardtAssessment(assessment_date=day, dysphagia=2, regurgitation=2, retrosternal_pain=1, weight_loss=1)
        )
        if i % 3 == 0:
            history.procedures.append(
                Procedure(procedure_date=day + dt.timedelta(days=5), procedure_type=ProcedureType.BALLOON_DILATION)
            )
    save_history(clinic, history, source="test: long history")
    report = _report(clinic, "LONG-1")
    assert report.page_count >= 5
    doc, page = report.document, report.paper.height()
    block, checked = doc.begin(), 0
    while block.isValid():
        if _is_heading(block):
            head, body = _line_rect(doc, block), _line_rect(doc, _keep_target(block))
            assert int(head.top() // page) == int((body.bottom() - 0.5) // page), block.text()
            checked += 1
        block = block.next()
    assert checked > 10


def test_unknown_mrn_is_not_found(clinic: Clinic, out: Path) -> None:
    with pytest.raises(NotFound):
        write_report_pdf(clinic, "NOBODY", out / "x.pdf")
    assert not list(out.iterdir())


@pytest.mark.parametrize("stage", ["Reading the patient's record", "Laying out the pages", "Painting pages"])
def test_cancel_leaves_no_file(seeded: Clinic, out: Path, stage: str) -> None:
    seen: list[str] = []

    def progress(done: int, total: int | None, name: str) -> None:
        seen.append(name)
        if name == stage:
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_report_pdf(seeded, SEED_MRN, out / "report.pdf", progress=progress)
    assert stage in seen
    assert not list(out.iterdir())


def test_cancel_keeps_an_earlier_report(seeded: Clinic, out: Path) -> None:
    path = write_report_pdf(seeded, SEED_MRN, out / "report.pdf")
    before = path.read_bytes()

    def cancel_while_painting(done: int, total: int | None, name: str) -> None:
        if name == "Painting pages" and done == 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_report_pdf(seeded, SEED_MRN, path, progress=cancel_while_painting)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["report.pdf"]


def test_missing_folder_is_a_user_error(seeded: Clinic, out: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_report_pdf(seeded, SEED_MRN, out / "nowhere" / "report.pdf")


def test_ensure_gui_application_returns_the_running_instance() -> None:
    app = ensure_gui_application()
    assert ensure_gui_application() is app
