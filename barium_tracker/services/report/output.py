"""The report's use cases: build it for one patient, write it as a PDF (atomically), save its pages as PNG.

The GUI's preview and printer (ui/report_preview.py), ``barium-tracker report`` and the screenshots all go through
:func:`build_report`, so they show the same pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.services import output_files
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.figure import figure_pair
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.services.report.figures import chart_svgs, film_figure_svg
from barium_tracker.services.report.layout import ensure_gui_application, layout_report
from barium_tracker.services.report.markup import ENGLISH, Writing
from barium_tracker.services.report.pages import PageSize, Report
from barium_tracker.services.summary import PatientSummary, patient_summary


@dataclass(frozen=True, slots=True)
class ReportSource:
    """What a report shows, read and drawn (the patient's summary and the charts as SVG), not yet laid out.

    Reading the record and drawing the charts may run on a worker thread; :meth:`lay_out` must run on the thread
    that paints the pages: Qt keeps the fonts a text layout uses per thread, and pages laid out on a worker that
    has finished crashed the print preview's first paint (a segmentation fault).
    """

    summary: PatientSummary
    charts: list[tuple[Message, bytes]]
    clinic_name: str | None
    generated: dt.datetime
    writing: Writing

    def lay_out(self, page_size: PageSize = PageSize.A4, progress: Progress = no_progress) -> Report:
        ensure_gui_application()
        progress(2, 3, N_("Laying out the pages"))
        report = layout_report(
            self.summary,
            self.charts,
            page_size=page_size,
            clinic_name=self.clinic_name,
            generated=self.generated,
            writing=self.writing,
        )
        progress(3, 3, N_("Laying out the pages"))
        return report


def read_report(
    clinic: Clinic,
    mrn: str,
    *,
    clinic_name: str | None = None,
    progress: Progress = no_progress,
    generated: dt.datetime | None = None,
    writing: Writing = ENGLISH,
) -> ReportSource:
    """Read one patient and draw the charts (raises NotFound for an unknown MRN); safe on a worker thread.

    ``clinic_name`` None: the name set in Preferences (Clinic.clinic_name), if any. ``writing``: the language and
    notation of every word, number and date of the pages and charts (English, as stored, ISO dates by default).
    """
    if clinic_name is None:
        clinic_name = clinic.clinic_name() or None
    generated = generated or dt.datetime.now()
    progress(0, 3, N_("Reading the patient's record"))
    summary = patient_summary(clinic, mrn, today=generated.date())
    progress(1, 3, N_("Drawing the charts"))
    charts = chart_svgs(summary, writing)
    if charts:  # the films before and after, when both were measured on the image (the case report's figure)
        pair = figure_pair(summary, clinic)
        if pair is not None:
            charts.append(film_figure_svg(pair, writing))
    return ReportSource(summary, charts, clinic_name, generated, writing)


def build_report(
    clinic: Clinic,
    mrn: str,
    *,
    page_size: PageSize = PageSize.A4,
    clinic_name: str | None = None,
    progress: Progress = no_progress,
    generated: dt.datetime | None = None,
    writing: Writing = ENGLISH,
) -> Report:
    """:func:`read_report`, then laid out on this thread (which paints it, or writes its PDF)."""
    source = read_report(clinic, mrn, clinic_name=clinic_name, progress=progress, generated=generated, writing=writing)
    return source.lay_out(page_size, progress)


def _atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then replace ``path`` with it (never a half file)."""
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(
            say(N_("Could not write the report to {path}: {reason}"), path=path.parent, reason=reason)
        ) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = error.strerror or str(error)
        raise UserError(say(N_("Could not write the report to {path}: {reason}"), path=path, reason=reason)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def write_report_pdf(
    clinic: Clinic,
    mrn: str,
    path: Path,
    *,
    page_size: PageSize = PageSize.A4,
    clinic_name: str | None = None,
    progress: Progress = no_progress,
    generated: dt.datetime | None = None,
    writing: Writing = ENGLISH,
) -> Path:
    """Build the report and write it as a PDF at ``path`` (atomically: a cancelled or failed run leaves no file)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(
            say(N_("The folder {folder} does not exist; choose another place for the report."), folder=path.parent)
        )
    with output_files.writing(path, "report"):  # a full disk while the charts or the PDF are written: one sentence
        report = build_report(
            clinic,
            mrn,
            page_size=page_size,
            clinic_name=clinic_name,
            progress=progress,
            generated=generated,
            writing=writing,
        )
        data = report.pdf_bytes(progress=progress)
        return _atomic_write(path, data)


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "patient"


def render_report_png(
    clinic: Clinic,
    mrn: str,
    folder: Path,
    *,
    page_size: PageSize = PageSize.A4,
    dpi: float = 100,
    clinic_name: str | None = None,
    generated: dt.datetime | None = None,
    writing: Writing = ENGLISH,
) -> list[Path]:
    """Every page as ``<MRN>-page-NN.png`` in ``folder`` (created if needed), painted as the PDF is."""
    report = build_report(
        clinic, mrn, page_size=page_size, clinic_name=clinic_name, generated=generated, writing=writing
    )
    return save_report_pngs(report, folder, dpi=dpi, stem=_safe_name(mrn))


def save_report_pngs(report: Report, folder: Path, *, dpi: float = 100, stem: str = "report") -> list[Path]:
    """Write each page of a built report as PNG."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(report.page_count):
        path = folder / f"{stem}-page-{index + 1:02d}.png"
        if not report.page_image(index, dpi).save(str(path), "PNG"):
            raise UserError(say(N_("Could not write {path}"), path=path))
        paths.append(path)
    return paths


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF written by Qt (its page objects), for tests and checks without a PDF library."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def pdf_has_raster_images(data: bytes) -> bool:
    """Whether a PDF holds any image XObject (the charts are drawn as vector paths, so a report holds none)."""
    return re.search(rb"/Subtype\s*/Image", data) is not None
