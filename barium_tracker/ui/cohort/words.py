"""What the cohort window says: field labels from their declarations, procedure names, rule headers, numbers.

Field words come from domain/fields.py, procedure titles from domain/wording.py and procedure types' short labels
from domain/procedure_types.py, translated here at display time; nothing in the cohort spells a field or a
procedure type a second time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from barium_tracker.domain import fields, metrics
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.rules import RULES, Flag, FlagStatus
from barium_tracker.services import cohort
from barium_tracker.ui import notation
from barium_tracker.ui.translate import label, message_text

#: The minute every cohort number reads (the 5-min film).
MINUTE = metrics.OUTCOME_MINUTE


def tr(text: str) -> str:
    return QCoreApplication.translate("CohortView", text)


# -- declared field words ----------------------------------------------------------------------------------------


def height() -> fields.Field:
    return fields.film("height_cm")


def height_label() -> str:
    """ "Height at 5 min": the film field's label at the cohort's minute."""
    return label(height(), minute=MINUTE)


def eckardt() -> fields.Field:
    return fields.eckardt("total")


def eckardt_label() -> str:
    """ "Eckardt score"."""
    return label(eckardt())


def eckardt_range() -> str:
    """ "0-12", from the declared bounds."""
    bounds = eckardt().bounds
    assert bounds is not None
    return f"{bounds[0]}-{bounds[1]}"


def stacked(text: str) -> str:
    """A one-line label on two lines for a narrow column header, broken at the space nearest its middle."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(len(text) - 1 - 2 * i))
    return text[:middle] + "\n" + text[middle + 1 :]


# -- procedures --------------------------------------------------------------------------------------------------


def procedure_short(kind: ProcedureType) -> str:
    """A procedure type short enough for a plot's axis or a statistics column: its declared short label."""
    return QCoreApplication.translate("enums", kind.short_label)


def procedure_title(row: cohort.CohortRow) -> str:
    """ "Rescue POEM", "Laparoscopic Heller myotomy"; "" without a procedure."""
    title = row.procedure_title()
    return "" if title is None else message_text(title)


# -- rules -------------------------------------------------------------------------------------------------------


def rule_headers() -> dict[str, str]:
    return {
        "vaezi_height_5min": tr("Vaezi:\npoor emptying"),
        "rohof_stasis": tr("Rohof:\nstasis"),
        "sanagapalli_area": tr("Sanagapalli:\narea response"),
        "eckardt_success": tr("Eckardt:\nsuccess"),
        "suwatthanarak_concordance": tr("Suwatthanarak:\ndiscordant"),
    }


def rule_tooltip(rule_id: str) -> str:
    rule = RULES[rule_id]
    return tr("{title}\nCriterion: {criterion}\nMeaning: {meaning}\nSource: {source}").format(
        title=rule.title, criterion=rule.criterion, meaning=rule.meaning, source=rule.source
    )


def status_text(status: FlagStatus) -> str:
    return {
        FlagStatus.MET: tr("met"),
        FlagStatus.NOT_MET: tr("not met"),
        FlagStatus.NOT_APPLICABLE: tr("n/a"),
    }[status]


def rule_detail(flag: Flag) -> str:
    """A flag's sentence; the cohort's own reasons for "not applicable" in the user's language."""
    detail = flag.detail
    if flag.status is FlagStatus.NOT_APPLICABLE and detail in cohort.NOT_APPLICABLE_REASONS:
        return QCoreApplication.translate(cohort.TRANSLATION_CONTEXT, detail)
    return detail


# -- numbers -----------------------------------------------------------------------------------------------------


class Numbers:
    """Decimals and dates as this workstation writes them ("2,7", 14/03/2015 in Spanish: ui/notation.py), read once
    per refresh."""

    def __init__(self) -> None:
        self.written = notation.current()

    def decimal(self, value: Decimal | None) -> str:
        return self.written.decimal(value)

    def pct(self, value: Decimal | None) -> str:
        """A signed change without its unit (the column header says %): "+12,5", "-77,5"."""
        if value is None:
            return ""
        rounded = metrics.round_pct(value)
        return ("+" if rounded > 0 else "") + self.decimal(rounded)

    def date(self, value: dt.date | None) -> str:
        return self.written.date(value)
