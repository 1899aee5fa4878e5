"""Importing statistics: real files, idempotency, replacement, edge cases, atomicity."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from demography.indicators import structure_indicators
from demography.readers import read_population
from tests.factories import MunicipalityFactory
from zwk.profiles import services
from zwk.profiles.models import Movement, PopulationStock, Region, StatisticsRelease
from zwk.profiles.selectors import indicator_comparison
from zwk.profiles.services import ImportRefused, statistics_import

LAENDER = "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
KREISE = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"


def test_laender_file_is_stored_per_region_year_and_sex(db, shared_data):
    release, created = statistics_import(path=shared_data / LAENDER)
    assert created
    assert release.table_code == "12411-0013"
    assert release.summary["years"] == list(range(2015, 2022))
    bayern = PopulationStock.objects.get(region__code="09", year=2021, sex="total")
    engine = read_population(shared_data / LAENDER)[-1]
    assert bayern.total == pytest.approx(engine.counts[engine.index("09")].sum(), abs=0.01)
    assert len(bayern.ages) == 101
    # Deutschland is derived as the sum of the 16 Länder and said so
    assert Region.objects.get(code="DG").level == "bund"
    assert "Summe der 16 Länder" in " ".join(release.summary["notes"])


def test_same_file_again_changes_nothing(db, shared_data):
    first, _ = statistics_import(path=shared_data / LAENDER)
    n = PopulationStock.objects.count()
    again, created = statistics_import(path=shared_data / LAENDER)
    assert not created and again == first
    assert PopulationStock.objects.count() == n
    assert StatisticsRelease.objects.count() == 1


def test_newer_release_replaces_changed_rows_and_records_it(db, shared_data, tmp_path):
    statistics_import(path=shared_data / LAENDER)
    text = (shared_data / LAENDER).read_text(encoding="utf-8")
    changed = text.replace("Stand: 16.07.2022", "Stand: 01.08.2023")
    # one value differs: the first data line's first number + 1
    lines = changed.split("\n")
    idx = next(i for i, ln in enumerate(lines) if ln.startswith("31.12.2021;"))
    cells = lines[idx].split(";")
    j = next(k for k, c in enumerate(cells) if k > 1 and c.isdigit())
    cells[j] = str(int(cells[j]) + 1)
    lines[idx] = ";".join(cells)
    newer = tmp_path / "12411-0013_neu.csv"
    newer.write_text("\n".join(lines), encoding="utf-8")
    release, created = statistics_import(path=newer)
    assert created
    replaced = release.summary["replaced"]
    assert replaced and replaced[0]["file"] == LAENDER
    assert release.summary["counts"]["stocks_replaced"] >= 1
    assert release.summary["counts"]["unchanged"] > 300


def test_kreise_file_skips_secret_cells_with_reason(db, shared_data):
    release, _ = statistics_import(path=shared_data / KREISE)
    reasons = release.summary["skipped_by_reason"]
    assert any("geheim" in r for r in reasons)
    assert release.summary["regions_by_level"]["kreis"] >= 390


def test_births_with_months_not_yet_available_skip_that_year(db, shared_data):
    release, _ = statistics_import(
        path=shared_data / "destatis_12612-0002_geburten_monate_1950-2022.csv"
    )
    assert {s["year"] for s in release.summary["skipped"]} == {2022}
    assert "unvollständiges Jahr" in release.summary["skipped"][0]["reason"]
    births_2021 = Movement.objects.get(region__code="DG", year=2021, kind="births")
    assert births_2021.value == pytest.approx(795492, rel=0.001)


def test_gemeindeverzeichnis_is_read_with_all_gemeinden(db, shared_data):
    statistics_import(path=shared_data / "destatis_gv_gemeinden_31122023_derived.csv")
    assert Region.objects.filter(level="gemeinde").count() > 10_000
    total = sum(
        PopulationStock.objects.filter(sex="total", year=2023).values_list("total", flat=True)
    )
    assert total == 84_669_326


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Hallo Welt\n", "Unbekanntes Dateiformat"),
        (b"", "leer"),
        (b"\x00\x01\x02binary\x00", ""),
    ],
)
def test_wrong_files_are_refused_with_a_german_message(db, tmp_path, content, expected):
    path = tmp_path / "falsch.csv"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as exc:
        statistics_import(path=path, original_name="falsch.csv")
    assert "falsch.csv" in exc.value.message and expected in exc.value.message
    assert not StatisticsRelease.objects.exists() and not PopulationStock.objects.exists()


def _register(tmp_path, gebiet, value="12"):
    rows = ["gebiet;gebiet_name;stichtag;alter;maennlich;weiblich"]
    rows += [f"{gebiet};Test;31.12.2024;{a};{value};{value}" for a in range(100)]
    rows.append(f"{gebiet};Test;31.12.2024;100+;1;2")
    path = tmp_path / "register.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_register_data_of_unknown_area_is_refused(db, tmp_path):
    with pytest.raises(ImportRefused) as exc:
        statistics_import(path=_register(tmp_path, "Q99"))
    assert "Q99" in exc.value.message and "keine" not in exc.value.message.split("Q99")[0][-3:]
    assert "Gebiet ohne passende Kommune" in exc.value.message
    assert not PopulationStock.objects.exists()


def test_register_data_of_a_quartier_is_matched_by_its_area_key(db, tmp_path):
    quartier = MunicipalityFactory(kind="quartier", ags="05315000", slug="quartier")
    services.profile_set_register_area(municipality=quartier, area="Q01", by=None)
    statistics_import(path=_register(tmp_path, "Q01"), municipality=quartier)
    stock = PopulationStock.objects.get(region__code="05315000/Q01", year=2024, sex="total")
    assert stock.total == 100 * 24 + 3
    assert indicator_comparison(quartier)[0].value == 2403


def test_special_values_in_register_data_are_not_counted_as_zero(db, tmp_path):
    gemeinde = MunicipalityFactory(ags="09184112", slug="g")
    path = _register(tmp_path, "09184112")
    text = path.read_text().replace(
        "09184112;Test;31.12.2024;5;12;12", "09184112;Test;31.12.2024;5;.;12"
    )
    path.write_text(text)
    with pytest.raises(ImportRefused) as exc:
        statistics_import(path=path, municipality=gemeinde)
    assert "keine Werte" in exc.value.message and "geheim" in exc.value.message
    assert not PopulationStock.objects.exists()


def test_a_failure_while_writing_leaves_nothing_behind(db, shared_data, monkeypatch):
    from zwk.profiles import upsert

    real = upsert.upsert

    def boom(kind, records, run):
        if kind is upsert.MOVEMENTS:  # after the region and release rows were written
            raise RuntimeError("disk full")
        return real(kind, records, run)

    monkeypatch.setattr(upsert, "upsert", boom)
    with pytest.raises(RuntimeError):
        statistics_import(path=shared_data / "destatis_12612-0002_geburten_monate_1950-2022.csv")
    assert not StatisticsRelease.objects.exists()
    assert not Region.objects.exists()


def test_coordinator_import_is_limited_to_the_own_kommune(db, shared_data):
    kreis = MunicipalityFactory(kind="landkreis", ags="09184", slug="lk")
    release, _ = statistics_import(path=shared_data / KREISE, municipality=kreis, restrict=True)
    assert set(PopulationStock.objects.values_list("region__code", flat=True)) == {"09184"}
    assert any("eigene Kommune" in s["reason"] for s in release.summary["skipped"])


def test_indicators_equal_the_engine_for_imported_real_data(db, shared_data):
    statistics_import(path=shared_data / KREISE)
    kreis = MunicipalityFactory(kind="landkreis", ags="09184", slug="lk-muenchen")
    rows = {r.key: r for r in indicator_comparison(kreis)}
    pop = next(p for p in read_population(shared_data / KREISE) if p.year == 2020)
    expected = structure_indicators(pop.counts.sum(axis=1))
    i = pop.index("09184")
    for key in ("mean_age", "old_age_dependency_ratio", "share_80_plus", "median_age"):
        assert rows[key].value == pytest.approx(float(expected[key][i]), rel=1e-6)
        assert rows[key].land == pytest.approx(float(expected[key][pop.index("09")]), rel=1e-6)
        assert rows[key].bund == pytest.approx(float(expected[key][pop.index("DG")]), rel=1e-6)
    assert rows["population"].year == 2020
    assert np.isfinite(rows["mean_age"].peers)


def test_kommune_without_statistics_has_no_indicators(db, municipality):
    assert indicator_comparison(municipality) == []


def test_command_reports_results_and_fails_for_bad_files(db, shared_data, tmp_path, capsys):
    bad = tmp_path / "kaputt.csv"
    bad.write_text("GENESIS-Tabelle: 12411-0013\nnur Kopf\n")
    with pytest.raises(CommandError):
        call_command("import_statistics", str(shared_data / LAENDER), str(bad))
    out = capsys.readouterr()
    assert "Werte" in out.out and "kaputt.csv" in out.err
    call_command("import_statistics", str(shared_data / LAENDER))
    assert "bereits importiert" in capsys.readouterr().out
