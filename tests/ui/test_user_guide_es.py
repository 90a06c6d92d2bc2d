"""The Spanish user guide: F1 shows it in a Spanish window; it keeps the English guide's shape and the menus' words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser
from pytestqt.qtbot import QtBot

from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import populate_demo
from barium_tracker.ui import actions, help, language
from barium_tracker.ui.main_window import MainWindow
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tools import translations

DOCS = Path(__file__).resolve().parents[2] / "docs"
ENGLISH, SPANISH = DOCS / "user-guide.md", DOCS / "user-guide-es.md"
SPANISH_HEADING = "La ventana de trabajo"  # the English guide's "The workstation window"


@pytest.fixture
def demo_clinic(tmp_path: Path) -> Iterator[Clinic]:
    with Clinic.open(tmp_path / "demo.sqlite3") as clinic:
        populate_demo(clinic)
        yield clinic


def _press_f1(qtbot: QtBot, window: MainWindow) -> QTextBrowser:
    """F1 pressed where the keyboard's focus is, as a person would (the action's shortcut opens the guide)."""
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "userGuide")
    assert dialog is not None, "F1 opened no guide"
    qtbot.addWidget(dialog)
    browser = dialog.findChild(QTextBrowser, "userGuideText")
    assert browser is not None
    return browser


# -- F1 ------------------------------------------------------------------------------------------------------------


def test_f1_in_a_spanish_window_shows_the_spanish_guide_with_its_pictures(qtbot: QtBot, demo_clinic: Clinic) -> None:
    language.request("es")
    language.install(language.gui_language())
    window = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(window)
    browser = _press_f1(qtbot, window)
    text = browser.toPlainText()
    assert SPANISH_HEADING in text and "The workstation window" not in text
    assert browser.window().windowTitle() == "Guía del usuario de Barium Tracker"
    assert browser.document().resource(3, "screenshots/es/main-window.png") is not None  # 3 = ImageResource


def test_f1_in_an_english_window_shows_the_english_guide(qtbot: QtBot, demo_clinic: Clinic) -> None:
    language.request("en")
    language.install(language.gui_language())
    window = MainWindow(demo_clinic, demo=True)
    qtbot.addWidget(window)
    browser = _press_f1(qtbot, window)
    text = browser.toPlainText()
    assert "The workstation window" in text and SPANISH_HEADING not in text
    assert "En español: user-guide-es.md" in text
    browser.setSource(QUrl("user-guide-es.md"))  # what following the link at its top does
    assert SPANISH_HEADING in browser.toPlainText()


def test_the_guide_falls_back_to_english_when_the_spanish_file_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert help.user_guide_path("es") is not None and help.user_guide_path("es").name == "user-guide-es.md"
    monkeypatch.setitem(help.GUIDE_FILES, language.SPANISH, "no-such-guide-es.md")
    fallback = help.user_guide_path("es")
    assert fallback is not None and fallback.name == "user-guide.md"
    assert help.user_guide_path(None).name == "user-guide.md"  # no language chosen yet: English


# -- the Spanish guide keeps the English one's shape -----------------------------------------------------------------


def _prose(path: Path) -> list[str]:
    """The guide's lines outside fenced code blocks (a shell comment there is not a heading)."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def _headings(path: Path, level: int) -> list[str]:
    return [line for line in _prose(path) if line.startswith("#" * level + " ")]


@pytest.mark.parametrize("level", [1, 2, 3])
def test_the_spanish_guide_has_the_english_guide_s_sections(level: int) -> None:
    english, spanish = _headings(ENGLISH, level), _headings(SPANISH, level)
    assert english, f"no level-{level} heading in the English guide"
    assert len(spanish) == len(english), (english, spanish)


