"""Builders for network tests (through the services, so the tests use the real paths)."""

from django.test import TestCase

from zwk.municipalities.models import Theme
from zwk.network import services


def preset_theme(slug="wohnen-im-alter"):
    return Theme.objects.get(slug=slug, municipality__isnull=True)


def make_thread(by, *, theme=None, title="Mittagstisch für Ältere", text="Wer hat Erfahrung?"):
    return services.thread_create(theme=theme or preset_theme(), by=by, title=title, text=text)


def first_post(thread):
    return thread.posts.order_by("id").first()


def make_conversation(municipality, to, by, text="Wie organisieren Sie den Bürgerbus?"):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the relay mails go after the commit
        return services.conversation_start(
            municipality=municipality, to_municipality=to, by=by, subject="Bürgerbus", text=text
        )


def reply(conversation, municipality, by, text, *, share_email=False):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.message_reply(
            conversation=conversation,
            municipality=municipality,
            by=by,
            text=text,
            share_email=share_email,
        )
