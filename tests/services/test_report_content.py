"""What the report says, without Qt: its blocks from the seed case, words from the declarations, one rendering."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from barium_tracker.domain import fields, wording
from barium_tracker.domain.messages import Message
from barium_tracker.services import presentation
from barium_tracker.services.demo import seed_case
from barium_tracker.services.report.content import chart_captions, report_content
from barium_tracker.services.report.document import Chart, Heading, Inline, Table, Tone
from barium_tracker.services.report.markup import to_html
from barium_tracker.services.summary import PatientSummary, summarize

GENERATED = dt.datetime(2026, 11, 24, 10, 30)


def _summary() -> PatientSummary:
    return summarize(seed_case(), today=GENERATED.date())


def _text(inline: Inline) -> str:
    return "".join("\n" if run.tone is Tone.BREAK else str(run.text) for run in inline)


def _table_after(blocks: list, heading: str) -> Table:
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and _text(b.text) == heading)
    return next(b for b in blocks[index:] if isinstance(b, Table))


def _upper(text: str) -> str:
    """A stand-in translation: the words upper case, the placeholders as they are."""
    return re.sub(r"([^{}]+)(?![^{]*})", lambda m: m.group(1).upper(), text)


def _blocks() -> list:
    return report_content(_summary(), clinic_name="Clinic", generated=GENERATED, chart_captions=chart_captions())


def test_procedures_table_says_what_the_shared_wording_says() -> None:
    summary = _summary()
    table = _table_after(_blocks(), "Procedures")
    procedures = sorted(summary.history.procedures, key=lambda p: p.procedure_date)
    assert len(table.rows) == len(procedures)
    for row, p in zip(table.rows, procedures, strict=True):
        assert _text(row[1]) == str(wording.procedure_title(p))
        details = wording.procedure_summary(p)
        if details is not None:
            assert _text(row[2]).startswith("; ".join(str(part) for part in details.parts))
        assert _text(row[3]) == str(wording.complication_text(p) or "None")
    assert _text(table.headers[3]) == fields.procedure("complication_grade").label


def test_table_headers_are_the_declared_labels_and_units() -> None:
    blocks = _blocks()
    manometry = [
        _text(h) for h in _table_after(blocks, "High-resolution manometry (Chicago Classification v4.0)").headers
    ]
    for name in ("system", "subtype", "irp_supine_mmhg", "irp_upright_mmhg", "irp_upper_limit_mmhg"):
        assert fields.manometry(name).label in manometry
    films = [_text(h) for h in _table_after(blocks, "Timed barium esophagogram studies").headers]
    height = fields.film("height_cm")
    assert films == [
        "Date",
        fields.film("minute").label,
        f"{height.short} ({height.unit})",
        "Width (cm)",
        "Area (cm²)",
        "Study",
    ]
    eckardt = [_text(h) for h in _table_after(blocks, "Eckardt symptom score").headers]
    assert [fields.eckardt(n).label for n in ("dysphagia", "regurgitation", "retrosternal_pain", "weight_loss")] == (
        eckardt[1:5]
    )
    assert fields.eckardt("total").label in eckardt
    endoscopy = [_text(h) for h in _table_after(blocks, "Endoscopy").headers]
    assert [fields.endoscopy(n).label for n in ("les_opening", "oesophagitis", "residue", "findings")] == endoscopy[1:]


def test_emptying_and_changes_come_from_the_wording() -> None:
    html = to_html(_blocks())
    assert "Follow-up TBE 2025-07-10 (30 days after)" in html
    assert str(wording.percent_change(Decimal("-77.5"))) in html
    charts = [b for b in _blocks() if isinstance(b, Chart)]
    assert [c.caption for c in charts] == list(chart_captions())


def test_every_word_of_the_report_goes_through_one_translate() -> None:
    """A translation plugs in at one place: the markup renders every message with the translate it is given."""
    seen: set[str] = set()

    def shout(context: str, text: str) -> str:
        seen.add(context)
        return _upper(text)

    html = to_html(_blocks(), translate=shout)
    assert "TIMED BARIUM ESOPHAGOGRAM (TBE) REPORT" in html
    assert "RESCUE POEM" in html and "posterior ACCESS; MYOTOMY 10 cm" in html  # !l lower-cases the access; units stay
    assert "IRP SUPINE" in html and "BIRTH DATE" in html
    assert {"report", "fields", "wording", "enums"} <= seen
    # What the record holds as written is not translated: the patient's name, the notes, the published rules' words.
    assert "Quispe Huamán, Mateo" in html
    words = re.sub(r"<[^>]+>", " ", html)
    assert "Procedures" not in words and "Diagnosis and manometry" not in words


def test_a_value_set_apart_keeps_its_sentence_whole() -> None:
    html = to_html(_blocks())
    assert "Diagnosis: <b>Achalasia type II</b> since 2021-05-20." in html
    assert "<b>12</b>/12" in html


def test_presentation_renders_through_the_translate_it_is_given() -> None:
    summary = _summary()
    english = presentation.summary_to_text(summary)
    assert "Response to Rescue POEM on 2025-06-10" in english
    assert "  Eckardt: 12 before, 2 after (-83.3 %)" in english
    shouted = presentation.summary_to_text(summary, translate=lambda context, text: _upper(text))
    assert "RESPONSE TO RESCUE POEM ON 2025-06-10" in shouted
    html = presentation.responses_html(summary, number=lambda value: str(value).replace(".", ","))
    assert "2,7 cm" in html and "-77,5 %" in html
    assert isinstance(wording.emptying_heading(), Message)
    assert str(wording.emptying_heading()) in presentation.studies_table_html(summary)
