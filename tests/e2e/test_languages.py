"""Issue 18: join a workshop, write a card and vote in Türkçe and in Arabic (right to left) on a
375 px phone, by the shared link with ?sprache=; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.zwk.workshops.factories import make_workshop, open_phase

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 740}}
TEXT = {
    "tr": {
        "name": "Size nasıl hitap edelim?",
        "consent": "Veri koruma bilgilendirmesini okudum ve kabul ediyorum.",
        "join": "Katıl",
        "card": "Kartınız",
        "publish": "Kartı yayınla",
        "thanks": "Teşekkürler! Kartınız artık herkes tarafından görülebilir.",
        "saved": "4 puanınız kaldı.",
        "card_text": "Akşam 8'den sonra otobüs yok.",
    },
    "ar": {
        "name": "بماذا نناديكم؟",
        "consent": "لقد قرأت إشعار حماية البيانات وأوافق عليه.",
        "join": "شارك",
        "card": "بطاقتكم",
        "publish": "نشر البطاقة",
        "thanks": "شكرًا! بطاقتكم مرئية الآن للجميع.",
        "saved": "تبقّت لكم 4 نقاط.",
        "card_text": "لا توجد حافلة بعد الساعة الثامنة مساءً.",
    },
}


@pytest.fixture
def workshop(transactional_db):
    """Outside the `db` fixture's transaction, so that the live server sees the workshop."""
    from tests.factories import MunicipalityFactory, UserFactory, membership
    from zwk.municipalities.models import Membership
    from zwk.workshops.selectors import clear_card_cache

    clear_card_cache()
    municipality = MunicipalityFactory(name="Musterdorf", slug="musterdorf", ags="09180999")
    coordinator = UserFactory(username="koordination")
    membership(coordinator, municipality, Membership.Role.COORDINATOR)
    workshop = make_workshop(municipality, by=coordinator, code="sprachen")
    open_phase(workshop, "critique", by=coordinator)
    return workshop


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_join_write_and_vote_on_a_phone(new_page, base_url, workshop, language):
    t = TEXT[language]
    phone = new_page(**PHONE)
    phone.set_default_timeout(60_000)  # a shared CI machine: the first page compiles templates
    phone.goto(f"{base_url}/mitmachen/{workshop.code}/?sprache={language}")
    html = phone.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    # The Kommune's Leitfrage stays German and says so.
    expect(phone.locator(".ws-question")).to_have_attribute("lang", "de")
    assert_no_axe_violations(phone)

    phone.get_by_label(t["name"]).fill("Ayşe" if language == "tr" else "ليلى")
    phone.get_by_label(t["consent"]).check()
    phone.get_by_role("main").get_by_role("button", name=t["join"]).click()
    expect(phone.get_by_label(t["card"])).to_be_visible()
    expect(html).to_have_attribute("lang", language)  # remembered without ?sprache=
    assert_no_axe_violations(phone)

    phone.get_by_label(t["card"]).fill(t["card_text"])
    phone.get_by_role("button", name=t["publish"]).click()
    expect(phone.get_by_text(t["thanks"])).to_be_visible()
    card = phone.locator("li.ws-card", has_text=t["card_text"])
    expect(card).to_be_visible()
    card.locator("button[id^=plus-]").click()
    expect(phone.locator(".ws-budget")).to_contain_text(t["saved"])
    assert_no_axe_violations(phone)
    # Nothing wider than the phone: the right-to-left layout does not overflow.
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, width


def test_answer_the_survey_in_ukrainian_on_a_phone(demo, base_url, new_page):
    """Musterstadt's Bürgerbefragung by the shared link ?sprache=uk: Ukrainian labels, hints,
    progress and buttons; the Kommune's German questions marked lang="de" where they are titles;
    the answer records the interface language (for "participation by language")."""
    import re

    from zwk.participation.models import Response

    def group(question):
        return phone.get_by_role("group", name=re.compile(re.escape(question)))

    def fits():
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    before = Response.objects.count()
    phone = new_page(**PHONE)
    phone.set_default_timeout(60_000)
    phone.goto(f"{base_url}/beteiligung/musterstadt/zukunft-musterstadt/?sprache=uk")
    html = phone.locator("html")
    expect(html).to_have_attribute("lang", "uk")
    expect(phone.get_by_role("heading", level=1)).to_have_attribute("lang", "de")
    expect(phone.get_by_role("heading", name="Взяти участь")).to_be_visible()
    assert_no_axe_violations(phone)
    fits()

    phone.get_by_role("link", name=re.compile("До опитування")).click()
    expect(phone.get_by_role("heading", name="Захист даних")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Почати опитування").click()
    expect(phone.get_by_text("Будь ласка, дайте згоду").first).to_be_visible()  # no consent
    phone.get_by_label(re.compile("повідомлення про захист даних")).check()
    phone.get_by_label("Мені щонайменше 16 років.").check()  # the project asks 16+
    phone.get_by_role("button", name="Почати опитування").click()

    expect(phone.get_by_text("Сторінка 1 з 3").first).to_be_visible()
    expect(html).to_have_attribute("lang", "uk")  # remembered without ?sprache=
    assert_no_axe_violations(phone)
    fits()
    group("Wie alt sind Sie?").get_by_label("16–17 років").check()
    group("Welches Geschlecht").get_by_label("жіноча").check()
    group("In welchem Ortsteil").get_by_label("Nordviertel").check()
    phone.get_by_role("button", name="Далі").click()

    expect(phone.get_by_text("Сторінка 2 з 3").first).to_be_visible()
    assert_no_axe_violations(phone)
    group("Wie gern leben Sie").get_by_label(re.compile("^4")).check()
    group("wegzuziehen").get_by_label("ja", exact=True).check()
    phone.get_by_label(re.compile("Was müsste sich ändern")).fill("Більше автобусів увечері.")
    phone.get_by_role("button", name="Далі").click()

    expect(phone.get_by_text("Сторінка 3 з 3").first).to_be_visible()
    assert_no_axe_violations(phone)
    fits()
    group("Was fehlt Ihnen").get_by_label("Spielplatz").check()
    for rank, option in enumerate(("Mobilität", "Arbeit", "Wohnen", "Pflege"), start=1):
        phone.get_by_label(re.compile(f"Місце для «{option}»")).select_option(str(rank))
    phone.get_by_label(re.compile("Seit wie vielen Jahren")).fill("2")
    phone.get_by_role("button", name="Надіслати відповіді").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Дякуємо за участь!")
    assert_no_axe_violations(phone)
    fits()
    assert Response.objects.count() == before + 1
    mine = Response.objects.latest("pk")
    assert (mine.language, mine.age_group, mine.sex) == ("uk", "16-17", "w")
