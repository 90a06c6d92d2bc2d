"""File > Export: the exchange tables (CSV folder, CSV folder for a spreadsheet in Spanish, or Excel workbook), a FHIR
bundle, or a research export.

The dialog only asks what, for whom and where; the export itself runs in a worker thread (ui/tasks.py) through the
same service functions as ``barium-tracker export``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class ExportFormat(StrEnum):
    CSV = "csv"
    CSV_EXCEL = "csv-excel"  # services/exchange/dialects.py SPREADSHEET_CSV
    XLSX = "xlsx"
    FHIR = "fhir"
    RESEARCH = "research"


#: (title, explanation, writes a folder, default name, file filter); the words are marked for lupdate
_FORMATS: dict[ExportFormat, tuple[str, str, bool, str, str]] = {
    ExportFormat.CSV: (
        QT_TRANSLATE_NOOP("ExportDialog", "Exchange tables as CSV files"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "patients.csv, studies.csv, procedures.csv and eckardt.csv in a folder; they import back unchanged.",
        ),
        True,
        "barium-tracker-tables-{date}",
        "",
    ),
    ExportFormat.CSV_EXCEL: (
        QT_TRANSLATE_NOOP("ExportDialog", "Tables as CSV for Excel in Spanish"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "The same four files for Excel or LibreOffice set to the decimal comma: semicolons, 2,7, dates "
            "14/03/2015. They import back too.",
        ),
        True,
        "barium-tracker-spreadsheet-{date}",
        "",
    ),
    ExportFormat.XLSX: (
        QT_TRANSLATE_NOOP("ExportDialog", "Exchange tables as an Excel workbook"),
        QT_TRANSLATE_NOOP("ExportDialog", "The same tables, one sheet each, in one .xlsx file."),
        False,
        "barium-tracker-{date}.xlsx",
        QT_TRANSLATE_NOOP("ExportDialog", "Excel workbook (*.xlsx)"),
    ),
    ExportFormat.FHIR: (
        QT_TRANSLATE_NOOP("ExportDialog", "FHIR R4 bundle (JSON)"),
        QT_TRANSLATE_NOOP(
            "ExportDialog", "Patients, procedures and observations for a hospital system. Contains identifiers."
        ),
        False,
        "barium-tracker-fhir-{date}.json",
        QT_TRANSLATE_NOOP("ExportDialog", "FHIR JSON (*.json)"),
    ),
    ExportFormat.RESEARCH: (
        QT_TRANSLATE_NOOP("ExportDialog", "Research export without identifiers"),
        QT_TRANSLATE_NOOP(
            "ExportDialog",
            "No names, MRNs, birth dates or free text; stable pseudonyms; days since the first procedure. "
            "A new, empty folder. Every research export is recorded.",
        ),
        True,
        "barium-tracker-research-{date}",
        "",
    ),
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    fmt: ExportFormat
    destination: Path
    mrns: tuple[str, ...] | None  # None: every patient

    @property
    def title(self) -> str:
        return _FORMATS[self.fmt][0]


class ExportDialog(QDialog):
    """What to export, for whom (every patient or the one on screen), and where."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        patient: tuple[str, str] | None = None,
        folder: Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        """``patient``: (MRN, display name) of the patient on screen, offered as "only this patient"."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)
        self._patient = patient
        self._folder = folder or Path.home()
        self._today = today or dt.date.today()

        formats = QGroupBox(self.tr("What"))
        formats_layout = QVBoxLayout(formats)
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        for fmt, (title, explanation, _folder, _name, _filter) in _FORMATS.items():
            button = QRadioButton(QCoreApplication.translate("ExportDialog", title))
            button.setObjectName(f"format_{fmt.value}")
            note = QLabel(QCoreApplication.translate("ExportDialog", explanation))
            note.setWordWrap(True)
            note.setIndent(22)
            note.setStyleSheet("color: palette(placeholder-text);")
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            formats_layout.addWidget(button)
            formats_layout.addWidget(note)
        self.format_buttons[ExportFormat.CSV].setChecked(True)

        self.only_patient = QCheckBox()
        self.only_patient.setObjectName("onlyPatient")
        if patient is not None:
            self.only_patient.setText(self.tr("Only {0} (MRN {1})").format(patient[1], patient[0]))
        else:
            self.only_patient.setText(self.tr("Only the selected patient (none selected: every patient)"))
            self.only_patient.setEnabled(False)

        self.destination = QLineEdit()
        self.destination.setObjectName("destination")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(formats)
        layout.addWidget(self.only_patient)
        layout.addWidget(QLabel(self.tr("Save to:")))
        layout.addLayout(where)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.format_group.buttonToggled.connect(lambda *_: self._suggest_destination())
        self._suggest_destination()

    def chosen_format(self) -> ExportFormat:
        return next(fmt for fmt, button in self.format_buttons.items() if button.isChecked())

    def _suggest_destination(self) -> None:
        name = _FORMATS[self.chosen_format()][3].format(date=self._today.isoformat())
        current = self.destination.text().strip()
        folder = Path(current).parent if current else self._folder
        self.destination.setText(str(folder / name))
        self.problem.clear()

    def _browse(self) -> None:
        fmt = self.chosen_format()
        _title, _explanation, is_folder, _name, name_filter = _FORMATS[fmt]
        dialog = QFileDialog(self, self.tr("Export to"))
        dialog.setObjectName("exportFileDialog")
        if is_folder:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setNameFilter(QCoreApplication.translate("ExportDialog", name_filter))
        dialog.selectFile(self.destination.text())
        from barium_tracker.ui.modal import run_modal

        if run_modal(dialog) == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            chosen = Path(dialog.selectedFiles()[0])
            if is_folder and fmt is ExportFormat.RESEARCH and chosen.is_dir() and any(chosen.iterdir()):
                chosen = chosen / _FORMATS[fmt][3].format(date=self._today.isoformat())
            self.destination.setText(str(chosen))

    def choice(self) -> ExportChoice | None:
        """What the user chose, or None (with the reason shown) when the destination cannot be used."""
        text = self.destination.text().strip()
        fmt = self.chosen_format()
        if not text:
            self.problem.setText(self.tr("Choose where to save the export."))
            return None
        destination = Path(text).expanduser()
        if not destination.parent.is_dir():
            self.problem.setText(self.tr("The folder {0} does not exist.").format(destination.parent))
            return None
        is_folder = _FORMATS[fmt][2]
        if is_folder and destination.exists() and not destination.is_dir():
            self.problem.setText(self.tr("{0} is a file; this export writes a folder.").format(destination))
            return None
        if not is_folder and destination.is_dir():
            self.problem.setText(self.tr("{0} is a folder; give a file name.").format(destination))
            return None
        if fmt is ExportFormat.RESEARCH and destination.is_dir() and any(destination.iterdir()):
            self.problem.setText(self.tr("A research export needs a new, empty folder."))
            return None
        mrns = (self._patient[0],) if self._patient is not None and self.only_patient.isChecked() else None
        return ExportChoice(fmt, destination, mrns)

    def _accept(self) -> None:
        if self.choice() is not None:
            self.accept()
