"""Procedure types declared once: label, short label, which detail sections they show, myotomy or not.

The editor shows a procedure's detail sections from here, the charts and the cohort take the short label, FHIR
codes the type by its value and label, and every type-specific procedure field (domain/fields.py) names the
section it belongs to. Adding a type (G-POEM, say) is one member of :class:`ProcedureType` and one entry of
``_KINDS`` (docs/development.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from barium_tracker.domain.i18n import N_

#: The Qt translation context of the labels declared here (the enums' context: the choice boxes use it too).
TRANSLATION_CONTEXT = "enums"


class Section(StrEnum):
    """A group of type-specific procedure details; each procedure type shows some of them."""

    MYOTOMY = "myotomy"  # total and gastric myotomy length
    POEM = "poem"  # access, knife
    HELLER = "heller"  # fundoplication
    DILATION = "dilation"  # balloon diameter and inflation pressure
    BOTOX = "botox"  # dose and injection sites

    @property
    def title(self) -> str:
        """The section's heading on the procedure form (marked for translation, ``enums`` context)."""
        return _SECTION_TITLES[self]


_SECTION_TITLES = {
    Section.MYOTOMY: N_("Myotomy"),
    Section.POEM: N_("POEM"),
    Section.HELLER: N_("Heller myotomy"),
    Section.DILATION: N_("Balloon dilation"),
    Section.BOTOX: N_("Botulinum toxin"),
}


class ProcedureType(StrEnum):
    """The value is stored in the database and in every export: never rename one."""

    POEM = "poem"
    REDO_POEM = "redo_poem"
    LHM = "lhm"
    REDO_LHM = "redo_lhm"
    BALLOON_DILATION = "balloon_dilation"
    BOTULINUM_TOXIN = "botulinum_toxin"
    OESOPHAGECTOMY = "oesophagectomy"
    OTHER = "other"

    @property
    def kind(self) -> ProcedureKind:
        return _KINDS[self]

    @property
    def label(self) -> str:
        return _KINDS[self].label

    @property
    def short_label(self) -> str:
        return _KINDS[self].short_label

    @property
    def is_myotomy(self) -> bool:
        return _KINDS[self].is_myotomy

    @property
    def sections(self) -> frozenset[Section]:
        return _KINDS[self].sections


@dataclass(frozen=True, slots=True)
class ProcedureKind:
    """What the app knows of one procedure type. ``label`` is the full name (timeline, report, FHIR display);
    ``short_label`` fits a chart annotation or a plot axis."""

    label: str
    short_label: str
    sections: frozenset[Section] = frozenset()
    is_myotomy: bool = False


_POEM_SECTIONS = frozenset({Section.MYOTOMY, Section.POEM})
_HELLER_SECTIONS = frozenset({Section.MYOTOMY, Section.HELLER})

_KINDS: dict[ProcedureType, ProcedureKind] = {
    ProcedureType.POEM: ProcedureKind(N_("POEM"), N_("POEM"), _POEM_SECTIONS, is_myotomy=True),
    ProcedureType.REDO_POEM: ProcedureKind(N_("Redo POEM"), N_("Redo POEM"), _POEM_SECTIONS, is_myotomy=True),
    ProcedureType.LHM: ProcedureKind(N_("Laparoscopic Heller myotomy"), N_("LHM"), _HELLER_SECTIONS, is_myotomy=True),
    ProcedureType.REDO_LHM: ProcedureKind(N_("Redo Heller myotomy"), N_("Redo LHM"), _HELLER_SECTIONS, is_myotomy=True),
    ProcedureType.BALLOON_DILATION: ProcedureKind(
        N_("Pneumatic/balloon dilation"), N_("Balloon dilation"), frozenset({Section.DILATION})
    ),
    ProcedureType.BOTULINUM_TOXIN: ProcedureKind(
        N_("Botulinum toxin injection"), N_("Botulinum toxin"), frozenset({Section.BOTOX})
    ),
    ProcedureType.OESOPHAGECTOMY: ProcedureKind(N_("Oesophagectomy"), N_("Oesophagectomy")),
    ProcedureType.OTHER: ProcedureKind(N_("Other"), N_("Other procedure")),
}
