"""The kinds of record the window edits: each one's record class, title, place in a history, blank record and editor.

Plain data and look-ups, no widgets: the editing flows (:mod:`ui.record_editing`) read them. The record classes and
the editors are imported when a record is first opened, not before the first paint (~15 ms and ~30 ms of start-up).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.fields import Record

if TYPE_CHECKING:
    from barium_tracker.ui.editors.base import RecordEditor

# kind (as the timeline names it) -> record type (in domain.records), its noun (declared in domain/fields.py, marked
# for translation in the "fields" context) and the history list holding it.
_HISTORY_LISTS = {
    Record.TBE_STUDY: "studies",
    Record.PROCEDURE: "procedures",
    Record.ECKARDT: "eckardt",
    Record.MANOMETRY: "manometry",
    Record.ENDOSCOPY: "endoscopy",
}
EVENT_KINDS: dict[str, tuple[str, str, str]] = {
    kind.value: (kind.class_name, kind.noun, attribute) for kind, attribute in _HISTORY_LISTS.items()
}


def record_type(kind: str) -> type:
    """The record class of a kind of event."""
    from barium_tracker.domain import records

    return getattr(records, EVENT_KINDS[kind][0])


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
