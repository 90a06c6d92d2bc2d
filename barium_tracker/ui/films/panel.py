"""What the measuring panel says: each length with the calibration beside it, never pixels shown as centimetres.

Shared by the measuring dialog (its value lines) and the marks drawn on the image and in the compare view.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from barium_tracker.domain.calibration import Calibration
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.ui import notation, translate


def calibration_text(calibration: Calibration) -> str:
    """The calibration sentence in the user's language ("Pixel Spacing (patient plane)", "Uncalibrated: ...")."""
    return translate.message_text(calibration.explanation())


def quantity_text(value: Decimal | None, unit: str) -> str:
    """ "12,04 cm" (the workstation's decimal separator), or "—" when not measured."""
    return "—" if value is None else f"{notation.decimal_text(value)} {unit}"


def height_text(measurements: FilmMeasurements) -> str:
    return quantity_text(measurements.height_cm, "cm")


def width_text(measurements: FilmMeasurements) -> str:
    return quantity_text(measurements.width_cm, "cm")


def area_text(measurements: FilmMeasurements) -> str:
    return quantity_text(measurements.area_cm2, "cm²")


def with_source(value: str, calibration: Calibration) -> str:
    """A value with its calibration beside it: "12,04 cm · Pixel Spacing (patient plane)"; without a scale only
    the calibration sentence (which says to measure a known object first)."""
    if not calibration.calibrated:
        return calibration_text(calibration)
    return f"{value} · {calibration_text(calibration)}"


def mark_labels(measurements: FilmMeasurements) -> dict[str, str]:
    """The short texts drawn beside the marks on the image, by tool name ("height", "width", "outline")."""
    labels: dict[str, str] = {}
    if not measurements.calibrated:
        return labels
    if measurements.height_cm is not None:
        labels["height"] = QCoreApplication.translate("FilmMeasures", "Height {0}").format(height_text(measurements))
    if measurements.width_cm is not None:
        labels["width"] = QCoreApplication.translate("FilmMeasures", "Width {0}").format(width_text(measurements))
    if measurements.area_cm2 is not None:
        labels["outline"] = QCoreApplication.translate("FilmMeasures", "Area {0}").format(area_text(measurements))
    return labels
