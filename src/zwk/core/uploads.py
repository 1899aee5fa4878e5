"""Validation of uploaded documents and images.

Uploads are never trusted by name or by the browser's content type: the first bytes decide
(magic numbers via ``filetype``), the extension must agree with them, and the size is bounded.
Stored files get random names and are served only as attachments with ``nosniff`` – nothing
uploaded is ever executed or rendered inline as HTML.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    mime: str
    label: str


# What a Kommune typically exchanges: minutes, agendas, presentations, tables, photos.
DOCUMENT_KINDS: dict[str, DocumentKind] = {
    k.extension: k
    for k in [
        DocumentKind("pdf", "application/pdf", "PDF"),
        DocumentKind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
        ),
        DocumentKind(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
        ),
        DocumentKind(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint",
        ),
        DocumentKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument-Text"),
        DocumentKind(
            "ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-Tabelle"
        ),
        DocumentKind(
            "odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument-Präsentation"
        ),
        DocumentKind("png", "image/png", "PNG-Bild"),
        DocumentKind("jpg", "image/jpeg", "JPEG-Bild"),
        DocumentKind("txt", "text/plain", "Text"),
        DocumentKind("csv", "text/csv", "CSV"),
    ]
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
TEXT_EXTENSIONS = {"txt", "csv"}
IMAGE_EXTENSIONS = {"jpg", "png"}
IMAGE_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedUpload:
    kind: DocumentKind
    size: int
    original_name: str


def _extension(name: str) -> str:
    ext = PurePath(name).suffix.lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_document(
    upload: UploadedFile, allowed: set[str] | None = None, *, strip_metadata: bool = True
) -> CheckedUpload:
    """Return what the upload really is, or raise ValidationError with a German message.

    A JPEG or PNG document loses its metadata on the way (``strip_image_metadata``): the
    upload is rewritten in place, so whatever the caller stores afterwards is clean.
    """
    allowed = allowed or set(DOCUMENT_KINDS)
    max_bytes = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    ext = _extension(upload.name or "")
    allowed_list = ", ".join(sorted(e.upper() for e in allowed))
    if ext not in allowed:
        raise ValidationError(
            _("Dateien vom Typ „%(ext)s“ sind nicht erlaubt. Erlaubt: %(allowed)s.")
            % {"ext": ext or _("ohne Endung"), "allowed": allowed_list},
            code="forbidden_type",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if ext in TEXT_EXTENSIONS:
        ok = _looks_like_text(head) and filetype.guess(head) is None
    else:
        guessed = filetype.guess(head)
        ok = (
            guessed is not None
            and EXTENSION_ALIASES.get(guessed.extension, guessed.extension) == ext
        )
    if not ok:
        raise ValidationError(
            _(
                "Der Inhalt der Datei passt nicht zur Endung „.%(ext)s“. Bitte laden Sie eine echte %(label)s-Datei hoch."
            )
            % {"ext": ext, "label": DOCUMENT_KINDS[ext].label},
            code="content_mismatch",
        )
    if strip_metadata and ext in IMAGE_EXTENSIONS:
        strip_image_metadata(upload, ext)
    return CheckedUpload(
        kind=DOCUMENT_KINDS[ext], size=upload.size, original_name=PurePath(upload.name).name[:200]
    )


def strip_image_metadata(upload: UploadedFile, ext: str) -> None:
    """Remove EXIF (camera, GPS position, time), XMP, IPTC and comments from a JPEG or PNG
    document, in place, at full size (issue 21.13: photos of a meeting told where and when).

    A JPEG keeps its quantisation (``quality="keep"``) and so its quality; one that the camera
    marked as rotated is turned upright first (the mark goes with the EXIF). The colour profile
    and PNG transparency stay. Raises ValidationError in German for an unreadable image.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            if img.width * img.height > IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("Das Bild ist zu groß (zu viele Bildpunkte)."), code="too_many_pixels"
                )
            img.load()
            keep = {k: img.info[k] for k in ("icc_profile", "transparency", "dpi") if k in img.info}
            out = io.BytesIO()
            if ext == "jpg":
                if img.getexif().get(ExifTags.Base.Orientation, 1) == 1:
                    img.info = dict(keep)
                    img.save(out, format="JPEG", quality="keep", subsampling="keep", **keep)
                else:
                    upright = ImageOps.exif_transpose(img)
                    upright.info = dict(keep)
                    upright.save(out, format="JPEG", quality=95, **keep)
            else:
                img.info = dict(keep)
                img.save(out, format="PNG", **keep)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Das Bild konnte nicht gelesen werden."), code="bad_image") from exc
    data = out.getvalue()
    handle = upload.file
    handle.seek(0)
    handle.truncate()
    handle.write(data)
    handle.flush()
    handle.seek(0)
    upload.size = len(data)


def random_upload_name(extension: str) -> str:
    """A name that reveals nothing and cannot collide or traverse directories."""
    return f"{secrets.token_hex(16)}.{extension}"


def reencode_image(
    upload: UploadedFile, max_size: tuple[int, int] = (1200, 1200)
) -> tuple[bytes, str]:
    """Decode and re-encode an image (drops metadata and any payload hidden in it).

    PNG stays PNG (logos, transparency), JPEG stays JPEG (photos). Returns the new bytes and
    the extension. Raises ValidationError in German.
    """
    checked = check_document(upload, allowed={"png", "jpg"}, strip_metadata=False)  # re-encoded
    try:
        with Image.open(upload) as img:
            if img.width * img.height > IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("Das Bild ist zu groß (zu viele Bildpunkte)."), code="too_many_pixels"
                )
            img.load()
            out = io.BytesIO()
            if checked.kind.extension == "png":
                img = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
                img.thumbnail(max_size)
                img.save(out, format="PNG", optimize=True)
            else:
                img = img.convert("RGB")
                img.thumbnail(max_size)
                img.save(out, format="JPEG", quality=85, optimize=True)
            return out.getvalue(), checked.kind.extension
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Das Bild konnte nicht gelesen werden."), code="bad_image") from exc


def attachment_response(field_file, *, filename: str, content_type: str):
    """Serve an uploaded file as a download that the browser never renders or executes.

    404 if the file is gone from storage (e.g. after a partial restore).
    """
    from django.http import FileResponse, Http404

    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
