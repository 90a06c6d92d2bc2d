"""A treatment (POEM, Heller myotomy, dilation, botulinum toxin...): only the chosen type's fields are shown and saved.

Values typed for another type stay in their hidden fields while the user is on the form (switching back restores
them), but :meth:`ProcedureEditor.read` drops them, so a dilation never carries a myotomy length into the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QPlainTextEdit, QWidget

from barium_tracker.domain import fields
from barium_tracker.domain.enums import ComplicationGrade, Fundoplication, PoemAccess, ProcedureType
from barium_tracker.domain.procedure_types import Section
from barium_tracker.domain.records import Procedure
from barium_tracker.domain.validation import FieldError, validate_procedure
from barium_tracker.ui import translate
from barium_tracker.ui.editors.base import RecordEditor
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit, IntegerEdit


def _section_title(section: Section) -> str:
    return QCoreApplication.translate("enums", section.title)


class ProcedureEditor(RecordEditor[Procedure]):
    record_kind = fields.Record.PROCEDURE

    def build_form(self) -> None:
        if not self.windowTitle():
            self.setWindowTitle(self.tr("Procedure"))
        self.setMinimumWidth(500)

        self.procedure_date = self.add_declared("procedure_date", DateEdit(parent=self))
        self.procedure_type = self.add_declared("procedure_type", ChoiceBox.for_enum(ProcedureType, parent=self))
        self.rescue = self.add_declared("rescue", QCheckBox(self.tr("after a failed myotomy"), self))

        # One myotomy section for POEM and Heller: both record the total and the gastric length under the same
        # field names; access and knife are POEM rows, fundoplication a Heller row.
        self.myotomy_group = self._section("myotomyGroup", Section.MYOTOMY)
        form = self.myotomy_group.layout()
        not_recorded = self.tr("not recorded")
        self.poem_access = self.add_declared(
            "poem_access", ChoiceBox.for_enum(PoemAccess, none_label=not_recorded, parent=self), layout=form
        )
        self.myotomy_length_cm = self.add_declared("myotomy_length_cm", DecimalEdit("cm", self), layout=form)
        self.gastric_myotomy_length_cm = self.add_declared(
            "gastric_myotomy_length_cm", DecimalEdit("cm", self), layout=form
        )
        self.gastric_myotomy_length_cm.setPlaceholderText(self.tr("cm below the GEJ"))
        self.knife = self.add_declared("knife", QLineEdit(self), layout=form)
        self.knife.setPlaceholderText(self.tr("e.g. hybrid T-knife"))
        self.fundoplication = self.add_declared(
            "fundoplication", ChoiceBox.for_enum(Fundoplication, none_label=not_recorded, parent=self), layout=form
        )

        self.dilation_group = self._section("dilationGroup", Section.DILATION)
        form = self.dilation_group.layout()
        self.balloon_diameter_mm = self.add_declared("balloon_diameter_mm", DecimalEdit("mm", self), layout=form)
        self.balloon_diameter_mm.setPlaceholderText(self.tr("30, 35 or 40"))
        self.balloon_pressure_psi = self.add_declared("balloon_pressure_psi", DecimalEdit("psi", self), layout=form)

        self.botox_group = self._section("botoxGroup", Section.BOTOX)
        form = self.botox_group.layout()
        self.botox_units = self.add_declared("botox_units", DecimalEdit("U", self), layout=form)
        self.botox_sites = self.add_declared("botox_sites", IntegerEdit(self), layout=form)
        self.botox_sites.setPlaceholderText(self.tr("number of sites"))

        self.duration_min = self.add_declared("duration_min", IntegerEdit(self))
        self.duration_min.setPlaceholderText(self.tr("min"))
        self.anaesthesia = self.add_declared("anaesthesia", QLineEdit(self))
        self.anaesthesia.setPlaceholderText(translate.description(self.declared("anaesthesia")))
        self.length_of_stay_days = self.add_declared("length_of_stay_days", IntegerEdit(self))
        self.length_of_stay_days.setPlaceholderText(self.tr("days; 0 = same day"))
        self.operator = self.add_declared("operator", QLineEdit(self))
        self.complication_grade = self.add_declared(
            "complication_grade", ChoiceBox.for_enum(ComplicationGrade, parent=self)
        )
        self.complication_text = self.add_declared("complication_text", QLineEdit(self))
        self.notes = self.add_declared("notes", QPlainTextEdit(self))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self._align_label_columns()
        self.procedure_type.value_changed.connect(self._show_type_fields)

    def _section(self, name: str, section: Section) -> QGroupBox:
        """A titled box of type-specific fields with its own form, placed where it is created (tab order)."""
        group = QGroupBox(_section_title(section), self)
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
        name = widget.objectName()
        form.setRowVisible(self.row(name), visible)
        error = self._errors[name]  # showing a row shows all of it: its error line only when it has something to say
        error.setVisible(visible and bool(error.text()))

    def _show_type_fields(self) -> None:
        kind: ProcedureType = self.procedure_type.value()
        sections = kind.sections
        poem = Section.POEM in sections
        self.myotomy_group.setTitle(_section_title(Section.POEM if poem else Section.HELLER))
        for widget in (self.poem_access, self.knife, self.fundoplication):
            self._set_row_visible(widget, self.declared(widget.objectName()).shown_for(kind))
        self.myotomy_group.setVisible(Section.MYOTOMY in sections)
        self.dilation_group.setVisible(Section.DILATION in sections)
        self.botox_group.setVisible(Section.BOTOX in sections)
        # Grow or shrink to the shown sections, wrapped error lines included; keep a width the user chose.
        layout = self.layout()
        if layout is None:
            return
        # A row shown again showed its error line for a moment, and the section's layout measured it then: measure
        # the sections again before the dialog, so that it is not left taller than what it shows.
        for group in (self.myotomy_group, self.dilation_group, self.botox_group):
            group.layout().invalidate()
            group.layout().activate()
        layout.invalidate()
        layout.activate()
        width = max(self.width(), layout.totalSizeHint().width())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        self.resize(width, height)

    def load(self, record: Procedure) -> None:
        self.load_declared(record)
        self._show_type_fields()

    def read(self) -> tuple[Procedure, list[FieldError]]:
        errors: list[FieldError] = []
        kind: ProcedureType = self.procedure_type.value()
        values = self.read_declared(errors, shown=lambda name: self.declared(name).shown_for(kind))
        return dataclasses.replace(self._original, **values), errors

    def rules(self, record: Procedure) -> list[FieldError]:
        return validate_procedure(record, birth_date=self.patient_birth_date, today=dt.date.today())
