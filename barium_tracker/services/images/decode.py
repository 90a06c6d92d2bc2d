"""Reading a radiograph: DICOM (with its scale, identity and windows), PNG, JPEG or TIFF, recognised by content.

DICOM pixel data is decoded by pydicom's pixel decoders with the pylibjpeg plugins (JPEG baseline/extended/lossless,
JPEG-LS, JPEG 2000, RLE); PNG, JPEG and TIFF by Pillow, which has no trustworthy scale at the patient (their
resolution fields are print DPI), so they are uncalibrated until a known object is measured. Only the first frame is
decoded. A file that is empty, damaged, truncated, of another kind, or without pixel data is a :class:`UserError`
naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from barium_tracker.domain.calibration import Calibration, calibration_from_tags
from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.system_errors import reason_said

DICOM, PNG, JPEG, TIFF = "application/dicom", "image/png", "image/jpeg", "image/tiff"
MEDIA_TYPES = (DICOM, PNG, JPEG, TIFF)
_PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "TIFF": TIFF}
_PILLOW_RESULTS = {**_PILLOW_FORMATS, "MPO": JPEG}  # Pillow opens a camera's multi-picture JPEG as MPO
_FORMAT_NAMES = {PNG: "PNG", JPEG: "JPEG", TIFF: "TIFF"}
#: The most pixels a file may have (a 43 x 43 cm detector at 0.1 mm is 18.5 million): beyond, it is refused.
MAX_PIXELS = 100_000_000


@dataclass(frozen=True, slots=True)
class DicomIdentity:
    """Who and when a DICOM file says it shows (checked against the patient and study on attach)."""

    patient_id: str | None
    patient_name: str | None  # as stored: "Family^Given^Middle^Prefix^Suffix"
    study_date: dt.date | None
    acquisition_date: dt.date | None
    content_date: dt.date | None

    @property
    def readable_name(self) -> str | None:
        """The name as the app writes a patient's: "Family, Given Middle" (None when the file has none)."""
        if not self.patient_name:
            return None
        parts = [part.strip() for part in self.patient_name.split("=")[0].split("^")]
        family, given = parts[0], " ".join(p for p in parts[1:3] if p)
        return f"{family}, {given}" if family and given else (family or given or None)

    @property
    def date(self) -> dt.date | None:
        """The film's date: acquisition, else content, else study date."""
        return self.acquisition_date or self.content_date or self.study_date


@dataclass(frozen=True, slots=True)
class VoiWindow:
    """One of the file's window center/width pairs (VOI LUT module), in modality values."""

    center: float
    width: float
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Radiograph:
    """A decoded image and what the file says about it.

    ``photometric`` is the file's PhotometricInterpretation for DICOM ("MONOCHROME1", "MONOCHROME2", "RGB",
    "YBR_FULL_422"...; colour is decoded to RGB whatever it says), and "MONOCHROME2" or "RGB" for the others.
    Coordinates on it are pixels of the stored image: x = column (0 to ``columns``), y = row (0 to ``rows``).
    """

    media_type: str
    rows: int
    columns: int
    photometric: str
    frames: int
    bits_stored: int
    calibration: Calibration
    identity: DicomIdentity | None = None
    windows: tuple[VoiWindow, ...] = ()
    name: str = ""
    _pixels: np.ndarray = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    _dataset: Any = field(default=None, repr=False, compare=False)  # the pydicom Dataset (its VOI LUT), or None

    @property
    def monochrome(self) -> bool:
        return self._pixels.ndim == 2

    def pixels(self) -> np.ndarray:
        """The first frame (rows x columns, or rows x columns x 3 for colour) in modality values: a DICOM's
        RescaleSlope/Intercept (or Modality LUT) applied. Read-only."""
        return self._pixels

    def voi_lut_view(self) -> np.ndarray | None:
        """The first frame through the file's VOI LUT Sequence when it has one (unsigned, 8 or 16 bits), else None:
        a first view for display as the device meant it (window/level then work on :meth:`pixels`)."""
        ds = self._dataset
        if ds is None or not self.monochrome or not ds.get("VOILUTSequence"):
            return None
        from pydicom.pixels import apply_voi

        try:
            with _quiet():
                # The LUT maps modality values; it needs integers (a rescaled float array is rounded first).
                values = self._pixels if np.issubdtype(self._pixels.dtype, np.integer) else np.rint(self._pixels)
                return apply_voi(values.astype(np.int64), ds)
        except Exception:  # a malformed LUT: fall back to the windows (the image itself is fine)
            return None


