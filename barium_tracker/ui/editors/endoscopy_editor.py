"""Gastroscopy findings that matter after achalasia treatment: how the LES opens, oesophagitis, residue."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit

from barium_tracker.domain import fields
from barium_tracker.domain.enums import LesOpening, OesophagitisGrade
from barium_tracker.domain.records import Endoscopy
from barium_tracker.domain.validation import FieldError, validate_endoscopy
from barium_tracker.ui import translate
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit


class EndoscopyEditor(RecordEditor[Endoscopy]):
    record_kind = fields.Record.ENDOSCOPY

    def build_form(self) -> None:
        if not self.windowTitle():
            self.setWindowTitle(self.tr("Endoscopy"))
        self.exam_date = self.add_declared("exam_date", DateEdit(parent=self))
        self.les_opening = self.add_declared("les_opening", ChoiceBox.for_enum(LesOpening, parent=self))
        self.oesophagitis = self.add_declared("oesophagitis", ChoiceBox.for_enum(OesophagitisGrade, parent=self))
        self.residue = self.add_declared("residue", QCheckBox(translate.description(self.declared("residue")), self))
        self.findings = self.add_declared("findings", QPlainTextEdit(self))
        self.findings.setTabChangesFocus(True)
        self.findings.setMaximumHeight(110)
        self.resize(460, 0)

    def load(self, record: Endoscopy) -> None:
        self.load_declared(record)

    def read(self) -> tuple[Endoscopy, list[FieldError]]:
        errors: list[FieldError] = []
        return dataclasses.replace(self._original, **self.read_declared(errors)), errors

    def rules(self, record: Endoscopy) -> list[FieldError]:
        return validate_endoscopy(record, birth_date=self.patient_birth_date, today=dt.date.today())
