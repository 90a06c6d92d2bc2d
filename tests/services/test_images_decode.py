"""Reading radiographs: pydicom's bundled files in every compressed transfer syntax we ship decoders for (identical
pixels to their uncompressed twin), synthesised DICOM files for each calibration source, MONOCHROME1, rescale and
VOI, PNG/JPEG/TIFF by content, and damaged inputs as one sentence each."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import dcmread
from pydicom.data import get_testdata_file

from barium_tracker.domain.calibration import CalibrationSource
from barium_tracker.domain.errors import UserError
from barium_tracker.services.images import (
    DICOM,
    JPEG,
    PNG,
    TIFF,
    default_window,
    first_view,
    read_radiograph,
    read_radiograph_file,
    thumbnail_png,
    to_display,
)
from tests.support.radiographs import gradient, write_png, write_radiograph_dicom


def _bundled(name: str) -> Path:
    path = get_testdata_file(name, download=False)
    assert path is not None, f"pydicom's bundled test file {name} is missing"
    return Path(path)


@pytest.mark.parametrize(
    ("name", "shape", "photometric"),
    [
        ("JPEG2000.dcm", (1024, 256), "MONOCHROME2"),  # JPEG 2000 (openjpeg)
        ("MR_small_jp2klossless.dcm", (64, 64), "MONOCHROME2"),  # JPEG 2000 lossless
        ("MR_small_RLE.dcm", (64, 64), "MONOCHROME2"),  # RLE
        ("MR_small_jpeg_ls_lossless.dcm", (64, 64), "MONOCHROME2"),  # JPEG-LS (libjpeg)
        ("JPGExtended.dcm", (1024, 256), "MONOCHROME2"),  # JPEG extended, 12 bits (libjpeg)
        ("SC_rgb_jpeg_dcmtk.dcm", (100, 100, 3), "YBR_FULL"),  # JPEG baseline, colour decoded to RGB
        ("CT_small.dcm", (128, 128), "MONOCHROME2"),  # uncompressed, with a rescale
        ("MR_small_bigendian.dcm", (64, 64), "MONOCHROME2"),  # explicit VR big endian
        ("MR_small_implicit.dcm", (64, 64), "MONOCHROME2"),  # implicit VR little endian
        ("JPEGLSNearLossless_16.dcm", (50, 10), "MONOCHROME2"),  # JPEG-LS near-lossless, 16 bits
        ("SC_rgb_rle.dcm", (100, 100, 3), "RGB"),  # RLE colour
    ],
)
def test_bundled_files_decode_to_their_shape(name: str, shape: tuple[int, ...], photometric: str) -> None:
    image = read_radiograph_file(_bundled(name))
    assert image.media_type == DICOM and image.pixels().shape == shape
    assert (image.rows, image.columns) == shape[:2] and image.photometric == photometric
    expected = CalibrationSource.NONE if name.startswith("JPEGLS") else CalibrationSource.PIXEL_SPACING
    assert image.calibration.source is expected
    assert first_view(image).dtype == np.uint8 and first_view(image).shape == shape


@pytest.mark.parametrize("name", ["MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm"])
def test_lossless_compressed_files_hold_exactly_the_uncompressed_pixels(name: str) -> None:
    reference = read_radiograph_file(_bundled("MR_small.dcm")).pixels()
    assert np.array_equal(read_radiograph_file(_bundled(name)).pixels(), reference)
    assert np.array_equal(reference, dcmread(_bundled("MR_small.dcm")).pixel_array)


def test_rescale_slope_and_intercept_are_applied() -> None:
    ds = dcmread(_bundled("CT_small.dcm"))
    expected = ds.pixel_array * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    assert np.allclose(read_radiograph_file(_bundled("CT_small.dcm")).pixels(), expected)


def test_a_file_no_decoder_accepts_is_one_sentence() -> None:
    # pydicom's JPEG-lossy.dcm has a 12-bit JPEG stream that neither libjpeg nor Pillow decodes.
    with pytest.raises(UserError) as caught:
        read_radiograph_file(_bundled("JPEG-lossy.dcm"))
    said = str(caught.value)
    assert said.startswith("The image in ") and "could not be decoded: it is damaged or truncated" in said
    assert "JPEG Extended" in said and "\n" not in said


@pytest.mark.parametrize(
    ("tags", "source", "row", "column"),
    [
        ({"pixel_spacing": [0.2, 0.1]}, CalibrationSource.PIXEL_SPACING, 0.2, 0.1),
        (
            {"imager_pixel_spacing": [0.15, 0.15], "magnification": 1.2},
            CalibrationSource.IMAGER_PIXEL_SPACING_ERMF,
            0.125,
            0.125,
        ),
        ({"imager_pixel_spacing": [0.15, 0.139]}, CalibrationSource.IMAGER_PIXEL_SPACING, 0.15, 0.139),
        ({}, CalibrationSource.NONE, None, None),
    ],
)
def test_each_calibration_source_from_a_synthesised_file(tmp_path: Path, tags, source, row, column) -> None:
    image = read_radiograph_file(write_radiograph_dicom(tmp_path / "film.dcm", **tags))
    assert image.calibration.source is source
    assert image.calibration.row_spacing_mm == (pytest.approx(row) if row else None)
    assert image.calibration.column_spacing_mm == (pytest.approx(column) if column else None)


def test_identity_dates_windows_and_pixels_of_a_synthesised_file(tmp_path: Path) -> None:
    path = write_radiograph_dicom(
        tmp_path / "film.dcm",
        rows=40,
        cols=30,
        patient_id="HC-12",
        patient_name="Quispe Mamani^Rosa^Elena",
        study_date=dt.date(2025, 3, 14),
        window=[(1000, 2000), (500, 400)],
        calibration_type="GEOMETRY",
        pixel_spacing=[0.1, 0.1],
    )
    image = read_radiograph_file(path)
    assert image.identity is not None and image.identity.patient_id == "HC-12"
    assert image.identity.patient_name == "Quispe Mamani^Rosa^Elena"
    assert image.identity.readable_name == "Quispe Mamani, Rosa Elena"
    assert image.identity.study_date == image.identity.date == dt.date(2025, 3, 14)
    assert [(w.center, w.width, w.explanation) for w in image.windows] == [
        (1000, 2000, "WINDOW1"),
        (500, 400, "WINDOW2"),
    ]
    assert default_window(image) == (1000, 2000)
    assert image.calibration.calibration_type == "GEOMETRY"
    assert np.array_equal(image.pixels(), gradient(40, 30))
    assert (image.frames, image.bits_stored) == (1, 12)
    assert not image.pixels().flags.writeable


def test_a_dicom_without_preamble_is_recognised_by_content(tmp_path: Path) -> None:
    path = write_radiograph_dicom(tmp_path / "film.bin", preamble=False, pixel_spacing=[0.1, 0.1])
    assert path.read_bytes()[128:132] != b"DICM"
    assert read_radiograph(path.read_bytes(), "film.bin").media_type == DICOM


def test_monochrome1_is_shown_with_high_values_dark(tmp_path: Path) -> None:
    pixels = np.array([[0, 4095]] * 4, dtype=np.uint16)
    one = read_radiograph_file(write_radiograph_dicom(tmp_path / "m1.dcm", pixels=pixels, photometric="MONOCHROME1"))
    two = read_radiograph_file(write_radiograph_dicom(tmp_path / "m2.dcm", pixels=pixels))
    assert first_view(one)[0].tolist() == [255, 0]  # the highest value is black
    assert first_view(two)[0].tolist() == [0, 255]
    assert to_display(one.pixels(), one.photometric, invert=True)[0].tolist() == [0, 255]


def test_rescale_then_window_on_a_synthesised_file(tmp_path: Path) -> None:
    pixels = np.array([[0, 100, 200, 300]], dtype=np.uint16)
    image = read_radiograph_file(
        write_radiograph_dicom(tmp_path / "r.dcm", pixels=pixels, rescale=(2.0, -100.0), window=(200, 400))
    )
    assert image.pixels().tolist() == [[-100, 100, 300, 500]]  # modality values
    assert first_view(image).tolist() == [[0, 64, 191, 255]]  # window 0..400: -100 black, 500 white


def test_a_voi_lut_sequence_gives_the_first_view(tmp_path: Path) -> None:
    pixels = np.array([[0, 1, 2, 3]], dtype=np.uint16)
    lut = [0, 65535, 0, 65535]  # a LUT no window could give
    image = read_radiograph_file(write_radiograph_dicom(tmp_path / "lut.dcm", pixels=pixels, voi_lut=lut))
    assert first_view(image).tolist() == [[0, 255, 0, 255]]


def _encoded(pixels: np.ndarray, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "media_type"), [("PNG", PNG), ("JPEG", JPEG), ("TIFF", TIFF)])
def test_png_jpeg_and_tiff_by_content_whatever_the_name(fmt: str, media_type: str) -> None:
    pixels = (gradient(30, 20, 8)).astype(np.uint8)
    image = read_radiograph(_encoded(pixels, fmt), "film.dcm")  # the extension lies
    assert image.media_type == media_type and (image.rows, image.columns) == (30, 20)
    assert image.photometric == "MONOCHROME2" and image.calibration.source is CalibrationSource.NONE
    assert image.identity is None


def test_sixteen_bit_png_and_rgb_png(tmp_path: Path) -> None:
    deep = read_radiograph_file(write_png(tmp_path / "deep.png", gradient(20, 10, 16)))
    assert deep.bits_stored == 16 and deep.pixels().dtype == np.uint16
    assert np.array_equal(deep.pixels(), gradient(20, 10, 16))
    colour = np.zeros((8, 6, 3), dtype=np.uint8)
    colour[..., 0] = 200
    rgb = read_radiograph_file(write_png(tmp_path / "rgb.png", colour))
    assert rgb.photometric == "RGB" and rgb.pixels().shape == (8, 6, 3)
    assert first_view(rgb)[0, 0].tolist() == [200, 0, 0]


def test_thumbnail_is_a_small_png_at_the_true_aspect_ratio(tmp_path: Path) -> None:
    image = read_radiograph_file(
        write_radiograph_dicom(tmp_path / "t.dcm", rows=300, cols=600, pixel_spacing=[0.2, 0.1])
    )
    thumb = Image.open(io.BytesIO(thumbnail_png(image, max_side=64)))
    assert thumb.format == "PNG" and thumb.size == (64, 64)  # 60 mm x 60 mm
    square = read_radiograph_file(write_radiograph_dicom(tmp_path / "s.dcm", rows=300, cols=600))
    assert Image.open(io.BytesIO(thumbnail_png(square, max_side=64))).size == (64, 32)


def _noise() -> np.ndarray:
    return np.random.default_rng(5).integers(0, 256, (100, 100), dtype=np.uint8)


def _truncated(tmp_path: Path) -> bytes:
    whole = write_radiograph_dicom(tmp_path / "whole.dcm", rows=64, cols=64).read_bytes()
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda tmp: b"", "x.png is empty (0 bytes): it holds no image."),
        (lambda tmp: np.random.default_rng(7).bytes(5000), "x.png is not a DICOM, PNG, JPEG or TIFF image."),
        (lambda tmp: b"Altura 2,7 cm\n", "x.png is not a DICOM, PNG, JPEG or TIFF image."),
        (
            lambda tmp: b"\0" * 128 + b"DICM" + np.random.default_rng(3).bytes(300),
            "x.png is a damaged or truncated DICOM",
        ),
        (lambda tmp: _truncated(tmp), "The image in x.png could not be decoded: it is damaged or truncated"),
        (
            lambda tmp: _encoded(_noise(), "PNG")[:2000],
            "x.png is a damaged or truncated PNG",
        ),
        (
            lambda tmp: _encoded(_noise(), "JPEG")[:2000],
            "x.png is a damaged or truncated JPEG",
        ),
    ],
)
def test_damaged_inputs_are_one_sentence_naming_the_file(tmp_path: Path, make, said: str) -> None:
    with pytest.raises(UserError) as caught:
        read_radiograph(make(tmp_path), "x.png")
    assert str(caught.value).startswith(said) and "\n" not in str(caught.value)


def test_a_dicom_without_pixel_data(tmp_path: Path) -> None:
    ds = dcmread(write_radiograph_dicom(tmp_path / "f.dcm"))
    del ds.PixelData
    ds.save_as(tmp_path / "nopixels.dcm")
    with pytest.raises(UserError, match=r"nopixels.dcm is a DICOM file without an image \(no pixel data\)\."):
        read_radiograph_file(tmp_path / "nopixels.dcm")


def test_a_missing_file_names_it() -> None:
    with pytest.raises(UserError, match=r"^/nonexistent/film.dcm could not be read: "):
        read_radiograph_file("/nonexistent/film.dcm")
