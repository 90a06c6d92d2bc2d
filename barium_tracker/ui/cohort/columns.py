"""The cohort table's columns declared once: header, tooltip, how a cell reads, sorts and explains itself.

Headers of clinical fields take their words from domain/fields.py (the 5-min height is "Height at 5 min", the
Eckardt columns say "Eckardt score"), procedures are titled by domain/wording.py. The Qt model
(:mod:`.table_model`) shows these columns and knows nothing of what they hold.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from barium_tracker.domain import fields
from barium_tracker.domain.rules import FlagStatus
from barium_tracker.domain.text import fold
from barium_tracker.services.cohort import COHORT_RULE_IDS, CohortRow
from barium_tracker.ui.cohort import words
from barium_tracker.ui.translate import coded, description, label

#: Sort keys of names and MRNs: a reload makes 10,000 new rows with the same names, folded once per session.
_folded = functools.lru_cache(maxsize=200_000)(fold)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CohortTableModel", text)


class Cells:
    """What cells read once per refresh: the locale's decimal point and each procedure title (16 at most)."""

    def __init__(self) -> None:
        self.numbers = words.Numbers()
        self._titles: dict[tuple[object, object], str] = {}

    def procedure(self, row: CohortRow) -> str:
        """The latest procedure's title ("Rescue POEM"); "" without one."""
        key = (row.procedure_type, row.rescue)
        title = self._titles.get(key)
        if title is None:
            title = self._titles[key] = words.procedure_title(row)
        return title


Text = Callable[[CohortRow, Cells], str]


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the CSV column it shows (or the rule id)
    header: str
    tooltip: str
    numeric: bool
    sort_key: Callable[[CohortRow, Cells], Any]  # None: missing, sorted last in both directions
    text: Text
    cell_tooltip: Callable[[CohortRow, Cells], str | None] = lambda row, cells: None


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _date_key(row: CohortRow, cells: Cells) -> int | None:
    return row.procedure_date.toordinal() if row.procedure_date else None


def _procedure_text(row: CohortRow, cells: Cells) -> str:
    return cells.procedure(row) if row.treated else _tr("no procedure")


def _procedure_tip(row: CohortRow, cells: Cells) -> str | None:
    if not row.treated:
        return None
    return _tr("{0}: the latest of {1} procedure(s)").format(cells.procedure(row), row.procedure_count)


def _reference_tip(row: CohortRow, cells: Cells) -> str | None:
    if row.reference_study_date is None:
        return _tr("No TBE on or before the procedure") if row.treated else None
    return _tr("Reference TBE of {0}").format(cells.numbers.date(row.reference_study_date))


def _followup_tip(row: CohortRow, cells: Cells) -> str | None:
    if row.followup_study_date is None:
        return _tr("No TBE after the procedure yet") if row.treated else None
    text = _tr("Latest TBE after the procedure: {0} ({1} days after)").format(
        cells.numbers.date(row.followup_study_date), row.followup_days_after
    )
    if row.latest_followup_h5_cm is None:
        text += "\n" + _tr("No {0}-min film on that study").format(words.MINUTE)
    return text


def _rule_column(rule_id: str, header: str) -> Column:
    order = {FlagStatus.MET: 0, FlagStatus.NOT_MET: 1}
    return Column(
        rule_id,
        header,
        words.rule_tooltip(rule_id),
        False,
        lambda row, cells: order.get(row.status(rule_id)),
        lambda row, cells: words.rule_cell(rule_id, row.status(rule_id), row.favourable(rule_id)),
        lambda row, cells: words.rule_detail(row.rule(rule_id)),
    )


def table_columns() -> list[Column]:
    """Every column, in the order shown (the user's language at the time of the call)."""
    height, unit = words.height_label(), words.height().unit
    height_about = description(words.height())
    eckardt, eckardt_range = words.eckardt_label(), words.eckardt_range()
    mrn, diagnosis = fields.patient("mrn"), fields.patient("diagnosis")
    rule_headers = words.rule_headers()
    return [
        Column("mrn", label(mrn), description(mrn), False, lambda r, c: _folded(r.mrn), lambda r, c: r.mrn),
        Column(
            "name",
            _tr("Name"),
            _tr("{family_name}, {given_name}").format(
                family_name=label(fields.patient("family_name")), given_name=label(fields.patient("given_name"))
            ),
            False,
            lambda r, c: _folded(r.name),
            lambda r, c: r.name,
        ),
        Column(
            "age_years",
            _tr("Age"),
            _tr("Age in completed years at the latest procedure (today when there is none)"),
            True,
            lambda r, c: r.age_years,
            lambda r, c: _number(r.age_years),
        ),
        Column(
            "diagnosis",
            label(diagnosis),
            "",
            False,
            lambda r, c: coded(r.diagnosis),
            lambda r, c: coded(r.diagnosis),
        ),
        Column(
            "procedure_type",
            _tr("Latest\nprocedure"),
            _tr("The patient's latest procedure; the response columns are its response"),
            False,
            lambda r, c: c.procedure(r) or None,
            _procedure_text,
            _procedure_tip,
        ),
        Column(
            "procedure_date",
            words.stacked(label(fields.procedure("procedure_date"))),
            _tr("Date of the latest procedure"),
            True,
            _date_key,
            lambda r, c: c.numbers.date(r.procedure_date),
        ),
        Column(
            "reference_h5_cm",
            _tr("{label}\nbefore ({unit})").format(label=height, unit=unit),
            _tr("{label} on the reference TBE (the last one on or before the procedure).\n{about}").format(
                label=height, about=height_about
            ),
            True,
            lambda r, c: r.reference_h5_cm,
            lambda r, c: c.numbers.decimal(r.reference_h5_cm),
            _reference_tip,
        ),
        Column(
            "latest_followup_h5_cm",
            _tr("{label}\nafter ({unit})").format(label=height, unit=unit),
            _tr("{label} on the latest TBE after the procedure.\n{about}").format(label=height, about=height_about),
            True,
            lambda r, c: r.latest_followup_h5_cm,
            lambda r, c: c.numbers.decimal(r.latest_followup_h5_cm),
            _followup_tip,
        ),
        Column(
            "h5_change_pct",
            _tr("{label}\nchange (%)").format(label=height),
            _tr("{label}: change, (after - before) / before x 100; negative is a reduction").format(label=height),
            True,
            lambda r, c: r.h5_change_pct,
            lambda r, c: c.numbers.pct(r.h5_change_pct),
            _followup_tip,
        ),
        Column(
            "eckardt_before",
            _tr("{label}\nbefore").format(label=eckardt),
            _tr("{label}, the last on or before the procedure date ({range})").format(
                label=eckardt, range=eckardt_range
            ),
            True,
            lambda r, c: r.eckardt_before,
            lambda r, c: _number(r.eckardt_before),
        ),
        Column(
            "eckardt_after",
            _tr("{label}\nafter").format(label=eckardt),
            _tr("{label}, the latest after the procedure ({range})").format(label=eckardt, range=eckardt_range),
            True,
            lambda r, c: r.eckardt_after,
            lambda r, c: _number(r.eckardt_after),
        ),
        *(_rule_column(rule_id, rule_headers[rule_id]) for rule_id in COHORT_RULE_IDS),
    ]
