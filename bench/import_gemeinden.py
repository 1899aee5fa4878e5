"""Import of the whole folder of Gemeinde tables (target: under 60 s).

Creates a fresh database (a temporary SQLite file unless ``--database-url`` is given, e.g.
``postgres://postgres@127.0.0.1:5432/bench_import`` – that database is dropped and created),
migrates it and imports every ``*.csv`` of ``--folder`` in name order with the same service
the command ``manage.py import_statistics`` uses, then computes what the command computes
after the files (typology over all areas, history projections of the platform's Gemeinden).
Prints per file the wall-clock seconds, the CPU seconds of this process (the machine is
shared: CPU time is what the import costs), the seconds spent reading the file (engine
readers) and the values stored, then the totals with the ratio to the target (< 1: within
the target) and the load average. On PostgreSQL running on this machine the CPU seconds
of the server process serving the import are added (``db_server_cpu_seconds``, from
``/proc/<pg_backend_pid()>/stat``); ``cpu_plus_server_ratio`` = (process + server CPU) /
target is then the figure that shows the target on a quiet machine, where wall time ≈ CPU
time (one process, one connection).

    python bench/import_gemeinden.py [--folder ../shared/data/gemeinden_2008-2015] [--format json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench")

#: Target of issue 15: the whole folder in under 60 s.
TARGET_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", default=str(ROOT.parent / "shared/data/gemeinden_2008-2015"))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.csv"))
    if not files:
        sys.exit(f"Keine CSV-Dateien in {args.folder}")
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    if url.startswith("postgres"):
        _recreate_postgres(url)
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    from zwk.profiles import importer
    from zwk.profiles.services import derived_refresh, statistics_import

    call_command("migrate", verbosity=0)
    reading = _time_reading(importer)
    server0 = _server_cpu()
    rows = []
    load0 = os.getloadavg()[0]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for path in files:
        wall, cpu = time.perf_counter(), time.process_time()
        reading["seconds"] = 0.0
        release, _created = statistics_import(path=path)
        rows.append(
            {
                "file": path.name,
                "seconds": round(time.perf_counter() - wall, 2),
                "cpu_seconds": round(time.process_time() - cpu, 2),
                "read_seconds": round(reading["seconds"], 2),
                "values": release.summary.get("rows", 0),
            }
        )
    wall, cpu = time.perf_counter(), time.process_time()
    derived_refresh()
    refresh = {
        "seconds": round(time.perf_counter() - wall, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
    }
    seconds = round(time.perf_counter() - wall0, 2)
    total = {
        "files": len(files),
        "seconds": seconds,
        "cpu_seconds": round(time.process_time() - cpu0, 2),
        "read_seconds": round(sum(r["read_seconds"] for r in rows), 2),
        "refresh": refresh,
        "values": sum(r["values"] for r in rows),
        "target_seconds": TARGET_SECONDS,
        "ratio_to_target": round(seconds / TARGET_SECONDS, 2),
        "database": url.split(":", 1)[0],
        "load_average": round(max(load0, os.getloadavg()[0]), 1),
    }
    server1 = _server_cpu()
    if server0 is not None and server1 is not None:
        total["db_server_cpu_seconds"] = round(server1 - server0, 2)
        total["cpu_plus_server_ratio"] = round(
            (total["cpu_seconds"] + total["db_server_cpu_seconds"]) / TARGET_SECONDS, 2
        )
    if args.format == "json":
        print(json.dumps({"files": rows, "total": total}, indent=2))
        return
    print("   Zeit       CPU     lesen    Werte  Datei")
    for r in rows:
        print(
            f"{r['seconds']:7.2f} s {r['cpu_seconds']:7.2f} s {r['read_seconds']:7.2f} s "
            f"{r['values']:>8}  {r['file']}"
        )
    print(
        f"{refresh['seconds']:7.2f} s {refresh['cpu_seconds']:7.2f} s {'':>9} {'':>8}  "
        "danach: Demografietypen und Vorausberechnungen vorberechnet"
    )
    print(
        f"{total['seconds']:7.2f} s {total['cpu_seconds']:7.2f} s {total['read_seconds']:7.2f} s "
        f"{total['values']:>8}  gesamt ({total['files']} Dateien, {total['database']}, "
        f"Last bis {total['load_average']:.1f})"
    )
    print(
        f"Ziel {TARGET_SECONDS} s: Zeit {total['ratio_to_target']:.2f} × Ziel, "
        f"CPU {total['cpu_seconds'] / TARGET_SECONDS:.2f} × Ziel"
    )
    if "db_server_cpu_seconds" in total:
        print(
            f"Datenbankserver: {total['db_server_cpu_seconds']:.2f} s CPU; Prozess + Server "
            f"{total['cpu_plus_server_ratio']:.2f} × Ziel"
        )


def _server_cpu() -> float | None:
    """CPU seconds (user + system) of the PostgreSQL backend serving this connection, when
    the server runs on this machine and its /proc entry is readable; None otherwise."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time_reading(importer) -> dict:
    """Add the seconds of the engine's readers (``importer.extract``) to the returned dict."""
    spent = {"seconds": 0.0}
    extract = importer.extract

    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return extract(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - began

    importer.extract = timed
    return spent


def _recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
