"""Sanitising, versions and the review workflow of toolbox entries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zwk.toolbox import services
from zwk.toolbox.models import Entry

XSS_BODY = (
    '<p onclick="alert(1)">Text</p><script>alert(1)</script>'
    '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">klick</a>'
    '<iframe src="https://evil.example"></iframe><style>body{}</style>'
    '<a href="https://gut.example">gut</a>'
)


def test_rich_text_is_sanitised_on_write(make_entry):
    entry = make_entry("Sicher", body=XSS_BODY, summary="<b>fett</b><script>x()</script> & mehr")
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<style", "<img"):
        assert bad not in entry.body
    assert '<a href="https://gut.example"' in entry.body
    assert entry.summary == "fett & mehr"


def test_payloads_are_escaped_on_the_page(make_entry, client):
    entry = make_entry('Titel <script>alert("t")</script>', summary="<svg onload=alert(1)>Kurz")
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<svg" not in html
    html = client.get(reverse("toolbox:list"), {"q": "<script>alert(1)</script> Titel"}).content
    assert b"<script>alert(1)" not in html


@pytest.mark.parametrize(
    "links",
    ["javascript:alert(1)", "Titel | javascript:alert(1)", "data:text/html,<b>", "https://a b.de"],
)
def test_links_other_than_http_are_rejected(make_entry, links):
    with pytest.raises(ValidationError):
        make_entry("Mit Link", links=links)
    assert not Entry.objects.filter(title="Mit Link").exists()


def test_documented_best_practice_needs_a_source(make_entry):
    with pytest.raises(ValidationError):
        make_entry("Echt", entry_type="best_practice", evidence="documented")
    entry = make_entry("Beispiel", entry_type="best_practice")
    assert entry.evidence == "illustrative"


def test_every_save_adds_a_version_and_the_diff_shows_changes(make_entry, office_user, client_for):
    entry = make_entry("Versioniert", summary="Alte Fassung.")
    services.entry_update(entry=entry, by=office_user, data={"summary": "Neue Fassung."})
    assert list(entry.versions.values_list("number", flat=True)) == [2, 1]
    html = (
        client_for(office_user)
        .get(reverse("toolbox:version", kwargs={"entry": entry.slug, "number": 2}))
        .content.decode()
    )
    assert "<del>-Alte Fassung.</del>" in html and "<ins>+Neue Fassung.</ins>" in html


def test_kommune_submits_office_publishes(municipality, member, office_user, client_for):
    client = client_for(member)
    url = reverse("toolbox:submit", kwargs={"slug": municipality.slug})
    response = client.post(url, {"title": "Unser Dorffest", "summary": "Alle Generationen."})
    entry = Entry.objects.get(title="Unser Dorffest")
    assert response.status_code == 302 and entry.status == "review"
    assert entry.municipality == municipality and entry.entry_type == "best_practice"
    # Not public yet: anonymous gets 404, the list does not show it.
    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert "Unser Dorffest" not in client.get(reverse("toolbox:list")).content.decode()
    # The office publishes.
    office = client_for(office_user)
    office.post(reverse("toolbox:transition", kwargs={"entry": entry.slug}), {"action": "publish"})
    entry.refresh_from_db()
    assert entry.status == "published" and entry.published_at
    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_member_cannot_publish_own_submission(municipality, member, client_for):
    entry = services.best_practice_submit(
        municipality=municipality, by=member, data={"title": "Eigenes", "summary": "x"}
    )
    response = client_for(member).post(
        reverse("toolbox:transition", kwargs={"entry": entry.slug}), {"action": "publish"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == "review"


def test_the_workflow_service_asks_the_same_rule_as_the_buttons(
    municipality, member, office_user, make_entry
):
    """Publishing is for the office (the service refuses a member too, not only the button),
    and only from draft or review; rating needs a published entry – page and service agree."""
    entry = services.best_practice_submit(
        municipality=municipality, by=member, data={"title": "Eigenes", "summary": "x"}
    )
    assert not member.has_perm("toolbox.publish_entry", entry)
    with pytest.raises(PermissionDenied):
        services.entry_transition(entry=entry, action="publish", by=member)
    entry.refresh_from_db()
    assert entry.status == "review"
    entry = services.entry_transition(entry=entry, action="publish", by=office_user)
    assert not office_user.has_perm("toolbox.publish_entry", entry)  # published already
    with pytest.raises(ValidationError, match="im Status „veröffentlicht“ nicht"):
        services.entry_transition(entry=entry, action="publish", by=office_user)
    draft = make_entry("Entwurf", status="draft")
    assert not member.has_perm("toolbox.rate_entry", draft)
    with pytest.raises(ValidationError, match="Nur veröffentlichte"):
        services.rating_set(
            entry=draft, user=member, municipality=municipality, stars=4, helpful=True
        )


def test_other_kommune_cannot_see_or_edit_a_draft(municipality, member, other_member, client_for):
    entry = services.best_practice_submit(
        municipality=municipality, by=member, data={"title": "Geheim", "summary": "x"}
    )
    client = client_for(other_member)
    for name in ("detail", "edit", "history", "pdf"):
        assert (
            client.get(reverse(f"toolbox:{name}", kwargs={"entry": entry.slug})).status_code == 404
        )


def test_invalid_submission_keeps_input_and_writes_nothing(municipality, member, client_for):
    url = reverse("toolbox:submit", kwargs={"slug": municipality.slug})
    response = client_for(member).post(
        url, {"title": "Mit kaputtem Link", "summary": "x", "links": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "Mit kaputtem Link" in response.content.decode()
    assert "keine gültige Adresse" in response.content.decode()
    assert not Entry.objects.filter(title="Mit kaputtem Link").exists()


def test_rating_and_bookmark_by_kommune_member(make_entry, municipality, member, client_for):
    entry = make_entry("Bewertbar")
    client = client_for(member)
    response = client.post(
        reverse("toolbox:rate", kwargs={"entry": entry.slug}),
        {"rating-stars": "4", "rating-helpful": "ja", "rating-municipality": municipality.pk},
    )
    assert response.status_code == 302
    rating = entry.ratings.get()
    assert (rating.stars, rating.helpful, rating.municipality) == (4, True, municipality)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Durchschnitt 4,0 von 5 Sternen aus 1 Bewertung" in page
    client.post(
        reverse("toolbox:bookmark", kwargs={"entry": entry.slug}),
        {"merken-municipality": municipality.pk},
    )
    assert "Bewertbar" in client.get(reverse("toolbox:bookmarks")).content.decode()


def test_a_member_of_one_kommune_rates_and_bookmarks_for_it_without_choosing(
    make_entry, municipality, member, client_for
):
    page = client_for(member).get(make_entry("Eine").get_absolute_url()).content.decode()
    for name in ("rating-municipality", "merken-municipality"):
        assert f'<input type="hidden" name="{name}" value="{municipality.pk}"' in page


def test_rating_for_a_foreign_kommune_is_refused(
    make_entry, other_municipality, member, client_for
):
    entry = make_entry("Fremd")
    response = client_for(member).post(
        reverse("toolbox:rate", kwargs={"entry": entry.slug}),
        {"rating-stars": "5", "rating-municipality": other_municipality.pk},
    )
    assert response.status_code == 400
    assert not entry.ratings.exists()


def test_renamed_executable_is_rejected_as_material(make_entry, office_user, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    entry = make_entry("Mit Material")
    fake = SimpleUploadedFile("ablauf.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = client_for(office_user).post(
        reverse("toolbox:material_upload", kwargs={"entry": entry.slug}),
        {"material-file": fake, "material-title": "Ablauf"},
    )
    assert response.status_code == 400 and not entry.materials.exists()


def test_pdf_and_feed(make_entry, client):
    entry = make_entry("Druckbar", body="<p>Inhalt</p>")
    response = client.get(reverse("toolbox:pdf", kwargs={"entry": entry.slug}))
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"
    feed = client.get(reverse("toolbox:feed")).content.decode()
    assert "<feed" in feed and "Druckbar" in feed


def test_migration_content_is_published_and_substantive(db):
    from zwk.toolbox.content import ENTRIES

    assert len(ENTRIES) >= 30
    published = Entry.objects.published()
    assert published.count() >= 30
    for entry in published:
        assert len(entry.body) > 600, entry.title
        assert entry.step_list and entry.phases, entry.title
    examples = published.filter(entry_type="best_practice")
    assert examples.exists() and all(e.evidence == "illustrative" for e in examples)


def test_material_of_a_draft_is_not_reachable_through_another_entry(
    make_entry, municipality, member, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import PDF_BYTES

    public = make_entry("Öffentlich")
    draft = services.best_practice_submit(
        municipality=municipality, by=member, data={"title": "Intern", "summary": "x"}
    )
    material = services.material_add(
        entry=draft,
        upload=SimpleUploadedFile("intern.pdf", PDF_BYTES, "application/pdf"),
        title="Intern",
        by=member,
    )
    url = reverse("toolbox:material", kwargs={"entry": public.slug, "pk": material.pk})
    assert client.get(url).status_code == 404
    own = reverse("toolbox:material", kwargs={"entry": draft.slug, "pk": material.pk})
    assert client.get(own).status_code == 404  # anonymous: the draft stays hidden


def test_links_with_a_title_and_spaces_around_the_bar_are_kept(make_entry):
    entry = make_entry("Mit Titel", links="Leitfaden | https://example.org/leitfaden\n")
    assert entry.links == "Leitfaden | https://example.org/leitfaden"
    assert entry.link_list == [("Leitfaden", "https://example.org/leitfaden")]
