import pytest
from django.utils import timezone

from zwk.newsletter import tokens
from zwk.newsletter.models import Issue, Subscriber


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Links point to a fixed site (rate-limit namespaces per test: tests/django_fixtures)."""
    settings.SITE_URL = "https://zwk.example"


@pytest.fixture(autouse=True)
def _eager_celery():
    """Run jobs in the test's process even when REDIS_URL points Celery at a real broker."""
    from zwk.celery import app

    keys = ("task_always_eager", "task_eager_propagates")
    before = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, True))
    yield
    app.conf.update(before)


@pytest.fixture
def subscribe(db):
    """An active (confirmed) subscriber, created directly."""

    def _make(email, topics=(), status=Subscriber.Status.ACTIVE):
        return Subscriber.objects.create(
            email=email,
            status=status,
            topics=list(topics),
            link_key=tokens.new_key(),
            confirmed_at=timezone.now() if status == Subscriber.Status.ACTIVE else None,
        )

    return _make


@pytest.fixture
def make_issue(office_user):
    from zwk.newsletter import services

    def _make(subject="Neues aus dem Programm", body="<p>Liebe Leserinnen und Leser,</p>", **data):
        return services.issue_create(
            by=office_user, data={"subject": subject, "body": body, **data}
        )

    return _make


@pytest.fixture
def sent_issue(make_issue):
    from zwk.newsletter import sending

    def _make(subject="Ausgabe", **data):
        issue = make_issue(subject=subject, **data)
        sending.issue_start(issue_id=issue.pk)
        sending.deliver_pending(issue_id=issue.pk)
        issue.refresh_from_db()
        assert issue.status == Issue.Status.SENT
        return issue

    return _make
