"""Recording, correcting and deleting a patient and their events: the editors, the confirmations, the undo history.

What the window's New, Edit and Delete actions do. Every change goes through the window's
:class:`ui.undo.RecordHistory` (so it can be undone); this module knows the window only as an
:class:`EditingHost`, and the kinds of record from :mod:`ui.record_kinds`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from barium_tracker.domain.errors import UserError
from barium_tracker.ui.modal import run_modal
from barium_tracker.ui.record_kinds import editor_class, event_kind, new_event, record_type, said

if TYPE_CHECKING:
    from barium_tracker.domain.records import Patient, PatientHistory
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.editors.base import RecordEditor
    from barium_tracker.ui.undo import RecordHistory
    from barium_tracker.ui.workspace import PatientWorkspace


def load_history(clinic: Clinic, patient_id: int) -> PatientHistory:
    """The patient's whole history (services.patients is imported when a patient is first shown)."""
    from barium_tracker.services.patients import load_history

    return load_history(clinic, patient_id=patient_id)


def _get_record(clinic: Clinic, kind_type: type, record_id: int) -> Any:
    from barium_tracker.services.records import get_record

    return get_record(clinic, kind_type, record_id)


class EditingHost(Protocol):
    """What editing needs of the window: the open database, the patient on screen, the undo history."""

    @property
    def clinic(self) -> Clinic: ...

    @property
    def history(self) -> PatientHistory | None: ...

    @property
    def records(self) -> RecordHistory: ...

    @property
    def workspace(self) -> PatientWorkspace: ...

    def selected_event(self) -> tuple[str, int | None] | None:
        """The event selected in the timeline, when the timeline was the last list with the focus."""

    def show_new_patient(self, patient_id: int) -> None:
        """List and select a patient just added (whatever the search was)."""


