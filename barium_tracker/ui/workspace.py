"""The selected patient at a glance: a header, the timeline of every event, and each treatment's response.

For screen readers the timeline and the TBE studies are tables (QTableView, with headers) and the response summary a
read-only text (a read-only QTextEdit); every empty one says what to do next, with the menu and the shortcut read
from the actions table (ui/actions.py).
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.services.charts import ChartData, build_chart_data
from barium_tracker.services.presentation import NextSteps, responses_html
from barium_tracker.services.summary import PatientSummary
from barium_tracker.ui import notation, translate
from barium_tracker.ui.actions import menu_title, where
from barium_tracker.ui.empty_state import EmptyStateTableView
from barium_tracker.ui.studies_model import StudiesTableModel
from barium_tracker.ui.timeline_model import TimelineModel


def _duration(start: dt.date, end: dt.date) -> str:
    """ "5 y 6 mo" (Spanish: "5 años y 6 meses"): each case its own phrase, so that one year or month is singular."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(max(months, 0), 12)
    if years and months:
        if years == 1:
            if months == 1:
                return QCoreApplication.translate("PatientWorkspace", "1 y 1 mo")
            return QCoreApplication.translate("PatientWorkspace", "1 y {1} mo").format(years, months)
        if months == 1:
            return QCoreApplication.translate("PatientWorkspace", "{0} y 1 mo").format(years, months)
        return QCoreApplication.translate("PatientWorkspace", "{0} y {1} mo").format(years, months)
    if years:
        if years == 1:
            return QCoreApplication.translate("PatientWorkspace", "1 y")
        return QCoreApplication.translate("PatientWorkspace", "{0} y").format(years)
    if months == 1:
        return QCoreApplication.translate("PatientWorkspace", "1 mo")
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
        self.timeline = EmptyStateTableView(self)
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

        self.studies_model = StudiesTableModel(self)
        self.studies = EmptyStateTableView(self)
        self.studies.setObjectName("studiesTable")
        self.studies.setAccessibleName(self.tr("TBE studies"))
        self.studies.setModel(self.studies_model)
        self.studies.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.studies.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.studies.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.studies.verticalHeader().setVisible(False)
        self.studies.setAlternatingRowColors(True)
        self.studies.setWordWrap(False)
        self.studies.setTabKeyNavigation(False)  # one Tab stop, like the timeline
        self.studies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A read-only QTextEdit, not a QTextBrowser: AT-SPI shows a QTextBrowser as a "label", a read-only text edit
        # as a multi-line read-only "text" whose words a screen reader reads and walks line by line (caret keys).
        self.responses = QTextEdit(self)
        self.responses.setObjectName("responses")
        self.responses.setAccessibleName(self.tr("Response to each treatment"))
        self.responses.setReadOnly(True)
        self.responses.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.responses.setTabChangesFocus(True)  # Tab goes on, as from the other read-only panels
        # Wide enough for a verdict's words whatever the chart beside it needs (it was crushed to a letter a line).
        self.responses.setMinimumWidth(self.responses.fontMetrics().averageCharWidth() * 34)
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
        self.studies.activated.connect(self._study_activated)
        self.studies.doubleClicked.connect(self._study_activated)
        self.clear()

    def clear(self) -> None:
        self.summary = None
        self.header.setText(
            "<p style='color:#555'>"
            + html.escape(
                self.tr("Select a patient in the list, or add one: {menu}, {keys}.").format(**where("actionNewPatient"))
            )
            + "</p>"
        )
        self.timeline_model.set_events([])
        self.timeline.set_empty_text("")  # the header says what to do: select or add a patient
        self.studies_model.set_studies([])
        self.studies.set_empty_text("")
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
        self.timeline.set_empty_text(
            self.tr(
                "Nothing recorded for this patient yet: add a TBE study with {menu}, {keys}, or another event from "
                "the {record} menu."
            ).format(record=menu_title("record"), **where("actionNewStudy"))
        )
        self.studies_model.set_studies(summary.history.studies)
        self.studies.set_empty_text(self.tr("No TBE study yet: {menu}, {keys}.").format(**where("actionNewStudy")))
        # The words in the user's language, numbers and dates as this workstation writes them ("2,7", 14/03/2015).
        written = {"translate": QCoreApplication.translate, "number": notation.number_text, "date": notation.date_text}
        steps = NextSteps(
            study=where("actionNewStudy"), procedure=where("actionNewProcedure"), eckardt=where("actionNewEckardt")
        )
        self.responses.setHtml(responses_html(summary, **written, next_steps=steps))
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

    def _study_activated(self, index: QModelIndex) -> None:
        study = self.studies_model.study_at(index.row())
        if study is not None:
            self.open_event.emit("tbe_study", study.id)

    def _activated(self, index: QModelIndex) -> None:
        event = self.timeline_model.event_at(index.row())
        if event is not None:
            self.open_event.emit(event.kind, event.record_id)
