"""Reference level "Kommunen of the same size class and type" (issue: reference levels)."""

import numpy as np
import pytest

from demography.indicators import structure_indicators
from demography.readers import read_population
from demography.regions import size_class
from tests.factories import MunicipalityFactory
from zwk.profiles import services
from zwk.profiles.selectors import comparison

KREISE = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"


@pytest.mark.parametrize(
    ("level", "population", "label_part"),
    [
        ("gemeinde", 4_999, "unter 5.000"),
        ("gemeinde", 5_000, "5.000 bis 20.000"),
        ("gemeinde", 99_999, "20.000 bis 100.000"),
        ("gemeinde", 100_000, "ab 100.000"),
        ("kreis", 149_999, "unter 150.000"),
        ("kreis", 176_500, "150.000 bis 250.000"),
        ("kreis", 250_000, "ab 250.000"),
    ],
)
def test_size_class_boundaries(level, population, label_part):
    assert label_part in size_class(level, population)[2]


def test_unknown_level_or_population_has_no_class():
    assert size_class("land", 1_000_000) is None
    assert size_class("gemeinde", None) is None


def test_size_class_reference_is_the_mean_over_kreise_of_the_same_class(db, shared_data):
    services.statistics_import(path=shared_data / KREISE)
    kreis = MunicipalityFactory(
        kind="landkreis", ags="09184", slug="lk-muenchen", name="Landkreis München"
    )
    comp = comparison(kreis, with_peers=False)
    assert "ab 250.000" in comp.size_label  # Landkreis München: about 350,000 inhabitants

    pop = next(p for p in read_population(shared_data / KREISE) if p.year == 2020)
    totals = pop.counts.sum(axis=(1, 2))
    own = totals[pop.index("09184")]
    same_class = [
        i
        for i, code in enumerate(pop.codes)
        if len(code) == 5 and code != "09184" and totals[i] >= 250_000 and not np.isnan(totals[i])
    ]
    nearest = sorted(same_class, key=lambda i: abs(totals[i] - own))[:30]
    expected = structure_indicators(pop.counts[nearest].sum(axis=1))[
        "old_age_dependency_ratio"
    ].mean()
    row = next(r for r in comp.rows if r.key == "old_age_dependency_ratio")
    assert row.size_class == pytest.approx(float(expected), rel=1e-6)
    assert len(comp.size_data) == 30


def test_demographic_type_labels_come_from_the_driving_indicators(db, shared_data):
    from zwk.profiles.selectors import TYPE_LABELS, demographic_type

    services.statistics_import(path=shared_data / KREISE)
    kreis = MunicipalityFactory(kind="landkreis", ags="16061", slug="eichsfeld", name="Eichsfeld")
    info = demographic_type(kreis)
    assert info is not None and info.name
    allowed = {label for pair in TYPE_LABELS.values() for label in pair if label}
    assert info.labels <= allowed
    assert demographic_type(MunicipalityFactory(ags="09180998")) is None  # no statistics


def test_comparison_table_has_one_header_per_value_column(db, shared_data, client_for, office_user):
    import re

    from django.urls import reverse

    services.statistics_import(path=shared_data / KREISE)
    kreis = MunicipalityFactory(
        kind="landkreis", ags="09184", slug="lk-muenchen", name="Landkreis München"
    )
    html = (
        client_for(office_user)
        .get(reverse("profiles:profile", kwargs={"slug": kreis.slug}))
        .content.decode()
    )
    table = html[html.index('id="kennzahlen"') :]
    table = table[table.index("<table") : table.index("</table>")]
    header = table[: table.index("</thead>")]
    first_row = table[table.index("<tbody") :].split("</tr>")[0]
    cells = re.compile(r"<t[hd][\s>]")
    assert len(cells.findall(header)) == len(cells.findall(first_row))
    assert "gleiche Größenklasse" in header
    assert re.search(r"<td[^>]*>", first_row)
