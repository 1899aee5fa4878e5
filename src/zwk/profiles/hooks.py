"""Extension point for other apps to add sections to the profile page and the PDF report.

``zwk.situation`` (SWOT, Bestandsaufnahme, Handlungsfelder) builds on the profile, so the
profile must not import it (layers). Instead it registers a provider, e.g. in its
``AppConfig.ready``::

    from zwk.profiles.hooks import register_section
    register_section(lambda municipality: render_to_string("situation/_profile.html", {...}))

A provider returns safe HTML (or "" when it has nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import mark_safe

_SECTIONS: list[Callable] = []


def register_section(provider: Callable) -> None:
    if provider not in _SECTIONS:
        _SECTIONS.append(provider)


def sections(municipality) -> str:
    return mark_safe("".join(str(p(municipality) or "") for p in _SECTIONS))
