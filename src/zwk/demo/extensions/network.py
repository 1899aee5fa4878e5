"""Demo data of the Vernetzung: a few discussions (German, fictional) in three Handlungsfelder,
one reported post waiting in the moderation queue, subscriptions, and one contact between
Musterstadt and Seedorf am Wald (stored directly, so that ``manage.py demo`` sends no mail).

Related Kommunen need no data of their own: they are computed from the six demo Kommunen's
Handlungsfelder, Kommunalprofil statistics and kind.
"""

from __future__ import annotations

from django.utils import timezone

from zwk.municipalities.models import Theme
from zwk.network import services
from zwk.network.models import Conversation, Message, Post, Report, Subscription, Thread

ORDER = 80

THREADS = [
    {
        "theme": "wohnen-im-alter",
        "title": "Gemeinschaftliches Wohnen für Ältere – wer hat Erfahrung mit Genossenschaften?",
        "posts": [
            (
                "koordination-seedorf-am-wald",
                "In Seedorf stehen zwei alte Bauernhöfe leer. Eine Gruppe älterer Menschen "
                "möchte dort gemeinsam wohnen. Hat jemand Erfahrung mit einer "
                "Wohnungsgenossenschaft in einer so kleinen Gemeinde?",
            ),
            (
                "koordination-musterstadt",
                "Wir begleiten gerade ein Mehrgenerationenprojekt am Stadtpark. Wichtig war "
                "für uns eine neutrale Moderation der ersten Treffen. Gern erzähle ich mehr "
                "beim nächsten Vernetzungstreffen.",
            ),
            (
                "beratung3",
                "Für kleine Gemeinden lohnt sich der Blick auf Dachgenossenschaften: Die "
                "Verwaltung übernimmt eine bestehende Genossenschaft, das Projekt bleibt im "
                "Dorf. Im Werkzeugkoffer steht der Eintrag „Wohnen im Alter“.",
            ),
        ],
    },
    {
        "theme": "mobilitaet",
        "title": "Bürgerbus: Wie gewinnen Sie ehrenamtliche Fahrerinnen und Fahrer?",
        "posts": [
            (
                "koordination-beispielhausen",
                "Unser Bürgerbus fährt seit einem Jahr, aber uns gehen die Fahrerinnen und "
                "Fahrer aus. Was hat bei Ihnen geholfen?",
            ),
            (
                "team-landkreis-musterland",
                "Im Landkreis haben wir gute Erfahrungen mit einem festen Dienstplan für "
                "jeweils vier Wochen gemacht. Und ein gemeinsames Frühstück im Monat hält "
                "das Team zusammen.",
            ),
        ],
    },
    {
        "theme": "halte-und-anziehungsfaktoren",
        "title": "Rückkehrtage zwischen den Jahren",
        "posts": [
            (
                "koordination-talstadt",
                "Wir planen am 28. Dezember einen Rückkehrtag für alle, die zu Besuch bei "
                "der Familie sind: Betriebe stellen sich vor, das Rathaus berät zu Bauland "
                "und Kinderbetreuung. Wer hat so etwas schon gemacht?",
            ),
            (
                "team-musterstadt",
                "Wir hatten 2024 rund 150 Gäste. Am meisten gefragt waren Jobs in Teilzeit "
                "und freie Kita-Plätze – bereiten Sie dazu konkrete Angebote vor.",
            ),
            (
                "team-beispielhausen",
                "Besuchen Sie unbedingt den Hofladen meines Schwagers – mit dem Code ZWK "
                "gibt es 10 % Rabatt!",
            ),
        ],
        "reported": ("koordination-talstadt", Report.Reason.SPAM, "Werbung, kein Bezug"),
    },
]
SUBSCRIPTIONS = [
    ("koordination-musterstadt", "wohnen-im-alter"),
    ("koordination-beispielhausen", "mobilitaet"),
]
CONTACT = {
    "from": "musterstadt",
    "to": "seedorf-am-wald",
    "subject": "Mehrgenerationenwohnen – Austausch?",
    "messages": [
        (
            "koordination-musterstadt",
            "musterstadt",
            "Liebe Frau Brandt, wir haben gesehen, dass Seedorf ebenfalls den Schwerpunkt "
            "Wohnen im Alter hat. Hätten Sie Lust auf ein Telefonat über Ihre Erfahrungen?",
            False,
        ),
        (
            "koordination-seedorf-am-wald",
            "seedorf-am-wald",
            "Sehr gern! Schreiben Sie mir einfach direkt, dann finden wir einen Termin.",
            True,
        ),
    ],
}


def build(*, municipalities, users, stdout) -> None:
    for spec in THREADS:
        theme = Theme.objects.filter(slug=spec["theme"], municipality__isnull=True).first()
        authors = [users.get(username) for username, _text in spec["posts"]]
        if theme is None or None in authors or Thread.objects.filter(title=spec["title"]).exists():
            continue
        (first, first_text), *replies = spec["posts"]
        thread = services.thread_create(
            theme=theme, by=users[first], title=spec["title"], text=first_text
        )
        post = None
        for username, text in replies:
            post = services.post_add(thread=thread, by=users[username], text=text)
        if spec.get("reported") and post is not None:
            reporter, reason, note = spec["reported"]
            if users.get(reporter):
                services.post_report(post=post, by=users[reporter], reason=reason, note=note)
    for username, slug in SUBSCRIPTIONS:
        theme = Theme.objects.filter(slug=slug, municipality__isnull=True).first()
        user = users.get(username)
        if user and theme and not Subscription.objects.filter(user=user, theme=theme).exists():
            services.subscription_toggle(user=user, theme=theme)
    _contact(municipalities, users)
    stdout.write(
        f"Vernetzung: {Thread.objects.count()} Diskussionen, {Post.objects.count()} Beiträge."
    )


def _contact(municipalities, users) -> None:
    source, target = municipalities.get(CONTACT["from"]), municipalities.get(CONTACT["to"])
    starter = users.get(CONTACT["messages"][0][0])
    if not (source and target and starter):
        return
    if Conversation.objects.filter(subject=CONTACT["subject"]).exists():
        return
    conversation = Conversation.objects.create(
        from_municipality=source,
        to_municipality=target,
        subject=CONTACT["subject"],
        created_by=starter,
        last_message_at=timezone.now(),
    )
    for username, side, text, share in CONTACT["messages"]:
        if users.get(username) and municipalities.get(side):
            Message.objects.create(
                conversation=conversation,
                author=users[username],
                author_municipality=municipalities[side],
                text=text,
                share_email=share,
            )
