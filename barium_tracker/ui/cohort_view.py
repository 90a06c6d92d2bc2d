"""The cohort view: every patient's latest treatment and its response, filtered, sorted, summarised and exported.

A thin adapter over :mod:`barium_tracker.services.cohort`, which computes every number with the same function as
the patient summary. This is the only GUI module that imports matplotlib (~0.3 s), so the main window imports it
when the view is first opened.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFontMetrics, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain import metrics
from barium_tracker.domain.enums import Diagnosis, ProcedureType
from barium_tracker.domain.rules import RULES, VAEZI_MIN_IMPROVEMENT_PCT, FlagStatus, InterpretationSettings
from barium_tracker.domain.text import fold
from barium_tracker.services.chart_figures import FixedMargins, plain_axes_margins
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.cohort import (
    COHORT_RULE_IDS,
    QUARTILE_METHOD,
    AgeGroup,
    CohortFilter,
    CohortRow,
    ProcedureStats,
    cohort_rows,
    filter_rows,
    overall_statistics,
    procedure_statistics,
    rows_to_csv,
)
from barium_tracker.ui.fields import DateEdit

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

# Cell colours: the patient summary's green / red / grey (services/presentation.py), as pale backgrounds.
_FAVOURABLE_BG = {True: QColor("#d9f0d3"), False: QColor("#f8d4d4")}
_FAVOURABLE_FG = {True: QColor("#1b5e20"), False: QColor("#8e1b1b"), None: QColor("#6b6b6b")}


#: Sort keys of names and MRNs: a reload makes 10,000 new rows with the same names, folded once per session.
_folded = functools.lru_cache(maxsize=200_000)(fold)


def _enum_label(member: Any) -> str:
    """A coded value's label in the user's language (the same context as fields.ChoiceBox)."""
    return QCoreApplication.translate("enums", member.label)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CohortView", text)


def _short_procedure(kind: ProcedureType) -> str:
    """A procedure type short enough for a plot's axis."""
    short = {
        ProcedureType.POEM: _tr("POEM"),
        ProcedureType.REDO_POEM: _tr("Redo POEM"),
        ProcedureType.LHM: _tr("LHM"),
        ProcedureType.REDO_LHM: _tr("Redo LHM"),
        ProcedureType.BALLOON_DILATION: _tr("Dilation"),
        ProcedureType.BOTULINUM_TOXIN: _tr("Botox"),
        ProcedureType.OESOPHAGECTOMY: _tr("Oesophagectomy"),
        ProcedureType.OTHER: _tr("Other"),
    }
    return short[kind]


def _rule_headers() -> dict[str, str]:
    return {
        "vaezi_height_5min": _tr("Vaezi:\npoor emptying"),
        "rohof_stasis": _tr("Rohof:\nstasis"),
        "sanagapalli_area": _tr("Sanagapalli:\narea response"),
        "eckardt_success": _tr("Eckardt:\nsuccess"),
        "suwatthanarak_concordance": _tr("Suwatthanarak:\ndiscordant"),
    }


def _rule_tooltip(rule_id: str) -> str:
    rule = RULES[rule_id]
    return _tr("{title}\nCriterion: {criterion}\nMeaning: {meaning}\nSource: {source}").format(
        title=rule.title, criterion=rule.criterion, meaning=rule.meaning, source=rule.source
    )


def _status_text(status: FlagStatus) -> str:
    return {
        FlagStatus.MET: _tr("met"),
        FlagStatus.NOT_MET: _tr("not met"),
        FlagStatus.NOT_APPLICABLE: _tr("n/a"),
    }[status]


