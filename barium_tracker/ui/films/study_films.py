"""The films of one TBE study: attach a radiograph to a timed minute, measure the column on it, compare it with the
same minute of another study at the same scale, remove one (kept in the record's history).

Opened from Record > Films of the selected study (or the study's row); every step asks services (images.library,
images.measurements), so the command line's ``image attach`` and this dialog obey the same rules.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain import fields
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.records import TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.decode import Radiograph, read_radiograph
from barium_tracker.services.images.library import (
    FilmMismatch,
    ImageListing,
    attach_film_to_study,
    detach,
    image_bytes,
    list_images,
    thumbnail,
)
from barium_tracker.services.images.measurements import (
    film_calibration,
    save_film_measurements,
    stored_film_measurements,
)
from barium_tracker.ui import modal, notation, translate
from barium_tracker.ui.films.compare import CompareFilms, ShownFilm
from barium_tracker.ui.films.dialog import measure_film
from barium_tracker.ui.films.panel import area_text, calibration_text, height_text, width_text

#: The minutes a film is usually taken at (the protocol's 1, 2 and 5), then others a clinic may use.
MINUTES = (1, 2, 5, 0, 3, 10, 15, 20)
_FILTER = "DICOM, PNG, JPEG, TIFF (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff);;*"


class StudyFilmsDialog(QDialog):
    """The attached films of one study, one row each: minute, thumbnail, file, scale and what was measured."""

    def __init__(self, clinic: Clinic, mrn: str, study: TbeStudy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("studyFilmsDialog")
        self.clinic, self.mrn, self.study = clinic, mrn, study
        self.changed = False  # a film attached, measured or removed: the caller shows the patient again
        self.setWindowTitle(self.tr("Films of the TBE study of {0}").format(notation.date_text(study.study_date)))
        self.listings: list[ImageListing] = []

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("filmsTable")
        self.table.setAccessibleName(self.tr("Films of this study"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Minute"), self.tr("File"), self.tr("Scale"), self.tr("Measured"), self.tr("Attached")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setIconSize(QSize(64, 64))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(lambda _item: self.measure())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.empty = QLabel(self.tr("No film attached yet: choose the minute, then Attach film…"))
        self.empty.setObjectName("filmsEmpty")
        self.empty.setWordWrap(True)

        self.minute = QComboBox(self)
        self.minute.setObjectName("filmMinute")
        self.minute.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.minute.setMinimumContentsLength(10)  # "minuto 10" whole beside the arrow, in every style
        for minute in MINUTES:
            self.minute.addItem(self.tr("{0} min").format(minute), minute)
        minute_label = QLabel(self.tr("&Minute of the film:"))
        minute_label.setBuddy(self.minute)
        self.minute.setAccessibleName(self.tr("Minute of the film"))
        self.attach_button = QPushButton(self.tr("&Attach film…"))
        self.attach_button.setObjectName("attachFilm")
        self.measure_button = QPushButton(self.tr("Mea&sure…"))
        self.measure_button.setObjectName("measureFilm")
        self.compare_button = QPushButton(self.tr("&Compare with another study…"))
        self.compare_button.setObjectName("compareFilm")
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setObjectName("removeFilm")
        for button in (self.attach_button, self.measure_button, self.compare_button, self.remove_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.attach_button.clicked.connect(self.attach)
        self.measure_button.clicked.connect(self.measure)
        self.compare_button.clicked.connect(self.compare)
        self.remove_button.clicked.connect(self.remove)

        attach_row = QHBoxLayout()
        attach_row.addWidget(minute_label)
        attach_row.addWidget(self.minute)
        attach_row.addWidget(self.attach_button)
        attach_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.measure_button, self.compare_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(attach_row)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        layout.addWidget(close)
        # Reading order: the minute and Attach, the list, what to do with the chosen film, Close.
        chain = [self.minute, self.attach_button, self.table, self.measure_button, self.compare_button]
        chain += [self.remove_button, close.button(QDialogButtonBox.StandardButton.Close)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove)
        self.resize(900, 480)
        self.refresh()

    # -- the list -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.selected()
        self.listings = [
            item
            for item in list_images(self.clinic, self.mrn)
            if item.kind == "film" and item.study_id == self.study.id and not item.removed
        ]
        self.table.setRowCount(len(self.listings))
        for row, item in enumerate(self.listings):
            measured = stored_film_measurements(self.clinic, item.attachment_id)  # read once for both columns
            minute = QTableWidgetItem(self.tr("{0} min").format(item.minute))
            picture = thumbnail(self.clinic, item.sha256)
            if picture:
                pixmap = QPixmap()
                pixmap.loadFromData(picture)
                minute.setIcon(QIcon(pixmap))
            size = self.tr("{0} x {1} px").format(item.columns, item.rows) if item.rows else ""
            cells = [
                minute,
                QTableWidgetItem(f"{item.file_name}\n{size}".strip()),
                QTableWidgetItem(self._scale_text(item, measured)),
                QTableWidgetItem(self._measured_text(measured)),
                QTableWidgetItem(f"{notation.moment_text(item.attached_at)}\n{item.attached_by}"),
            ]
            if item.confirmed_mismatch:  # in view, not only in a tooltip: the file named another patient or day
                cells[1].setText("⚠ " + cells[1].text())
                cells[1].setToolTip(self.tr("Attached although:\n{0}").format("\n".join(item.confirmed_mismatch)))
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.empty.setVisible(not self.listings)
        self.table.setVisible(bool(self.listings))
        if self.listings:
            ids = [item.attachment_id for item in self.listings]
            self.table.selectRow(ids.index(chosen.attachment_id) if chosen and chosen.attachment_id in ids else 0)
        self._update_buttons()

    def _scale_text(self, item: ImageListing, measured: FilmMeasurements | None) -> str:
        """The scale its lengths use: the saved measurement's calibration, else the file's own (never decoded here)."""
        if measured is not None and measured.calibration.calibrated:
            return calibration_text(measured.calibration)
        return calibration_text(film_calibration(self.clinic, item.attachment_id))

    def _measured_text(self, measured: FilmMeasurements | None) -> str:
        if measured is None:
            return self.tr("Not measured yet: Measure…")
        values = (
            ("height_cm", measured.height_cm, height_text(measured)),
            ("width_cm", measured.width_cm, width_text(measured)),
            ("traced_area_cm2", measured.area_cm2, area_text(measured)),
        )
        # Each value under the declared field's short label ("Height: 12,00 cm"); a value not marked is left out.
        return "\n".join(
            self.tr("{0}: {1}").format(translate.label(fields.film(name), short=True), text)
            for name, value, text in values
            if value is not None
        )

    def selected(self) -> ImageListing | None:
        rows = self.table.selectionModel().selectedRows()
        return self.listings[rows[0].row()] if rows and rows[0].row() < len(self.listings) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.measure_button, self.compare_button, self.remove_button):
            button.setEnabled(chosen)

    def _radiograph(self, item: ImageListing) -> Radiograph:
        return read_radiograph(image_bytes(self.clinic, item.sha256), item.file_name)

    def _warn(self, error: UserError) -> None:
        QMessageBox.warning(self, self.windowTitle(), translate.error_text(error))

    # -- what the buttons do --------------------------------------------------------------------------------------

    def attach(self, path: Path | None = None) -> None:
        """Attach a file to the chosen minute; a file that names another patient or day is attached only when the
        user confirms the differences it lists."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a film"), "", _FILTER)
            if not name:
                return
            path = Path(name)
        minute = int(self.minute.currentData())
        try:
            try:
                attach_film_to_study(self.clinic, self.study.id, minute, path)
            except FilmMismatch as mismatch:
                if not self._confirm_mismatch(mismatch):
                    return
                attach_film_to_study(self.clinic, self.study.id, minute, path, confirm_mismatch=True)
        except UserError as error:
            self._warn(error)
            return
        self.changed = True
        self.refresh()

    def _confirm_mismatch(self, mismatch: FilmMismatch) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Is this the right film?"), "", parent=self)
        box.setObjectName("confirmFilmMismatch")
        box.setText(
            self.tr("{0} may not belong to this record:").format(mismatch.path.name)
            + "\n\n"
            + "\n".join(f"• {translate.message_text(line)}" for line in mismatch.differences)
        )
        attach = box.addButton(self.tr("Attach it all the same"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # the safe answer is the default
        modal.run_modal(box)
        return box.clickedButton() is attach

    def measure(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            radiograph = self._radiograph(item)
            saved = measure_film(radiograph, stored_film_measurements(self.clinic, item.attachment_id), self)
            if saved is None:
                return
            save_film_measurements(self.clinic, item.attachment_id, saved)
        except UserError as error:
            self._warn(error)
            return
        self.changed = True
        self.refresh()

    def compare(self) -> None:
        """This film beside the same minute's film of another study of the patient, at the same scale."""
        item = self.selected()
        if item is None:
            return
        others = [
            other
            for other in list_images(self.clinic, self.mrn)
            if other.kind == "film"
            and not other.removed
            and other.minute == item.minute
            and other.study_id != self.study.id
        ]
        if not others:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("No other study of this patient has a film at {0} min to compare with.").format(item.minute),
            )
            return
        names = [
            self.tr("{0}, {1} min: {2}").format(notation.date_text(o.record_date), o.minute, o.file_name)
            for o in others
        ]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Compare with"), self.tr("Film to compare with:"), names, 0, False
        )
        if not ok:
            return
        other = others[names.index(chosen)]
        try:
            films = sorted(((item.record_date, item), (other.record_date, other)), key=lambda pair: pair[0])
            shown = [
                self._shown(listing, caption)
                for (_day, listing), caption in zip(films, (self.tr("Before"), self.tr("After")), strict=True)
            ]
        except UserError as error:
            self._warn(error)
            return
        dialog = QDialog(self)
        dialog.setObjectName("compareFilmsDialog")
        dialog.setWindowTitle(self.tr("Films at {0} min, before and after").format(item.minute))
        layout = QVBoxLayout(dialog)
        layout.addWidget(CompareFilms(*shown, parent=dialog))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(1100, 700)
        modal.run_modal(dialog)

    def _shown(self, listing: ImageListing, caption: str) -> ShownFilm:
        when = notation.date_text(listing.record_date)
        return ShownFilm(
            self._radiograph(listing),
            stored_film_measurements(self.clinic, listing.attachment_id),
            self.tr("{0}: {1}, {2} min").format(caption, when, listing.minute),
        )

    def remove(self) -> None:
        """Take a film off this study; the attachment stays in the history, marked removed, with the reason."""
        item = self.selected()
        if item is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Remove the film"), self.tr("Why is {0} removed from this study?").format(item.file_name)
        )
        if not ok:
            return
        try:
            detach(self.clinic, item.attachment_id, reason=reason.strip())
        except UserError as error:
            self._warn(error)
            return
        self.changed = True
        self.refresh()


def show_study_films(clinic: Clinic, mrn: str, study: TbeStudy, parent: QWidget | None = None) -> bool:
    """The films dialog, modal; True when something changed (the caller shows the patient again)."""
    dialog = StudyFilmsDialog(clinic, mrn, study, parent)
    try:
        modal.run_modal(dialog)
        return dialog.changed
    finally:
        dialog.deleteLater()
