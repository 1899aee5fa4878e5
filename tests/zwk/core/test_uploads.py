"""Upload checks: size, extension, content sniffing, image re-encoding."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import PDF_BYTES
from zwk.core.uploads import check_document, reencode_image


def _upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("leer.pdf", b"", "empty"),
        ("programm.exe", b"MZ\x90\x00", "forbidden_type"),
        ("ohne_endung", PDF_BYTES, "forbidden_type"),
        ("bericht.pdf", b"<html><script>alert(1)</script></html>", "content_mismatch"),
        ("bild.png", PDF_BYTES, "content_mismatch"),
        ("notizen.txt", b"\x00\x01\x02binary", "content_mismatch"),
        ("tabelle.csv", PDF_BYTES, "content_mismatch"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as info:
        check_document(_upload(name, content))
    assert info.value.code == code


def test_size_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="höchstens"):
        check_document(_upload("a.pdf", PDF_BYTES))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", PDF_BYTES),
        ("b.TXT", "Grüße aus Musterstadt\n".encode()),
        ("c.csv", "a;b\n1;2\n".encode("cp1252")),
    ],
)
def test_good_uploads_pass(name, content):
    assert check_document(_upload(name, content)).size == len(content)


def test_jpeg_is_reencoded_without_metadata():
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "GPS und Kamera – geheim"  # ImageDescription
    raw = io.BytesIO()
    img.save(raw, format="JPEG", exif=exif.tobytes())
    assert b"geheim" in raw.getvalue()
    content, ext = reencode_image(_upload("foto.jpeg", raw.getvalue()))
    assert ext == "jpg" and b"geheim" not in content
    assert Image.open(io.BytesIO(content)).size == (40, 30)


def test_oversized_image_is_scaled_down():
    raw = io.BytesIO()
    Image.new("RGBA", (3000, 1500), (0, 0, 0, 0)).save(raw, format="PNG")
    content, ext = reencode_image(_upload("logo.png", raw.getvalue()))
    assert ext == "png" and Image.open(io.BytesIO(content)).size == (1200, 600)
