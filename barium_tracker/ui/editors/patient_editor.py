"""Patient demographics and diagnosis."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from barium_tracker.domain import fields
from barium_tracker.domain.enums import Diagnosis, Sex
from barium_tracker.domain.records import Patient
from barium_tracker.domain.validation import FieldError, validate_patient
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit


class PatientEditor(RecordEditor[Patient]):
    record_kind = fields.Record.PATIENT

    def build_form(self) -> None:
        self.mrn = self.add_declared("mrn", QLineEdit(self))
        self.family_name = self.add_declared("family_name", QLineEdit(self))
        self.given_name = self.add_declared("given_name", QLineEdit(self))
        self.birth_date = self.add_declared("birth_date", DateEdit(optional=True, parent=self))
        self.sex = self.add_declared("sex", ChoiceBox.for_enum(Sex, parent=self))
        self.diagnosis = self.add_declared("diagnosis", ChoiceBox.for_enum(Diagnosis, parent=self))
        self.diagnosis_date = self.add_declared("diagnosis_date", DateEdit(optional=True, parent=self))
        self.notes = self.add_declared("notes", QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.resize(480, 0)

    def load(self, record: Patient) -> None:
        self.load_declared(record)

    def read(self) -> tuple[Patient, list[FieldError]]:
        errors: list[FieldError] = []
        return dataclasses.replace(self._original, **self.read_declared(errors)), errors

    def rules(self, record: Patient) -> list[FieldError]:
        return validate_patient(record, today=dt.date.today())
