"""Input widgets for clinical values: decimals with a comma or a point, optional dates and numbers, coded choices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from barium_tracker.ui import notation

if TYPE_CHECKING:
    from barium_tracker.domain.validation import FieldError

#: A QDateEdit showing its minimum date shows "not recorded" instead: Qt's way to allow an empty date.
_NO_DATE = QDate(1800, 1, 1)


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
            from barium_tracker.domain.validation import FieldError

            return None, FieldError(field, text, f"{label}: '{text}' is not a whole number")
        return int(text), None


class DateEdit(QDateEdit):
    """A date with a calendar; ``optional`` ones can be left "not recorded"."""

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setMinimumDate(_NO_DATE)
            self.setSpecialValueText(self.tr("not recorded"))
            self.setDate(_NO_DATE)
        else:
            self.setMinimumDate(QDate(1900, 1, 1))
            self.setDate(QDate.currentDate())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date | None:
        if self.optional and self.date() == _NO_DATE:
            return None
        return self.date().toPython()  # type: ignore[return-value]


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

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None
