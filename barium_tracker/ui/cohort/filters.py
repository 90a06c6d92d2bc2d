"""The cohort's filters: which latest procedures, diagnoses, dates and ages to show, as one :class:`CohortFilter`.

The panel only says what the user chose (``changed``, :meth:`CohortFilters.current_filter`); the service's
``filter_rows`` applies it. Each filter and its label stay together and wrap to a second line when the window is
narrow (:class:`FlowLayout`), so every filter keeps the width its whole text needs, in English and in Spanish.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from barium_tracker.domain import fields
from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.services.cohort import AgeGroup, CohortFilter
from barium_tracker.ui.fields import DateEdit
from barium_tracker.ui.translate import coded, label

#: The procedure filter's entry for patients without a procedure.
UNTREATED = "untreated"


class _StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while the user ticks several."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class FlowLayout(QLayout):
    """Items side by side at their preferred sizes, wrapping to the next line when the width runs out (Qt's flow
    layout example): no item is ever squeezed below its size hint."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0)
        height = max((h.height() for h in hints), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest item alone on its line."""
        width = max((item.sizeHint().width() for item in self._items), default=0)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - area.y() + margins.top() + margins.bottom()


class ChoiceList(QToolButton):
    """A drop-down list of check boxes (e.g. procedure types); ``changed`` when a box is ticked or cleared."""

    changed = Signal()

    def __init__(self, all_text: str, choices: Sequence[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_text = all_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        menu = _StayOpenMenu(self)
        self.select_all = menu.addAction(self.tr("Select all"))
        self.select_all.triggered.connect(lambda: self.set_checked_values(None))
        menu.addSeparator()
        self.actions_by_value: list[tuple[QAction, Any]] = []
        for text, value in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._toggled)
            self.actions_by_value.append((action, value))
        self.setMenu(menu)
        self._update_text()

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def sizeHint(self) -> QSize:
        """Wide enough for every text the button can show (all, none, "3 of 9", each single choice) and the
        drop-down arrow the style draws over the text's end, so no choice is ever cut and the width never jumps."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()

        def width(text: str) -> int:  # as QToolButton measures its text
            return metrics.size(Qt.TextFlag.TextShowMnemonic, text).width()

        choices = [a.text() for a, _ in self.actions_by_value]
        count = len(choices)
        texts = [self._all_text, self.tr("none"), self.tr("{0} of {1}").format(count, count), *choices]
        shown, widest = width(self.text()), max(width(t) for t in texts)
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self)
        return QSize(hint.width() - shown + widest + arrow + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _update_text(self) -> None:
        checked = [a.text() for a, _ in self.actions_by_value if a.isChecked()]
        if len(checked) == len(self.actions_by_value):
            text = self._all_text
        elif not checked:
            text = self.tr("none")
        elif len(checked) == 1:
            text = checked[0]
        else:
            text = self.tr("{0} of {1}").format(len(checked), len(self.actions_by_value))
        self.setText(text)
        self.setToolTip("\n".join(checked) if checked else self.tr("Nothing selected"))

    def checked_values(self) -> list[Any]:
        return [value for action, value in self.actions_by_value if action.isChecked()]

    def all_checked(self) -> bool:
        return all(action.isChecked() for action, _ in self.actions_by_value)

    def set_checked_values(self, values: Sequence[Any] | None) -> None:
        """Tick exactly these values (None: all), with one ``changed``."""
        for action, value in self.actions_by_value:
            action.blockSignals(True)
            action.setChecked(values is None or value in values)
            action.blockSignals(False)
        self._toggled()


class CohortFilters(QWidget):
    """One line of filters and a Reset button; ``changed`` once per change the user (or :meth:`reset`) makes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohortFilters")
        self.procedure_filter = ChoiceList(
            self.tr("All procedures"),
            [(coded(kind), kind) for kind in ProcedureType] + [(self.tr("No procedure yet"), UNTREATED)],
            self,
        )
        self.procedure_filter.setObjectName("cohortProcedureFilter")
        self.procedure_filter.setAccessibleName(self.tr("Latest procedure types to show"))
        self.diagnosis_filter = ChoiceList(self.tr("All diagnoses"), [(coded(d), d) for d in Diagnosis], self)
        self.diagnosis_filter.setObjectName("cohortDiagnosisFilter")
        self.diagnosis_filter.setAccessibleName(self.tr("Diagnoses to show"))
        self.date_from = self._date_edit("cohortDateFrom", self.tr("Latest procedure on or after"))
        self.date_to = self._date_edit("cohortDateTo", self.tr("Latest procedure on or before"))
        self.age_filter = QComboBox(self)
        self.age_filter.setObjectName("cohortAgeFilter")
        self.age_filter.setAccessibleName(self.tr("Age group"))
        for text, group in (
            (self.tr("All ages"), AgeGroup.ALL),
            (self.tr("Paediatric (< 18 y)"), AgeGroup.PAEDIATRIC),
            (self.tr("Adult (>= 18 y)"), AgeGroup.ADULT),
        ):
            self.age_filter.addItem(text, group.value)
        self.age_filter.setToolTip(self.tr("Age at the latest procedure (today when there is none)"))
        self.reset_button = QPushButton(self.tr("Reset filters"), self)
        self.reset_button.setObjectName("cohortResetFilters")
        self.reset_button.setAccessibleName(self.tr("Reset filters"))

        layout = FlowLayout(self)
        for label_text, widget in (
            (self.tr("Procedure:"), self.procedure_filter),
            (self.tr("{0}:").format(label(fields.patient("diagnosis"))), self.diagnosis_filter),
            (self.tr("From:"), self.date_from),
            (self.tr("To:"), self.date_to),
            (self.tr("Age:"), self.age_filter),
        ):
            pair = QWidget(self)  # a filter and its label wrap together
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            buddy = QLabel(label_text, pair)
            buddy.setBuddy(widget)
            widget.setParent(pair)
            widget.setMinimumWidth(widget.sizeHint().width())  # never squeezed: its whole text shows
            pair_layout.addWidget(buddy)
            pair_layout.addWidget(widget)
            layout.addWidget(pair)
        layout.addWidget(self.reset_button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.procedure_filter.changed.connect(self.changed)
        self.diagnosis_filter.changed.connect(self.changed)
        self.date_from.dateChanged.connect(self.changed)
        self.date_to.dateChanged.connect(self.changed)
        self.age_filter.currentIndexChanged.connect(self.changed)
        self.reset_button.clicked.connect(self.reset)

    def _date_edit(self, name: str, accessible: str) -> DateEdit:
        edit = DateEdit(optional=True, parent=self)
        edit.setSpecialValueText(self.tr("any"))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.procedure_filter, self.diagnosis_filter, self.date_from, self.date_to, self.age_filter)

    def current_filter(self) -> CohortFilter:
        procedures = self.procedure_filter.checked_values()
        types = frozenset(v for v in procedures if v != UNTREATED)
        all_types = len(types) == len(ProcedureType)
        return CohortFilter(
            procedure_types=None if all_types else types,
            include_untreated=UNTREATED in procedures,
            diagnoses=None
            if self.diagnosis_filter.all_checked()
            else frozenset(self.diagnosis_filter.checked_values()),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            age_group=AgeGroup(self.age_filter.currentData()),
        )

    def reset(self) -> None:
        """Every filter back to "all", with one ``changed``."""
        for widget in self._inputs():
            widget.blockSignals(True)
        try:
            self.procedure_filter.set_checked_values(None)
            self.diagnosis_filter.set_checked_values(None)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
            self.age_filter.setCurrentIndex(0)
        finally:
            for widget in self._inputs():
                widget.blockSignals(False)
        self.changed.emit()
