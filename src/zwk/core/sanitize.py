"""Cleaning what people write: rich text through an nh3 allow-list, links only http(s).

One allow-list for the whole platform (Werkzeugkoffer, events, newsletter), so descriptions
look alike everywhere. Plain text (no markup at all) is ``zwk.core.text``.
"""

from __future__ import annotations

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


def check_url(url: str) -> str:
    """An http(s) address (stripped) or a German ValidationError (no javascript:, data:, ftp: …)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in "<>\"' "):
        raise ValidationError(
            _("„%(url)s“ ist keine gültige Adresse (nur http:// oder https://).") % {"url": url},
            code="bad_url",
        )
    return url
