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

Once everything has been read (:meth:`DateOrders.prepare`, from the list's warm-up thread), a text search in name
order runs here too (:meth:`DateOrders.search_by_name`): the patients' folded search_text is held beside the name
order, so a keystroke is a pass over those texts (or over the last matches, while the user types on) and its total
comes with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy import Connection, Integer, Table, func, select, type_coerce
from sqlalchemy import cast as cast_
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
    """A date as an int that sorts like it: 20150314 (SQLite gives the int already, see :func:`_latest_day`)."""
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date):
        return value.year * 10000 + value.month * 100 + value.day
    raise ValueError(f"unexpected date {value!r}")


def _latest_day(connection: Connection, column: Any) -> Any:
    """max(column) as the database can give it most cheaply: SQLite stores 'YYYY-MM-DD' text, turned into the int
    20150314 in SQL (no Python object per row but the int); elsewhere the date itself."""
    if connection.dialect.name == "sqlite":
        text = type_coerce(func.max(column), String)
        return cast_(func.replace(text, "-", ""), Integer)
    return func.max(column)


def as_date(day: int) -> dt.date:
    """The date of a :func:`_day` int."""
    return dt.date(day // 10000, day // 100 % 100, day % 100)


class DateOrders:
    """The latest-date orders of one open database (see the module's docstring). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mark: int | None = None  # the largest audit id the figures below account for
        self._by_name: list[int] = []  # every patient id, in name order
        self._texts: list[str] = []  # their search_text (folded "mrn family given"), in the same order
        # The last text search in memory: its words, ids and texts (or, after a first letter, that letter's mask).
        self._found: tuple[tuple[str, ...], list[int], list[str] | None, bytes | None] | None = None
        # For each character of the texts, which of them hold it (one byte per patient, name order): a first letter
        # typed is then two C-speed passes instead of 100,000 substring tests. Built by prepare (an idle moment).
        self._letters: dict[str, bytes] = {}
        self.ready = False  # everything read once (prepare): searches in memory from then on
        self._dates: dict[PatientSort, dict[int, int]] = {sort: {} for sort in _EVENTS}
        self._orders: dict[tuple[PatientSort, bool], list[int]] = {}
        self._positions: dict[tuple[PatientSort, bool], dict[int, int]] = {}
        self._matches: tuple[object, set[int]] | None = None  # the last search's matching ids, and its key

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
                order = self._order(sort, descending)
                found = self._positions[key] = dict(zip(order, range(len(order)), strict=True))
            return found

    def matching(self, key: object, find: Callable[[], set[int]]) -> set[int]:
        """The ids matching the search ``key`` (its words and filter), found by ``find`` unless they were for the
        last search (clicking one date header then another, or the other direction, reads them once), as of the
        last :meth:`order`."""
        with self._lock:
            if self._matches is None or self._matches[0] != key:
                self._matches = (key, find())
            return self._matches[1]

    def search_by_name(self, connection: Connection, words: tuple[str, ...]) -> list[int] | None:
        """The ids whose search_text holds every (folded) word, in name order; None until :meth:`prepare` ran.

        What ``LIKE '%word%'`` on search_text finds, without a scan in the database or a count: a keystroke that
        extends the last search's words filters the last matches only (typing "quispe" letter by letter)."""
        # Before the first build, or while the worker thread holds the lock: the database answers instead.
        if not self.ready or not self._lock.acquire(blocking=False):
            return None
        try:
            self._refresh(connection)
            letter = self._letters.get(words[0]) if len(words) == 1 else None
            if letter is not None:  # a first letter: its mask is ready; the next key takes the texts it needs
                ids = list(itertools.compress(self._by_name, letter))
                self._found = (words, ids, None, letter)
                return ids
            ids, texts = self._by_name, self._texts
            last = self._found
            if last is not None and _narrows(last[0], words):
                ids = last[1]
                texts = last[2] if last[2] is not None else list(itertools.compress(self._texts, last[3]))
            for word in words:  # one C-speed pass per word: a mask, then the kept ids and texts
                mask = [word in text for text in texts]
                ids, texts = list(itertools.compress(ids, mask)), list(itertools.compress(texts, mask))
            self._found = (words, ids, texts, None)
            return ids
        finally:
            self._lock.release()

    def latest(self, sort: PatientSort) -> dict[int, int]:
        """Each patient's latest date for this order (a :func:`_day` int; no entry: none), as of the last
        :meth:`order` (use both under one refresh: call this right after it)."""
        return self._dates[sort]

    def prepare(self, connection: Connection) -> None:
        """Read everything and build all four orders now (an idle moment after start-up), not on the first click."""
        with self._lock:
            self._refresh(connection)
            for sort in _EVENTS:
                for descending in (False, True):
                    order = self._order(sort, descending)
                    if (sort, descending) not in self._positions:
                        self._positions[(sort, descending)] = dict(zip(order, range(len(order)), strict=True))
            if not self._letters:
                self._letters = _letter_masks(self._texts)
            self.ready = True

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
        self._matches = None
        self._found = None

    def _read_all(self, connection: Connection) -> None:
        self._read_names(connection)
        for sort, (table, column) in _EVENTS.items():
            latest = _latest_day(connection, table.c[column])
            rows = connection.execute(select(table.c.patient_id, latest).group_by(table.c.patient_id)).all()
            if connection.dialect.name == "sqlite":  # ints already
                self._dates[sort] = {pid: value for pid, value in rows if value is not None}
            else:
                self._dates[sort] = {pid: _day(value) for pid, value in rows if value is not None}

    def _read_names(self, connection: Connection) -> None:
        order = select(_PATIENT.c.id, _PATIENT.c.search_text).order_by(
            _PATIENT.c.family_name, _PATIENT.c.given_name, _PATIENT.c.id
        )
        rows = connection.execute(order).all()
        self._by_name = [row[0] for row in rows]
        self._texts = [row[1] for row in rows]
        self._letters = {}  # for the old texts: the next prepare builds them again (a first letter scans till then)

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
            latest = _latest_day(connection, table.c[column])
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
            unknown = [pid for pid in self._by_name if pid not in dates]
            # Stable in both directions (reverse=True keeps equal dates in name order, too).
            found = self._orders[key] = sorted(known, key=dates.__getitem__, reverse=descending) + unknown
        return found


def _letter_masks(texts: list[str]) -> dict[str, bytes]:
    """Each character's mask over ``texts``: byte i is 1 when texts[i] holds it (about 40 x 100 KB at 100,000)."""
    size = len(texts)
    masks: dict[str, bytearray] = {}
    for position, text in enumerate(texts):
        for character in set(text):
            if character.isspace():  # words never hold one
                continue
            mask = masks.get(character)
            if mask is None:
                mask = masks[character] = bytearray(size)
            mask[position] = 1
    return {character: bytes(mask) for character, mask in masks.items()}


def _narrows(before: tuple[str, ...], now: tuple[str, ...]) -> bool:
    """Whether every match of ``now`` is a match of ``before``: each earlier word lies within the word typed in
    its place ("qu" -> "quis"), and words may follow ("quispe" -> "quispe m")."""
    return len(now) >= len(before) and all(old in new for old, new in zip(before, now, strict=False))


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
