"""Builders for network tests (through the services, so the tests use the real paths)."""

from zwk.municipalities.models import Theme
from zwk.network import services


def preset_theme(slug="wohnen-im-alter"):
    return Theme.objects.get(slug=slug, municipality__isnull=True)


def make_thread(by, *, theme=None, title="Mittagstisch für Ältere", text="Wer hat Erfahrung?"):
    return services.thread_create(theme=theme or preset_theme(), by=by, title=title, text=text)


def first_post(thread):
    return thread.posts.order_by("id").first()


def make_conversation(municipality, to, by, text="Wie organisieren Sie den Bürgerbus?"):
    return services.conversation_start(
        municipality=municipality, to_municipality=to, by=by, subject="Bürgerbus", text=text
    )
