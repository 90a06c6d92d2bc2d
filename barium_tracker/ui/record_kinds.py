"""The kinds of record the window edits: each one's record class, title, place in a history, blank record and editor.

Plain data and look-ups, no widgets: the editing flows (:mod:`ui.record_editing`) read them. The record classes and
the editors are imported when a record is first opened, not before the first paint (~15 ms and ~30 ms of start-up).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from barium_tracker.domain.enums import ProcedureType

if TYPE_CHECKING:
    from barium_tracker.ui.editors.base import RecordEditor


def event_kind(kind: str) -> tuple[str, str, str]:
    """A kind of event (as the timeline names it): its record type (in domain.records), its noun (declared in
    domain/fields.py, marked for translation in the "fields" context) and the history list holding it.

    The declaration is imported on first use, not before the first paint (~4 ms of start-up).
    """
    from barium_tracker.domain.fields import Record

    record = Record(kind)
    return record.class_name, record.noun, _HISTORY_LISTS[kind]


#: The history list of each kind of event.
_HISTORY_LISTS = {
    "tbe_study": "studies",
    "procedure": "procedures",
    "eckardt": "eckardt",
    "manometry": "manometry",
    "endoscopy": "endoscopy",
}


def record_type(kind: str) -> type:
    """The record class of a kind of event."""
    from barium_tracker.domain import records

    return getattr(records, event_kind(kind)[0])


def editor_class(kind: str) -> type[RecordEditor]:
    """The editor of a kind of event (or "patient"), imported when first opened (~30 ms less before the first paint)."""
    if kind == "patient":
        from barium_tracker.ui.editors.patient_editor import PatientEditor

        return PatientEditor
    if kind == "tbe_study":
        from barium_tracker.ui.editors.study_editor import StudyEditor

        return StudyEditor
    if kind == "procedure":
        from barium_tracker.ui.editors.procedure_editor import ProcedureEditor

        return ProcedureEditor
    if kind == "eckardt":
        from barium_tracker.ui.editors.eckardt_editor import EckardtEditor

        return EckardtEditor
    if kind == "manometry":
        from barium_tracker.ui.editors.manometry_editor import ManometryEditor

        return ManometryEditor
    if kind == "endoscopy":
        from barium_tracker.ui.editors.endoscopy_editor import EndoscopyEditor

        return EndoscopyEditor
    raise ValueError(f"no editor for {kind!r}")


def new_event(kind: str, patient_id: int, today: dt.date) -> Any:
    """A blank record of ``kind`` for the patient, dated today, as the editor opens it."""
    from barium_tracker.domain.records import EckardtAssessment, Endoscopy, Manometry, Procedure, TbeStudy

    if kind == "tbe_study":
        return TbeStudy(patient_id=patient_id, study_date=today)
    if kind == "procedure":
        return Procedure(patient_id=patient_id, procedure_date=today, procedure_type=ProcedureType.POEM)
    if kind == "eckardt":
        return EckardtAssessment(
            patient_id=patient_id,
            assessment_date=today,
            dysphagia=0,
            regurgitation=0,
            retrosternal_pain=0,
            weight_loss=0,
        )
    if kind == "manometry":
        return Manometry(patient_id=patient_id, study_date=today)
    return Endoscopy(patient_id=patient_id, exam_date=today)


#: The undo stack's names of a change are lower case in Spanish after "Deshacer:" ("RecordHistory" context), the
#: titles and questions are sentences ("RecordKinds").
_UNDO_CASES = ("add", "edit", "delete")
# fmt: off
#: What the window says about each kind of record, a whole sentence per case (Spanish nouns have a gender:
#: "nuevo esofagograma", "nueva manometría"). "{0}": the patient's name. Undo texts are lower case after "Undo".
_SAID: dict[str, dict[str, str]] = {
    "patient": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add patient"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit patient"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete patient"),
    },
    "tbe_study": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add TBE study"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit TBE study"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete TBE study"),
        "new_title": QT_TRANSLATE_NOOP("RecordKinds", "New TBE study for {0}"),
        "edit_title": QT_TRANSLATE_NOOP("RecordKinds", "TBE study of {0}"),
        "delete_question": QT_TRANSLATE_NOOP("RecordKinds", "Delete this TBE study of {0}?"),
        "delete_title": QT_TRANSLATE_NOOP("RecordKinds", "Delete TBE study"),
    },
    "procedure": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add procedure"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit procedure"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete procedure"),
        "new_title": QT_TRANSLATE_NOOP("RecordKinds", "New procedure for {0}"),
        "edit_title": QT_TRANSLATE_NOOP("RecordKinds", "Procedure of {0}"),
        "delete_question": QT_TRANSLATE_NOOP("RecordKinds", "Delete this procedure of {0}?"),
        "delete_title": QT_TRANSLATE_NOOP("RecordKinds", "Delete procedure"),
    },
    "eckardt": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add Eckardt score"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit Eckardt score"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete Eckardt score"),
        "new_title": QT_TRANSLATE_NOOP("RecordKinds", "New Eckardt score for {0}"),
        "edit_title": QT_TRANSLATE_NOOP("RecordKinds", "Eckardt score of {0}"),
        "delete_question": QT_TRANSLATE_NOOP("RecordKinds", "Delete this Eckardt score of {0}?"),
        "delete_title": QT_TRANSLATE_NOOP("RecordKinds", "Delete Eckardt score"),
    },
    "manometry": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add manometry"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit manometry"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete manometry"),
        "new_title": QT_TRANSLATE_NOOP("RecordKinds", "New manometry for {0}"),
        "edit_title": QT_TRANSLATE_NOOP("RecordKinds", "Manometry of {0}"),
        "delete_question": QT_TRANSLATE_NOOP("RecordKinds", "Delete this manometry of {0}?"),
        "delete_title": QT_TRANSLATE_NOOP("RecordKinds", "Delete manometry"),
    },
    "endoscopy": {
        "add": QT_TRANSLATE_NOOP("RecordHistory", "Add endoscopy"),
        "edit": QT_TRANSLATE_NOOP("RecordHistory", "Edit endoscopy"),
        "delete": QT_TRANSLATE_NOOP("RecordHistory", "Delete endoscopy"),
        "new_title": QT_TRANSLATE_NOOP("RecordKinds", "New endoscopy for {0}"),
        "edit_title": QT_TRANSLATE_NOOP("RecordKinds", "Endoscopy of {0}"),
        "delete_question": QT_TRANSLATE_NOOP("RecordKinds", "Delete this endoscopy of {0}?"),
        "delete_title": QT_TRANSLATE_NOOP("RecordKinds", "Delete endoscopy"),
    },
}
# fmt: on


def said(kind: str, case: str) -> str:
    """The sentence of ``case`` ("add", "new_title", "delete_question"...) for a kind of record, translated."""
    return QCoreApplication.translate("RecordHistory" if case in _UNDO_CASES else "RecordKinds", _SAID[kind][case])
