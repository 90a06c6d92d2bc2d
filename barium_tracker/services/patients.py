"""Finding patients and loading one patient's whole history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Dialect,
    Select,
    Table,
    TypeDecorator,
    and_,
    func,
    literal,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import selectinload

from barium_tracker.domain.enums import Diagnosis
from barium_tracker.domain.errors import NotFound
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.records import (
    ECKARDT_ITEMS,
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    PatientHistory,
    Procedure,
    RecordMeta,
    TbeStudy,
)
from barium_tracker.domain.text import fold
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patient_dates import DATE_SORTS, as_date, date_orders
from barium_tracker.services.patient_list import PatientListItem, PatientSort
from barium_tracker.storage.mapping import editable_fields, history_from_row
from barium_tracker.storage.models import (
    ColumnMeasurementRow,
    EckardtRow,
    EndoscopyRow,
    ManometryRow,
    PatientRow,
    ProcedureRow,
    TbeStudyRow,
)

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class PatientPage:
    """One page of the patient list, with the number of matches when finding the page told it anyway (else None)."""

    items: list[PatientListItem]
    total: int | None


# A search matching at most this many patients becomes a list of their ids (found in ~10 ms at most at 100,000
# patients), then sorted; a broader one walks the sort order.
SPARSE_MATCHES = 2000
# A broad search where at least this share of the rows matches fills a page of 200 after reading ~2,500 rows in the
# sort order; below it, testing membership in the matching set is cheaper than reading each row (~5 us apiece).
DENSE_SHARE = 0.08

# The list is read with SQLAlchemy Core: no ORM mapper configuration at start-up (~15 ms) and a cheaper compile on
# each keystroke. The column types (coded enums, dates) still convert the values.
_PATIENT = cast(Table, PatientRow.__table__)
_STUDY = cast(Table, TbeStudyRow.__table__)
_PROCEDURE = cast(Table, ProcedureRow.__table__)
_LIST_COLUMNS = ("id", "mrn", "family_name", "given_name", "birth_date", "sex", "diagnosis")
_DATE_SORTS = {
    PatientSort.LAST_STUDY: (_STUDY.c.patient_id, _STUDY.c.study_date),
    PatientSort.LAST_PROCEDURE: (_PROCEDURE.c.patient_id, _PROCEDURE.c.procedure_date),
}


@dataclass(frozen=True, slots=True)
class _Term:
    """One ORDER BY term over the column called ``name``; ``nullable`` terms put NULL last in both directions."""

    name: str
    column: ColumnElement[Any]
    descending: bool
    nullable: bool = False

    def clause(self) -> ColumnElement[Any]:
        ordered = self.column.desc() if self.descending else self.column.asc()
        return ordered.nulls_last() if self.nullable else ordered


class _Columns:
    """A table's (or subquery's) columns by name, plus the labelled ``sort_key`` of a latest-date order."""

    def __init__(self, source: Any, sort_key: ColumnElement[Any] | None = None) -> None:
        self._columns = source.c
        self.sort_key = sort_key if sort_key is not None else getattr(source.c, "sort_key", None)

    def __getattr__(self, name: str) -> Any:
        return self._columns[name]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(text: str, diagnosis: Diagnosis | None, patient: Any = _PATIENT) -> list[ColumnElement[bool]]:
    """Every word typed must appear in the MRN or a name, ignoring accents and case; and the diagnosis, if chosen."""
    conditions: list[ColumnElement[bool]] = [
        patient.c.search_text.like(f"%{_escape_like(word)}%", escape="\\") for word in fold(text).split()
    ]
    if diagnosis is not None:
        conditions.append(patient.c.diagnosis == Diagnosis(diagnosis))
    return conditions


def _latest(sort: PatientSort, patient_id: ColumnElement[int]) -> ColumnElement[dt.date | None]:
    """The date of a patient's latest study or procedure (a correlated subquery)."""
    event_patient, event_date = _DATE_SORTS[sort]
    return select(func.max(event_date)).where(event_patient == patient_id).scalar_subquery()


