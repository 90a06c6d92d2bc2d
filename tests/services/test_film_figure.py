"""The case report's figure from stored films: both films at the same mm per pixel whatever their own spacing,
the heights labelled, PNG and PDF files, the command line, and the figure in the patient report."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from barium_tracker import cli
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.records import Patient, Procedure, TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.figure import film_figure, film_pair, save_film_figure
from barium_tracker.services.images.library import attach_film
from barium_tracker.services.images.measurements import save_film_measurements
from barium_tracker.services.records import create_record
from barium_tracker.services.report import build_report, pdf_has_raster_images, write_report_pdf
from tests.support.radiographs import write_radiograph_dicom

MRN = "HC-0001"
BEFORE, POEM, AFTER = dt.date(2025, 6, 9), dt.date(2025, 6, 10), dt.date(2025, 7, 10)


def _film(rows: int, cols: int, column_px: int, top: int, bottom: int) -> np.ndarray:
    """A dark film with a bright barium column ``column_px`` wide from row ``top`` to ``bottom``."""
    pixels = np.full((rows, cols), 200, np.uint16)
    left = cols // 2 - column_px // 2
    pixels[top:bottom, left : left + column_px] = 4000
    return pixels


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """pytest-qt's QApplication, so that the report's ensure_gui_application finds it and later widget tests run."""


@pytest.fixture
def films(clinic: Clinic, tmp_path: Path) -> Clinic:
    """Before: 0.5 mm per pixel, a 30 mm wide column 12 cm high; after: 0.25 mm per pixel (another detector), a 30 mm
    wide column 2.7 cm high. On paper both columns must be equally wide."""
    patient = create_record(clinic, Patient(mrn=MRN, family_name="Quispe", given_name="Juan"))
    for day in (BEFORE, AFTER):
        create_record(clinic, TbeStudy(study_date=day, patient_id=patient.id))
    create_record(
        clinic, Procedure(procedure_date=POEM, procedure_type=ProcedureType.POEM, rescue=True, patient_id=patient.id)
    )
    before = write_radiograph_dicom(
        tmp_path / "before.dcm",
        400,
        300,
        pixel_spacing=(0.5, 0.5),
        pixels=_film(400, 300, 60, 110, 350),
        study_date=BEFORE,
    )
    after = write_radiograph_dicom(
        tmp_path / "after.dcm",
        800,
        600,
        pixel_spacing=(0.25, 0.25),
        pixels=_film(800, 600, 120, 592, 700),
        study_date=AFTER,
    )
    pre = attach_film(clinic, MRN, BEFORE, 5, before).attachment_id
    post = attach_film(clinic, MRN, AFTER, 5, after).attachment_id
    save_film_measurements(clinic, pre, FilmMeasurements(((150, 350), (150, 110)), ((120, 200), (180, 200))))
    save_film_measurements(clinic, post, FilmMeasurements(((300, 700), (300, 592)), ((240, 650), (360, 650))))
    return clinic


def _column_width_px(half: np.ndarray) -> int:
    """The most common length of the longest bright run per row: the column's width on paper (the height path, the
    label and the scale bar cross only a few rows)."""
    runs = []
    for row in half:
        bright = np.concatenate(([0], (row > 230).astype(np.int8), [0]))
        edges = np.flatnonzero(np.diff(bright))
        if len(edges):
            runs.append(int(np.max(edges[1::2] - edges[::2])))
    values, counts = np.unique(runs, return_counts=True)
    return int(values[np.argmax(counts)])


def test_the_figure_draws_both_films_at_the_same_scale(films: Clinic, tmp_path: Path) -> None:
    pair = film_pair(films, MRN)
    assert (pair.before.study_date, pair.after.study_date) == (BEFORE, AFTER)
    assert (pair.before.height_cm, pair.after.height_cm) == (Decimal(12), Decimal("2.7"))
    fig = film_figure(pair)
    first, second = fig.axes[:2]
    assert np.isclose(np.ptp(first.get_xlim()), np.ptp(second.get_xlim()))
    assert np.isclose(first.get_position().width, second.get_position().width)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "12.0 cm" in texts and "2.7 cm" in texts
    assert fig._suptitle.get_text() == "Barium column at 5 min: 12.0 cm -> 2.7 cm (-77.5 %)"
    png = save_film_figure(pair, tmp_path / "figure.png", dpi=100)
    red = np.asarray(Image.open(png).convert("RGB"))[:, :, 0]  # white and the orange path alike are bright in red
    rows, columns = red.shape
    assert (rows, columns) == (round(fig.get_figheight() * 100), round(fig.get_figwidth() * 100))

    def inside(ax: object) -> np.ndarray:
        box = ax.get_position()  # type: ignore[attr-defined]
        top, bottom = round((1 - box.y1) * rows) + 2, round((1 - box.y0) * rows) - 2
        return red[top:bottom, round(box.x0 * columns) + 2 : round(box.x1 * columns) - 2]

    before_px, after_px = _column_width_px(inside(first)), _column_width_px(inside(second))
    # 30 mm on both films, drawn as many paper pixels (within one pixel of rounding).
    assert before_px > 40 and abs(before_px - after_px) <= 1, (before_px, after_px)
    pdf = save_film_figure(pair, tmp_path / "figure.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf_has_raster_images(data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    with pytest.raises(UserError, match=r"ending in \.png or \.pdf"):
        save_film_figure(pair, tmp_path / "figure.gif")


def test_the_command_line_writes_it_in_spanish_and_refuses_a_film_not_measured(
    films: Clinic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(films.db.sqlite_path)
    out = tmp_path / "figura.png"
    args = ["--language", "es", "image", "figure", MRN, "--db", db, "--minute", "5", "-o", str(out)]
    assert cli.main([*args, "--before", "2025-06-09", "--after", "2025-07-10"]) == 0
    assert out.is_file() and Image.open(out).size[0] > 500
    assert cli.main(["image", "figure", MRN, "--db", db, "--minute", "2", "-o", str(out)]) == 2
    assert "no procedure with a study before and after it whose 2-min film" in capsys.readouterr().err


def test_the_report_includes_the_figure_when_both_films_were_measured(films: Clinic, tmp_path: Path) -> None:
    report = build_report(films, MRN)
    assert report.chart_count == 3
    text = report.document.toPlainText()
    assert "The films before and after the procedure" in text
    assert "5 min: measured on the film; calibration: Pixel Spacing (patient plane)" in text
    pdf = write_report_pdf(films, MRN, tmp_path / "report.pdf")
    assert pdf_has_raster_images(pdf.read_bytes())
