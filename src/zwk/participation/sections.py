"""Sections the participation app contributes to other apps' pages (``zwk.core.hooks``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from zwk.participation import selectors


def render_open_projects(request=None) -> str:
    """ "Jetzt mitmachen": open participation projects (``/mitmachen/`` and the home page)."""
    projects = list(selectors.open_projects()[:20])
    return render_to_string(
        "participation/_open_projects.html", {"projects": projects}, request=request
    )
