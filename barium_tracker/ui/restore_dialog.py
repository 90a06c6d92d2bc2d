"""File > Restore from backup: pick a backup (listed beside the database, or any file), see whether it is sound.

The dialog only chooses; it checks each candidate read-only (integrity, schema version) so that a damaged, foreign
or newer file cannot even be chosen. The restore itself (close, replace keeping the current file, reopen) is done
by the caller through services.backups.restore in a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.services.backups import BackupKind, check_backup, list_backups
from barium_tracker.ui import notation, translate
from barium_tracker.ui.modal import run_modal

_KIND_TEXT = {
    BackupKind.DAILY: QT_TRANSLATE_NOOP("RestoreDialog", "automatic, daily"),
    BackupKind.MANUAL: QT_TRANSLATE_NOOP("RestoreDialog", "made by hand"),
    BackupKind.BEFORE_UPGRADE: QT_TRANSLATE_NOOP("RestoreDialog", "automatic, before an upgrade"),
    BackupKind.REPLACED: QT_TRANSLATE_NOOP("RestoreDialog", "the database a restore replaced"),
}


def _size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.0f} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB"


class RestoreDialog(QDialog):
    """The backups of one SQLite database, newest first, and a button for any other file."""

    PathRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setMinimumSize(620, 420)
        self.database = database
        intro = QLabel(
            self.tr(
                "Restoring replaces {0} with the backup you choose. The current file is kept in the backups "
                "folder, so a restore can itself be undone by restoring that copy."
            ).format(database)
        )
        intro.setWordWrap(True)
        self.backups = QListWidget()
        self.backups.setObjectName("backupList")
        for info in list_backups(database):
            text = self.tr("{0}  ·  {1}  ·  {2}").format(
                notation.moment_text(info.when),
                QCoreApplication.translate("RestoreDialog", _KIND_TEXT.get(info.kind, info.kind.value)),
                _size(info.size_bytes),
            )
            item = QListWidgetItem(text)
            item.setData(self.PathRole, str(info.path))
            item.setToolTip(str(info.path))
            self.backups.addItem(item)
        if self.backups.count() == 0:
            empty = QListWidgetItem(self.tr("No backups beside this database yet: choose a file."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.backups.addItem(empty)
        other = QPushButton(self.tr("Choose another file…"))
        other.setObjectName("chooseBackupFile")
        other.clicked.connect(self._choose_file)
        self.verdict = QLabel()
        self.verdict.setObjectName("backupVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Restore…"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups, 1)
        layout.addWidget(other, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.chosen: Path | None = None
        self.backups.currentItemChanged.connect(self._item_changed)
        first = self.backups.item(0)
        if first is not None and first.data(self.PathRole):
            self.backups.setCurrentItem(first)

    def _item_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        path = item.data(self.PathRole) if item is not None else None
        self.choose(Path(path) if path else None)

    def _choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a backup"))
        dialog.setObjectName("backupFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Barium Tracker database (*.sqlite3 *.sqlite *.db)"), self.tr("All files (*)")])
        dialog.setDirectory(str(self.database.parent))
        if run_modal(dialog) == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.backups.clearSelection()
            self.choose(Path(dialog.selectedFiles()[0]))

    def choose(self, path: Path | None) -> None:
        """Check ``path`` read-only and allow Restore only when it may be restored."""
        self.chosen = None
        self.ok.setEnabled(False)
        if path is None:
            self.verdict.clear()
            return
        if path.resolve() == self.database.resolve():
            self.verdict.setText(self.tr("That is the database itself; choose a backup."))
            return
        check = check_backup(path)
        if check.ok:
            self.chosen = path
            self.ok.setEnabled(True)
            self.verdict.setStyleSheet("color: #1b5e20;")
            self.verdict.setText(self.tr("{0}: {1}.").format(path.name, translate.message_text(check.reason)))
        else:
            self.verdict.setStyleSheet("color: #b00020;")
            self.verdict.setText(
                self.tr("{0} cannot be restored: {1}.").format(path.name, translate.message_text(check.reason))
            )
