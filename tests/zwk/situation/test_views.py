"""Views: what users see, bad input (400, German message, input kept, nothing saved),
tenant isolation (IDOR), suggestions from indicator rows, exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.zwk.situation.test_suggestions import row
from zwk.municipalities.models import Theme
from zwk.situation import services
from zwk.situation.models import (
    CandidateField,
    Initiative,
    Interview,
    RejectedSuggestion,
    SwotItem,
)

pytestmark = pytest.mark.django_db


def url(name, m, **kw):
    return reverse(f"situation:{name}", kwargs={"slug": m.slug, **kw})


@pytest.fixture
def rows(monkeypatch):
    """Indicator rows as the Kommunalprofil will deliver them (it returns [] today)."""
    data = [
        row("old_age_dependency_ratio", 52.0, land=41.0),
        row("family_migration_per_1000", 6.5),
    ]
    monkeypatch.setattr("zwk.situation.views.indicator_comparison", lambda m: data)
    return data


# --- Overview and step page -----------------------------------------------------------


def test_profile_step_links_to_the_analysis(client_for, member, municipality):
    client = client_for(member)
    html = client.get(
        reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kommunalprofil"})
    ).content.decode()
    assert url("overview", municipality) in html
    kickoff = client.get(
        reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kickoff"})
    ).content.decode()
    assert url("overview", municipality) not in kickoff


def test_overview_shows_counts_and_next_step(client_for, member, municipality):
    services.initiative_create(municipality=municipality, by=member, data={"title": "Dorfladen"})
    html = client_for(member).get(url("overview", municipality)).content.decode()
    assert "1 Initiative oder Angebot erfasst" in html
    assert "1 von 4 Teilen mit Inhalt" in html
    assert "Sprechen Sie mit Schlüsselpersonen" in html


# --- Bestandsaufnahme -----------------------------------------------------------------


def test_empty_state_of_the_inventory(client_for, member, municipality):
    html = client_for(member).get(url("initiatives", municipality)).content.decode()
    assert "Noch keine Initiativen erfasst" in html


def test_member_adds_an_initiative(client_for, member, municipality):
    theme = Theme.objects.get(slug="nahversorgung", municipality=None)
    municipality.themes.add(theme)
    response = client_for(member).post(
        url("initiative_create", municipality),
        {
            "title": "Dorfladen Seeblick",
            "themes": [theme.pk],
            "target_groups": ["seniors", "families"],
            "provider": "Dorfladen eG",
            "status": "running",
            "contact": "Frau Lange, 0123 456",
            "url": "dorfladen.example",
            "description": "Genossenschaftlicher Laden mit Café",
        },
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(municipality=municipality)
    assert initiative.url == "https://dorfladen.example"
    html = client_for(member).get(response["Location"]).content.decode()
    assert "Dorfladen Seeblick" in html and "Seniorinnen und Senioren, Familien" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "status": "running"}, "Titel: Dieses Feld ist zwingend erforderlich."),
        ({"title": "X", "status": "running", "url": "javascript:alert(1)"}, "gültige Adresse"),
        ({"title": "X", "status": "vielleicht"}, "keine gültige Auswahl"),
        ({"title": "X", "status": "running", "target_groups": ["aliens"]}, "keine gültige Auswahl"),
    ],
)
def test_bad_initiative_input_is_refused_in_german(client_for, member, municipality, data, message):
    data = {"provider": "Mein Träger", **data}
    response = client_for(member).post(url("initiative_create", municipality), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html and message in html
    assert 'value="Mein Träger"' in html  # input kept
    assert not Initiative.objects.exists()


def test_initiative_of_another_kommune_cannot_be_edited_or_deleted(
    client_for, coordinator, municipality, other_municipality, other_member
):
    foreign = services.initiative_create(
        municipality=other_municipality, by=other_member, data={"title": "Fremd"}
    )
    client = client_for(coordinator)
    # The coordinator's own Kommune in the URL, the other Kommune's object id: 404.
    assert client.get(url("initiative_edit", municipality, pk=foreign.pk)).status_code == 404
    assert client.post(url("initiative_delete", municipality, pk=foreign.pk)).status_code == 404
    assert (
        client.post(
            url("initiative_edit", municipality, pk=foreign.pk), {"title": "Gekapert"}
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.title == "Fremd"


def test_delete_asks_first_and_members_may_not(client_for, member, coordinator, municipality):
    initiative = services.initiative_create(
        municipality=municipality, by=member, data={"title": "Bürgerbus"}
    )
    assert (
        client_for(member)
        .post(url("initiative_delete", municipality, pk=initiative.pk))
        .status_code
        == 403
    )
    client = client_for(coordinator)
    confirm = client.get(url("initiative_delete", municipality, pk=initiative.pk))
    assert "Soll „Bürgerbus“ aus der Bestandsaufnahme gelöscht werden?" in confirm.content.decode()
    assert Initiative.objects.exists()
    assert client.post(url("initiative_delete", municipality, pk=initiative.pk)).status_code == 302
    assert not Initiative.objects.exists()


def test_filters_and_pagination(client_for, member, municipality):
    for n in range(25):
        services.initiative_create(
            municipality=municipality,
            by=member,
            data={"title": f"Angebot {n:02d}", "status": "planned" if n == 3 else "running"},
        )
    client = client_for(member)
    first = client.get(url("initiatives", municipality)).content.decode()
    assert "25 Einträge" in first and "Seite 1 von 2" in first and "Angebot 19" in first
    assert "Angebot 20" not in first
    filtered = client.get(url("initiatives", municipality), {"status": "planned"}).content.decode()
    assert "1 Eintrag" in filtered and "Angebot 03" in filtered and "Angebot 04" not in filtered
    second = client.get(url("initiatives", municipality), {"seite": 2, "status": "running"})
    assert "Angebot 24" in second.content.decode()
    bad = client.get(url("initiatives", municipality), {"status": "unsinn"})
    assert bad.status_code == 400 and "keine gültige Auswahl" in bad.content.decode()


# --- SWOT -----------------------------------------------------------------------------


def test_swot_without_statistics_says_so_honestly(client_for, member, municipality):
    html = client_for(member).get(url("swot", municipality)).content.decode()
    assert (
        "Noch keine Statistik importiert – Vorschläge erscheinen, sobald das Kommunalprofil Daten hat"
        in html
    )


def test_swot_shows_suggestions_with_reason(client_for, member, municipality, rows):
    html = client_for(member).get(url("swot", municipality)).content.decode()
    assert "Fachkräfte und Pflege" in html
    assert "Altenquotient 2024: 52,0" in html and "Land: 41,0" in html
    assert "Attraktiv für Familien" in html


def test_accept_reject_and_undo_suggestions(client_for, member, municipality, rows):
    client = client_for(member)
    response = client.post(
        url("suggestion_accept", municipality, key="altenquotient-hoch"), {"direkt": "1"}
    )
    assert response.status_code == 302
    item = SwotItem.objects.get(municipality=municipality)
    assert item.source == "suggestion" and item.category == "threat"
    client.post(url("suggestion_reject", municipality, key="familienwanderung-positiv"))
    html = client.get(url("swot", municipality)).content.decode()
    assert "Keine offenen Vorschläge" in html and "1 verworfener Vorschlag" in html
    client.post(url("suggestion_restore", municipality, key="familienwanderung-positiv"))
    assert not RejectedSuggestion.objects.exists()
    assert "Attraktiv für Familien" in client.get(url("swot", municipality)).content.decode()


def test_edit_a_suggestion_before_accepting(client_for, member, municipality, rows):
    client = client_for(member)
    page = client.get(url("suggestion_accept", municipality, key="familienwanderung-positiv"))
    assert "Warum dieser Vorschlag?" in page.content.decode()
    bad = client.post(
        url("suggestion_accept", municipality, key="familienwanderung-positiv"),
        {"category": "opportunity", "text": ""},
    )
    assert (
        bad.status_code == 400
        and "Aussage: Dieses Feld ist zwingend erforderlich." in bad.content.decode()
    )
    assert not SwotItem.objects.exists()
    client.post(
        url("suggestion_accept", municipality, key="familienwanderung-positiv"),
        {"category": "opportunity", "text": "Neubaugebiet bringt Familien", "note": "B-Plan 12"},
    )
    item = SwotItem.objects.get()
    assert (item.category, item.text, item.note) == (
        "opportunity",
        "Neubaugebiet bringt Familien",
        "B-Plan 12",
    )


def test_unknown_suggestion_key_is_404(client_for, member, municipality):
    client = client_for(member)
    assert client.post(url("suggestion_reject", municipality, key="erfunden")).status_code == 404
    assert client.get(url("suggestion_accept", municipality, key="erfunden")).status_code == 404


def test_add_swot_item_with_bad_input(client_for, member, municipality):
    response = client_for(member).post(
        url("swot_add", municipality),
        {"swot-category": "stärke?", "swot-text": "Viele Vereine", "swot-indicator_key": "nix"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Kategorie: Bitte eine gültige Auswahl treffen" in html and 'value="Viele Vereine"' in html
    )
    assert not SwotItem.objects.exists()


def test_add_swot_item(client_for, member, municipality):
    response = client_for(member).post(
        url("swot_add", municipality),
        {
            "swot-category": "weakness",
            "swot-text": "Keine Hausarztpraxis mehr im Ort",
            "swot-indicator_key": "share_80_plus",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#weakness")
    html = client_for(member).get(url("swot", municipality)).content.decode()
    assert "Keine Hausarztpraxis mehr im Ort" in html and "Anteil ab 80-Jährige" in html


def test_swot_item_of_another_kommune_is_404(
    client_for, coordinator, municipality, other_municipality, other_member
):
    foreign = services.swot_item_create(
        municipality=other_municipality, by=other_member, category="strength", text="Fremd"
    )
    client = client_for(coordinator)
    assert client.get(url("swot_edit", municipality, pk=foreign.pk)).status_code == 404
    assert client.post(url("swot_delete", municipality, pk=foreign.pk)).status_code == 404
    assert SwotItem.objects.filter(pk=foreign.pk).exists()


def test_swot_exports(client_for, member, municipality):
    services.swot_item_create(
        municipality=municipality, by=member, category="strength", text='=HYPERLINK("x")'
    )
    services.swot_item_create(
        municipality=municipality, by=member, category="threat", text="Ärztemangel"
    )
    client = client_for(member)
    response = client.get(url("swot_csv", municipality))
    assert response["Content-Disposition"] == f'attachment; filename="swot-{municipality.slug}.csv"'
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:2] == ["Kategorie", "Aussage"]
    assert lines[1][:2] == ["Stärke", '\'=HYPERLINK("x")']  # no formula in a spreadsheet
    assert lines[2][:2] == ["Risiko", "Ärztemangel"]
    workbook = load_workbook(io.BytesIO(client.get(url("swot_xlsx", municipality)).content))
    sheet = workbook.active
    assert sheet.title == "SWOT"
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == '=HYPERLINK("x")'
    assert sheet["B3"].value == "Ärztemangel"


def test_inventory_exports(client_for, member, municipality):
    services.initiative_create(
        municipality=municipality,
        by=member,
        data={"title": "Seniorentreff", "provider": "AWO", "status": "running"},
        target_groups=["seniors"],
    )
    client = client_for(member)
    text = client.get(url("initiatives_csv", municipality)).content.decode("utf-8-sig")
    assert "Seniorentreff;;Seniorinnen und Senioren;AWO;laufend" in text
    sheet = load_workbook(
        io.BytesIO(client.get(url("initiatives_xlsx", municipality)).content)
    ).active
    assert [c.value for c in sheet[2]][:5] == [
        "Seniorentreff",
        None,
        "Seniorinnen und Senioren",
        "AWO",
        "laufend",
    ]


# --- Interviews -----------------------------------------------------------------------


def test_interview_with_swot_items_from_it(client_for, member, municipality):
    client = client_for(member)
    response = client.post(
        url("interview_create", municipality),
        {
            "person": "Vorsitzende des Sportvereins",
            "role": "Vorsitz",
            "organisation": "SV Seedorf",
            "held_on": "2026-04-14",
            "main_points": "Trainer fehlen, Halle ist marode.",
        },
    )
    interview = Interview.objects.get()
    assert response["Location"] == url("interview", municipality, pk=interview.pk)
    client.post(
        url("interview_swot_add", municipality, pk=interview.pk),
        {"swot-category": "weakness", "swot-text": "Ehrenamtliche Trainer fehlen"},
    )
    item = SwotItem.objects.get()
    assert item.interview == interview and item.source == "interview"
    html = client.get(url("interview", municipality, pk=interview.pk)).content.decode()
    assert "Schwäche: Ehrenamtliche Trainer fehlen" in html
    assert (
        "Gespräch mit Vorsitzende des Sportvereins"
        in client.get(url("swot", municipality)).content.decode()
    )


def test_interview_bad_input(client_for, member, municipality):
    response = client_for(member).post(
        url("interview_create", municipality),
        {"person": "Pfarrerin", "held_on": "14.13.2026", "main_points": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte ein gültiges Datum eingeben" in html
    assert "Wichtigste Aussagen: Dieses Feld ist zwingend erforderlich." in html
    assert 'value="Pfarrerin"' in html
    assert not Interview.objects.exists()


def test_interview_of_another_kommune_is_404(
    client_for, coordinator, municipality, other_municipality, other_member
):
    foreign = services.interview_create(
        municipality=other_municipality,
        by=other_member,
        data={"person": "Geheim", "held_on": "2026-01-01", "main_points": "Vertraulich"},
    )
    client = client_for(coordinator)
    assert client.get(url("interview", municipality, pk=foreign.pk)).status_code == 404
    assert (
        client.post(
            url("interview_swot_add", municipality, pk=foreign.pk),
            {"swot-category": "weakness", "swot-text": "x"},
        ).status_code
        == 404
    )
    assert not SwotItem.objects.exists()


# --- Candidate Handlungsfelder --------------------------------------------------------


def test_select_candidate_field_with_justification(client_for, member, municipality):
    item = services.swot_item_create(
        municipality=municipality, by=member, category="threat", text="Pflegekräfte fehlen"
    )
    theme = Theme.objects.get(slug="gesundheit-und-pflege", municipality=None)
    client = client_for(member)
    response = client.post(
        url("candidate_add", municipality),
        {
            "kandidat-theme": theme.pk,
            "kandidat-justification": "Pflege vor Ort sichern",
            "kandidat-swot_items": [item.pk],
        },
    )
    assert response.status_code == 302
    html = client.get(url("candidates", municipality)).content.decode()
    assert "1. Gesundheit und Pflege" in html and "Risiko: Pflegekräfte fehlen" in html


def test_candidate_bad_input(client_for, member, municipality, other_municipality, other_member):
    services.swot_item_create(
        municipality=municipality, by=member, category="threat", text="Pflegekräfte fehlen"
    )
    foreign = services.swot_item_create(
        municipality=other_municipality, by=other_member, category="strength", text="Fremd"
    )
    theme = Theme.objects.get(slug="gesundheit-und-pflege", municipality=None)
    response = client_for(member).post(
        url("candidate_add", municipality),
        {
            "kandidat-theme": theme.pk,
            "kandidat-justification": "Weil es wichtig ist",
            "kandidat-swot_items": [foreign.pk],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "keine gültige Auswahl" in html and "Weil es wichtig ist" in html
    response = client_for(member).post(
        url("candidate_add", municipality),
        {"kandidat-theme": theme.pk, "kandidat-justification": "Weil"},
    )
    assert (
        "Bitte wählen Sie mindestens einen SWOT-Punkt als Begründung." in response.content.decode()
    )
    assert not CandidateField.objects.exists()


def test_candidate_move_with_bad_direction(client_for, member, municipality):
    item = services.swot_item_create(
        municipality=municipality, by=member, category="strength", text="A"
    )
    candidate = services.candidate_add(
        municipality=municipality,
        theme=Theme.objects.get(slug="bildung", municipality=None),
        justification="x",
        swot_items=[item],
        by=member,
    )
    response = client_for(member).post(
        url("candidate_move", municipality, pk=candidate.pk), {"richtung": "seitwärts"}
    )
    assert response.status_code == 400
    assert "nach oben oder unten" in response.content.decode()


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def test_list_pages_need_a_constant_number_of_queries(client_for, member, municipality):
    theme = Theme.objects.get(slug="mobilitaet", municipality=None)
    municipality.themes.add(theme)
    client = client_for(member)
    pages = [
        url(name, municipality) for name in ("initiatives", "swot", "interviews", "candidates")
    ]

    def add(n):
        interview = services.interview_create(
            municipality=municipality,
            by=member,
            data={"person": f"P{n}", "held_on": "2026-01-01", "main_points": "x"},
        )
        services.initiative_create(
            municipality=municipality,
            by=member,
            data={"title": f"I{n}"},
            themes=[theme],
            target_groups=["youth", "seniors"],
        )
        item = services.swot_item_create(
            municipality=municipality,
            by=member,
            category="strength",
            text=f"S{n}",
            interview=interview,
        )
        services.candidate_add(
            municipality=municipality,
            theme=Theme.objects.filter(municipality=None).order_by("order")[n],
            justification="x",
            swot_items=[item],
            by=member,
        )

    add(0)
    [_queries(client, p) for p in pages]  # warm up per-process caches (e.g. content types)
    few = [_queries(client, p) for p in pages]
    for n in range(1, 6):
        add(n)
    assert [_queries(client, p) for p in pages] == few


def test_edit_candidate_keeps_its_theme_selectable(client_for, member, municipality):
    item = services.swot_item_create(
        municipality=municipality, by=member, category="threat", text="Pflegekräfte fehlen"
    )
    care = Theme.objects.get(slug="gesundheit-und-pflege", municipality=None)
    candidate = services.candidate_add(
        municipality=municipality, theme=care, justification="alt", swot_items=[item], by=member
    )
    client = client_for(member)
    form = client.get(url("candidate_edit", municipality, pk=candidate.pk)).content.decode()
    assert f'value="{care.pk}" selected' in form
    response = client.post(
        url("candidate_edit", municipality, pk=candidate.pk),
        {
            "kandidat-theme": care.pk,
            "kandidat-justification": "Pflege vor Ort sichern",
            "kandidat-swot_items": [item.pk],
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.justification == "Pflege vor Ort sichern"
