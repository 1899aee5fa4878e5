"""Absolute addresses for links that leave the site (e-mails, calendar files, feeds)."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str = "") -> str:
    """``SITE_URL`` + ``path`` (a path from ``reverse``/``get_absolute_url``); without a path,
    the site's address without a trailing slash."""
    return settings.SITE_URL.rstrip("/") + path
