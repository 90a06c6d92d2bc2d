"""The kinds of record the window edits: each one's record class, title, place in a history, blank record and editor.

Plain data and look-ups, no widgets: the editing flows (:mod:`ui.record_editing`) read them. The record classes and
the editors are imported when a record is first opened, not before the first paint (~15 ms and ~30 ms of start-up).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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
