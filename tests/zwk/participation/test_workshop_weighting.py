"""Workshop votes in the survey's frame (issue 17): the points of a live Zukunftswerkstatt
weighted to the Kommune's age structure, raw and weighted ranking side by side – checked
against a hand calculation, and never a 500 when weighting is not possible."""

import numpy as np
import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.participation.test_team_views import _population
from tests.zwk.workshops.factories import join, make_workshop, open_phase
from zwk.participation import workshop_weighting
from zwk.workshops import services as workshop_services
from zwk.workshops import voting

pytestmark = pytest.mark.django_db


def _structure():
    """600 residents aged 30 (group 25–39), 400 aged 70 (group 65–79), half men, half women."""
    ages = np.zeros((2, 101))
    ages[:, 30] = 300
    ages[:, 70] = 200
    return 2024, ages


@pytest.fixture
def voted(municipality, coordinator):
    """3 voters aged 25–39 and 6 aged 65–79 (population 60 : 40).

    Card A: 2 points from each older voter (12), card B: 2 from each younger one (6),
    card C: 1 from one older and 1 from one younger voter (2)."""
    workshop = make_workshop(municipality, by=coordinator, code="gewichtet")
    phase = open_phase(workshop, "critique", by=coordinator)
    young = [join(workshop, f"Jung {i}", age_group="25-39") for i in range(3)]
    old = [join(workshop, f"Alt {i}", age_group="65-79") for i in range(6)]
    a, b, c = (
        workshop_services.card_create(participant=old[0], phase=phase, text=text)
        for text in ("Mehr Sitzbänke", "Jugendtreff", "Bürgerbus")
    )
    for person in old:
        voting.vote_cast(participant=person, card=a, points=2)
    for person in young:
        voting.vote_cast(participant=person, card=b, points=2)
    voting.vote_cast(participant=old[0], card=c, points=1)
    voting.vote_cast(participant=young[0], card=c, points=1)
    return workshop


def test_weighted_ranking_by_hand(voted):
    [(_phase, w)] = workshop_weighting.workshop_rankings(voted, structure=_structure())
    assert w.available and w.voters == 9 and w.voters_with_age == 9 and w.year == 2024
    # Weights (mean 1): younger 0.6 · 9 / 3 = 1.8, older 0.4 · 9 / 6 = 0.6.
    assert sorted({round(x, 9) for x in w.weights.values()}) == [0.6, 1.8]
    # Raw: A 12, B 6, C 2 of 20 points. Weighted: A 12 · 0.6 = 7.2, B 6 · 1.8 = 10.8,
    # C 0.6 + 1.8 = 2.4 of 20.4.
    rows = {r.label: r for r in w.rows}
    assert [r.label for r in w.rows] == ["Mehr Sitzbänke", "Jugendtreff", "Bürgerbus"]
    assert rows["Mehr Sitzbänke"].share == pytest.approx(0.6)
    assert rows["Mehr Sitzbänke"].weighted_share == pytest.approx(7.2 / 20.4)
    assert rows["Jugendtreff"].weighted_share == pytest.approx(10.8 / 20.4)
    assert rows["Bürgerbus"].weighted_share == pytest.approx(2.4 / 20.4)
    assert [r.label for r in w.weighted_order] == ["Jugendtreff", "Mehr Sitzbänke", "Bürgerbus"]
    assert rows["Jugendtreff"].rose == 1 and rows["Mehr Sitzbänke"].fell == 1
    # The voters' age groups weighted reproduce the population: 60 % and 40 %.
    shares = {row["label"]: row["weighted_share"] for row in w.structure}
    assert shares["25 bis 39"] == pytest.approx(0.6) and shares["65 bis 79"] == pytest.approx(0.4)
    # Kish: (Σw)² / Σw² = 81 / (3 · 1.8² + 6 · 0.6²) = 81 / 11.88.
    assert w.effective_n == pytest.approx(81 / 11.88)


