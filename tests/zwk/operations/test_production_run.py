"""The production run of docs/betrieb.md, for real: gunicorn as in deploy/systemd/zwk-web.service,
DEBUG off, collected static files served by whitenoise, JSON logs, HTTPS behind a proxy.

Runs against a throw-away SQLite file so it works the same in both CI passes; PostgreSQL and
Redis readiness are covered by the /healthz tests.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow
TEST_ONLY_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "STATIC_MANIFEST",
    "ALLOWED_HOSTS",
    "SECRET_KEY",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "zwk.example.de", **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = {
        # Production defaults, not the test settings pytest-env put into os.environ.
        **{k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES},
        "SECRET_KEY": "production-test-" + "x" * 50,
        "ALLOWED_HOSTS": "zwk.example.de",
        "DATABASE_URL": f"sqlite:///{tmp / 'zwk.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT / "src"),
    }
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=ROOT, timeout=300)
    port = _free_port()
    log = tmp / "gunicorn.log"
    # The flags of deploy/systemd/zwk-web.service, scaled down.
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "zwk.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4", "--worker-class", "gthread",
         "--forwarded-allow-ips", "127.0.0.1", "--config", "python:zwk.core.gunicorn_config"],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                _get(port, "/healthz", {"X-Forwarded-Proto": "https"})
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_healthz_behind_the_https_proxy(server):
    port, _ = server
    response = _get(port, "/healthz", {"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert json.loads(response.body) == {
        "status": "ok",
        "database": "ok",
        "redis": "not configured",
    }


def test_plain_http_is_redirected_to_https_with_hsts(server):
    port, _ = server
    assert _get(port, "/").getheader("Location") == "https://zwk.example.de/"
    page = _get(port, "/", {"X-Forwarded-Proto": "https"})
    assert page.status == 200
    assert "max-age=31536000" in page.getheader("Strict-Transport-Security")
    assert "unsafe-inline" not in page.getheader("Content-Security-Policy")


def test_unknown_host_is_refused(server):
    port, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "GET", "/healthz", headers={"Host": "evil.example", "X-Forwarded-Proto": "https"}
    )
    assert connection.getresponse().status == 400


def test_collected_static_files_are_served_with_long_caching(server):
    port, _ = server
    page = _get(port, "/", {"X-Forwarded-Proto": "https"}).body.decode()
    # Manifest storage: the page links hashed names, whitenoise serves them immutable.
    start = page.index("/static/zwk/css/zwk.")
    href = page[start : page.index('"', start)]
    assert href != "/static/zwk/css/zwk.css", "expected a hashed file name"
    css = _get(port, href, {"X-Forwarded-Proto": "https"})
    assert css.status == 200
    assert "max-age=315360000" in css.getheader("Cache-Control")


def test_logs_are_json_lines(server):
    port, log = server
    _get(port, "/gibt-es-nicht/", {"X-Forwarded-Proto": "https"})
    time.sleep(0.5)
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(
        r.get("level") == "WARNING" and "gibt-es-nicht" in r.get("message", "") for r in records
    ), log.read_text()[-2000:]
