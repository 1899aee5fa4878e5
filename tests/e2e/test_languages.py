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
