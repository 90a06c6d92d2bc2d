"""The field declaration: complete for every record, consistent with the dataclasses, one label per field."""

from __future__ import annotations

import dataclasses
import string

import pytest

from barium_tracker.domain import fields
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.fields import Kind, Record
from barium_tracker.domain.procedure_types import Section
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    Procedure,
    TbeStudy,
)

RECORDS = {
    Record.PATIENT: Patient,
    Record.TBE_STUDY: TbeStudy,
    Record.FILM: ColumnMeasurement,
    Record.PROCEDURE: Procedure,
    Record.ECKARDT: EckardtAssessment,
    Record.MANOMETRY: Manometry,
    Record.ENDOSCOPY: Endoscopy,
}
# Where a film's lengths came from (storage fills them; never typed, never exchanged) is provenance, not a field.
NOT_CLINICAL = {"id", "version", "meta", "patient_id", "measurements", "height_source", "width_source", "calibration"}
DERIVED = {"film.area_cm2", "eckardt.total"}


@pytest.mark.parametrize("record", list(Record))
def test_every_clinical_attribute_of_every_record_is_declared_and_nothing_else(record: Record) -> None:
    attributes = {f.name for f in dataclasses.fields(RECORDS[record])} - NOT_CLINICAL
    declared = {f.name for f in fields.fields_of(record) if f.key not in DERIVED}
    assert declared == attributes


@pytest.mark.parametrize("declared", fields.all_fields(), ids=lambda f: f.key)
def test_each_declaration_is_whole(declared: fields.Field) -> None:
    assert declared.label and declared.label == declared.label.strip()
    assert declared.label[0].isupper() or declared.label[0].isdigit(), "labels start a sentence"
    if declared.kind is Kind.CODE:
        assert declared.enum is not None
    else:
        assert declared.enum is None
    if declared.kind is Kind.DECIMAL and declared.key not in DERIVED:
        assert declared.bounds is not None and declared.decimals == fields.MAX_DECIMALS
    if declared.bounds is not None:
        low, high = declared.bounds
        assert low < high
    placeholders = {name for _, name, _, _ in string.Formatter().parse(declared.label) if name}
    assert placeholders == ({"minute"} if declared.record is Record.FILM and declared.name != "minute" else set())
    if declared.section is not None:
        assert declared.record is Record.PROCEDURE


def test_labels_are_unique_within_a_record() -> None:
    for record in Record:
        labels = [f.label for f in fields.fields_of(record)]
        assert len(labels) == len(set(labels)), record


def test_exchange_columns_are_unique_within_a_record() -> None:
    for record in Record:
        columns = [f.exchange for f in fields.fields_of(record) if f.exchange]
        assert len(columns) == len(set(columns)), record


def test_unknown_field_is_named() -> None:
    with pytest.raises(KeyError, match=r"procedure\.balloon_volume_ml is not a declared field"):
        fields.field(Record.PROCEDURE, "balloon_volume_ml")


@pytest.mark.parametrize("kind", list(ProcedureType))
def test_every_procedure_type_is_declared_with_its_sections(kind: ProcedureType) -> None:
    assert kind.label and kind.short_label
    assert kind.is_myotomy == (Section.MYOTOMY in kind.sections)
    shown = {f.name for f in fields.fields_of(Record.PROCEDURE) if f.shown_for(kind)}
    assert {"procedure_date", "procedure_type", "duration_min", "complication_grade", "notes"} <= shown
    if kind.is_myotomy:
        assert "myotomy_length_cm" in shown
    else:
        assert "myotomy_length_cm" not in shown


def test_type_specific_fields_follow_their_sections() -> None:
    assert fields.procedure("knife").procedure_types == (ProcedureType.POEM, ProcedureType.REDO_POEM)
    assert fields.procedure("fundoplication").procedure_types == (ProcedureType.LHM, ProcedureType.REDO_LHM)
    assert fields.procedure("balloon_diameter_mm").procedure_types == (ProcedureType.BALLOON_DILATION,)
    assert fields.procedure("duration_min").procedure_types == tuple(ProcedureType)


def test_labels_at_a_minute() -> None:
    assert fields.film("height_cm").label_at(5) == "Height at 5 min"
    assert fields.procedure("myotomy_length_cm").label_at(5) == "Myotomy length"


def test_every_unit_is_a_symbol_or_a_word_to_translate() -> None:
    words = {f.unit for f in fields.all_fields() if f.unit and f.unit not in fields.UNIT_SYMBOLS}
    assert words == {"days", "points"}  # marked N_ in the declaration; a new word unit needs its translation
    assert {f.unit_one for f in fields.all_fields() if f.unit_one} == {"day"}
