"""Printing the patient report with a preview, and saving it as a PDF: the GUI side of ``services.report``.

The printer and the PDF are painted by the same :meth:`Report.paint_pages`. The preview lays the report out for the
printer's paper (A4, or Letter for Letter/Legal) and lays it out again when the user changes the paper in the
preview's page setup. Saving asks where (and for which paper, as the file type) first, then makes the PDF with one
call (:func:`write_report`), which the main window can move to a worker thread.

The report speaks the window's language and writes numbers and dates as this workstation does
(:func:`report_writing`: the installed translations and ui/notation.py's choice, "2,7 cm" and 14/03/2015 in Spanish).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from barium_tracker.domain.errors import UserError
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.services.report import PageSize, Report, ReportSource, Writing, read_report, write_report_pdf
from barium_tracker.ui import notation, translate
from barium_tracker.ui.modal import run_modal

_CONTEXT = "ReportPreview"
_FOLDER_KEY = "report/folder"
_PAGE_SIZE_KEY = "report/page_size"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def report_writing() -> Writing:
    """The report's language and notation: the window's translations, this workstation's numbers and dates.

    Read on the GUI thread (QSettings); the functions it holds are safe to call on the worker that lays it out."""
    written = notation.current()
    return Writing(QCoreApplication.translate, written.number, written.date)


def default_page_size() -> PageSize:
    """The paper chosen last time, else Letter in the countries that use it and A4 everywhere else."""
    saved = QSettings().value(_PAGE_SIZE_KEY)
    if saved in (PageSize.A4.value, PageSize.LETTER.value):
        return PageSize(str(saved))
    letter_countries = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico}
    return PageSize.LETTER if QLocale().territory() in letter_countries else PageSize.A4


def page_size_filters() -> dict[str, PageSize]:
    """The save dialog's file types: one per paper size, so the user picks the paper where they pick the file."""
    return {
        _tr("PDF, A4 paper (*.pdf)"): PageSize.A4,
        _tr("PDF, US Letter paper (*.pdf)"): PageSize.LETTER,
    }


class ReportPrinter:
    """Paints the report on the printer the preview hands over, laid out for that printer's paper."""

    def __init__(self, parent: QWidget | None, clinic: Clinic, mrn: str, clinic_name: str | None = None) -> None:
        self.parent = parent
        self.clinic = clinic
        self.mrn = mrn
        self.clinic_name = clinic_name
        self.generated = dt.datetime.now()
        self.writing = report_writing()
        self.reports: dict[PageSize, Report] = {}
        #: The record read and the charts drawn (by a worker thread, before the preview opens), laid out here.
        self.source: ReportSource | None = None
        self.pages_painted = 0
        self.error: str | None = None

    def report(self, page_size: PageSize) -> Report:
        """The report for one paper size, built once (the preview repaints on every zoom and page-setup change)."""
        if page_size not in self.reports:
            if self.source is None:
                self.source = read_report(
                    self.clinic,
                    self.mrn,
                    clinic_name=self.clinic_name,
                    generated=self.generated,
                    writing=self.writing,
                )
            # On this (the GUI) thread, which paints it: Qt's fonts for a layout belong to the thread that made it.
            self.reports[page_size] = self.source.lay_out(page_size)
        return self.reports[page_size]

    def paint(self, printer: QPrinter) -> None:
        """The preview's ``paintRequested`` slot: every page, or the range chosen in the print dialog."""
        page_size = PageSize.from_qt(printer.pageLayout().pageSize())
        try:
            report = self.report(page_size)
            pages = None
            if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
                pages = range(printer.fromPage() - 1, max(printer.toPage(), printer.fromPage()))
            report.paint_pages(printer, pages=pages)
            self.pages_painted = report.page_count if pages is None else len(pages)
        except UserError as error:
            self.error = translate.error_text(error)
            QMessageBox.warning(
                self.parent, _tr("Print report"), _tr("The report could not be printed: {0}").format(self.error)
            )


def make_preview_dialog(
    parent: QWidget | None, clinic: Clinic, mrn: str, *, clinic_name: str | None = None
) -> tuple[QPrintPreviewDialog, ReportPrinter]:
    """A print preview of the patient's report (not shown yet), on a printer set to the default paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(default_page_size().qt_id))
    printer.setDocName(_tr("TBE report {0}").format(mrn))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("reportPreviewDialog")
    dialog.setAccessibleName(_tr("Report print preview"))
    dialog.setWindowTitle(_tr("Print report: {0}").format(mrn))
    dialog.resize(900, 1000)
    painter = ReportPrinter(parent, clinic, mrn, clinic_name)
    dialog.paintRequested.connect(painter.paint)
    # The printer and the painter live as long as the dialog.
    dialog._report_printer = painter  # type: ignore[attr-defined]
    dialog._printer = printer  # type: ignore[attr-defined]
    return dialog, painter


def print_report(parent: QWidget | None, clinic: Clinic, mrn: str, *, clinic_name: str | None = None) -> int:
    """Show the print preview of the patient's report; the user prints from it. Returns the dialog's result."""
    dialog, _painter = make_preview_dialog(parent, clinic, mrn, clinic_name=clinic_name)
    try:
        return run_modal(dialog)
    finally:
        dialog.deleteLater()


def ask_report_path(parent: QWidget | None, mrn: str, *, today: dt.date | None = None) -> tuple[Path, PageSize] | None:
    """Ask where to save the report and on which paper; None when the user cancels."""
    settings = QSettings()
    folder = Path(str(settings.value(_FOLDER_KEY, str(Path.home()))))
    name = f"{_safe(mrn)}-report-{(today or dt.date.today()).isoformat()}.pdf"
    filters = page_size_filters()
    default = default_page_size()
    selected = next(label for label, size in filters.items() if size is default)
    chosen_name, chosen_filter = QFileDialog.getSaveFileName(
        parent, _tr("Save report as PDF"), str(folder / name), ";;".join(filters), selected
    )
    if not chosen_name:
        return None
    path = Path(chosen_name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    page_size = filters.get(chosen_filter, default)
    settings.setValue(_FOLDER_KEY, str(path.parent))
    settings.setValue(_PAGE_SIZE_KEY, page_size.value)
    return path, page_size


def write_report(
    clinic: Clinic,
    mrn: str,
    path: Path,
    page_size: PageSize,
    *,
    clinic_name: str | None = None,
    progress: Progress = no_progress,
    writing: Writing | None = None,
) -> Path:
    """The long step (read, draw, lay out, write) as one call, so that it can run on a worker thread.

    ``writing`` None: :func:`report_writing`, read now (call this on the GUI thread, or pass it)."""
    return write_report_pdf(
        clinic,
        mrn,
        path,
        page_size=page_size,
        clinic_name=clinic_name,
        progress=progress,
        writing=writing or report_writing(),
    )


def save_report_pdf(
    parent: QWidget | None, clinic: Clinic, mrn: str, *, clinic_name: str | None = None, today: dt.date | None = None
) -> Path | None:
    """Ask where and on which paper, then write the report; the written path, or None (cancelled or failed)."""
    answer = ask_report_path(parent, mrn, today=today)
    if answer is None:
        return None
    path, page_size = answer
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write_report(clinic, mrn, path, page_size, clinic_name=clinic_name)
    except UserError as error:
        QMessageBox.warning(
            parent, _tr("Save report"), _tr("The report was not saved: {0}").format(translate.error_text(error))
        )
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text) or "patient"
