"""Step templates as DOCX and ODT filled with the Kommune's data (issue 16, "PDFs and
documents"): the files are opened as a word processor would – python-docx for DOCX, zipfile
and the XML of content.xml/meta.xml for ODT – and their text is checked."""

import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from zwk.municipalities import documents
from zwk.municipalities.models import KickoffAgreement
from zwk.municipalities.process import STEPS

pytestmark = pytest.mark.django_db
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ALL_TEMPLATES = [(st.slug, t.slug) for st in STEPS for t in st.templates]


def _url(m, step, name, fmt):
    url = reverse(
        "municipalities:template_download", kwargs={"slug": m.slug, "step": step, "name": name}
    )
    return f"{url}?format={fmt}"


def _docx_text(data: bytes) -> tuple[list, object]:
    doc = Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in doc.paragraphs], doc


def _odt(data: bytes) -> tuple[str, ET.Element, ET.Element, zipfile.ZipFile]:
    z = zipfile.ZipFile(io.BytesIO(data))
    content = ET.fromstring(z.read("content.xml"))
    meta = ET.fromstring(z.read("meta.xml"))
    return z.namelist()[0], content, meta, z


@pytest.fixture
def kickoff(municipality):
    municipality.contact_name = "Erika Mustermann"
    municipality.contact_email = "demografie@musterdorf.de"
    municipality.population = 15620
    municipality.save()
    KickoffAgreement.objects.update_or_create(
        municipality=municipality, defaults={"kickoff_date": date(2027, 3, 12)}
    )
    return municipality


def test_invitation_docx_carries_the_kommunes_name_date_and_contact(client_for, member, kickoff):
    response = client_for(member).get(_url(kickoff, "kickoff", "einladung", "docx"))
    assert response["Content-Type"] == documents.DOCX_TYPE
    assert 'filename="kickoff-einladung-musterdorf.docx"' in response["Content-Disposition"]
    paragraphs, doc = _docx_text(response.content)
    text = "\n".join(t for _s, t in paragraphs)
    assert paragraphs[0] == ("Heading 1", "EINLADUNG ZUR AUFTAKTVERANSTALTUNG")
    assert "Musterdorf" in text and "12.03.2027" in text
    assert "Erika Mustermann, demografie@musterdorf.de" in text
    assert "{{" not in text and "{%" not in text
    # hard-wrapped template lines become one paragraph; "- …" lines a bulleted list
    assert any(
        t.startswith("Musterdorf nimmt am Programm") and "Jung und Alt" in t for _s, t in paragraphs
    )
    assert next(t for s, t in paragraphs if s == "List Bullet").startswith("die Schwerpunktthemen")
    # field labels in bold
    field = next(p for p in doc.paragraphs if p.text.startswith("Datum:"))
    assert field.runs[0].bold and field.runs[1].text == "12.03.2027"
    assert doc.core_properties.title == "EINLADUNG ZUR AUFTAKTVERANSTALTUNG"
    assert doc.core_properties.language == "de-DE"


def test_agenda_odt_is_valid_opendocument_with_a_numbered_list(client_for, member, kickoff):
    response = client_for(member).get(_url(kickoff, "kickoff", "tagesordnung", "odt"))
    assert response["Content-Type"] == documents.ODT_TYPE
    first, content, meta, z = _odt(response.content)
    assert first == "mimetype" and z.read("mimetype") == documents.ODT_TYPE.encode()
    assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert "META-INF/manifest.xml" in z.namelist()
    heading = content.find(f".//{{{ODF_TEXT}}}h")
    assert heading.text.startswith("TAGESORDNUNG") and "Musterdorf" in heading.text
    items = ["".join(i.itertext()) for i in content.iter(f"{{{ODF_TEXT}}}list-item")]
    assert len(items) == 7 and items[0].startswith("Begrüßung")
    assert "15.620 Einwohnerinnen und Einwohner" in items[2]
    text = "".join(content.itertext())
    assert "12.03.2027" in text and "{{" not in text
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert meta.find(".//dc:language", ns).text == "de-DE"
    assert meta.find(".//dc:title", ns).text.startswith("TAGESORDNUNG")


def test_protocol_names_the_step_and_its_responsible(client_for, member, municipality):
    step = municipality.steps.get(kind="kickoff")
    step.start_date = date(2027, 4, 2)
    step.responsible = member
    step.save()
    response = client_for(member).get(_url(municipality, "kickoff", "protokoll", "docx"))
    text = "\n".join(t for _s, t in _docx_text(response.content)[0])
    assert "Musterdorf" in text and "02.04.2027" in text
    assert f"Schritt: 1. {step.type.title}" in text
    name = member.get_full_name() or member.email
    assert f"Moderation: {name}" in text


@pytest.mark.parametrize("step, name", ALL_TEMPLATES)
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_every_template_opens_in_both_formats(client_for, member, municipality, step, name, fmt):
    response = client_for(member).get(_url(municipality, step, name, fmt))
    assert response.status_code == 200
    if fmt == "docx":
        text = "\n".join(t for _s, t in _docx_text(response.content)[0])
    else:
        text = "".join(_odt(response.content)[1].itertext())
    assert "Musterdorf" in text.replace("MUSTERDORF", "Musterdorf")
    assert "{" not in text and "}" not in text


def test_unknown_format_is_404_not_a_text_file(client_for, member, municipality):
    assert (
        client_for(member).get(_url(municipality, "kickoff", "einladung", "txt")).status_code == 404
    )


def test_the_step_page_offers_docx_and_odt(client_for, member, municipality):
    url = reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kickoff"})
    html = client_for(member).get(url).content.decode()
    assert "?format=docx" in html and "?format=odt" in html and "(TXT)" not in html
