"""A procedure's title, said once: "Rescue POEM", "Laparoscopic Heller myotomy" (the record, the wording, the cohort).

Apart from domain/wording.py so that the record itself (``Procedure.title``) can say it without importing the rest
of the wording.
"""

from __future__ import annotations

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.domain.procedure_types import ProcedureType


def procedure_kind_title(procedure_type: ProcedureType, rescue: bool, *, short: bool = False) -> Message:
    """What :func:`procedure_title` says, from a type and a rescue flag alone (a cohort row holds no Procedure)."""
    name = Message(procedure_type.short_label if short else procedure_type.label, context="enums")
    return say(N_("Rescue {procedure}"), procedure=name) if rescue else say(N_("{procedure}"), procedure=name)