_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def test_the_spanish_guide_shows_the_same_screenshots_and_each_exists() -> None:
    english = Counter(_IMAGE.findall(ENGLISH.read_text(encoding="utf-8")))
    spanish = Counter(_IMAGE.findall(SPANISH.read_text(encoding="utf-8")))

    # The same screens, rendered in Spanish where make screenshots renders them (docs/screenshots/es/); the report's
    # pages are still the English report's.
    def in_spanish(image: str) -> str:
        spanish_image = image.replace("screenshots/", "screenshots/es/", 1)
        return spanish_image if (DOCS / spanish_image).is_file() else image

    assert spanish == Counter({in_spanish(image): n for image, n in english.items()})
    missing = [image for image in spanish if not (DOCS / image).is_file()]
    assert not missing


_ANCHOR = re.compile(r"\]\(#([^)]+)\)")


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, spaces to hyphens, punctuation dropped (accents kept)."""
    text = heading.lstrip("#").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_the_spanish_guide_s_links_inside_it_lead_to_its_headings() -> None:
    anchors = {_anchor(line) for line in _prose(SPANISH) if line.startswith("#")}
    links = _ANCHOR.findall(SPANISH.read_text(encoding="utf-8"))
    assert links and not [link for link in links if link not in anchors]


_ENGLISH_KEYS = {"Shift": "Mayús", "Delete": "Supr", "Enter": "Intro", "Escape": "Esc"}
_COMBO = re.compile(r"\bCtrl\+(?:(?:Shift|Mayús)\+)?(?:[A-Z]\b|,)|\bF1\b|\bCtrl\+Y\b")


def test_every_keyboard_shortcut_of_the_english_guide_is_in_the_spanish_one() -> None:
    english = ENGLISH.read_text(encoding="utf-8")
    for key, spanish_key in _ENGLISH_KEYS.items():
        english = re.sub(rf"\b{key}\b", spanish_key, english)
    expected = Counter(_COMBO.findall(english))
    assert expected["Ctrl+Mayús+T"] and expected["F1"]
    assert Counter(_COMBO.findall(SPANISH.read_text(encoding="utf-8"))) == expected


# -- the guide names the menus as the Spanish window shows them --------------------------------------------------------


def _spanish_menu_words() -> tuple[set[str], set[str]]:
    """The Spanish menu titles and action texts of ui/actions.py, as the menus show them (without the '&')."""
    catalogue = translations.read_catalogue(translations.catalogue_path("es"))

    def spanish(context: str, source: str) -> str:
        entry = catalogue.get((context, source))
        assert entry is not None and entry.finished, f"{source!r} ({context}) has no Spanish in the catalogue"
        return entry.translation.replace("&", "")

    menus = {spanish(actions._MAIN, text) for _, text in actions.MENUS}
    texts = {spanish(spec.context, spec.text) for spec in actions.ACTIONS}
    return menus, texts


def _menu_paths(text: str) -> list[list[str]]:
    """Every "Menu > Action" the guide names: in **bold** and in the Recording table's menu column."""
    paths = [span.split(" > ") for span in re.findall(r"\*\*(.+?)\*\*", text) if " > " in span]
    for row in re.findall(r"^\|[^|\n]*\| ([^|\n]+ > [^|\n]+) \|", text, flags=re.MULTILINE):
        paths.append(row.strip().split(" > "))
    return paths


def test_every_menu_path_the_spanish_guide_names_is_the_window_s_own(qapp: object) -> None:
    menus, texts = _spanish_menu_words()
    paths = _menu_paths(SPANISH.read_text(encoding="utf-8"))
    assert len(paths) > 10
    wrong = [
        path
        for path in paths
        if path[0] not in menus
        or any(item not in texts for part in path[1:] for item in part.split(" / ") if item != "...")
    ]
    assert not wrong


def test_the_spanish_shortcut_table_names_each_menu_and_action_as_the_window_does(qapp: object) -> None:
    menus, texts = _spanish_menu_words()
    lines = SPANISH.read_text(encoding="utf-8").split("## Atajos de teclado", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in lines.splitlines() if line.startswith("| ") and "---" not in line]
    rows = rows[1:]  # the header
    assert len(rows) == 15
    wrong = [
        (menu.strip(), action.strip())
        for menu, action in rows
        if menu.strip() not in menus or any(part.strip() not in texts for part in action.split(" / "))
    ]
    assert not wrong
