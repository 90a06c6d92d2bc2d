"""Undo and redo for every create, edit and delete of the session, through the same services as the first time.

Each command remembers the values before and after; the versions the app last saw are kept in one place, so undoing
a change that someone else has since overwritten is refused (as any stale save is) instead of overwriting theirs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from barium_tracker.domain import fields
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.records import Patient, PatientHistory
from barium_tracker.services import records as record_service
from barium_tracker.services.clinic import Clinic


def command_text(case: str, record: Any) -> str:
    """The undo stack's name of a change ("Add TBE study"), a whole sentence per kind, in the user's language."""
    from barium_tracker.ui.record_kinds import said

    kind = fields.record_of(record)
    if kind is None or kind.value not in ("patient", "tbe_study", "procedure", "eckardt", "manometry", "endoscopy"):
        texts = {
            "add": QT_TRANSLATE_NOOP("RecordHistory", "Add record"),
            "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit record"),
            "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete record"),
        }
        return QCoreApplication.translate("RecordHistory", texts[case])
    return said(kind.value, case)


def _patient_id(record: Any) -> int | None:
    return record.id if isinstance(record, Patient) else record.patient_id


class RecordHistory(QObject):
    """The session's undo stack over the clinic database; ``changed(patient_id)`` after every change."""

    changed = Signal(object)  # patient id (None when unknown)
    failed = Signal(str)

    def __init__(self, clinic: Clinic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clinic = clinic
        self.stack = QUndoStack(self)
        self._versions: dict[tuple[type, int], int] = {}

    # -- what the GUI calls ---------------------------------------------------------------------------------------

    def create(self, record: Any) -> Any:
        stored = record_service.create_record(self.clinic, record)
        self._seen(stored)
        self.stack.push(_SaveCommand(self, None, stored, command_text("add", record)))
        self.changed.emit(_patient_id(stored))
        return stored

    def update(self, before: Any, record: Any) -> Any:
        stored = record_service.update_record(self.clinic, record)
        self._seen(stored)
        if stored.version != before.version:  # nothing changed: nothing to undo
            self.stack.push(_SaveCommand(self, before, stored, command_text("edit", record)))
        self.changed.emit(_patient_id(stored))
        return stored

    def delete(self, record: Any, history: PatientHistory | None = None) -> None:
        """Delete a record; for a patient pass the loaded history, so undo can restore every event."""
        record_service.delete_record(self.clinic, record)
        self.stack.push(_DeleteCommand(self, record, history, command_text("delete", record)))
        self.changed.emit(_patient_id(record))

    # -- bookkeeping ----------------------------------------------------------------------------------------------

    def _seen(self, record: Any) -> None:
        self._versions[(type(record), record.id)] = record.version

    def _seen_history(self, history: PatientHistory) -> None:
        self._seen(history.patient)
        for event in [*history.studies, *history.procedures, *history.eckardt, *history.manometry, *history.endoscopy]:
            self._seen(event)

    def current(self, record: Any) -> Any:
        """The record with the version this session last saw, for the next save."""
        version = self._versions.get((type(record), record.id), record.version)
        return dataclasses.replace(record, version=version)

    def _run(self, action: Any, patient_id: int | None) -> None:
        try:
            action()
        except UserError as error:
            self.failed.emit(
                self.tr("This could not be undone or redone: {0}\nThe undo history was cleared.").format(error)
            )
            QTimer.singleShot(0, self.stack.clear)  # a stack cannot be cleared from inside one of its commands
        self.changed.emit(patient_id)


class _SaveCommand(QUndoCommand):
    """A create (``before`` is None) or an edit."""

    def __init__(self, owner: RecordHistory, before: Any | None, after: Any, text: str) -> None:
        super().__init__(text)
        self.owner, self.before, self.after = owner, before, after
        self._first = True

    def undo(self) -> None:
        o = self.owner

        def run() -> None:
            if self.before is None:
                record_service.delete_record(o.clinic, o.current(self.after))
            else:
                o._seen(record_service.update_record(o.clinic, o.current(self.before)))

        o._run(run, _patient_id(self.after))

    def redo(self) -> None:
        if self._first:  # the change was made before the command was pushed
            self._first = False
            return
        o = self.owner

        def run() -> None:
            if self.before is None:
                o._seen(record_service.restore_record(o.clinic, self.after))
            else:
                o._seen(record_service.update_record(o.clinic, o.current(self.after)))

        o._run(run, _patient_id(self.after))


class _DeleteCommand(QUndoCommand):
    def __init__(self, owner: RecordHistory, record: Any, history: PatientHistory | None, text: str) -> None:
        super().__init__(text)
        self.owner, self.record, self.history = owner, record, history
        self._first = True

    def undo(self) -> None:
        o = self.owner

        def run() -> None:
            if isinstance(self.record, Patient) and self.history is not None:
                o._seen_history(record_service.restore_history(o.clinic, self.history))
            else:
                o._seen(record_service.restore_record(o.clinic, self.record))

        o._run(run, _patient_id(self.record))

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        o = self.owner
        o._run(lambda: record_service.delete_record(o.clinic, o.current(self.record)), _patient_id(self.record))
