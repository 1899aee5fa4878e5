"""Bytes → text: encoding detection, line endings, and recognising the file kind.

Rules (documented in docs/demography-readers.md):

* A UTF-8 byte-order mark selects UTF-8; a UTF-16 BOM selects UTF-16.
* Otherwise the file is decoded as strict UTF-8; if that fails, as Windows-1252, the
  superset of ISO-8859-1 (latin-1) that GENESIS and Excel write. The bytes that are
  undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) never occur in latin-1 text, so
  a file containing them is reported as "unknown encoding" instead of being misread.
* Text containing U+FFFD (the replacement character) was damaged by an earlier wrong
  conversion; its letters cannot be recovered, so it is rejected.
* CRLF, LF and CR line ends are all accepted.
* ZIP content (``PK\\x03\\x04``) is treated as XLSX regardless of the file name, so an
  Excel workbook renamed to ``.csv`` is still read; the old binary ``.xls`` format and other
  binary files are rejected with a clear message.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from demography.errors import DataError

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def load_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into :class:`DataError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(
            str(path),
            "Datei nicht gefunden.",
            "file not found.",
        ) from None
    except OSError as exc:
        raise DataError(
            str(path),
            f"Datei kann nicht gelesen werden ({exc.strerror}).",
            f"file cannot be read ({exc.strerror}).",
        ) from None


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode file content; returns ``(text with \\n line ends, encoding name)``."""
    if not data.strip():
        raise DataError(name, "Die Datei ist leer.", "the file is empty.")
    if data.startswith(XLS_MAGIC):
        raise DataError(
            name,
            "Altes Excel-Format (.xls) wird nicht gelesen.",
            "legacy Excel format (.xls) is not supported.",
            expected_de="CSV mit Semikolon oder eine XLSX-Datei",
            expected_en="a semicolon CSV or an XLSX workbook",
        )
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    else:
        if b"\x00" in data[:4096]:
            raise DataError(
                name,
                "Binärdatei oder unbekannte Kodierung (Nullbytes).",
                "binary file or unknown encoding (NUL bytes).",
                expected_de="Text in UTF-8 oder Latin-1/Windows-1252",
                expected_en="text in UTF-8 or latin-1/Windows-1252",
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _strict(data, "cp1252", name), "cp1252"
    if "\ufffd" in text:
        line = text[: text.index("\ufffd")].count("\n") + 1
        raise DataError(
            name,
            "Die Datei enthält Ersatzzeichen (�): sie wurde früher mit falscher Kodierung "
            "umgewandelt, Umlaute sind verloren.",
            "the file contains replacement characters (�): it was converted with a wrong "
            "encoding before and its umlauts are lost.",
            line=line,
            expected_de="die unveränderte Originaldatei",
            expected_en="the unmodified original download",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            name,
            "Unbekannte Zeichenkodierung.",
            "unknown character encoding.",
            line=line,
            found=repr(data[exc.start : exc.start + 4]),
            expected_de="UTF-8 (mit oder ohne BOM) oder Latin-1/Windows-1252",
            expected_en="UTF-8 (with or without BOM) or latin-1/Windows-1252",
        ) from None
