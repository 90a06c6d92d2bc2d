"""The cohort table as a Qt item model: one row per patient, the columns of :mod:`.columns`, its own sorting.

A thin adapter over the rows of :mod:`barium_tracker.services.cohort`: it shows the declared columns, colours the
rule cells and sorts; what a cell says is the column's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from barium_tracker.services.cohort import COHORT_RULE_IDS, CohortRow
from barium_tracker.ui.cohort.columns import Cells, Column, table_columns

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

# Cell colours: the patient summary's green / red / grey (services/presentation.py), as pale backgrounds.
FAVOURABLE_BG = {True: QColor("#d9f0d3"), False: QColor("#f8d4d4")}
FAVOURABLE_FG = {True: QColor("#1b5e20"), False: QColor("#8e1b1b"), None: QColor("#6b6b6b")}


class CohortTableModel(QAbstractTableModel):
    """One row per patient (a :class:`CohortRow`); sorts itself (numbers numerically, missing values last).

    Sorting happens here, in Python (~15 ms for 10,000 rows): a QSortFilterProxyModel would call back into
    ``data()`` twice per comparison (0.3-0.7 s per click at 10,000 rows, measured). Filtering is the service's
    :func:`filter_rows`, applied before the rows arrive.
    """

    PatientIdRole = Qt.ItemDataRole.UserRole + 1
    RuleStatusRole = Qt.ItemDataRole.UserRole + 2  # a rule column's FlagStatus value ("met", ...)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CohortRow] = []
        self._base: list[CohortRow] = []  # as given (patient id order), the tie-break of every sort
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._cells = Cells()
        self._display_cache: dict[tuple[int, int], str] = {}
        self.columns: list[Column] = table_columns()
        self.rule_column = {c.key: i for i, c in enumerate(self.columns) if c.key in COHORT_RULE_IDS}

    # -- contents -------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CohortRow]) -> None:
        """Show these rows, keeping the current sort."""
        self.beginResetModel()
        self._base = list(rows)
        self._cells = Cells()
        self._display_cache.clear()
        self._rows = self._sorted(self._base)
        self.endResetModel()

    @property
    def rows(self) -> list[CohortRow]:
        """The rows in the order shown."""
        return list(self._rows)

    def row_at(self, row: int) -> CohortRow:
        return self._rows[row]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # -- Qt model interface ---------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = (row.patient_id, index.column())
            text = self._display_cache.get(key)
            if text is None:
                text = self._display_cache[key] = column.text(row, self._cells)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.cell_tooltip(row, self._cells)
        if role == self.PatientIdRole:
            return row.patient_id
        if column.key in COHORT_RULE_IDS:
            result = row.rule(column.key)
            if role == self.RuleStatusRole:
                return result.status.value
            if role == Qt.ItemDataRole.BackgroundRole and result.favourable is not None:
                return QBrush(FAVOURABLE_BG[result.favourable])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(FAVOURABLE_FG[result.favourable])
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{column.header}: {column.text(row, self._cells)}"
        elif role == Qt.ItemDataRole.ForegroundRole and column.key == "procedure_type" and not row.treated:
            return QBrush(FAVOURABLE_FG[None])
        return None

    # -- sorting --------------------------------------------------------------------------------------------------

    def _sorted(self, rows: list[CohortRow]) -> list[CohortRow]:
        if self._sort is None:
            return list(rows)
        column, order = self._sort
        key, cells = self.columns[column].sort_key, self._cells
        keyed = [(key(row, cells), row) for row in rows]
        present = [pair for pair in keyed if pair[0] is not None]
        missing = [row for value, row in keyed if value is None]
        present.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)  # stable both ways
        return [row for _, row in present] + missing

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (ties keep patient id order); missing values go last in both directions."""
        if not 0 <= column < len(self.columns):
            self._sort = None
            return
        self.layoutAboutToBeChanged.emit()
        old_position = {row.patient_id: i for i, row in enumerate(self._rows)}
        self._sort = (column, order)
        self._rows = self._sorted(self._base)
        persistent = self.persistentIndexList()
        if persistent:
            new_position = {row.patient_id: i for i, row in enumerate(self._rows)}
            old_ids = {i: pid for pid, i in old_position.items()}
            moved = [self.index(new_position[old_ids[p.row()]], p.column()) for p in persistent]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
