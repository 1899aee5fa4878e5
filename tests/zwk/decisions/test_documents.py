"""Demografie-Check as DOCX and ODT: the files open and carry the check's data (issue 20).

Stock 31.12.2022 as in test_views.py (10 persons per sex at every age 0–99).
"""

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.zwk.decisions.factories import ANSWERS, make_check
from tests.zwk.decisions.test_views import stock  # noqa: F401  (fixture)
from zwk.decisions import selectors

TITLE = "Demografie-Check: Tagespflege in der Altstadt"


def _docx_text(data: bytes) -> tuple[str, list[str], str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    heading = next(
        p.text for p in document.paragraphs if p.style.name.startswith(("Title", "Head"))
    )
    return heading, paragraphs, document.core_properties.title


def _odt_text(data: bytes) -> tuple[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist()[0] == "mimetype"
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        root = ElementTree.fromstring(z.read("content.xml"))
        meta = z.read("meta.xml").decode()
    text = "\n".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith(("}p", "}h")))
    return text, meta


@pytest.fixture
def check(municipality, stock, member):  # noqa: F811
    return make_check(municipality, member)


def _get(client, name, municipality, check, **query):
    return client.get(
        reverse(f"decisions:{name}", kwargs={"slug": municipality.slug, "pk": check.pk}), query
    )


def test_docx_opens_with_title_summary_figures_and_answers(municipality, check, member, client_for):
    client = client_for(member)
    page = _get(client, "detail", municipality, check).content.decode()
    assert "Als Word-Datei (DOCX)" in page and "Als OpenDocument (ODT)" in page
    response = _get(client, "result_docx", municipality, check)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert (
        "demografie-check-tagespflege-in-der-altstadt-fassung-1.docx"
        in (response["Content-Disposition"])
    )
    heading, paragraphs, core_title = _docx_text(response.content)
    assert heading == TITLE and core_title == TITLE
    text = "\n".join(paragraphs)
    summary = selectors.result(check, check.latest).summary
    assert summary.startswith("Die Zielgruppe Ältere Menschen (65 bis 79)")
    assert summary in text
    # today's 65–79: 15 ages · 20 persons = 300; 80+: 20 · 20 = 400
    assert "Ältere Menschen (65 bis 79): heute 300;" in text
    assert "Hochbetagte (80 und älter): heute 400;" in text
    assert ANSWERS["answer_reuse"] in text and "Generationengerechtigkeit" in text
    assert "20 Plätze" in text  # capacity


def test_odt_opens_with_title_and_summary(municipality, check, member, client_for):
    response = _get(client_for(member), "result_odt", municipality, check)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    text, meta = _odt_text(response.content)
    assert text.splitlines()[0] == TITLE
    assert selectors.result(check, check.latest).summary in text
    assert ANSWERS["answer_integration"] in text
    assert TITLE in meta and "de-DE" in meta


def test_an_older_version_is_the_one_downloaded(municipality, check, member, client_for):
    from tests.zwk.decisions.factories import check_data
    from zwk.decisions import services

    services.check_revise(check=check, by=member, data=check_data(title="Tagespflege am Markt"))
    client = client_for(member)
    latest, _meta = _odt_text(_get(client, "result_odt", municipality, check).content)
    first, _meta = _odt_text(_get(client, "result_odt", municipality, check, fassung=1).content)
    assert latest.startswith("Demografie-Check: Tagespflege am Markt")
    assert first.startswith(TITLE)
    assert _get(client, "result_docx", municipality, check, fassung=9).status_code == 404


def test_other_kommune_and_anonymous_get_no_file(municipality, check, other_member, client_for):
    assert _get(client_for(other_member), "result_docx", municipality, check).status_code == 404
    anonymous = _get(client_for(None), "result_odt", municipality, check)
    assert anonymous.status_code == 302 and re.search(r"login|anmelden", anonymous["Location"])


def test_without_statistics_the_file_says_so(municipality, member, client_for):
    check = make_check(municipality, member)
    text, _meta = _odt_text(_get(client_for(member), "result_odt", municipality, check).content)
    assert "keine Einwohnerzahlen nach Alter" in text


def test_the_empty_form_carries_every_check_question_in_both_formats(
    municipality, member, client_for
):
    client = client_for(member)
    listing = client.get(reverse("decisions:list", kwargs={"slug": municipality.slug}))
    assert "Leere Vorlage mit den Prüffragen" in listing.content.decode()
    kwargs = {"slug": municipality.slug}
    docx = client.get(reverse("decisions:blank_docx", kwargs=kwargs))
    assert docx.status_code == 200
    assert 'filename="demografie-check-vorlage.docx"' in docx["Content-Disposition"]
    heading, paragraphs, title = _docx_text(docx.content)
    assert heading == "Demografie-Check – Vorlage zum Ausfüllen" == title
    text = "\n".join(paragraphs)
    odt, _meta = _odt_text(client.get(reverse("decisions:blank_odt", kwargs=kwargs)).content)
    for question in (
        "Generationengerechtigkeit",
        "Barrierefreiheit",
        "Nachnutzung bei sinkender Nachfrage",
        "Integration",
    ):
        assert question in text and question in odt
    assert municipality.name in text and "Zeithorizont in Jahren" in odt
