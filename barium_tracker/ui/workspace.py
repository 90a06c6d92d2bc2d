"""The selected patient at a glance: a header, the timeline of every event, and each treatment's response."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.services.charts import ChartData, build_chart_data
from barium_tracker.services.presentation import responses_html, studies_table_html
from barium_tracker.services.summary import PatientSummary
from barium_tracker.ui import notation, translate
from barium_tracker.ui.timeline_model import TimelineModel


def _duration(start: dt.date, end: dt.date) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(max(months, 0), 12)
    if years and months:
        return QCoreApplication.translate("PatientWorkspace", "{0} y {1} mo").format(years, months)
    if years:
        return QCoreApplication.translate("PatientWorkspace", "{0} y").format(years)
    return QCoreApplication.translate("PatientWorkspace", "{0} mo").format(months)


class PatientWorkspace(QWidget):
    """Shows one patient's summary; ``open_event(kind, record_id)`` when a timeline row is opened."""

    open_event = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientWorkspace")
        self.summary: PatientSummary | None = None
        self.header = QLabel(self)
        self.header.setObjectName("patientHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.timeline_model = TimelineModel(self)
        self.timeline = QTableView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("Timeline of the patient's events"))
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(False)
        self.timeline.setTabKeyNavigation(False)  # one Tab stop: the arrows move inside, Tab goes on to the charts
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.studies = QTextBrowser(self)
        self.studies.setObjectName("studiesTable")
        self.studies.setAccessibleName(self.tr("TBE studies"))
        self.responses = QTextBrowser(self)
        self.responses.setObjectName("responses")
        self.responses.setAccessibleName(self.tr("Response to each treatment"))
        # Charts come from matplotlib, which is imported only when a chart tab is first opened (start-up stays fast).
        self.course_chart: QWidget | None = None
        self.emptying_chart: QWidget | None = None
        self._chart_data: ChartData | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.addTab(self.studies, self.tr("TBE studies"))
        self.tabs.addTab(QWidget(self), self.tr("Course chart"))
        self.tabs.addTab(QWidget(self), self.tr("Emptying chart"))

        # The response summary sits beside the charts, so a verdict and its curve are read together.
        self.lower = QSplitter(Qt.Orientation.Horizontal, self)
        self.lower.setObjectName("chartsAndResponses")
        self.lower.addWidget(self.tabs)
        self.lower.addWidget(self.responses)
        self.lower.setStretchFactor(0, 3)
        self.lower.setStretchFactor(1, 2)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.timeline.activated.connect(self._activated)
        self.timeline.doubleClicked.connect(self._activated)
        self.clear()

    def clear(self) -> None:
        self.summary = None
        self.header.setText(
            "<p style='color:#555'>" + self.tr("Select a patient in the list, or add one (Ctrl+N).") + "</p>"
        )
        self.timeline_model.set_events([])
        self.studies.clear()
        self.responses.clear()
        self._set_chart_data(None)
        self.setEnabled(True)

    def show_summary(self, summary: PatientSummary) -> None:
        self.summary = summary
        p = summary.history.patient
        today = summary.today
        age = p.age_years(today)
        subtype = summary.history.manometry[-1].subtype if summary.history.manometry else None
        diagnosis = translate.coded(p.diagnosis)
        if subtype and subtype.label != p.diagnosis.label:
            diagnosis += self.tr(" (manometry: {0})").format(translate.coded(subtype))
        since = self.tr(", diagnosed {0} ago").format(_duration(p.diagnosis_date, today)) if p.diagnosis_date else ""
        facts = [
            self.tr("MRN {0}").format(p.mrn),
            self.tr("{0} years").format(age) if age is not None else self.tr("age unknown"),
            translate.coded(p.sex),
        ]
        self.header.setText(
            f"<span style='font-size:15pt; font-weight:600'>{html.escape(p.display_name)}</span><br>"
            f"{' · '.join(facts)}<br>{diagnosis}{since}"
        )
        self.timeline_model.set_events(summary.timeline)
        # The words in the user's language, numbers and dates as this workstation writes them ("2,7", 14/03/2015).
        written = {"translate": QCoreApplication.translate, "number": notation.number_text, "date": notation.date_text}
        self.studies.setHtml(studies_table_html(summary, **written))
        self.responses.setHtml(responses_html(summary, **written))
        self._set_chart_data(build_chart_data(summary, **written))

    # -- charts ---------------------------------------------------------------------------------------------------

    def _set_chart_data(self, data: ChartData | None) -> None:
        self._chart_data = data
        for chart in (self.course_chart, self.emptying_chart):
            if chart is not None:
                chart.set_data(data)  # type: ignore[attr-defined]

    def _tab_changed(self, index: int) -> None:
        if index in (1, 2):
            self.ensure_charts()

    def ensure_charts(self) -> None:
        """Create the chart widgets on first use (this is when matplotlib is imported)."""
        if self.course_chart is not None:
            return
        from barium_tracker.ui.charts import CourseChartWidget, EmptyingChartWidget

        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            self.course_chart = CourseChartWidget(self)
            self.emptying_chart = EmptyingChartWidget(self)
            for index, chart, title in (
                (1, self.course_chart, self.tr("Course chart")),
                (2, self.emptying_chart, self.tr("Emptying chart")),
            ):
                placeholder = self.tabs.widget(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, chart, title)
                placeholder.deleteLater()
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        self._set_chart_data(self._chart_data)

    def selected_event(self) -> tuple[str, int | None] | None:
        rows = self.timeline.selectionModel().selectedRows()
        if not rows:
            return None
        return self.timeline_model.data(rows[0], TimelineModel.EventRole)

    def select_event(self, kind: str, record_id: int | None) -> None:
        row = self.timeline_model.row_of(kind, record_id)
        if row is not None:
            self.timeline.selectRow(row)

    def _activated(self, index: QModelIndex) -> None:
        event = self.timeline_model.event_at(index.row())
        if event is not None:
            self.open_event.emit(event.kind, event.record_id)