def _order_terms(sort: PatientSort, descending: bool, columns: _Columns) -> list[_Term]:
    """The full ordering: the chosen key, then name and id, so that every row has one place."""

    def term(name: str, reverse: bool, nullable: bool = False) -> _Term:
        return _Term(name, getattr(columns, name), reverse, nullable)

    sort = PatientSort(sort)
    if sort is PatientSort.NAME:  # fully reversible, so the (family_name, given_name) index serves both directions
        return [term("family_name", descending), term("given_name", descending), term("id", descending)]
    if sort is PatientSort.MRN:
        return [term("mrn", descending), term("id", descending)]
    by_name = [term("family_name", False), term("given_name", False), term("id", False)]
    if sort is PatientSort.AGE:  # the youngest has the latest birth date
        return [term("birth_date", not descending, nullable=True), *by_name]
    if sort is PatientSort.DIAGNOSIS:
        return [term("diagnosis", descending), *by_name]
    return [term("sort_key", descending, nullable=True), *by_name]


def _sort_source(sort: PatientSort, filtered: bool) -> tuple[ColumnElement[Any] | None, Any]:
    """The latest-date sort key (labelled ``sort_key``) and the FROM clause that provides it.

    Unfiltered, one aggregate over the event table joined once is cheapest (~120-170 ms at 100,000 patients: the
    floor without an index that leads with the date). Filtered, a correlated subquery runs for matching rows only.
    """
    if sort not in _DATE_SORTS:
        return None, _PATIENT
    if filtered:
        return _latest(sort, _PATIENT.c.id).label("sort_key"), _PATIENT
    event_patient, event_date = _DATE_SORTS[sort]
    latest = (
        select(event_patient.label("patient_id"), func.max(event_date).label("latest"))
        .group_by(event_patient)
        .subquery("latest")
    )
    joined = _PATIENT.outerjoin(latest, latest.c.patient_id == _PATIENT.c.id)
    return latest.c.latest.label("sort_key"), joined


def _narrowed(
    connection: Connection, text: str, diagnosis: Diagnosis | None, sort: PatientSort, *, whole_range: bool = False
) -> tuple[list[ColumnElement[bool]], int | None]:
    """The WHERE conditions to use for this search, and the number of matches when that came for free.

    SQLite keeps no statistics for ``LIKE '%word%'``, so it would always walk the sort order testing every row: a
    rare word then reads the whole table in name order (~170 ms at 100,000 patients). So the matches are first
    looked for on their own (text in the search_text index, else the diagnosis in id order), stopping after
    SPARSE_MATCHES + 1 (<= ~10 ms):

    - a narrow search becomes a list of ids, sorted in a blink, and its total is known;
    - a thin broad one, in name or MRN order, walks that index but tests membership in the matching set, so that no
      table row is read for a patient who does not match (~10-20 ms);
    - a dense one (>= DENSE_SHARE of the rows read by the probe match) walks the sort order directly: a page is soon
      full (unless ``whole_range``: counting the rows before a patient reads the whole range whatever the density).
    """
    words = fold(text).split()
    if not words and diagnosis is None:
        return [], None
    probe_conditions = _filters(text, None) if words else _filters("", diagnosis)
    order = _PATIENT.c.search_text if words else _PATIENT.c.id
    probe = select(_PATIENT.c.id, order).where(*probe_conditions).order_by(order).limit(SPARSE_MATCHES + 1)
    found = connection.execute(probe).all()
    if len(found) <= SPARSE_MATCHES:
        conditions = [_PATIENT.c.id.in_([row[0] for row in found])]
        if not words or diagnosis is None:
            return conditions, len(found)
        conditions += _filters("", diagnosis)
        return conditions, connection.scalar(select(func.count()).select_from(_PATIENT).where(*conditions)) or 0
    # How many rows the probe read to find its matches: a range count on the index it walked, cheap.
    scanned = connection.scalar(select(func.count()).select_from(_PATIENT).where(order <= found[-1][1])) or 1
    dense = len(found) / scanned >= DENSE_SHARE and (diagnosis is None or not words) and not whole_range
    if dense or sort not in (PatientSort.NAME, PatientSort.MRN):
        return _filters(text, diagnosis), None
    matching = _PATIENT.alias("matching")
    # "+ 0" keeps SQLite from driving the loop with the id list: it must walk the sort order's index instead.
    return [(_PATIENT.c.id + 0).in_(select(matching.c.id).where(*_filters(text, diagnosis, matching)))], None


