"""Security events (logins, logouts, failed logins) go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.translation import gettext as _

from zwk.accounts import sessions
from zwk.accounts.services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(
        actor=user, action="auth.login", message=_("Anmeldung"), request=request, security=True
    )
    sessions.track(request, user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    sessions.forget(session.session_key if session is not None else None)
    if user is not None:
        audit_record(
            actor=user, action="auth.logout", message=_("Abmeldung"), request=request, security=True
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    login = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        actor_label=login,
        action="auth.login_failed",
        message=_("Fehlgeschlagene Anmeldung für „%(login)s“") % {"login": login},
        request=request,
        security=True,
    )
