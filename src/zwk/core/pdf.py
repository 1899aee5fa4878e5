"""PDF output through WeasyPrint, the same for every report: tagged for accessibility
(PDF/UA-1: structure tree, document language from ``<html lang>``, title from ``<title>``
shown as the window title) and German hyphenation that reads pyphen's German dictionary in
its two levels (compounds, then syllables): "Al-ters-struk-tur", not "Al-ter-ss-truk-tur".

Use ``pdf_bytes(weasyprint.HTML(...))`` (or ``render`` first when the layout is needed too),
never ``write_pdf()`` directly (tests/zwk/test_pdf_tagging.py reads every PDF).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import tempfile
from pathlib import Path

PDF_VARIANT = "pdf/ua-1"
# Patterns added to the syllable level of pyphen's German dictionary (Liang's scheme: an even
# digit forbids a break). "s4ch": never break between s and ch.
EXTRA_GERMAN_PATTERNS = ("s4ch",)
_VOWELS = frozenset("aeiouyäöü")


class GermanHyphenation:
    """pyphen's ``hyph_de_DE.dic`` read as the two levels it is written in.

    The LibreOffice file has compound patterns (Karl Zeiler's word list) above ``NEXTLEVEL``
    and the TeX syllable patterns below it; libhyphen splits a word at the compound level
    first and then hyphenates each part with the syllable level. pyphen reads both levels as
    one pattern set, which gives "Al-ter-ss-truk-tur" and "Bevölkerungsforts-chreibung".
    Here: compound cuts first, syllables inside each part (at least two letters from a part's
    edge, as the file's COMPOUNDLEFT/RIGHTHYPHENMIN say), then two German rules the patterns
    miss – "sch", "ch" and "ck" are never split, and no piece is a lone consonant
    ("Ein-woh-ner", not "Ein-woh-n-er"). Offers ``positions(word)`` like pyphen's HyphDict.
    """

    def __init__(self, compound: Path, syllable: Path):
        import pyphen

        self.compound = pyphen.HyphDict(compound)
        self.syllable = pyphen.HyphDict(syllable)
        self.cache: dict[str, list] = {}

    def positions(self, word: str) -> list:
        from pyphen import DataInt

        lower = word.lower()
        if lower not in self.cache:
            self.cache[lower] = [DataInt(p) for p in self._positions(lower)]
        return self.cache[lower]

    def _positions(self, word: str) -> list[int]:
        n = len(word)
        cuts = [int(p) for p in self.compound.positions(word) if 2 <= p <= n - 2]
        points = set(cuts)
        bounds = [0, *cuts, n]
        for a, b in itertools.pairwise(bounds):
            part = word[a:b]
            points |= {a + int(q) for q in self.syllable.positions(part) if 2 <= q <= len(part) - 2}
        points = {
            p
            for p in points
            if 0 < p < n
            and word[p - 1 : p + 1] not in ("ch", "ck")
            and not (word[p - 1] == "s" and word[p : p + 2] == "ch")
        }
        return _without_lone_consonants(word, sorted(points))


def _without_lone_consonants(word: str, points: list[int]) -> list[int]:
    """Drop breaks that leave a piece without a vowel: the consonant joins the next piece if
    that starts with a vowel ("woh-ner"), otherwise the previous one ("Ar-beits")."""
    changed = True
    while changed:
        changed = False
        bounds = [0, *points, len(word)]
        for i in range(1, len(bounds) - 1):
            piece = word[bounds[i - 1] : bounds[i]]
            if i > 1 and not _VOWELS & set(piece):
                nxt = word[bounds[i] : bounds[i] + 1]
                drop = bounds[i] if nxt in _VOWELS else bounds[i - 1]
                points.remove(drop)
                changed = True
                break
        else:
            last = word[bounds[-2] :] if len(bounds) > 2 else word
            if len(bounds) > 2 and not _VOWELS & set(last):
                points.remove(bounds[-2])
                changed = True
    return points


@functools.cache
def use_german_hyphenation() -> Path:
    """Point pyphen's German entries at our two-level reading of its de_DE dictionary (once
    per process; the level files go to the temporary directory, named after their content).
    pyphen keeps parsed dictionaries in ``hdcache`` by path – we put ours there."""
    import pyphen

    source = Path(pyphen.LANGUAGES["de_DE"])
    text = source.read_text(encoding="iso-8859-1")
    head, _sep, syllable = text.partition("\nNEXTLEVEL\n")
    encoding = head.split("\n", 1)[0]
    syllable = syllable.rstrip("\n") + "\n" + "\n".join(EXTRA_GERMAN_PATTERNS) + "\n"
    paths = []
    for name, body in (("compound", head + "\n"), ("syllable", encoding + "\n" + syllable)):
        digest = hashlib.sha256(body.encode("iso-8859-1")).hexdigest()[:16]
        target = Path(tempfile.gettempdir()) / f"zwk-hyph-de-{name}-{digest}.dic"
        if not target.exists():
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(body, encoding="iso-8859-1")
            partial.replace(target)
        paths.append(target)
    compound, syllable_path = paths
    pyphen.hdcache[compound] = GermanHyphenation(compound, syllable_path)
    for key in list(pyphen.LANGUAGES):
        if key == "de" or key.startswith("de_"):
            pyphen.LANGUAGES[key] = compound
    return compound


def render(html):
    """Lay out a ``weasyprint.HTML`` with German hyphenation (tests read the text boxes)."""
    use_german_hyphenation()
    return html.render()


def only_data_urls(url, *args, **kwargs):
    """A WeasyPrint ``url_fetcher`` for PDFs built from our own templates: embedded data URIs
    (QR codes), nothing fetched from elsewhere."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"external resource refused: {url}")


def _section_languages(box):
    """``lang`` of every ``<section>`` box in the order WeasyPrint's tagging visits them."""
    if box.element is not None and box.element_tag == "section":
        yield box.element.get("lang")
    for child in getattr(box, "children", None) or []:
        yield from _section_languages(child)


def mark_section_languages(document, pdf) -> None:
    """Write ``/Lang`` into the structure element of each ``<section lang>`` (a finisher).

    WeasyPrint puts only ``<html lang>`` into the PDF (the catalogue's ``/Lang``); a page in
    another language – the Turkish page of a join notice – would be read aloud in German.
    PDF/UA wants every change of language marked. Its tagging creates one ``/Sect`` element per
    section box, page by page, depth first; we walk the laid-out pages the same way and pair
    them. If the counts differ (a layout the walk does not know), nothing is written rather
    than a wrong language.
    """
    langs = [lang for page in document.pages for lang in _section_languages(page._page_box)]
    elements = [
        obj
        for obj in pdf.objects
        if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") == "/Sect"
    ]
    if len(langs) != len(elements):
        return
    import pydyf

    for lang, element in zip(langs, elements, strict=True):
        if lang:
            element["Lang"] = pydyf.String(lang)


def pdf_bytes(source) -> bytes:
    """The PDF of a ``weasyprint.HTML`` or of a ``Document`` from ``render``, tagged as
    PDF/UA-1, with the language of each ``<section lang>`` marked."""
    document = render(source) if hasattr(source, "render") else source
    return document.write_pdf(pdf_variant=PDF_VARIANT, finisher=mark_section_languages)
