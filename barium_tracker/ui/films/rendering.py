"""Window/level fast enough to drag: an 8-bit lookup table per step instead of arithmetic on every pixel.

:func:`barium_tracker.services.images.display.to_display` windows the whole image in float32 (23-29 ms for a
3000 x 3000 16-bit film); while the user drags the window that is too slow for the screen's 16 ms. Radiographs hold
integers (stored values, or rescaled values that are still whole numbers), so each pixel is turned once into an
index (value - minimum, uint16) and every step is ``to_display`` of the few thousand possible values (the lookup
table, so the window, MONOCHROME1 and invert follow the one rule of display.py) and one ``numpy.take``. Images whose
values are not whole numbers, or span more than 65536 values, fall back to ``to_display`` itself.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from barium_tracker.services.images.display import to_display

#: The most distinct values a lookup table covers (a uint16 index).
MAX_LUT_SIZE = 1 << 16


class WindowedImage:
    """One greyscale (or colour) array shown with a window: :meth:`render` gives the 8-bit view and a QImage on it."""

    def __init__(self, values: np.ndarray, photometric: str) -> None:
        self.values = np.asarray(values)
        self.photometric = photometric
        self._index: np.ndarray | None = None
        self._low, self._size = 0, 0
        if self.values.ndim == 2 and self.values.size:
            self._index, self._low, self._size = _lut_index(self.values)
        self.shown: np.ndarray = np.zeros((0, 0), np.uint8)  # the last rendered array: the QImage's buffer

    @property
    def uses_lut(self) -> bool:
        return self._index is not None

    def display(
        self,
        center: float,
        width: float,
        invert: bool = False,
        *,
        region: tuple[int, int, int, int] | None = None,
        step: int = 1,
    ) -> np.ndarray:
        """The 8-bit view of the array with this window (identical to ``to_display``); only rows y0:y1 and columns
        x0:x1 of ``region`` = (y0, y1, x0, x1), every ``step``-th pixel, when given (a preview while dragging)."""
        y0, y1, x0, x1 = region if region is not None else (0, self.values.shape[0], 0, self.values.shape[1])
        if self._index is None:
            part = self.values[y0:y1:step, x0:x1:step]
            return np.ascontiguousarray(to_display(part, self.photometric, center, width, invert))
        possible = np.arange(self._low, self._low + self._size, dtype=np.int64)
        table = to_display(possible, self.photometric, center, width, invert)
        return np.take(table, self._index[y0:y1:step, x0:x1:step])

    def render(self, center: float, width: float, invert: bool = False) -> QImage:
        """A QImage of :meth:`display`; it shares the array, kept in :attr:`shown` until the next render."""
        self.shown = np.ascontiguousarray(self.display(center, width, invert))
        return image_of(self.shown)


def _lut_index(values: np.ndarray) -> tuple[np.ndarray | None, int, int]:
    """(index = value - minimum as uint16, minimum, number of possible values) when every value is a whole number
    within 65536 of the minimum; else (None, 0, 0)."""
    low, high = values.min(), values.max()
    whole = np.issubdtype(values.dtype, np.integer) or (
        np.isfinite(low) and np.isfinite(high) and np.array_equal(values, np.rint(values))
    )
    if not whole:
        return None, 0, 0
    low_i, high_i = int(low), int(high)
    if high_i - low_i >= MAX_LUT_SIZE:
        return None, 0, 0
    # A uint16 image from 0 is its own index (no copy).
    index = values if values.dtype == np.uint16 and low_i == 0 else (values - low_i).astype(np.uint16)
    return index, low_i, high_i - low_i + 1


def image_of(shown: np.ndarray) -> QImage:
    """A QImage over ``shown`` (uint8, H x W grey or H x W x 3 RGB, C-contiguous), without copying: the caller keeps
    ``shown`` alive as long as the image."""
    rows, columns = shown.shape[:2]
    if shown.ndim == 2:
        return QImage(shown.data, columns, rows, shown.strides[0], QImage.Format.Format_Grayscale8)
    return QImage(shown.data, columns, rows, shown.strides[0], QImage.Format.Format_RGB888)
