"""A patient's events, oldest first, as a Qt table model over services.summary's timeline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from barium_tracker.domain import fields
from barium_tracker.services.summary import TimelineEvent
from barium_tracker.ui import translate

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    EventRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[TimelineEvent] = []
        self._kinds = {
            kind.value: QCoreApplication.translate(fields.TRANSLATION_CONTEXT, kind.title) for kind in fields.Record
        }

    def set_events(self, events: list[TimelineEvent]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def event_at(self, row: int) -> TimelineEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, kind: str, record_id: int | None) -> int | None:
        for row, event in enumerate(self._events):
            if event.kind == kind and event.record_id == record_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("Date"), self.tr("Event"), self.tr("Details"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == self.EventRole:
            return (event.kind, event.record_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Double-click or press Enter to open")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return translate.date_text(event.date)
        if index.column() == 1:
            return self._kinds.get(event.kind, event.kind)
        return translate.message_text(event.said)
