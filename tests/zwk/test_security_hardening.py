"""Issue 21.13: deploy check for the SECRET_KEY, tokens kept out of logs, EXIF removed from
JPEG documents, registration organisation erased, Gemeindeverzeichnis through the web form,
guessable workshop codes refused."""

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from tests.factories import UserFactory
from zwk.accounts.checks import secret_key_problem
from zwk.core.redact import redact
from zwk.core.uploads import check_document
from zwk.exchange import services as exchange_services
from zwk.exchange.models import Registration
from zwk.municipalities.models import StepDocument
from zwk.privacy import services as privacy_services

ROOT = Path(__file__).resolve().parents[2]


def _example_secret_key() -> str:
    lines = (ROOT / "deploy" / "zwk.env.example").read_text(encoding="utf-8").splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith("SECRET_KEY="))


def _check_deploy(secret_key: str) -> subprocess.CompletedProcess:
    """``manage.py check --deploy`` exactly as docs/betrieb.md runs it (no --fail-level)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "STATIC_MANIFEST"}
    }
    env.update(
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="zwk.example.de",
        DATABASE_URL="sqlite:////tmp/zwk-deploy-check.sqlite3",
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- 13a. The placeholder SECRET_KEY fails check --deploy -----------------------------------


def test_check_deploy_fails_with_the_placeholder_of_the_env_template():
    result = _check_deploy(_example_secret_key())
    assert result.returncode != 0
    assert "zwk.E001" in result.stderr and "Platzhalter" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "kurz-aber-geheim",  # too short
        "a" * 64,  # long, but one character
        "bitte-hier-einen-wirklich-langen-und-zufaelligen-schluessel-eintragen",
    ],
)
def test_weak_secret_keys_are_errors(key):
    assert secret_key_problem(key)


def test_a_random_key_passes():
    key = "q3J9x0VbT7m2L-8ZkP_4wRrYc1nHs6eUaD5gFiOjQ0tMvXyB9k"  # like `openssl rand`
    assert len(key) >= 50 and secret_key_problem(key) is None


# --- 13b. Secret link tokens never reach a log ---------------------------------------------

SECRET = "Geheim0Token0Nicht0Loggen"


def _token_urls():
    """Every URL of the site with a ``token``/``uidb64`` part, reversed with SECRET."""

    def walk(patterns, namespace="", outer=()):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                # parts of the including pattern (e.g. <slug> of /kommunen/<slug>/ergebnisse/)
                names = (*entry.pattern.converters, *entry.pattern.regex.groupindex)
                yield from walk(entry.url_patterns, inner, (*outer, *names))
            elif isinstance(entry, URLPattern) and entry.name:
                converters = entry.pattern.converters
                if {"token", "uidb64"} & set(converters) or "token" in str(entry.pattern):
                    yield namespace + entry.name, entry.pattern, outer

    values = {"token": SECRET, "uidb64": SECRET, "slug": "musterdorf", "code": "abc"}
    for name, pattern, outer in walk(get_resolver().url_patterns):
        names = [*outer, *pattern.converters, *pattern.regex.groupindex]
        yield reverse(name, kwargs={key: values.get(key, "1") for key in dict.fromkeys(names)})


def test_every_token_url_is_redacted():
    urls = list(_token_urls())
    assert any("/einladung/" in url for url in urls) and len(urls) >= 8
    for url in urls:
        line = f'"GET {url}?next=%2Fmitmachen%2Fabc%2F%3Feinladung%3D{SECRET} HTTP/1.1"'
        assert SECRET not in redact(line), url
    assert SECRET not in redact(f"/mitmachen/abc/?einladung={SECRET}&x=1")


@pytest.mark.django_db
def test_django_request_log_holds_no_token(client):
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        assert client.get(f"/einladung/{SECRET}/").status_code == 404
        client.post(f"/newsletter/abmelden/{SECRET}/")
    finally:
        console.setStream(previous)
    log = stream.getvalue()
    assert "Not Found: /einladung/***/" in log
    assert SECRET not in log


def test_gunicorn_access_log_holds_no_token(tmp_path):
    """A real gunicorn with the logger class of deploy/systemd/zwk-web.service."""

    service = (ROOT / "deploy" / "systemd" / "zwk-web.service").read_text(encoding="utf-8")
    assert "--logger-class zwk.core.gunicorn_logging.RedactingLogger" in service
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    access_log = tmp_path / "access.log"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'leer.sqlite3'}")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "zwk.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(access_log),
            "--logger-class",
            "zwk.core.gunicorn_logging.RedactingLogger",
        ],
        cwd=ROOT / "src",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until gunicorn answers
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static/", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (
                    "gunicorn startet nicht"
                )
                time.sleep(0.1)
        for path in (
            f"/einladung/{SECRET}/",
            f"/passwort-neu/MQ/{SECRET}/",
            f"/mitmachen/abc/?einladung={SECRET}",
        ):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Referer": f"https://zwk.example.de/einladung/{SECRET}/"},
            )
            with contextlib.suppress(urllib.error.HTTPError):  # 404/500 are fine here
                urllib.request.urlopen(request, timeout=30)
        deadline = time.monotonic() + 30
        while access_log.read_text().count("\n") < 4:  # gunicorn writes after the response
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    log = access_log.read_text()
    assert "/einladung/***/" in log and "/passwort-neu/***/***/" in log
    assert SECRET not in log
    assert SECRET not in output  # Django's own log lines (errors, 404) on the console


# --- 13c. JPEG (and PNG) documents lose their EXIF, GPS, XMP and comments ----------------

OWNER = b"Ottilie Zwergstein"


def _camera_jpeg(*, orientation: int = 1) -> bytes:
    img = Image.new("RGB", (64, 32), (200, 10, 10))
    img.paste((10, 10, 200), (0, 0, 32, 32))  # left half blue: shows the rotation
    exif = Image.Exif()
    exif[0x010F] = "Kamera-Hersteller"
    exif[0x013B] = OWNER.decode()  # Artist
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}  # GPS
    out = io.BytesIO()
    img.save(
        out, "JPEG", quality=90, exif=exif.tobytes(), comment=OWNER, xmp=b"<x:xmpmeta>" + OWNER
    )
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("in_memory", [True, False], ids=["small", "temporary-file"])
def test_jpeg_documents_are_stored_without_metadata(
    client_for, member, municipality, settings, in_memory
):

    if not in_memory:  # big photos arrive as temporary files, which storage moves as they are
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    step = municipality.steps.get(kind="kickoff")
    raw = _camera_jpeg()
    assert b"Exif" in raw and OWNER in raw
    client = client_for(member)
    response = client.post(
        reverse(
            "municipalities:document_upload",
            kwargs={"slug": municipality.slug, "step": step.type.slug},
        ),
        {
            "doc-title": "Foto vom Treffen",
            "doc-doc_type": "other",
            "doc-file": SimpleUploadedFile("treffen.jpg", raw, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302
    document = StepDocument.objects.get()
    download = client.get(
        reverse(
            "municipalities:document_download",
            kwargs={"slug": municipality.slug, "step": step.type.slug, "pk": document.pk},
        )
    )
    stored = b"".join(download.streaming_content)
    assert b"Exif" not in stored and OWNER not in stored and b"xmpmeta" not in stored
    assert document.size == len(stored)
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG" and img.size == (64, 32)
        assert not img.getexif()


def test_a_rotated_camera_photo_is_turned_upright_when_its_exif_goes():
    upload = SimpleUploadedFile("hochkant.jpg", _camera_jpeg(orientation=6))
    check_document(upload)
    upload.seek(0)
    with Image.open(upload) as img:
        assert img.size == (32, 64) and not img.getexif()  # 90° turned, as the camera meant


# --- 13d. Erasing an account also clears the organisation of its event registrations ------


@pytest.mark.django_db
def test_erasure_clears_the_organisation_of_event_registrations(office_user, municipality):
    start = timezone.now() + timedelta(days=7)
    event = exchange_services.event_create(
        by=office_user,
        data={
            "title": "Online-Seminar Wohnen im Alter",
            "event_type": "webinar",
            "description": "<p>Wohnen im Alter</p>",
            "start": start,
            "end": start + timedelta(hours=2),
            "capacity": 10,
            "audience": "open",
            "status": "published",
            "online_link": "https://konferenz.example.org/raum-42",
        },
    )
    person = UserFactory(username="zquell", email="zq@example.org")
    own = exchange_services.registration_create(
        event=event,
        name="Zacharias Quellbrunn",
        email="zq@example.org",
        organisation="Ingenieurbüro Zacharias Quellbrunn",
        user=person,
    )
    for_kommune = exchange_services.registration_create(
        event=event,
        name="Zacharias Quellbrunn",
        email="zq+kommune@example.org",
        organisation="Büro Quellbrunn für Musterdorf",
        user=person,
        municipality=municipality,
    )
    other = exchange_services.registration_create(
        event=event, name="Erika Muster", email="erika@example.org", organisation="Quellwerk AG"
    )
    privacy_services.erase_person(user=person, by=person)
    own.refresh_from_db()
    for_kommune.refresh_from_db()
    other.refresh_from_db()
    assert "Quellbrunn" not in own.organisation and own.organisation == ""
    assert for_kommune.organisation == municipality.name  # the Kommune in the programme stays
    assert not Registration.objects.filter(organisation__icontains="Quellbrunn").exists()
    assert other.organisation == "Quellwerk AG"  # somebody else's registration is untouched
