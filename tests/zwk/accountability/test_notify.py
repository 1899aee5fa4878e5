"""The mail on a measure's status change: only to confirmed followers of a contribution that
led to the measure (or of all contributions), once, with a one-click unsubscribe link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.zwk.accountability.factories import make_chain
from zwk.accountability import privacy, services, tokens
from zwk.accountability.models import Follower, StatusChange
from zwk.accounts.models import User
from zwk.core import personal_data
from zwk.plans import services as plan_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(municipality, coordinator):
    return make_chain(municipality, coordinator)


def _follow(municipality, email, kind="card", object_id=0, confirm=True):
    services.follow_request(municipality=municipality, email=email, kind=kind, object_id=object_id)
    follower = Follower.objects.get(email=email)
    if confirm:
        services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
        follower.refresh_from_db()
    return follower


def _set_status(chain, by, status, capture, **kwargs):
    mail.outbox.clear()
    with capture(execute=True):
        plan_services.measure_set_status(measure=chain.measure, by=by, status=status, **kwargs)
    return list(mail.outbox)


def test_confirmed_followers_get_one_mail_per_change_unconfirmed_none(
    chain, municipality, coordinator, django_capture_on_commit_callbacks
):
    card = _follow(municipality, "ida@example.org", object_id=chain.card.pk)
    everything = _follow(municipality, "alle@example.org", kind="all")
    _follow(municipality, "offen@example.org", object_id=chain.card.pk, confirm=False)
    _follow(municipality, "kino@example.org", object_id=chain.card.pk)  # then unsubscribes
    services.unsubscribe(follower=Follower.objects.get(email="kino@example.org"))

    sent = _set_status(chain, coordinator, "running", django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in sent) == ["alle@example.org", "ida@example.org"]
    message = next(m for m in sent if m.to == [card.email])
    assert message.subject == "Neuer Stand: „Bürgerbus“ ist jetzt „in Umsetzung“"
    assert "hat jetzt den Stand „in Umsetzung“" in message.body
    prefix = f"/kommunen/{municipality.slug}/ergebnisse/abmelden/"
    token = re.search(re.escape(prefix) + r"([^/\s]+)/", message.body).group(1)
    assert services.follower_for_link(municipality=municipality, token=token) == card
    assert prefix in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert everything.email in [m.to[0] for m in sent]

    change = StatusChange.objects.filter(status="running").get()
    assert change.notified_at is not None
    assert services.status_change_notify(change_id=change.pk) == 0  # a repeated task: no mail


def test_saving_without_a_status_change_sends_nothing(
    chain, municipality, coordinator, django_capture_on_commit_callbacks
):
    _follow(municipality, "ida@example.org", object_id=chain.card.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.measure_update(
            measure=chain.measure, by=coordinator, data={"description": "Neu beschrieben"}
        )
    assert mail.outbox == []


def test_no_mail_for_a_measure_of_an_unpublished_plan(
    municipality, coordinator, django_capture_on_commit_callbacks
):
    chain = make_chain(municipality, coordinator, publish=False)
    Follower.objects.create(
        municipality=municipality,
        email="alle@example.org",
        kind="all",
        status="active",
        link_key=tokens.new_key(),
        consented_at=timezone.now(),
    )
    assert _set_status(chain, coordinator, "done", django_capture_on_commit_callbacks) == []


def test_unconfirmed_requests_are_purged_after_the_period(chain, municipality):
    old = _follow(municipality, "alt@example.org", object_id=chain.card.pk, confirm=False)
    fresh = _follow(municipality, "neu@example.org", object_id=chain.card.pk, confirm=False)
    active = _follow(municipality, "aktiv@example.org", object_id=chain.card.pk)
    Follower.objects.filter(pk__in=[old.pk, active.pk]).update(
        created_at=timezone.now() - timedelta(days=privacy.PENDING_DAYS + 1)
    )
    assert services.followers_purge_unconfirmed() == 1
    assert set(Follower.objects.values_list("email", flat=True)) == {fresh.email, active.email}


def test_privacy_export_and_erasure_by_e_mail_address(chain, municipality):
    _follow(municipality, "Ida@Example.org", object_id=chain.card.pk)
    user = User.objects.create(username="ida", email="ida@example.org")
    provider = next(p for p in personal_data.providers() if p.key == "accountability")
    (row,) = provider.export(user)
    assert row["email"] == "Ida@Example.org" and row["einwilligung_am"]
    assert provider.erase(user) == 1
    assert not Follower.objects.exists()


def test_asking_twice_sends_no_second_mail_and_keeps_one_row(
    chain, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.follow_request(
                municipality=municipality,
                email="ida@example.org",
                kind="card",
                object_id=chain.card.pk,
            )
    assert Follower.objects.count() == 1 and len(mail.outbox) == 1
