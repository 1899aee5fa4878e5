"""Results derived from all stored statistics, stored per data version.

The typology over all Gemeinden (seconds of k-means over ~11,000 areas) and the history
projections of the platform's Gemeinden are computed once after an import
(:func:`refresh`, called by ``manage.py import_statistics`` and the import jobs) and stored
in :class:`~zwk.profiles.models.DerivedData` under the data version; a page reads them in
one query. New data changes the data version, so a stored result of an older version is
never used (it is replaced at the next refresh or the next request that needs it).

The payload is a pickle of the platform's own objects (numpy arrays, engine dataclasses),
written and read only by this module – never data from outside.
"""

from __future__ import annotations

import pickle
import time

from django.db import IntegrityError, transaction

from zwk.profiles.models import DerivedData

#: payload stored for "computed, nothing there" (e.g. fewer than 3 areas for a typology)
NOTHING = False


def load(key: str, version: str):
    """The stored value of ``key`` for ``version``; None if there is none."""
    payload = (
        DerivedData.objects.filter(key=key, version=version)
        .values_list("payload", flat=True)
        .first()
    )
    return None if payload is None else pickle.loads(bytes(payload))  # own data (module doc)


def load_many(keys: list[str], version: str) -> dict:
    """``{key: value}`` of the stored ``keys`` for ``version`` (one query; missing keys left out)."""
    rows = DerivedData.objects.filter(key__in=keys, version=version).values_list("key", "payload")
    return {key: pickle.loads(bytes(payload)) for key, payload in rows}  # own data (module doc)


def store(key: str, version: str, value) -> None:
    """Store ``value`` (picklable; :data:`NOTHING` for an empty result) for ``version``."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        with transaction.atomic():  # the same queries whether an older version exists or not
            DerivedData.objects.filter(key=key).delete()
            DerivedData.objects.create(key=key, version=version, payload=payload)
    except IntegrityError:  # a concurrent request stored it first
        pass


def refresh() -> dict:
    """Compute and store what the pages need after an import; returns the seconds taken.

    The typology over all areas and the history projections of the Gemeinden that are
    Kommunen of the platform."""
    from zwk.profiles import analysis
    from zwk.profiles.regions import region_code_for

    version = analysis.data_version()
    started = time.perf_counter()
    analysis.typology_data(version, force=True)
    out = {"typology_seconds": round(time.perf_counter() - started, 2)}
    from zwk.municipalities.models import Municipality

    out.update(refresh_history([region_code_for(m) for m in Municipality.objects.all()]))
    return out


def refresh_history(codes) -> dict:
    """Store the history projections of the Gemeinden ``codes`` (8-digit AGS; others are
    skipped) for the current data version – after an import for all Kommunen, and for a
    Kommune the moment it is created, so its first profile page does not wait for its Land."""
    from zwk.profiles import analysis, estimates, history

    data = analysis.load_regions([c for c in codes if c and len(c) == 8])
    for rd in data.values():
        estimates.label(rd)
    return history.precompute(list(data.values()), analysis.data_version())
