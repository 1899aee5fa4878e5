"""Issue 18, item 3 in a real browser, from the team's side: the coordinator opens the Turkish
section of "Übersetzungen" on the project form with the keyboard, types the Turkish title and
saves with Enter; the public project page in Türkçe shows that title, while the description,
which has no Turkish version, stays German – marked lang="de" with the note in Turkish. axe-core
on the form (section open) and on the public page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

TURKISH_TITLE = "Sprachdorf'un geleceği"


@pytest.fixture
def project(transactional_db):
    """Outside the `db` fixture's transaction, so that the live server sees the data."""
    from tests.factories import MunicipalityFactory, UserFactory, membership
    from zwk.municipalities.models import Membership
    from zwk.participation.models import Project

    municipality = MunicipalityFactory(name="Sprachdorf", slug="sprachdorf", ags="06435998")
    user = UserFactory(username="koordination-sprachdorf")
    membership(user, municipality, Membership.Role.COORDINATOR)
    return Project.objects.create(
        municipality=municipality,
        title="Zukunft Sprachdorf",
        slug="zukunft",
        description="Wie wollen wir leben?",
        published=True,
    )


def test_coordinator_enters_a_turkish_title_that_participants_see(project, live_server, page):
    page.set_default_timeout(60_000)
    login(page, live_server.url, "koordination-sprachdorf", PASSWORD)
    edit = reverse(
        "participation_team:edit", kwargs={"slug": project.municipality.slug, "pk": project.pk}
    )
    page.goto(live_server.url + edit)
    section = page.locator("details.kern-accordion", has=page.locator("summary", has_text="Türkçe"))
    expect(section).not_to_have_attribute("open", "")
    # Keyboard only: the summary opens with Enter, Tab leads to the Turkish title.
    section.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(section).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    title = page.locator("#id_title__tr")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("lang", "tr")
    page.keyboard.type(TURKISH_TITLE)
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form from the text field
    expect(page.get_by_text("Gespeichert.")).to_be_visible()

    page.goto(live_server.url + project.get_absolute_url() + "?sprache=tr")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(TURKISH_TITLE)
    assert heading.get_attribute("lang") is None  # Turkish on a Turkish page
    description = page.locator(".project-description")
    expect(description).to_have_attribute("lang", "de")
    expect(description).to_contain_text("Wie wollen wir leben?")
    expect(page.get_by_text("Çevrilmedi – Almanca orijinal metin").first).to_be_visible()
    assert_no_axe_violations(page)

    project.refresh_from_db()
    assert project.translations == {"tr": {"title": TURKISH_TITLE}}
