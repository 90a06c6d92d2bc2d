"""Declared words and domain messages shown in the user's language: the one place the GUI translates them.

Field labels and descriptions (domain/fields.py), coded values (domain/enums.py, domain/procedure_types.py) and
messages (domain/wording.py) are English source text marked for deferred translation; these helpers translate them
through Qt's installed translators at display time and write numbers and dates as this workstation does
(ui/notation.py: "2,7" and 14/03/2015 in Spanish).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication

from barium_tracker.domain import fields
from barium_tracker.domain.messages import TRANSLATION_CONTEXT, Message
from barium_tracker.ui import notation


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def number_text(value: Decimal | int) -> str:
    """A number as this workstation writes it ("2,7" in Spanish)."""
    return notation.number_text(value)


def date_text(value: dt.date | dt.time | None) -> str:
    """A date as this workstation writes it ("14/03/2015" in Spanish, "2015-03-14" in English)."""
    return notation.date_text(value)


def message_text(message: Message) -> str:
    """A domain message in the user's language, numbers and dates written as this workstation writes them."""
    return message.render(_translate, number_text, notation.date_text)


def label(field: fields.Field, *, minute: int | None = None, short: bool = False) -> str:
    """A field's label (or short label) in the user's language; a film field's label for ``minute``."""
    text = _translate(fields.TRANSLATION_CONTEXT, field.short if short else field.label)
    return text.format(minute=minute) if minute is not None and "{minute}" in text else text


def form_label(field: fields.Field, *, short: bool = False) -> str:
    """The label a form shows beside an input: "Myotomy length (cm)"."""
    text = label(field, short=short)
    return f"{text} ({unit(field)})" if field.unit else text


def unit(field: fields.Field) -> str:
    """A field's unit as the user's language writes it (symbols stay: cm, mL; words do not: days)."""
    if field.unit in fields.UNIT_SYMBOLS:
        return field.unit
    return _translate(TRANSLATION_CONTEXT, field.unit)


def description(field: fields.Field) -> str:
    """A field's description (a tooltip), or "" when none is declared."""
    return _translate(fields.TRANSLATION_CONTEXT, field.description) if field.description else ""


def coded(member: Enum) -> str:
    """A coded value's label in the user's language (the context the choice boxes use)."""
    return _translate("enums", member.label)  # type: ignore[attr-defined]


def error_text(error: BaseException) -> str:
    """An error in the window's language when it carries a message (the services' errors do), else as written."""
    said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Message) else None
    return message_text(said) if said is not None else str(error)
