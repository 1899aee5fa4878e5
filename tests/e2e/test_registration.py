"""Journey: a new administration registers its Kommune (search by PLZ, form), confirms by the
link in the mail (read from the live server's locmem outbox – it runs in this process), the
office approves it, and the applicant creates the account from the invitation and lands in
the workspace with the first step and a filled Kommunalprofil. Every page is checked with axe.
"""

import re

import numpy as np
import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

EMAIL = "p.planer@fulda.example"


@pytest.fixture
def fulda(demo):
    """Fulda in the Gemeindeverzeichnis with single-year population stocks, and its PLZ."""
    from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
    from zwk.registration.models import PostalCode

    release = StatisticsRelease.objects.create(
        table_code="12411-e2e", file_name="fulda.csv", sha256="e2e-registration-fulda"
    )
    region, _ = Region.objects.get_or_create(
        code="06631009",
        defaults={"name": "Fulda", "level": "gemeinde", "longitude": 9.68, "latitude": 50.55},
    )
    Region.objects.get_or_create(
        code="06631", defaults={"name": "Fulda, Landkreis", "level": "kreis"}
    )
    rng = np.random.default_rng(6631)
    for year in range(2017, 2022):
        male = [int(v) for v in rng.integers(250, 450, 101)]
        female = [int(v) for v in rng.integers(250, 470, 101)]
        total = [m + f for m, f in zip(male, female, strict=True)]
        for sex, ages in (("male", male), ("female", female), ("total", total)):
            PopulationStock.objects.update_or_create(
                region=region,
                year=year,
                sex=sex,
                defaults={"total": sum(ages), "ages": ages, "release": release},
            )
    PostalCode.objects.get_or_create(code="36037", ags="06631009")


def _link_in_mail(to: str, pattern: str) -> str:
    for message in reversed(mail.outbox):
        if message.to == [to] and (match := re.search(pattern, message.body)):
            return match.group(1)
    raise AssertionError(f"no mail to {to} with {pattern}: {[m.subject for m in mail.outbox]}")


def test_register_confirm_approve_and_start(page, new_page, base_url, fulda):
    mail.outbox.clear()
    # 1. the administration finds its Kommune by PLZ and registers
    page.goto(f"{base_url}/kommune-anmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommune anmelden")
    assert_no_axe_violations(page)
    page.get_by_label("Name, Postleitzahl oder Gemeindeschlüssel").fill("36037")
    follow(page.get_by_role("button", name="Suchen"))
    assert_no_axe_violations(page)
    follow(page.get_by_role("link", name="Fulda anmelden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommune anmelden – Ihre Angaben")
    assert_no_axe_violations(page)

    # a missing consent is refused, the input kept
    page.get_by_label("Art der Kommune").select_option("stadt")
    page.get_by_label("Ihr Name").fill("Petra Planer")
    page.get_by_label("Ihre Funktion in der Verwaltung").fill("Sozialplanung")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(EMAIL)
    follow(page.get_by_role("button", name="Anmeldung absenden"))
    expect(page.locator(".error-summary")).to_contain_text("Hinweise gelesen")
    expect(page.get_by_label("Ihr Name")).to_have_value("Petra Planer")
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("Ich habe gelesen")).check()
    follow(page.get_by_role("button", name="Anmeldung absenden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte prüfen Sie Ihr Postfach")
    assert_no_axe_violations(page)

    # 2. confirmation by the link in the mail
    confirm = _link_in_mail(EMAIL, r"https?://[^/\s]+(/kommune-anmelden/bestaetigen/[^\s]+/)")
    page.goto(base_url + confirm)
    assert_no_axe_violations(page)
    follow(page.get_by_role("button", name="Ja, Anmeldung bestätigen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank – Ihre Anmeldung ist bestätigt"
    )
    assert_no_axe_violations(page)

    # 3. the office approves
    office = new_page()
    login(office, base_url, "geschaeftsstelle")
    office.goto(f"{base_url}/geschaeftsstelle/anmeldungen/")
    expect(office.get_by_role("heading", level=1)).to_have_text("Anmeldungen von Kommunen")
    assert_no_axe_violations(office)
    follow(office.get_by_role("link", name="Fulda", exact=True))
    assert_no_axe_violations(office)
    follow(office.get_by_role("button", name="Freigeben und Kommune anlegen"))
    expect(office.locator("main")).to_contain_text("ist angelegt")
    assert_no_axe_violations(office)

    # 4. the applicant creates the account from the invitation and lands in the workspace
    invitation = _link_in_mail(EMAIL, r"https?://[^/\s]+(/einladung/[^\s]+/)")
    page.goto(base_url + invitation)
    assert_no_axe_violations(page)
    page.locator("#id_first_name").fill("Petra")
    page.locator("#id_last_name").fill("Planer")
    page.locator("#id_username").fill("petra-planer")
    page.locator("#id_password1").fill("Zukunft-Fulda-2026!")
    page.locator("#id_password2").fill("Zukunft-Fulda-2026!")
    follow(page.get_by_role("button", name="Konto anlegen und Einladung annehmen"))
    expect(page.get_by_role("heading", name="Willkommen, Fulda!")).to_be_visible()
    expect(
        page.get_by_role("link", name="Mit dem ersten Schritt beginnen: Kick-off")
    ).to_be_visible()
    assert_no_axe_violations(page)

    follow(page.get_by_role("link", name="Kommunalprofil ansehen"))
    expect(page.locator("main")).not_to_contain_text("Noch keine Statistik")
    assert_no_axe_violations(page)

    page.go_back()
    follow(page.get_by_role("link", name="Mit dem ersten Schritt beginnen: Kick-off"))
    expect(page.get_by_role("heading", name="Einstieg in diesen Schritt")).to_be_visible()
    expect(page.get_by_role("heading", name="Was oft schiefgeht")).to_be_visible()
    assert_no_axe_violations(page)
