"""The shipped nginx configuration, run by a real nginx in front of a tiny backend.

Checks what the proxy itself must do (issue 21.1 and 21.13): the client address headers are
set from the connection (a forged ``X-Real-IP``/``X-Forwarded-For`` never reaches ZWK), and the
access log holds no secret link token. Only the certificate paths, ports and log path are
changed for the test; ``http2 on`` is dropped for nginx before 1.25 (Debian 12 ships 1.22).
"""

from __future__ import annotations

import http.server
import re
import shutil
import socket
import ssl
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "zwk.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx is installed by .ci/run (Debian nginx-light)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = "\n".join(f"{k}: {v}" for k, v in self.headers.items()).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-keyout", tmp / "k.pem", "-out", tmp / "c.pem",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    https_port = _free_port()
    site = CONF.read_text(encoding="utf-8")
    for old, new in [
        ("/etc/letsencrypt/live/zwk.example.de/fullchain.pem", str(tmp / "c.pem")),
        ("/etc/letsencrypt/live/zwk.example.de/privkey.pem", str(tmp / "k.pem")),
        ("/var/log/nginx/zwk.access.log", str(tmp / "access.log")),
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{backend.server_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{_free_port()};"),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    site = re.sub(r"^\s*listen \[::\].*$|^\s*http2 on;$", "", site, flags=re.MULTILINE)
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    (tmp / "nginx.conf").write_text(
        f"pid {tmp}/nginx.pid; error_log {tmp}/error.log; daemon on;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp};\n"
        f"  include {tmp}/site.conf; }}\n",
        encoding="utf-8",
    )
    subprocess.run([NGINX, "-c", tmp / "nginx.conf", "-p", tmp], check=True, capture_output=True)
    try:
        yield f"https://127.0.0.1:{https_port}", tmp / "access.log"
    finally:
        subprocess.run([NGINX, "-c", tmp / "nginx.conf", "-p", tmp, "-s", "stop"], check=False)
        backend.shutdown()


def _get(url: str, headers: dict[str, str] | None = None) -> str:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        return response.read().decode()


def test_forged_client_address_headers_are_replaced_by_the_connection(proxy):
    base, _ = proxy
    seen = _get(
        base + "/werkzeugkoffer/",
        {"X-Real-IP": "203.0.113.9", "X-Forwarded-For": "203.0.113.9, 198.51.100.1"},
    )
    assert "X-Real-IP: 127.0.0.1" in seen
    assert "X-Forwarded-For: 127.0.0.1" in seen
    assert "203.0.113.9" not in seen


def test_access_log_holds_no_secret_link_token(proxy):
    base, log = proxy
    for path in [
        "/einladung/GEHEIM-einladung/",
        "/passwort-neu/MQ/GEHEIM-passwort/",
        "/newsletter/abmelden/GEHEIM-newsletter/",
        "/austausch/anmeldung/GEHEIM-anmeldung/storno/",
        "/mitmachen/rathaus/?einladung=GEHEIM-werkstatt",
        "/werkzeugkoffer/zukunftswerkstatt/",
    ]:
        _get(base + path)
    text = log.read_text(encoding="utf-8")
    assert "GEHEIM" not in text
    assert "/einladung/***/" in text
    assert "/passwort-neu/***/***/" in text
    assert "/werkzeugkoffer/zukunftswerkstatt/" in text  # ordinary paths stay readable
