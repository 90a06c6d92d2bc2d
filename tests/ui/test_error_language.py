"""A service's error is shown in the window's language: the full disk of an export, the refused restore, an empty
database and an import file in another encoding (issue 12's messages are Message values with their Spanish)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from barium_tracker.services.exchange import ImportFailed, read_import_files
from barium_tracker.services.output_files import OutputFailed, writing
from barium_tracker.storage.database import DamagedDatabase, open_database
from barium_tracker.ui import language
from barium_tracker.ui.translate import error_text, message_text
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)


@pytest.fixture
def spanish(qapp: QApplication) -> None:
    language.install("es")


def test_a_full_disk_is_said_in_spanish(spanish: None, tmp_path: Path) -> None:
    with pytest.raises(OutputFailed) as failed, writing(tmp_path / "tablas", "export", folder=True):
        raise OSError(errno.ENOSPC, "No space left on device")
    said = error_text(failed.value)
    assert (
        said == f"No se pudo escribir la exportación en {tmp_path / 'tablas'}: el disco está lleno. No quedó nada allí."
    )
    assert str(failed.value).startswith("The export could not be written")  # the command line's English stays


def test_an_empty_database_is_said_in_spanish(spanish: None, tmp_path: Path) -> None:
    path = tmp_path / "clinica.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabase) as refused:
        open_database(path)
    assert error_text(refused.value).startswith(f"El archivo de base de datos {path} está vacío (0 bytes)")


def test_an_import_file_in_another_encoding_is_said_in_spanish(spanish: None, tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_bytes("mrn,family_name\nJP-1,佐藤\n".encode("shift_jis"))
    with pytest.raises(ImportFailed) as failed:
        read_import_files([path])
    (problem,) = failed.value.problems
    said = message_text(problem.said)
    assert "no es texto UTF-8 ni Windows-1252" in said and "línea 2" in said


def test_the_start_up_diagnosis_is_said_in_spanish(spanish: None, tmp_path: Path) -> None:
    from barium_tracker.services.backups import diagnose_open_failure_said

    path = tmp_path / "clinica.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabase) as refused:
        open_database(path)
    said = diagnose_open_failure_said(path, refused.value)
    assert said is not None
    text = message_text(said)
    assert text.startswith(f"La base de datos {path} está vacía (0 bytes)")
    assert "No se encontró ninguna copia de seguridad válida" in text


def test_a_whole_number_field_says_its_error_in_spanish(spanish: None, qtbot: QtBot) -> None:
    from barium_tracker.ui.fields import IntegerEdit

    edit = IntegerEdit()
    qtbot.addWidget(edit)
    edit.setText("cinco")
    value, error = edit.read("length_of_stay_days", "Estancia hospitalaria")
    assert value is None and error is not None and error.said is not None
    assert message_text(error.said) == "Estancia hospitalaria: 'cinco' no es un número entero"
    assert error.message == "Estancia hospitalaria: 'cinco' is not a whole number"  # the English, for logs


def test_the_restore_dialog_says_why_and_when_in_spanish(spanish: None, qtbot: QtBot, tmp_path: Path) -> None:
    import datetime as dt

    from barium_tracker.services.backups import backup_now
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.restore_dialog import RestoreDialog

    path = tmp_path / "clinica.sqlite3"
    clinic = Clinic.open(path)
    backup_now(clinic, None)
    clinic.close()
    other = tmp_path / "otra.sqlite3"
    other.write_bytes(b"esto no es una base de datos" * 100)
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    listed = dialog.backups.item(0).text()
    assert listed.startswith(dt.date.today().strftime("%d/%m/%Y ")), listed  # day first, as the clinic writes it
    dialog.choose(other)
    assert dialog.verdict.text() == (
        "otra.sqlite3 no se puede restaurar: está dañada: no se puede leer como base de datos SQLite (no es un "
        "archivo de base de datos SQLite)."
    )
