"""A patient's TBE studies as a Qt table: one row per study, the height and the width at each filmed minute.

A real table (a QTableView over this model), so a screen reader announces it as a table and reads each cell with its
column header ("Height at 5 min (cm): 2,7"). A film not taken, or a width not measured, is said ("not measured"),
never shown as 0; a column exists for every minute filmed on any of the patient's studies.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from barium_tracker.domain import fields, metrics, wording
from barium_tracker.domain.records import TbeStudy
from barium_tracker.ui import translate

Index = QModelIndex | QPersistentModelIndex
_FILMS = ("height_cm", "width_cm")
_NOT_MEASURED_COLOUR = QColor("#555555")


def _not_measured() -> str:
    return QCoreApplication.translate("summary", "not measured")


class StudiesTableModel(QAbstractTableModel):
    """Date, then height and width per minute, then the emptying from 1 to 5 min; ``StudyRole`` gives the study."""

    StudyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._studies: list[TbeStudy] = []
        self._minutes: list[int] = []

    def set_studies(self, studies: list[TbeStudy]) -> None:
        self.beginResetModel()
        self._studies = list(studies)
        self._minutes = sorted({m.minute for s in self._studies for m in s.measurements})
        self.endResetModel()

    def study_at(self, row: int) -> TbeStudy | None:
        return self._studies[row] if 0 <= row < len(self._studies) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._studies)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2 + len(_FILMS) * len(self._minutes)

    def _film(self, column: int) -> tuple[int, str] | None:
        """The (minute, field name) of a measurement column, None for the date and emptying columns."""
        if 1 <= column <= len(_FILMS) * len(self._minutes):
            minute, which = divmod(column - 1, len(_FILMS))
            return self._minutes[minute], _FILMS[which]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A film column's header is two short lines, "5 min" over "Height (cm)" (narrow columns, so that the films
        of 1, 2 and 5 minutes fit side by side); its tooltip is the whole label, "Height at 5 min (cm)"."""
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if orientation != Qt.Orientation.Horizontal or role not in shown or not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return self.tr("Date")
        film = self._film(section)
        if film is None:
            return translate.message_text(wording.emptying_heading())
        minute, name = film
        field = fields.film(name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{translate.label(field, minute=minute)} ({translate.unit(field)})"
        at = translate.message_text(wording.measured(fields.film("minute"), minute))
        return f"{at}\n{translate.form_label(field, short=True)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._studies):
            return None
        study = self._studies[index.row()]
        if role == self.StudyRole:
            return study
        film = self._film(index.column())
        value = None
        if film is not None:
            measured = study.at(film[0])
            value = getattr(measured, film[1]) if measured is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return translate.date_text(study.study_date)
            if film is None:
                return translate.message_text(wording.emptying_value(metrics.emptying_pct(study)))
            return _not_measured() if value is None else translate.number_text(value)
        if role == Qt.ItemDataRole.ForegroundRole and film is not None and value is None:
            return _NOT_MEASURED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Double-click or press Enter to open")
        return None
