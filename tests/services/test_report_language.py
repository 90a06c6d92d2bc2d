"""The report in the chosen language and notation: Spanish pages, PDF and charts with "2,7 cm" and 14/03/2015 dates,
no English left over, and the English report as it was."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from barium_tracker.domain import rules
from barium_tracker.domain.records import PatientHistory
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, seed_case
from barium_tracker.services.records import save_history
from barium_tracker.services.report import ENGLISH, Report, Writing, build_report, chart_svgs, write_report_pdf
from barium_tracker.services.summary import patient_summary
from barium_tracker.ui import language, notation
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

GENERATED = dt.datetime(2026, 4, 20, 9, 30)
SPANISH_HEADINGS = (
    "Informe de esofagograma baritado cronometrado (EBC)",
    "Diagnóstico y manometría",
    "Procedimientos",
    "Estudios de esofagograma baritado cronometrado",
    "Gráficos",
    "Respuesta al tratamiento",
    "Puntaje de síntomas de Eckardt",
    "Endoscopía",
    "Referencias",
)
#: Words a Spanish report shares with the English one that are Spanish too, or names: authors, journals, the app,
#: procedures and systems said the same way in both languages (POEM, IRP, Chicago, Heller, Dor), units and symbols.
SAME_IN_BOTH = {
    *("Barium", "Tracker", "DEMO", "POEM", "IRP", "Chicago", "Heller", "Dor", "Eckardt", "II", "v"),
    *("Vaezi", "Rohof", "Sanagapalli", "Suwatthanarak", "Blonski", "Oliveira", "de"),
    *("cm", "cm²", "min", "mmHg", "x"),
    *("No", "no", "anterior", "posterior", "general", "normal", "total", "a"),  # Spanish words as well
    "n",  # of "n/a" and its Spanish "n/d"
}
_WORD = re.compile(r"[^\W\d_]+")


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """pytest-qt's QApplication, so that the report finds one."""


@pytest.fixture
def seeded(clinic: Clinic) -> Clinic:
    save_history(clinic, seed_case(), source="test: seed case")
    return clinic


def spanish(separator: str = notation.COMMA, date_order: str = notation.DAY_FIRST) -> Writing:
    written = notation.Notation(separator, date_order)
    return Writing(language.translate_function(language.SPANISH), written.number, written.date)


def _report(clinic: Clinic, writing: Writing = ENGLISH) -> Report:
    return build_report(clinic, SEED_MRN, generated=GENERATED, writing=writing)


def _recorded_text(history: PatientHistory) -> list[str]:
    """What the record holds as written (names, notes, free text) and the published sources: never translated."""
    p = history.patient
    texts = [p.display_name, p.notes]
    texts += [m.notes for m in history.manometry] + [m.system for m in history.manometry]
    texts += [s.notes for s in history.studies] + [e.findings for e in history.endoscopy]
    for procedure in history.procedures:
        texts += [procedure.notes, getattr(procedure, "knife", "") or ""]
    sources = [getattr(rules, name) for name in dir(rules) if name.endswith("_SOURCE")]
    return sorted({t.strip() for t in [*texts, *sources] if t and t.strip()}, key=len, reverse=True)


def _words(text: str, recorded: list[str]) -> set[str]:
    for written in recorded:
        text = text.replace(written, " ")
    return set(_WORD.findall(text))


def test_spanish_report_writes_the_clinic_numbers_dates_and_headings(seeded: Clinic) -> None:
    text = _report(seeded, spanish()).text()
    assert "Altura de la columna al minuto 5: 12 cm antes, 2,7 cm el 10/07/2025 (-77,5 %)" in text
    assert "POEM de rescate, 10/06/2025" in text
    assert "✓ El vaciamiento mejoró 77,5 % al minuto 5, de 12 a 2,7 cm (Vaezi: adecuado, >= 50 %)" in text
    assert "Área (cm²)" in text and "02/11/2009 (16 años)" in text
    assert "30 días después de POEM de rescate" in text  # the studies' relation, the charts' wording
    for heading in SPANISH_HEADINGS:
        assert f"\n{heading}\n" in f"\n{text}\n", heading
    # The running header and footer of every page.
    assert "Informe de esofagograma\n" in text
    assert "Quispe Huamán, Mateo - N.º de HC DEMO-0001" in text
    assert "Generado el 20/04/2026 09:30 por Barium Tracker" in text and "Página 1 de " in text
    assert "2.7" not in text and "2025-07-10" not in text and "-77.5" not in text


