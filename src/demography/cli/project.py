"""``python -m demography project FILE --start YEAR --horizon YEARS [--scenario NAME]
[--set KEY=VALUE …] [--assumptions JSON] [--rates CSV]
[--migration-profile net|turnover|off] [--format json|csv]``.

Reads the population of FILE (any layout :func:`demography.readers.read_population`
understands), takes the stock at 31.12. of ``--start`` and projects it. Output per region
and year: total with an empirical 80 % interval (``total_low``, ``total_high``), by sex, by the functional age groups, by single year of age (male and
female lists of 101 values, index 100 = 100+) and the components of the year (births,
deaths, net migration, unrealised migration). Errors go to stderr in German (with an
English line); exit code 2 for unreadable input or invalid parameters.

A migration table among the files (Zu- und Fortzüge nach Altersgruppen, e.g.
12711-02-02-4 for Kreise, 12711-01-03-5-B for Gemeinden) gives the regions it covers the
age profile of their migration (:mod:`demography.migration_table`; level as without it in
the first year); ``--migration-profile turnover`` uses only how often each age moves,
``off`` ignores the table (docs/demography-projection.md, "Wanderungstabellen").
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

import numpy as np

from demography.scenarios import OVERRIDE_KEYS, SCENARIO_NAMES

HELP = "Bevölkerungsvorausberechnung (Kohorten-Komponenten-Methode) je Region und Jahr."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="+",
        help="Bevölkerungstabelle(n) (GENESIS/Regionalstatistik, Vorlage); mehrere Dateien "
        "oder Stichtage derselben Regionen ergeben die Vergangenheit der Vorausberechnung; "
        "dazu Summen, Geburten, Sterbefälle und eine Wanderungstabelle (Zu- und Fortzüge "
        "nach Altersgruppen, siehe --migration-profile)",
    )
    parser.add_argument("--start", type=int, required=True, help="Basisjahr (Stand 31.12.)")
    parser.add_argument("--horizon", type=int, required=True, help="Zahl der Jahre")
    parser.add_argument(
        "--scenario",
        default="Basis",
        help="Szenario: " + ", ".join(f"„{n}“" for n in SCENARIO_NAMES),
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Annahme überschreiben; Schlüssel: " + ", ".join(OVERRIDE_KEYS),
    )
    parser.add_argument(
        "--assumptions",
        metavar="JSON",
        help="eigene Parameterdatei im Format von data/assumptions_de.json (ersetzt die Standardannahmen)",
    )
    parser.add_argument(
        "--rates",
        metavar="CSV",
        help="eigene Tabelle der Geburten- und Sterberaten je Alter (Format: docs/demography-projection.md)",
    )
    parser.add_argument(
        "--migration-profile",
        choices=("net", "turnover", "off"),
        default="net",
        help="Wanderungstabelle unter den Dateien (Zu- und Fortzüge nach Altersgruppen, z. B. "
        "12711-02-02-4 der Kreise, 12711-01-03-5-B der Gemeinden): „net“ (Standard) Zuzüge "
        "und Fortzüge nach Alter für die Regionen, die sie enthält, „turnover“ nur die "
        "Umzugshäufigkeit nach Alter, „off“ Tabelle nicht nutzen. Der Wanderungssaldo des "
        "ersten Jahres bleibt der der Vorausberechnung; nur mit Vergangenheit (zwei "
        "Stichtage oder ein Stichtag mit Summen).",
    )
    parser.add_argument(
        "--trend-weight",
        type=_trend_weight,
        default=None,
        metavar="W|size",
        help="Gewicht des Wanderungstrends der ganzen Eingabe gegen „Bestand bleibt“ (0 bis 1). "
        "Standard „size“: nach der Größe der Eingabe (Summe der Gemeinden bzw. untersten "
        "Regionen) – 0 bis 100 000 Einwohner (ein einzelner Ort bleibt bei seiner Zahl), 1 ab "
        "10 Millionen, dazwischen nach dem Logarithmus (1 Mio. 0,5; ein Land mit 2,5 Mio. "
        "0,7); „0“ wie bis 08.12.2026. Das benutzte Gewicht steht im Hinweis (stderr); nur mit "
        "Vergangenheit (zwei Stichtage oder ein Stichtag mit Summen).",
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def _trend_weight(text: str) -> float | str:
    """``--trend-weight``: "size" or a number from 0 to 1."""
    if text.strip().lower() == "size":
        return "size"
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(
            f"„size“ oder eine Zahl von 0 bis 1 erwartet, gefunden „{text}“"
        )
    return value


def _fail(german: str, english: str) -> int:
    print(f"Fehler: {german}\nError: {english}", file=sys.stderr)
    return 2


def _parse_overrides(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"--set erwartet KEY=VALUE, gefunden „{item}“")
        out[key.strip()] = value.strip()
    return out


def records(result: Any) -> list[dict[str, Any]]:
    """One dict per region and year (JSON-ready); components are ``None`` in the base year."""
    counts = result.single_years()
    groups = result.by_group().sum(axis=2)
    totals = result.totals  # computed once (a property that sums every call)
    labels = result.groups.labels
    rows = []
    for r, (code, name) in enumerate(zip(result.codes, result.names, strict=True)):
        for t, year in enumerate(result.years):
            male, female = counts[t, r]
            row: dict[str, Any] = {
                "region": code,
                "name": name,
                "year": int(year),
                "total": float(totals[t, r]),
                "total_low": None if result.total_low is None else float(result.total_low[t, r]),
                "total_high": None if result.total_high is None else float(result.total_high[t, r]),
                "male": float(result.by_sex[t, r, 0]),
                "female": float(result.by_sex[t, r, 1]),
                "age_groups": {lab: float(v) for lab, v in zip(labels, groups[t, r], strict=True)},
                "single_years": {
                    "male": np.round(male, 3).tolist(),
                    "female": np.round(female, 3).tolist(),
                },
            }
            if t == 0:
                row.update(births=None, deaths=None, net_migration=None, unrealised_migration=None)
            else:
                row.update(
                    births=float(result.births[t - 1, r].sum()),
                    deaths=float(result.deaths[t - 1, r].sum()),
                    net_migration=float(result.net_migration[t - 1, r].sum()),
                    unrealised_migration=float(result.unrealised_migration[t - 1, r].sum()),
                )
            rows.append(row if np.isfinite(row["total"]) else _unknown_as_none(row))
    return rows


def _unknown_as_none(value: Any) -> Any:
    """NaN (unknown, e.g. a secret '.' cell at the base date) as JSON null, not NaN."""
    if isinstance(value, float):
        return value if np.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _unknown_as_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unknown_as_none(v) for v in value]
    return value


def _write_csv(rows: list[dict[str, Any]], labels: tuple[str, ...]) -> None:
    head = ["region", "name", "year", "total", "male", "female", "births", "deaths"]
    head += ["net_migration", "unrealised_migration", "total_low", "total_high"]
    head += [f"age_{lab}" for lab in labels]
    head += [f"m_{a}" for a in range(101)] + [f"f_{a}" for a in range(101)]
    writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
    writer.writerow(head)

    def fmt(v: float | None) -> str:
        return "" if v is None else f"{v:.3f}"

    for row in rows:
        comp = [row[k] for k in ("births", "deaths", "net_migration", "unrealised_migration")]
        writer.writerow(
            [row["region"], row["name"], row["year"], fmt(row["total"])]
            + [fmt(row["male"]), fmt(row["female"])]
            + [fmt(v) for v in comp]
            + [fmt(row[k]) for k in ("total_low", "total_high")]
            + [fmt(row["age_groups"][lab]) for lab in labels]
            + [fmt(v) for v in row["single_years"]["male"]]
            + [fmt(v) for v in row["single_years"]["female"]]
        )


def _totals_and_flows(history, keep, start: int):
    """Year-end totals up to ``start``, the years whose change crosses a break of the
    population basis (left out), and births/deaths by year – for the regions ``keep``."""
    totals, bases = {}, {}
    for s in history.stocks:
        if s.time == int(s.time) and int(s.time) <= start:
            totals[int(s.time)] = s.totals()[keep]
            bases[int(s.time)] = s.basis
    skip = frozenset(y for y in bases if y + 1 in bases and bases[y] != bases[y + 1])
    flows = {}
    for kind in ("births", "deaths"):
        years, values = history.flow_totals(kind)
        got = {y: values[i][keep] for i, y in enumerate(years) if y <= start}
        if got:
            flows[kind] = got
    return totals, skip, flows


def _history_result(args, overrides, assumptions):
    """Projection from everything the files hold up to ``--start``: every age Stichtag,
    population totals, births and deaths (:func:`demography.readers.history.read_history`).

    * two or more age Stichtage: :func:`~demography.history_projection.project_history`;
    * one age Stichtag plus totals of at least two consecutive years (and births/deaths
      where given): :func:`~demography.history_projection.project_from_totals` (changes of
      the totals across a break of the population basis are left out).

    Returns ``(result, None)``, ``(None, error_code)`` or ``None`` when a single file holds
    only one Stichtag up to the start year (then the plain projection runs).
    """
    import dataclasses

    from demography.errors import DataError
    from demography.history_projection import (
        project_from_totals,
        project_history,
        stocks_from_grouped,
    )
    from demography.migration_table import table_from_history
    from demography.readers.history import read_history

    table = None
    try:
        history = read_history(args.file)
        mode = getattr(args, "migration_profile", "net") or "off"
        table = None if mode == "off" else table_from_history(history)
        if table is not None:
            table = dataclasses.replace(table, shape_weight=1.0 if mode == "net" else 0.0)
    except DataError as exc:
        return None, _fail(exc.german(), exc.english())
    except OSError as exc:
        return None, _fail(f"Datei nicht lesbar: {exc}", f"cannot read file: {exc}")
    ages = [s for s in history.stocks if s.grid.n > 1]
    usable = [s for s in ages if s.population.year <= args.start]
    base = [s for s in usable if s.population.year == args.start]
    if not base:
        years = ", ".join(sorted({str(s.population.year) for s in ages})) or "keine"
        return None, _fail(
            f"Kein Bevölkerungsstand 31.12.{args.start} nach Alter in den Dateien "
            f"(vorhanden: {years})",
            f"no population by age for 31.12.{args.start} in the files (found: {years})",
        )
    keep, pops = history.at_base(usable, base[-1])
    totals, skip, flows = _totals_and_flows(history, keep, args.start)
    changes = [y for y in totals if y + 1 in totals and y not in skip]
    n_dates = len({s.time for s in usable})
    if n_dates < 2 and not changes and len(args.file) == 1:
        return None
    codes, names, stocks = stocks_from_grouped(pops)
    common = {
        "codes": codes,
        "names": names,
        "horizon": args.horizon,
        "base_year": args.start,
        "scenario": args.scenario,
        "overrides": overrides,
        "assumptions": assumptions,
        "migration_table": table,
        "trend_weight": getattr(args, "trend_weight", None),
    }
    try:
        if n_dates < 2 and changes:
            result, _levels = project_from_totals(
                stocks[-1],
                totals=totals,
                births=flows.get("births"),
                deaths=flows.get("deaths"),
                skip_changes=skip,
                **common,
            )
        else:
            result, _fit = project_history(stocks, **common)
    except DataError as exc:
        return None, _fail(exc.german(), exc.english())
    return _note_unused_table(result, table, history), None


def _note_unused_table(result, table, history):
    """``result`` with :data:`TABLE_NOT_USED` among its notes when the files hold a
    migration table that was not asked for."""
    import dataclasses

    if table is None and any(f.kind in ("in", "out") for f in history.flows):
        return dataclasses.replace(result, notes=(*result.notes, TABLE_NOT_USED))
    return result


#: Note when the files hold a migration table and ``--migration-profile off`` is given.
TABLE_NOT_USED = "Wanderungstabelle gelesen, aber nicht genutzt (--migration-profile off)."


def run(args: argparse.Namespace) -> int:
    from demography.assumptions import load_assumptions
    from demography.errors import DataError
    from demography.projection import project
    from demography.ratetables import read_rate_table
    from demography.readers import read_population

    try:
        overrides = _parse_overrides(args.overrides)
    except ValueError as exc:
        return _fail(str(exc), "--set expects KEY=VALUE")
    if args.horizon < 1 or args.horizon > 100:
        return _fail("--horizon muss zwischen 1 und 100 liegen", "--horizon must be 1 … 100")
    try:
        assumptions = load_assumptions(args.assumptions) if args.assumptions else None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return _fail(
            f"Parameterdatei {args.assumptions} nicht lesbar oder unvollständig: {exc}",
            f"assumptions file {args.assumptions} unreadable or incomplete: {exc}",
        )
    if not args.rates:
        try:
            outcome = _history_result(args, overrides, assumptions)
        except KeyError as exc:
            return _fail(str(exc.args[0]), "unknown scenario")
        except ValueError as exc:
            return _fail(str(exc), "invalid parameter")
        if outcome is not None:
            result, error = outcome
            if error is not None:
                return error
            return _emit(result, args)
    try:
        rates = read_rate_table(args.rates) if args.rates else None
        populations = read_population(args.file[0])
    except DataError as exc:
        return _fail(exc.german(), exc.english())
    except OSError as exc:
        return _fail(f"Datei nicht lesbar: {exc}", f"cannot read file: {exc}")
    base = next((p for p in populations if p.year == args.start), None)
    if base is None:
        years = ", ".join(str(p.year) for p in populations) or "keine"
        return _fail(
            f"Kein Bevölkerungsstand 31.12.{args.start} in der Datei (vorhanden: {years})",
            f"no population for 31.12.{args.start} in the file (found: {years})",
        )
    try:
        result = project(
            base,
            horizon=args.horizon,
            scenario=args.scenario,
            overrides=overrides,
            assumptions=assumptions,
            rates=rates,
        )
    except KeyError as exc:
        return _fail(str(exc.args[0]), "unknown scenario")
    except ValueError as exc:
        return _fail(str(exc), "invalid parameter")
    from demography.consistency import sum_to_aggregates

    # hierarchical input (Land, Kreis and Gemeinde rows): one number per territory
    return _emit(sum_to_aggregates(result, copy=False), args)


def _emit(result: Any, args: argparse.Namespace) -> int:
    for note in result.notes:
        print(f"Hinweis: {note}", file=sys.stderr)
    rows = records(result)
    if args.format == "json":
        # json.dumps uses the C encoder; json.dump to a stream is pure Python (10× slower)
        sys.stdout.write(json.dumps(rows, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        _write_csv(rows, result.groups.labels)
    return 0
