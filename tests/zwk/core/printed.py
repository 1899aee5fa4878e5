"""Reading printouts in tests (issue 18, item 6): the pages of a PDF as WeasyPrint laid them out.

No PDF text extractor (pypdf, pdfminer) is a dependency; the laid-out pages are what goes into
the PDF, page by page – their text boxes, the ``<section lang dir>`` each page belongs to and the
images (QR codes) with their ``src`` and ``alt``.
"""

import re
from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes

from zwk.core import pdf as pdf_output


@dataclass
class PrintedPage:
    text: str = ""
    lang: str | None = None
    dir: str | None = None
    direction: str | None = None  # the CSS direction WeasyPrint laid the section out in
    images: list = field(default_factory=list)  # (src, alt)

    @property
    def compact(self) -> str:
        """The text without spaces: a long address broken over two lines reads as one."""
        return "".join(self.text.split())


def _walk(box, page, texts):
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", None)
    if tag == "section" and page.lang is None:
        page.lang, page.dir = element.get("lang"), element.get("dir")
        page.direction = box.style["direction"]
    if tag == "img" and isinstance(box, boxes.ReplacedBox):
        page.images.append((element.get("src"), element.get("alt")))
    if isinstance(box, boxes.TextBox):
        texts.append(box.text)
    for child in getattr(box, "children", None) or []:
        _walk(child, page, texts)


def pages_of(document) -> list[PrintedPage]:
    result = []
    for page in document.pages:
        printed, texts = PrintedPage(), []
        _walk(page._page_box, printed, texts)
        printed.text = re.sub(r"\s+", " ", " ".join(texts)).strip()
        result.append(printed)
    return result


def capture_pages(monkeypatch) -> list:
    """The laid-out pages of every PDF the test's requests produce (a list of page lists);
    use in a fixture ``printed``."""
    documents = []
    real = pdf_output.render

    def keep(html):
        document = real(html)
        documents.append(pages_of(document))
        return document

    monkeypatch.setattr(pdf_output, "render", keep)
    return documents


def text_outside_translate(source: str) -> list[str]:
    """Words of a template that no {% translate %}/{% blocktranslate %} covers (as the join
    path's check in tests/zwk/workshops/test_languages.py); CSS is not text."""
    text = re.sub(r"<style>.*?</style>", " ", source, flags=re.S)
    text = re.sub(r"{% blocktranslate.*?{% endblocktranslate %}", " ", text, flags=re.S)
    text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", text, flags=re.S)
    words = [
        attribute
        for attribute in re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
        if re.search(r"[^\W\d_]", attribute)
    ]
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&\w+;|[·–—:,./()+−!?]", " ", text)
    return words + [word for word in text.split() if re.search(r"[^\W\d_]", word)]


def record_lookups(monkeypatch) -> set:
    """(msgid, msgid_plural or None, active language) of every gettext lookup – so a test can
    check the texts of each printed page against the catalogue of that page's language (the
    team's own page, in the team's language, is not part of the printout)."""
    from django.utils import translation

    seen = set()
    real = translation._trans
    gettext, ngettext = real.gettext, real.ngettext

    def recording_gettext(message):
        seen.add((str(message), None, translation.get_language()))
        return gettext(message)

    def recording_ngettext(singular, plural, number):
        seen.add((str(singular), str(plural), translation.get_language()))
        return ngettext(singular, plural, number)

    monkeypatch.setattr(real, "gettext", recording_gettext)
    monkeypatch.setattr(real, "ngettext", recording_ngettext)
    return seen


def printed_untranslated(recorded: set, language: str) -> tuple[set, list[str]]:
    """The texts looked up (``record_lookups``) while a page in ``language`` was printed, and
    those the language's catalogue lacks (empty or missing translations)."""
    from tests.zwk.core.catalogues import parse_po, third_party_msgids
    from tests.zwk.workshops.test_languages import CATALOGUES, LOCALE

    catalogue, _header = parse_po(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    shown = {
        (msgid, plural)
        for msgid, plural, active in recorded
        if active == language and msgid and (msgid, plural) not in third_party_msgids()
    }
    missing = sorted(key[0] for key in shown if not all(catalogue.get(key, [""])))
    return shown, missing
