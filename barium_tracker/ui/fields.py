"""Input widgets for clinical values: decimals with a comma or a point, optional dates and numbers, coded choices."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QCalendarWidget, QComboBox, QLineEdit, QToolButton, QWidget

from barium_tracker.ui import notation

if TYPE_CHECKING:
    from barium_tracker.domain.validation import FieldError


def decimal_text(value: Decimal | None) -> str:
    """A decimal as this workstation writes it ("2,7" in Spanish, "2.7" in English: ui/notation.py)."""
    return notation.decimal_text(value)


class DecimalEdit(QLineEdit):
    """Free text that must read as a decimal number; both "2,7" and "2.7" are accepted."""

    def __init__(self, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        if unit:
            self.setPlaceholderText(unit)

    def set_value(self, value: Decimal | None) -> None:
        self.setText(decimal_text(value))

    def read(self, field: str, label: str) -> tuple[Decimal | None, FieldError | None]:
        # Imported on first use: the list's diagnosis filter is a field too, and start-up should not wait for the
        # validators (and the records they import) before the window paints.
        from barium_tracker.domain.validation import ValidationFailed, parse_decimal

        try:
            return parse_decimal(self.text(), label=label, field=field), None
        except ValidationFailed as failure:
            return None, failure.errors[0]


class IntegerEdit(QLineEdit):
    """An optional whole number (minutes, days, sites): empty means not recorded."""

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))

    def read(self, field: str, label: str) -> tuple[int | None, FieldError | None]:
        text = self.text().strip()
        if not text:
            return None, None
        if not text.lstrip("-").isdigit():
            from barium_tracker.domain.i18n import N_
            from barium_tracker.domain.messages import say
            from barium_tracker.domain.validation import FieldError

            said = say(N_("{label}: '{text}' is not a whole number"), label=label, text=text)
            return None, FieldError(field, text, str(said), said)
        return int(text), None


def date_format() -> str:
    """How a date field shows a date: as this workstation writes dates (ui/notation.py: day first, 14/03/2015, by
    default in Spanish; ISO otherwise). Both forms are read back whatever the setting."""
    return "dd/MM/yyyy" if notation.current().date_order == notation.DAY_FIRST else "yyyy-MM-dd"


def _calendar_icon() -> QIcon:
    """A small calendar drawn once (the offscreen and Fusion styles have no calendar icon)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#555555"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class DateEdit(QLineEdit):
    """A date typed as the clinic writes it (14/03/2015 or 2015-03-14), with a calendar button (or Alt+Down).

    Empty is "not recorded" (the placeholder, never mixed with what is typed) for an ``optional`` date and "required"
    for the others; text that is not a date is an error shown under the field, and Tab always leaves.
    """

    dateChanged = Signal(QDate)  # noqa: N815 - the name QDateEdit gives it, for the code that listens

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self._last: dt.date | None = None
        self.calendar_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setObjectName("calendarButton")
        self.calendar_action.setToolTip(self.tr("Choose the date on a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        for button in self.findChildren(QToolButton):  # the button Qt made for the action: named for screen readers
            if button.defaultAction() is self.calendar_action:
                button.setAccessibleName(self.tr("Calendar"))
                button.setAccessibleDescription(self.calendar_action.toolTip())
        if optional:
            self.setPlaceholderText(self.tr("not recorded"))
        self.textChanged.connect(self._text_changed)
        self.set_value(None)

    # -- value ----------------------------------------------------------------------------------------------------

    def set_value(self, value: dt.date | None) -> None:
        if value is None and not self.optional:
            value = dt.date.today()
        self.setText("" if value is None else QDate(value.year, value.month, value.day).toString(date_format()))

    def value(self) -> dt.date | None:
        """The date typed (None when empty, or when the text is not a date: :meth:`read` says why)."""
        return self.read("date", "Date")[0]

    def read(self, field: str, label: str) -> tuple[dt.date | None, FieldError | None]:
        from barium_tracker.domain.validation import ValidationFailed, parse_date

        try:
            return parse_date(self.text(), label=label, field=field), None
        except ValidationFailed as failure:
            return None, failure.errors[0]

    # The QDateEdit calls the cohort filters and older tests make.
    def setDate(self, date: QDate) -> None:
        self.set_value(date.toPython() if date.isValid() else None)  # type: ignore[arg-type]

    def date(self) -> QDate:
        value = self.value()
        return QDate(value.year, value.month, value.day) if value else QDate()

    def setSpecialValueText(self, text: str) -> None:
        """What an empty date says (QDateEdit's name for it): the placeholder."""
        self.setPlaceholderText(text)

    def _text_changed(self, _text: str) -> None:
        value = self.value()
        if value != self._last:
            self._last = value
            self.dateChanged.emit(self.date())

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Whatever the focus came by but a click (Qt selects only on Tab), the date shown is selected, so the date
        typed replaces the one proposed (today, as a new event's dialog opens) instead of being added to it."""
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectAll()

    # -- calendar -------------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """A calendar under the field; picking a day (click or Enter) writes it, Escape leaves the text as it was."""
        popup = QCalendarWidget(self)
        popup.setObjectName("datePopup")
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setSelectedDate(self.date() if self.value() else QDate.currentDate())
        popup.setMaximumDate(QDate(2100, 12, 31))
        popup.setMinimumDate(QDate(1900, 1, 1))

        def chosen(day: QDate) -> None:
            self.setDate(day)
            popup.close()
            self.setFocus()

        popup.activated.connect(chosen)
        popup.clicked.connect(chosen)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self.calendar = popup


def _folded(text: str) -> str:
    """Text compared as typed on any keyboard: without case and accents ("miotomia" finds "Miotomía")."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class ChoiceBox(QComboBox):
    """A coded value chosen from its labels; ``none_label`` adds an empty choice first."""

    value_changed = Signal()

    def __init__(self, choices: list[tuple[str, Any]], *, none_label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        # Values stay in Python: Qt would turn a StrEnum member stored as item data into a plain string.
        self._values: list[Any] = []
        if none_label is not None:
            self.addItem(none_label)
            self._values.append(None)
        for label, value in choices:
            self.addItem(label)
            self._values.append(value)
        self.currentIndexChanged.connect(self.value_changed)

    @classmethod
    def for_enum(cls, enum_cls: type[Enum], *, none_label: str | None = None, parent: QWidget | None = None):
        labels = [(QCoreApplication.translate("enums", member.label), member) for member in enum_cls]  # type: ignore[attr-defined]
        return cls(labels, none_label=none_label, parent=parent)

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(self._values.index(value) if value in self._values else 0)

    # -- choosing by typing ---------------------------------------------------------------------------------------

    _typed = ""
    _typed_at = 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing a choice's first letters chooses the first choice that starts with them, the current one included
        (Qt's own search starts after it, so typing "POEM" on POEM chose "POEM de revisión"); a space inside a name
        goes on with the name instead of opening the list; the same letter again goes on to the next choice with it;
        accents need not be typed."""
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        interval = QApplication.keyboardInputInterval() / 1000
        going_on = bool(self._typed) and time.monotonic() - self._typed_at < interval
        if self.isEditable() or not plain or not text.isprintable() or not text or (text == " " and not going_on):
            self._typed = ""  # an arrow, Space to open the list...: the next letter starts a new search
            super().keyPressEvent(event)
            return
        typed = (self._typed if going_on else "") + text
        self._typed, self._typed_at = typed, time.monotonic()
        index = self._match(_folded(typed))
        if index >= 0:
            self.setCurrentIndex(index)
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._typed = ""  # back in the field later: a new search
        super().focusOutEvent(event)

    def _match(self, typed: str) -> int:
        labels = [_folded(self.itemText(i)) for i in range(self.count())]
        if len(typed) > 1 and len(set(typed)) == 1:  # "pp": the next choice starting with p, round to the first
            starting = [i for i, label in enumerate(labels) if label.startswith(typed[0])]
            later = [i for i in starting if i > self.currentIndex()]
            if starting:
                return (later or starting)[0]
        return next((i for i, label in enumerate(labels) if label.startswith(typed)), -1)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None