def _page_query(
    conditions: list[ColumnElement[bool]], sort: PatientSort, descending: bool, limit: int | None, offset: int
) -> Select[Any]:
    """Order and cut the page first, then compute the two latest dates for the page's rows only."""
    sort_key, source = _sort_source(sort, filtered=bool(conditions))
    columns: list[Any] = [_PATIENT.c[name] for name in _LIST_COLUMNS]
    if sort_key is not None:
        columns.append(sort_key)
    ordering = _order_terms(sort, descending, _Columns(_PATIENT, sort_key))
    inner = select(*columns).select_from(source).where(*conditions).order_by(*(term.clause() for term in ordering))
    page = inner.limit(limit).offset(offset).subquery("page")
    dates = [
        page.c.sort_key if sort is date_sort else _latest(date_sort, page.c.id)
        for date_sort in (PatientSort.LAST_STUDY, PatientSort.LAST_PROCEDURE)
    ]
    outer = select(*(page.c[name] for name in _LIST_COLUMNS), *dates)
    return outer.order_by(*(term.clause() for term in _order_terms(sort, descending, _Columns(page))))


def search_page(
    clinic: Clinic,
    text: str = "",
    *,
    diagnosis: Diagnosis | None = None,
    sort: PatientSort = PatientSort.NAME,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> PatientPage:
    """Like :func:`search_patients`, and also the number of matches when finding the page told it anyway.

    A narrow search (at most SPARSE_MATCHES patients) finds every match first, so its total is known; a broad one
    leaves ``total`` None (ask :func:`count_patients` if it is needed).
    """
    sort = PatientSort(sort)
    with clinic.db.connect() as connection:
        if sort in DATE_SORTS:
            return _date_sorted_page(connection, clinic, text, diagnosis, sort, descending, limit, offset)
        words = tuple(fold(text).split())
        if sort is PatientSort.NAME and words and diagnosis is None:
            found = date_orders(clinic).search_by_name(connection, words)
            if found is not None:  # the orders are built (services.patient_dates): the search runs in memory
                orders = date_orders(clinic)
                latest = {date_sort: orders.latest(date_sort) for date_sort in DATE_SORTS}
                listed = found[::-1] if descending else found
                stop = None if limit is None else offset + limit
                return PatientPage(items=_rows_by_id(connection, listed[offset:stop], latest), total=len(found))
        return _sql_page(connection, text, diagnosis, sort, descending, limit, offset)


def _sql_page(
    connection: Connection,
    text: str,
    diagnosis: Diagnosis | None,
    sort: PatientSort,
    descending: bool,
    limit: int | None,
    offset: int,
) -> PatientPage:
    """The page ordered and cut by the database (every order; the latest-date ones are slow at 100,000 patients)."""
    conditions, total = _narrowed(connection, text, diagnosis, sort)
    if total == 0:
        return PatientPage(items=[], total=0)
    rows = connection.execute(_page_query(conditions, sort, descending, limit, offset))
    return PatientPage(items=[PatientListItem(*row) for row in rows], total=total)


# A search matching fewer than this share of the patients sorts its matches by their place in the order; a broader
# one walks the order keeping the matches (and stops once the page is full).
_FEW_MATCHES = 1 / 20


def _date_sorted_page(
    connection: Connection,
    clinic: Clinic,
    text: str,
    diagnosis: Diagnosis | None,
    sort: PatientSort,
    descending: bool,
    limit: int | None,
    offset: int,
) -> PatientPage:
    """The page in a latest-date order kept in memory (services.patient_dates), the same rows and order as
    :func:`_sql_page`; the total is always known (the matches are listed to be ordered)."""
    orders = date_orders(clinic)
    order = orders.order(connection, sort, descending)
    latest = {date_sort: orders.latest(date_sort) for date_sort in DATE_SORTS}
    stop = None if limit is None else offset + limit
    if not fold(text).split() and diagnosis is None:
        return PatientPage(items=_rows_by_id(connection, order[offset:stop], latest), total=len(order))
    words = tuple(fold(text).split())
    matching = orders.matching((words, diagnosis), lambda: _matching_ids(connection, " ".join(words), diagnosis))
    if not matching:
        return PatientPage(items=[], total=0)
    if len(matching) < _FEW_MATCHES * len(order):
        positions = orders.positions(connection, sort, descending)
        listed = sorted((pid for pid in matching if pid in positions), key=positions.__getitem__)
        return PatientPage(items=_rows_by_id(connection, listed[offset:stop], latest), total=len(listed))
    kept = (pid for pid in order if pid in matching)
    page = list(itertools.islice(kept, offset, stop))
    return PatientPage(items=_rows_by_id(connection, page, latest), total=len(matching))


def _matching_ids(connection: Connection, text: str, diagnosis: Diagnosis | None) -> set[int]:
    """The ids of every match (to be ordered in memory): a scan of the search_text index (no table read unless a
    diagnosis is chosen). On SQLite the ids come back as one text (group_concat): ~10,000 result rows cost more to
    fetch one by one than the scan itself."""
    conditions = _filters(text, diagnosis)
    if connection.dialect.name == "sqlite":
        packed = connection.scalar(select(func.group_concat(_PATIENT.c.id)).where(*conditions))
        return set(map(int, packed.split(","))) if packed else set()
    return set(connection.execute(select(_PATIENT.c.id).where(*conditions)).scalars().all())


def _rows_by_id(
    connection: Connection, ids: Sequence[int], latest: Mapping[PatientSort, Mapping[int, int]]
) -> list[PatientListItem]:
    """The list rows of these patients, in the order given (a patient deleted meanwhile is left out), with the
    latest dates the order was made from."""
    if not ids:
        return []
    query = select(*(_PATIENT.c[name] for name in _LIST_COLUMNS)).where(_PATIENT.c.id.in_(list(ids)))
    found = {row[0]: row for row in connection.execute(query).all()}
    studies, procedures = latest[PatientSort.LAST_STUDY], latest[PatientSort.LAST_PROCEDURE]
    return [
        PatientListItem(*found[pid], _date_of(studies.get(pid)), _date_of(procedures.get(pid)))
        for pid in ids
        if pid in found
    ]


def _date_of(day: int | None) -> dt.date | None:
    return None if day is None else as_date(day)


def warm_up(clinic: Clinic) -> None:
    """Run each way of answering a keystroke once, so that the first one after start-up costs what later ones do.

    The first use of a statement's shape compiles its SQL (SQLAlchemy caches it for the next ones), and the first
    reads bring the name and search indexes into the caches: without this, the first keystroke paid for all of it.
    Meant for an idle moment after the window has painted (a worker thread is fine: nothing here is kept but the
    caches). One and two words (each their own SQL), in each plan _narrowed chooses (ids, membership, walk), with
    their counts; then the latest-date orders (services.patient_dates).
    """
    with clinic.db.connect() as connection:
        for words in (("a",), ("a", "e")):
            text = " ".join(words)
            conditions = _filters(text, None)
            probe = select(_PATIENT.c.id, _PATIENT.c.search_text).where(*conditions)
            found = connection.execute(probe.order_by(_PATIENT.c.search_text).limit(SPARSE_MATCHES + 1)).all()
            if found:
                order = _PATIENT.c.search_text <= found[-1][1]
                connection.scalar(select(func.count()).select_from(_PATIENT).where(order))
            matching = _PATIENT.alias("matching")
            plans = (
                [_PATIENT.c.id.in_([row[0] for row in found[:50]])],
                [(_PATIENT.c.id + 0).in_(select(matching.c.id).where(*_filters(text, None, matching)))],
                conditions,
            )
            for plan in plans:
                connection.execute(_page_query(plan, PatientSort.NAME, False, 201, 0)).all()
            connection.scalar(select(func.count()).select_from(_PATIENT).where(*conditions))
    date_orders(clinic).prepare_with(clinic)
    for sort in (PatientSort.NAME, PatientSort.LAST_STUDY):  # the in-memory paths' own statements
        search_page(clinic, "a", sort=sort, limit=201)
        search_page(clinic, "", sort=sort, limit=201)


def search_patients(
    clinic: Clinic,
    text: str = "",
    *,
    diagnosis: Diagnosis | None = None,
    sort: PatientSort = PatientSort.NAME,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[PatientListItem]:
    """Patients whose MRN or names contain every word of ``text`` (and with ``diagnosis``, if given), in order."""
    return search_page(
        clinic, text, diagnosis=diagnosis, sort=sort, descending=descending, limit=limit, offset=offset
    ).items


def count_patients(clinic: Clinic, text: str = "", *, diagnosis: Diagnosis | None = None) -> int:
    """How many patients :func:`search_patients` would list (a scan of the search_text index when text is given)."""
    with clinic.db.connect() as connection:
        query = select(func.count()).select_from(_PATIENT).where(*_filters(text, diagnosis))
        return connection.scalar(query) or 0


def patient_row_number(
    clinic: Clinic,
    patient_id: int,
    text: str = "",
    diagnosis: Diagnosis | None = None,
    sort: PatientSort = PatientSort.NAME,
    descending: bool = False,
) -> int | None:
    """The 0-based position of a patient in the list as :func:`search_patients` orders it; None if not listed.

    Counts the matching patients that sort before this one, so the GUI can re-select a patient after a refresh
    even beyond the pages it has loaded. At 100,000 patients: name and MRN order ~4 ms (an index range; up to
    ~45 ms with a broad search), age and diagnosis ~15-30 ms, the latest-date orders ~130-290 ms (every matching
    patient's date is computed).
    """
    sort = PatientSort(sort)
    with clinic.db.connect() as connection:
        own_key = _latest(sort, _PATIENT.c.id).label("sort_key") if sort in _DATE_SORTS else None
        query = select(_PATIENT, *([own_key] if own_key is not None else [])).where(
            _PATIENT.c.id == patient_id, *_filters(text, diagnosis)
        )
        target = connection.execute(query).mappings().first()
        if target is None:
            return None
        conditions, _ = _narrowed(connection, text, diagnosis, sort, whole_range=True)
        sort_key, source = _sort_source(sort, filtered=bool(conditions))
        before = _precedes(_order_terms(sort, descending, _Columns(_PATIENT, sort_key)), target)
        return connection.scalar(select(func.count()).select_from(source).where(*conditions, before)) or 0


def _precedes(terms: list[_Term], values: Mapping[str, Any]) -> ColumnElement[bool]:
    """Rows that come strictly before the row holding ``values``, in the order given by ``terms``."""
    if not any(term.nullable for term in terms) and len({term.descending for term in terms}) == 1:
        # One row-value comparison, which SQLite and PostgreSQL answer from an index (name or MRN order).
        left = tuple_(*(term.column for term in terms))
        right = tuple_(*(literal(values[term.name], term.column.type) for term in terms))
        return left > right if terms[0].descending else left < right
    alternatives: list[ColumnElement[bool]] = []
    equal_so_far: list[ColumnElement[bool]] = []
    for term in terms:
        target = values[term.name]
        if target is None:  # only nullable terms hold NULL, and NULL sorts last: every other value comes before
            alternatives.append(and_(*equal_so_far, term.column.is_not(None)))
            equal_so_far.append(term.column.is_(None))
        else:
            alternatives.append(and_(*equal_so_far, term.column > target if term.descending else term.column < target))
            equal_so_far.append(term.column == target)
    return or_(*alternatives)


def load_history(clinic: Clinic, *, patient_id: int | None = None, mrn: str | None = None) -> PatientHistory:
    """The patient with every event, detached from the database (safe to keep in the GUI)."""
    query = select(PatientRow).options(
        selectinload(PatientRow.studies),
        selectinload(PatientRow.procedures),
        selectinload(PatientRow.eckardt),
        selectinload(PatientRow.manometry),
        selectinload(PatientRow.endoscopy),
    )
    if patient_id is not None:
        query = query.where(PatientRow.id == patient_id)
    elif mrn is not None:
        query = query.where(PatientRow.mrn == mrn.strip())
    else:
        raise ValueError("load_history needs a patient_id or an mrn")
    with clinic.db.session() as session:
        row = session.scalar(query)
        if row is None:
            if mrn is not None:
                raise NotFound(say(N_("No patient with MRN {mrn} in {location}"), mrn=mrn, location=clinic.location))
            raise NotFound(say(N_("No patient with id {id} in {location}"), id=patient_id, location=clinic.location))
        return history_from_row(row)


# -- every patient at once (cohort view, research exports) ---------------------------------------------------------

_BOOKKEEPING = ("id", "version", "created_at", "created_by", "updated_at", "updated_by")
# (record type, table, PatientHistory attribute, the fields the response rules read).
_EVENT_TABLES: tuple[tuple[type, Any, str, tuple[str, ...]], ...] = (
    (TbeStudy, TbeStudyRow, "studies", ("study_date", "study_time")),
    (Procedure, ProcedureRow, "procedures", ("procedure_date", "procedure_type", "rescue")),
    (EckardtAssessment, EckardtRow, "eckardt", ("assessment_date", *ECKARDT_ITEMS)),
    (Manometry, ManometryRow, "manometry", ()),
    (Endoscopy, EndoscopyRow, "endoscopy", ()),
)
#: What a cohort row shows of the patient (no notes, no bookkeeping).
_OUTCOME_PATIENT_FIELDS = ("mrn", "family_name", "given_name", "birth_date", "sex", "diagnosis")
_MINUTE = operator.attrgetter("minute")
_PATIENT_ID = operator.attrgetter("patient.id")
# Same order as storage.mapping.history_from_row, so a history reads the same whichever way it was loaded.
_EVENT_ORDER: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "studies": lambda s: (s.study_date, s.study_time or dt.time.min, s.id or 0),
    "procedures": lambda p: (p.procedure_date, p.id or 0),
    "eckardt": lambda e: (e.assessment_date, e.id or 0),
    "manometry": lambda m: (m.study_date, m.id or 0),
    "endoscopy": lambda e: (e.exam_date, e.id or 0),
}


def _converted_columns(table: Table, names: Iterable[str], dialect: Dialect) -> tuple[list[Any], list[Any]]:
    """The columns to select and, for each, None or a memoised conversion.

    A custom column type (an exact decimal, a coded value) converts every value anew; a cohort repeats the same few
    hundred heights and codes 100,000 times, so those columns are read in their dialect's own type and converted
    once per distinct value, by the column type's own conversion (a few hundred ms less at 10,000 patients).
    """
    columns: list[Any] = []
    converters: list[Any] = []
    for name in names:
        column = table.c[name]
        kind = column.type
        if isinstance(kind, TypeDecorator):
            memo: dict[Any, Any] = {}

            def convert(raw: Any, memo: dict[Any, Any] = memo, kind: TypeDecorator[Any] = kind) -> Any:
                try:
                    return memo[raw]
                except KeyError:
                    value = memo[raw] = kind.process_result_value(raw, dialect)
                    return value

            columns.append(type_coerce(column, kind.load_dialect_impl(dialect)).label(name))
            converters.append(convert)
        else:
            columns.append(column)
            converters.append(None)
    return columns, converters


def _converted_rows(
    connection: Connection, table: Table, names: Sequence[str], where: Sequence[ColumnElement[bool]] = ()
) -> Sequence[Sequence[Any]]:
    columns, converters = _converted_columns(table, names, connection.dialect)
    pairs = [(i, c) for i, c in enumerate(converters) if c is not None]
    rows = connection.execute(select(*columns).where(*where)).all()
    if not pairs:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for i, convert in pairs:
            values[i] = convert(values[i])
        converted.append(values)
    return converted


def _records(connection: Connection, record_type: type[R], row_type: Any, only: tuple[str, ...] | None) -> list[R]:
    """Every row of one table as detached records (one Core SELECT; the column types convert the values).

    ``only``: read just these fields (plus id, version and patient_id); the others keep their defaults.
    """
    table = cast(Table, row_type.__table__)
    everything = only is None
    fields = [name for name in editable_fields(record_type) if name != "measurements"] if everything else list(only)
    if any(f.name == "patient_id" for f in dataclasses.fields(record_type)):  # type: ignore[arg-type]
        fields.append("patient_id")
    head = _BOOKKEEPING if everything else _BOOKKEEPING[:2]
    skip = len(head)
    rows = _converted_rows(connection, table, (*head, *fields))
    if not everything:
        names = ("id", "version", *fields)
        return [record_type(**dict(zip(names, row, strict=True))) for row in rows]
    records = []
    for row in rows:
        values = dict(zip(fields, row[skip:], strict=True))
        values["meta"] = RecordMeta(created_at=row[2], created_by=row[3], updated_at=row[4], updated_by=row[5])
        records.append(record_type(id=row[0], version=row[1], **values))
    return records


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles (a whole cohort).

    Each collection walks every object still alive, so with tens of thousands of new records it runs ever longer:
    half of the time of loading 10,000 patients. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _all_histories(clinic: Clinic, outcome_only: bool, minutes: Collection[int] | None = None) -> list[PatientHistory]:
    films = cast(Table, ColumnMeasurementRow.__table__)
    with gc_paused(), clinic.db.connect() as connection:
        patient_fields = _OUTCOME_PATIENT_FIELDS if outcome_only else None
        histories = {p.id: PatientHistory(patient=p) for p in _records(connection, Patient, PatientRow, patient_fields)}
        for record_type, row_type, attribute, rule_fields in _EVENT_TABLES:
            if outcome_only and not rule_fields:
                continue
            by_id: dict[int, Any] = {}
            for record in _records(connection, record_type, row_type, rule_fields if outcome_only else None):
                history = histories.get(record.patient_id)
                if history is not None:  # else added after the patients were read: left for the next load
                    getattr(history, attribute).append(record)
                    by_id[record.id] = record
            if record_type is TbeStudy:
                where = [] if minutes is None else [films.c.minute.in_(sorted(minutes))]
                for study_id, minute, height_cm, width_cm, traced_area_cm2 in _converted_rows(
                    connection, films, ("study_id", "minute", "height_cm", "width_cm", "traced_area_cm2"), where
                ):
                    study = by_id.get(study_id)
                    if study is not None:
                        study.measurements.append(
                            ColumnMeasurement(
                                minute=minute, height_cm=height_cm, width_cm=width_cm, traced_area_cm2=traced_area_cm2
                            )
                        )
    if outcome_only:  # procedure_responses orders what it reads itself
        return sorted(histories.values(), key=_PATIENT_ID)
    for history in histories.values():
        for attribute, key in _EVENT_ORDER.items():
            events = getattr(history, attribute)
            if len(events) > 1:
                events.sort(key=key)
        for study in history.studies:
            if len(study.measurements) > 1:
                study.measurements.sort(key=_MINUTE)
    return sorted(histories.values(), key=_PATIENT_ID)


def load_all_histories(clinic: Clinic) -> list[PatientHistory]:
    """Every patient with every event, in patient id order, as :func:`load_history` gives one patient.

    One SELECT per table, grouped in Python (~0.8 s at 10,000 patients, against minutes one patient at a time).
    A row added by another workstation between two reads (an event of a patient not yet read) is left out, never
    misfiled.
    """
    return _all_histories(clinic, outcome_only=False)


def load_outcome_histories(clinic: Clinic, *, minutes: Collection[int] | None = None) -> list[PatientHistory]:
    """Every patient with only what the response rules read: for computing a cohort, never for editing or display.

    Patients carry their MRN, names, birth date, sex and diagnosis; TBE studies their date, time and films (only the
    films of ``minutes`` when given: the outcome rules read metrics.OUTCOME_MINUTE only); procedures their date,
    type and rescue flag; Eckardt scores their date and items. Every other field keeps its default (no notes, no
    bookkeeping), manometry and endoscopy are left empty, and each patient's events are in no particular order
    (metrics.procedure_responses orders them). Reading fewer columns is what keeps a 10,000-patient cohort under a
    second (~0.3 s with the 5-min films only, against ~0.8 s for :func:`load_all_histories`).
    """
    return _all_histories(clinic, outcome_only=True, minutes=minutes)
