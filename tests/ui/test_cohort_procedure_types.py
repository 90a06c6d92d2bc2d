"""Every procedure type through the cohort (rows, statistics, the table, the statistics table, the plot) and
through the chart's procedure markers: each is named by its one declaration, short where room is short."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from barium_tracker.domain import wording
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import ColumnMeasurement, Patient, PatientHistory, Procedure, TbeStudy
from barium_tracker.services import charts
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import cohort_rows, overall_statistics, procedure_statistics
from barium_tracker.services.records import save_histories
from barium_tracker.ui import cohort_view
from barium_tracker.ui.cohort.stats_model import CohortStatsModel
from barium_tracker.ui.cohort.table_model import CohortTableModel
from barium_tracker.ui.cohort.window import CohortView

TODAY = dt.date(2026, 11, 24)
KINDS = list(ProcedureType)


def _study(day: dt.date, h5: str) -> TbeStudy:
    film = ColumnMeasurement(minute=5, height_cm=Decimal(h5), width_cm=Decimal(3))
    return TbeStudy(study_date=day, barium_volume_ml=Decimal(200), measurements=[film])


def _histories() -> list[PatientHistory]:
    """Per type: a first procedure and a rescue one, 10 cm before and 2 + i cm after (a change for every box)."""
    out = []
    for (i, kind), rescue in itertools.product(enumerate(KINDS), (False, True)):
        mrn = f"{kind.value}-{'rescue' if rescue else 'first'}"
        out.append(
            PatientHistory(
                patient=Patient(mrn=mrn, family_name=mrn, given_name="Given", birth_date=dt.date(1980, 1, 1)),
                studies=[_study(dt.date(2024, 1, 1), "10"), _study(dt.date(2024, 3, 1), str(2 + i % 5))],
                procedures=[Procedure(procedure_date=dt.date(2024, 1, 10), procedure_type=kind, rescue=rescue)],
            )
        )
    return out


@pytest.fixture
def every_kind(clinic: Clinic) -> Clinic:
    save_histories(clinic, _histories(), source="test")
    return clinic


def _title(kind: ProcedureType, rescue: bool, *, short: bool = False) -> str:
    name = kind.short_label if short else kind.label
    return f"Rescue {name}" if rescue else name


def test_the_procedure_title_of_a_row_is_the_wording_of_its_procedure() -> None:
    for kind, rescue, short in itertools.product(KINDS, (False, True), (False, True)):
        procedure = Procedure(procedure_date=TODAY, procedure_type=kind, rescue=rescue)
        said = wording.procedure_kind_title(kind, rescue, short=short)
        assert said == wording.procedure_title(procedure, short=short)
        assert str(said) == _title(kind, rescue, short=short)


def test_every_type_has_rows_and_statistics(every_kind: Clinic) -> None:
    rows = cohort_rows(every_kind, today=TODAY)
    assert {(r.procedure_type, r.rescue) for r in rows} == set(itertools.product(KINDS, (False, True)))
    for row in rows:
        assert row.procedure_type is not None and row.rescue is not None
        assert str(row.procedure_title()) == _title(row.procedure_type, row.rescue)
        assert str(row.procedure_title(short=True)) == _title(row.procedure_type, row.rescue, short=True)
        assert row.h5_change_pct is not None
    stats = procedure_statistics(rows)
    assert [s.procedure_type for s in stats] == KINDS
    assert all(s.patients == 2 and s.with_h5_change == 2 for s in stats)
    assert overall_statistics(rows).patients == 2 * len(KINDS)


def test_the_chart_markers_and_the_cohort_plot_say_the_same_short_names(every_kind: Clinic) -> None:
    """services/charts.py names a procedure on the patient's chart; the cohort's plot and statistics use the same
    short label (charts.procedure_title may return a str or a message: both print as the English text)."""
    for kind, rescue in itertools.product(KINDS, (False, True)):
        procedure = Procedure(procedure_date=TODAY, procedure_type=kind, rescue=rescue)
        assert str(charts.procedure_title(procedure)) == _title(kind, rescue, short=True)


def test_the_table_and_the_statistics_name_every_type(qtmodeltester: Any, every_kind: Clinic) -> None:
    rows = cohort_rows(every_kind, today=TODAY)
    table = CohortTableModel()
    table.set_rows(rows)
    qtmodeltester.check(table)
    column = table.column_of("procedure_type")
    for i, row in enumerate(table.rows):
        assert row.procedure_type is not None and row.rescue is not None
        index = table.index(i, column)
        assert table.data(index) == _title(row.procedure_type, row.rescue)
        assert table.data(index, Qt.ItemDataRole.ToolTipRole).startswith(_title(row.procedure_type, row.rescue))
    table.sort(column, Qt.SortOrder.AscendingOrder)
    shown = [table.data(table.index(i, column)) for i in range(table.rowCount())]
    assert shown == sorted(shown)
    qtmodeltester.check(table)

    stats = CohortStatsModel()
    stats.set_stats([*procedure_statistics(rows), overall_statistics(rows)])
    qtmodeltester.check(stats)
    horizontal = Qt.Orientation.Horizontal
    headers = [stats.headerData(c, horizontal) for c in range(stats.columnCount())]
    assert headers == [k.short_label for k in KINDS] + ["All treated"]
    tips = [stats.headerData(c, horizontal, Qt.ItemDataRole.ToolTipRole) for c in range(len(KINDS))]
    assert tips == [k.label for k in KINDS]


def test_the_plot_has_a_box_per_type_and_its_labels_do_not_overlap(qtbot: QtBot, every_kind: Clinic) -> None:
    view = CohortView(every_kind, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1500, 900)
    view.show()
    qtbot.waitExposed(view)
    plot = view.plot
    assert [label for label, _ in plot.groups] == [f"{k.short_label}\nn=2" for k in KINDS]
    assert plot.width() >= plot.canvas.minimumWidth()  # beside a statistics table of eight types that scrolls
    for width in (None, 1200, 560):
        if width is not None:  # the plot alone, as wide as the window might make it
            plot.setParent(None)
            plot.resize(width, 360)
            plot.show()
            qtbot.waitExposed(plot)
        plot.canvas.draw()
        ticks = plot.figure.axes[0].get_xticklabels()
        # each tick label names its type by the short label, whole in its tooltip however it is written
        assert [plot.group_text(t) for t in ticks] == [f"{k.short_label} (n=2)" for k in KINDS]
        for tick, kind in zip(ticks, KINDS, strict=True):
            written = tick.get_text().replace("\n", " ").split(" (n=")[0].removesuffix(" n=2").removesuffix("…")
            assert kind.short_label.startswith(written), (written, kind.short_label)
        renderer = plot.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in ticks]
        figure_width = plot.figure.bbox.width
        assert boxes[0].x0 >= 0 and boxes[-1].x1 <= figure_width
        assert all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes)), [(b.x0, b.x1) for b in boxes]


def test_the_old_module_still_offers_the_view() -> None:
    assert cohort_view.CohortView is CohortView
    assert cohort_view.CohortTableModel is CohortTableModel
