"""PDF output through WeasyPrint, the same for every report: tagged for accessibility
(PDF/UA-1: structure tree, document language from ``<html lang>``, title from ``<title>``
shown as the window title) and German hyphenation without pyphen's "fort-s-chrei-bung".

Use ``pdf_bytes(weasyprint.HTML(...))`` (or ``render`` first when the layout is needed too),
never ``write_pdf()`` directly (tests/zwk/test_pdf_tagging.py reads every PDF).
"""

from __future__ import annotations

import functools
import hashlib
import tempfile
from pathlib import Path

PDF_VARIANT = "pdf/ua-1"
# Patterns added to pyphen's German dictionary (Liang's scheme: an even digit forbids a break).
# "s4ch": never break between s and ch, so "Bevölkerungsfortschreibung" becomes
# "Be-völ-ke-rungs-fort-schrei-bung" instead of "…forts-chrei…".
EXTRA_GERMAN_PATTERNS = ("s4ch",)


@functools.cache
def use_german_hyphenation() -> Path:
    """Point pyphen's German entries at its de_DE dictionary plus our patterns (once per
    process; the file goes to the temporary directory, named after its content)."""
    import pyphen

    source = Path(pyphen.LANGUAGES["de_DE"])
    text = source.read_text(encoding="iso-8859-1").rstrip("\n")
    text += "\n" + "\n".join(EXTRA_GERMAN_PATTERNS) + "\n"
    digest = hashlib.sha256(text.encode("iso-8859-1")).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"zwk-hyph-de-{digest}.dic"
    if not target.exists():
        partial = target.with_suffix(f".{digest}.tmp")
        partial.write_text(text, encoding="iso-8859-1")
        partial.replace(target)
    for key in list(pyphen.LANGUAGES):
        if key == "de" or key.startswith("de_"):
            pyphen.LANGUAGES[key] = target
    return target


def render(html):
    """Lay out a ``weasyprint.HTML`` with German hyphenation (tests read the text boxes)."""
    use_german_hyphenation()
    return html.render()


def pdf_bytes(source) -> bytes:
    """The PDF of a ``weasyprint.HTML`` or of a ``Document`` from ``render``, tagged as
    PDF/UA-1."""
    document = render(source) if hasattr(source, "render") else source
    return document.write_pdf(pdf_variant=PDF_VARIANT)
