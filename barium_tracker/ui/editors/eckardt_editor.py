"""Eckardt symptom score: four items chosen by their bands; the total is computed, never typed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from barium_tracker.domain import fields
from barium_tracker.domain.records import EckardtAssessment
from barium_tracker.domain.validation import FieldError, validate_eckardt
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit


class EckardtEditor(RecordEditor[EckardtAssessment]):
    record_kind = fields.Record.ECKARDT

    def build_form(self) -> None:
        frequency = [self.tr("none"), self.tr("occasional"), self.tr("daily"), self.tr("each meal")]
        weight = [self.tr("none"), self.tr("< 5 kg"), self.tr("5-10 kg"), self.tr("> 10 kg")]

        def bands(labels: list[str]) -> ChoiceBox:
            return ChoiceBox([(f"{score} - {text}", score) for score, text in enumerate(labels)], parent=self)

        self.assessment_date = self.add_declared("assessment_date", DateEdit(parent=self))
        self.dysphagia = self.add_declared("dysphagia", bands(frequency))
        self.regurgitation = self.add_declared("regurgitation", bands(frequency))
        self.retrosternal_pain = self.add_declared("retrosternal_pain", bands(frequency))
        self.weight_loss = self.add_declared("weight_loss", bands(weight))
        self.total = QLabel(self)
        self.total.setObjectName("eckardtTotal")
        self.total.setAccessibleName(self.tr("Eckardt total"))
        self.form.addRow(self.tr("Total (0-12)"), self.total)  # derived: fields.eckardt("total") is its record
        self.weight_kg = self.add_declared("weight_kg", DecimalEdit("kg", self))
        self.notes = self.add_declared("notes", QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.resize(420, 0)

    def load(self, record: EckardtAssessment) -> None:
        self.load_declared(record)

    def read(self) -> tuple[EckardtAssessment, list[FieldError]]:
        errors: list[FieldError] = []
        return dataclasses.replace(self._original, **self.read_declared(errors)), errors

    def rules(self, record: EckardtAssessment) -> list[FieldError]:
        self.total.setText(f"<b>{record.total}</b>")
        return validate_eckardt(record, birth_date=self.patient_birth_date, today=dt.date.today())
