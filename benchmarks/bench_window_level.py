"""One window/level step on a 3000 x 3000 16-bit film (issue 13 target: under 16 ms), before and after, same run.

In-process and offscreen. Compared, each the median of ``--repeats`` steps (each step a different window, as a
drag gives), alternated step after step so they share the machine's noise:

- ``to_display``: ``services.images.display.to_display`` on the whole image (float32 arithmetic on every pixel)
  and its QPixmap, the way a viewer without a lookup table or preview would render each step (before);
- ``lut_full``: ``ui.films.rendering.WindowedImage.display`` on the whole image (a 4096-entry table and one
  ``numpy.take``), plus the QImage and QPixmap of it: what the viewer does on release;
- ``drag_step``: what the viewer does per mouse move while the right button is held: ``FilmView.set_window(...,
  preview=True)`` (only the visible part, at about one image pixel per screen pixel: fitted in a 1000 x 800 view,
  every third pixel) and the repaint of the viewport (after);
- ``open_to_paint``: decoding the DICOM file and showing the ``MeasureFilmDialog`` until its first paint (the issue's
  target: under 500 ms).

    .venv/bin/python benchmarks/bench_window_level.py [--repeats 31] [--size 3000] [--json-out [PATH]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR.parent) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR.parent))

import numpy as np  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from barium_tracker.services.images.decode import read_radiograph_file  # noqa: E402
from barium_tracker.services.images.display import to_display  # noqa: E402
from barium_tracker.ui.films.dialog import MeasureFilmDialog  # noqa: E402
from barium_tracker.ui.films.rendering import WindowedImage, image_of  # noqa: E402
from barium_tracker.ui.films.view import FilmView  # noqa: E402
from benchmarks.bench_workspace import _FirstPaint  # noqa: E402 (the first paint of a widget, as measured there)
from tests.support.radiographs import write_radiograph_dicom  # noqa: E402

TARGET_STEP_MS = 16.0
TARGET_OPEN_MS = 500.0


def film(size: int, folder: Path) -> Path:
    """A 12-bit film in 16-bit words with structure (a smooth column and noise), PixelSpacing 0.15 mm."""
    rng = np.random.default_rng(13)
    rows, columns = np.mgrid[0:size, 0:size]
    column = 1800 * np.exp(-(((columns - size / 2) / (size / 10)) ** 2))
    values = 800 + column + rng.normal(0, 60, (size, size)) + rows * (600 / size)
    pixels = np.clip(values, 0, 4095).astype(np.uint16)
    return write_radiograph_dicom(
        folder / "film.dcm", pixels=pixels, pixel_spacing=[0.15, 0.15], window=(2048, 4096), bits_stored=12
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=31)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--json-out", nargs="?", const="", default=None)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = film(args.size, Path(folder))
        opened = []
        for _ in range(3):
            start = time.perf_counter()
            radiograph = read_radiograph_file(path)
            dialog = MeasureFilmDialog(radiograph)
            watcher = _FirstPaint()
            dialog.view.viewport().installEventFilter(watcher)
            dialog.show()
            while not watcher.painted:
                app.processEvents()
            opened.append((time.perf_counter() - start) * 1000)
            dialog.done(0)
            dialog.deleteLater()
            app.processEvents()

    pixels = radiograph.pixels()
    windowed = WindowedImage(pixels, radiograph.photometric)
    view = FilmView(radiograph)
    view.resize(1000, 800)
    view.show()
    app.processEvents()
    view.fit()
    app.processEvents()
    timings: dict[str, list[float]] = {"to_display": [], "lut_full": [], "drag_step": []}

    def timed(name: str, step: int) -> None:
        center, width = 1500.0 + 7 * step, 3000.0 - 11 * step
        start = time.perf_counter()
        if name == "to_display":
            shown = np.ascontiguousarray(to_display(pixels, radiograph.photometric, center, width))
            QPixmap.fromImage(image_of(shown))
        elif name == "lut_full":
            QPixmap.fromImage(windowed.render(center, width))
        else:
            view.set_window(center, width, preview=True)
            view.viewport().repaint()
        timings[name].append((time.perf_counter() - start) * 1000)

    for step in range(args.repeats + 2):
        order = list(timings) if step % 2 == 0 else list(reversed(timings))
        for name in order:
            timed(name, step)
    for values in timings.values():
        del values[:2]  # warm-up
    check = np.array_equal(windowed.display(1500, 3000), to_display(pixels, radiograph.photometric, 1500, 3000))
    result = {
        "size": args.size,
        "repeats": args.repeats,
        "machine": platform.platform(),
        "lut_equals_to_display": bool(check),
        "open_to_paint_ms": statistics.median(opened),
        **{f"{name}_median_ms": statistics.median(values) for name, values in timings.items()},
    }
    print(f"Window/level on a {args.size} x {args.size} 16-bit film, median of {args.repeats} steps (same run):")
    print(f"  to_display, whole image + QPixmap (before) {result['to_display_median_ms']:6.1f} ms")
    print(f"  LUT, whole image + QPixmap (on release)   {result['lut_full_median_ms']:7.1f} ms")
    print(
        f"  drag step: visible part + repaint (after) {result['drag_step_median_ms']:7.1f} ms "
        f"(target {TARGET_STEP_MS:.0f} ms)"
    )
    print(
        f"  open the file to the painted dialog       {result['open_to_paint_ms']:7.1f} ms "
        f"(target {TARGET_OPEN_MS:.0f} ms)"
    )
    print(f"  LUT identical to to_display: {check}")
    if args.json_out is not None:
        out = Path(args.json_out) if args.json_out else BENCH_DIR / "results" / f"window-level-{dt.date.today()}.json"
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
