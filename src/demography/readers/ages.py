"""Age labels as the table readers see them: the official forms plus the variants of the
Statistische Landesämter and of municipal open data, decided per *table*, not per label.

:func:`demography.agegroups.parse_age_label` knows one label at a time. Two variants need
the neighbouring labels or a little normalisation first:

* ``"3 -  6 Jahre"`` (StaLa-BW): a dash between two numbers is ambiguous. In a series
  ``unter 3``, ``3 - 6``, ``6 - 10`` … the next group starts *at* the upper number, so the
  dash means "bis unter" → [3, 6). In a series ``6-9``, ``10-14`` the next group starts one
  year later, so the upper number is included → [6, 10). :func:`parse_age_labels` decides
  by the other labels of the same table: if any dash label's upper number is the lower
  bound of another label, all dash labels are half-open; otherwise they are inclusive (the
  documented default of ``parse_age_label``).
* ``"75 und mehr Jahre"`` (StaLa-BW), ``"0_bis_unter_1"`` (Stadt Konstanz open data),
  ``"75 u.m."`` are normalised to the official wording first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from demography.agegroups import AgeInterval, parse_age_label

_DASH = re.compile(r"\s*(\d+)\s*[-–]\s*(\d+)\s*(?:jahre|jahren|j\.)?\s*", re.IGNORECASE)
_OPEN_WORDS = re.compile(r"(\d+)\s*(?:und|u\.)\s*(?:mehr|älter|m\.)\s*(?:jahre|jahren)?\s*")


def normalise_age_label(label: str) -> str:
    """Rewrite Landesamt and open-data spellings into the official wording."""
    text = " ".join(label.replace("\u00a0", " ").replace("_", " ").split())
    m = _OPEN_WORDS.fullmatch(text.lower())
    if m:
        return f"{m.group(1)} Jahre und mehr"
    return text


def parse_age(label: str) -> AgeInterval | None:
    """One label, no context (dash labels inclusive); ``ValueError`` if not an age."""
    return parse_age_label(normalise_age_label(label))


def is_age(label: str) -> bool:
    try:
        parse_age(label)
    except ValueError:
        return False
    return True


def parse_age_labels(labels: Iterable[str]) -> dict[str, AgeInterval | None]:
    """Parse the age labels of one table dimension, deciding dash labels by context.

    Returns ``{label: interval}`` (``None`` = age unknown); raises ``ValueError`` naming
    the first label that is not an age.
    """
    uniq = list(dict.fromkeys(labels))
    dash = {u: _DASH.fullmatch(normalise_age_label(u)) for u in uniq}
    out: dict[str, AgeInterval | None] = {u: parse_age(u) for u in uniq if dash[u] is None}
    lowers = {iv.lower for iv in out.values() if iv is not None and not iv.is_total}
    spans = {u: (int(m.group(1)), int(m.group(2))) for u, m in dash.items() if m is not None}
    lowers |= {a for a, _ in spans.values()}
    half_open = any(b in lowers for _, b in spans.values())
    for u, (a, b) in spans.items():
        upper = b if half_open else b + 1
        if upper <= a:
            raise ValueError(f"not an age label: {u!r}")
        out[u] = AgeInterval(a, upper)
    return {u: out[u] for u in uniq}
