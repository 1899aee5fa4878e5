"""Plug-in points: a page of one app shows sections that apps above it contribute.

An app must not import the apps that build on it (layers), so the page names a slot and the
contributing app registers a provider in its ``AppConfig.ready``::

    from zwk.core import hooks
    hooks.slot(hooks.PROFILE_SECTIONS).register(render_section)   # contributing app
    hooks.slot(hooks.PROFILE_SECTIONS).render(municipality)        # the page's view

A provider takes the arguments the page passes and returns safe HTML, or "" when it has
nothing to show. Slots are created on first use and live for the process.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

# The slots the platform's pages offer (name → what the providers get).
PROFILE_SECTIONS = "profiles.sections"  # (municipality): profile page and its PDF report
WORKSPACE_SECTIONS = "municipalities.workspace"  # (request, municipality): a Kommune's start page


class Slot:
    """An ordered set of providers of one place on a page."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.providers: list[Callable] = []

    def register(self, provider: Callable) -> None:
        if provider not in self.providers:  # ready() may run twice (tests, reloads)
            self.providers.append(provider)

    def render(self, *args, **kwargs) -> SafeString:
        return mark_safe("".join(str(p(*args, **kwargs) or "") for p in self.providers))


_SLOTS: dict[str, Slot] = {}


def slot(name: str) -> Slot:
    if name not in _SLOTS:
        _SLOTS[name] = Slot(name)
    return _SLOTS[name]
