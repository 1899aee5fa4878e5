"""The Demografietyp for readers of the Kommunalprofil (issue 16.6): plain German, figures as
published, no difference claimed where the rounded figures are equal, other levels named."""

from types import SimpleNamespace

from demography.typology import DemographicType, Difference, Driver, Peer
from zwk.profiles import typology_text

TERMS = ("k-means", "z-standard", "log10", "Standardabweichung")


def _type(*drivers, size=12):
    return DemographicType(1, "Ältere Kommunen", "engine text", size, tuple(drivers))


def test_explanation_names_direction_from_the_figures_and_skips_equal_ones():
    text = typology_text.type_explanation(
        _type(
            Driver("old_age_dependency_ratio", "Altenquotient", 1.2, 45.04, 38.1, "je 100"),
            # the engine's spread says 0.9 but the rounded means are equal: not mentioned
            Driver("women_per_100_men_20_39", "Frauen je 100 Männer", 0.9, 92.31, 92.34, "je 100"),
            Driver("log10_population", "Einwohnerzahl (log10)", -0.8, 3.9, 4.3, "log10"),
        )
    )
    assert "Altenquotient: höher (45,0 je 100 gegenüber 38,1 je 100)" in text
    assert "Frauen" not in text and "92,3" not in text
    assert "kleiner (typische Einwohnerzahl 7.900 gegenüber 20.000)" in text
    assert "12 Kommunen" in text and not any(t in text for t in TERMS)


def test_explanation_of_an_average_type():
    text = typology_text.type_explanation(
        _type(Driver("mean_age", "Durchschnittsalter", 0.1, 45.0, 44.9, "Jahre"))
    )
    assert text.startswith("Die Kommunen dieses Typs liegen bei allen Kennzahlen nahe")


def test_method_text_is_plain_german():
    matrix = SimpleNamespace(
        codes=("01", "02", "03"),
        keys=("mean_age", "log10_population"),
        label=lambda k: {"mean_age": "Durchschnittsalter"}.get(k, "Einwohnerzahl (log10)"),
    )
    text = typology_text.method_text(SimpleNamespace(indicators=matrix, types=(1, 2)))
    assert "3 Gebiete" in text and "Durchschnittsalter, Einwohnerzahl)" in text
    assert not any(t in text for t in TERMS)


def test_peers_of_another_level_are_labelled_and_show_inhabitants():
    diff = Difference("log10_population", "Einwohnerzahl (log10)", 4.0, 5.0, 1.0)
    peers = [
        Peer("09184", "München, Landkreis", 1.0, (diff,)),
        Peer("09162000", "München", 1.2, (diff,)),
    ]
    kreis, town = typology_text.peer_rows(peers, "09188123")
    assert kreis.level_label == "Kreis" and town.level_label == ""
    assert kreis.differences == ["Einwohnerzahl: 10.000 hier, 100.000 dort"]
