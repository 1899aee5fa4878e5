"""Themenverwandte Kommunen: a pure, explainable score between two Kommunen.

Aussage
    Which other programme Kommunen are most worth talking to: those that work on the same
    Handlungsfelder, share the Demografietyp and have a similar population structure.
Berechnung (weights sum to 1; each component lies between 0 and 1)
    * Handlungsfelder, weight :data:`W_THEMES` = 0.50 – the share of the own Kommune's
      Handlungsfelder that the other one works on too, ``|A ∩ B| / |A|`` (1 = it covers all
      of ours, 0 = none in common). Unlike a symmetric overlap this does not penalise a
      Kommune for working on more themes than we do.
    * Profil, weight :data:`W_PROFILE` = 0.25 – ``1 / (1 + d)`` with ``d`` the root mean
      square gap of the z-standardised typology indicators (in standard deviations):
      identical profiles give 1, a mean gap of one standard deviation gives 0.5. Missing
      statistics on either side give 0.
    * Demografietyp, weight :data:`W_TYPE` = 0.15 – 1 if both have the same type, else 0.
    * Art der Kommune, weight :data:`W_KIND` = 0.10 – 1 for the same kind (Stadt, Gemeinde,
      Landkreis, Großstadtquartier), else 0.
    Score = sum of weight × component, rounded to 4 decimals (so that floating-point noise
    cannot reorder equal scores). Candidates with score 0 are left out.
Ordering
    score descending, then more shared Handlungsfelder, then name (case-insensitive), then the
    key (slug) – same input, same order.
Reason
    One line of at most three parts: shared Handlungsfelder ("ebenfalls Schwerpunkt Wohnen im
    Alter"), the same Demografietyp, the most similar indicators ("ähnlicher Altenquotient",
    gap below :data:`SIMILAR_Z` standard deviations) or, without such an indicator, the
    profile similarity as a number ("insgesamt ähnlich" from :data:`PROFILE_NOTE`, "teilweise"
    below it, the latter only when nothing else explains the match), and the same kind.

No database access here: the selectors collect :class:`MunicipalityFacts` and call :func:`rank`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

W_THEMES = 0.50
W_PROFILE = 0.25
W_TYPE = 0.15
W_KIND = 0.10
SIMILAR_Z = 0.25  # |z gap| below this counts as "ähnlich"
PROFILE_NOTE = 0.4  # profile similarity from which the reason calls the structure similar
MAX_THEMES_NAMED = 3


def _similar_phrases() -> dict[str, str]:
    """Indicator key → phrase, in the order in which they are preferred for the reason."""
    return {
        "old_age_dependency_ratio": _("ähnlicher Altenquotient"),
        "mean_age": _("ähnliches Durchschnittsalter"),
        "share_80_plus": _("ähnlicher Anteil Hochaltriger"),
        "share_under_18": _("ähnlicher Anteil junger Menschen unter 18"),
        "share_18_29": _("ähnlicher Anteil junger Erwachsener"),
        "share_65_79": _("ähnlicher Anteil 65- bis 79-Jähriger"),
        "population_change_pct": _("ähnliche Bevölkerungsentwicklung"),
        "log10_population": _("ähnliche Einwohnerzahl"),
    }


def _kind_phrases() -> dict[str, str]:
    return {
        "stadt": _("ebenfalls eine Stadt"),
        "gemeinde": _("ebenfalls eine Gemeinde"),
        "landkreis": _("ebenfalls ein Landkreis"),
        "quartier": _("ebenfalls ein Großstadtquartier"),
    }


@dataclass(frozen=True)
class MunicipalityFacts:
    """What the score looks at. ``themes`` maps theme slug → name; ``z`` maps indicator key →
    z-value over all areas of the typology (empty without statistics)."""

    key: str
    name: str
    kind: str = ""
    themes: Mapping[str, str] = field(default_factory=dict)
    demographic_type: str | None = None
    z: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """One related Kommune with its score, the parts of the score and the reason line."""

    key: str
    name: str
    score: float
    theme_score: float
    profile_score: float
    same_type: bool
    same_kind: bool
    shared_themes: tuple[str, ...]  # names, sorted
    similar: tuple[str, ...]  # indicator keys, most similar first
    reason: str


def profile_similarity(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, tuple]:
    """``(1 / (1 + rms gap), keys with |gap| < SIMILAR_Z sorted by gap then key)``."""
    keys = sorted(set(a) & set(b))
    if not keys:
        return 0.0, ()
    gaps = {k: abs(a[k] - b[k]) for k in keys}
    rms = math.sqrt(sum(g * g for g in gaps.values()) / len(keys))
    similar = tuple(sorted((k for k in keys if gaps[k] < SIMILAR_Z), key=lambda k: (gaps[k], k)))
    return 1.0 / (1.0 + rms), similar


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s und %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def reason_text(match_parts: dict) -> str:
    """The one-line German reason from the parts of a score (see module docstring)."""
    parts: list[str] = []
    shared = list(match_parts["shared_themes"])
    if shared:
        named = shared[:MAX_THEMES_NAMED]
        if len(shared) > MAX_THEMES_NAMED:
            named.append(_("%(n)d weitere") % {"n": len(shared) - MAX_THEMES_NAMED})
        template = (
            _("ebenfalls Schwerpunkt %(names)s")
            if len(shared) == 1
            else _("ebenfalls Schwerpunkte %(names)s")
        )
        parts.append(template % {"names": _join(named)})
    if match_parts["same_type"] and match_parts["type_name"]:
        parts.append(_("gleicher Demografietyp „%(type)s“") % {"type": match_parts["type_name"]})
    phrases = _similar_phrases()
    similar = [phrases[k] for k in phrases if k in match_parts["similar"]][:2]
    profile = match_parts.get("profile_score") or 0.0
    if similar:
        parts.append(_join(similar))
    elif profile >= PROFILE_NOTE or (profile and not parts):
        template = (
            _("Bevölkerungsstruktur insgesamt ähnlich (Ähnlichkeit %(p)s von 1)")
            if profile >= PROFILE_NOTE
            else _("Bevölkerungsstruktur teilweise ähnlich (Ähnlichkeit %(p)s von 1)")
        )
        parts.append(template % {"p": f"{profile:.2f}".replace(".", ",")})
    if match_parts["same_kind"] and len(parts) < 3:
        phrase = _kind_phrases().get(match_parts["kind"])
        if phrase:
            parts.append(phrase)
    return "; ".join(parts[:3])


def score(own: MunicipalityFacts, other: MunicipalityFacts) -> Match:
    """Score ``other`` as a related Kommune of ``own`` (see the module docstring)."""
    a, b = set(own.themes), set(other.themes)
    theme_score = len(a & b) / len(a) if a else 0.0
    profile_score, similar = profile_similarity(own.z, other.z)
    same_type = own.demographic_type is not None and own.demographic_type == (
        other.demographic_type
    )
    same_kind = bool(own.kind) and own.kind == other.kind
    total = round(
        W_THEMES * theme_score
        + W_PROFILE * profile_score
        + W_TYPE * (1.0 if same_type else 0.0)
        + W_KIND * (1.0 if same_kind else 0.0),
        4,
    )
    shared = tuple(sorted((own.themes[s] for s in a & b), key=lambda n: (n.casefold(), n)))
    reason = reason_text(
        {
            "shared_themes": shared,
            "same_type": same_type,
            "type_name": own.demographic_type,
            "similar": similar,
            "same_kind": same_kind,
            "kind": own.kind,
            "profile_score": profile_score,
        }
    )
    return Match(
        key=other.key,
        name=other.name,
        score=total,
        theme_score=round(theme_score, 4),
        profile_score=round(profile_score, 4),
        same_type=same_type,
        same_kind=same_kind,
        shared_themes=shared,
        similar=similar,
        reason=reason,
    )


def sort_key(match: Match) -> tuple:
    return (-match.score, -len(match.shared_themes), match.name.casefold(), match.key)


def rank(
    own: MunicipalityFacts, candidates: Iterable[MunicipalityFacts], limit: int = 5
) -> list[Match]:
    """The ``limit`` most related of ``candidates`` (``own`` itself is skipped), best first."""
    matches = [score(own, c) for c in candidates if c.key != own.key]
    matches = [m for m in matches if m.score > 0]
    return sorted(matches, key=sort_key)[:limit]
