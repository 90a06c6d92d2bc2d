"""The cohort window fits a 1366 x 768 or 1280 x 720 screen and shows its filters and names whole (issue 11), in
English and in Spanish, with every procedure type (first and rescue), the demo case and the longest diagnosis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QStyle, QStyleOptionComboBox, QWidget
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import seed_case
from barium_tracker.services.records import save_histories
from barium_tracker.ui import language
from barium_tracker.ui.cohort.filters import ChoiceList
from barium_tracker.ui.cohort.window import CohortView
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tests.ui.test_cohort_procedure_types import _histories

TODAY = dt.date(2026, 11, 24)
#: Screens' free areas (a desktop's panel takes some 30 px of the height).
SCREENS = [QRect(0, 0, 1366, 738), QRect(0, 0, 1280, 690)]


@pytest.fixture
def cohort(clinic: Clinic) -> Clinic:
    histories = _histories()
    # The longest diagnosis there is, so that its column and its filter entry are measured too.
    histories[0].patient.diagnosis = max(Diagnosis, key=lambda d: len(d.label))
    save_histories(clinic, [*histories, seed_case()], source="test")
    return clinic


@pytest.fixture(params=["en", "es"])
def speaking(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    language.install(request.param)
    yield request.param
    language.install("en")


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("screen", SCREENS, ids=lambda r: f"{r.width()}x{r.height()}")
def test_the_window_fits_the_screen_with_its_filters_and_names_whole(
    qtbot: QtBot, cohort: Clinic, speaking: str, screen: QRect
) -> None:
    view = CohortView(cohort, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1500, 900)  # what the main window asks for
    view.fit_screen(screen)
    view.show()
    qtbot.waitExposed(view)
    minimum = view.minimumSizeHint()
    assert minimum.width() <= screen.width() and minimum.height() <= screen.height(), minimum
    assert view.width() <= screen.width() and view.height() <= screen.height(), view.size()

    # Every filter, its label and the buttons: shown whole, inside the window, never squeezed below their text.
    filters = view.filters
    inputs: list[QWidget] = [
        filters.procedure_filter,
        filters.diagnosis_filter,
        filters.date_from,
        filters.date_to,
        filters.age_filter,
        filters.reset_button,
        view.refresh_button,
        view.export_button,
    ]
    labels = filters.findChildren(QLabel)
    assert len(labels) == 5
    for widget in [*inputs, *labels]:
        assert widget.isVisible() and _inside(widget, view), widget.objectName() or widget.text()
        assert widget.width() >= widget.sizeHint().width(), (widget.objectName(), widget.width(), widget.sizeHint())
    for widget in (*inputs, *labels):
        for other in (*inputs, *labels):
            if widget is not other:
                a = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
                b = QRect(other.mapTo(view, QPoint(0, 0)), other.size())
                assert not a.intersects(b), (widget.objectName(), other.objectName())
    for label in labels:
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width(), label.text()
    for combo in filters.findChildren(QComboBox):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert widest <= field.width(), (combo.objectName(), widest, field.width())  # the text beside the arrow
    for button in (filters.reset_button, view.refresh_button, view.export_button):
        assert isinstance(button, QAbstractButton)
        assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width() - 8, button.text()

    # A choice list shows any of its texts whole beside its arrow: all, none, "n of m", each single choice.
    for choices in (filters.procedure_filter, filters.diagnosis_filter):
        assert isinstance(choices, ChoiceList)
        arrow = choices.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, choices)
        texts = [choices.text()]
        values = [value for _, value in choices.actions_by_value]
        choices.set_checked_values([])
        texts.append(choices.text())
        choices.set_checked_values(values[:2])
        texts.append(choices.text())
        for value in values:
            choices.set_checked_values([value])
            texts.append(choices.text())
            assert choices.width() >= choices.sizeHint().width()
        choices.set_checked_values(None)
        assert len(set(texts)) == len(values) + 3
        for text in texts:
            assert choices.fontMetrics().horizontalAdvance(text) + arrow <= choices.width(), text

    # Names, MRNs, diagnoses and procedure titles stand whole in their columns.
    model, header = view.model, view.table.horizontalHeader()
    assert view.model.rowCount() == len(_histories()) + 1
    metrics = view.table.fontMetrics()
    for key in ("mrn", "name", "diagnosis", "procedure_type"):
        column = model.column_of(key)
        width = header.sectionSize(column)
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            assert metrics.horizontalAdvance(text) + 8 <= width, (key, text, width)

    # The statistics and the plot share the box; the plot keeps its minimum.
    assert view.plot.isVisible() and view.plot.width() >= view.plot.canvas.minimumWidth()
    assert view.stats_table.isVisible() and view.stats_table.width() >= 200
