"""Users and the audit log.

Roles: the office (Geschäftsstelle) is a flag on the user; consultants are users with the
consultant flag who are assigned to Kommunen; coordinators and members hold a membership in
a Kommune (see ``municipalities.Membership``). One user may belong to several Kommunen.
"""

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zwk.core import permissions


class ZwkUserManager(UserManager):
    def get_by_login(self, login: str):
        """Find a user by username or e-mail address, case-insensitively."""
        login = (login or "").strip()
        field = "email__iexact" if "@" in login else "username__iexact"
        return self.get(**{field: login})


class User(AbstractUser):
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    is_office = models.BooleanField(
        _("Geschäftsstelle"), default=False, help_text=_("Sieht und betreut alle Kommunen.")
    )
    is_consultant = models.BooleanField(
        _("Beraterin/Berater"), default=False, help_text=_("Gehört zum Beratungspool.")
    )
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    is_demo = models.BooleanField(_("Demokonto"), default=False)

    objects = ZwkUserManager()

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None) -> bool:
        """As Django's, but a superuser gets no shortcut past a state permission ("may do X
        now", ``zwk.core.permissions``): a finished request stays finished for everyone."""
        if permissions.is_state_perm(perm):
            return bool(self.is_active and rules.has_perm(perm, self, obj))
        return super().has_perm(perm, obj)


class AuditEntry(models.Model):
    """Who did what, when, in which Kommune. Written by services, never edited."""

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("Person (Text)"), max_length=200, blank=True)
    action = models.CharField(_("Aktion"), max_length=80, db_index=True)
    message = models.CharField(_("Beschreibung"), max_length=500)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    security = models.BooleanField(_("sicherheitsrelevant"), default=False, db_index=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y %H:%M} {self.actor_label}: {self.message}"


class UserSession(models.Model):
    """A signed-in browser of a user, so that people can see and end their sessions.

    Django's session table cannot be searched by user (the user id sits inside encoded data),
    hence this small index. The address is shortened (IPv4 /24, IPv6 /48): enough to recognise
    "that was the office", not enough to identify a household (data minimisation).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("zuletzt aktiv"), default=timezone.now)
    ip_prefix = models.CharField(_("Netz"), max_length=50, blank=True)
    user_agent = models.CharField(_("Browser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} – {self.user_agent[:40]}"
