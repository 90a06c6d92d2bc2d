"""The user guide inside the program (F1): the same Markdown file as docs/user-guide.md, with its screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from barium_tracker import resources_path


def user_guide_path() -> Path | None:
    """Shipped in the wheel as resources/help/user-guide.md; in a checkout, docs/user-guide.md."""
    packaged = resources_path() / "help" / "user-guide.md"
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"
    return checkout if checkout.is_file() else None


def show_user_guide(parent: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("userGuide")
    dialog.setWindowTitle(QDialog.tr("Barium Tracker user guide"))
    browser = QTextBrowser(dialog)
    browser.setObjectName("userGuideText")
    browser.setOpenExternalLinks(True)
    path = user_guide_path()
    if path is None:
        browser.setPlainText(QDialog.tr("The user guide is not installed with this copy of the program."))
    else:
        browser.setSearchPaths([str(path.parent)])
        browser.setMarkdown(path.read_text(encoding="utf-8"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(900, 700)
    dialog.show()
    return dialog
