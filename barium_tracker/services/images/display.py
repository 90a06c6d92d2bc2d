"""What a radiograph looks like on screen: window/level to 8 bits, MONOCHROME1 the right way round, thumbnails.

The first view follows the file: its VOI LUT Sequence when it has one, else its first WindowCenter/WindowWidth, else
the image's own minimum to maximum. MONOCHROME1 means high values are dark, so it is inverted for display (and the
``invert`` switch inverts whatever the file says). The window is linear, as DICOM's VOI LUT function LINEAR
(PS3.3 C.11.2.1.2): values at or below ``center - width / 2`` are black, at or above ``center + width / 2`` white.
"""

from __future__ import annotations

import io

import numpy as np

from barium_tracker.services.images.decode import Radiograph

Window = tuple[float, float]  # (center, width) in modality values


def default_window(radiograph: Radiograph) -> Window:
    """The file's first window, else the image's minimum to maximum."""
    if radiograph.windows:
        first = radiograph.windows[0]
        return first.center, first.width
    return _full_range(radiograph.pixels())


def _full_range(pixels: np.ndarray) -> Window:
    low, high = float(np.min(pixels)), float(np.max(pixels))
    return (low + high) / 2, max(high - low, 1.0)


def to_display(
    pixels: np.ndarray,
    photometric: str,
    window_center: float | None = None,
    window_width: float | None = None,
    invert: bool = False,
) -> np.ndarray:
    """8-bit grey (H x W) or RGB (H x W x 3) for the screen.

    Greyscale is windowed with ``window_center``/``window_width`` (the image's minimum to maximum when either is
    None); colour is shown as it is (scaled to 8 bits when deeper). MONOCHROME1 is inverted, and ``invert`` inverts
    again.
    """
    values = np.asarray(pixels)
    if values.ndim == 3:
        shown = values if values.dtype == np.uint8 else _scaled(values, 0.0, float(max(np.max(values), 1)))
        return (255 - shown) if invert else shown
    if window_center is None or window_width is None:
        window_center, window_width = _full_range(values)
    width = max(float(window_width), 1.0)
    low = float(window_center) - width / 2
    shown = _scaled(values, low, low + width)
    if (photometric.strip().upper() == "MONOCHROME1") != invert:
        shown = 255 - shown
    return shown


def _scaled(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """``values`` from [low, high] to 0..255 (clipped), as uint8; float32 is enough for 16-bit data and half the
    memory of float64."""
    span = max(high - low, 1e-12)
    out = (values.astype(np.float32) - np.float32(low)) * np.float32(255.0 / span)
    np.clip(out, 0, 255, out=out)
    return np.rint(out, out=out).astype(np.uint8)


def first_view(radiograph: Radiograph) -> np.ndarray:
    """The image as the file means it to be seen first (see the module's docstring), 8 bits."""
    lut = radiograph.voi_lut_view()
    if lut is not None:
        top = float(np.iinfo(lut.dtype).max) if np.issubdtype(lut.dtype, np.integer) else float(np.max(lut))
        return to_display(lut, radiograph.photometric, top / 2, top)
    center, width = default_window(radiograph)
    return to_display(radiograph.pixels(), radiograph.photometric, center, width)


def thumbnail_png(radiograph: Radiograph, max_side: int = 256) -> bytes:
    """A PNG of the first view no larger than ``max_side`` on either side (for lists), at the true aspect ratio
    when the pixels are not square."""
    from PIL import Image

    image = Image.fromarray(first_view(radiograph))
    width, height = float(radiograph.columns), float(radiograph.rows)
    calibration = radiograph.calibration
    if calibration.calibrated and not calibration.square:
        height *= calibration.row_spacing_mm / calibration.column_spacing_mm  # type: ignore[operator]
    scale = min(1.0, max_side / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
