"""Official population tables as per-region records: stocks, births, deaths, migration.

:func:`extract` reads any file the readers accept (:func:`demography.readers.read_table`) and
returns what it says per region and year – population stocks by sex, with single years of age
where the table has them, and yearly movements – plus the rows it leaves out and why:

* ``.`` (secret or unknown) and ``...`` (not yet available) cells: the region and year are
  skipped, never read as zero; a month missing from a yearly sum skips the year;
* ``-`` or 0 inhabitants: a gemeindefreies Gebiet or a region that did not exist then;
* German measure labels (``Bevölkerungsstand``, ``Lebendgeborene``, ``Gestorbene``,
  ``Zuzüge``, ``Fortzüge``, ``Wanderungssaldo``) map to the record kinds;
* tables of the 16 Länder without a Deutschland row get Deutschland as their sum
  (:func:`demography.regions.bund_from_laender`);
* :func:`keep_official_codes` drops region keys that are no official key.

No database and no Django: the caller stores the records (``zwk.profiles`` in one transaction).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from demography.agegroups import TOTAL
from demography.core import Population
from demography.errors import DataError
from demography.readers import read_table, table_to_grouped, table_to_populations
from demography.readers.basis import basis_of
from demography.readers.history import flow_kind
from demography.readers.limits import DEFAULT_LIMITS, Limits
from demography.readers.table import Table
from demography.regions import BUND, BUND_NAME, LAENDER, bund_from_laender, level_of_code

POPULATION_MEASURES = {"Bevölkerungsstand", "Bevölkerung"}
FLOW_MEASURES = {
    "Lebendgeborene": "births",
    "Gestorbene": "deaths",
    "Zuzüge": "migration_in",
    "Fortzüge": "migration_out",
    "Wanderungssaldo": "net_migration",
}
#: flow kinds of :func:`demography.readers.history.flow_kind` -> record kinds
_RECORD_KINDS = {
    "births": "births",
    "deaths": "deaths",
    "in": "migration_in",
    "out": "migration_out",
    "net": "net_migration",
    "in_abroad": "migration_in_abroad",
    "out_abroad": "migration_out_abroad",
}
_TOTAL_LEVELS = ("Insgesamt", "total", "Deutschland", TOTAL)


def movement_kind(measure: object) -> str | None:
    """Record kind of a flow measure label: the labels of :data:`FLOW_MEASURES` and the long
    ones of the Regionalstatistik (``Zuzüge über die Gemeindegrenzen``, ``Zuzüge aus dem
    Ausland über die Gemeindegrenzen`` → ``migration_in_abroad``); None for stocks."""
    if measure in FLOW_MEASURES:
        return FLOW_MEASURES[measure]  # type: ignore[index]
    return _RECORD_KINDS.get(flow_kind(measure) or "")


@dataclass
class StockRecord:
    """Population of one region, year and sex (``male``, ``female`` or ``total``), in persons;
    ``ages`` holds single years 0 … 100+ where the table has them."""

    code: str
    name: str
    year: int
    sex: str
    total: float
    ages: list[float] | None = None


@dataclass
class MovementRecord:
    """Births, deaths or moves (``kind``, see :data:`FLOW_MEASURES`) of one region and year,
    persons per year, both sexes."""

    code: str
    name: str
    year: int
    kind: str
    value: float


@dataclass
class FigureRecord:
    """A count that is no population stock at 31.12., e.g. the Zensus 2011 count (Stichtag
    09.05.2011) and its foreigners: ``key`` ``population`` or ``foreigners``, ``date`` ISO,
    ``basis`` a key of :data:`demography.readers.basis.BASES`."""

    code: str
    name: str
    date: str
    key: str
    value: float
    basis: str


@dataclass
class Extract:
    """Everything one file says, plus what was left out (``skipped``: region, year, reason)."""

    table_code: str
    title: str
    stand: str
    layout: str
    licence: str
    stocks: list[StockRecord] = field(default_factory=list)
    movements: list[MovementRecord] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    areas: dict[str, float] = field(default_factory=dict)
    coordinates: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Gemeindeverzeichnis: AGS → PLZ of the Gemeinde's Verwaltungssitz
    postal_codes: dict[str, str] = field(default_factory=dict)
    #: population basis (:data:`demography.readers.basis.BASES`) of the stocks per year
    bases: dict[int, str] = field(default_factory=dict)
    figures: list[FigureRecord] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.stocks) + len(self.movements) + len(self.figures)

    def skip(self, code: str, year: int | None, reason: str) -> None:
        self.skipped.append({"region": code, "year": year, "reason": reason})

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(s["reason"] for s in self.skipped))


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of the file's bytes (recognises a file imported before)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _licence(table: Table) -> str:
    text = " ".join(table.notes)
    if "Datenlizenz Deutschland" in text or table.layout in ("genesis-table", "genesis-ffcsv"):
        return "dl-de/by-2-0"
    if table.layout == "gemeindeverzeichnis":
        return "dl-de/by-2-0"
    return ""


def _round(values: np.ndarray) -> list:
    """Values rounded to 4 decimals as (nested) Python lists of the array's shape."""
    # vectorised: Python's round() per value took 7 of 13 s for 11,000 Gemeinden
    return np.round(np.asarray(values, dtype=np.float64), 4).tolist()


