"""Preferences: clinic-wide settings (stored in the database: the interpretation threshold changes verdicts, the
clinic name is printed on reports and the MRN system goes into FHIR exports, for every workstation), and this
workstation's language (UI state in QSettings, applied at the next start) and way of writing numbers and dates (UI
state too, ui/notation.py: how the people at this workstation read; applied at once)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.services.clinic import Clinic, check_clinic_name
from barium_tracker.services.fhir_export import (
    DEFAULT_MRN_SYSTEM,
    InvalidMrnSystem,
    check_mrn_system,
    mrn_system,
    set_mrn_system,
)
from barium_tracker.ui import language, notation
from barium_tracker.ui.editors.base import INVALID_STYLE, with_error_line

#: Each language named in itself, as language pickers do; "" follows the operating system.
_LANGUAGE_NAMES = {language.SPANISH: "Español", language.ENGLISH: "English"}


class PreferencesDialog(QDialog):
    def __init__(self, clinic: Clinic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clinic = clinic
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        settings = clinic.interpretation_settings()
        self.eckardt_max = QSpinBox(self)
        self.eckardt_max.setObjectName("eckardtSuccessMax")
        self.eckardt_max.setAccessibleName(self.tr("Eckardt success threshold"))
        self.eckardt_max.setRange(0, 12)
        self.eckardt_max.setValue(settings.eckardt_success_max)
        self.eckardt_max.setPrefix(self.tr("total <= "))
        note = QLabel(
            self.tr(
                "Treatment success is an Eckardt total of 3 or less in most trials (Werner, NEJM 2019; Ponds, JAMA "
                '2019) and below 3 in others: choose 2 for "< 3". This applies to every workstation using this '
                "database."
            ),
            self,
        )
        note.setWordWrap(True)
        self.clinic_name = QLineEdit(clinic.clinic_name(), self)
        self.clinic_name.setObjectName("clinicName")
        self.clinic_name.setAccessibleName(self.tr("Clinic name"))
        self.clinic_name.setPlaceholderText(self.tr("e.g. Gastroenterology Service, Hospital Nacional"))
        self.clinic_name.setToolTip(self.tr("Printed at the top of every patient report"))
        self.clinic_name.setCursorPosition(0)  # a long name is read from its start, not scrolled to its end
        # Wide enough for a service's whole name ("Servicio de Gastroenterología, Hospital Nacional ...").
        self.clinic_name.setMinimumWidth(self.clinic_name.fontMetrics().horizontalAdvance("x" * 48))
        self._stored_mrn_system = mrn_system(clinic)
        self.mrn_system = QLineEdit("" if self._stored_mrn_system == DEFAULT_MRN_SYSTEM else self._stored_mrn_system)
        self.mrn_system.setObjectName("fhirMrnSystem")
        self.mrn_system.setAccessibleName(self.tr("MRN identifier system for FHIR exports"))
        self.mrn_system.setPlaceholderText(DEFAULT_MRN_SYSTEM)
        self.mrn_system.setToolTip(
            self.tr(
                "Whose MRNs these are, as FHIR exports say it: the hospital's OID (urn:oid:...) or a web address it "
                "controls. Empty: {0}, which names no hospital."
            ).format(DEFAULT_MRN_SYSTEM)
        )
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Same as the operating system"), "")
        for code, name in _LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language.preferred_language() or "")))
        self.language.setToolTip(self.tr("The language takes effect the next time Barium Tracker starts."))
        self.language_note = QLabel(self.tr("Takes effect the next time Barium Tracker starts."), self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.decimal_separator = QComboBox(self)
        self.decimal_separator.setObjectName("decimalSeparator")
        self.decimal_separator.setAccessibleName(self.tr("Decimal separator"))
        self.decimal_separator.addItem(self.tr("Same as the language"), "")
        self.decimal_separator.addItem(self.tr("Comma (2,7 cm)"), notation.COMMA)
        self.decimal_separator.addItem(self.tr("Point (2.7 cm)"), notation.POINT)
        self.decimal_separator.setCurrentIndex(
            max(0, self.decimal_separator.findData(notation.preferred_separator() or ""))
        )
        self.decimal_separator.setToolTip(
            self.tr("How numbers are shown; typing accepts both 2,7 and 2.7. Exported files always use a point.")
        )
        self.date_order = QComboBox(self)
        self.date_order.setObjectName("dateOrder")
        self.date_order.setAccessibleName(self.tr("Date order"))
        self.date_order.addItem(self.tr("Same as the language"), "")
        self.date_order.addItem(self.tr("Day first (14/03/2015)"), notation.DAY_FIRST)
        self.date_order.addItem(self.tr("Year first (2015-03-14)"), notation.ISO)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(notation.preferred_date_order() or "")))
        self.date_order.setToolTip(
            self.tr("How dates are shown on this workstation. Exported files always write 2015-03-14.")
        )
        language_row = QVBoxLayout()
        language_row.setContentsMargins(0, 0, 0, 0)
        language_row.addWidget(self.language)
        language_row.addWidget(self.language_note)
        form = QFormLayout()
        self._errors: dict[QLineEdit, QLabel] = {}
        form.addRow(self.tr("Clinic name"), self._with_error_line(self.clinic_name))
        form.addRow(self.tr("MRN system (FHIR)"), self._with_error_line(self.mrn_system))
        form.addRow(self.tr("Eckardt success"), self.eckardt_max)
        form.addRow(self.tr("Language"), language_row)
        form.addRow(self.tr("Decimal separator"), self.decimal_separator)
        form.addRow(self.tr("Date order"), self.date_order)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        for field in self._errors:
            field.textChanged.connect(self.revalidate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        # The note wraps: let the layout work out its height for this width (resize(460, 0) squeezed the dialog
        # to a height that ignores the wrapping, and the note overlapped the fields).
        self.setMinimumWidth(460)
        self.revalidate()
        self.adjustSize()
        # adjustSize() measures the wrapped notes at the hinted width; measure them again at the width taken.
        layout.activate()
        if layout.hasHeightForWidth():
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def _with_error_line(self, field: QLineEdit) -> QWidget:
        """The field with its error line below it, as the record editors show theirs."""
        holder, self._errors[field] = with_error_line(field, self)
        return holder

    def problems(self) -> dict[QLineEdit, str]:
        """The message of every field that cannot be saved as it is."""
        found: dict[QLineEdit, str] = {}
        checks = ((self.clinic_name, check_clinic_name), (self.mrn_system, check_mrn_system))
        for field, check in checks:
            text = field.text() or (DEFAULT_MRN_SYSTEM if field is self.mrn_system else "")
            try:
                check(text)
            except UserError as error:
                from barium_tracker.ui.translate import error_text

                found[field] = error_text(error)
        return found

    def revalidate(self) -> None:
        """Show each problem on its field as the user types, and allow saving only when there is none."""
        found = self.problems()
        for field, label in self._errors.items():
            message = found.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
            field.setStyleSheet(INVALID_STYLE.format(field.objectName()) if message else "")
        self.save_button.setEnabled(not found)
        wanted = self.sizeHint().height()
        if wanted > self.height():  # an error line wraps: grow, never shrink what the user sized
            self.resize(self.width(), wanted)

    def accept(self) -> None:
        try:
            # Checked before anything is written: a refused value leaves every setting as it was.
            system = check_mrn_system(self.mrn_system.text() or DEFAULT_MRN_SYSTEM)
            name = check_clinic_name(self.clinic_name.text())
            if name != self.clinic.clinic_name():
                self.clinic.set_clinic_name(name)
            if system != self._stored_mrn_system:
                set_mrn_system(self.clinic, system)
            kept = self.clinic.interpretation_settings()  # what this dialog does not show stays as it is
            self.clinic.set_interpretation_settings(
                InterpretationSettings(
                    eckardt_success_max=self.eckardt_max.value(), sanagapalli_area=kept.sanagapalli_area
                )
            )
        except UserError as error:
            from barium_tracker.ui.translate import error_text

            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            if isinstance(error, InvalidMrnSystem):
                self.mrn_system.setFocus()
            return
        language.set_preferred_language(self.language.currentData() or None)  # UI state: this workstation only
        notation.set_preferences(self.decimal_separator.currentData() or None, self.date_order.currentData() or None)
        super().accept()
