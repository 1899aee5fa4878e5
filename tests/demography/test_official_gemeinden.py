"""What demography.official.extract makes of the Gemeinde tables for the platform: the Zensus
2011 count is a dated count with its foreigners (never a 31.12. stock), every stock year
carries its population basis, and the long migration labels of the Regionalstatistik
(incl. from/to abroad) are movements."""

from demography.official import extract

FOLDER = "gemeinden_2008-2015"


def test_the_zensus_count_is_a_dated_figure_with_its_foreigners(shared_data):
    out = extract(
        shared_data / FOLDER / "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
    )
    assert out.stocks == [] and out.bases == {}
    found = {(f.key, f.date, f.basis): f.value for f in out.figures if f.code == "12066196"}
    assert found == {
        ("population", "2011-05-09", "zensus2011_count"): 16489,
        ("foreigners", "2011-05-09", "zensus2011_count"): 128,
    }
    assert any("kein 31.12." in n for n in out.notes)


def test_every_stock_year_carries_its_basis(shared_data):
    name = "regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv"
    out = extract(shared_data / FOLDER / name)
    assert out.bases[2010] == "vz1987" and out.bases[2011] == "zensus2011"
    assert out.bases[2015] == "zensus2011"


def test_migration_from_and_to_abroad_of_the_kreise(shared_data):
    name = "kreise/regio_12711-02-02-4_kreise_wanderungen_altersgruppen_inkl_ausland_2015.csv"
    out = extract(shared_data / FOLDER / name)
    osl = {m.kind: m.value for m in out.movements if m.code == "12066"}
    assert osl == {
        "migration_in": 5393,
        "migration_out": 5037,
        "migration_in_abroad": 585,
        "migration_out_abroad": 692,
    }
