"""The patient list as a Qt table model: a thin adapter over services.patients, fetched in pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import PatientListItem, count_patients, search_patients

Index = QModelIndex | QPersistentModelIndex


class PatientListModel(QAbstractTableModel):
    """Rows come from the database a page at a time (canFetchMore/fetchMore), never all at once."""

    PAGE_SIZE = 200
    PatientIdRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("mrn", "name", "age", "diagnosis", "last_study", "last_procedure")

    def __init__(self, clinic: Clinic, parent: Any = None) -> None:
        super().__init__(parent)
        self._clinic = clinic
        self._search = ""
        self._rows: list[PatientListItem] = []
        self._total = 0
        self._today = dt.date.today()
        self.refresh()

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("MRN"),
            self.tr("Name"),
            self.tr("Age"),
            self.tr("Diagnosis"),
            self.tr("Last TBE"),
            self.tr("Last procedure"),
        )

    # -- loading --------------------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._today = dt.date.today()
        self._total = count_patients(self._clinic, self._search)
        self._rows = search_patients(self._clinic, self._search, limit=self.PAGE_SIZE)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return
        more = search_patients(self._clinic, self._search, limit=self.PAGE_SIZE, offset=len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- model ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self._headers()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def item(self, row: int) -> PatientListItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == self.PatientIdRole:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] == "age":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.COLUMNS[index.column()]
        if column == "mrn":
            return item.mrn
        if column == "name":
            return item.display_name
        if column == "age":
            age = item.age_years(self._today)
            return "" if age is None else str(age)
        if column == "diagnosis":
            return self.tr(item.diagnosis.label)
        date = item.last_study_date if column == "last_study" else item.last_procedure_date
        return date.isoformat() if date else ""
