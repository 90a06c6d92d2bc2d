"""High-resolution manometry (Chicago Classification v4.0), kept with its system: the IRP limit depends on it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit

from barium_tracker.domain.enums import ChicagoSubtype
from barium_tracker.domain.records import Manometry
from barium_tracker.domain.validation import FieldError, validate_manometry
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit

_HINT_STYLE = "color: palette(placeholder-text);"


class ManometryEditor(RecordEditor[Manometry]):
    def build_form(self) -> None:
        if not self.windowTitle():
            self.setWindowTitle(self.tr("Manometry"))
        self.study_date = self.add_field("study_date", self.tr("Date"), DateEdit(parent=self))
        self.system = self.add_field("system", self.tr("System"), QLineEdit(self))
        self.system.setPlaceholderText(self.tr("manometry system and catheter"))
        self.irp_supine_mmhg = self.add_field(
            "irp_supine_mmhg", self.tr("IRP supine (mmHg)"), DecimalEdit("mmHg", self)
        )
        self.irp_upright_mmhg = self.add_field(
            "irp_upright_mmhg", self.tr("IRP upright (mmHg)"), DecimalEdit("mmHg", self)
        )
        limit_help = self.tr("Depends on the manometry system and catheter (often 15 mmHg supine).")
        self.irp_upper_limit_mmhg = self.add_field(
            "irp_upper_limit_mmhg", self.tr("IRP upper limit of normal (mmHg)"), DecimalEdit("mmHg", self)
        )
        self.irp_upper_limit_mmhg.setToolTip(limit_help)
        self.irp_upper_limit_mmhg.setWhatsThis(limit_help)
        self.irp_upper_limit_mmhg.setAccessibleDescription(limit_help)
        hint = QLabel(limit_help, self)
        hint.setObjectName("irpUpperLimitHelp")
        hint.setWordWrap(True)
        hint.setStyleSheet(_HINT_STYLE)
        self.form.addRow("", hint)
        self.subtype = self.add_field(
            "subtype", self.tr("Chicago v4.0 diagnosis"), ChoiceBox.for_enum(ChicagoSubtype, parent=self)
        )
        self.conclusive = self.add_field(
            "conclusive", self.tr("Conclusive"), QCheckBox(self.tr("the study is conclusive"), self)
        )
        self.failed_swallows_pct = self.add_field(
            "failed_swallows_pct", self.tr("Failed swallows (%)"), DecimalEdit("%", self)
        )
        self.pan_pressurisation_pct = self.add_field(
            "pan_pressurisation_pct", self.tr("Pan-oesophageal pressurisation (%)"), DecimalEdit("%", self)
        )
        self.premature_swallows_pct = self.add_field(
            "premature_swallows_pct", self.tr("Premature swallows (%)"), DecimalEdit("%", self)
        )
        self.dci_mmhg_s_cm = self.add_field("dci_mmhg_s_cm", self.tr("DCI (mmHg·s·cm)"), DecimalEdit("mmHg·s·cm", self))
        self.dci_mmhg_s_cm.setToolTip(self.tr("Distal contractile integral"))
        self.les_resting_pressure_mmhg = self.add_field(
            "les_resting_pressure_mmhg", self.tr("LES resting pressure (mmHg)"), DecimalEdit("mmHg", self)
        )
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.subtype.value_changed.connect(self._inconclusive_is_not_conclusive)
        self.resize(560, 0)

    def _inconclusive_is_not_conclusive(self) -> None:
        """Choosing a subtype sets the conclusive box to match; the user may still untick it afterwards."""
        if not self._loading:
            self.conclusive.setChecked(self.subtype.value() != ChicagoSubtype.INCONCLUSIVE)

    def _decimals(self) -> list[tuple[str, str]]:
        """The numeric fields and the names their parse errors use."""
        return [
            ("irp_supine_mmhg", self.tr("IRP supine")),
            ("irp_upright_mmhg", self.tr("IRP upright")),
            ("irp_upper_limit_mmhg", self.tr("IRP upper limit of normal")),
            ("failed_swallows_pct", self.tr("Failed swallows")),
            ("pan_pressurisation_pct", self.tr("Pan-oesophageal pressurisation")),
            ("premature_swallows_pct", self.tr("Premature swallows")),
            ("dci_mmhg_s_cm", self.tr("Distal contractile integral")),
            ("les_resting_pressure_mmhg", self.tr("LES resting pressure")),
        ]

    def load(self, record: Manometry) -> None:
        self.study_date.set_value(record.study_date)
        self.system.setText(record.system)
        self.subtype.set_value(record.subtype)
        self.conclusive.setChecked(record.conclusive)
        for name, _label in self._decimals():
            self.field(name).set_value(getattr(record, name))
        self.notes.setPlainText(record.notes)

    def read(self) -> tuple[Manometry, list[FieldError]]:
        values: dict[str, object] = {}
        errors: list[FieldError] = []
        for name, label in self._decimals():
            values[name], error = self.field(name).read(name, label)
            if error is not None:
                errors.append(error)
        record = dataclasses.replace(
            self._original,
            study_date=self.study_date.value(),
            system=self.system.text().strip(),
            subtype=self.subtype.value(),
            conclusive=self.conclusive.isChecked(),
            notes=self.notes.toPlainText().strip(),
            **values,
        )
        return record, errors

    def rules(self, record: Manometry) -> list[FieldError]:
        return validate_manometry(record, birth_date=self.patient_birth_date, today=dt.date.today())
