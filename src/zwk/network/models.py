"""Vernetzung: messages between Kommunen and discussion threads per Handlungsfeld.

Messages are relayed by e-mail; an address is only shown when its owner ticked "Meine
E-Mail-Adresse mitteilen" on that message (``share_email``). Discussion posts belong to the
programme: on erasure of an account they stay, anonymised (``author`` empty).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.models import Municipality, Theme

TEXT_MAX = 5000
MESSAGE_MAX = 4000


class Conversation(models.Model):
    """Contact between two Kommunen, started by a member of ``from_municipality``."""

    from_municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="conversations_started"
    )
    to_municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="conversations_received"
    )
    subject = models.CharField(_("Betreff"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_municipality=models.F("to_municipality")),
                name="network_conversation_two_kommunen",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def other_side(self, municipality: Municipality) -> Municipality:
        return (
            self.to_municipality
            if municipality.pk == self.from_municipality_id
            else (self.from_municipality)
        )


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_messages",
    )
    author_municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("Nachricht"), max_length=MESSAGE_MAX)
    share_email = models.BooleanField(_("Meine E-Mail-Adresse mitteilen"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["author", "created_at"], name="network_msg_author_time")]

    def __str__(self) -> str:
        return f"{self.conversation}: {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def shared_email(self) -> str:
        """The author's address if they agreed to share it on this message, else ''."""
        return self.author.email if self.share_email and self.author else ""


class Thread(models.Model):
    """A discussion in one Handlungsfeld (preset themes only)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="network_threads")
    title = models.CharField(_("Titel"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)
    locked_at = models.DateTimeField(_("gesperrt am"), null=True, blank=True)
    locked_reason = models.CharField(_("Grund der Sperre"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Diskussion")
        verbose_name_plural = _("Diskussionen")
        ordering = ["-last_post_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:thread", kwargs={"theme": self.theme.slug, "pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_posts",
    )
    author_label = models.CharField(_("Name"), max_length=200, blank=True)
    text = models.TextField(_("Beitrag"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("Grund"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.thread}: {self.author_label}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#beitrag-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Report(models.Model):
    class Reason(models.TextChoices):
        INSULT = "insult", _("Beleidigung oder Hassrede")
        SPAM = "spam", _("Werbung oder Spam")
        PRIVACY = "privacy", _("Personenbezogene Daten Dritter")
        FALSE = "false", _("Falsche oder irreführende Angaben")
        OTHER = "other", _("Sonstiges")

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Beitrag ausgeblendet")
        DISMISSED = "dismissed", _("kein Verstoß")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("Erläuterung"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="network_report_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.get_reason_display()}"


class Subscription(models.Model):
    """E-mail digest of new posts in a Handlungsfeld or in one discussion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_subscriptions"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__isnull=True, thread__isnull=False)
                | Q(theme__isnull=False, thread__isnull=True),
                name="network_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(thread__isnull=True), name="network_sub_theme"
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(theme__isnull=True),
                name="network_sub_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.theme or self.thread}"


class DigestState(models.Model):
    """Up to which post a user has had the digest (the send job's idempotency mark)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_digest"
    )
    last_post_id = models.PositiveBigIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Stand der Benachrichtigung")
        verbose_name_plural = _("Stände der Benachrichtigungen")

    def __str__(self) -> str:
        return f"{self.user}: {self.last_post_id}"
