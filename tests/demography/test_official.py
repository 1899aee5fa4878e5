"""Official tables as per-region records: Bund from the Länder, secret cells, flows, keys."""

from pathlib import Path

import numpy as np
import pytest

from demography.errors import DataError
from demography.official import extract, keep_official_codes
from demography.readers import read_population
from demography.regions import BUND, LAENDER

LAENDER_FILE = "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
LAENDER_2019 = "regio_12411-04-02-4-B_laender_altersjahre_2019.csv"
KREISE = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"
BIRTHS = "destatis_12612-0002_geburten_monate_1950-2022.csv"
REGISTER_TEMPLATE = (
    Path(__file__).resolve().parents[2] / "src/demography/templates/melderegister_vorlage.csv"
)


def _stocks(out, code, year, sex="total"):
    return [r for r in out.stocks if r.code == code and r.year == year and r.sex == sex]


def test_laender_table_gets_deutschland_as_the_sum_of_the_laender(shared_data):
    out = extract(shared_data / LAENDER_FILE)
    engine = read_population(shared_data / LAENDER_FILE)[-1]
    (bund,) = _stocks(out, BUND, 2021)
    assert bund.name == "Deutschland"
    assert bund.total == pytest.approx(engine.counts.sum(), abs=0.5)
    assert bund.total == pytest.approx(83_237_124, rel=1e-6)  # Destatis, 31.12.2021
    laender_ages = np.sum([_stocks(out, code, 2021)[0].ages for code in LAENDER], axis=0)
    assert np.allclose(bund.ages, laender_ages, atol=0.01)
    assert "Deutschland als Summe der 16 Länder berechnet." in out.notes
    assert {r.year for r in out.stocks if r.code == BUND} == set(range(2015, 2022))


def test_table_without_berlin_gets_no_deutschland(shared_data, tmp_path):
    raw = (shared_data / LAENDER_2019).read_bytes().split(b"\n")
    part = tmp_path / "ohne_berlin.csv"
    part.write_bytes(b"\n".join(ln for ln in raw if not ln.startswith(b"11;")))
    out = extract(part)
    assert {r.code for r in out.stocks} == set(LAENDER) - {"11"}
    assert not any(r.code == BUND for r in out.stocks)
    assert not any("Summe der 16 Länder" in n for n in out.notes)


def test_secret_cells_skip_the_region_with_a_reason_never_zero(shared_data):
    out = extract(shared_data / KREISE)
    reasons = out.skipped_by_reason()
    secret = [r for r in reasons if "geheim ('.')" in r]
    assert secret, reasons
    skipped = {s["region"] for s in out.skipped}
    assert not any(r.code in skipped and r.year == 2020 for r in out.stocks)


def test_monthly_births_with_missing_months_skip_that_year(shared_data):
    out = extract(shared_data / BIRTHS)
    assert {s["year"] for s in out.skipped} == {2022}
    (births,) = [m for m in out.movements if m.code == BUND and m.year == 2021]
    assert births.kind == "births"
    assert births.value == pytest.approx(795_492, rel=0.001)


def test_keys_that_are_no_official_region_key_are_dropped_with_a_reason():
    out = extract(REGISTER_TEMPLATE)
    assert {r.code for r in out.stocks} == {"Q01", "Q02"}
    keep_official_codes(out)
    assert out.stocks == []
    assert out.skipped_by_reason() == {"unbekannter Regionalschlüssel (kein AGS)": 6}


def test_table_of_other_measures_is_refused_naming_what_it_found(tmp_path):
    f = tmp_path / "ehen.csv"
    f.write_text(
        "GENESIS-Tabelle: 12611-0001\nEheschließungen: Bundesländer, Jahre\n"
        "Statistik der Eheschließungen\nEheschließungen (Anzahl)\n;Bayern;Berlin\n"
        "2021;60000;10000\n__________\nStand: 01.02.2023\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        extract(f)
    assert "weder Bevölkerungsstände noch Geburten" in exc.value.german()
    assert "Gefunden: 'Eheschließungen'" in exc.value.german()
