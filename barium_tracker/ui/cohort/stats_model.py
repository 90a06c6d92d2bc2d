"""Statistics by latest procedure as a Qt item model: the measures as rows, one column per procedure type.

Every number comes from :func:`barium_tracker.services.cohort.procedure_statistics`; this model only writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from barium_tracker.domain import metrics
from barium_tracker.services.cohort import COHORT_RULE_IDS, QUARTILE_METHOD, ProcedureStats
from barium_tracker.ui.cohort import words
from barium_tracker.ui.translate import coded

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class CohortStatsModel(QAbstractTableModel):
    """Statistics by latest procedure: one column per procedure type, then every treated patient together.

    Rows are the measures (n, the 5-min height change, each rule's share), as in a paper's table.
    """

    ROW_PATIENTS, ROW_WITH_CHANGE, ROW_CHANGE = 0, 1, 2
    FIRST_RULE_ROW = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stats: list[ProcedureStats] = []
        self._numbers = words.Numbers()
        counts = words.rule_counts()
        height = words.height_label()
        quartiles = self.tr(
            "Median and interquartile range. Quartiles by linear interpolation between order statistics "
            "(statistics.quantiles, method '{0}'; as R's default and Excel's QUARTILE.INC); the range needs at "
            "least 2 patients."
        ).format(QUARTILE_METHOD)
        self._measures: list[tuple[str, str]] = [
            (self.tr("Patients"), self.tr("Patients whose latest procedure is of this type")),
            (
                self.tr("{label}: before and after").format(label=height),
                self.tr("Patients measured before and after the procedure ({label})").format(label=height),
            ),
            (self.tr("{label}: change, median (IQR) %").format(label=height), quartiles),
            *(
                (
                    counts[rule_id],
                    words.rule_tooltip(rule_id)
                    + "\n\n"
                    + self.tr("Patients with this finding / patients to whom the rule applied (%)"),
                )
                for rule_id in COHORT_RULE_IDS
            ),
        ]

    def set_stats(self, stats: Sequence[ProcedureStats]) -> None:
        self.beginResetModel()
        self._stats = list(stats)
        self._numbers = words.Numbers()
        self.endResetModel()

    @property
    def stats(self) -> list[ProcedureStats]:
        return list(self._stats)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._measures)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._stats)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._measures):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self._measures[section][0]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._measures[section][1]
            return None
        if not 0 <= section < len(self._stats):
            return None
        kind = self._stats[section].procedure_type
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("All treated") if kind is None else words.procedure_short(kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind is None:
                return self.tr("Every patient with a procedure, each under their latest one")
            return coded(kind)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._measures) or index.column() >= len(self._stats):
            return None
        stats = self._stats[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(stats, index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and stats.procedure_type is None:
            font = QGuiApplication.font()
            font.setBold(True)
            return font
        return None

    def _display(self, stats: ProcedureStats, row: int) -> str:
        n = self._numbers
        if row == self.ROW_PATIENTS:
            return str(stats.patients)
        if row == self.ROW_WITH_CHANGE:
            return str(stats.with_h5_change)
        if row == self.ROW_CHANGE:
            if stats.h5_change_median_pct is None:
                return ""
            median = n.pct(stats.h5_change_median_pct)
            if stats.h5_change_q1_pct is None or stats.h5_change_q3_pct is None:
                return median
            return self.tr("{0} ({1} to {2})").format(
                median, n.pct(stats.h5_change_q1_pct), n.pct(stats.h5_change_q3_pct)
            )
        share = stats.shares[COHORT_RULE_IDS[row - self.FIRST_RULE_ROW]]
        if share.pct is None:
            return self.tr("n/a")
        return f"{share.met}/{share.applicable} ({n.decimal(metrics.round_pct(share.pct))} %)"
