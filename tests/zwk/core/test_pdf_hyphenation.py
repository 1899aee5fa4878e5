"""German hyphenation in PDFs (issue 16, "PDFs and documents"): pyphen's German dictionary is
read in its two levels – compound parts first, syllables inside them – so long compounds break
where a reader expects ("Al-ters-struk-tur", "Be-völ-ke-rungs-fort-schrei-bung")."""

import itertools

import pyphen
import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from zwk.core import pdf as pdf_output


@pytest.fixture
def german():
    pdf_output.use_german_hyphenation()
    return pyphen.Pyphen(lang="de")


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Bevölkerungsfortschreibung", "Be-völ-ke-rungs-fort-schrei-bung"),
        ("Altersstruktur", "Al-ters-struk-tur"),
        ("Ortsstruktur", "Orts-struk-tur"),
        ("Landesstatistik", "Lan-des-sta-tis-tik"),
        ("Gesundheitsstrategie", "Ge-sund-heits-stra-te-gie"),
        ("Gemeinderatssitzung", "Ge-mein-de-rats-sit-zung"),
        ("Einwohnerstatistik", "Ein-woh-ner-sta-tis-tik"),
        ("Arbeitsstunden", "Ar-beits-stun-den"),
        ("Zukunftswerkstatt", "Zu-kunfts-werk-statt"),
        ("Schlussstrich", "Schluss-strich"),
        ("Kirchenchor", "Kir-chen-chor"),
    ],
)
def test_compounds_break_between_their_parts(german, word, expected):
    assert german.inserted(word) == expected


def test_no_piece_is_a_lone_consonant_and_sch_ch_ck_stay_together(german):
    words = [
        "Bevölkerungsvorausberechnung",
        "Demografiebeauftragte",
        "Wanderungssaldo",
        "Kindertagesstätte",
        "Handlungsempfehlung",
        "Brückentechnologie",
        "Pflegebedürftige",
        "Geschäftsstelle",
        "Wirtschaftsstruktur",
    ]
    for word in words:
        pieces = german.inserted(word).lower().split("-")
        assert all(set(p) & set("aeiouyäöü") for p in pieces), pieces
        joints = [a[-1] + b[:2] for a, b in itertools.pairwise(pieces)]
        assert not [j for j in joints if j[1] == "h" and j[0] == "c"], pieces
        assert not [j for j in joints if j[0] == "s" and j[1:] == "ch"], pieces
        assert not [j for j in joints if j[:2] == "ck"], pieces


def _line_texts(document) -> list[str]:
    lines = []

    def walk(box):
        if isinstance(box, boxes.LineBox):
            lines.append("".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)))
            return
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return lines


def test_a_narrow_pdf_column_hyphenates_at_compound_parts():
    html = HTML(
        string=(
            '<html lang="de"><head><title>T</title><style>@page { size: 80mm 200mm; margin: 5mm }'
            " p { hyphens: auto; width: 26mm; font-size: 12pt; text-align: justify }</style>"
            "</head><body><p>Die Bevölkerungsfortschreibung zeigt die Altersstruktur der "
            "Gemeinde und ihre Ortsstruktur.</p></body></html>"
        )
    )
    lines = _line_texts(pdf_output.render(html))
    text = "|".join(line.rstrip() for line in lines).replace("\u2010", "-")
    assert "-|" in text, f"nothing was hyphenated: {lines}"
    assert "Alters-|struktur" in text, lines
    for wrong in ("forts-|", "Alterss-|", "Ortss-|", "-|s|", "s-|chr"):
        assert wrong not in text, lines
