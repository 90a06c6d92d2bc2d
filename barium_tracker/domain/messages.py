"""A message: an English template marked for translation and its arguments, rendered at display time.

Domain and services say things as :class:`Message` values, never as finished sentences: ``str(message)`` writes the
English text (JSON, FHIR, the command line), and the GUI renders the same message through Qt's translations with
numbers written as the clinic writes them (ui/translate.py). A template is a whole sentence per case; its arguments
are numbers, quantities, dates, coded values, declared field labels, other messages or lists of them.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from barium_tracker.domain import fields
from barium_tracker.domain.i18n import N_

#: The Qt translation context of message templates.
TRANSLATION_CONTEXT = "wording"

Translate = Callable[[str, str], str]  # (context, English source) -> text in the user's language
FormatNumber = Callable[[Decimal | int], str]
FormatDate = Callable[[dt.date | dt.time], str]


def _as_written(value: Decimal | int) -> str:
    """English digits exactly as stored: 2.7 stays "2.7", 12 stays "12" (never rounded, never "12.0")."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _iso(value: dt.date | dt.time) -> str:
    """A date or time as exchanged: "2015-03-14", "14:30"."""
    return value.isoformat()


def _untranslated(context: str, text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Quantity:
    """A measured value with its unit; ``None`` is said as "not measured"."""

    value: Decimal | int | None
    unit: str = ""
    unit_one: str = ""  # the unit after exactly 1 ("day"), when it differs

    def __str__(self) -> str:
        return _render_arg(self, _untranslated, _as_written)


@dataclass(frozen=True, slots=True)
class Label:
    """A declared field's label (or short label), translated when the message is rendered."""

    field: fields.Field
    short: bool = False
    minute: int | None = None


@dataclass(frozen=True, slots=True)
class Joined:
    """Several messages said as one list ("posterior access, myotomy 10 cm")."""

    parts: tuple[Message, ...]
    separator: str = ", "


class _Formatter(string.Formatter):
    """``str.format`` plus the ``!l`` conversion (lower case: "posterior access")."""

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "l":
            return str(value).lower()
        return super().convert_field(value, conversion)


_FORMATTER = _Formatter()


@dataclass(frozen=True, slots=True)
class Message:
    """An English template (``{name}`` placeholders, ``!l`` for lower case) and its arguments."""

    template: str
    args: tuple[tuple[str, object], ...] = ()
    context: str = TRANSLATION_CONTEXT

    def render(
        self, translate: Translate = _untranslated, number: FormatNumber = _as_written, date: FormatDate = _iso
    ) -> str:
        """The sentence in the language ``translate`` gives, with numbers written by ``number``, dates by ``date``."""
        values = {name: _render_arg(value, translate, number, date) for name, value in self.args}
        return _FORMATTER.vformat(translate(self.context, self.template), (), values)

    def __str__(self) -> str:
        return self.render()


def say(template: str, **args: object) -> Message:
    """A message from a template marked with N_ and its named arguments."""
    return Message(template, tuple(args.items()))


def _render_arg(value: object, translate: Translate, number: FormatNumber, date: FormatDate = _iso) -> str:
    if isinstance(value, Message):
        return value.render(translate, number, date)
    if isinstance(value, Joined):
        return value.separator.join(part.render(translate, number, date) for part in value.parts)
    if isinstance(value, Quantity):
        if value.value is None:
            return translate(TRANSLATION_CONTEXT, N_("not measured"))
        unit = value.unit_one if value.unit_one and value.value == 1 else value.unit
        if unit and unit not in fields.UNIT_SYMBOLS:  # a word ("days": "días"); symbols stay as they are
            unit = translate(TRANSLATION_CONTEXT, unit)
        return f"{number(value.value)} {unit}".strip()
    if isinstance(value, Label):
        text = translate(fields.TRANSLATION_CONTEXT, value.field.short if value.short else value.field.label)
        return text.format(minute=value.minute) if value.minute is not None else text
    if isinstance(value, StrEnum) and hasattr(value, "label"):
        return translate("enums", value.label)  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | int):
        return number(value)
    if isinstance(value, dt.date | dt.time):
        return date(value)
    return str(value)
