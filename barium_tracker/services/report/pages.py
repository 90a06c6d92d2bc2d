"""The report's paper and its pages: page sizes, margins, the running header and footer, painting on any device.

Layout units are points (1/72 inch): the document is laid out once on a 72-dpi paint device with design metrics,
so the page breaks do not depend on the screen, and each output (PDF at 1200 dpi, PNG at any dpi, a printer)
scales its painter by ``dpi / 72``. Each page is the document's clip translated to the page; the header (clinic
and patient) and the footer (generation time, app version, "Page N of M") are painted in the margins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextDocument,
)

from barium_tracker import __version__
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.services.report.markup import BODY_PT, ENGLISH, SMALL_PT, Writing
from barium_tracker.services.report.phrases import document_title, generated_line, page_of, report_name


class PageSize(StrEnum):
    """The paper sizes the report is laid out for."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def qt_id(self) -> QPageSize.PageSizeId:
        return QPageSize.PageSizeId.A4 if self is PageSize.A4 else QPageSize.PageSizeId.Letter

    @property
    def label(self) -> str:
        return "A4" if self is PageSize.A4 else "Letter"

    @property
    def size_pt(self) -> QSizeF:
        return QPageSize(self.qt_id).size(QPageSize.Unit.Point)

    @classmethod
    def from_qt(cls, page_size: QPageSize) -> PageSize:
        """The report size closest to a printer's paper: Letter for Letter (and Legal), A4 for everything else."""
        return cls.LETTER if page_size.id() in (QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.Legal) else cls.A4


LAYOUT_DPI = 72  # layout units are points
SIDE_MARGIN_PT = 45.0  # ~16 mm
TOP_MARGIN_PT = 62.0  # running header band above the text
BOTTOM_MARGIN_PT = 58.0  # footer band below the text
HEADER_BASELINE_PT = 34.0
FOOTER_GAP_PT = 22.0  # from the bottom of the text area to the footer's baseline
PDF_DPI = 1200

_FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Sans Serif"]


def default_font() -> QFont:
    font = QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_PT)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def css_px(points: float) -> float:
    """Frame lengths are CSS pixels (1/96 inch), which the layout scales to its 72-dpi device."""
    return points * 96 / 72


