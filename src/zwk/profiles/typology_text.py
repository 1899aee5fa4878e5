"""The Demografietyp and the similar Kommunen in words for readers of the Kommunalprofil.

The engine (``demography.typology``) describes a type for statisticians: standard deviations,
z-values, the logarithm of the population, the clustering method. A Demografiebeauftragte
needs to know what the type says about her Kommune and which Kommunen resemble it. This
module turns the engine's result into that: plain German, figures as the indicators are
published (the population as a number of inhabitants, not its logarithm), a difference only
where the rounded figures differ, and the level of a similar area (Gemeinde, Kreis, Land)
named when it is not the Kommune's own level. The method for specialists is in
docs/kommunalprofil.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from demography.typology import INDICATOR_INFO
from zwk.profiles import charts

POPULATION_KEY = "log10_population"
#: a type's indicator is named only when its mean lies this far from the mean of all areas
#: (in the engine's units of spread; the engine's own text used the same bound)
MIN_Z = 0.3


def _unit(key: str) -> str:
    return INDICATOR_INFO.get(key, ("", "", "", ""))[1]


def _display(key: str, value: float) -> float:
    """The figure as published: the engine clusters on log10 of the population."""
    return 10**value if key == POPULATION_KEY else value


def _label(key: str, label: str) -> str:
    return _("Einwohnerzahl") if key == POPULATION_KEY else label


def _figure(key: str, value: float, unit: str) -> str:
    if key == POPULATION_KEY:
        return charts.fmt(round(_display(key, value), -2), 0)
    unit = "" if unit in ("log10",) else unit
    return f"{charts.fmt(value, 1)} {unit}".strip()


def type_explanation(dtype) -> str:
    """What sets the type apart, in sentences: "Im Mittel der 12 Kommunen dieses Typs ist
    der Altenquotient höher als im Mittel aller Kommunen (41,0 gegenüber 35,2 je 100)." Only
    figures that differ once rounded; the direction from the figures, never contradicting
    them."""
    parts = []
    for d in dtype.drivers:
        if abs(d.z) < MIN_Z:
            continue
        own = _display(d.key, d.type_mean)
        overall = _display(d.key, d.overall_mean)
        if any(math.isnan(v) for v in (own, overall)):
            continue
        if _figure(d.key, d.type_mean, d.unit) == _figure(d.key, d.overall_mean, d.unit):
            continue
        if d.key == POPULATION_KEY:
            word = _("größer") if own > overall else _("kleiner")
            parts.append(
                _("die Kommunen sind %(word)s (typische Einwohnerzahl %(a)s gegenüber %(b)s)")
                % {
                    "word": word,
                    "a": _figure(d.key, d.type_mean, d.unit),
                    "b": _figure(d.key, d.overall_mean, d.unit),
                }
            )
            continue
        word = _("höher") if own > overall else _("niedriger")
        parts.append(
            _("%(label)s: %(word)s (%(a)s gegenüber %(b)s)")
            % {
                "label": _label(d.key, d.label),
                "word": word,
                "a": _figure(d.key, d.type_mean, d.unit),
                "b": _figure(d.key, d.overall_mean, d.unit),
            }
        )
    if not parts:
        return _(
            "Die Kommunen dieses Typs liegen bei allen Kennzahlen nahe am Mittel aller Kommunen."
        )
    intro = ngettext(
        "Verglichen mit dem Mittel aller Kommunen gilt für die %(n)s Kommune dieses Typs: ",
        "Verglichen mit dem Mittel aller Kommunen gilt für die %(n)s Kommunen dieses Typs "
        "im Mittel: ",
        dtype.size,
    ) % {"n": dtype.size}
    return intro + "; ".join(parts) + "."


def method_text(typology) -> str:
    """How the type comes about, without the method's technical terms."""
    matrix = typology.indicators
    labels = [_label(k, matrix.label(k)) for k in matrix.keys]
    return _(
        "So entsteht der Demografietyp: Die Plattform vergleicht %(n)s Gebiete anhand von "
        "%(k)s Kennzahlen (%(labels)s). Gebiete, deren Kennzahlen einander ähneln, bilden "
        "zusammen einen Typ; es gibt %(types)s Typen. Jede Kennzahl zählt gleich viel, egal "
        "in welcher Einheit sie gemessen wird. „Ähnliche Kommunen“ sind die Gebiete, deren "
        "Kennzahlen insgesamt am wenigsten von denen dieser Kommune abweichen."
    ) % {
        "n": charts.fmt(len(matrix.codes), 0),
        "k": len(labels),
        "labels": ", ".join(labels),
        "types": len(typology.types),
    }


def level_of(code: str) -> str:
    """Level of an area by its official key: Land 2, Kreis 5, Gemeinde 8 digits."""
    code = code.split("/")[0]
    if code == "DG":
        return "bund"
    return {2: "land", 3: "regbez", 5: "kreis", 8: "gemeinde", 9: "gemeinde"}.get(
        len(code), "gemeinde"
    )


LEVEL_LABELS = {
    "bund": gettext_lazy("Deutschland"),
    "land": gettext_lazy("Land"),
    "regbez": gettext_lazy("Regierungsbezirk"),
    "kreis": gettext_lazy("Kreis"),
    "gemeinde": gettext_lazy("Gemeinde"),
}


@dataclass(frozen=True)
class PeerRow:
    """A similar area as the page shows it."""

    code: str
    name: str
    level_label: str  # "" when the level is the Kommune's own, else e.g. "Kreis"
    differences: list[str]


def peer_rows(peers, own_code: str | None) -> list[PeerRow]:
    """Similar areas with their largest differences in published figures; an area of another
    level than the Kommune (a Kreis as the peer of a town) carries its level as a label."""
    own_level = level_of(own_code) if own_code else "gemeinde"
    rows = []
    for p in peers:
        level = level_of(p.code)
        diffs = [
            _("%(label)s: %(own)s hier, %(peer)s dort")
            % {
                "label": _label(d.key, d.label),
                "own": _figure(d.key, d.own, _unit(d.key)),
                "peer": _figure(d.key, d.peer, _unit(d.key)),
            }
            for d in p.differences
        ]
        rows.append(
            PeerRow(
                code=p.code,
                name=p.name,
                level_label=str(LEVEL_LABELS[level]) if level != own_level else "",
                differences=diffs,
            )
        )
    return rows
