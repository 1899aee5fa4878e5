"""Which browsers a user is signed in with – list them, end one, end all others."""

from __future__ import annotations

import ipaddress
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.models import UserSession
from zwk.accounts.services import audit_record
from zwk.core.net import client_ip

TOUCH_INTERVAL_SECONDS = 300  # "zuletzt aktiv" needs minutes, not every request


def ip_prefix(address: str | None) -> str:
    """The network, not the address: IPv4 /24, IPv6 /48 (data minimisation)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def track(request, user) -> None:
    """Remember the session a login just created (called from the user_logged_in signal)."""
    session = getattr(request, "session", None)
    if session is None or not session.session_key:
        return
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip_prefix": ip_prefix(client_ip(request)),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
            "last_seen_at": timezone.now(),
        },
    )


def touch(request) -> None:
    """Update "zuletzt aktiv" at most every few minutes per session (one cheap cache check)."""
    key = request.session.session_key
    if not key or not cache.add(f"zwk:session-seen:{key}", 1, TOUCH_INTERVAL_SECONDS):
        return
    updated = UserSession.objects.filter(session_key=key).update(last_seen_at=timezone.now())
    if not updated:  # a session from before tracking existed
        track(request, request.user)


def forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def active_sessions(user) -> list[UserSession]:
    """The user's sessions that still exist, newest activity first; dead rows are dropped."""
    rows = list(UserSession.objects.filter(user=user))
    alive = set(
        Session.objects.filter(
            session_key__in=[r.session_key for r in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    dead = [r.pk for r in rows if r.session_key not in alive]
    if dead:
        UserSession.objects.filter(pk__in=dead).delete()
    return [r for r in rows if r.session_key in alive]


def _sign_out(rows) -> int:
    """Delete the sessions from the session store (their next request is anonymous) and the
    rows that list them. Not audited – the callers say why."""
    store = _session_store()
    rows = list(rows)
    for row in rows:
        store(session_key=row.session_key).delete()
        row.delete()
    return len(rows)


def forget_all(user) -> int:
    """Sign every session of the user out, without an audit entry (account erasure audits
    the erasure as a whole). Returns how many there were."""
    return _sign_out(UserSession.objects.filter(user=user))


@transaction.atomic
def end_sessions(*, user, sessions: list[UserSession], request) -> int:
    """Sign the given sessions out (their next request is anonymous) and audit it."""
    _sign_out(sessions)
    if sessions:
        audit_record(
            actor=user,
            action="auth.sessions_ended",
            message=_("%(n)d Sitzung(en) abgemeldet") % {"n": len(sessions)},
            request=request,
            security=True,
        )
    return len(sessions)


def end_other_sessions(*, user, request) -> int:
    current = request.session.session_key
    others = [s for s in active_sessions(user) if s.session_key != current]
    return end_sessions(user=user, sessions=others, request=request)
