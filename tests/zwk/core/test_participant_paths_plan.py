"""The plan's participant paths in all seven languages (issue 18).

"Entwurf diskutieren" (sections, comment form with errors, reply, report, thanks, closed),
"Was aus Ihren Ideen wurde" (overview with a bad filter, follow with errors, confirmation,
unsubscribing, invalid links) with the follower's e-mails, the public Werkstattplan page and the
central "Leichte Sprache" page are walked in every language while each gettext lookup is
recorded (fixture and language tables of test_participant_paths.py); every recorded text must be
translated in each of the six catalogues, the templates may not hold visible text outside
{% translate %}, `<html lang dir>` follows the language and the Kommune's German texts carry
lang="de" on pages in other languages.
"""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.zwk.accountability.factories import approve_and_publish
from tests.zwk.consultation.factories import IDENTITY, make_consultation
from tests.zwk.core import test_participant_paths as paths
from tests.zwk.core.catalogues import parse_po, third_party_msgids
from tests.zwk.core.test_participant_paths import (  # noqa: F401  (fixtures)
    _site_url,
    recorded,
)
from zwk.accountability import mail as follower_mail
from zwk.accountability import tokens
from zwk.accountability.models import Follower
from zwk.consultation import services as consultation_services
from zwk.consultation.models import Consultation
from zwk.core import languages
from zwk.plans.models import Goal, Indicator, Milestone

