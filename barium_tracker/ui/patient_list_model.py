"""The patient list as a Qt table model: a thin adapter over services.patients, fetched in pages.

At start-up the model can show the first page read without SQLAlchemy (``services.patient_list.first_page``) before
the clinic is open; :meth:`PatientListModel.attach` hands it the clinic, and from then on every page comes from
services.patients. That module (and SQLAlchemy with it) is imported on first use, not with this one.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication

from barium_tracker.domain.enums import TRANSLATION_CONTEXT, Diagnosis
from barium_tracker.domain.text import fold
from barium_tracker.services.patient_list import FirstPage, PatientListItem, PatientSort
from barium_tracker.ui import notation


def _coded(diagnosis: Diagnosis) -> str:
    """A diagnosis as the choice boxes say it (the "enums" context of ui/translate.coded, without its imports)."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, diagnosis.label)


if TYPE_CHECKING:
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.services.patients import PatientPage

Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)


def search_page(clinic: Clinic, text: str, **options: Any) -> PatientPage:
    """services.patients.search_page, imported when the first page is asked of the database."""
    from barium_tracker.services import patients

    return patients.search_page(clinic, text, **options)


def warm_up(clinic: Clinic) -> None:
    """services.patients.warm_up in a worker thread: a database closed meanwhile only means no head start."""
    try:
        from barium_tracker.services import patients

        patients.warm_up(clinic)
    except Exception:
        log.debug("warming up the patient list failed", exc_info=True)


def count_patients(clinic: Clinic, text: str = "", **options: Any) -> int:
    """services.patients.count_patients, imported on first use."""
    from barium_tracker.services import patients

    return patients.count_patients(clinic, text, **options)


