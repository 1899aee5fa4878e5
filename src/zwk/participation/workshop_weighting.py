"""Workshop votes in the survey's frame (issue 17, "Werkstatt results in the same frame").

The points of a live Zukunftswerkstatt are weighted like survey answers: every voter gets a
weight from the raking of ``weighting.py`` so that the voters' age groups (and sex, where the
participants gave it) match the Kommune's population from the Kommunalprofil – the same
frame as the survey (residents aged ``results.DEFAULT_FRAME_AGE`` and over; the workshop's
group "unter 18" stands for the 16- and 17-year-olds). The ranking is shown raw and weighted
side by side with Kish's effective sample size.

Weighted points of a card: ``Σ_v w_v · points_v`` over its voters; weighted share: weighted
points / weighted points of all cards of the phase. Voters without an age group keep weight
1 (as respondents without one in the survey). Weighting is refused – with a plain-German
reason, the raw ranking stays – when no population data, no voter with an age group, or an
age group with fewer than ``MIN_PER_GROUP`` voters (one person would speak for a whole
generation).

Reads zwk.workshops (the layer below) and never writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zwk.participation import weighting
from zwk.participation.results import DEFAULT_FRAME_AGE, SEX_INDEX, population_structure
from zwk.workshops.models import Card, Participant, Vote

#: Age span of each age group of a workshop participant (``workshops.Participant.AgeGroup``).
WORKSHOP_AGE_SPANS = {
    "u18": (0, 17),
    "18-24": (18, 24),
    "25-39": (25, 39),
    "40-64": (40, 64),
    "65-79": (65, 79),
    "80+": (80, 100),
}
#: Fewest voters an age group needs before its weight may stand for the whole group.
MIN_PER_GROUP = 3


@dataclass
class RankRow:
    key: object
    label: str
    points: int
    share: float  # of all points of the phase
    weighted: float  # weighted points
    weighted_share: float
    rank: int = 0
    weighted_rank: int = 0

    @property
    def percent(self) -> float:
        return 100 * self.share

    @property
    def wpercent(self) -> float:
        return 100 * self.weighted_share

    @property
    def rose(self) -> int:
        """Places gained by weighting."""
        return max(0, self.rank - self.weighted_rank)

    @property
    def fell(self) -> int:
        """Places lost by weighting."""
        return max(0, self.weighted_rank - self.rank)


@dataclass
class VoteWeighting:
    available: bool
    rows: list[RankRow] = field(default_factory=list)  # by raw rank
    voters: int = 0
    voters_with_age: int = 0
    effective_n: float = 0.0
    year: int | None = None
    frame_age: int = DEFAULT_FRAME_AGE
    reason: str = ""
    missing_groups: list[str] = field(default_factory=list)
    max_weight: float = 0.0
    weights: dict = field(default_factory=dict)  # voter → weight
    structure: list[dict] = field(default_factory=list)  # age group: population vs voters

    @property
    def weighted_order(self) -> list[RankRow]:
        return sorted(self.rows, key=lambda r: r.weighted_rank)


def _age_targets(ages: np.ndarray, frame_age: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    groups, counts = [], []
    for value, (low, high) in WORKSHOP_AGE_SPANS.items():
        low = max(low, frame_age)
        if low > high:
            continue
        groups.append(value)
        counts.append(float(ages[:, low : high + 1].sum()))
    return groups, np.array(counts), ages[:, frame_age:].sum(axis=1)


def _ranks(values: list[float]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of the values, highest first."""
    return [1 + sum(1 for other in values if other > v + 1e-9) for v in values]


