"""Demo data of the newsletter: a few confirmed subscribers (fictional example.org
addresses, with consent records), two issues in the public archive and one draft.

The archived issues are written as already sent (with delivery rows marked sent) – the demo
does not send mail."""

from datetime import timedelta

from django.utils import timezone

from zwk.newsletter import selectors, services, tokens
from zwk.newsletter.content import CONSENT_VERSION, clean
from zwk.newsletter.models import ConsentRecord, Delivery, Issue, Subscriber

ORDER = 80

SUBSCRIBERS = [
    ("m.hoffmann@example.org", []),
    ("jugendpflege@beispielhausen.example.org", ["events", "practice"]),
    ("quartiersbuero@example.org", ["toolbox", "practice"]),
    ("s.yilmaz@example.org", ["demography"]),
    ("seniorenbeirat@example.org", ["events"]),
]

SENT = [
    {
        "days_ago": 62,
        "subject": "Newsletter September: Die ersten Zukunftswerkstätten sind gelaufen",
        "topics": ["programme", "practice"],
        "body": (
            "<p>Liebe Leserinnen und Leser,</p>"
            "<p>in Musterstadt und Beispielhausen haben die ersten Zukunftswerkstätten "
            "stattgefunden. Mehr als 120 Bürgerinnen und Bürger haben Kritik gesammelt, "
            "Zukunftsbilder entworfen und erste Projekte verabredet.</p>"
            "<h2>Was wir gelernt haben</h2>"
            "<ul><li>Jugendliche kommen, wenn sie selbst einladen.</li>"
            "<li>Ein Abend reicht nicht – zwei halbe Tage funktionieren besser.</li></ul>"
            "<p>Im Werkzeugkoffer finden Sie die Ablaufpläne zum Nachmachen.</p>"
            "<p>Ihre Geschäftsstelle</p>"
        ),
    },
    {
        "days_ago": 27,
        "subject": "Newsletter Oktober: Wohnen im Alter und neue Online-Formate",
        "topics": ["events", "toolbox"],
        "body": (
            "<p>Liebe Leserinnen und Leser,</p>"
            "<p>viele Kommunen im Programm arbeiten am Thema <strong>Wohnen im Alter</strong>. "
            "Im November laden wir deshalb zu einem Fachforum mit Praxisbeispielen aus "
            "Seedorf am Wald und Talstadt ein.</p>"
            "<h2>Neu im Werkzeugkoffer</h2>"
            "<p>Die Checkliste „Barrierefreie Veranstaltung“ und ein Leitfaden zur "
            "Stakeholder-Analyse sind neu dazugekommen.</p>"
            "<p>Ihre Geschäftsstelle</p>"
        ),
    },
]

DRAFT = {
    "subject": "Newsletter Dezember: Rückblick auf das Programmjahr",
    "topics": [],
    "body": (
        "<p>Liebe Leserinnen und Leser,</p>"
        "<p>ein bewegtes Jahr geht zu Ende. In diesem Newsletter blicken wir zurück auf "
        "Werkstattpläne, Zwischenbilanzen und viele gute Ideen aus den Kommunen.</p>"
        "<p><em>Entwurf – bitte noch die Termine für Januar ergänzen.</em></p>"
    ),
    "include_toolbox": True,
    "include_events": True,
}


def build(*, municipalities, users, stdout):
    now = timezone.now()
    subscribers = []
    for email, topics in SUBSCRIBERS:
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email,
                topics=topics,
                status=Subscriber.Status.ACTIVE,
                link_key=tokens.new_key(),
                confirmed_at=now - timedelta(days=90),
            )
            for action in (ConsentRecord.Action.REQUESTED, ConsentRecord.Action.CONFIRMED):
                ConsentRecord.objects.create(
                    subscriber=subscriber, action=action, text_version=CONSENT_VERSION, via="demo"
                )
        subscribers.append(subscriber)
    office = users.get("geschaeftsstelle")
    for spec in SENT:
        if Issue.objects.filter(subject=spec["subject"]).exists():
            continue
        sent_at = now - timedelta(days=spec["days_ago"])
        issue = Issue.objects.create(
            subject=spec["subject"],
            body=clean(spec["body"]),
            topics=spec["topics"],
            status=Issue.Status.SENT,
            sending_started_at=sent_at,
            sent_at=sent_at,
            created_by=office,
        )
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=issue,
                    subscriber=s,
                    idempotency_key=Delivery.key_for(issue.pk, s.pk),
                    status=Delivery.Status.SENT,
                    attempts=1,
                    sent_at=sent_at,
                )
                for s in selectors.recipients_for(issue)
            ],
            ignore_conflicts=True,
        )
    if office and not Issue.objects.filter(subject=DRAFT["subject"]).exists():
        services.issue_create(by=office, data=DRAFT)
