"""The language of the window and of the commands' words: chosen once at start-up, then loaded as Qt translators.

The choice, first that applies: ``--language es|en`` on the command line (:func:`request`); for the window, the
language picked in Preferences (UI state in QSettings, read at start-up: a change takes effect after a restart);
otherwise the operating system's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, else Qt's system locale): ``es_*``
gives Spanish, anything else English. English is the source text, so English needs no catalogue.

Spanish loads two catalogues: the program's (``resources/translations/barium_tracker_es.qm``, from
``tools/translations.py``) and Qt's own (``qtbase_es.qm`` shipped with PySide6: "Cancelar", "Descartar"...).
Only QtCore is imported here; loading a .qm is a few milliseconds, so the first paint is not delayed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from barium_tracker import resources_path

ENGLISH, SPANISH = "en", "es"
LANGUAGES = (ENGLISH, SPANISH)
#: The QSettings key of the language picked in Preferences ("" or missing: follow the operating system).
SETTINGS_KEY = "ui/language"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first set one decides

_requested: str | None = None  # --language, for the whole process
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators
_chosen: str | None = None  # the language install() made current (None: not chosen yet)


def request(language: str | None) -> None:
    """``--language``: this language for the window and every command of this process (None: choose as usual)."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    global _requested
    _requested = language


def requested() -> str | None:
    return _requested


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The operating system's language: Spanish for an ``es`` locale, else English."""
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return SPANISH if value.lower().startswith("es") else ENGLISH
    return SPANISH if QLocale.system().language() == QLocale.Language.Spanish else ENGLISH


def preferred_language() -> str | None:
    """The language picked in Preferences, or None to follow the operating system (needs the app's QSettings)."""
    value = QSettings().value(SETTINGS_KEY)
    return str(value) if value in LANGUAGES else None


def set_preferred_language(language: str | None) -> None:
    """Remember the language picked in Preferences (None: follow the operating system) for the next start."""
    if language is None:
        QSettings().remove(SETTINGS_KEY)
    else:
        QSettings().setValue(SETTINGS_KEY, language)


def gui_language() -> str:
    """The window's language: ``--language``, else Preferences, else the operating system."""
    return _requested or preferred_language() or system_language()


def command_language() -> str:
    """A command's language: ``--language``, else the operating system (commands read no UI state)."""
    return _requested or system_language()


def translators(language: str) -> list[QTranslator]:
    """The loaded catalogues for ``language``: the program's, then Qt's own (none for English, or when missing)."""
    if language == ENGLISH:
        return []
    loaded = []
    program = QTranslator()
    if program.load(str(resources_path() / "translations" / f"barium_tracker_{language}.qm")):
        loaded.append(program)
    qt = QTranslator()
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt)
    return loaded


def install(language: str) -> str:
    """Make ``language`` the language of every ``tr()`` of this process (replacing the one installed before)."""
    global _chosen
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    for translator in translators(language):
        if QCoreApplication.installTranslator(translator):
            _installed.append(translator)
    _chosen = language
    return language


def chosen() -> str | None:
    """The language :func:`install` made current, or None before the application chose one."""
    return _chosen


def reset() -> None:
    """Back to English source text and no choice made (tests; a new start)."""
    global _chosen
    install(ENGLISH)
    request(None)
    _chosen = None


def translate_function(language: str) -> Callable[[str, str], str]:
    """``(context, source) -> text`` in ``language`` without a QCoreApplication, for the commands' output."""
    loaded = translators(language)

    def translate(context: str, source: str) -> str:
        for translator in loaded:
            text = translator.translate(context, source)
            if text:
                return text
        return source

    return translate
