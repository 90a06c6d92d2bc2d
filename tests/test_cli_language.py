"""Every command's human-readable output in the chosen language (``--language es``), numbers and dates as this
workstation writes them; ``--json`` output and the files written never change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from barium_tracker import cli
from barium_tracker.ui import notation
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite3"
    assert cli.main(["demo", "create", str(path), "--patients", "3"]) == 0
    capsys.readouterr()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_db_and_patients_in_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"
    code, out, _ = run(capsys, "--language", "es", "demo", "create", str(path), "--patients", "3")
    assert code == 0 and out.startswith("Se creó la base de datos de demostración ")
    assert "(caso semilla DEMO-0001 y 3 pacientes sintéticos)" in out
    code, _, err = run(capsys, "demo", "create", str(path), "--language", "es")
    assert code == cli.EXIT_USER_ERROR
    assert err.strip().endswith("ya existe; elija un nombre de archivo nuevo para la base de datos de demostración.")
    code, out, _ = run(capsys, "--language", "es", "db", "check", "--db", str(path))
    assert code == 0
    assert "Base de datos:  " in out and "Estado:         actualizada" in out and "Integridad:     correcta" in out
    code, out, _ = run(capsys, "--language", "es", "patients", "--db", str(path))
    lines = out.splitlines()
    assert lines[0].startswith("N.º de HC") and "Diagnóstico" in lines[0] and "Último procedimiento" in lines[0]
    seed = next(line for line in lines if line.startswith("DEMO-0001"))
    assert "Acalasia tipo II" in seed and "10/07/2025" in seed and "10/06/2025" in seed
    assert lines[-1] == "4 paciente(s)"
    _, out, _ = run(capsys, "--language", "es", "patients", "--db", str(path), "--search", "nadie")
    assert out == "Ningún paciente coincide.\n"


def test_json_output_never_changes(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["patients"], ["summary", "DEMO-0001"]):
        _, english, _ = run(capsys, *command, "--db", str(demo_db), "--json")
        _, spanish, _ = run(capsys, "--language", "es", *command, "--db", str(demo_db), "--json")
        assert spanish == english and "2025-07-10" in english


def test_summary_in_spanish_writes_commas_and_day_first_dates(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--language", "es", "summary", "DEMO-0001", "--db", str(demo_db))
    assert "  10/07/2025  Esofagograma: 5 min 2,7 cm\n" in out  # the timeline, translated
    assert "  10/06/2025  POEM de rescate (acceso posterior, miotomía 10 cm)\n" in out
    assert "-77,5 %" in out and "2.7" not in out and "2025-07-10" not in out


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_report_command_follows_language_and_this_workstation_notation(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "informe.pdf"
    code, out, _ = run(capsys, "--language", "es", "report", "DEMO-0001", "--db", str(demo_db), "-o", str(pdf))
    assert code == 0 and out == f"Se escribió el informe {pdf}\n"
    text = _pdf_text(pdf)
    assert "2,7 cm el 10/07/2025 (-77,5 %)" in text and "Página 1 de" in text and "Respuesta al tratamiento" in text
    # Preferences of this workstation (a point, ISO dates) hold for the command too; the words stay Spanish.
    QCoreApplication.setOrganizationName("Barium Tracker")
    QCoreApplication.setApplicationName("Barium Tracker")
    notation.set_preferences(notation.POINT, notation.ISO)
    assert cli.main(["--language", "es", "report", "DEMO-0001", "--db", str(demo_db), "-o", str(pdf)]) == 0
    text = _pdf_text(pdf)
    assert "2.7 cm el 2025-07-10 (-77.5 %)" in text and "Página 1 de" in text
    notation.set_preferences(None, None)
    english = tmp_path / "report.pdf"
    assert cli.main(["report", "DEMO-0001", "--db", str(demo_db), "-o", str(english)]) == 0
    assert "2.7 cm on 2025-07-10 (-77.5 %)" in _pdf_text(english)


def test_errors_are_said_in_spanish(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--language", "es", "summary", "NADIE", "--db", str(demo_db))
    assert (
        code == cli.EXIT_USER_ERROR
        and err == f"barium-tracker: No hay ningún paciente con N.º de HC NADIE en {demo_db}\n"
    )
    missing = tmp_path / "no-such-folder" / "x.pdf"
    _, _, err = run(capsys, "--language", "es", "report", "DEMO-0001", "--db", str(demo_db), "-o", str(missing))
    assert err == f"barium-tracker: La carpeta {missing.parent} no existe; elija otro lugar para el informe.\n"
    _, _, err = run(capsys, "--language", "es", "db", "check", "--db", str(tmp_path / "nowhere" / "x.sqlite3"))
    assert "no existe, así que no se puede crear allí la base de datos." in err


def test_backup_restore_and_settings_in_spanish(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copia.sqlite3"
    _, out, _ = run(capsys, "--language", "es", "backup", str(copy), "--db", str(demo_db))
    assert out == f"Copia de seguridad de {demo_db} en {copy} (verificada)\n"
    _, out, _ = run(capsys, "--language", "es", "restore", str(copy), "--db", str(demo_db))
    first, second = out.splitlines()
    assert first == f"Se restauró {demo_db} desde {copy} (esquema 0003_film_measurements)."
    assert second.startswith("La base de datos reemplazada se guardó como ")
    _, out, _ = run(capsys, "--language", "es", "settings", "--db", str(demo_db), "--eckardt-success-max", "2")
    assert out.splitlines() == [
        f"Configuración modificada de {demo_db}",
        "  Nombre del servicio:          (sin definir: los informes no imprimen el nombre del servicio)",
        "  Sistema de N.º de HC (FHIR):  urn:barium-tracker:mrn",
        "  Éxito según Eckardt:          puntaje total <= 2",
        "  Área de Sanagapalli:          primero altura x ancho (de Oliveira 1997)",
    ]


def test_export_and_import_say_it_in_spanish_and_write_the_same_files(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english, spanish = tmp_path / "en", tmp_path / "es"
    assert cli.main(["export", "--format", "csv", "-o", str(english), "--db", str(demo_db)]) == 0
    capsys.readouterr()
    _, out, _ = run(capsys, "--language", "es", "export", "--format", "csv", "-o", str(spanish), "--db", str(demo_db))
    assert out.splitlines()[0] == f"Se escribió {spanish / 'patients.csv'}"
    for written in sorted(english.iterdir()):
        assert (spanish / written.name).read_bytes() == written.read_bytes(), written.name
    files = [str(path) for path in sorted(spanish.iterdir())]
    _, out, _ = run(capsys, "--language", "es", "import", *files, "--dry-run", "--db", str(demo_db))
    assert out.splitlines()[0].startswith("Prueba (no se escribió nada): ")
    assert "Pacientes: se añadirían 0" in out and "Nada nuevo: cada fila ya está en la base de datos." in out
    research = tmp_path / "investigacion"
    _, out, _ = run(
        capsys, "--language", "es", "export", "--format", "research", "-o", str(research), "--db", str(demo_db)
    )
    assert out.startswith(f"Se escribió la exportación para investigación de 4 paciente(s) en {research}\n")


def test_import_problems_are_listed_in_spanish(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "otra.csv"
    bad.write_text("hola\n", encoding="utf-8")
    code, out, err = run(capsys, "--language", "es", "import", str(bad), "--db", str(demo_db))
    assert code == cli.EXIT_USER_ERROR and out == ""
    assert err.splitlines() == [
        "barium-tracker: no se importó nada; 1 problema(s):",
        "  otra.csv línea 1, valor 'hola': no hay fila de encabezado: la primera fila debe nombrar las columnas "
        "(por ejemplo mrn,study_date,height_5min_cm); vea docs/file-formats.md",
    ]
    studies = tmp_path / "studies.csv"
    studies.write_text(
        "mrn,study_date,height_5min_cm\nDEMO-0001,2025-13-01,2\nDEMO-0001,2025-01-02,abc\nNUEVO-1,2025-01-03,2\n"
        "DEMO-0001,03/04/2024,2\n",
        encoding="utf-8",
    )
    _, _, err = run(capsys, "--language", "es", "import", str(studies), "--db", str(demo_db))
    lines = err.splitlines()
    assert lines[0] == "barium-tracker: no se importó nada; 4 problema(s):"
    assert (
        "  studies.csv línea 2, columna study_date, valor '2025-13-01': '2025-13-01' no es una fecha real "
        "(año 2025, mes 13, día 1)"
    ) in lines
    assert any(line.startswith("  studies.csv línea 3, columna height_5min_cm, valor 'abc': ") for line in lines)
    assert any("El N.º de HC NUEVO-1 no está en la base de datos" in line for line in lines)
    assert (
        "  studies.csv línea 5, columna study_date, valor '03/04/2024': '03/04/2024' es ambigua (¿3 de abril o 4 de "
        "marzo?): use ISO 2024-04-03 o indique --day-first (la casilla 'Las fechas son día/mes/año' del asistente)"
    ) in lines
    _, _, english = run(capsys, "import", str(studies), "--db", str(demo_db))
    assert "  studies.csv line 2, column study_date, value '2025-13-01': '2025-13-01' is not a real date" in english


def test_import_conflicts_and_number_errors_are_whole_spanish_sentences(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studies = tmp_path / "studies.csv"
    studies.write_text(
        "mrn,study_date,family_name,height_5min_cm\n"
        "DEMO-0001,2025-07-10,,3\n"  # the stored study says 2.7
        "DEMO-0001,2025-01-05,,2\n"
        "DEMO-0001,2025-01-05,,3,5\n".replace(",3,5", ',"3,5"')
        + "DEMO-0001,2025-01-06,Otro,abc\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--language", "es", "import", str(studies), "--db", str(demo_db))
    lines = err.splitlines()
    assert code == cli.EXIT_USER_ERROR and lines[0] == "barium-tracker: no se importó nada; 4 problema(s):", lines
    said = "\n".join(lines)
    assert (
        "studies.csv línea 2, columna height_5min_cm, valor '3': contradice el esofagograma guardado (N.º de HC "
        "DEMO-0001, 10/07/2025): height_5min_cm: '3' aquí, '2.7' allá (aquí = este archivo, allá = la base de datos); "
        "una importación nunca cambia registros guardados"
    ) in said
    assert (
        "studies.csv línea 4, columna height_5min_cm, valor '3.5': el mismo esofagograma que studies.csv línea 3 "
        "(N.º de HC DEMO-0001, 05/01/2025) con otros valores: height_5min_cm: '3.5' aquí, '2' allá"
    ) in said
    assert "studies.csv línea 5, columna height_5min_cm, valor 'abc': Altura al minuto 5: 'abc' no es un número" in said
    assert "columna family_name, valor 'Otro': El N.º de HC DEMO-0001 está guardado con family_name '" in said
    assert "here" not in said and "there" not in said and "stored" not in said


def test_restore_refusals_and_integrity_problems_in_spanish(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "otra.sqlite3"
    other.write_bytes(b"esto no es una base de datos" * 100)
    code, _, err = run(capsys, "--language", "es", "restore", str(other), "--db", str(demo_db))
    assert code == cli.EXIT_USER_ERROR
    assert err == (
        f"barium-tracker: {other} no se puede restaurar: está dañada: no se puede leer como base de datos SQLite (no "
        "es un archivo de base de datos SQLite). No se modificó nada.\n"
    )
    code, _, err = run(capsys, "--language", "es", "restore", str(demo_db), "--db", str(demo_db))
    assert err == (
        f"barium-tracker: {demo_db} es la propia base de datos; elija un archivo de copia de seguridad. "
        "No se modificó nada.\n"
    )
    code, _, err = run(capsys, "--language", "es", "settings", "--db", str(demo_db), "--eckardt-success-max", "13")
    assert code == cli.EXIT_USER_ERROR and err == (
        "barium-tracker: El umbral de éxito del puntaje de Eckardt debe ser un número entero entre 0 y 12; usted "
        "ingresó 13\n"
    )


def test_a_damaged_database_names_its_newest_backup_in_spanish(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["backup", "--db", str(demo_db)]) == 0  # into backups/ beside the database
    capsys.readouterr()
    (backup,) = (tmp_path / "backups").glob("demo-*-manual.sqlite3")
    demo_db.write_bytes(b"")  # a disk fault cut it to 0 bytes
    code, _, err = run(capsys, "--language", "es", "patients", "--db", str(demo_db))
    assert code == cli.EXIT_USER_ERROR
    last = err.splitlines()[-1]
    assert last == (
        f"La copia de seguridad válida más reciente es {backup}. Para restaurarla: barium-tracker restore --db "
        f"{demo_db} {backup}"
    ), err
    assert "newest" not in err and "backup is" not in err