def test_spanish_report_leaves_no_english_word_of_the_english_report(seeded: Clinic) -> None:
    english, spanish_text = _report(seeded).text(), _report(seeded, spanish()).text()
    recorded = _recorded_text(seed_case())
    english_words = _words(english, recorded)
    assert {"Procedures", "before", "after", "Page", "Generated", "not", "measured", "days"} <= english_words
    leftovers = (english_words & _words(spanish_text, recorded)) - SAME_IN_BOTH
    assert leftovers == set()


def test_english_report_keeps_points_iso_dates_and_english_words(seeded: Clinic) -> None:
    text = _report(seeded).text()
    assert "Column height at 5 min 12 cm before, 2.7 cm on 2025-07-10 (-77.5 %)" in text
    assert "Generated 2026-04-20 09:30 by Barium Tracker" in text and "Page 1 of " in text
    assert "30 days after Rescue POEM" in text and "Report generated\n2026-04-20 09:30" in text
    assert "-77,5" not in text and "10/07/2025" not in text  # (the seed notes write "2,7 cm", as the paper does)


def test_the_notation_is_chosen_apart_from_the_language(seeded: Clinic) -> None:
    """A Spanish report with a point and ISO dates (a workstation's Preferences): Spanish words, those numbers."""
    text = _report(seeded, spanish(notation.POINT, notation.ISO)).text()
    assert "Altura de la columna al minuto 5: 12 cm antes, 2.7 cm el 2025-07-10 (-77.5 %)" in text


def _svg_texts(svg: bytes) -> list[str]:
    """matplotlib draws text as paths and names each text in a comment before it."""
    return [t.strip() for t in re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"), re.S)]


def test_spanish_charts_name_axes_legends_months_and_changes_in_spanish(seeded: Clinic) -> None:
    summary = patient_summary(seeded, SEED_MRN, today=GENERATED.date())
    (course_caption, course), (_caption, emptying) = chart_svgs(summary, spanish())
    assert course_caption.render(language.translate_function("es")).startswith("Evolución de la altura")
    course_texts, emptying_texts = _svg_texts(course), _svg_texts(emptying)
    for expected in (
        "Fecha del estudio",
        "Altura de la columna de bario (cm)",
        "Puntaje de Eckardt (0-12)",
        "Procedimiento",
        "5 min: 12,0 -&gt; 2,7 cm (-77,5 %)",
        "5 cm: estasis (Rohof 2013); punto de corte al 1 min (Blonski 2018)",
        "abr",
        "jul",
    ):
        assert expected in course_texts, expected
    assert "10/06/2025" in "\n".join(course_texts)  # the procedure labels' dates
    no_films = "Minutos tras la ingesta de bario (estos estudios no tienen placa al minuto 1 ni al minuto 2)"
    assert no_films in emptying_texts
    assert "2,7 cm" in emptying_texts and "10/07/2025 (30 días después de POEM de rescate)" in emptying_texts
    english_only = {"Exam date", "Procedure", "Apr", "Jul", "Oct", "Jan", "Eckardt score", "2.7 cm"}
    assert english_only.isdisjoint(course_texts + emptying_texts)


def test_english_charts_keep_their_words_and_month_names(seeded: Clinic) -> None:
    summary = patient_summary(seeded, SEED_MRN, today=GENERATED.date())
    (_c, course), (_e, emptying) = chart_svgs(summary)
    course_texts = _svg_texts(course)
    assert {"Exam date", "Barium column height (cm)", "Apr", "Jul", "5 min: 12.0 -&gt; 2.7 cm (-77.5 %)"} <= set(
        course_texts
    )
    assert "2.7 cm" in _svg_texts(emptying)


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_spanish_pdf_says_it_in_spanish(seeded: Clinic, tmp_path: Path) -> None:
    path = write_report_pdf(seeded, SEED_MRN, tmp_path / "informe.pdf", generated=GENERATED, writing=spanish())
    text = _pdf_text(path)
    flat = " ".join(text.split())
    assert "2,7 cm el 10/07/2025 (-77,5 %)" in flat
    assert "Página 1 de" in flat and "Generado el 20/04/2026 09:30" in flat
    assert "Respuesta al tratamiento" in flat and "Puntaje de síntomas de Eckardt" in flat
    assert "Page 1 of" not in flat and "2.7 cm" not in flat
    english_path = write_report_pdf(seeded, SEED_MRN, tmp_path / "report.pdf", generated=GENERATED)
    english = " ".join(_pdf_text(english_path).split())
    assert "2.7 cm on 2025-07-10 (-77.5 %)" in english and "Page 1 of" in english
