"""High-resolution manometry (Chicago Classification v4.0), kept with its system: the IRP limit depends on it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit

from barium_tracker.domain import fields
from barium_tracker.domain.enums import ChicagoSubtype
from barium_tracker.domain.records import Manometry
from barium_tracker.domain.validation import FieldError, validate_manometry
from barium_tracker.ui import translate
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit

_HINT_STYLE = "color: palette(placeholder-text);"


class ManometryEditor(RecordEditor[Manometry]):
    record_kind = fields.Record.MANOMETRY

    def build_form(self) -> None:
        if not self.windowTitle():
            self.setWindowTitle(self.tr("Manometry"))
        self.study_date = self.add_declared("study_date", DateEdit(parent=self))
        self.system = self.add_declared("system", QLineEdit(self))
        self.system.setPlaceholderText(translate.description(self.declared("system")))
        self.irp_supine_mmhg = self.add_declared("irp_supine_mmhg", DecimalEdit("mmHg", self))
        self.irp_upright_mmhg = self.add_declared("irp_upright_mmhg", DecimalEdit("mmHg", self))
        self.irp_upper_limit_mmhg = self.add_declared("irp_upper_limit_mmhg", DecimalEdit("mmHg", self))
        limit_help = translate.description(self.declared("irp_upper_limit_mmhg"))
        self.irp_upper_limit_mmhg.setWhatsThis(limit_help)
        self.irp_upper_limit_mmhg.setAccessibleDescription(limit_help)
        hint = QLabel(limit_help, self)
        hint.setObjectName("irpUpperLimitHelp")
        hint.setWordWrap(True)
        hint.setStyleSheet(_HINT_STYLE)
        self.form.addRow("", hint)
        self.subtype = self.add_declared("subtype", ChoiceBox.for_enum(ChicagoSubtype, parent=self))
        self.conclusive = self.add_declared("conclusive", QCheckBox(self.tr("the study is conclusive"), self))
        self.failed_swallows_pct = self.add_declared("failed_swallows_pct", DecimalEdit("%", self))
        self.pan_pressurisation_pct = self.add_declared("pan_pressurisation_pct", DecimalEdit("%", self))
        self.premature_swallows_pct = self.add_declared("premature_swallows_pct", DecimalEdit("%", self))
        self.dci_mmhg_s_cm = self.add_declared("dci_mmhg_s_cm", DecimalEdit("mmHg·s·cm", self))
        self.les_resting_pressure_mmhg = self.add_declared("les_resting_pressure_mmhg", DecimalEdit("mmHg", self))
        self.notes = self.add_declared("notes", QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.subtype.value_changed.connect(self._inconclusive_is_not_conclusive)
        self.resize(560, 0)

    def _inconclusive_is_not_conclusive(self) -> None:
        """Choosing a subtype sets the conclusive box to match; the user may still untick it afterwards."""
        if not self._loading:
            self.conclusive.setChecked(self.subtype.value() != ChicagoSubtype.INCONCLUSIVE)

    def load(self, record: Manometry) -> None:
        self.load_declared(record)

    def read(self) -> tuple[Manometry, list[FieldError]]:
        errors: list[FieldError] = []
        return dataclasses.replace(self._original, **self.read_declared(errors)), errors

    def rules(self, record: Manometry) -> list[FieldError]:
        return validate_manometry(record, birth_date=self.patient_birth_date, today=dt.date.today())
