"""What is said about a record: one wording, English by default, translated and localised whole when rendered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from barium_tracker.domain import wording
from barium_tracker.domain.enums import (
    ChicagoSubtype,
    ComplicationGrade,
    Fundoplication,
    LesOpening,
    OesophagitisGrade,
    PoemAccess,
    ProcedureType,
)
from barium_tracker.domain.records import ColumnMeasurement, Endoscopy, Manometry, Procedure, TbeStudy

DAY = dt.date(2025, 6, 10)


def _rescue_poem() -> Procedure:
    return Procedure(
        procedure_date=DAY,
        procedure_type=ProcedureType.POEM,
        rescue=True,
        poem_access=PoemAccess.POSTERIOR,
        myotomy_length_cm=Decimal(10),
        gastric_myotomy_length_cm=Decimal(3),
        knife="hybrid T knife",
        duration_min=44,
        anaesthesia="General",
        length_of_stay_days=5,
        operator="Dr Rojas",
    )


def test_seed_case_poem_in_one_line_in_phrases_and_in_sentences() -> None:
    p = _rescue_poem()
    assert str(wording.procedure_line(p)) == "Rescue POEM (posterior access, myotomy 10 cm)"
    assert str(wording.procedure_title(p, short=True)) == "Rescue POEM"
    summary = wording.procedure_summary(p)
    assert summary is not None
    assert str(wording.say("{s}", s=summary)) == (
        "posterior access; myotomy 10 cm; 3 cm gastric; hybrid T knife; 44 min; anaesthesia: general; stay 5 days; "
        "operator Dr Rojas"
    )
    assert [str(m) for m in wording.procedure_sentences(p, leave_out=["operator"])] == [
        "Rescue procedure (after a failed treatment).",
        "POEM access: posterior.",
        "Myotomy length: 10 cm.",
        "Gastric myotomy length: 3 cm.",
        "Knife: hybrid T knife.",
        "Procedure time: 44 min.",
        "Anaesthesia: General.",
        "Length of stay: 5 days.",
    ]


def test_botulinum_toxin_dose_and_sites_are_one_sentence() -> None:
    p = Procedure(
        procedure_date=DAY, procedure_type=ProcedureType.BOTULINUM_TOXIN, botox_units=Decimal(100), botox_sites=4
    )
    assert [str(m) for m in wording.procedure_sentences(p)] == ["Botulinum toxin: 100 U in 4 sites."]
    p.botox_units = None
    assert [str(m) for m in wording.procedure_sentences(p)] == ["Injection sites: 4."]


def test_heller_and_complications() -> None:
    p = Procedure(procedure_date=DAY, procedure_type=ProcedureType.LHM, fundoplication=Fundoplication.DOR)
    assert str(wording.procedure_line(p)) == "Laparoscopic Heller myotomy (fundoplication Dor (anterior))"
    assert wording.complication_text(p) is None
    p.complication_grade = ComplicationGrade.MILD
    assert str(wording.complication_text(p)) == "Mild"
    p.complication_text = "bleeding, clipped"
    assert str(wording.complication_text(p)) == "Mild: bleeding, clipped"


def test_events_in_one_line() -> None:
    study = TbeStudy(
        study_date=DAY,
        measurements=[ColumnMeasurement(minute=5, height_cm=Decimal("2.7")), ColumnMeasurement(minute=1)],
    )
    assert str(wording.study_line(study)) == "TBE: 1 min not measured; 5 min 2.7 cm"
    assert str(wording.study_line(TbeStudy(study_date=DAY))) == "TBE: no films recorded"
    assert str(wording.eckardt_line(12)) == "Eckardt score 12/12"
    m = Manometry(study_date=DAY, subtype=ChicagoSubtype.ACHALASIA_TYPE_II, irp_supine_mmhg=Decimal(33))
    assert str(wording.manometry_line(m)) == "Manometry: Achalasia type II, IRP supine 33 mmHg"
    e = Endoscopy(exam_date=DAY, les_opening=LesOpening.EASY, oesophagitis=OesophagitisGrade.NONE)
    assert str(wording.endoscopy_line(e)) == "Endoscopy: easy opening, no oesophagitis"
    assert str(wording.emptying_line(Decimal("64.16"))) == "Emptying 1 to 5 min: 64.2 %"
    assert str(wording.emptying_line(None)) == "Emptying 1 to 5 min: n/a"


def test_rendering_translates_templates_labels_and_codes_and_writes_numbers_as_the_clinic_does() -> None:
    catalogue = {
        ("wording", "Rescue {procedure}"): "{procedure} de rescate",
        ("wording", "{procedure} ({details})"): "{procedure} ({details})",
        ("wording", "{value!l} access"): "acceso {value!l}",
        ("wording", "{label} {value}"): "{label} {value}",
        ("enums", "POEM"): "POEM",
        ("enums", "Posterior"): "Posterior",
        ("fields", "myotomy"): "miotomía",
    }
    seen: list[tuple[str, str]] = []

    def translate(context: str, text: str) -> str:
        seen.append((context, text))
        return catalogue.get((context, text), text)

    p = _rescue_poem()
    p.myotomy_length_cm = Decimal("10.5")
    text = wording.procedure_line(p).render(translate, lambda v: format(v, "f").replace(".", ","))
    assert text == "POEM de rescate (acceso posterior, miotomía 10,5 cm)"
    assert ("fields", "myotomy") in seen


def test_one_day_is_a_day() -> None:
    p = Procedure(procedure_date=DAY, procedure_type=ProcedureType.POEM, length_of_stay_days=1)
    assert [str(m) for m in wording.procedure_sentences(p)] == ["Length of stay: 1 day."]
    p.length_of_stay_days = 2
    assert [str(m) for m in wording.procedure_sentences(p)] == ["Length of stay: 2 days."]