def weigh_votes(
    votes: list[tuple[object, object, int]],
    voters: dict[object, tuple[str, str]],
    labels: dict[object, str],
    structure: tuple[int, np.ndarray] | None,
    *,
    frame_age: int = DEFAULT_FRAME_AGE,
) -> VoteWeighting:
    """Raw and weighted ranking of ``labels``' items from ``votes`` (voter, item, points).

    ``voters``: voter → (age group, sex) – sex "" where unknown (workshops do not ask);
    ``structure``: (year, persons (2, 101) male/female × age) or None. Never raises on
    thin data: the result says in ``reason`` why it is not weighted.
    """
    votes = [(v, item, int(p)) for v, item, p in votes if item in labels and p > 0]
    voter_ids = sorted({v for v, _item, _p in votes}, key=str)
    info = VoteWeighting(False, voters=len(voter_ids), frame_age=frame_age)
    weights = dict.fromkeys(voter_ids, 1.0)
    if not voter_ids:
        info.reason = _("Noch keine Punkte vergeben – es gibt nichts zu gewichten.")
    elif structure is None:
        info.reason = _(
            "Für diese Kommune sind im Kommunalprofil keine Einwohnerzahlen nach Alter "
            "hinterlegt. Ohne sie lässt sich nicht gewichten."
        )
    else:
        age_label = dict(Participant.AgeGroup.choices)
        info.year, ages = structure[0], np.asarray(structure[1], dtype=float)
        groups, age_counts, sex_counts = _age_targets(ages, frame_age)
        index = {g: i for i, g in enumerate(groups)}
        placed = [v for v in voter_ids if voters.get(v, ("", ""))[0] in index]
        info.voters_with_age = len(placed)
        per_group = dict.fromkeys(groups, 0)
        for v in placed:
            per_group[voters[v][0]] += 1
        small = [g for g in groups if 0 < per_group[g] < MIN_PER_GROUP]
        if not placed:
            info.reason = _(
                "Niemand, der Punkte vergeben hat, hat eine Altersgruppe angegeben. Ohne "
                "Altersgruppen lässt sich nicht gewichten – fragen Sie beim nächsten Mal "
                "beim Beitreten danach (die Angabe ist freiwillig)."
            )
        elif small:
            names = ", ".join(f"{age_label[g]} ({per_group[g]})" for g in small)
            info.reason = ngettext(
                "Zu wenige Personen je Altersgruppe: In dieser Gruppe haben weniger als "
                "%(min)d Personen Punkte vergeben: %(groups)s. Eine einzelne Person würde "
                "sonst für eine ganze Altersgruppe sprechen – deshalb wird nicht gewichtet.",
                "Zu wenige Personen je Altersgruppe: In diesen Gruppen haben weniger als "
                "%(min)d Personen Punkte vergeben: %(groups)s. Eine einzelne Person würde "
                "sonst für eine ganze Altersgruppe sprechen – deshalb wird nicht gewichtet.",
                len(small),
            ) % {"min": MIN_PER_GROUP, "groups": names}
        else:
            age_codes = np.array([index[voters[v][0]] for v in placed])
            categories, targets = [age_codes], [age_counts]
            sexes = [voters[v][1] for v in placed]
            if all(s in SEX_INDEX for s in sexes):
                categories.append(np.array([SEX_INDEX[s] for s in sexes]))
                targets.append(sex_counts)
            result = weighting.rake(categories, targets)
            for v, w in zip(placed, result.weights, strict=True):
                weights[v] = float(w)
            info.available = True
            info.max_weight = float(result.weights.max())
            info.missing_groups = [age_label[groups[k]] for k in result.empty_categories[0]]
            total = age_counts.sum()
            for i, g in enumerate(groups):
                mask = age_codes == i
                info.structure.append(
                    {
                        "label": age_label[g],
                        "population_share": age_counts[i] / total if total else 0.0,
                        "voters": int(mask.sum()),
                        "raw_share": float(mask.sum()) / len(placed),
                        "weighted_share": float(result.weights[mask].sum()) / len(placed),
                    }
                )
    info.weights = weights
    info.effective_n = weighting.effective_sample_size(np.array(list(weights.values())))
    points = dict.fromkeys(labels, 0)
    weighted = dict.fromkeys(labels, 0.0)
    for v, item, p in votes:
        points[item] += p
        weighted[item] += weights[v] * p
    total_points = sum(points.values()) or 1
    total_weighted = sum(weighted.values()) or 1.0
    rows = [
        RankRow(
            key,
            labels[key],
            points[key],
            points[key] / total_points,
            weighted[key],
            weighted[key] / total_weighted,
        )
        for key in labels
    ]
    for row, rank in zip(rows, _ranks([r.points for r in rows]), strict=True):
        row.rank = rank
    for row, rank in zip(rows, _ranks([r.weighted for r in rows]), strict=True):
        row.weighted_rank = rank
    info.rows = sorted(rows, key=lambda r: (r.rank, r.weighted_rank, str(r.label)))
    return info


def workshop_rankings(workshop, *, structure=None) -> list[tuple[object, VoteWeighting]]:
    """Per phase with points: (phase, its raw and weighted ranking of the visible cards).

    Three queries whatever the size (votes, participants, cards); the population once.
    """
    votes = list(
        Vote.objects.filter(phase__workshop=workshop).values_list(
            "phase_id", "participant_id", "card_id", "points"
        )
    )
    if not votes:
        return []
    people = {
        pk: (age or "", "")
        for pk, age in Participant.objects.filter(workshop=workshop).values_list("pk", "age_group")
    }
    cards: dict[int, dict[int, str]] = {}
    for pk, phase_id, text in Card.objects.filter(
        workshop=workshop, hidden_at__isnull=True, merged_into__isnull=True
    ).values_list("pk", "phase_id", "text"):
        cards.setdefault(phase_id, {})[pk] = text
    if structure is None:
        structure = population_structure(workshop.municipality)
    out = []
    for phase in workshop.phases.all():
        mine = [(v, c, p) for ph, v, c, p in votes if ph == phase.pk]
        if not mine:
            continue
        labels = dict(cards.get(phase.pk, {}).items())
        out.append((phase, weigh_votes(mine, people, labels, structure)))
    return out