class _Numbers:
    """Decimals as the user's locale writes them ("2,7" in Spanish); the separator is read once per refresh."""

    def __init__(self) -> None:
        self.point = QLocale().decimalPoint()

    def decimal(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        text = format(value, "f")
        return text if self.point == "." else text.replace(".", self.point)

    def pct(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        rounded = metrics.round_pct(value)
        return ("+" if rounded > 0 else "") + self.decimal(rounded)


# -- the cohort table ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    key: str  # the CSV column it shows (or the rule id)
    header: str
    tooltip: str
    numeric: bool
    sort_key: Callable[[CohortRow], Any]  # None: missing, sorted last in both directions


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
        self._numbers = _Numbers()
        self._display_cache: dict[tuple[int, int], str] = {}
        self.columns = self._make_columns()
        self.rule_column = {c.key: i for i, c in enumerate(self.columns) if c.key in COHORT_RULE_IDS}

    def _make_columns(self) -> list[_Column]:
        def rule_key(rule_id: str) -> Callable[[CohortRow], Any]:
            order = {FlagStatus.MET: 0, FlagStatus.NOT_MET: 1}
            return lambda row: order.get(row.status(rule_id))

        rule_headers = _rule_headers()
        return [
            _Column("mrn", self.tr("MRN"), self.tr("Medical record number"), False, lambda r: _folded(r.mrn)),
            _Column("name", self.tr("Name"), self.tr("Family name, given name"), False, lambda r: _folded(r.name)),
            _Column(
                "age_years",
                self.tr("Age"),
                self.tr("Age in completed years at the latest procedure (today when there is none)"),
                True,
                lambda r: r.age_years,
            ),
            _Column("diagnosis", self.tr("Diagnosis"), "", False, lambda r: _enum_label(r.diagnosis)),
            _Column(
                "procedure_type",
                self.tr("Latest\nprocedure"),
                self.tr("The patient's latest procedure; the response columns are its response"),
                False,
                lambda r: self._procedure_text(r) or None,
            ),
            _Column(
                "procedure_date", self.tr("Procedure\ndate"), self.tr("Date of the latest procedure"), True, _date_key
            ),
            _Column(
                "reference_h5_cm",
                self.tr("5-min height\nbefore (cm)"),
                self.tr("Barium column height at 5 min on the reference TBE (the last one on or before the procedure)"),
                True,
                lambda r: r.reference_h5_cm,
            ),
            _Column(
                "latest_followup_h5_cm",
                self.tr("5-min height\nafter (cm)"),
                self.tr("Barium column height at 5 min on the latest TBE after the procedure"),
                True,
                lambda r: r.latest_followup_h5_cm,
            ),
            _Column(
                "h5_change_pct",
                self.tr("5-min\nchange (%)"),
                self.tr("Change in 5-min column height, (after - before) / before x 100; negative is a reduction"),
                True,
                lambda r: r.h5_change_pct,
            ),
            _Column(
                "eckardt_before",
                self.tr("Eckardt\nbefore"),
                self.tr("Last Eckardt score on or before the procedure date (0-12)"),
                True,
                lambda r: r.eckardt_before,
            ),
            _Column(
                "eckardt_after",
                self.tr("Eckardt\nafter"),
                self.tr("Latest Eckardt score after the procedure (0-12)"),
                True,
                lambda r: r.eckardt_after,
            ),
            *(
                _Column(rule_id, rule_headers[rule_id], _rule_tooltip(rule_id), False, rule_key(rule_id))
                for rule_id in COHORT_RULE_IDS
            ),
        ]

    # -- contents -------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CohortRow]) -> None:
        """Show these rows, keeping the current sort."""
        self.beginResetModel()
        self._base = list(rows)
        self._numbers = _Numbers()
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
                text = self._display_cache[key] = self._display(row, column)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == self.PatientIdRole:
            return row.patient_id
        if column.key in COHORT_RULE_IDS:
            result = row.rule(column.key)
            if role == self.RuleStatusRole:
                return result.status.value
            if role == Qt.ItemDataRole.BackgroundRole and result.favourable is not None:
                return QBrush(_FAVOURABLE_BG[result.favourable])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_FAVOURABLE_FG[result.favourable])
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{column.header}: {self._display(row, column)}"
        elif role == Qt.ItemDataRole.ForegroundRole and column.key == "procedure_type" and not row.treated:
            return QBrush(_FAVOURABLE_FG[None])
        return None

    def _procedure_text(self, row: CohortRow) -> str:
        if row.procedure_type is None:
            return ""
        label = _enum_label(row.procedure_type)
        return self.tr("Rescue {0}").format(label) if row.rescue else label

    def _display(self, row: CohortRow, column: _Column) -> str:
        key, n = column.key, self._numbers
        if key in COHORT_RULE_IDS:
            return _status_text(row.status(key))
        if key == "mrn":
            return row.mrn
        if key == "name":
            return row.name
        if key == "age_years":
            return "" if row.age_years is None else str(row.age_years)
        if key == "diagnosis":
            return _enum_label(row.diagnosis)
        if key == "procedure_type":
            return self._procedure_text(row) if row.treated else self.tr("no procedure")
        if key == "procedure_date":
            return row.procedure_date.isoformat() if row.procedure_date else ""
        if key == "reference_h5_cm":
            return n.decimal(row.reference_h5_cm)
        if key == "latest_followup_h5_cm":
            return n.decimal(row.latest_followup_h5_cm)
        if key == "h5_change_pct":
            return n.pct(row.h5_change_pct)
        if key == "eckardt_before":
            return "" if row.eckardt_before is None else str(row.eckardt_before)
        if key == "eckardt_after":
            return "" if row.eckardt_after is None else str(row.eckardt_after)
        raise KeyError(key)

    def _tooltip(self, row: CohortRow, column: _Column) -> str | None:
        key = column.key
        if key in COHORT_RULE_IDS:
            return row.rule(key).detail
        if key == "procedure_type" and row.treated:
            return self.tr("{0}: the latest of {1} procedure(s)").format(self._procedure_text(row), row.procedure_count)
        if key == "reference_h5_cm":
            if row.reference_study_date is None:
                return self.tr("No TBE on or before the procedure") if row.treated else None
            return self.tr("Reference TBE of {0}").format(row.reference_study_date.isoformat())
        if key in ("latest_followup_h5_cm", "h5_change_pct"):
            if row.followup_study_date is None:
                return self.tr("No TBE after the procedure yet") if row.treated else None
            text = self.tr("Latest TBE after the procedure: {0} ({1} days after)").format(
                row.followup_study_date.isoformat(), row.followup_days_after
            )
            if row.latest_followup_h5_cm is None:
                text += "\n" + self.tr("No 5-min film on that study")
            return text
        return None

    # -- sorting --------------------------------------------------------------------------------------------------

    def _sorted(self, rows: list[CohortRow]) -> list[CohortRow]:
        if self._sort is None:
            return list(rows)
        column, order = self._sort
        key = self.columns[column].sort_key
        keyed = [(key(row), row) for row in rows]
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


def _date_key(row: CohortRow) -> int | None:
    return row.procedure_date.toordinal() if row.procedure_date else None


# -- statistics ---------------------------------------------------------------------------------------------------


class CohortStatsModel(QAbstractTableModel):
    """Statistics by latest procedure: one column per procedure type, then every treated patient together.

    Rows are the measures (n, the 5-min height change, each rule's share), as in a paper's table.
    """

    ROW_PATIENTS, ROW_WITH_CHANGE, ROW_CHANGE = 0, 1, 2
    FIRST_RULE_ROW = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stats: list[ProcedureStats] = []
        self._numbers = _Numbers()
        headers = _rule_headers()
        quartiles = self.tr(
            "Median and interquartile range. Quartiles by linear interpolation between order statistics "
            "(statistics.quantiles, method '{0}'; as R's default and Excel's QUARTILE.INC); the range needs at "
            "least 2 patients."
        ).format(QUARTILE_METHOD)
        self._measures: list[tuple[str, str]] = [
            (self.tr("Patients"), self.tr("Patients whose latest procedure is of this type")),
            (self.tr("With 5-min change"), self.tr("Patients with a 5-min height before and after the procedure")),
            (self.tr("5-min change, median (IQR) %"), quartiles),
            *(
                (
                    headers[rule_id].replace("\n", " "),
                    _rule_tooltip(rule_id) + "\n\n" + self.tr("Met / patients to whom the rule applied (%)"),
                )
                for rule_id in COHORT_RULE_IDS
            ),
        ]

    def set_stats(self, stats: Sequence[ProcedureStats]) -> None:
        self.beginResetModel()
        self._stats = list(stats)
        self._numbers = _Numbers()
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
            return self.tr("All treated") if kind is None else _short_procedure(kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind is None:
                return self.tr("Every patient with a procedure, each under their latest one")
            return _enum_label(kind)
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


class CohortPlot(QWidget):
    """Box plot of the change in 5-min height by procedure type, with the points when there are few."""

    #: Groups up to this size also show every patient as a point (a strip); larger ones show the box alone.
    STRIP_MAX_POINTS = 150

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohortPlot")
        self.setAccessibleName(self.tr("Plot of the change in 5-minute column height by procedure type"))
        # Margins from the font sizes (FixedMargins, as the patient charts): constrained layout measured every
        # text at each draw, 40 % of drawing this plot.
        self.figure = Figure(figsize=(5.0, 3.0), dpi=96)
        self.margins = FixedMargins()
        self.figure.set_layout_engine(self.margins)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("cohortPlotCanvas")
        self.canvas.setMinimumSize(360, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.groups: list[tuple[str, list[float]]] = []

    def plot(self, stats: Sequence[ProcedureStats]) -> None:
        """Redraw for these statistics (procedure types only; an 'all treated' entry is left out)."""
        self.groups = [
            (f"{_short_procedure(s.procedure_type)}\nn={s.with_h5_change}", [float(v) for v in s.h5_changes_pct])
            for s in stats
            if s.procedure_type is not None and s.h5_changes_pct
        ]
        self.figure.clear()
        axes = self.figure.add_subplot()
        threshold = -float(VAEZI_MIN_IMPROVEMENT_PCT)
        axes.axhline(0, color="#999999", linewidth=0.8)
        axes.axhline(threshold, color="#b2182b", linewidth=1, linestyle="--")
        if self.groups:
            labels = [label for label, _ in self.groups]
            boxes = axes.boxplot(
                [values for _, values in self.groups],
                tick_labels=labels,
                widths=0.55,
                showfliers=True,
                medianprops={"color": "#1f4e79", "linewidth": 2},
                flierprops={"marker": ".", "markersize": 3, "alpha": 0.4},
            )
            jitter = random.Random(0)  # the same picture for the same data
            for position, (_, values) in enumerate(self.groups, start=1):
                if len(values) <= self.STRIP_MAX_POINTS:
                    boxes["fliers"][position - 1].set_visible(False)  # every point is drawn below
                    xs = [position + jitter.uniform(-0.15, 0.15) for _ in values]
                    axes.scatter(xs, values, s=12, color="#333333", alpha=0.55, zorder=3, linewidths=0)
            axes.text(
                0.995,
                threshold,
                self.tr("50 % improvement (Vaezi)"),
                transform=axes.get_yaxis_transform(),
                ha="right",
                va="bottom",
                fontsize=8,
                color="#b2182b",
            )
        else:
            axes.text(
                0.5,
                0.5,
                self.tr("No patient with a 5-min height before and after treatment"),
                transform=axes.transAxes,
                ha="center",
                va="center",
                color="#555555",
            )
            axes.set_xticks([])
        axes.set_ylabel(self.tr("Change in 5-min height (%)"), fontsize=9)
        axes.tick_params(labelsize=8)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        axes.set_axisbelow(True)
        if self.figure.get_layout_engine() is not self.margins:
            self.figure.set_layout_engine(self.margins)
        self.margins.set_margins(*plain_axes_margins(axes, tick_pt=8, label_pt=9, x_tick_lines=2))
        self.canvas.draw_idle()


# -- filter controls ----------------------------------------------------------------------------------------------


class _StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while the user ticks several."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class ChoiceList(QToolButton):
    """A drop-down list of check boxes (e.g. procedure types); ``changed`` when a box is ticked or cleared."""

    changed = Signal()

    def __init__(self, all_text: str, choices: Sequence[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_text = all_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        menu = _StayOpenMenu(self)
        self.select_all = menu.addAction(self.tr("Select all"))
        self.select_all.triggered.connect(lambda: self.set_checked_values(None))
        menu.addSeparator()
        self.actions_by_value: list[tuple[QAction, Any]] = []
        for label, value in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._toggled)
            self.actions_by_value.append((action, value))
        self.setMenu(menu)
        self._update_text()

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        checked = [a.text() for a, _ in self.actions_by_value if a.isChecked()]
        if len(checked) == len(self.actions_by_value):
            text = self._all_text
        elif not checked:
            text = self.tr("none")
        elif len(checked) == 1:
            text = checked[0]
        else:
            text = self.tr("{0} of {1}").format(len(checked), len(self.actions_by_value))
        self.setText(text)
        self.setToolTip("\n".join(checked) if checked else self.tr("Nothing selected"))

    def checked_values(self) -> list[Any]:
        return [value for action, value in self.actions_by_value if action.isChecked()]

    def all_checked(self) -> bool:
        return all(action.isChecked() for action, _ in self.actions_by_value)

    def set_checked_values(self, values: Sequence[Any] | None) -> None:
        """Tick exactly these values (None: all), with one ``changed``."""
        for action, value in self.actions_by_value:
            action.blockSignals(True)
            action.setChecked(values is None or value in values)
            action.blockSignals(False)
        self._toggled()


_UNTREATED = "untreated"


class CohortView(QWidget):
    """The cohort of one clinic: filters, the table, statistics by procedure type, a plot, and CSV export.

    ``open_patient(patient_id)`` when a row is double-clicked or Enter is pressed on it. Call :meth:`refresh`
    after records change; the filters apply without reading the database again.
    """

    open_patient = Signal(int)
    refreshed = Signal()
    exported = Signal(str)

    def __init__(
        self, clinic: Clinic, parent: QWidget | None = None, *, today: dt.date | None = None, load: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cohortView")
        self.setAccessibleName(self.tr("Cohort"))
        self._clinic = clinic
        self._today = today
        self._all_rows: list[CohortRow] = []
        self._settings = InterpretationSettings()

        # Filters
        self.procedure_filter = ChoiceList(
            self.tr("All procedures"),
            [(_enum_label(kind), kind) for kind in ProcedureType] + [(self.tr("No procedure yet"), _UNTREATED)],
            self,
        )
        self.procedure_filter.setObjectName("cohortProcedureFilter")
        self.procedure_filter.setAccessibleName(self.tr("Latest procedure types to show"))
        self.diagnosis_filter = ChoiceList(self.tr("All diagnoses"), [(_enum_label(d), d) for d in Diagnosis], self)
        self.diagnosis_filter.setObjectName("cohortDiagnosisFilter")
        self.diagnosis_filter.setAccessibleName(self.tr("Diagnoses to show"))
        self.date_from = self._date_edit("cohortDateFrom", self.tr("Latest procedure on or after"))
        self.date_to = self._date_edit("cohortDateTo", self.tr("Latest procedure on or before"))
        self.age_filter = QComboBox(self)
        self.age_filter.setObjectName("cohortAgeFilter")
        self.age_filter.setAccessibleName(self.tr("Age group"))
        for text, group in (
            (self.tr("All ages"), AgeGroup.ALL),
            (self.tr("Paediatric (< 18 y)"), AgeGroup.PAEDIATRIC),
            (self.tr("Adult (>= 18 y)"), AgeGroup.ADULT),
        ):
            self.age_filter.addItem(text, group.value)
        self.age_filter.setToolTip(self.tr("Age at the latest procedure (today when there is none)"))
        self.reset_button = QPushButton(self.tr("Reset filters"), self)
        self.reset_button.setObjectName("cohortResetFilters")
        self.reset_button.setAccessibleName(self.tr("Reset filters"))
        self.refresh_button = QPushButton(self.tr("Reload"), self)
        self.refresh_button.setObjectName("cohortReload")
        self.refresh_button.setAccessibleName(self.tr("Reload the cohort from the database"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("cohortExportCsv")
        self.export_button.setAccessibleName(self.tr("Export the rows shown to a CSV file"))

        filters = QHBoxLayout()
        for label_text, widget in (
            (self.tr("Procedure:"), self.procedure_filter),
            (self.tr("Diagnosis:"), self.diagnosis_filter),
            (self.tr("From:"), self.date_from),
            (self.tr("To:"), self.date_to),
            (self.tr("Age:"), self.age_filter),
        ):
            label = QLabel(label_text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.export_button)

        # Table
        self.model = CohortTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("cohortTable")
        self.table.setAccessibleName(self.tr("Cohort: one row per patient, the response to their latest procedure"))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(self.model.column_of("name"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self._size_columns()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("cohortCount")

        # Statistics and plot
        self.stats_model = CohortStatsModel(self)
        self.stats_table = QTableView(self)
        self.stats_table.setObjectName("cohortStatistics")
        self.stats_table.setAccessibleName(self.tr("Summary by procedure type"))
        self.stats_table.setModel(self.stats_model)
        self.stats_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stats_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stats_table.setWordWrap(False)
        self.plot = CohortPlot(self)
        stats_box = QGroupBox(self.tr("Summary by latest procedure"), self)
        stats_layout = QHBoxLayout(stats_box)
        self.stats_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.stats_table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        stats_layout.addWidget(self.stats_table, 0, Qt.AlignmentFlag.AlignTop)
        stats_layout.addWidget(self.plot, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("cohortSplitter")
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.count_label)
        splitter.addWidget(top)
        splitter.addWidget(stats_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.procedure_filter.changed.connect(self.apply_filter)
        self.diagnosis_filter.changed.connect(self.apply_filter)
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)
        self.age_filter.currentIndexChanged.connect(self.apply_filter)
        self.reset_button.clicked.connect(self.reset_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        self.table.activated.connect(self._activated)
        if load:
            self.refresh()

    def _date_edit(self, name: str, accessible: str) -> DateEdit:
        edit = DateEdit(optional=True, parent=self)
        edit.setSpecialValueText(self.tr("any"))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _size_columns(self) -> None:
        """Widths from the header and a typical value: resizeColumnsToContents would read every row."""
        metrics_ = QFontMetrics(self.table.font())
        samples = {
            "mrn": "SYN-000000",
            "name": "Gutiérrez Rodríguez, Valeria",
            "diagnosis": _enum_label(Diagnosis.EGJ_OUTFLOW_OBSTRUCTION),
            "procedure_type": _enum_label(ProcedureType.LHM),
            "procedure_date": "2026-12-31",
        }
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            sample = samples.get(column.key, "")
            title = max(metrics_.horizontalAdvance(line) for line in column.header.split("\n"))
            width = max(title + 18, metrics_.horizontalAdvance(sample) + 12, 44)
            header.resizeSection(i, min(width, 240))

    # -- data -----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cohort again (after records changed) and show it through the current filters."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._settings = self._clinic.interpretation_settings()
            self._all_rows = cohort_rows(self._clinic, self._settings, today=self._today)
            self.apply_filter()
        finally:
            QApplication.restoreOverrideCursor()
        self.refreshed.emit()

    def current_filter(self) -> CohortFilter:
        procedures = self.procedure_filter.checked_values()
        types = frozenset(v for v in procedures if v != _UNTREATED)
        all_types = len(types) == len(ProcedureType)
        return CohortFilter(
            procedure_types=None if all_types else types,
            include_untreated=_UNTREATED in procedures,
            diagnoses=None
            if self.diagnosis_filter.all_checked()
            else frozenset(self.diagnosis_filter.checked_values()),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            age_group=AgeGroup(self.age_filter.currentData()),
        )

    def apply_filter(self) -> None:
        """Show the rows that pass the filters, with their statistics and plot."""
        shown = filter_rows(self._all_rows, self.current_filter())
        self.model.set_rows(shown)
        stats = procedure_statistics(shown)
        treated = sum(s.patients for s in stats)
        self.stats_model.set_stats([*stats, overall_statistics(shown)] if stats else [])
        self.stats_table.resizeColumnsToContents()
        self.plot.plot(stats)
        untreated = len(shown) - treated
        self.count_label.setText(
            self.tr(
                "{0} of {1} patients shown ({2} treated, {3} without a procedure). Eckardt success threshold: ≤ {4}."
            ).format(len(shown), len(self._all_rows), treated, untreated, self._settings.eckardt_success_max)
        )

    def reset_filters(self) -> None:
        for widget in (self.procedure_filter, self.diagnosis_filter, self.date_from, self.date_to, self.age_filter):
            widget.blockSignals(True)
        try:
            self.procedure_filter.set_checked_values(None)
            self.diagnosis_filter.set_checked_values(None)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
            self.age_filter.setCurrentIndex(0)
        finally:
            for widget in (self.procedure_filter, self.diagnosis_filter, self.date_from, self.date_to, self.age_filter):
                widget.blockSignals(False)
        self.apply_filter()

    @property
    def rows(self) -> list[CohortRow]:
        """The rows shown, in the order shown."""
        return self.model.rows

    # -- export ---------------------------------------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> int:
        """Write the rows shown (filtered, in the order shown) to a CSV file; returns how many."""
        count = rows_to_csv(self.model.rows, path)
        self.exported.emit(str(path))
        return count

    def choose_export_file(self) -> None:
        default = f"cohort-{dt.date.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export cohort to CSV"), default, self.tr("CSV files (*.csv);;All files (*)")
        )
        if not path:
            return
        try:
            count = self.export_csv(path)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {0}: {1}").format(path, error.strerror or error),
            )
            return
        self.count_label.setText(self.tr("Exported {0} patients to {1}").format(count, path))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_patient.emit(self.model.row_at(index.row()).patient_id)
