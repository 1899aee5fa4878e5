"""``manage.py check --deploy``: refuse a placeholder or weak ``SECRET_KEY`` (issue 21.13).

Django only *warns* about short keys; a copied ``deploy/zwk.env.example`` passed unnoticed.
A key that signs sessions, password-reset links and invitations must be secret and random, so
these are errors (``check --deploy`` exits non-zero even without ``--fail-level``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 10
# Words that only a template or a demo key contains.
PLACEHOLDER_WORDS = (
    "ersetzen",
    "bitte",
    "replace",
    "change-me",
    "changeme",
    "placeholder",
    "insecure",
    "example",
    "beispiel",
    "demo-only",
    "test-only",
)
KNOWN_PLACEHOLDERS = (
    "bitte-durch-einen-langen-zufaelligen-wert-ersetzen",  # deploy/zwk.env.example
    "insecure-development-key-only-for-debug",  # settings.py, DEBUG only
    "demo-only-insecure-key",  # Makefile
)


def _template_keys() -> set[str]:
    """SECRET_KEY values of the shipped environment template, if the repository is at hand."""
    template = Path(settings.BASE_DIR) / "deploy" / "zwk.env.example"
    try:
        lines = template.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {
        line.split("=", 1)[1].strip().strip("\"'")
        for line in lines
        if line.strip().startswith("SECRET_KEY=")
    }


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is no production secret (German), or None."""
    lowered = key.strip().lower()
    if lowered in KNOWN_PLACEHOLDERS or key.strip() in _template_keys():
        return "SECRET_KEY ist noch der Platzhalter aus der Vorlage."
    if any(word in lowered for word in PLACEHOLDER_WORDS):
        return "SECRET_KEY sieht nach einem Platzhalter oder Demo-Schlüssel aus."
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return (
            f"SECRET_KEY ist zu kurz oder zu gleichförmig (mindestens {MIN_LENGTH} Zeichen, "
            f"{MIN_DISTINCT_CHARACTERS} verschiedene)."
        )
    return None


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="Einen zufälligen Wert erzeugen, z. B. mit `openssl rand -base64 48`, und in "
            "/etc/zwk/zwk.env als SECRET_KEY eintragen.",
            id="zwk.E001",
        )
    ]
