"""Landkreis page with ~100 Gemeinden: ``GET /kommunen/<slug>/profil/gemeinden/`` (target p95 < 300 ms).

    python bench/kreis_page.py [--kreis 01061 [--whole-land] | --land 01] [--repeat 30]
                               [--format json]

Data: the rows of one Kreis (default Steinburg, 01061: 111 Gemeinden) cut from the real
Gemeinde tables in ``../shared/data`` (or ``ZWK_SHARED_DATA``) – population 2008–2015,
17 age groups 2015, births and deaths 2008–2015 – and from the Gemeindeverzeichnis
31.12.2023 (current total and coordinates, so that the current ages are estimates), imported
with ``statistics_import`` into a fresh test database (SQLite by default, PostgreSQL when
DATABASE_URL is set). Then the page is requested through Django's test client by a member of
the Landkreis:

* ``cold_ms`` – the first request after the import (loads, estimates and projects all
  Gemeinden; afterwards cached per data version);
* ``p50_ms``/``p95_ms`` – the following requests with changing sort order and map indicator;
* ``queries`` – SQL queries of one such request (constant: it does not grow with the Gemeinden);
* ``kb`` – size of the HTML.

``--whole-land`` imports every Gemeinde of the Kreis's Land (as after a full import): the
first request then projects the whole Land from its history (the Gemeinden's migration is
shrunk towards Kreis and Land, as on a Gemeinde's profile).

``--land NN`` measures the office's page of all Gemeinden of a Land instead
(``/geschaeftsstelle/gemeinden/?land=NN``, requested by an office user).

Prints figures, asserts nothing. JSON keys: ``gemeinden``, ``cold_ms``, ``p50_ms``,
``p95_ms``, ``queries``, ``kb``, ``database``, ``load_1min``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "1")  # static files without a collectstatic manifest
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

FOLDER = "gemeinden_2008-2015"
FILES = (
    f"{FOLDER}/regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv",
    f"{FOLDER}/regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv",
    f"{FOLDER}/regio_12612-01-01-5-B_gemeinden_lebendgeborene_2008-2015.csv",
    f"{FOLDER}/regio_12613-01-01-5-B_gemeinden_gestorbene_2008-2015.csv",
)
GV = "destatis_gv_gemeinden_31122023_derived.csv"
SORTS = ("", "-einwohner", "ab65", "-vorausberechnung", "veraenderung", "-medianalter")
MAPS = ("ab65", "einwohner", "vorausberechnung", "unter18")


def _shared() -> Path:
    return Path(os.environ.get("ZWK_SHARED_DATA") or ROOT.parent / "shared" / "data")


def cut_files(kreis: str, folder: Path) -> list[Path]:
    """The Kreis's rows of each table (header and footer kept) and of the GV."""
    out = []
    for name in FILES:
        lines = (_shared() / name).read_text(encoding="utf-8").splitlines(keepends=True)
        first = next(i for i, ln in enumerate(lines) if re.match(r"^(DG|\d{2,});[^;]+;", ln))
        end = next(i for i, ln in enumerate(lines) if ln.startswith("__________"))
        # the region code is the first field, or the second after the year (12613 deaths)
        body = [
            ln for ln in lines[first:end] if any(f.startswith(kreis) for f in ln.split(";")[:2])
        ]
        path = folder / f"{kreis}_{Path(name).name}"
        path.write_text("".join(lines[:first] + body + lines[end:]), encoding="utf-8")
        out.append(path)
    lines = (_shared() / GV).read_text(encoding="utf-8").splitlines(keepends=True)
    body = [ln for ln in lines[1:] if ln.split(";")[2].startswith(kreis)]
    path = folder / f"gv_gemeinden_31122023_{kreis}.csv"
    path.write_text("".join([lines[0], *body]), encoding="utf-8")
    out.append(path)
    return out


def _percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return round(statistics.median(times), 1), round(times[int(0.95 * (len(times) - 1))], 1)


def bench(kreis: str, repeat: int, *, land: bool = False, whole_land: bool = False) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zwk.accounts.models import User
    from zwk.municipalities.models import Membership, Municipality
    from zwk.profiles import kreis as kreis_mod
    from zwk.profiles.services import statistics_import

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        for path in cut_files(kreis[:2] if whole_land else kreis, Path(tmp)):
            statistics_import(path=path)
        import_s = time.perf_counter() - started
    client = Client()
    fixed = {}
    if land:
        client.force_login(User.objects.create(username="bench-office", is_office=True))
        url, fixed = reverse("office:land_gemeinden"), {"land": kreis}
    else:
        m = Municipality.objects.create(
            name=f"Landkreis {kreis}",
            slug="bench-kreis",
            kind="landkreis",
            land=kreis[:2],
            ags=kreis,
        )
        user = User.objects.create(username="bench-team")
        Membership.objects.create(user=user, municipality=m, role=Membership.Role.MEMBER)
        client.force_login(user)
        url = reverse("profiles:kreis_gemeinden", kwargs={"slug": m.slug})
    start = time.perf_counter()
    response = client.get(url, fixed, secure=True)
    cold = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    times = []
    for i in range(repeat):
        params = {**fixed, "sortierung": SORTS[i % len(SORTS)], "karte": MAPS[i % len(MAPS)]}
        start = time.perf_counter()
        response = client.get(url, params, secure=True)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {**fixed, "sortierung": "-ab65"}, secure=True)
    p50, p95 = _percentiles(times)
    return {
        "gemeinden": len(kreis_mod.overview(kreis).rows),
        "import_s": round(import_s, 1),
        "cold_ms": round(cold, 1),
        "p50_ms": p50,
        "p95_ms": p95,
        "queries": len(queries),
        "kb": round(len(response.content) / 1024),
        "database": connection.vendor,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kreis", default="01061", help="5-digit Kreis key (default Steinburg)")
    parser.add_argument("--land", help="2-digit Land key: the office's page of a whole Land")
    parser.add_argument(
        "--whole-land",
        action="store_true",
        help="import every Gemeinde of the Kreis's Land (the Kreis page projects the Land)",
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    # No setup_test_environment(): its instrumented template rendering copies every context
    # for the test client and would dominate the timings.
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        summary = bench(
            args.land or args.kreis, args.repeat, land=bool(args.land), whole_land=args.whole_land
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    summary["load_1min"] = round(os.getloadavg()[0], 1)
    if args.format == "json":
        print(json.dumps(summary))
        return
    print(
        f"{'Land ' + args.land if args.land else 'Kreis ' + args.kreis}: "
        f"{summary['gemeinden']} Gemeinden ({summary['database']}, "
        f"import {summary['import_s']} s, load {summary['load_1min']})"
    )
    print(f"first request (cold)  {summary['cold_ms']:8.1f} ms")
    print(
        f"page                  p50 {summary['p50_ms']:7.1f} ms  p95 {summary['p95_ms']:7.1f} ms  "
        f"({summary['queries']} queries, {summary['kb']} KB)"
    )
    print("target p95 < 300 ms:", "met" if summary["p95_ms"] < 300 else "NOT met")


if __name__ == "__main__":
    main()