class RecordEditing(QObject):
    """Opens the editors and confirmations as children of ``parent`` and saves through the host's undo history."""

    def __init__(self, host: EditingHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.dialog_parent = parent
        self.current_editor: RecordEditor | None = None

    def _run_editor(self, editor: RecordEditor) -> Any:
        editor.setObjectName(type(editor).__name__)
        self.current_editor = editor
        before = QApplication.focusWidget()
        try:
            accepted = run_modal(editor) == QDialog.DialogCode.Accepted
        finally:
            self.current_editor = None
            self._return_focus(before)
        return editor.saved_record if accepted else None

    def _return_focus(self, before: QWidget | None) -> None:
        """The window is active again and the focus back where it was when the editor opened: without this, a
        platform that activates no window when a dialog closes (offscreen, X11 without a window manager) leaves the
        keyboard going nowhere, and the next shortcut is lost."""
        window = self.dialog_parent.window()
        window.activateWindow()
        if before is not None and before.isVisible() and before.window() is window:
            before.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _focus_saved(self) -> None:
        """After a new record is saved: the timeline, where it is selected (Ctrl+E opens it, Ctrl+Z undoes it)."""
        self.host.workspace.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- new and edit ---------------------------------------------------------------------------------------------

    def new_patient(self) -> Patient | None:
        from barium_tracker.domain.records import Patient

        records = self.host.records
        editor = editor_class("patient")(
            Patient(mrn=""), save=records.create, title=self.tr("New patient"), parent=self.dialog_parent
        )
        stored = self._run_editor(editor)
        if stored is not None:
            self.host.show_new_patient(stored.id)
            self._focus_saved()
        return stored

    def edit_patient(self) -> None:
        history = self.host.history
        if history is None:
            return
        before = history.patient
        patient_type = type(before)
        records, clinic = self.host.records, self.host.clinic
        editor = editor_class("patient")(
            before,
            save=lambda record: records.update(before, record),
            reload=lambda: _get_record(clinic, patient_type, before.id),
            title=self.tr("Patient {0}").format(before.display_name),
            parent=self.dialog_parent,
        )
        self._run_editor(editor)

    def new_event(self, kind: str) -> Any:
        history = self.host.history
        if history is None:
            QMessageBox.information(self.dialog_parent, self.tr("Barium Tracker"), self.tr("Select a patient first."))
            return None
        patient = history.patient
        editor = editor_class(kind)(
            new_event(kind, patient.id, dt.date.today()),
            save=self.host.records.create,
            birth_date=patient.birth_date,
            title=said(kind, "new_title").format(patient.display_name),
            parent=self.dialog_parent,
        )
        stored = self._run_editor(editor)
        if stored is not None:
            self.host.workspace.select_event(kind, stored.id)
            self._focus_saved()
        return stored

    def edit_event(self, kind: str, record_id: int | None) -> None:
        history = self.host.history
        if history is None or record_id is None:
            return
        attribute = event_kind(kind)[2]
        kind_type = record_type(kind)
        before = next((r for r in getattr(history, attribute) if r.id == record_id), None)
        if before is None:
            return
        records, clinic = self.host.records, self.host.clinic
        editor = editor_class(kind)(
            before,
            save=lambda record: records.update(before, record),
            reload=lambda: _get_record(clinic, kind_type, record_id),
            birth_date=history.patient.birth_date,
            title=said(kind, "edit_title").format(history.patient.display_name),
            parent=self.dialog_parent,
        )
        if self._run_editor(editor) is not None:
            self.host.workspace.select_event(kind, record_id)

    def edit_selected(self) -> None:
        event = self.host.selected_event()
        if event is not None:
            self.edit_event(*event)
        else:
            self.edit_patient()

    # -- delete ---------------------------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        if self.host.history is None:
            return
        event = self.host.selected_event()
        if event is not None:
            self._delete_event(*event)
        else:
            self._delete_patient()

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.dialog_parent)
        box.setObjectName("confirmDelete")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        run_modal(box)
        return box.clickedButton() is delete

    def _delete_patient(self) -> None:
        h = self.host.history
        assert h is not None
        # One and many as two whole phrases (Spanish and English agree on when the plural starts).
        counts = [
            (len(h.studies), self.tr("1 TBE study"), self.tr("{0} TBE studies")),
            (len(h.procedures), self.tr("1 procedure"), self.tr("{0} procedures")),
            (len(h.eckardt), self.tr("1 Eckardt score"), self.tr("{0} Eckardt scores")),
            (len(h.manometry), self.tr("1 manometry"), self.tr("{0} manometries")),
            (len(h.endoscopy), self.tr("1 endoscopy"), self.tr("{0} endoscopies")),
        ]
        events = ", ".join(one if n == 1 else many.format(n) for n, one, many in counts if n)
        name, mrn = h.patient.display_name, h.patient.mrn
        if events:
            text = self.tr("Delete patient {0} (MRN {1}) with {2}?").format(name, mrn, events)
        else:
            text = self.tr("Delete patient {0} (MRN {1})?").format(name, mrn)
        text += "\n\n" + self.tr("You can undo this (Ctrl+Z) until you close the program.")
        if not self._confirm(self.tr("Delete patient"), text):
            return
        try:
            self.host.records.delete(h.patient, history=h)
        except UserError as error:
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self.dialog_parent, self.tr("Delete patient"), error_text(error))

    def _delete_event(self, kind: str, record_id: int | None) -> None:
        history = self.host.history
        assert history is not None
        attribute = event_kind(kind)[2]
        record = next((r for r in getattr(history, attribute) if r.id == record_id), None)
        if record is None:
            return
        described = next(
            (e for e in self.host.workspace.timeline_model._events if e.record_id == record_id and e.kind == kind),
            None,
        )
        text = said(kind, "delete_question").format(history.patient.display_name)
        if described is not None:
            from barium_tracker.ui import translate  # the messages machinery: not before the first paint

            text += f"\n\n{translate.date_text(described.date)}: {translate.message_text(described.said)}"
        text += "\n\n" + self.tr("You can undo this (Ctrl+Z) until you close the program.")
        if not self._confirm(said(kind, "delete_title"), text):
            return
        try:
            self.host.records.delete(record)
        except UserError as error:
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self.dialog_parent, self.tr("Delete"), error_text(error))
