"""The report laid out as a QTextDocument: the HTML set on a 72-dpi layout, the charts as vector text objects, and
headings kept with what follows them.

- The charts are vector graphics: each SVG is drawn by a :class:`QSvgRenderer` inside a custom text object
  (``QTextFormat.UserObject + 1``), so it flows with the text and reaches the PDF as paths, never as a raster image.
- The document's page size is the paper; its root frame margins leave room for the running header and the footer
  (pages.py).
- Headings are kept with what follows them: after a first layout, a heading whose next block (or a table's first
  body row) lands on the next page gets a page break before it, and the document is laid out again.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QByteArray, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPainter,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from barium_tracker.services.report.content import report_content
from barium_tracker.services.report.document import Text
from barium_tracker.services.report.markup import ENGLISH, STYLE, Writing, chart_placeholder, to_html
from barium_tracker.services.report.pages import (
    BOTTOM_MARGIN_PT,
    LAYOUT_DPI,
    SIDE_MARGIN_PT,
    TOP_MARGIN_PT,
    PageSize,
    Report,
    css_px,
    default_font,
)
from barium_tracker.services.report.phrases import patient_label
from barium_tracker.services.summary import PatientSummary

CHART_MAX_HEIGHT_PT = 300.0
CHART_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
CHART_INDEX = int(QTextFormat.Property.UserProperty) + 1


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (fonts need one); headless machines get ``offscreen``."""
    app = QGuiApplication.instance()
    if app is not None:
        return cast(QGuiApplication, app)
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith(("linux", "freebsd")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication([sys.argv[0] if sys.argv else "barium-tracker"])


class ChartObject(QPyTextObject):
    """Draws the chart whose index a text object's format carries, scaled into the object's rectangle.

    Qt keeps only a raw pointer to a registered handler: the :class:`Report` holds this object (and the SVG renderers)
    for as long as the document lives.
    """

    def __init__(self, renderers: Sequence[QSvgRenderer], sizes: Sequence[QSizeF], parent: QTextDocument) -> None:
        super().__init__(parent)
        self._renderers = list(renderers)
        self._sizes = list(sizes)

    def intrinsicSize(self, doc: QTextDocument, posInDocument: int, format: QTextFormat) -> QSizeF:  # noqa: N803
        return QSizeF(self._sizes[int(format.property(CHART_INDEX))])

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        posInDocument: int,  # noqa: N803
        format: QTextFormat,
    ) -> None:
        self._renderers[int(format.property(CHART_INDEX))].render(painter, rect)


def report_html(
    summary: PatientSummary,
    *,
    clinic_name: str | None,
    generated: dt.datetime,
    chart_captions: Sequence[Text],
    writing: Writing = ENGLISH,
) -> str:
    """The whole report as the HTML subset QTextDocument reads, in ``writing``'s language and notation; charts are
    ``[[chart:N]]`` placeholders."""
    blocks = report_content(
        summary, clinic_name=clinic_name, generated=generated, chart_captions=chart_captions, writing=writing
    )
    return to_html(blocks, writing=writing)


def _layout_device() -> QImage:
    """A 72-dpi paint device, so layout units are points whatever the screen."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _insert_charts(document: QTextDocument, count: int) -> None:
    for index in range(count):
        cursor = document.find(chart_placeholder(index))
        if cursor.isNull():
            continue
        char_format = QTextCharFormat()
        char_format.setObjectType(CHART_OBJECT)
        char_format.setProperty(CHART_INDEX, index)
        cursor.insertText("\ufffc", char_format)


def _is_heading(block: QTextBlock) -> bool:
    return block.blockFormat().headingLevel() > 0


def _keep_target(heading: QTextBlock, reach: int = 5) -> QTextBlock:
    """What must share a page with ``heading``: the first body row of a table or a chart that follows within a few
    blocks (through short paragraphs and sub-headings), else the first paragraph after the heading(s)."""
    block = heading.next()
    first_text: QTextBlock | None = None
    for _ in range(reach):
        if not block.isValid():
            break
        table = QTextCursor(block).currentTable()
        if table is not None:
            row = min(table.format().headerRowCount(), table.rows() - 1)
            return table.cellAt(row, 0).firstCursorPosition().block()
        if "\ufffc" in block.text():
            return block
        if first_text is None and not _is_heading(block):
            first_text = block
        block = block.next()
    return first_text if first_text is not None else heading


def _line_rect(document: QTextDocument, block: QTextBlock) -> QRectF:
    """The rectangle of a block's first line in document coordinates (blocks in table cells included)."""
    rect = document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    if layout is not None and layout.lineCount():
        line = layout.lineAt(0)
        return QRectF(rect.left(), rect.top() + line.y(), rect.width(), line.height())
    return rect


