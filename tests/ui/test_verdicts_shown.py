"""The same verdict, sign and colour in the workspace's response panel, the report, the command line and Spanish."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from barium_tracker import cli
from barium_tracker.domain.rules import Flag, FlagStatus
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import SEED_MRN, populate_demo, seed_case
from barium_tracker.services.patients import load_history
from barium_tracker.services.presentation import responses_html, summary_to_text
from barium_tracker.services.report.content import chart_captions, report_content
from barium_tracker.services.report.document import Table, Tone
from barium_tracker.services.summary import PatientSummary, summarize
from barium_tracker.ui import language
from barium_tracker.ui.cohort import words
from barium_tracker.ui.translate import message_text, number_text
from barium_tracker.ui.workspace import PatientWorkspace
from tests.support.language import _compiled_catalogue  # noqa: F401 (autouse fixture)

GREEN, RED, GREY = "#1b7837", "#b2182b", "#555555"

SEED_LINES = (
    "✓ Emptying improved 77.5 % at 5 min, 12 to 2.7 cm (Vaezi: adequate, >= 50 %)",
    "✓ No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)",
    "✓ Treatment success: Eckardt 2 on 2026-06-10 (success is <= 3)",
    "✓ Concordant response: symptoms and emptying both improved, Eckardt 12 to 2 (-83.3 %)",
)
POOR_LINES = (
    "⚠ Poor emptying: improved only 16.7 % at 5 min, 12 to 10 cm (Vaezi: < 50 %)",
    "⚠ Stasis: 10 cm at 5 min, retreatment likely (Rohof: stasis is > 5 cm)",
    "⚠ Discordant response: symptoms improved but emptying did not, high risk of recurrence",
)
NOT_APPLICABLE_LINE = "– No verdict: the 5-min width was not measured on the reference study (2025-06-09)"


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    language.reset()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    with Clinic.open(path) as clinic:
        populate_demo(clinic, cohort_size=2)
    return path


def _seed(post_h5: str | None = None) -> PatientSummary:
    history = seed_case()
    if post_h5 is not None:
        film = max(history.studies, key=lambda s: s.study_date).at(5)
        assert film is not None
        film.height_cm = Decimal(post_h5)
    return summarize(history, today=dt.date(2026, 11, 24))


def _poem_flags(summary: PatientSummary) -> list[Flag]:
    poem = summary.responses[-1]
    return [*poem.follow_ups[0].flags, *poem.flags]


def _coloured(html: str) -> dict[str, str]:
    """Each verdict line of the response panel's HTML -> its colour."""
    found = re.findall(r'<span style="color:(#[0-9a-f]{6})">(.) <b>([^<]*)</b></span>', html)
    return {f"{mark} {text}".replace("&gt;", ">").replace("&lt;", "<"): colour for colour, mark, text in found}


def _starting(lines: dict[str, str], start: str) -> str:
    (colour,) = [colour for line, colour in lines.items() if line.startswith(start)]
    return colour


# -- the workspace's response panel ---------------------------------------------------------------------------------


def test_the_seed_case_reads_as_good_news_in_the_response_panel(qtbot: QtBot, demo_db: Path) -> None:
    with Clinic.open(demo_db) as clinic:
        summary = summarize(load_history(clinic, mrn=SEED_MRN))
    workspace = PatientWorkspace()
    qtbot.addWidget(workspace)
    workspace.show_summary(summary)
    shown = workspace.responses.toPlainText()
    for line in SEED_LINES:
        assert line in shown
    assert NOT_APPLICABLE_LINE in shown
    assert "not met" not in shown and "MET" not in shown and "poor emptying" not in shown.lower()
    assert "Rohof et al., Am J Gastroenterol 2013;108:49-55" in shown  # the source, under its verdict
    colours = _coloured(responses_html(summary))
    for line in SEED_LINES:
        assert _starting(colours, line) == GREEN, line
    assert _starting(colours, NOT_APPLICABLE_LINE) == GREY


