"""Schulklassen-Modus: the teacher gets the secret link and the class code by mail when the
team creates the class with the teacher's address – in German, after the commit, and the
link never reaches a log in clear."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.zwk.participation.factories import make_collection, make_project
from zwk.core.redact import redact
from zwk.core.urls import absolute_url
from zwk.participation.models import SchoolClass

pytestmark = pytest.mark.django_db

TEACHER = "lehrerin@schule.example"


@pytest.fixture
def project(municipality, coordinator):
    project = make_project(municipality, by=coordinator)
    make_collection(project, by=coordinator)
    return project


def _create(client, project, capture, **data):
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    with capture(execute=True) as callbacks:
        response = client.post(url, {"name": "7b Realschule am Park", "valid_until": "", **data})
    return response, callbacks


def test_the_teacher_gets_link_and_code_by_mail_in_german(
    client_for, project, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    client.cookies["django_language"] = "en"  # the team member's language is not the mail's
    response, callbacks = _create(
        client, project, django_capture_on_commit_callbacks, teacher_email=TEACHER
    )
    assert response.status_code == 302 and callbacks  # sent after the commit
    school_class = SchoolClass.objects.get()
    (sent,) = mail.outbox
    assert sent.to == [TEACHER]
    assert sent.subject == "Klassencode und Link für Lehrkräfte: 7b Realschule am Park"
    assert sent.body.startswith("Guten Tag,")  # German although the page was English
    teacher_url = absolute_url(school_class.get_teacher_url())
    assert teacher_url in sent.body and school_class.code in sent.body
    assert "bestätigen Sie dort die Einwilligung" in sent.body
    assert "Als Schulklasse mitmachen" in sent.body and project.get_absolute_url() in sent.body
    # A log line quoting the link shows no token.
    assert school_class.teacher_token not in redact(f"GET {teacher_url} 200")


def test_without_an_address_no_mail_is_sent(
    client_for, project, coordinator, django_capture_on_commit_callbacks
):
    response, _callbacks = _create(
        client_for(coordinator), project, django_capture_on_commit_callbacks, teacher_email=""
    )
    assert response.status_code == 302 and SchoolClass.objects.exists()
    assert mail.outbox == []


def test_a_refused_class_sends_no_mail(
    client_for, project, coordinator, django_capture_on_commit_callbacks
):
    response, _callbacks = _create(
        client_for(coordinator),
        project,
        django_capture_on_commit_callbacks,
        teacher_email=TEACHER,
        name="   ",
    )
    assert response.status_code == 400
    assert not SchoolClass.objects.exists() and mail.outbox == []
