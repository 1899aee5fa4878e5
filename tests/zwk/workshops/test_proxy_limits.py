"""Code lookups behind the reverse proxy (issue 21.1): failed lookups count per client
address – the forwarded one only from a trusted proxy –, one client's wrong codes never
lock out another, and a whole hall behind one NAT address gets into its workshop."""

from django.test import Client
from django.urls import reverse

from zwk.workshops.models import Participant

NGINX = "127.0.0.1"  # the socket peer of every request that came through the proxy


def _entry(code):
    return reverse("participate:entry", kwargs={"code": code})


def _fail_lookups(client, n=20, **headers):
    for i in range(n):
        assert client.get(_entry(f"falsch{i:02d}"), **headers).status_code == 404


def test_a_forged_forwarded_header_is_ignored_without_trusted_proxies(workshop, settings):
    settings.TRUSTED_PROXIES = []
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    codes = [
        guesser.get(
            _entry(f"rate{n:02d}"),
            HTTP_X_REAL_IP=f"198.51.100.{n}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(25)
    ]
    assert codes == [404] * 20 + [429] * 5  # a new header per request changes nothing


def test_behind_a_trusted_proxy_one_clients_failures_do_not_block_another(workshop, settings):
    settings.TRUSTED_PROXIES = [NGINX]
    guesser, neighbour = Client(REMOTE_ADDR=NGINX), Client(REMOTE_ADDR=NGINX)
    _fail_lookups(guesser, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (
        guesser.get(_entry(workshop.code), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    )
    # The same proxy, another client: the right code opens the workshop.
    page = neighbour.get(_entry(workshop.code), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert page.status_code == 200
    assert "Wie sollen wir Sie nennen?" in page.content.decode()


def test_two_hundred_participants_behind_one_address_all_get_in(workshop, settings):
    settings.TRUSTED_PROXIES = [NGINX]
    school = {"HTTP_X_REAL_IP": "198.51.100.200", "HTTP_X_FORWARDED_FOR": "198.51.100.200"}
    codes = [
        Client(REMOTE_ADDR=NGINX)
        .post(_entry(workshop.code), {"pseudonym": f"Gast {n}", "consent": "on"}, **school)
        .status_code
        for n in range(200)
    ]
    assert codes == [302] * 200
    assert Participant.objects.filter(workshop=workshop).count() == 200
