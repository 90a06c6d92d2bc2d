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
        self.mrn.setText(record.mrn)
        self.family_name.setText(record.family_name)
        self.given_name.setText(record.given_name)
        self.birth_date.set_value(record.birth_date)
        self.sex.set_value(record.sex)
        self.diagnosis.set_value(record.diagnosis)
        self.diagnosis_date.set_value(record.diagnosis_date)
        self.notes.setPlainText(record.notes)

    def read(self) -> tuple[Patient, list[FieldError]]:
        record = dataclasses.replace(
            self._original,
            mrn=self.mrn.text().strip(),
            family_name=self.family_name.text().strip(),
            given_name=self.given_name.text().strip(),
            birth_date=self.birth_date.value(),
            sex=self.sex.value(),
            diagnosis=self.diagnosis.value(),
            diagnosis_date=self.diagnosis_date.value(),
            notes=self.notes.toPlainText().strip(),
        )
        return record, []

    def rules(self, record: Patient) -> list[FieldError]:
        return validate_patient(record, today=dt.date.today())
