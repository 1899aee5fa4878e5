"""Permission matrix of the newsletter.

Sign-up, archive and feed are public; subscribers act through signed links without an
account (anyone holding the link may use it – that is the point of one-click unsubscribe);
issues are the office's."""

from tests.zwk.permissions import Case, everyone, office_only

ISSUE = {"nl_draft": "pk"}
TOKEN = {"nl_link": "token"}

MATRIX = {
    "newsletter:signup": Case("get", everyone(200)),
    "newsletter:signup_done": Case("get", everyone(200)),
    "newsletter:confirm": Case(
        "get", everyone(200), ("nl_confirm",), rename={"nl_confirm": "token"}
    ),
    "newsletter:preferences": Case("get", everyone(200), ("nl_link",), rename=TOKEN),
    "newsletter:unsubscribe": Case("get", everyone(200), ("nl_link",), rename=TOKEN),
    "newsletter:archive": Case("get", everyone(200)),
    "newsletter:archive_detail": Case("get", everyone(200), ("nl_sent",), rename={"nl_sent": "pk"}),
    "newsletter:feed": Case("get", everyone(200)),
    "newsletter:issue_list": Case("get", office_only(200)),
    "newsletter:issue_create": Case("get", office_only(200)),
    "newsletter:issue_detail": Case("get", office_only(200), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_edit": Case("get", office_only(200), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_preview": Case("get", office_only(200), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_test": Case("post", office_only(302), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_schedule": Case("post", office_only(400), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_unschedule": Case("post", office_only(302), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_send": Case("get", office_only(200), ("nl_draft",), rename=ISSUE),
    "newsletter:issue_delete": Case("get", office_only(200), ("nl_draft",), rename=ISSUE),
}


def build(world):
    from django.utils import timezone

    from zwk.newsletter import sending, services, tokens
    from zwk.newsletter.models import Subscriber

    office = world["users"]["office"]
    draft = services.issue_create(
        by=office, data={"subject": "Matrix-Entwurf", "body": "<p>Entwurf</p>"}
    )
    sent = services.issue_create(by=office, data={"subject": "Matrix-Ausgabe", "body": "<p>x</p>"})
    sending.issue_start(issue_id=sent.pk)
    sending.deliver_pending(issue_id=sent.pk)
    active = Subscriber.objects.create(
        email="matrix@example.org",
        status=Subscriber.Status.ACTIVE,
        link_key=tokens.new_key(),
        confirmed_at=timezone.now(),
    )
    pending = Subscriber.objects.create(
        email="matrix-offen@example.org", confirm_nonce=tokens.new_key(), link_key=tokens.new_key()
    )
    return {
        "nl_draft": draft.pk,
        "nl_sent": sent.pk,
        "nl_link": tokens.link_token(active),
        "nl_confirm": tokens.confirm_token(pending),
    }
