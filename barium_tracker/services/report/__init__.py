"""The patient report for the referring physician: a paginated PDF (QPdfWriter + QTextDocument), PNG pages, printing.

One :class:`Report` holds the laid-out document; the PDF, the PNG pages and the GUI's printer are all painted by
:meth:`Report.paint_pages`, so they show the same pages. The numbers come from ``services.summary`` (the same
:class:`PatientSummary` as the GUI and ``barium-tracker summary``), the charts from ``services.chart_figures``.

What the report says is plain Python; how it is set on paper is Qt:

- ``document.py``: the blocks a report is made of (headings, paragraphs, tables, charts; runs of text with a tone).
- ``phrases.py``: the report's own words (messages in the ``report`` translation context), values, sources, flags.
- ``content.py``: the report, section by section, from a PatientSummary; ``treatment.py``: the response to each
  procedure and the Eckardt course. Field words come from domain/fields.py, record wording from domain/wording.py.
- ``markup.py``: the blocks as the HTML QTextDocument reads, every message rendered in one place.
- ``figures.py``: the two charts as SVG.
- ``layout.py`` (QtGui): the document, the charts as vector objects, headings kept with what follows them.
- ``pages.py`` (QtGui): paper sizes, margins, running header and footer, painting on a PDF, an image or a printer.
- ``output.py``: build the report for one patient, write the PDF atomically, save PNG pages.
"""

from __future__ import annotations

from barium_tracker.services.report.content import chart_captions, report_content
from barium_tracker.services.report.figures import chart_svgs
from barium_tracker.services.report.layout import (
    CHART_INDEX,
    CHART_MAX_HEIGHT_PT,
    CHART_OBJECT,
    ChartObject,
    _is_heading,
    _keep_target,
    _line_rect,
    ensure_gui_application,
    layout_report,
    report_html,
)
from barium_tracker.services.report.markup import BODY_PT, ENGLISH, SMALL_PT, Writing
from barium_tracker.services.report.output import (
    ReportSource,
    build_report,
    pdf_has_raster_images,
    pdf_page_count,
    read_report,
    render_report_png,
    save_report_pngs,
    write_report_pdf,
)
from barium_tracker.services.report.pages import (
    BOTTOM_MARGIN_PT,
    FOOTER_GAP_PT,
    HEADER_BASELINE_PT,
    LAYOUT_DPI,
    PDF_DPI,
    SIDE_MARGIN_PT,
    TOP_MARGIN_PT,
    PageSize,
    Report,
)
from barium_tracker.services.report.phrases import NO_STUDIES_TEXT

__all__ = [
    "BODY_PT",
    "BOTTOM_MARGIN_PT",
    "CHART_INDEX",
    "CHART_MAX_HEIGHT_PT",
    "CHART_OBJECT",
    "ENGLISH",
    "FOOTER_GAP_PT",
    "HEADER_BASELINE_PT",
    "LAYOUT_DPI",
    "NO_STUDIES_TEXT",
    "PDF_DPI",
    "SIDE_MARGIN_PT",
    "SMALL_PT",
    "TOP_MARGIN_PT",
    "ChartObject",
    "PageSize",
    "Report",
    "ReportSource",
    "Writing",
    "_is_heading",
    "_keep_target",
    "_line_rect",
    "build_report",
    "chart_captions",
    "chart_svgs",
    "ensure_gui_application",
    "layout_report",
    "pdf_has_raster_images",
    "pdf_page_count",
    "read_report",
    "render_report_png",
    "report_content",
    "report_html",
    "save_report_pngs",
    "write_report_pdf",
]