def read_radiograph_file(path: Path | str) -> Radiograph:
    """:func:`read_radiograph` of a file; a file that cannot be read is a :class:`UserError` naming it and why."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(
            say(N_("{name} could not be read: {reason}."), name=str(path), reason=reason_said(error))
        ) from error
    return read_radiograph(data, str(path))


def read_radiograph(data: bytes, name: str = "") -> Radiograph:
    """The image in ``data`` (``name`` is said in errors): DICOM, PNG, JPEG or TIFF, recognised by content."""
    label = name or "image"
    if not data:
        raise UserError(say(N_("{name} is empty (0 bytes): it holds no image."), name=label))
    media_type = sniff(data)
    if media_type is None:
        raise UserError(say(N_("{name} is not a DICOM, PNG, JPEG or TIFF image."), name=label))
    if media_type == DICOM:
        return _read_dicom(data, name, label)
    return _read_pillow(data, name, label, media_type)


def sniff(data: bytes) -> str | None:
    """The media type of ``data`` by its first bytes, or None when it is none of those read here."""
    if data[128:132] == b"DICM":
        return DICOM
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # classic and BigTIFF
        return TIFF
    # A DICOM dataset without the preamble and "DICM": it starts with a group 0002 or 0008 element, little endian.
    if len(data) >= 8 and data[:2] in (b"\x02\x00", b"\x08\x00") and data[3:4] == b"\x00":
        return DICOM
    return None


@contextmanager
def _quiet() -> Iterator[None]:
    """pydicom and Pillow warn (and log) about oddities they work around: the caller reports what matters."""
    logger = logging.getLogger("pydicom")
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read_dicom(data: bytes, name: str, label: str) -> Radiograph:
    from pydicom import dcmread
    from pydicom.pixels import apply_modality_lut, pixel_array

    try:
        with _quiet():
            ds = dcmread(io.BytesIO(data), force=data[128:132] != b"DICM")
            ds.get("PixelData")  # a truncated file fails here, while the elements are read
    except Exception as error:  # pydicom raises many kinds on a damaged file (InvalidDicomError, EOFError, ...)
        raise UserError(
            say(N_("{name} is a damaged or truncated DICOM file ({detail})."), name=label, detail=_detail(error))
        ) from error
    if not any(key in ds for key in ("PixelData", "FloatPixelData", "DoubleFloatPixelData")):
        if "SOPClassUID" not in ds and "Rows" not in ds:  # nothing a DICOM image holds could be read
            raise UserError(
                say(
                    N_("{name} is a damaged or truncated DICOM file ({detail})."),
                    name=label,
                    detail="no image attributes could be read",
                )
            )
        raise UserError(say(N_("{name} is a DICOM file without an image (no pixel data)."), name=label))
    syntax = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    syntax_name = getattr(syntax, "name", None) or str(syntax or "?")
    try:
        with _quiet():
            rows, columns = int(ds.Rows), int(ds.Columns)
            if rows <= 0 or columns <= 0 or rows * columns > MAX_PIXELS:
                raise UserError(
                    say(
                        N_("{name} has an image of {columns} x {rows} pixels, which cannot be opened."),
                        name=label,
                        columns=columns,
                        rows=rows,
                    )
                )
            stored = pixel_array(ds, index=0)
            photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).strip().upper()
            values = apply_modality_lut(stored, ds) if stored.ndim == 2 else stored
    except UserError:
        raise
    except NotImplementedError as error:
        raise UserError(
            say(N_("{name} uses a compression this program cannot decode ({syntax})."), name=label, syntax=syntax_name)
        ) from error
    except Exception as error:  # the decoders' errors on damaged data (RuntimeError, ValueError, ...)
        raise UserError(
            say(
                N_("The image in {name} could not be decoded: it is damaged or truncated ({syntax}: {detail})."),
                name=label,
                syntax=syntax_name,
                detail=_detail(error),
            )
        ) from error
    values = np.asarray(values)
    values.flags.writeable = False
    return Radiograph(
        media_type=DICOM,
        rows=values.shape[0],
        columns=values.shape[1],
        photometric=photometric,
        frames=_int(ds.get("NumberOfFrames"), 1),
        bits_stored=_int(ds.get("BitsStored"), stored.dtype.itemsize * 8),
        calibration=calibration_from_tags(
            ds.get("PixelSpacing"),
            ds.get("ImagerPixelSpacing"),
            ds.get("EstimatedRadiographicMagnificationFactor"),
            ds.get("PixelSpacingCalibrationType"),
        ),
        identity=_identity(ds),
        windows=_windows(ds),
        name=name,
        _pixels=values,
        _dataset=ds,
    )


def _detail(error: BaseException) -> str:
    """The first line of a library's reason, short enough for one sentence."""
    lines = [line.strip().rstrip(":.") for line in str(error).splitlines() if line.strip()]
    text = "; ".join(lines) or type(error).__name__
    return text if len(text) <= 240 else text[:237] + "..."