def extract(
    path: str | Path, *, display_name: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Extract:
    """Read ``path`` with the engine and collect what the file says (raises DataError).

    ``limits``: the readers' byte, row and cell budget (:mod:`demography.readers.limits`)."""
    table = read_table(path, limits=limits)
    if display_name:
        # messages should name the file as the user knows it, not the temporary upload path
        table = replace(table, source=display_name)
    out = Extract(
        table_code=table.code or table.layout,
        title=table.title,
        stand=table.stand,
        layout=table.layout,
        licence=_licence(table),
        names=dict(table.region_names),
    )
    area = table.attributes.get("area_km2")
    if isinstance(area, dict):
        out.areas = {k: float(v) for k, v in area.items() if v is not None}
    points = table.attributes.get("coordinates")
    if isinstance(points, dict):
        out.coordinates = {k: (float(v[0]), float(v[1])) for k, v in points.items()}
    postal = table.attributes.get("postal_codes")
    if isinstance(postal, dict):
        out.postal_codes = {str(k): str(v) for k, v in postal.items()}
    measures = set(table.levels.get("measure", ("Bevölkerungsstand",)))
    if measures & POPULATION_MEASURES:
        _population(table, out)
        _census_figures(table, out)
    flows = {m for m in measures if movement_kind(m)}
    if flows:
        _movements(table, out, flows)
    if not measures & POPULATION_MEASURES and not flows:
        raise DataError(
            table.source,
            "Die Datei enthält weder Bevölkerungsstände noch Geburten, Sterbefälle oder "
            "Wanderungen.",
            "the file holds neither population stocks nor births, deaths or migration.",
            found=", ".join(sorted(str(m) for m in measures)),
            expected_de="Bevölkerungsstand, Lebendgeborene, Gestorbene, Zuzüge, Fortzüge",
            expected_en="population, births, deaths, moves in/out",
        )
    _derive_bund(out)
    return out


def _population(table: Table, out: Extract) -> None:
    has_sex = {"male", "female"} <= set(table.levels.get("sex", ()))
    # a count on another day than 31.12. (Zensus) keeps only its totals (_census_figures)
    by_age = "age" in table.levels and all(
        str(d).endswith("-12-31") for d in table.levels.get("date", ())
    )
    if by_age and has_sex:
        for pop in table_to_populations(table):
            _age_stocks(pop, out)
            out.notes.extend(n for n in pop.notes if n not in out.notes)
        return
    if by_age:
        # Age groups without sex (e.g. 12411-0017): the totals are exact; splitting them by
        # sex would need a reference population, so only the totals are kept.
        for grouped in table_to_grouped(table):
            totals = grouped.counts.sum(axis=(1, 2))
            for code, name, total in zip(grouped.codes, grouped.names, totals, strict=True):
                if np.isnan(total):
                    out.skip(code, grouped.year, "Werte unbekannt oder geheim ('.')")
                    continue
                out.stocks.append(StockRecord(code, name, grouped.year, "total", float(total)))
        out.notes.append(
            "Altersgruppen ohne Gliederung nach Geschlecht: übernommen werden die Einwohnerzahlen."
        )
        return
    date_dim = "date" if "date" in table.levels else "year"
    dims = ["region", date_dim] + (["sex"] if "sex" in table.levels else [])
    fixed = _fixed_totals(table, keep=set(dims) | {"measure"})
    measure = next(
        m for m in table.levels.get("measure", ("",)) if m in POPULATION_MEASURES or m == ""
    )
    if "measure" in table.levels:
        fixed["measure"] = measure
    cube, levels = table.cube(tuple(dims), **fixed)
    if "sex" not in table.levels:
        cube = cube[:, :, None]
        sexes: tuple = ("total",)
    else:
        sexes = levels[2]
    years = [int(str(date)[:4]) for date in levels[1]]
    kept_sexes = [(s, sex) for s, sex in enumerate(sexes) if sex in ("male", "female", "total")]
    # the tests per cell once over the whole cube, Python lists for the loop (a numpy call
    # per region and Stichtag took seconds for 11,000 Gemeinden × 8 years)
    empty = np.all(cube == 0, axis=2).tolist()
    unknown = np.isnan(cube).all(axis=2).tolist()
    values = cube.tolist()
    for r, code in enumerate(levels[0]):
        name = table.region_names.get(code, code)
        for d, year in enumerate(years):
            if empty[r][d]:
                out.skip(
                    code,
                    year,
                    "keine Einwohner ('-' oder 0): gemeindefreies Gebiet oder am Stichtag "
                    "nicht bestehend",
                )
                continue
            if unknown[r][d]:
                out.skip(code, year, "Werte unbekannt oder geheim ('.')")
                continue
            cell = values[r][d]
            for s, sex in kept_sexes:
                if cell[s] == cell[s]:  # not NaN
                    out.stocks.append(StockRecord(code, name, year, sex, float(cell[s])))


def _age_stocks(pop: Population, out: Extract) -> None:
    """Male, female and total records by single year of age of ``pop`` (R, 2, 101).

    Sums, rounding and the conversion to Python lists run once over all regions: the loop
    per region with numpy calls on small arrays took most of the import of 11,000
    Gemeinden. The figures are the same as per region (same sums along the same axes)."""
    counts = pop.counts
    unknown = np.isnan(counts).any(axis=(1, 2)).tolist()
    totals = counts.sum(axis=2).tolist()  # (R, 2)
    both = counts.sum(axis=1)  # (R, 101)
    both_totals = both.sum(axis=1).tolist()
    ages = _round(counts)  # nested lists (R, 2, 101)
    both_ages = _round(both)
    for i, code in enumerate(pop.codes):
        if unknown[i]:
            out.skip(
                code, pop.year, "Werte unbekannt oder geheim ('.'), Altersaufbau unvollständig"
            )
            continue
        name = pop.names[i]
        out.stocks.append(StockRecord(code, name, pop.year, "male", totals[i][0], ages[i][0]))
        out.stocks.append(StockRecord(code, name, pop.year, "female", totals[i][1], ages[i][1]))
        out.stocks.append(StockRecord(code, name, pop.year, "total", both_totals[i], both_ages[i]))


def _census_figures(table: Table, out: Extract) -> None:
    """Stocks at a Stichtag other than 31.12. (the Zensus count of 09.05.2011) become
    figures of their date and basis, never a 31.12. stock of that year (which would mix the
    count with the Fortschreibung); a table by nationality adds the foreigners."""
    dates = [str(d) for d in table.levels.get("date", ())]
    for d in dates:
        out.bases.setdefault(int(d[:4]), basis_of(table, d))
    if "date" not in table.levels and table.layout == "register":
        out.bases.update({r.year: "melderegister" for r in out.stocks})
    odd = {int(d[:4]): d for d in dates if not d.endswith("-12-31")}
    kept = []
    for rec in out.stocks:
        if rec.year not in odd:
            kept.append(rec)
        elif rec.sex == "total":
            date = odd[rec.year]
            out.figures.append(
                FigureRecord(rec.code, rec.name, date, "population", rec.total, out.bases[rec.year])
            )
    out.stocks = kept
    for year, date in odd.items():
        del out.bases[year]
        out.notes.append(
            f"Stichtag {date[8:10]}.{date[5:7]}.{date[:4]} ist kein 31.12.: die Einwohner werden "
            "als Zählung dieses Tages gespeichert, nicht als Bestand zum Jahresende."
        )
    nat = table.levels.get("nat", ())
    foreign = next((n for n in nat if str(n).startswith("Ausländer")), None)
    if foreign is None or "date" not in table.levels:
        return
    populated = {(f.code, f.date) for f in out.figures} | {
        (r.code, f"{r.year}-12-31") for r in out.stocks
    }
    fixed = _fixed_totals(table, keep={"region", "date", "nat"})
    fixed["nat"] = foreign
    cube, levels = table.cube(("region", "date"), **fixed)
    for r, code in enumerate(levels[0]):
        for k, date in enumerate(map(str, levels[1])):
            if (code, date) in populated and not np.isnan(cube[r, k]):
                out.figures.append(
                    FigureRecord(
                        code,
                        table.region_names.get(code, code),
                        date,
                        "foreigners",
                        float(cube[r, k]),
                        basis_of(table, date),
                    )
                )


def _fixed_totals(table: Table, keep: set[str]) -> dict[str, object]:
    fixed: dict[str, object] = {}
    for dim, levels in table.levels.items():
        if dim in keep or len(levels) == 1:
            continue
        total = next((lv for lv in levels if lv in _TOTAL_LEVELS), None)
        if total is not None:
            fixed[dim] = total
    return fixed


def _movements(table: Table, out: Extract, flows: set[str]) -> None:
    year_dim = "year" if "year" in table.levels else "date"
    keep = {"region", year_dim, "measure", "sex", "month"}
    fixed = _fixed_totals(table, keep)
    sum_dims = [d for d in table.levels if d not in keep and d not in fixed]
    has_month = "month" in table.levels
    sexes = table.levels.get("sex", ("total",))
    for measure in sorted(flows):
        dims = ["region", year_dim] + (["sex"] if "sex" in table.levels else [])
        dims += (["month"] if has_month else []) + sum_dims
        fix = dict(fixed)
        if "measure" in table.levels:
            fix["measure"] = measure
        cube, levels = table.cube(tuple(dims), **fix)
        # sum over dimensions without a total (e.g. birth order, age of the mother)
        axis = tuple(range(len(dims) - len(sum_dims), len(dims)))
        if sum_dims:
            cube = cube.sum(axis=axis)
        if "sex" not in table.levels:
            cube = cube[:, :, None, ...]
        if "total" in sexes:
            per_sex = cube[:, :, list(sexes).index("total")]
        elif {"male", "female"} <= set(sexes):
            per_sex = (
                cube[:, :, list(sexes).index("male")] + cube[:, :, list(sexes).index("female")]
            )
        else:
            continue
        partial = np.zeros(per_sex.shape[:2], dtype=bool)
        if has_month:
            partial = np.isnan(per_sex).any(axis=-1) & ~np.isnan(per_sex).all(axis=-1)
            per_sex = per_sex.sum(axis=-1)
        kind = movement_kind(measure)
        years = [int(str(level)[:4]) for level in levels[1]]
        # Python lists once instead of a numpy scalar per cell (NaN stays NaN: x != x)
        values, partial_rows = per_sex.tolist(), partial.tolist()
        for r, code in enumerate(levels[0]):
            name = table.region_names.get(code, code)
            for y, year in enumerate(years):
                value = values[r][y]
                if partial_rows[r][y]:
                    out.skip(code, year, "unvollständiges Jahr: Monatswerte fehlen ('...')")
                    continue
                if value != value:
                    out.skip(code, year, "Werte unbekannt oder noch nicht verfügbar")
                    continue
                out.movements.append(MovementRecord(code, name, year, kind, float(value)))


def _derive_bund(out: Extract) -> None:
    """Tables of the 16 Länder without a Deutschland row: Bund = sum of the Länder."""
    by_key: dict[tuple[int, str], dict[str, StockRecord]] = {}
    for rec in out.stocks:
        if rec.code in LAENDER:
            by_key.setdefault((rec.year, rec.sex), {})[rec.code] = rec
    have_bund = {(r.year, r.sex) for r in out.stocks if r.code == BUND}
    added = False
    for (year, sex), recs in sorted(by_key.items()):
        if (year, sex) in have_bund:
            continue
        total = bund_from_laender({code: r.total for code, r in recs.items()})
        if total is None:
            continue
        ages = None
        if all(r.ages is not None for r in recs.values()):
            ages = _round(bund_from_laender({code: np.asarray(r.ages) for code, r in recs.items()}))
        out.stocks.append(StockRecord(BUND, BUND_NAME, year, sex, float(total), ages))
        added = True
    if added:
        out.notes.append("Deutschland als Summe der 16 Länder berechnet.")


def keep_official_codes(out: Extract) -> None:
    """Drop records whose region key is no official key (each listed in ``out.skipped``)."""
    kept_stocks, kept_moves = [], []
    for rec in out.stocks:
        if level_of_code(rec.code) is None:
            out.skip(rec.code, rec.year, "unbekannter Regionalschlüssel (kein AGS)")
        else:
            kept_stocks.append(rec)
    for rec in out.movements:
        if level_of_code(rec.code) is None:
            out.skip(rec.code, rec.year, "unbekannter Regionalschlüssel (kein AGS)")
        else:
            kept_moves.append(rec)
    out.stocks, out.movements = kept_stocks, kept_moves
    out.figures = [f for f in out.figures if level_of_code(f.code) is not None]
