"""Links of a Werkzeugkoffer entry ("Titel | https://…" a line); the rich-text cleaning and
the http(s) check itself are the platform's (``zwk.core.sanitize``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from zwk.core.sanitize import check_url, clean_html
from zwk.core.text import plain_text

__all__ = ["check_url", "clean_html", "parse_links", "plain_text", "validate_links"]


def parse_links(text: str) -> list[tuple[str, str]]:
    """Lines "Titel | https://…" or a bare address → [(title, url)]; invalid lines are skipped."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        title, _sep, url = line.rpartition("|")
        title, url = title.strip(), url.strip()
        try:
            url = check_url(url)
        except ValidationError:
            continue
        out.append((title or url, url))
    return out


def validate_links(text: str) -> str:
    """Raise a German ValidationError naming every line that is not an http(s) address."""
    errors = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        url = line.rpartition("|")[2]
        try:
            check_url(url)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return (text or "").strip()