def _int(value: object, default: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def _date(value: object) -> dt.date | None:
    text = str(value or "").strip()
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _text(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _identity(ds: Any) -> DicomIdentity:
    return DicomIdentity(
        patient_id=_text(ds.get("PatientID")),
        patient_name=_text(ds.get("PatientName")),
        study_date=_date(ds.get("StudyDate")),
        acquisition_date=_date(ds.get("AcquisitionDate")),
        content_date=_date(ds.get("ContentDate")),
    )


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, str | bytes):
        return [value]
    try:
        return list(value)  # type: ignore[call-overload]
    except TypeError:
        return [value]


def _windows(ds: Any) -> tuple[VoiWindow, ...]:
    centers, widths = _as_list(ds.get("WindowCenter")), _as_list(ds.get("WindowWidth"))
    explanations = _as_list(ds.get("WindowCenterWidthExplanation"))
    windows = []
    for index, (center, width) in enumerate(zip(centers, widths, strict=False)):
        try:
            c, w = float(center), float(width)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if np.isfinite(c) and np.isfinite(w) and w >= 1:
            text = str(explanations[index]).strip() if index < len(explanations) else ""
            windows.append(VoiWindow(c, w, text))
    return tuple(windows)


def _read_pillow(data: bytes, name: str, label: str, media_type: str) -> Radiograph:
    from PIL import Image, UnidentifiedImageError

    format_name = _FORMAT_NAMES[media_type]
    try:
        with _quiet():
            image = Image.open(io.BytesIO(data), formats=list(_PILLOW_FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise UserError(
                    say(
                        N_("{name} has an image of {columns} x {rows} pixels, which cannot be opened."),
                        name=label,
                        columns=image.width,
                        rows=image.height,
                    )
                )
            frames = int(getattr(image, "n_frames", 1) or 1)
            image.seek(0)
            image.load()
            values, photometric, bits = _pillow_pixels(image)
    except UserError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as error:
        raise UserError(
            say(
                N_("{name} is a damaged or truncated {format} image ({detail})."),
                name=label,
                format=format_name,
                detail=_detail(error),
            )
        ) from error
    values.flags.writeable = False
    return Radiograph(
        media_type=_PILLOW_RESULTS.get(image.format or "", media_type),
        rows=values.shape[0],
        columns=values.shape[1],
        photometric=photometric,
        frames=frames,
        bits_stored=bits,
        calibration=calibration_from_tags(),
        name=name,
        _pixels=values,
    )


def _pillow_pixels(image: Any) -> tuple[np.ndarray, str, int]:
    """(pixels, photometric, bits): greyscale modes as MONOCHROME2, everything else as 8-bit RGB."""
    mode = image.mode
    if mode == "1":
        return np.asarray(image.convert("L")), "MONOCHROME2", 1
    if mode in ("L", "LA"):
        return np.asarray(image.convert("L") if mode == "LA" else image), "MONOCHROME2", 8
    if mode.startswith("I;16"):
        return np.asarray(image).astype(np.uint16), "MONOCHROME2", 16
    if mode in ("I", "F"):
        return np.asarray(image), "MONOCHROME2", 32
    return np.asarray(image.convert("RGB")), "RGB", 8
