"""Issue 18: the Ideensammlung in Arabic (right to left) on a 375 px phone – the idea list by
the shared link ?sprache=ar, introducing oneself, the new idea form with its map (Leaflet's
buttons in Arabic), a refused empty idea and a published one; axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_participation_ideas import (
    open_collection,
    tile_server,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}}


@pytest.fixture
def collection(transactional_db):
    from zwk.participation import idea_services

    collection = open_collection(
        "Sprachstadt", "sprachstadt", "06435998", title="Ideen für die Altstadt"
    )
    person = idea_services.participant_join(collection=collection, pseudonym="Lena", consent=True)
    idea_services.idea_submit(
        collection=collection,
        participant=person,
        submission_key="e2e-ar",
        title="Brunnen am Markt",
        text="Im Sommer ist es heiß.",
        latitude=50.206,
        longitude=9.188,
    )
    return collection


def test_idea_list_and_new_idea_in_arabic_on_a_phone(
    collection,
    live_server,
    new_page,
    tile_server,  # noqa: F811
):
    from zwk.participation.models import Idea

    def fits():
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width

    phone = new_page(**PHONE)
    phone.set_default_timeout(60_000)  # a shared CI machine: the first page compiles templates
    phone.goto(live_server.url + collection.get_absolute_url() + "?sprache=ar")
    html = phone.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    # The Kommune's title stays German and says so; the interface is Arabic.
    heading = phone.get_by_role("heading", level=1)
    expect(heading).to_have_text("Ideen für die Altstadt")
    expect(heading).to_have_attribute("lang", "de")
    expect(phone.get_by_text("فكرة واحدة", exact=True)).to_be_visible()  # 1 idea, Arabic plural
    expect(phone.get_by_label("الترتيب")).to_be_visible()  # sort
    # right to left: the list's text starts at the right edge of the card
    align = phone.locator(".idea-card .kern-body").first.evaluate(
        "e => getComputedStyle(e).direction"
    )
    assert align == "rtl"
    assert_no_axe_violations(phone)
    fits()

    phone.get_by_role("link", name="أرسلوا فكرتكم").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("عرّفوا بأنفسكم باختصار")
    expect(html).to_have_attribute("dir", "rtl")  # remembered without ?sprache=
    assert_no_axe_violations(phone)
    fits()
    phone.get_by_label("الاسم أو اللقب").fill("ليلى")
    phone.get_by_label(re.compile("أوافق على عرض أفكاري")).check()
    phone.get_by_role("main").get_by_role("button", name="متابعة").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("إرسال فكرة")
    expect(phone.get_by_text("أهلًا وسهلًا، ليلى!")).to_be_visible()
    picker = phone.locator("[data-place-picker]")
    expect(picker).to_have_attribute("data-ready", "picker")
    # Leaflet's own buttons speak Arabic too (title and accessible name).
    expect(picker.get_by_role("button", name="تكبير الخريطة")).to_be_visible()
    expect(picker.get_by_role("button", name="تصغير الخريطة")).to_be_visible()
    assert_no_axe_violations(phone)
    fits()

    phone.get_by_role("button", name="نشر الفكرة").click()  # empty: refused
    expect(phone.locator(".kern-error").first).to_be_visible()
    expect(phone.get_by_role("heading", level=1)).to_have_text("إرسال فكرة")
    assert_no_axe_violations(phone)
    fits()
    assert not Idea.objects.filter(author__pseudonym="ليلى").exists()

    phone.get_by_label("عنوان فكرتكم").fill("نافورة مياه للشرب")
    phone.get_by_label("صِفوا فكرتكم").fill("في الصيف يكون الجو حارًّا جدًّا.")
    phone.get_by_role("button", name="نشر الفكرة").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("نافورة مياه للشرب")
    expect(phone.get_by_text("شكرًا! نُشرت فكرتكم.")).to_be_visible()
    assert_no_axe_violations(phone)
    fits()
    assert Idea.objects.get(author__pseudonym="ليلى").title == "نافورة مياه للشرب"
