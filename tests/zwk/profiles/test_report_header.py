"""The PDF report of the Kommunalprofil prints the Kommune's name exactly in its page header.

The header is a CSS string (``@top-right { content: "Kommunalprofil …" }``); the name goes
through the ``css_string`` filter (``escapejs`` printed "Bad-Xdorf" as "Badu002DXdorf").
"""

import pytest
import weasyprint
from django.urls import reverse
from weasyprint.formatting_structure import boxes

pytestmark = pytest.mark.django_db

ODD_NAME = 'Bad-Xdorf „Süd“ "Alt" \\ </style> <b>'


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def test_report_pdf_header_prints_the_kommune_name_exactly(
    municipality, member, client_for, monkeypatch
):
    municipality.name = ODD_NAME
    municipality.save()
    pages = []
    render = weasyprint.HTML.render

    def laid_out(html, *args, **kwargs):
        """Keep the text of each laid-out page – what ends up in the PDF (core.pdf renders
        every report once and writes the tagged PDF from that layout)."""
        document = render(html, *args, **kwargs)
        pages.extend(" ".join(_texts(page._page_box)) for page in document.pages)
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", laid_out)
    response = client_for(member).get(
        reverse("profiles:report_pdf", kwargs={"slug": municipality.slug})
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert pages
    for text in pages:
        assert f"Kommunalprofil {ODD_NAME}" in text  # the running header of every page
    assert "u002D" not in " ".join(pages)