@dataclass
class Report:
    """A laid-out report: the document, its charts and what the header and footer say; paint it on any device."""

    document: QTextDocument
    page_size: PageSize
    patient_label: str
    clinic_name: str | None
    generated_at: dt.datetime
    chart_count: int
    _handler: QPyTextObject  # Qt keeps a raw pointer to the chart handler: it lives as long as the report
    _layout_device: QImage
    writing: Writing = field(default=ENGLISH)  # the language and notation of the header and footer

    @property
    def paper(self) -> QSizeF:
        return self.page_size.size_pt

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def header_text(self) -> tuple[str, str]:
        """The running header: clinic (or the report's name) on the left, the patient on the right."""
        return (self.clinic_name or self.writing.render(report_name()), self.patient_label)

    def footer_text(self, page: int) -> tuple[str, str]:
        """The footer of 1-based ``page``: generation time and app version on the left, "Page N of M" on the right."""
        render = self.writing.render
        return (render(generated_line(self.generated_at)), render(page_of(page, self.page_count)))

    def text(self) -> str:
        """Everything the pages say, as plain text: the document, then each page's header and footer."""
        furniture = []
        for page in range(1, self.page_count + 1):
            furniture += [*self.header_text(), *self.footer_text(page)]
        return self.document.toPlainText() + "\n" + "\n".join(furniture)

    # -- painting ----------------------------------------------------------------------------------------------------
    def _transform(self, painter: QPainter, device: QPaintDevice) -> None:
        """Painter units become points of the report's paper, from the paper's top left corner."""
        dpi = device.logicalDpiX()
        scale = dpi / LAYOUT_DPI
        offset = QPointF(0, 0)
        if isinstance(device, QPagedPaintDevice):
            layout = device.pageLayout()
            paint = layout.paintRectPixels(dpi)
            offset = QPointF(paint.left(), paint.top())
            full = layout.fullRectPoints()
            fit = min(full.width() / self.paper.width(), full.height() / self.paper.height())
            if abs(fit - 1) > 0.01:  # another paper: the whole page, scaled to fit
                scale *= fit
        painter.resetTransform()
        painter.translate(-offset)
        painter.scale(scale, scale)

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint 0-based page ``index`` with ``painter`` already in report points (see :meth:`paint_pages`)."""
        paper = self.paper
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        top = index * paper.height()
        painter.translate(0, -top)
        clip = QRectF(0, top, paper.width(), paper.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, QColor("#111111"))
        context.palette = palette
        self.document.documentLayout().draw(painter, context)
        painter.restore()
        self._paint_furniture(painter, index + 1)

    def _paint_furniture(self, painter: QPainter, page: int) -> None:
        paper = self.paper
        painter.save()
        font = default_font()
        # The painter is already scaled from points to the device: size the font for that, not twice.
        font.setPointSizeF(SMALL_PT * LAYOUT_DPI / max(painter.device().logicalDpiY(), 1))
        painter.setFont(font)
        painter.setPen(QPen(QColor("#333333")))
        width = paper.width() - 2 * SIDE_MARGIN_PT
        header_left, header_right = self.header_text()
        box = QRectF(SIDE_MARGIN_PT, HEADER_BASELINE_PT - 12, width, 14)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header_left)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), header_right)
        footer_top = paper.height() - BOTTOM_MARGIN_PT + FOOTER_GAP_PT - 12
        footer = QRectF(SIDE_MARGIN_PT, footer_top, width, 14)
        left, right = self.footer_text(page)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), left)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), right)
        painter.setPen(QPen(QColor("#9a9a9a"), 0.5))
        right_edge = SIDE_MARGIN_PT + width
        painter.drawLine(QPointF(SIDE_MARGIN_PT, HEADER_BASELINE_PT + 5), QPointF(right_edge, HEADER_BASELINE_PT + 5))
        painter.drawLine(QPointF(SIDE_MARGIN_PT, footer_top - 2), QPointF(right_edge, footer_top - 2))
        painter.restore()

    def paint_pages(
        self,
        device: QPagedPaintDevice,
        *,
        pages: Iterable[int] | None = None,
        progress: Progress = no_progress,
    ) -> None:
        """Paint the pages (0-based ``pages``, default all) on a PDF writer or a printer, one device page each."""
        wanted = list(range(self.page_count)) if pages is None else [p for p in pages if 0 <= p < self.page_count]
        painter = QPainter()
        if not painter.begin(device):
            raise UserError(say(N_("Could not start the report output (the printer or file is not available).")))
        try:
            for n, index in enumerate(wanted):
                progress(n, len(wanted), N_("Painting pages"))
                if n:
                    device.newPage()
                self._transform(painter, device)
                self.paint_page(painter, index)
            progress(len(wanted), len(wanted), N_("Painting pages"))
        finally:
            painter.end()

    def pdf_bytes(self, *, progress: Progress = no_progress) -> bytes:
        """The whole report as a PDF (vector text and charts), in memory."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(self.page_size.qt_id),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Point,
            )
        )
        writer.setTitle(self.writing.render(document_title(self.patient_label)))
        writer.setCreator(f"Barium Tracker {__version__}")
        self.paint_pages(writer, progress=progress)
        del writer
        data = bytes(buffer.data().data())
        buffer.close()
        return data

    def page_image(self, index: int, dpi: float = 100) -> QImage:
        """0-based page ``index`` as a white image at ``dpi``, painted by the same code as the PDF."""
        paper = self.paper
        image = QImage(
            round(paper.width() * dpi / LAYOUT_DPI),
            round(paper.height() * dpi / LAYOUT_DPI),
            QImage.Format.Format_RGB32,
        )
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self._transform(painter, image)
            self.paint_page(painter, index)
        finally:
            painter.end()
        return image