def test_twelve_to_ten_cm_reads_as_bad_news_in_the_response_panel(qtbot: QtBot) -> None:
    summary = _seed("10")
    workspace = PatientWorkspace()
    qtbot.addWidget(workspace)
    workspace.show_summary(summary)
    shown = workspace.responses.toPlainText()
    colours = _coloured(responses_html(summary))
    for line in POOR_LINES:
        assert line in shown
        assert _starting(colours, line) == RED, line
    assert "✓ Treatment success: Eckardt 2" in shown  # the symptoms did improve: said as such, in green


# -- the report and the command line -------------------------------------------------------------------------------


def _report_findings(summary: PatientSummary) -> dict[str, Tone]:
    blocks = report_content(
        summary, clinic_name="Clinic", generated=dt.datetime(2026, 11, 24), chart_captions=chart_captions()
    )
    findings: dict[str, Tone] = {}
    for block in blocks:
        if isinstance(block, Table) and [str(h[0].text) for h in block.headers] == ["Rule", "Finding", "Source"]:
            for row in block.rows:
                (run,) = row[1]
                findings[str(run.text)] = run.tone
    return findings


@pytest.mark.parametrize(
    ("post_h5", "lines", "tone"), [(None, SEED_LINES, Tone.FAVOURABLE), ("10", POOR_LINES, Tone.UNFAVOURABLE)]
)
def test_the_report_says_the_same_lines_in_the_same_tone(
    post_h5: str | None, lines: tuple[str, ...], tone: Tone
) -> None:
    findings = _report_findings(_seed(post_h5))
    for line in lines:
        assert _starting({text: str(t) for text, t in findings.items()}, line) == str(tone), line
    assert not any("not met" in text or "MET" in text for text in findings)
    if post_h5 is None:
        assert _starting({text: str(t) for text, t in findings.items()}, NOT_APPLICABLE_LINE) == str(Tone.NEUTRAL)


def test_the_command_line_says_the_same_lines(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(demo_db), "summary", SEED_MRN]) == 0
    text = capsys.readouterr().out
    for line in (*SEED_LINES, NOT_APPLICABLE_LINE):
        assert line in text
    assert "[MET]" not in text and "not met" not in text
    poor = summary_to_text(_seed("10"))
    for line in POOR_LINES:
        assert line in poor


# -- Spanish -------------------------------------------------------------------------------------------------------


def test_a_verdict_in_spanish(qtbot: QtBot) -> None:
    language.install("es")
    flags = {flag.rule.id: flag for flag in _poem_flags(_seed())}
    two_point_seven = number_text(Decimal("2.7"))
    assert message_text(flags["rohof_stasis"].verdict) == (
        f"Sin estasis: {two_point_seven} cm al minuto 5 (Rohof: estasis es > 5 cm)"
    )
    assert message_text(flags["vaezi_height_5min"].verdict) == (
        f"El vaciamiento mejoró {number_text(Decimal('77.5'))} % al minuto 5, de 12 a {two_point_seven} cm "
        "(Vaezi: adecuado, >= 50 %)"
    )
    poor = {flag.rule.id: flag for flag in _poem_flags(_seed("10"))}
    assert message_text(poor["vaezi_height_5min"].verdict).startswith("Vaciamiento deficiente: mejoró solo ")
    workspace = PatientWorkspace()
    qtbot.addWidget(workspace)
    workspace.show_summary(_seed())
    shown = workspace.responses.toPlainText()
    # numbers as the panel writes them: the Spanish notation's decimal comma (ui/notation.py)
    assert "✓ Sin estasis: 2,7 cm al minuto 5 (Rohof: estasis es > 5 cm)" in shown
    assert "✓ Respuesta concordante: mejoraron tanto los síntomas como el vaciamiento" in shown
    # the rule, its criterion and its source under the verdict, in Spanish too (the citation as published)
    assert "Rohof: estasis: altura > 5 cm al minuto 5 después del tratamiento. Fuente: Rohof et al." in shown
    assert "not met" not in shown and "Source" not in shown
    # a cohort cell: the finding in a few words with the same sign
    assert words.rule_cell("rohof_stasis", FlagStatus.NOT_MET, True) == "✓ sin estasis"
    assert words.rule_cell("vaezi_height_5min", FlagStatus.MET, False) == "⚠ vaciamiento deficiente"
    assert words.rule_cell("vaezi_height_5min", FlagStatus.NOT_APPLICABLE, None) == "– n/d"