def test_sex_is_a_second_margin_where_given():
    # Two voters per cell young/old × m/w; population 60 : 40 by age, 50 : 50 by sex.
    voters = {i: (("25-39", "65-79")[i // 4], ("m", "w")[i % 2]) for i in range(8)}
    votes = [(i, "x" if i < 4 else "y", 1) for i in range(8)]
    w = workshop_weighting.weigh_votes(votes, voters, {"x": "X", "y": "Y"}, _structure())
    assert w.available
    assert [(r.label, r.weighted_share) for r in w.rows] == [
        ("X", pytest.approx(0.6)),
        ("Y", pytest.approx(0.4)),
    ]


def test_page_shows_raw_and_weighted_ranking(voted, municipality, client_for, member):
    _population(municipality)
    url = reverse(
        "participation_team:workshop_weighted",
        kwargs={"slug": municipality.slug, "workshop": voted.pk},
    )
    html = client_for(member).get(url).content.decode()
    assert "Platz gewichtet" in html and "Effektive Stichprobengröße" in html
    assert "Jugendtreff" in html and "Was Gewichtung kann und was nicht" in html
    # The console links to it (hook section of zwk.participation).
    console = client_for(member).get(voted.get_absolute_url()).content.decode()
    assert url in console


def _page(client, workshop):
    return client.get(
        reverse(
            "participation_team:workshop_weighted",
            kwargs={"slug": workshop.municipality.slug, "workshop": workshop.pk},
        )
    )


def test_without_age_groups_it_says_why(municipality, coordinator, client_for, member):
    _population(municipality)
    workshop = make_workshop(municipality, by=coordinator, code="ohnealter")
    phase = open_phase(workshop, "critique", by=coordinator)
    people = [join(workshop, f"P{i}") for i in range(4)]
    card = workshop_services.card_create(participant=people[0], phase=phase, text="Spielplatz")
    for person in people:
        voting.vote_cast(participant=person, card=card, points=1)
    response = _page(client_for(member), workshop)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nicht gewichtet" in html and "hat eine Altersgruppe angegeben" in html
    assert "Spielplatz" in html and "Platz gewichtet" not in html


def test_too_few_voters_in_an_age_group_is_not_weighted(voted, municipality, client_for, member):
    _population(municipality)
    lonely = join(voted, "Einzeln", age_group="80+")
    card = voted.cards.get(text="Bürgerbus")
    voting.vote_cast(participant=lonely, card=card, points=2)
    [(_phase, w)] = workshop_weighting.workshop_rankings(voted)
    assert not w.available and "80 und älter (1)" in w.reason
    html = _page(client_for(member), voted).content.decode()
    assert "Zu wenige Personen je Altersgruppe" in html and "weniger als 3 Personen" in html


def test_without_population_data_or_votes(municipality, coordinator, client_for, member, voted):
    html = _page(client_for(member), voted).content.decode()  # no stocks in the database
    assert "keine Einwohnerzahlen nach Alter" in html
    empty = make_workshop(municipality, by=coordinator, code="leer")
    response = _page(client_for(member), empty)
    assert response.status_code == 200
    assert "noch keine Punkte vergeben" in response.content.decode()


def test_permissions(voted, client_for, member, office_user):
    other = MunicipalityFactory(name="Anderswo", slug="anderswo", ags="09180997")
    stranger = UserFactory(username="anderswo-team")
    membership(stranger, other)
    assert _page(client_for(None), voted)["Location"].startswith(reverse("accounts:login"))
    assert _page(client_for(stranger), voted).status_code == 404
    assert _page(client_for(member), voted).status_code == 200
    assert _page(client_for(office_user), voted).status_code == 200
    # A workshop participant has no account: the page asks to log in.
    participant_client = client_for(None)
    participant_client.get(reverse("participate:entry", kwargs={"code": voted.code}))
    assert _page(participant_client, voted).status_code == 302
    # Another Kommune's slug with this workshop's id: not found.
    url = reverse(
        "participation_team:workshop_weighted", kwargs={"slug": other.slug, "workshop": voted.pk}
    )
    assert client_for(stranger).get(url).status_code == 404
