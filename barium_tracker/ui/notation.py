"""How this workstation writes numbers and dates: the decimal separator and the date order, one formatter for the GUI.

The clinic in Lima writes "2,7 cm" and "14/03/2015", while Qt's (and CLDR's) es_PE locale writes 2.7: so the
separator and the date order are a setting, never a guess from QLocale. Each defaults from the window's language
(Spanish: comma and day first; English: point and ISO dates) and can be chosen in Preferences. It is UI state kept in
QSettings beside the language, not a clinic setting in the database: it is how the people at this workstation read,
like the language, and it changes no stored value, no verdict and no exchange file (CSV, FHIR and JSON keep the
canonical point and ISO dates). Input accepts both separators and both date orders whatever the setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QSettings

from barium_tracker.ui import language

COMMA, POINT = ",", "."
SEPARATORS = (COMMA, POINT)
DAY_FIRST, ISO = "day-first", "iso"
DATE_ORDERS = (DAY_FIRST, ISO)
#: The QSettings keys of the choices made in Preferences (missing: follow the language).
SEPARATOR_KEY = "ui/decimalSeparator"
DATE_ORDER_KEY = "ui/dateOrder"


@dataclass(frozen=True, slots=True)
class Notation:
    """A decimal separator and a date order, and the text they give."""

    separator: str = POINT
    date_order: str = ISO

    def decimal(self, value: Decimal | None) -> str:
        """A decimal exactly as stored, with this separator ("2,7"); "" for None."""
        if value is None:
            return ""
        text = format(value, "f")
        return text if self.separator == POINT else text.replace(POINT, self.separator)

    def number(self, value: Decimal | int) -> str:
        """A decimal or a whole number (a message's argument)."""
        return self.decimal(value) if isinstance(value, Decimal) else str(value)

    def percent(self, value: Decimal | None) -> str:
        """A signed percentage: "+12,5 %", "-77,5 %"; "" for None (the value already rounded as metrics does)."""
        if value is None:
            return ""
        return ("+" if value > 0 else "") + f"{self.decimal(value)} %"

    def date(self, value: dt.date | dt.time | None) -> str:
        """A date as this order writes it ("14/03/2015" or "2015-03-14"); a time in 24 h as before; "" for None."""
        if value is None:
            return ""
        if isinstance(value, dt.time):
            return value.isoformat()
        if self.date_order == DAY_FIRST:
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return value.isoformat()


ENGLISH_NOTATION = Notation(POINT, ISO)
SPANISH_NOTATION = Notation(COMMA, DAY_FIRST)

_cache: dict[str | None, Notation] = {}


def default_for(language_code: str | None) -> Notation:
    """The language's own notation: Spanish writes comma and day first, English point and ISO dates."""
    return SPANISH_NOTATION if language_code == language.SPANISH else ENGLISH_NOTATION


def preferred_separator() -> str | None:
    """The decimal separator picked in Preferences, or None to follow the language."""
    value = QSettings().value(SEPARATOR_KEY)
    return str(value) if value in SEPARATORS else None


def preferred_date_order() -> str | None:
    """The date order picked in Preferences, or None to follow the language."""
    value = QSettings().value(DATE_ORDER_KEY)
    return str(value) if value in DATE_ORDERS else None


def set_preferences(separator: str | None, date_order: str | None) -> None:
    """Remember this workstation's choices (None: follow the language); they apply to what is shown next."""
    for key, value, allowed in ((SEPARATOR_KEY, separator, SEPARATORS), (DATE_ORDER_KEY, date_order, DATE_ORDERS)):
        if value is None:
            QSettings().remove(key)
        elif value in allowed:
            QSettings().setValue(key, value)
        else:
            raise ValueError(f"unknown value {value!r} for {key}; choose one of {', '.join(allowed)}")
    forget()


def current() -> Notation:
    """The notation of the window now: Preferences' choices, else the installed language's defaults."""
    chosen = language.chosen()
    found = _cache.get(chosen)
    if found is None:
        default = default_for(chosen)
        found = _cache[chosen] = Notation(
            preferred_separator() or default.separator, preferred_date_order() or default.date_order
        )
    return found


def forget() -> None:
    """Read the choices again on the next use (after Preferences, or a test's own settings)."""
    _cache.clear()


def decimal_text(value: Decimal | None) -> str:
    return current().decimal(value)


def number_text(value: Decimal | int) -> str:
    return current().number(value)


def percent_text(value: Decimal | None) -> str:
    return current().percent(value)


def date_text(value: dt.date | dt.time | None) -> str:
    return current().date(value)


def moment_text(value: dt.datetime) -> str:
    """A date and time of day as this workstation writes them ("14/03/2015 07:45", "2015-03-14 07:45")."""
    return f"{date_text(value.date())} {value:%H:%M}"
