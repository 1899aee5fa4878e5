"""Cleaning what authors write: rich text through an nh3 allow-list, links only http(s)."""

from __future__ import annotations

import html as html_lib
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "abbr", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Allow-listed HTML: scripts, styles, event handlers and javascript: links are dropped."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """Text content of sanitised HTML (for search, feeds and summaries)."""
    return html_lib.unescape(nh3.clean(html or "", tags=set(), attributes={})).replace("\xa0", " ")


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in "<>\"' "):
        raise ValidationError(
            _("„%(url)s“ ist keine gültige Adresse (nur http:// oder https://).") % {"url": url},
            code="bad_url",
        )
    return url.strip()


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
