"""What the cohort window says: field labels from their declarations, procedure names, rule headers, numbers.

Field words come from domain/fields.py, procedure titles from domain/wording.py and procedure types' short labels
from domain/procedure_types.py, translated here at display time; nothing in the cohort spells a field or a
procedure type a second time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from barium_tracker.domain import fields, metrics, verdicts, wording
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.messages import Message
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


def procedure_kind_title(kind: ProcedureType, rescue: bool) -> str:
    """ "Rescue POEM", "Laparoscopic Heller myotomy" for a type, as a row of that type says it."""
    return message_text(wording.procedure_kind_title(kind, rescue))


def procedure_title(row: cohort.CohortRow) -> str:
    """ "Rescue POEM", "Laparoscopic Heller myotomy"; "" without a procedure."""
    title = row.procedure_title()
    return "" if title is None else message_text(title)


# -- rules -------------------------------------------------------------------------------------------------------


def rule_headers() -> dict[str, str]:
    """What each rule column is about (never a finding: the cells say what was found)."""
    return {
        "vaezi_height_5min": tr("Vaezi:\nemptying"),
        "rohof_stasis": tr("Rohof:\nstasis"),
        "sanagapalli_area": tr("Sanagapalli:\narea"),
        "eckardt_success": tr("Eckardt:\nsymptoms"),
        "suwatthanarak_concordance": tr("Suwatthanarak:\nconcordance"),
    }


def rule_counts() -> dict[str, str]:
    """What a summary row counts: the finding that meets each rule, with its sign ("⚠ Vaezi: poor emptying")."""
    counted = {
        "vaezi_height_5min": tr("Vaezi: poor emptying"),
        "rohof_stasis": tr("Rohof: stasis"),
        "sanagapalli_area": tr("Sanagapalli: area response"),
        "eckardt_success": tr("Eckardt: success"),
        "suwatthanarak_concordance": tr("Suwatthanarak: discordant"),
    }
    return {
        rule_id: f"{verdicts.mark(RULES[rule_id].met_is_favourable, FlagStatus.MET)} {text}"
        for rule_id, text in counted.items()
    }


def rule_tooltip(rule_id: str) -> str:
    rule = RULES[rule_id]
    return tr("{title}\nCriterion: {criterion}\nMeaning: {meaning}\nSource: {source}").format(
        title=message_text(rule.title_said),
        criterion=message_text(rule.criterion_said),
        meaning=message_text(rule.meaning_said),
        source=message_text(rule.source_said),
    )


def _findings() -> dict[tuple[str, str, bool | None], str]:
    """A cell's finding in a few words, by (rule, status, favourable); the cell's tooltip has the whole verdict."""
    met, not_met = FlagStatus.MET.value, FlagStatus.NOT_MET.value
    return {
        ("vaezi_height_5min", met, False): tr("poor emptying"),
        ("vaezi_height_5min", not_met, True): tr("adequate emptying"),
        ("rohof_stasis", met, False): tr("stasis"),
        ("rohof_stasis", not_met, True): tr("no stasis"),
        ("sanagapalli_area", met, True): tr("area response"),
        ("sanagapalli_area", not_met, False): tr("no area response"),
        ("eckardt_success", met, True): tr("success"),
        ("eckardt_success", not_met, False): tr("symptoms persist"),
        ("suwatthanarak_concordance", met, False): tr("discordant"),
        ("suwatthanarak_concordance", not_met, True): tr("concordant response"),
        ("suwatthanarak_concordance", not_met, False): tr("symptoms not improved"),
    }


def rule_cell(rule_id: str, status: FlagStatus, favourable: bool | None) -> str:
    """ "✓ no stasis", "⚠ poor emptying", "– n/a": the finding with the sign of its news (domain/verdicts.mark)."""
    mark = verdicts.mark(favourable, status)
    if status is FlagStatus.NOT_APPLICABLE:
        return f"{mark} {tr('n/a')}"
    return f"{mark} {_findings()[(rule_id, status.value, favourable)]}"


def widest_rule_cell(rule_id: str) -> str:
    """The longest text a rule's cell can show, to size its column."""
    cells = [rule_cell(rule_id, FlagStatus.NOT_APPLICABLE, None)]
    cells += [
        rule_cell(rule_id, FlagStatus(status), favourable) for rid, status, favourable in _findings() if rid == rule_id
    ]
    return max(cells, key=len)


def rule_detail(flag: Flag) -> str:
    """A flag's verdict in the user's language; the cohort's own reasons for "not applicable" likewise."""
    said = flag.verdict
    if isinstance(said, Message):
        return message_text(said)
    if flag.status is FlagStatus.NOT_APPLICABLE and said in cohort.NOT_APPLICABLE_REASONS:
        return QCoreApplication.translate(cohort.TRANSLATION_CONTEXT, said)
    return said


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