class PatientListModel(QAbstractTableModel):
    """Rows come from the database a page at a time (canFetchMore/fetchMore), never all at once.

    Searching, filtering and sorting all happen in the database: a keystroke costs one page query (and the count
    of matches only when someone asks for :attr:`total`), whatever the number of patients.
    """

    PAGE_SIZE = 200
    #: After the database is attached, this long (on the event loop) before the warm-up starts: the list paints first.
    WARM_UP_DELAY_MS = 0
    PatientIdRole = Qt.ItemDataRole.UserRole + 1
    _ROLES = frozenset(
        (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole, PatientIdRole)
    )
    COLUMNS = ("mrn", "name", "age", "diagnosis", "last_study", "last_procedure")
    # Each column's sort key in the database (the names match PatientSort's values).
    SORTS = tuple(PatientSort(column) for column in COLUMNS)
    # What a wide cell of each column holds, so that column widths need no pass over the data
    # (resizeColumnsToContents does ~10,000 data() calls on the first page alone). None: the column's own choice
    # (the longest diagnosis, a date in the chosen notation). A longer MRN among the rows loaded widens its column
    # (see :meth:`widest_mrn`); names are elided, with the whole name in the tooltip.
    _WIDTH_SAMPLES = ("SYN-000000", "Gutiérrez Rodríguez, Valeria", "100", None, None, None)
    #: What a typical name needs: the name column's share of the list's preferred width (it stretches beyond).
    NAME_SAMPLE = "Mamani Quispe, Miguel"
    CELL_PADDING_PX = 12  # the cell's text margins (a few px each side) and a gap that keeps columns apart
    _SAMPLE_DATE = dt.date(2028, 12, 28)  # a wide date: digits are as wide as each other in most fonts

    def __init__(self, clinic: Clinic | None, parent: Any = None, *, first_page: FirstPage | None = None) -> None:
        """``clinic`` None: show ``first_page`` (or nothing) until :meth:`attach`; no page is fetched meanwhile."""
        super().__init__(parent)
        self._clinic = clinic
        self._search = ""
        self._words: tuple[str, ...] = ()
        self._diagnosis: Diagnosis | None = None
        self._sort = PatientSort.NAME
        self._descending = False
        self._rows: list[PatientListItem] = []
        self._row_of_id: dict[int, int] = {}
        self._has_more = False
        self._total: int | None = 0
        self._today = dt.date.today()
        self._notifying = False  # inside a reset or an insertion: a re-entrant fetchMore must wait
        self._header_texts: dict[int, str] = {}  # a header set on two lines by the view (set_header_text)
        self._texts: dict[int, tuple[str, ...]] = {}  # each shown row's cells, by row (cleared with the rows)
        self._texts_notation: object = None  # the notation those cells were written in
        self._warm_up_timer = QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.setInterval(self.WARM_UP_DELAY_MS)
        self._warm_up_timer.timeout.connect(self._start_warm_up)
        self._warmed: Clinic | None = None
        if clinic is not None:
            self.refresh()
            self._warm_up_timer.start()
        elif first_page is not None:
            self._rows = list(first_page.items)[: self.PAGE_SIZE]
            self._row_of_id = {item.id: row for row, item in enumerate(self._rows)}
            self._has_more = first_page.has_more or len(first_page.items) > self.PAGE_SIZE
            self._total = first_page.total

    @property
    def clinic(self) -> Clinic | None:
        """The open database, or None while the list shows the first page read before it was opened."""
        return self._clinic

    def attach(self, clinic: Clinic) -> None:
        """The database is open: read the first page again through it (with any search, filter or sort chosen
        meanwhile), and from now on fetch more pages on demand."""
        self._clinic = clinic
        self.refresh()
        self._warm_up_timer.start()

    def _start_warm_up(self) -> None:
        """After the list is shown: the first keystroke's and the first date sort's one-off costs, in a worker
        thread (SQL compiled, indexes read, the latest-date orders built), so that they are not the user's wait."""
        clinic = self._clinic
        if clinic is None or clinic is self._warmed:
            return
        self._warmed = clinic
        threading.Thread(target=warm_up, args=(clinic,), name="patient-list-warm-up", daemon=True).start()

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("MRN"),
            self.tr("Name"),
            self.tr("Age"),
            self.tr("Diagnosis"),
            self.tr("Last TBE"),
            self.tr("Last procedure"),
        )

    # -- what is listed ---------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Type-ahead: every word must appear in the MRN or a name (accents and case ignored)."""
        self._search = text
        words = tuple(fold(text).split())
        if words != self._words:  # a trailing space or a change of case alone finds the same patients
            self._words = words
            self.refresh()

    @property
    def search_text(self) -> str:
        return self._search

    def set_diagnosis(self, diagnosis: Diagnosis | None) -> None:
        """Only patients with this diagnosis (None: every diagnosis)."""
        diagnosis = None if diagnosis is None else Diagnosis(diagnosis)
        if diagnosis != self._diagnosis:
            self._diagnosis = diagnosis
            self.refresh()

    @property
    def diagnosis(self) -> Diagnosis | None:
        return self._diagnosis

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's sort (a header click): the database orders the patients, then the first page is fetched again."""
        if not 0 <= column < len(self.SORTS):
            return
        key, descending = self.SORTS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()

    def sort_column(self) -> int:
        """The column the list is sorted by (for QHeaderView.setSortIndicator)."""
        return self.SORTS.index(self._sort)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    # -- loading --------------------------------------------------------------------------------------------------

    def _fetch(self, offset: int) -> tuple[list[PatientListItem], bool, int | None]:
        """One page from ``offset``, whether more follow (one extra row is asked for), and the total if known."""
        assert self._clinic is not None, "no page is fetched before the clinic is attached"
        page = search_page(
            self._clinic,
            " ".join(self._words),
            diagnosis=self._diagnosis,
            sort=self._sort,
            descending=self._descending,
            limit=self.PAGE_SIZE + 1,
            offset=offset,
        )
        items = page.items[: self.PAGE_SIZE]
        return items, len(page.items) > self.PAGE_SIZE, page.total

    def refresh(self) -> None:
        """Fetch the first page again (after a search, a filter, a sort, or a change to the data).

        Before :meth:`attach`, nothing is read: the choice is kept and applied when the clinic arrives.
        """
        if self._clinic is None:
            return
        rows, has_more, total = self._fetch(0)  # before the reset: if the database fails, nothing has changed
        self._notifying = True
        try:
            self.beginResetModel()
            self._today = dt.date.today()
            self._rows = rows
            self._texts.clear()
            self._row_of_id = {item.id: row for row, item in enumerate(rows)}
            self._has_more = has_more
            self._total = len(rows) if not has_more else total
            self.endResetModel()
        finally:
            self._notifying = False

    @property
    def total(self) -> int:
        """How many patients match: known at once when they fit in a page, else counted once, on first use."""
        if self._total is None:
            if self._clinic is None:
                return len(self._rows)
            self._total = count_patients(self._clinic, " ".join(self._words), diagnosis=self._diagnosis)
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._has_more and self._clinic is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        # A slot of modelReset or rowsInserted that asks for more (QAbstractItemModelTester does) would insert rows
        # while other slots still handle the first change; views ask again once they lay the rows out.
        if parent.isValid() or not self._has_more or self._notifying or self._clinic is None:
            return
        more, self._has_more, _ = self._fetch(len(self._rows))
        known = {item.id for item in more} & self._row_of_id.keys()
        more = [item for item in more if item.id not in known]  # a patient added meanwhile can shift a page
        if not more:
            self._has_more = False
            return
        first = len(self._rows)
        self._notifying = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._row_of_id.update((item.id, first + n) for n, item in enumerate(more))
            if not self._has_more:
                self._total = len(self._rows)
            self.endInsertRows()
        finally:
            self._notifying = False

    def row_of(self, patient_id: int) -> int | None:
        """The row of a patient among the rows loaded so far (None if not loaded or not listed)."""
        return self._row_of_id.get(patient_id)

    # -- model ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_texts.get(section) or self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in self._header_texts:
            return self._headers()[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:  # the latest dates first on a first click
            latest_first = self.COLUMNS[section] in ("last_study", "last_procedure")
            return Qt.SortOrder.DescendingOrder if latest_first else Qt.SortOrder.AscendingOrder
        return None

    def header_text(self, section: int) -> str:
        """A column's header on one line, in the user's language (what :meth:`set_header_text` may break)."""
        return self._headers()[section]

    def set_header_text(self, section: int, text: str | None) -> None:
        """Show ``text`` (the header broken over lines) as the header of ``section``; None: the header itself."""
        if text is None or text == self._headers()[section]:
            changed = self._header_texts.pop(section, None) is not None
        else:
            changed = self._header_texts.get(section) != text
            self._header_texts[section] = text
        if changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)

    def cell_widths(self, metrics: QFontMetrics | None = None) -> list[int]:
        """Pixel widths that fit the widest cell of each column, computed without reading the database.

        The widest MRN (of the samples and the rows loaded), name, age, diagnosis (its short label, as translated)
        and date (in the chosen notation), measured with ``metrics`` (the table's fontMetrics(); the application
        font by default), plus the cell's margins. Headers are the view's to fit (see ui.patient_list_pane).
        """
        metrics = metrics or QFontMetrics(QGuiApplication.font())
        date = notation.date_text(self._SAMPLE_DATE)
        texts: dict[str, list[str]] = {
            "diagnosis": [self.diagnosis_text(diagnosis) for diagnosis in Diagnosis],
            "last_study": [date],
            "last_procedure": [date],
        }
        widths = []
        for column, sample in zip(self.COLUMNS, self._WIDTH_SAMPLES, strict=True):
            width = max(metrics.horizontalAdvance(text) for text in texts.get(column) or [str(sample)])
            if column == "mrn":
                width = max(width, self.widest_mrn(metrics))
            widths.append(width + self.CELL_PADDING_PX)
        return widths

    def name_width(self, metrics: QFontMetrics) -> int:
        """The width a typical name needs (the name column stretches; longer names are elided)."""
        return metrics.horizontalAdvance(self.NAME_SAMPLE) + self.CELL_PADDING_PX

    def widest_mrn(self, metrics: QFontMetrics, first: int = 0, last: int | None = None) -> int:
        """The pixel width of the widest MRN among the loaded rows ``first`` to ``last`` (every loaded row)."""
        rows = self._rows[first : None if last is None else last + 1]
        if not rows:
            return 0
        longest = max(len(item.mrn) for item in rows)
        # Proportional fonts: measure every MRN within a character of the longest, not only the longest.
        return max(metrics.horizontalAdvance(item.mrn) for item in rows if len(item.mrn) >= longest - 1)

    @staticmethod
    def diagnosis_text(diagnosis: Diagnosis) -> str:
        """A diagnosis as the list shows it: its short label (EGJOO), translated."""
        return QCoreApplication.translate(TRANSLATION_CONTEXT, diagnosis.short_label)

    def item(self, row: int) -> PatientListItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks every visible cell for a dozen roles: the ones not answered return at once.
        if role not in self._ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if (written := notation.current()) is not self._texts_notation:  # Preferences changed the dates
                self._texts.clear()
                self._texts_notation = written
            texts = self._texts.get(row)
            if texts is None:
                texts = self._texts[row] = self._display(self._rows[row])
            return texts[index.column()]
        item = self._rows[row]
        if role == self.PatientIdRole:
            return item.id
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column == "age" else None
        # The tooltip: the whole name (elided in its cell), the diagnosis unabridged.
        if column == "name":
            return item.display_name
        if column == "diagnosis":
            return _coded(item.diagnosis)
        return None

    def _display(self, item: PatientListItem) -> tuple[str, ...]:
        """A row's cells as shown (computed once per row and kept until the rows change)."""
        age = item.age_years(self._today)
        return (
            item.mrn,
            item.display_name,
            "" if age is None else str(age),
            self.diagnosis_text(item.diagnosis),
            notation.date_text(item.last_study_date),
            notation.date_text(item.last_procedure_date),
        )
