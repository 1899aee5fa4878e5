"""Extension point for apps above ``municipalities`` to add sections to the workspace page.

The same pattern as ``zwk.profiles.hooks``: ``municipalities`` must not import the apps that
build on it (layers), so they register a provider in their ``AppConfig.ready``::

    from zwk.municipalities.hooks import register_workspace_section
    register_workspace_section(lambda request, municipality: render_to_string(...))

A provider gets the request (for permissions and the CSRF token of its forms) and the
Kommune and returns safe HTML, or "" when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import mark_safe

_SECTIONS: list[Callable] = []


def register_workspace_section(provider: Callable) -> None:
    if provider not in _SECTIONS:
        _SECTIONS.append(provider)


def workspace_sections(request, municipality) -> str:
    return mark_safe("".join(str(p(request, municipality) or "") for p in _SECTIONS))
