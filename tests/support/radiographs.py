"""Synthesised radiographs for tests: small DICOM files (each calibration source, MONOCHROME1, rescale, windows,
identity) and PNGs, written with pydicom and Pillow, so that no test needs a real patient's film."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

#: Digital X-Ray Image Storage - For Presentation.
DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1"


def gradient(rows: int, cols: int, bits: int = 12) -> np.ndarray:
    """A known image: value = row * cols + column, wrapped into ``bits`` (each pixel tells where it is)."""
    values = np.arange(rows * cols, dtype=np.int64).reshape(rows, cols) % (1 << bits)
    return values.astype(np.uint16)


def write_radiograph_dicom(
    path: Path,
    rows: int = 64,
    cols: int = 48,
    pixel_spacing: Sequence[float] | None = None,
    imager_pixel_spacing: Sequence[float] | None = None,
    magnification: float | None = None,
    photometric: str = "MONOCHROME2",
    patient_id: str = "HC-0001",
    patient_name: str = "Quispe^Juan",
    study_date: dt.date | None = dt.date(2025, 7, 10),
    window: tuple[float, float] | Sequence[tuple[float, float]] | None = None,
    *,
    calibration_type: str | None = None,
    rescale: tuple[float, float] | None = None,
    pixels: np.ndarray | None = None,
    bits_stored: int = 12,
    voi_lut: Sequence[int] | None = None,
    preamble: bool = True,
    raw_tags: dict[str, object] | None = None,
) -> Path:
    """A one-frame DX file, Explicit VR Little Endian, 16 bits allocated; returns ``path``.

    ``window`` is one (center, width) or several; ``rescale`` (slope, intercept); ``pixels`` (rows x cols, uint16)
    defaults to :func:`gradient`; ``voi_lut`` a VOI LUT Sequence of 16-bit entries starting at stored value 0;
    ``raw_tags`` sets any attribute by keyword as given (to write nonsense values).
    """
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = DX_FOR_PRESENTATION
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128 if preamble else None)
    ds.SOPClassUID = DX_FOR_PRESENTATION
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "DX"
    ds.PatientID = patient_id
    ds.PatientName = patient_name
    if study_date is not None:
        ds.StudyDate = study_date.strftime("%Y%m%d")
        ds.AcquisitionDate = ds.StudyDate
    values = gradient(rows, cols, bits_stored) if pixels is None else np.asarray(pixels, dtype=np.uint16)
    ds.Rows, ds.Columns = values.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, bits_stored, bits_stored - 1
    ds.PixelRepresentation = 0
    if pixel_spacing is not None:
        ds.PixelSpacing = [float(v) for v in pixel_spacing]
    if calibration_type is not None:
        ds.PixelSpacingCalibrationType = calibration_type
    if imager_pixel_spacing is not None:
        ds.ImagerPixelSpacing = [float(v) for v in imager_pixel_spacing]
    if magnification is not None:
        ds.EstimatedRadiographicMagnificationFactor = magnification
    if window is not None:
        pairs = [window] if isinstance(window[0], int | float) else list(window)  # type: ignore[list-item]
        ds.WindowCenter = [float(c) for c, _w in pairs]  # type: ignore[misc]
        ds.WindowWidth = [float(w) for _c, w in pairs]  # type: ignore[misc]
        ds.WindowCenterWidthExplanation = [f"WINDOW{i + 1}" for i in range(len(pairs))]
    if rescale is not None:
        ds.RescaleSlope, ds.RescaleIntercept = rescale
        ds.RescaleType = "US"
    if voi_lut is not None:
        item = Dataset()
        item.add_new("LUTDescriptor", "US", [len(voi_lut), 0, 16])
        item.add_new("LUTData", "US", [int(v) for v in voi_lut])
        ds.VOILUTSequence = DicomSequence([item])
    for keyword, value in (raw_tags or {}).items():
        setattr(ds, keyword, value)
    ds.PixelData = values.astype("<u2").tobytes()
    ds.save_as(path, enforce_file_format=preamble)
    return path


def write_png(path: Path, pixels: np.ndarray) -> Path:
    """A PNG of ``pixels`` (uint8 grey or RGB, or uint16 grey); returns ``path``."""
    from PIL import Image

    Image.fromarray(pixels).save(path, format="PNG")
    return path
