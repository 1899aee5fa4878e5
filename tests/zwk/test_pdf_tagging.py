"""Every PDF is tagged for accessibility (PDF/UA-1: structure tree, language German, a title)
and prints years as years (issue 16, "PDFs and documents").

The PDFs are fetched through their URLs from the permission matrix's world (one Kommune with
every app's objects), so a new PDF view is checked as soon as it has a matrix entry. WeasyPrint
packs objects into compressed object streams; the check inflates every stream and reads the
dictionaries there."""

import re
import zlib

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from tests.factories import MunicipalityFactory
from tests.zwk.profiles.test_views import _synthetic
from tests.zwk.test_permission_matrix import MATRIX, world  # noqa: F401 (fixture)
from zwk.core import pdf as pdf_output
from zwk.profiles import pages

PDF_URLS = sorted(n for n in MATRIX if n.endswith("pdf") and MATRIX[n].method == "get")
ROLES = ("office", "coordinator", "member", "anonymous")


def pdf_objects(data: bytes) -> bytes:
    """The file with every Flate stream inflated (object streams hold the catalogue)."""
    parts = [data]
    # Up to "endstream" with the end-of-line marker left in: compressed data may itself end in
    # a CR byte (1 in 256 – a random access code in the PDF made that happen), which an optional
    # "\r?\n" before "endstream" would cut off. The decompressor ignores the trailing bytes.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_pdf_views_are_found():
    assert {
        "profiles:report_pdf",
        "office:report_pdf",
        "workshops:protocol_pdf",
        "toolbox:pdf",
    } <= set(PDF_URLS)


@pytest.mark.parametrize("url_name", PDF_URLS)
def test_pdf_is_tagged_german_and_titled(url_name, world, db, client_for, settings):  # noqa: F811
    settings.MEDIA_ROOT = world["media_root"]
    case = MATRIX[url_name]
    kwargs = {case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs}
    url = reverse(url_name, kwargs=kwargs)
    for role in ROLES:
        response = client_for(world["users"][role]).get(url, case.data)
        if response.status_code == 200:
            break
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects, f"{url}: no structure tree (not tagged)"
    assert re.search(rb"/Lang\s*\(de\)", objects), f"{url}: document language is not German"
    title = re.search(rb"/Title\s*(\(([^)]*)\)|<([0-9a-fA-F]+)>)", objects)
    assert title and (title.group(2) or title.group(3)), f"{url}: no title in the metadata"
    assert b"/DisplayDocTitle true" in objects


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def test_profile_pdf_prints_years_without_thousands_separator(db):
    # Not the `municipality` fixture: the matrix world of this module already holds its AGS.
    municipality = MunicipalityFactory(name="Jahrstadt", slug="jahrstadt", ags="09180998")
    _synthetic(code=municipality.ags, years=(2019, 2020))
    ctx = {"page": pages.build(municipality), "municipality": municipality}
    document = pdf_output.render(HTML(string=render_to_string("profiles/report.html", ctx)))
    text = " ".join(" ".join(_texts(page._page_box)) for page in document.pages)
    assert "2019" in text and "2020" in text
    years_with_separator = {"2.019", "2.020"} & set(re.findall(r"\b[12]\.\d{3}\b", text))
    assert not years_with_separator, "years printed with a thousands separator"


def test_german_hyphenation_keeps_sch_together():
    import pyphen

    pdf_output.use_german_hyphenation()
    inserted = pyphen.Pyphen(lang="de").inserted("Bevölkerungsfortschreibung")
    assert "s-ch" not in inserted and "fort-schrei" in inserted
