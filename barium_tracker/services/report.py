"""The patient report for the referring physician: a paginated PDF (QPdfWriter + QTextDocument), PNG pages, printing.

One :class:`Report` holds the laid-out document; the PDF, the PNG pages and the GUI's printer are all painted by
:meth:`Report.paint_pages`, so they show the same pages. The numbers come from ``services.summary`` (the same
:class:`PatientSummary` as the GUI and ``barium-tracker summary``), the charts from ``services.chart_figures``.

How the pieces fit:

- Layout units are points (1/72 inch): the document is laid out once on a 72-dpi paint device with design metrics,
  so the page breaks do not depend on the screen, and each output (PDF at 1200 dpi, PNG at any dpi, a printer)
  scales its painter by ``dpi / 72``.
- The charts are vector graphics: each matplotlib figure is written as SVG (``save_figure``) and drawn by a
  :class:`QSvgRenderer` inside a custom text object (``QTextFormat.UserObject + 1``), so it flows with the text and
  reaches the PDF as paths, never as a raster image.
- Pagination is ours: the document's page size is the paper, its root frame margins leave room for a running header
  and a footer ("Page N of M", generation time, app version), each page is the document's clip translated to the
  page, and the header and footer are painted in the margins.
- Headings are kept with what follows them: after a first layout, a heading whose next block (or a table's first body
  row) lands on the next page gets a page break before it, and the document is laid out again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
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
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from barium_tracker import __version__
from barium_tracker.domain import metrics
from barium_tracker.domain.enums import ComplicationGrade, TabletResult
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.records import EckardtAssessment, Manometry, Procedure, TbeStudy
from barium_tracker.domain.rules import ECKARDT_SOURCE, ECKARDT_TOTAL_MAX, Flag, FlagStatus
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.services.summary import PatientSummary, fmt_number, fmt_pct, patient_summary

# --------------------------------------------------------------------------------------------------------------------
# Page geometry (points)


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
BODY_PT = 9.0
SMALL_PT = 7.5
PDF_DPI = 1200
CHART_MAX_HEIGHT_PT = 300.0

CHART_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
CHART_INDEX = int(QTextFormat.Property.UserProperty) + 1

NO_STUDIES_TEXT = "No TBE studies recorded"
_FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Sans Serif"]
_GREY = "#555555"
_STATUS = {FlagStatus.MET: "MET", FlagStatus.NOT_MET: "not met", FlagStatus.NOT_APPLICABLE: "n/a"}
_STATUS_COLOUR = {True: "#1b7837", False: "#b2182b", None: "#444444"}

_STYLE = f"""
body {{ font-size: {BODY_PT}pt; color: #111111; }}
h1 {{ font-size: 15pt; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ font-size: 12pt; margin-top: 14px; margin-bottom: 4px; color: #1f3b5c; }}
h3 {{ font-size: 10pt; margin-top: 10px; margin-bottom: 3px; }}
h4 {{ font-size: {BODY_PT}pt; margin-top: 8px; margin-bottom: 3px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
table.grid {{ border-collapse: collapse; border-color: #9a9a9a; border-style: solid; }}
table.grid td, table.grid th {{ border-width: 1px; border-color: #9a9a9a; border-style: solid; padding: 2px 4px; }}
th {{ background-color: #e8edf3; font-weight: bold; text-align: left; }}
.missing {{ color: {_GREY}; font-style: italic; }}
.small {{ font-size: {SMALL_PT}pt; color: {_GREY}; }}
.num {{ text-align: right; }}
"""


# --------------------------------------------------------------------------------------------------------------------
# The Qt application


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (fonts need one); headless machines get ``offscreen``."""
    app = QGuiApplication.instance()
    if app is not None:
        return cast(QGuiApplication, app)
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith(("linux", "freebsd")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication([sys.argv[0] if sys.argv else "barium-tracker"])


# --------------------------------------------------------------------------------------------------------------------
# Charts as vector objects in the text


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


# matplotlib writes the space glyph as a path without data; Qt SVG warns about it and about every use of it.
_EMPTY_GLYPH = re.compile(rb'<path (id="[^"]+")((?: transform="[^"]*")?)\s*/>')


def _figure_svg(fig: object, folder: Path, name: str) -> bytes:
    """The figure as SVG through ``save_figure`` (the same file a chart export writes), read back as bytes.

    Glyphs without ink (spaces) get an empty move-to, so QtSvg neither warns nor drops the links to them.
    """
    from barium_tracker.services.chart_figures import save_figure

    path = save_figure(fig, folder / f"{name}.svg")  # type: ignore[arg-type]
    return _EMPTY_GLYPH.sub(rb'<path \1 d="M 0 0"\2/>', path.read_bytes())


def chart_svgs(summary: PatientSummary) -> list[tuple[str, bytes]]:
    """The course chart (height) and the emptying chart (default selection) as SVG, with their captions.

    Empty when the patient has no TBE study. Imports matplotlib on first use (about half a second once).
    """
    from barium_tracker.services.chart_figures import course_figure, emptying_figure
    from barium_tracker.services.charts import build_chart_data

    data = build_chart_data(summary)
    if data.is_empty:
        return []
    with tempfile.TemporaryDirectory(prefix="barium-report-") as folder:
        return [
            (
                "Course of the barium column height at each timed film, with procedures (grey lines), the Eckardt "
                "score (right axis) and the published thresholds (dotted).",
                _figure_svg(course_figure(data), Path(folder), "course"),
            ),
            (
                "Emptying curves: column height against minutes after ingestion for the last study before and "
                "each study after the most recent procedure (dashed: before).",
                _figure_svg(emptying_figure(data), Path(folder), "emptying"),
            ),
        ]


# --------------------------------------------------------------------------------------------------------------------
# Text of the report (HTML for QTextDocument)


def _e(text: object) -> str:
    return html.escape(str(text))


def _missing(text: str = "not recorded") -> str:
    return f'<span class="missing">{_e(text)}</span>'


def _value(value: Decimal | int | None, unit: str = "", missing: str = "not recorded") -> str:
    if value is None:
        return _missing(missing)
    if isinstance(value, int):
        return _e(f"{value} {unit}".strip())
    return _e(fmt_number(value, unit))


def _text_or_missing(text: str, missing: str = "not recorded") -> str:
    return _e(text) if text.strip() else _missing(missing)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int] | None = None) -> str:
    """A bordered table whose header row repeats on every page (``thead``); cells are HTML already."""
    head = "".join(f'<th width="{widths[i]}%">{h}</th>' if widths else f"<th>{h}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<table class="grid" width="100%" cellspacing="0" cellpadding="3" border="1">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


_YEAR = re.compile(r"\b(19|20)\d\d\b")


class _Sources:
    """Numbers the cited sources in order of first use; the report ends with the numbered list."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, source: str) -> int:
        return self.numbers.setdefault(source, len(self.numbers) + 1)

    def short(self, source: str) -> str:
        """ "Vaezi 1999 [2]": first author and first year of the source, and its number in the list."""
        author = source.split(" et al")[0].split(",")[0].strip()
        year = _YEAR.search(source)
        return f"{author}{' ' + year.group(0) if year else ''} [{self.cite(source)}]"


def _flags_table(flags: Sequence[Flag], sources: _Sources) -> str:
    rows = []
    for flag in flags:
        colour = _STATUS_COLOUR[flag.favourable]
        rows.append(
            [
                f"<b>{_e(flag.rule.title)}</b><br><span class='small'>{_e(flag.rule.criterion)}</span>",
                f'<span style="color:{colour}"><b>{_STATUS[flag.status]}</b></span>',
                _e(flag.detail),
                _e(sources.short(flag.rule.source)),
            ]
        )
    return _table(["Rule", "Result", "Finding", "Source"], rows, [27, 8, 48, 17])


def _header_html(summary: PatientSummary, clinic_name: str | None, generated: dt.datetime) -> str:
    p = summary.history.patient
    age = p.age_years(summary.today)
    born = p.birth_date.isoformat() if p.birth_date else None
    born_text = (
        (_e(born) + (f" ({age} years)" if age is not None else "")) if born else _missing("birth date not recorded")
    )
    diagnosis = _e(p.diagnosis.label) + (f", since {p.diagnosis_date.isoformat()}" if p.diagnosis_date else "")
    clinic_line = f"<p><b>{_e(clinic_name)}</b></p>" if clinic_name else ""
    cells = [
        ("Patient", f"<b>{_e(p.display_name)}</b>"),
        ("MRN", f"<b>{_e(p.mrn)}</b>"),
        ("Born", born_text),
        ("Sex", _e(p.sex.label)),
        ("Diagnosis", diagnosis),
        ("Report generated", _e(generated.strftime("%Y-%m-%d %H:%M"))),
    ]
    rows = "".join(
        "<tr>"
        + "".join(f'<td width="17%"><span class="small">{k}</span></td><td width="33%">{v}</td>' for k, v in pair)
        + "</tr>"
        for pair in (cells[0:2], cells[2:4], cells[4:6])
    )
    return (
        f"{clinic_line}<h1>Timed barium esophagogram (TBE) report</h1>"
        f'<p class="small">For the referring physician. Heights are measured from the gastro-oesophageal junction '
        f"to the top of the barium column on upright films; a missing value is written as missing, never as 0.</p>"
        f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-top:6px">{rows}</table>'
    )


def _at_a_glance(summary: PatientSummary) -> str:
    """One sentence on the most recent procedure's response at 5 minutes, when there is one."""
    for response in reversed(summary.responses):
        if not response.follow_ups:
            continue
        latest = response.follow_ups[-1]
        change = next((c for c in latest.changes if c.minute == metrics.OUTCOME_MINUTE), None)
        if change is None:
            continue
        p = response.procedure
        text = (
            f"Most recent treatment with a follow-up TBE: {p.title} on {p.procedure_date.isoformat()}. "
            f"Column height at {change.minute} min {fmt_number(change.pre_height_cm, 'cm')} before, "
            f"{fmt_number(change.post_height_cm, 'cm')} on {latest.study.study_date.isoformat()} "
            f"({fmt_pct(change.height_change_pct)})."
        )
        return f'<p style="margin-top:8px; background-color:#f3f6f9">{_e(text)}</p>'
    return ""


def _manometry_row(m: Manometry) -> list[str]:
    others = []
    if m.pan_pressurisation_pct is not None:
        others.append(f"pan-pressurisation {fmt_number(m.pan_pressurisation_pct, '%')}")
    if m.premature_swallows_pct is not None:
        others.append(f"premature swallows {fmt_number(m.premature_swallows_pct, '%')}")
    if m.dci_mmhg_s_cm is not None:
        others.append(f"DCI {fmt_number(m.dci_mmhg_s_cm, 'mmHg·s·cm')}")
    if m.les_resting_pressure_mmhg is not None:
        others.append(f"LES resting pressure {fmt_number(m.les_resting_pressure_mmhg, 'mmHg')}")
    if m.notes.strip():
        others.append(m.notes.strip())
    return [
        m.study_date.isoformat(),
        _text_or_missing(m.system),
        _e(m.subtype.label) + ("" if m.conclusive else " <span class='small'>(not conclusive)</span>"),
        _value(m.irp_supine_mmhg, "mmHg"),
        _value(m.irp_upright_mmhg, "mmHg"),
        _value(m.irp_upper_limit_mmhg, "mmHg"),
        _value(m.failed_swallows_pct, "%"),
        _e("; ".join(others)) if others else _missing("none recorded"),
    ]


def _diagnosis_html(summary: PatientSummary, sources: _Sources) -> str:
    h = summary.history
    p = h.patient
    parts = ["<h2>Diagnosis and manometry</h2>"]
    since = f" since {p.diagnosis_date.isoformat()}" if p.diagnosis_date else ""
    parts.append(f"<p>Diagnosis: <b>{_e(p.diagnosis.label)}</b>{_e(since)}.</p>")
    if p.notes.strip():
        parts.append(f'<p class="small">{_e(p.notes.strip())}</p>')
    parts.append("<h3>High-resolution manometry (Chicago Classification v4.0)</h3>")
    if h.manometry:
        parts.append(
            _table(
                [
                    "Date",
                    "System",
                    "Classification",
                    "IRP supine",
                    "IRP upright",
                    "IRP upper limit",
                    "Failed swallows",
                    "Other findings",
                ],
                [_manometry_row(m) for m in h.manometry],
                [11, 13, 14, 9, 9, 9, 9, 26],
            )
        )
    else:
        parts.append(f"<p>{_missing('No manometry recorded.')}</p>")
    flagged = [(s, summary.diagnostic_flags[s.id]) for s in h.studies if s.id in summary.diagnostic_flags]
    if flagged:
        parts.append("<h3>Diagnostic TBE criteria (studies before the first procedure)</h3>")
        for study, flags in flagged:
            parts.append(f"<p>TBE {study.study_date.isoformat()}</p>")
            parts.append(_flags_table(flags, sources))
    return "".join(parts)


def _procedure_details(p: Procedure) -> str:
    details: list[str] = []
    if p.poem_access:
        details.append(f"{p.poem_access.label} access")
    if p.myotomy_length_cm is not None:
        gastric = (
            f" ({fmt_number(p.gastric_myotomy_length_cm, 'cm')} gastric)"
            if p.gastric_myotomy_length_cm is not None
            else ""
        )
        details.append(f"myotomy {fmt_number(p.myotomy_length_cm, 'cm')}{gastric}")
    if p.knife.strip():
        details.append(p.knife.strip())
    if p.fundoplication:
        details.append(f"fundoplication {p.fundoplication.label}")
    if p.balloon_diameter_mm is not None:
        details.append(f"balloon {fmt_number(p.balloon_diameter_mm, 'mm')} diameter")
    if p.balloon_pressure_psi is not None:
        details.append(f"{fmt_number(p.balloon_pressure_psi, 'psi')}")
    if p.botox_units is not None:
        details.append(f"{fmt_number(p.botox_units, 'U')}")
    if p.botox_sites is not None:
        details.append(f"{p.botox_sites} injection sites")
    if p.duration_min is not None:
        details.append(f"{p.duration_min} min")
    if p.anaesthesia.strip():
        details.append(f"anaesthesia: {p.anaesthesia.strip().lower()}")
    if p.length_of_stay_days is not None:
        details.append(f"stay {p.length_of_stay_days} days")
    if p.operator.strip():
        details.append(f"operator {p.operator.strip()}")
    text = _e("; ".join(details)) if details else _missing("no details recorded")
    if p.notes.strip():
        text += f'<br><span class="small">{_e(p.notes.strip())}</span>'
    return text


def _procedures_html(summary: PatientSummary) -> str:
    parts = ["<h2>Procedures</h2>"]
    procedures = sorted(summary.history.procedures, key=lambda p: (p.procedure_date, p.id or 0))
    if not procedures:
        parts.append(f"<p>{_missing('No procedure recorded.')}</p>")
        return "".join(parts)
    rows = []
    for p in procedures:
        grade = p.complication_grade
        complication = _e(grade.label) + (f": {_e(p.complication_text)}" if p.complication_text.strip() else "")
        if grade is ComplicationGrade.NONE and not p.complication_text.strip():
            complication = "None"
        rows.append([p.procedure_date.isoformat(), f"<b>{_e(p.title)}</b>", _procedure_details(p), complication])
    parts.append(_table(["Date", "Procedure", "Details", "Complications"], rows, [11, 20, 55, 14]))
    return "".join(parts)


def _endoscopy_html(summary: PatientSummary) -> str:
    exams = summary.history.endoscopy
    if not exams:
        return "<h2>Endoscopy</h2>" + f"<p>{_missing('No endoscopy recorded.')}</p>"
    rows = [
        [
            e.exam_date.isoformat(),
            _e(e.les_opening.label),
            _e(e.oesophagitis.label),
            "Yes" if e.residue else "No",
            _text_or_missing(e.findings, "no free text"),
        ]
        for e in exams
    ]
    return "<h2>Endoscopy</h2>" + _table(
        ["Date", "LES opening", "Oesophagitis", "Residue", "Findings"], rows, [11, 17, 15, 8, 49]
    )


def _study_note(study: TbeStudy, relation: str) -> str:
    lines = []
    if relation:
        lines.append(_e(relation))
    barium = []
    if study.barium_volume_ml is not None:
        barium.append(fmt_number(study.barium_volume_ml.normalize(), "mL"))
    if study.barium_type.strip():
        barium.append(study.barium_type.strip())
    lines.append(_e("Barium " + ", ".join(barium)) if barium else _missing("barium volume not recorded"))
    emptying = metrics.emptying_pct(study)
    if emptying is not None:
        lines.append(_e(f"Emptying 1 to 5 min: {metrics.round_pct(emptying)} %"))
    if study.tablet_result is not TabletResult.NOT_GIVEN:
        when = f" by {study.tablet_minute} min" if study.tablet_minute is not None else ""
        lines.append(_e(f"13 mm tablet: {study.tablet_result.label.lower()}{when}"))
    if study.notes.strip():
        lines.append(f'<span class="small">{_e(study.notes.strip())}</span>')
    return "<br>".join(lines)


def _studies_html(summary: PatientSummary, relations: dict[int, str]) -> str:
    parts = ["<h2>Timed barium esophagogram studies</h2>"]
    studies = summary.history.studies
    if not studies:
        parts.append(f"<p>{_missing(NO_STUDIES_TEXT + '.')}</p>")
        return "".join(parts)
    parts.append(
        '<p class="small">Every timed film: column height (from the gastro-oesophageal junction) and maximal width; '
        "area = height x width (de Oliveira 1997). Height 0 = complete emptying.</p>"
    )
    rows = []
    for position, study in enumerate(studies):
        films = sorted(study.measurements, key=lambda m: m.minute)
        note = _study_note(study, relations.get(position, ""))
        if not films:
            rows.append([f"<b>{study.study_date.isoformat()}</b>", _missing("no films recorded"), "", "", "", note])
            continue
        for index, m in enumerate(films):
            height = _value(m.height_cm, "", "not measured")
            if m.height_cm == 0:
                height += ' <span class="small">(complete emptying)</span>'
            rows.append(
                [
                    f"<b>{study.study_date.isoformat()}</b>" if index == 0 else study.study_date.isoformat(),
                    f"{m.minute} min",
                    height,
                    _value(m.width_cm, "", "not measured"),
                    _value(m.area_cm2, "", "n/a") if m.area_cm2 is not None else _missing("n/a"),
                    note if index == 0 else "",
                ]
            )
    parts.append(
        _table(
            ["Date", "Film", "Height (cm)", "Width (cm)", "Area (cm²)", "Study"],
            rows,
            [12, 8, 14, 12, 12, 42],
        )
    )
    return "".join(parts)


def _charts_html(captions: Sequence[str]) -> str:
    parts = ["<h2>Charts</h2>"]
    if not captions:
        parts.append(f"<p>{_missing(NO_STUDIES_TEXT + ': no chart to draw.')}</p>")
        return "".join(parts)
    for index, caption in enumerate(captions):
        title = "Course of the barium column" if index == 0 else "Emptying curves"
        parts.append(f"<h3>{title}</h3>")
        parts.append(f'<p align="center">[[chart:{index}]]</p>')
        parts.append(f'<p class="small">{_e(caption)}</p>')
    return "".join(parts)


def _change_rows(changes: Sequence[metrics.MinuteChange]) -> list[list[str]]:
    def area(value: Decimal | None) -> str:
        return _e(fmt_number(value.quantize(Decimal("0.01")), "")) if value is not None else _missing("n/a")

    return [
        [
            f"{c.minute} min",
            _value(c.pre_height_cm, "", "not measured"),
            _value(c.post_height_cm, "", "not measured"),
            _e(fmt_pct(c.height_change_pct)),
            area(c.pre_area_cm2),
            area(c.post_area_cm2),
            _e(fmt_pct(c.area_change_pct)),
        ]
        for c in changes
    ]


def _responses_html(summary: PatientSummary, sources: _Sources) -> str:
    parts = ["<h2>Response to treatment</h2>"]
    if not summary.responses:
        parts.append(f"<p>{_missing('No procedure recorded: no response to assess.')}</p>")
        return "".join(parts)
    parts.append(
        '<p class="small">Most recent procedure first. The reference is the last TBE before the procedure; each '
        "follow-up is a TBE after it and before the next procedure. Change = (after - before) / before at the same "
        "minute. Every rule is listed with its source (numbered references at the end).</p>"
    )
    for index, response in reversed(list(enumerate(summary.responses))):
        p = response.procedure
        parts.append(f"<h3>{_e(p.title)}, {p.procedure_date.isoformat()}</h3>")
        ref = response.reference
        parts.append(
            "<p>Reference study: "
            + (ref.study_date.isoformat() if ref else _missing("none before this procedure"))
            + "</p>"
        )
        if not response.follow_ups:
            later = index + 1 < len(summary.responses)
            text = "No follow-up study before the next procedure." if later else "No follow-up study yet."
            parts.append(f"<p>{_missing(text)}</p>")
        for fu in response.follow_ups:
            emptying = metrics.emptying_pct(fu.study)
            extra = f"; emptying 1 to 5 min {metrics.round_pct(emptying)} %" if emptying is not None else ""
            parts.append(
                f"<h4>Follow-up TBE {fu.study.study_date.isoformat()} ({fu.days_after} days after{extra})</h4>"
            )
            if fu.changes:
                parts.append(
                    _table(
                        [
                            "Film",
                            "Height before (cm)",
                            "Height after (cm)",
                            "Change in height",
                            "Area before (cm²)",
                            "Area after (cm²)",
                            "Change in area",
                        ],
                        _change_rows(fu.changes),
                        [10, 15, 15, 15, 15, 15, 15],
                    )
                )
            else:
                parts.append(f"<p>{_missing('No minute measured on both studies.')}</p>")
            parts.append("<p></p>")
            parts.append(_flags_table(fu.flags, sources))
        before = response.eckardt_before
        after = response.eckardt_after[-1] if response.eckardt_after else None
        eckardt = (
            f"Eckardt score: {before.total if before else 'n/a'} before, {after.total if after else 'n/a'} after"
            + (f" ({fmt_pct(response.eckardt_change_pct)})" if response.eckardt_change_pct is not None else "")
        )
        parts.append(f"<h4>Symptoms and concordance ({_e(eckardt)})</h4>")
        parts.append(_flags_table(response.flags, sources))
    return "".join(parts)


def _eckardt_relation(score: EckardtAssessment, procedures: Sequence[Procedure]) -> str:
    """ "28 days after Balloon dilation; 1 day before Rescue POEM": the nearest procedure on each side."""
    day = score.assessment_date
    earlier = [p for p in procedures if p.procedure_date <= day]
    later = [p for p in procedures if p.procedure_date > day]
    parts = []
    if earlier:
        last = max(earlier, key=lambda p: p.procedure_date)
        parts.append(f"{_days((day - last.procedure_date).days)} after {last.title}")
    if later:
        first = min(later, key=lambda p: p.procedure_date)
        parts.append(f"{_days((first.procedure_date - day).days)} before {first.title}")
    return "; ".join(parts)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _eckardt_html(summary: PatientSummary, sources: _Sources) -> str:
    parts = ["<h2>Eckardt symptom score</h2>"]
    scores = summary.history.eckardt
    threshold = summary.settings.eckardt_success_max
    if not scores:
        parts.append(f"<p>{_missing('No Eckardt score recorded.')}</p>")
        return "".join(parts)
    parts.append(
        f'<p class="small">Four items of 0 to 3 each, total 0 to {ECKARDT_TOTAL_MAX} '
        f"({_e(sources.short(ECKARDT_SOURCE))}). Treatment success in this clinic: total &lt;= {threshold}.</p>"
    )
    rows = []
    for s in scores:
        success = "yes" if s.total <= threshold else "no"
        rows.append(
            [
                s.assessment_date.isoformat(),
                str(s.dysphagia),
                str(s.regurgitation),
                str(s.retrosternal_pain),
                str(s.weight_loss),
                f"<b>{s.total}</b>/{ECKARDT_TOTAL_MAX}",
                success,
                _e(_eckardt_relation(s, summary.history.procedures)) or _missing("no procedure recorded"),
            ]
        )
    parts.append(
        _table(
            [
                "Date",
                "Dysphagia",
                "Regurgitation",
                "Retrosternal pain",
                "Weight loss",
                "Total",
                f"Total &lt;= {threshold}",
                "Relation to procedures",
            ],
            rows,
            [11, 10, 11, 11, 10, 8, 9, 30],
        )
    )
    return "".join(parts)


def _references_html(sources: _Sources) -> str:
    if not sources.numbers:
        return ""
    items = "".join(
        f"<tr><td width='5%'>[{n}]</td><td>{_e(source)}</td></tr>"
        for source, n in sorted(sources.numbers.items(), key=lambda item: item[1])
    )
    return f"<h2>References</h2><table cellspacing='0' cellpadding='2' width='100%'>{items}</table>"


def _study_relations(summary: PatientSummary) -> dict[int, str]:
    """Chronological study position -> "before Rescue POEM" / "30 days after Rescue POEM" (the charts' wording)."""
    from barium_tracker.services.charts import build_chart_data

    data = build_chart_data(summary)
    out: dict[int, str] = {}
    for position, info in enumerate(data.studies):
        prefix = info.date.isoformat()
        rest = info.label[len(prefix) :].strip()
        out[position] = rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest
    return out


def report_html(
    summary: PatientSummary, *, clinic_name: str | None, generated: dt.datetime, chart_captions: Sequence[str]
) -> str:
    """The whole report as the HTML subset QTextDocument reads; charts are ``[[chart:N]]`` placeholders."""
    sources = _Sources()
    parts = [
        _header_html(summary, clinic_name, generated),
        _at_a_glance(summary),
        _diagnosis_html(summary, sources),
        _procedures_html(summary),
        _studies_html(summary, _study_relations(summary) if summary.history.studies else {}),
        _charts_html(chart_captions),
        _responses_html(summary, sources),
        _eckardt_html(summary, sources),
        _endoscopy_html(summary),
        _references_html(sources),
    ]
    return f"<html><body>{''.join(parts)}</body></html>"


# --------------------------------------------------------------------------------------------------------------------
# The report


def _layout_device() -> QImage:
    """A 72-dpi paint device, so layout units are points whatever the screen."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _css_px(points: float) -> float:
    return points * 96 / 72


def _default_font() -> QFont:
    font = QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_PT)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@dataclass
class Report:
    """A laid-out report: the document, its charts and what the header and footer say; paint it on any device."""

    document: QTextDocument
    page_size: PageSize
    patient_label: str
    clinic_name: str | None
    generated_at: dt.datetime
    chart_count: int
    _handler: ChartObject
    _layout_device: QImage

    @property
    def paper(self) -> QSizeF:
        return self.page_size.size_pt

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def header_text(self) -> tuple[str, str]:
        """The running header: clinic (or the report's name) on the left, the patient on the right."""
        return (self.clinic_name or "TBE report", self.patient_label)

    def footer_text(self, page: int) -> tuple[str, str]:
        """The footer of 1-based ``page``: generation time and app version on the left, "Page N of M" on the right."""
        left = f"Generated {self.generated_at.strftime('%Y-%m-%d %H:%M')} by Barium Tracker {__version__}"
        return (left, f"Page {page} of {self.page_count}")

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
        font = _default_font()
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
            raise UserError("Could not start the report output (the printer or file is not available).")
        try:
            for n, index in enumerate(wanted):
                progress(n, len(wanted), "Painting pages")
                if n:
                    device.newPage()
                self._transform(painter, device)
                self.paint_page(painter, index)
            progress(len(wanted), len(wanted), "Painting pages")
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
        writer.setTitle(f"TBE report: {self.patient_label}")
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


def _insert_charts(document: QTextDocument, count: int) -> None:
    for index in range(count):
        cursor = document.find(f"[[chart:{index}]]")
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
    top_band = _css_px(TOP_MARGIN_PT) * LAYOUT_DPI / 96 + 24
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


def _patient_label(summary: PatientSummary) -> str:
    p = summary.history.patient
    return f"{p.display_name} - MRN {p.mrn}"


def layout_report(
    summary: PatientSummary,
    charts: Sequence[tuple[str, bytes]],
    *,
    page_size: PageSize = PageSize.A4,
    clinic_name: str | None = None,
    generated: dt.datetime | None = None,
) -> Report:
    """Lay out a report from a computed summary and chart SVGs (no database): the pure layout step."""
    ensure_gui_application()
    generated = generated or dt.datetime.now()
    page_size = PageSize(page_size)
    paper = page_size.size_pt
    device = _layout_device()
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.documentLayout().setPaintDevice(device)
    document.setUseDesignMetrics(True)
    document.setDefaultFont(_default_font())
    document.setDefaultStyleSheet(_STYLE)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never break inside a word or a date
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    captions = [caption for caption, _svg in charts]
    document.setHtml(report_html(summary, clinic_name=clinic_name, generated=generated, chart_captions=captions))
    frame = document.rootFrame().frameFormat()
    # Frame lengths are CSS pixels (1/96 inch), which the layout scales to its 72-dpi device.
    frame.setLeftMargin(_css_px(SIDE_MARGIN_PT))
    frame.setRightMargin(_css_px(SIDE_MARGIN_PT))
    frame.setTopMargin(_css_px(TOP_MARGIN_PT))
    frame.setBottomMargin(_css_px(BOTTOM_MARGIN_PT))
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
        patient_label=_patient_label(summary),
        clinic_name=clinic_name,
        generated_at=generated,
        chart_count=len(charts),
        _handler=handler,
        _layout_device=device,
    )


def build_report(
    clinic: Clinic,
    mrn: str,
    *,
    page_size: PageSize = PageSize.A4,
    clinic_name: str | None = None,
    progress: Progress = no_progress,
    generated: dt.datetime | None = None,
) -> Report:
    """Read one patient, draw the charts and lay out the report (raises NotFound for an unknown MRN).

    ``clinic_name`` None: the name set in Preferences (Clinic.clinic_name), if any.
    """
    ensure_gui_application()
    if clinic_name is None:
        clinic_name = clinic.clinic_name() or None
    generated = generated or dt.datetime.now()
    progress(0, 3, "Reading the patient's record")
    summary = patient_summary(clinic, mrn, today=generated.date())
    progress(1, 3, "Drawing the charts")
    charts = chart_svgs(summary)
    progress(2, 3, "Laying out the pages")
    report = layout_report(summary, charts, page_size=page_size, clinic_name=clinic_name, generated=generated)
    progress(3, 3, "Laying out the pages")
    return report


def _atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then replace ``path`` with it (never a half file)."""
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise UserError(f"Could not write the report to {path.parent}: {error.strerror or error}") from error
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
        raise UserError(f"Could not write the report to {path}: {error.strerror or error}") from error
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
) -> Path:
    """Build the report and write it as a PDF at ``path`` (atomically: a cancelled or failed run leaves no file)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist; choose another place for the report.")
    report = build_report(
        clinic, mrn, page_size=page_size, clinic_name=clinic_name, progress=progress, generated=generated
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
) -> list[Path]:
    """Every page as ``<MRN>-page-NN.png`` in ``folder`` (created if needed), painted as the PDF is."""
    report = build_report(clinic, mrn, page_size=page_size, clinic_name=clinic_name, generated=generated)
    return save_report_pngs(report, folder, dpi=dpi, stem=_safe_name(mrn))


def save_report_pngs(report: Report, folder: Path, *, dpi: float = 100, stem: str = "report") -> list[Path]:
    """Write each page of a built report as PNG."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(report.page_count):
        path = folder / f"{stem}-page-{index + 1:02d}.png"
        if not report.page_image(index, dpi).save(str(path), "PNG"):
            raise UserError(f"Could not write {path}")
        paths.append(path)
    return paths


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF written by Qt (its page objects), for tests and checks without a PDF library."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def pdf_has_raster_images(data: bytes) -> bool:
    """Whether a PDF holds any image XObject (the charts are drawn as vector paths, so a report holds none)."""
    return re.search(rb"/Subtype\s*/Image", data) is not None
