"""Radiographs without Qt: reading DICOM, PNG, JPEG and TIFF files (:mod:`.decode`) and showing them (:mod:`.display`).

The scale and the measurement math are in the domain (``domain/calibration.py``, ``domain/geometry.py``): plain
Python, so the viewer, the command line and the storage all measure the same way.
"""

from __future__ import annotations

from barium_tracker.services.images.decode import (
    DICOM,
    JPEG,
    MEDIA_TYPES,
    PNG,
    TIFF,
    DicomIdentity,
    Radiograph,
    VoiWindow,
    read_radiograph,
    read_radiograph_file,
    sniff,
)
from barium_tracker.services.images.display import default_window, first_view, thumbnail_png, to_display

__all__ = [
    "DICOM",
    "JPEG",
    "MEDIA_TYPES",
    "PNG",
    "TIFF",
    "DicomIdentity",
    "Radiograph",
    "VoiWindow",
    "default_window",
    "first_view",
    "read_radiograph",
    "read_radiograph_file",
    "sniff",
    "thumbnail_png",
    "to_display",
]