def _relayout(document: QTextDocument) -> None:
    """Lay the whole document out again, now.

    After a format change QTextDocumentLayout relays out lazily, and blocks after a table can keep no lines at all
    (they would not be painted); marking everything dirty and asking for the page count lays out every block.
    """
    document.markContentsDirty(0, document.characterCount())
    document.pageCount()


def _keep_headings_with_next(document: QTextDocument, page_height: float, rounds: int = 12) -> None:
    """Move a heading to the next page when what follows it (a table's first row, a chart, a paragraph) would not
    stay on its page; lay out again after each move until nothing moves."""
    top_band = css_px(TOP_MARGIN_PT) * LAYOUT_DPI / 96 + 24
    for _ in range(rounds):
        moved = False
        block = document.begin()
        while block.isValid():
            policy = block.blockFormat().pageBreakPolicy()
            if _is_heading(block) and policy == QTextFormat.PageBreakFlag.PageBreak_Auto:
                target = _keep_target(block)
                head = _line_rect(document, block)
                body = _line_rect(document, target)
                head_page = int(head.top() // page_height)
                body_page = int((body.bottom() - 0.5) // page_height)
                at_top = head.top() - head_page * page_height <= top_band
                if body_page != head_page and not at_top:
                    new_format = QTextBlockFormat()
                    new_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).mergeBlockFormat(new_format)
                    _relayout(document)
                    moved = True
                    break  # everything after it moves: measure again
            block = block.next()
        if not moved:
            return


def layout_report(
    summary: PatientSummary,
    charts: Sequence[tuple[Text, bytes]],
    *,
    page_size: PageSize = PageSize.A4,
    clinic_name: str | None = None,
    generated: dt.datetime | None = None,
    writing: Writing = ENGLISH,
) -> Report:
    """Lay out a report from a computed summary and chart SVGs (no database): the pure layout step, in ``writing``'s
    language and notation (the running header and footer too)."""
    ensure_gui_application()
    generated = generated or dt.datetime.now()
    page_size = PageSize(page_size)
    paper = page_size.size_pt
    device = _layout_device()
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.documentLayout().setPaintDevice(device)
    document.setUseDesignMetrics(True)
    document.setDefaultFont(default_font())
    document.setDefaultStyleSheet(STYLE)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never break inside a word or a date
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    captions = [caption for caption, _svg in charts]
    html = report_html(summary, clinic_name=clinic_name, generated=generated, chart_captions=captions, writing=writing)
    document.setHtml(html)
    frame = document.rootFrame().frameFormat()
    frame.setLeftMargin(css_px(SIDE_MARGIN_PT))
    frame.setRightMargin(css_px(SIDE_MARGIN_PT))
    frame.setTopMargin(css_px(TOP_MARGIN_PT))
    frame.setBottomMargin(css_px(BOTTOM_MARGIN_PT))
    document.rootFrame().setFrameFormat(frame)
    document.setPageSize(paper)

    content_width = paper.width() - 2 * SIDE_MARGIN_PT
    renderers: list[QSvgRenderer] = []
    sizes: list[QSizeF] = []
    for _caption, svg in charts:
        renderer = QSvgRenderer(QByteArray(svg))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        default = renderer.defaultSize()
        aspect = default.height() / default.width() if default.width() else 0.6
        width = min(content_width - 4, CHART_MAX_HEIGHT_PT / aspect)
        renderers.append(renderer)
        sizes.append(QSizeF(width, width * aspect))
    handler = ChartObject(renderers, sizes, document)
    document.documentLayout().registerHandler(CHART_OBJECT, handler)
    _insert_charts(document, len(charts))
    _relayout(document)
    _keep_headings_with_next(document, paper.height())
    return Report(
        document=document,
        page_size=page_size,
        patient_label=writing.render(patient_label(summary)),
        clinic_name=clinic_name,
        generated_at=generated,
        chart_count=len(charts),
        _handler=handler,
        _layout_device=device,
        writing=writing,
    )
