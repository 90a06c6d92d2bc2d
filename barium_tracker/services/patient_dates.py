"""The patient list's latest-date orders (last TBE, last procedure), kept in memory between sorts.

Ordering 100,000 patients by the date of their latest study in SQL aggregates every study on every click
(~250-350 ms: ``tbe_study`` has no index that leads with the date). Here each patient's latest study and procedure
dates, and the rank of each patient in name order (the tie-break), are read once per open database, and each
order (key and direction) is a list of patient ids sorted once in Python. A click then costs the page's own query.

Every change to the clinical record writes an audit event (services.records, the importer), so the largest audit
id says whether the orders are still true: each use reads it (one index look-up), and after a change only the
patients the new events name are read again (the whole set after an import or when an event names no patient).
Ties and unknown dates go exactly as in SQL (services.patients): unknown dates last in both directions, then name
(family, given, as the database orders them), then id.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select, type_coerce
from sqlalchemy.types import String

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patient_list import PatientSort
from barium_tracker.storage.models import AuditEventRow, PatientRow, ProcedureRow, TbeStudyRow

_PATIENT = cast(Table, PatientRow.__table__)
_AUDIT = cast(Table, AuditEventRow.__table__)
_EVENTS = {
    PatientSort.LAST_STUDY: (cast(Table, TbeStudyRow.__table__), "study_date"),
    PatientSort.LAST_PROCEDURE: (cast(Table, ProcedureRow.__table__), "procedure_date"),
}
DATE_SORTS = frozenset(_EVENTS)
#: After a change naming more patients than this, everything is read again (one pass is cheaper than many IN lists).
_INCREMENTAL_MAX = 500
#: Audit actions that change nothing listed (an export is recorded, but writes no clinical data).
_NO_CHANGE = ("export",)
_ID_CHUNK = 500  # ids per IN list


def _day(value: Any) -> int:
    """A date as an int that sorts like it: 20150314. SQLite returns the stored text, PostgreSQL a date."""
    if isinstance(value, str):
        return int(value[0:4]) * 10000 + int(value[5:7]) * 100 + int(value[8:10])
    if isinstance(value, dt.date):
        return value.year * 10000 + value.month * 100 + value.day
    raise ValueError(f"unexpected date {value!r}")


class DateOrders:
    """The latest-date orders of one open database (see the module's docstring). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mark: int | None = None  # the largest audit id the figures below account for
        self._by_name: list[int] = []  # every patient id, in name order
        self._dates: dict[PatientSort, dict[int, int]] = {sort: {} for sort in _EVENTS}
        self._orders: dict[tuple[PatientSort, bool], list[int]] = {}
        self._positions: dict[tuple[PatientSort, bool], dict[int, int]] = {}

    # -- reading ----------------------------------------------------------------------------------------------------

    def order(self, connection: Connection, sort: PatientSort, descending: bool) -> list[int]:
        """Every patient id in this order, true as of now (read again where the audit says something changed)."""
        with self._lock:
            self._refresh(connection)
            return self._order(sort, descending)

    def positions(self, connection: Connection, sort: PatientSort, descending: bool) -> dict[int, int]:
        """Each patient id's place in :meth:`order` (0-based)."""
        with self._lock:
            self._refresh(connection)
            key = (sort, descending)
            found = self._positions.get(key)
            if found is None:
                found = self._positions[key] = {pid: n for n, pid in enumerate(self._order(sort, descending))}
            return found

    def prepare(self, connection: Connection) -> None:
        """Read everything and build all four orders now (an idle moment after start-up), not on the first click."""
        with self._lock:
            self._refresh(connection)
            for sort in _EVENTS:
                for descending in (False, True):
                    order = self._order(sort, descending)
                    if (sort, descending) not in self._positions:
                        self._positions[(sort, descending)] = {pid: n for n, pid in enumerate(order)}

    def prepare_with(self, clinic: Clinic) -> None:
        """:meth:`prepare` on a connection of its own."""
        with clinic.db.connect() as connection:
            self.prepare(connection)

    # -- keeping true ---------------------------------------------------------------------------------------------

    def _refresh(self, connection: Connection) -> None:
        mark = connection.scalar(select(func.max(_AUDIT.c.id))) or 0  # read first: what follows is at least as new
        if mark == self._mark:
            return
        if self._mark is None or mark < self._mark:  # first use, or another database behind the same object
            self._read_all(connection)
        else:
            self._read_changes(connection, self._mark)
        self._mark = mark
        self._orders.clear()
        self._positions.clear()

    def _read_all(self, connection: Connection) -> None:
        self._read_names(connection)
        for sort, (table, column) in _EVENTS.items():
            latest = func.max(type_coerce(table.c[column], String) if _textual(connection) else table.c[column])
            rows = connection.execute(select(table.c.patient_id, latest).group_by(table.c.patient_id))
            self._dates[sort] = {pid: _day(value) for pid, value in rows if value is not None}

    def _read_names(self, connection: Connection) -> None:
        order = select(_PATIENT.c.id).order_by(_PATIENT.c.family_name, _PATIENT.c.given_name, _PATIENT.c.id)
        self._by_name = list(connection.scalars(order))

    def _read_changes(self, connection: Connection, since: int) -> None:
        events = connection.execute(
            select(_AUDIT.c.patient_id, _AUDIT.c.entity)
            .where(_AUDIT.c.id > since, _AUDIT.c.action.not_in(_NO_CHANGE))
            .distinct()
        ).all()
        touched = {pid for pid, _entity in events}
        if None in touched or len(touched) > _INCREMENTAL_MAX:
            self._read_all(connection)
            return
        ids = cast(set[int], touched)
        if any(entity == "patient" for _pid, entity in events):  # added, renamed or deleted: name order anew
            self._read_names(connection)
        for sort, (table, column) in _EVENTS.items():
            dates = self._dates[sort]
            for pid in ids:
                dates.pop(pid, None)
            latest = func.max(type_coerce(table.c[column], String) if _textual(connection) else table.c[column])
            for chunk in _chunks(sorted(ids)):
                query = select(table.c.patient_id, latest).where(table.c.patient_id.in_(chunk))
                for pid, value in connection.execute(query.group_by(table.c.patient_id)):
                    if value is not None:
                        dates[pid] = _day(value)

    def _order(self, sort: PatientSort, descending: bool) -> list[int]:
        key = (sort, descending)
        found = self._orders.get(key)
        if found is None:
            dates = self._dates[sort]
            known = [pid for pid in self._by_name if pid in dates]  # name order: the tie-break
            # A stable sort by the date alone keeps name order among equal dates, in both directions.
            known.sort(key=dates.__getitem__, reverse=False)
            if descending:
                known = _reversed_keeping_ties(known, dates)
            unknown = [pid for pid in self._by_name if pid not in dates]
            found = self._orders[key] = known + unknown
        return found


def _reversed_keeping_ties(ascending: list[int], dates: dict[int, int]) -> list[int]:
    """The latest dates first, patients of one date still in name order (sorted() with reverse=True would keep
    them too, but this reuses the ascending pass)."""
    result: list[int] = []
    end = len(ascending)
    while end > 0:
        start = end - 1
        day = dates[ascending[start]]
        while start > 0 and dates[ascending[start - 1]] == day:
            start -= 1
        result.extend(ascending[start:end])
        end = start
    return result


def _textual(connection: Connection) -> bool:
    """SQLite stores dates as 'YYYY-MM-DD' text: read it as text (no date objects made for 100,000 rows)."""
    return connection.dialect.name == "sqlite"


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _ID_CHUNK):
        yield ids[start : start + _ID_CHUNK]


_orders: weakref.WeakKeyDictionary[Clinic, DateOrders] = weakref.WeakKeyDictionary()
_orders_lock = threading.Lock()


def date_orders(clinic: Clinic) -> DateOrders:
    """The orders of this open database (made on first use, dropped with the clinic)."""
    with _orders_lock:
        found = _orders.get(clinic)
        if found is None:
            found = _orders[clinic] = DateOrders()
        return found


def prepare_date_orders(clinic: Clinic) -> None:
    """Build the latest-date orders ahead of the first click on a date header (safe from a worker thread)."""
    date_orders(clinic).prepare_with(clinic)
