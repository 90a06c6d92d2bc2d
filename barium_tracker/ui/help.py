"""The user guide inside the program (F1): the same Markdown file as docs/user-guide.md, with its screenshots.

The guide is in the window's language (:func:`barium_tracker.ui.language.chosen`): docs/user-guide-es.md in Spanish,
docs/user-guide.md otherwise, and the English one when the Spanish file is missing. Both lie in the same folder
(resources/help/ in the wheel, docs/ in a checkout), so they share the screenshots and link to each other.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from barium_tracker import resources_path
from barium_tracker.ui import language

#: The guide's file name in each language; English is the source and the fallback.
GUIDE_FILES = {language.ENGLISH: "user-guide.md", language.SPANISH: "user-guide-es.md"}


def _guide_folders() -> list[Path]:
    """Shipped in the wheel as resources/help/; in a checkout, docs/."""
    return [Path(str(resources_path() / "help")), Path(__file__).resolve().parents[2] / "docs"]


def user_guide_path(lang: str | None = None) -> Path | None:
    """The guide in ``lang`` (default: the language installed for the window), else the English one, else None."""
    lang = lang or language.chosen() or language.ENGLISH
    names = [GUIDE_FILES[lang]] if lang in GUIDE_FILES and lang != language.ENGLISH else []
    names.append(GUIDE_FILES[language.ENGLISH])
    for name in names:
        for folder in _guide_folders():
            if (folder / name).is_file():
                return folder / name
    return None


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
