"""Presentation helpers for workshop pages and the Markdown protocol."""

import re

from django import template

register = template.Library()

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


@register.filter
def md(value) -> str:
    """Escape Markdown syntax so that card text stays text in the protocol."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value or "").split()))


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0


@register.filter
def bar_width(value, total) -> int:
    """Width class step (0–20, 5 % each) for CSS bars; CSP forbids inline styles."""
    try:
        return max(0, min(20, round(20 * float(value) / float(total)))) if total else 0
    except (TypeError, ValueError):
        return 0
