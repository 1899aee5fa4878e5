"""Short-lived cache of the office's programme-wide figures (issue 19: 11,000 Kommunen).

The start page's figures and "Braucht Aufmerksamkeit" box and the map's counts per Land and
Kreis each read every Kommune (current step, last activity). They are the same for every
office user, so they are computed once and kept in the Django cache (Redis with several
servers, see docs/betrieb.md) for at most ``TIMEOUT`` seconds.

A cached value is never older than the data it counts, apart from the time itself passing
(a Kommune becomes "stalled" at midnight, at most ``TIMEOUT`` seconds late):

* every save or delete of a model the figures count (Kommune, step, audit entry, workshop,
  participant, measure, consulting days and requests, toolbox entries, funding round
  membership) changes a *generation* in the cache (signals, :func:`connect`);
* bulk writes and ``update()`` send no signals, so the key also holds a *fingerprint*: one
  cheap query with the number of Kommunen and the newest id of those tables.

``TIMEOUT`` is ``settings.OFFICE_CACHE_SECONDS`` (60 unless set; 0 switches the cache off).
While one request computes a value anew, others get the previous one (at most ``TIMEOUT``
seconds old) rather than computing it at the same time.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

GENERATION_KEY = "zwk:office:generation"
# (app label, model) whose writes change the office's figures
WATCHED = [
    ("municipalities", "Municipality"),
    ("municipalities", "ProcessStep"),
    ("municipalities", "ConsultantAssignment"),
    ("accounts", "AuditEntry"),
    ("workshops", "Workshop"),
    ("workshops", "Participant"),
    ("plans", "Measure"),
    ("consulting", "DayBudget"),
    ("consulting", "DayLog"),
    ("consulting", "ConsultingRequest"),
    ("toolbox", "Entry"),
    ("registration", "RoundMembership"),
    ("registration", "FundingRound"),
    ("municipalities", "Theme"),
    # a statistics import changes the Demografietypen the map filters and shows
    ("profiles", "StatisticsRelease"),
]
# Tables whose newest id goes into the fingerprint (grow with nearly every change)
FINGERPRINT = [
    ("municipalities", "ProcessStep"),
    ("accounts", "AuditEntry"),
    ("workshops", "Participant"),
    ("plans", "Measure"),
    ("consulting", "DayLog"),
    ("consulting", "ConsultingRequest"),
]


def timeout() -> int:
    return settings.OFFICE_CACHE_SECONDS


def _models(pairs):
    for label, name in pairs:
        try:
            yield apps.get_model(label, name)
        except LookupError:  # an optional app (registration) is not installed
            continue


def invalidate(instance=None, **_kwargs) -> None:
    """A new generation: every cached figure is computed anew on its next read. Logins and
    other security entries of the audit log count nowhere, so they change nothing."""
    if getattr(instance, "security", False) and instance._meta.label == "accounts.AuditEntry":
        return
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def connect() -> None:
    """Invalidate on every save and delete of the watched models (``OfficeConfig.ready``)."""
    for model in _models(WATCHED):
        uid = f"zwk.office.cache:{model._meta.label}"
        post_save.connect(invalidate, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=uid + ":delete")


def fingerprint() -> str:
    """Number of Kommunen and newest ids of the growing tables – one query."""
    from zwk.municipalities.models import Municipality

    qn = connection.ops.quote_name
    parts = [f"SELECT COUNT(*) FROM {qn(Municipality._meta.db_table)}"]
    for m in _models(FINGERPRINT):
        where = f" WHERE {qn('security')} = %s" if m._meta.label == "accounts.AuditEntry" else ""
        parts.append(f"SELECT MAX({qn(m._meta.pk.column)}) FROM {qn(m._meta.db_table)}{where}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({p})" for p in parts), [False])
        return ":".join(str(v) for v in cursor.fetchone())


def stamp() -> str:
    """Generation and fingerprint: compute once per request, pass to :func:`cached`."""
    return f"{cache.get(GENERATION_KEY) or '0'}|{fingerprint()}"


def cached(name: str, parts: tuple, compute: Callable[[], T], *, at: str | None = None) -> T:
    """``compute()`` once per generation, fingerprint (``at``, from :func:`stamp`) and
    ``parts`` (filters, date, language); no cache when ``TIMEOUT`` is 0."""
    seconds = timeout()
    if seconds <= 0:
        return compute()
    raw = "|".join(str(p) for p in (at if at is not None else stamp(), *parts))
    key = f"zwk:office:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    value = cache.get(key)
    if value is not None:
        return value
    # One request computes; the others meanwhile get the previous value of the same figures
    # (``stale``, at most ``seconds`` old) instead of all reading 11,000 Kommunen at once.
    plain = "|".join(str(p) for p in parts)
    stale_key = f"zwk:office:{name}:stale:{hashlib.sha256(plain.encode()).hexdigest()[:32]}"
    lock_key = f"{key}:lock"
    if not cache.add(lock_key, 1, 30):
        stale = cache.get(stale_key)
        if stale is not None:
            return stale
    try:
        value = compute()
        cache.set_many({key: value, stale_key: value}, seconds)
    finally:
        cache.delete(lock_key)
    return value


def page(name: str, request, build: Callable[[str], T]) -> T:
    """The body of an office page that is the same for every office user (``build(at)``),
    built once per query string, stall rule, day and language until the next change."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from zwk.office import selectors

    at = stamp()
    parts = (
        request.GET.urlencode(),
        selectors.stalled_weeks_default(),  # the rule without a filter
        timezone.localdate(),
        get_language(),
    )
    return cached(name, parts, lambda: build(at), at=at)


def form_html(form, request, *, at: str) -> str:
    """A GET filter form rendered once per query string and language (its widgets take
    longer to render than the rest of the page)."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    return cached(
        f"form:{type(form).__name__}",
        (request.GET.urlencode(), get_language()),
        lambda: render_to_string("includes/form.html", {"form": form}, request=request),
        at=at,
    )
