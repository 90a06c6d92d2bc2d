"""A treatment (POEM, Heller myotomy, dilation, botulinum toxin...): only the chosen type's fields are shown and saved.

Values typed for another type stay in their hidden fields while the user is on the form (switching back restores
them), but :meth:`ProcedureEditor.read` drops them, so a dilation never carries a myotomy length into the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QPlainTextEdit, QWidget

from barium_tracker.domain.enums import ComplicationGrade, Fundoplication, PoemAccess, ProcedureType
from barium_tracker.domain.records import Procedure
from barium_tracker.domain.validation import FieldError, validate_procedure
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit, IntegerEdit

POEM_TYPES = frozenset({ProcedureType.POEM, ProcedureType.REDO_POEM})
HELLER_TYPES = frozenset({ProcedureType.LHM, ProcedureType.REDO_LHM})


class ProcedureEditor(RecordEditor[Procedure]):
    def build_form(self) -> None:
        if not self.windowTitle():
            self.setWindowTitle(self.tr("Procedure"))
        self.setMinimumWidth(500)

        self.procedure_date = self.add_field("procedure_date", self.tr("Date"), DateEdit(parent=self))
        self.procedure_type = self.add_field(
            "procedure_type", self.tr("Procedure"), ChoiceBox.for_enum(ProcedureType, parent=self)
        )
        self.rescue = self.add_field("rescue", self.tr("Rescue"), QCheckBox(self.tr("after a failed myotomy"), self))

        # One myotomy section for POEM and Heller: both record the total and the gastric length under the same
        # field names; access and knife are POEM rows, fundoplication a Heller row.
        self.myotomy_group = self._section("myotomyGroup", self.tr("Myotomy"))
        form = self.myotomy_group.layout()
        not_recorded = self.tr("not recorded")
        self.poem_access = self.add_field(
            "poem_access",
            self.tr("Access"),
            ChoiceBox.for_enum(PoemAccess, none_label=not_recorded, parent=self),
            layout=form,
        )
        self.myotomy_length_cm = self.add_field(
            "myotomy_length_cm", self.tr("Total myotomy length (cm)"), DecimalEdit("cm", self), layout=form
        )
        self.gastric_myotomy_length_cm = self.add_field(
            "gastric_myotomy_length_cm",
            self.tr("Gastric part (cm)"),
            DecimalEdit("cm", self),
            layout=form,
        )
        self.gastric_myotomy_length_cm.setPlaceholderText(self.tr("cm below the GEJ"))
        self.gastric_myotomy_length_cm.setToolTip(
            self.tr("The part of the total myotomy below the gastro-oesophageal junction (GEJ)")
        )
        self.knife = self.add_field("knife", self.tr("Knife"), QLineEdit(self), layout=form)
        self.knife.setPlaceholderText(self.tr("e.g. hybrid T-knife"))
        self.fundoplication = self.add_field(
            "fundoplication",
            self.tr("Fundoplication"),
            # Explicit labels: enums.py's label table is keyed by value, so every "none" member shows
            # "No oesophagitis" there.
            ChoiceBox(
                [
                    (self.tr("Dor (anterior)"), Fundoplication.DOR),
                    (self.tr("Toupet (posterior)"), Fundoplication.TOUPET),
                    (self.tr("None"), Fundoplication.NONE),
                ],
                none_label=not_recorded,
                parent=self,
            ),
            layout=form,
        )

        self.dilation_group = self._section("dilationGroup", self.tr("Balloon dilation"))
        form = self.dilation_group.layout()
        self.balloon_diameter_mm = self.add_field(
            "balloon_diameter_mm", self.tr("Balloon diameter (mm)"), DecimalEdit("mm", self), layout=form
        )
        self.balloon_diameter_mm.setPlaceholderText(self.tr("30, 35 or 40"))
        self.balloon_diameter_mm.setToolTip(self.tr("The balloon's diameter in millimetres (not a volume)"))
        self.balloon_pressure_psi = self.add_field(
            "balloon_pressure_psi", self.tr("Inflation pressure (psi)"), DecimalEdit("psi", self), layout=form
        )

        self.botox_group = self._section("botoxGroup", self.tr("Botulinum toxin"))
        form = self.botox_group.layout()
        self.botox_units = self.add_field("botox_units", self.tr("Dose (U)"), DecimalEdit("U", self), layout=form)
        self.botox_units.setToolTip(self.tr("Dose in units; 100 U is common"))
        self.botox_sites = self.add_field("botox_sites", self.tr("Injection sites"), IntegerEdit(self), layout=form)
        self.botox_sites.setPlaceholderText(self.tr("number of sites"))

        self.duration_min = self.add_field("duration_min", self.tr("Procedure time (min)"), IntegerEdit(self))
        self.duration_min.setPlaceholderText(self.tr("min"))
        self.anaesthesia = self.add_field("anaesthesia", self.tr("Anaesthesia"), QLineEdit(self))
        self.anaesthesia.setPlaceholderText(self.tr("e.g. general, deep sedation"))
        self.length_of_stay_days = self.add_field(
            "length_of_stay_days", self.tr("Length of stay (days)"), IntegerEdit(self)
        )
        self.length_of_stay_days.setPlaceholderText(self.tr("days; 0 = same day"))
        self.operator = self.add_field("operator", self.tr("Operator"), QLineEdit(self))
        self.complication_grade = self.add_field(
            "complication_grade",
            self.tr("Complications"),
            ChoiceBox(
                [
                    (self.tr("None"), ComplicationGrade.NONE),
                    (self.tr("Mild"), ComplicationGrade.MILD),
                    (self.tr("Moderate"), ComplicationGrade.MODERATE),
                    (self.tr("Severe"), ComplicationGrade.SEVERE),
                ],
                parent=self,
            ),
        )
        self.complication_text = self.add_field("complication_text", self.tr("Complication details"), QLineEdit(self))
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self._align_label_columns()
        self.procedure_type.value_changed.connect(self._show_type_fields)

    def _section(self, name: str, title: str) -> QGroupBox:
        """A titled box of type-specific fields with its own form, placed where it is created (tab order)."""
        group = QGroupBox(title, self)
        group.setObjectName(name)
        # Flat, with no side margins, so that its fields line up with the rest of the form.
        group.setFlat(True)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        margins = form.contentsMargins()
        form.setContentsMargins(0, margins.top(), 0, margins.bottom())
        self.form.addRow(group)
        return group

    def _align_label_columns(self) -> None:
        """Give every form the same label width, so the sections' fields start where the others do."""
        forms = [self.form] + [g.layout() for g in (self.myotomy_group, self.dilation_group, self.botox_group)]
        labels = []
        for form in forms:
            assert isinstance(form, QFormLayout)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and item.widget() is not None:
                    labels.append(item.widget())
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        form = self.myotomy_group.layout()
        assert isinstance(form, QFormLayout)
        form.setRowVisible(widget.parentWidget(), visible)

    def _show_type_fields(self) -> None:
        kind = self.procedure_type.value()
        poem, heller = kind in POEM_TYPES, kind in HELLER_TYPES
        self.myotomy_group.setTitle(self.tr("POEM") if poem else self.tr("Heller myotomy"))
        for widget in (self.poem_access, self.knife):
            self._set_row_visible(widget, poem)
        self._set_row_visible(self.fundoplication, heller)
        self.myotomy_group.setVisible(poem or heller)
        self.dilation_group.setVisible(kind == ProcedureType.BALLOON_DILATION)
        self.botox_group.setVisible(kind == ProcedureType.BOTULINUM_TOXIN)
        # Grow or shrink to the shown sections, wrapped error lines included; keep a width the user chose.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), layout.totalSizeHint().width())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        self.resize(width, height)

    def load(self, record: Procedure) -> None:
        self.procedure_date.set_value(record.procedure_date)
        self.procedure_type.set_value(record.procedure_type)
        self.rescue.setChecked(record.rescue)
        self.poem_access.set_value(record.poem_access)
        self.myotomy_length_cm.set_value(record.myotomy_length_cm)
        self.gastric_myotomy_length_cm.set_value(record.gastric_myotomy_length_cm)
        self.knife.setText(record.knife)
        self.fundoplication.set_value(record.fundoplication)
        self.balloon_diameter_mm.set_value(record.balloon_diameter_mm)
        self.balloon_pressure_psi.set_value(record.balloon_pressure_psi)
        self.botox_units.set_value(record.botox_units)
        self.botox_sites.set_value(record.botox_sites)
        self.duration_min.set_value(record.duration_min)
        self.anaesthesia.setText(record.anaesthesia)
        self.length_of_stay_days.set_value(record.length_of_stay_days)
        self.operator.setText(record.operator)
        self.complication_grade.set_value(record.complication_grade)
        self.complication_text.setText(record.complication_text)
        self.notes.setPlainText(record.notes)
        self._show_type_fields()

    def read(self) -> tuple[Procedure, list[FieldError]]:
        errors: list[FieldError] = []
        kind: ProcedureType = self.procedure_type.value()
        poem, heller = kind in POEM_TYPES, kind in HELLER_TYPES
        dilation, botox = kind == ProcedureType.BALLOON_DILATION, kind == ProcedureType.BOTULINUM_TOXIN

        def number(name: str, label: str, shown: bool) -> Decimal | int | None:
            """A field's value, or None when its section is hidden (its text is neither read nor saved)."""
            if not shown:
                return None
            value, error = self.field(name).read(name, label)
            if error is not None:
                errors.append(error)
            return value

        record = dataclasses.replace(
            self._original,
            procedure_date=self.procedure_date.value(),
            procedure_type=kind,
            rescue=self.rescue.isChecked(),
            poem_access=self.poem_access.value() if poem else None,
            myotomy_length_cm=number("myotomy_length_cm", self.tr("Myotomy length"), poem or heller),
            gastric_myotomy_length_cm=number(
                "gastric_myotomy_length_cm", self.tr("Gastric myotomy length"), poem or heller
            ),
            knife=self.knife.text().strip() if poem else "",
            fundoplication=self.fundoplication.value() if heller else None,
            balloon_diameter_mm=number("balloon_diameter_mm", self.tr("Balloon diameter"), dilation),
            balloon_pressure_psi=number("balloon_pressure_psi", self.tr("Inflation pressure"), dilation),
            botox_units=number("botox_units", self.tr("Botulinum toxin dose"), botox),
            botox_sites=number("botox_sites", self.tr("Injection sites"), botox),
            duration_min=number("duration_min", self.tr("Procedure time"), True),
            anaesthesia=self.anaesthesia.text().strip(),
            length_of_stay_days=number("length_of_stay_days", self.tr("Length of stay"), True),
            operator=self.operator.text().strip(),
            complication_grade=self.complication_grade.value(),
            complication_text=self.complication_text.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )
        return record, errors

    def rules(self, record: Procedure) -> list[FieldError]:
        return validate_procedure(record, birth_date=self.patient_birth_date, today=dt.date.today())