PLAN_TEMPLATES = [
    "consultation/templates/consultation/draft.html",
    "consultation/templates/consultation/_section.html",
    "consultation/templates/consultation/_comment.html",
    "consultation/templates/consultation/_plan_public.html",
    "consultation/templates/consultation/_open.html",
    "accountability/templates/accountability/public.html",
    "accountability/templates/accountability/follow.html",
    "accountability/templates/accountability/follow_done.html",
    "accountability/templates/accountability/confirm.html",
    "accountability/templates/accountability/unsubscribe.html",
    "accountability/templates/accountability/invalid_link.html",
    "accountability/templates/accountability/unknown.html",
    "accountability/templates/accountability/_plan_link.html",
    "accountability/templates/accountability/email/confirm.txt",
    "accountability/templates/accountability/email/status.txt",
    "plans/templates/plans/public.html",
    "plans/templates/plans/_light_label.html",
    "privacy/templates/privacy/easy_language.html",
    "core/templates/core/home.html",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(municipality, coordinator):
    """A published plan (vision, goal with indicator, measure with milestones and target
    group) whose measure came from a workshop card, and an open draft discussion of it."""
    from tests.zwk.accountability.factories import make_chain

    chain = make_chain(municipality, coordinator, publish=False)
    plan = chain.plan
    plan.vision = "Musterdorf bleibt ein Dorf für alle Generationen."
    plan.save(update_fields=["vision"])
    goal = Goal.objects.create(plan=plan, text="Mobil ohne eigenes Auto")
    Indicator.objects.create(
        goal=goal, name="Fahrgäste im Bürgerbus", unit="je Woche", target=120, due=date(2030, 1, 1)
    )
    chain.measure.goals.add(goal)
    chain.measure.target_groups.create(group=_first_target_group())
    Milestone.objects.create(measure=chain.measure, title="Fahrplan steht", due=date(2026, 3, 1))
    Milestone.objects.create(
        measure=chain.measure, title="Bus bestellt", due=date(2026, 5, 1), done_on=date(2026, 4, 2)
    )
    approve_and_publish(municipality, coordinator)
    chain.consultation = make_consultation(plan, by=coordinator)
    chain.comment = consultation_services.comment_submit(
        consultation=chain.consultation,
        section="vision",
        body="Bitte auch an die Jugend denken.",
        identity=IDENTITY,
        consent=True,
        submission_key=consultation_services.new_submission_key(),
    )[0]
    consultation_services.comment_answer(
        comment=chain.comment, by=None, answer="Danke, der Jugendtreff ist geplant."
    )
    return chain


def _first_target_group():
    from zwk.plans.models import MeasureTargetGroup

    return MeasureTargetGroup._meta.get_field("group").choices[0][0]


def _draft_url(municipality):
    return reverse("consultation:draft", kwargs={"slug": municipality.slug})


def walk_consultation(client, chain, language):
    """Plan page, draft page, comment refused (no text, no consent), comment saved (thanks),
    reply form, report twice, other name, then the closed discussion."""
    municipality = chain.consultation.plan.municipality
    q = "?sprache=" + paths.QUERY[language]
    url = _draft_url(municipality)
    pages = [client.get(reverse("plans:public", kwargs={"slug": municipality.slug}) + q)]
    pages.append(client.get(url))
    prefix = "k-vision"
    data = {
        "form": prefix,
        f"{prefix}-section": "vision",
        f"{prefix}-submission_key": "s-" + language,
        f"{prefix}-body": "",
        f"{prefix}-pseudonym": "",
        f"{prefix}-age_group": "16-17",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    pages.append(refused)
    data.update(
        {f"{prefix}-body": "Mehr Bänke am Markt.", f"{prefix}-pseudonym": "Oksana"},
        **{f"{prefix}-consent": "on"},
    )
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    pages.append(client.get(saved["Location"]))  # thanks, "Sie schreiben als …"
    reply = f"r-{chain.comment.pk}"
    pages.append(client.post(url, {"form": reply, f"{reply}-parent": chain.comment.pk}))
    report = reverse(
        "consultation:report", kwargs={"slug": municipality.slug, "pk": chain.comment.pk}
    )
    pages.append(client.post(report, follow=True))
    pages.append(client.post(report, follow=True))  # already reported
    pages.append(client.post(reverse("consultation:forget", args=[municipality.slug]), follow=True))
    Consultation.objects.filter(pk=chain.consultation.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    pages.append(client.get(url))  # closed: no form, the refusal
    pages.append(client.get(reverse("plans:public", kwargs={"slug": municipality.slug})))
    Consultation.objects.filter(pk=chain.consultation.pk).update(
        ends_on=timezone.localdate() + timedelta(days=14)
    )
    # plan, draft, refused, thanks, reply refused, report ×2, other name, closed, plan
    assert [p.status_code for p in pages] == [200, 200, 400, 200, 400, 200, 200, 200, 200, 200]
    return [page.content.decode() for page in pages]


def walk_accountability(client, chain, language, capture):
    """Overview (also with a bad filter), follow a card (refused, then asked), the
    confirmation mail and link, unsubscribing, broken links and an unknown contribution."""
    municipality = chain.plan.municipality
    slug = municipality.slug
    q = "?sprache=" + paths.QUERY[language]
    public = reverse("accountability:public", kwargs={"slug": slug})
    follow = reverse("accountability:follow", kwargs={"slug": slug})
    pages = [client.get(public + q), client.get(public + "?status=kaputt")]
    key = f"card-{chain.card.pk}"
    pages.append(client.get(follow + "?beitrag=" + key))
    pages.append(client.post(follow, {"beitrag": key, "follow-email": "kaputt"}))
    email = f"folgt-{language}@example.org"
    data = {"beitrag": key, "follow-email": email, "follow-consent": "on"}
    mail.outbox.clear()
    with capture(execute=True):
        pages.append(client.post(follow, data))
    confirmation = mail.outbox[-1]
    link = re.search(r"https?://[^/\s]+(/kommunen/\S+/bestaetigen/[^/\s]+/)", confirmation.body)
    pages.append(client.get(link.group(1)))
    pages.append(client.post(link.group(1)))  # confirmed
    pages.append(client.get(link.group(1)))  # already used
    pages.append(client.get(f"/kommunen/{slug}/ergebnisse/bestaetigen/kaputt/"))
    follower = Follower.objects.get(email=email)
    with translation.override(language):
        notice = follower_mail.status_notice(
            follower,
            title=chain.measure.title,
            status_label=str(chain.measure.get_status_display()),
            what=translation.gettext("einem Beitrag"),
        )
        idea_notice = follower_mail.status_notice(
            follower,
            title="Bank am Bach",
            status_label=str(chain.measure.get_status_display()),
            what=translation.gettext("einer Idee"),
            idea=True,
        )
        all_notice = follower_mail.status_notice(
            follower,
            title=chain.measure.title,
            status_label=str(chain.measure.get_status_display()),
            what=translation.gettext("allen Beiträgen"),
        )
    unsubscribe = f"/kommunen/{slug}/ergebnisse/abmelden/{tokens.link_token(follower)}/"
    pages.append(client.get(unsubscribe))
    pages.append(client.post(unsubscribe))
    pages.append(client.get(unsubscribe))  # already
    pages.append(client.get(f"/kommunen/{slug}/ergebnisse/abmelden/kaputt/"))
    pages.append(client.get(follow + "?beitrag=card-999999"))
    statuses = [p.status_code for p in pages]
    assert statuses == [200, 400, 200, 400, 200, 200, 200, 200, 404, 200, 200, 200, 404, 404]
    html = [page.content.decode() for page in pages]
    mails = [m.subject + "\n" + m.body for m in (confirmation, notice, idea_notice, all_notice)]
    return html, mails


def walk_easy_language(client, language):
    q = "?sprache=" + paths.QUERY[language]
    pages = [client.get("/" + q), client.get(reverse("accessibility:easy_language"))]
    assert [p.status_code for p in pages] == [200, 200]
    return [page.content.decode() for page in pages]


def _marked_german(page, text):
    """The text stands in an element with lang="de" (possibly inside a <p> of that element)."""
    return re.search(r'lang="de"[^<>]*>(?:\s*<\w+>)*\s*' + re.escape(text), page) is not None


def _html_attributes(language):
    with translation.override(language):
        current = languages.current()
        return f'<html lang="{current.html_lang}" dir="{current.direction}"'


@pytest.mark.parametrize("language", sorted(paths.CATALOGUES))
def test_every_string_of_the_plan_paths_is_translated(
    language,
    chain,
    recorded,  # noqa: F811  (the fixture imported above)
    django_capture_on_commit_callbacks,
):
    html = walk_consultation(Client(), chain, language)
    more, mails = walk_accountability(Client(), chain, language, django_capture_on_commit_callbacks)
    html += more + walk_easy_language(Client(), language)
    catalogue, _header = parse_po(
        paths.LOCALE / paths.CATALOGUES[language] / "LC_MESSAGES" / "django.po"
    )
    shown = {key for key in recorded if key[0] and key not in third_party_msgids()}
    assert len(shown) > 150
    missing = sorted(key[0] for key in shown if not all(catalogue.get(key, [""])))
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"
    expected = _html_attributes(language)
    assert all(expected in page for page in html), expected
    if language not in ("de-ls",):
        assert "Guten Tag," not in "\n".join(mails)  # the mails speak the language too


@pytest.mark.parametrize("language", ["tr", "ar", "en"])
def test_the_kommune_s_german_texts_are_marked_on_other_language_pages(
    language, chain, django_capture_on_commit_callbacks
):
    client = Client()
    plan_page, draft = walk_consultation(client, chain, language)[:2]
    for page, text in (
        (plan_page, "Musterdorf bleibt ein Dorf für alle Generationen."),
        (plan_page, "Fahrplan steht"),
        (draft, "Musterdorf bleibt ein Dorf für alle Generationen."),
        (draft, "Danke, der Jugendtreff ist geplant."),
    ):
        assert _marked_german(page, text), text
    results = walk_accountability(Client(), chain, language, django_capture_on_commit_callbacks)
    results = results[0][0]
    assert _marked_german(results, "Fahrplan steht")


def test_the_arabic_pages_read_right_to_left_and_the_mails_speak_arabic(
    chain, django_capture_on_commit_callbacks
):
    html, mails = walk_accountability(Client(), chain, "ar", django_capture_on_commit_callbacks)
    assert '<html lang="ar" dir="rtl"' in html[0]
    assert all("مرحبًا" in text for text in mails), mails[0][:300]


def test_the_central_easy_language_page_is_linked_from_the_home_page():
    home = Client().get("/?sprache=leicht").content.decode()
    link = reverse("accessibility:easy_language")
    assert f'href="{link}"' in home
    page = Client().get(link).content.decode()
    assert '<html lang="de" dir="ltr"' in page
    for heading in ("Was ist ZWK?", "So machen Sie mit", "Was passiert mit Ihren Ideen?"):
        assert heading in page


def test_plan_templates_have_no_text_outside_translate(monkeypatch):
    monkeypatch.setattr(paths, "PARTICIPANT_TEMPLATES", PLAN_TEMPLATES)
    paths.test_participant_templates_have_no_text_outside_translate()


def test_status_mails_speak_the_language_the_person_followed_in(
    municipality, coordinator, django_capture_on_commit_callbacks
):
    """The background task that sends the mail on a new status runs in German; each follower
    still gets it in the language of the page they followed on."""
    from tests.zwk.accountability.factories import make_chain
    from zwk.accountability import services
    from zwk.plans import services as plan_services

    chain = make_chain(municipality, coordinator)
    for email, language in (("oksana@example.org", "uk"), ("ida@example.org", "de")):
        with translation.override(language), django_capture_on_commit_callbacks(execute=True):
            services.follow_request(
                municipality=municipality, email=email, kind="card", object_id=chain.card.pk
            )
        follower = Follower.objects.get(email=email)
        services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
    mail.outbox.clear()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        plan_services.measure_set_status(measure=chain.measure, by=coordinator, status="running")
    sent = {m.to[0]: m for m in mail.outbox}
    ukrainian = sent["oksana@example.org"]
    assert ukrainian.subject == "Новий стан: «Bürgerbus» тепер «виконується»"
    assert "Добрий день!" in ukrainian.body and "бо стежите за внеском." in ukrainian.body
    assert sent["ida@example.org"].subject == "Neuer Stand: „Bürgerbus“ ist jetzt „in Umsetzung“"
    assert Follower.objects.get(email="oksana@example.org").language == "uk"
