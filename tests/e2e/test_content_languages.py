"""Issue 18, items 3 and 4 in a real browser: a Turkish idea page whose collection title exists
only in German (marked lang="de", with the note in Turkish), a German idea with the moderation's
Turkish translation next to it, and the project page in Arabic (right to left) with a
translated title and a German description – axe-core (valid-lang and the rest) on each."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def idea(transactional_db):
    """Outside the `db` fixture's transaction, so that the live server sees the data."""
    from tests.factories import MunicipalityFactory
    from zwk.participation import idea_services
    from zwk.participation.models import IdeaCollection, Project, ProjectPhase

    municipality = MunicipalityFactory(name="Sprachdorf", slug="sprachdorf", ags="06435997")
    project = Project.objects.create(
        municipality=municipality,
        title="Zukunft Sprachdorf",
        slug="zukunft",
        description="Wie wollen wir leben?",
        published=True,
        translations={"ar": {"title": "مستقبل القرية"}},
    )
    today = timezone.localdate()
    phase = ProjectPhase.objects.create(
        project=project,
        title="Ideen",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=20),
    )
    collection = IdeaCollection.objects.create(
        project=project, phase=phase, title="Ideen für den Markt"
    )
    person = idea_services.participant_join(collection=collection, pseudonym="Lena", consent=True)
    idea, _created = idea_services.idea_submit(
        collection=collection,
        participant=person,
        submission_key="e2e-content",
        title="Bank am Markt",
        text="Damit man sich ausruhen kann.",
    )
    idea.language = "de"
    idea.moderator_translation = "Dinlenmek için pazarda bir bank."
    idea.moderator_translation_language = "tr"
    idea.save()
    return idea


def test_turkish_idea_page_and_arabic_project_page_mark_their_languages(
    idea, live_server, new_page
):
    page = new_page(viewport={"width": 375, "height": 740})
    page.set_default_timeout(60_000)
    page.goto(live_server.url + idea.get_absolute_url() + "?sprache=tr")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "de")
    expect(page.locator(".idea-text")).to_have_attribute("lang", "de")
    expect(page.get_by_text("Moderasyonun çevirisi")).to_be_visible()
    translation = page.get_by_text("Dinlenmek için pazarda bir bank.")
    expect(translation).to_be_visible()
    assert translation.get_attribute("lang") is None  # Turkish on a Turkish page
    expect(page.get_by_text("Ideen für den Markt").first).to_have_attribute("lang", "de")
    assert_no_axe_violations(page)

    project = idea.collection.project
    page.goto(live_server.url + project.get_absolute_url() + "?sprache=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("مستقبل القرية")
    description = page.locator(".project-description")
    expect(description).to_have_attribute("lang", "de")
    expect(description).to_have_attribute("dir", "ltr")
    expect(page.get_by_text("غير مترجم – النص الأصلي باللغة الألمانية")).to_be_visible()
    assert_no_axe_violations(page)
