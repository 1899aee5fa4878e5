"""Unread Mitteilungen as a section of the Kommune's workspace page.

``municipalities`` must not import ``announcements`` (layers), so this app registers the
section in the slot ``zwk.core.hooks.WORKSPACE_SECTIONS`` when Django starts.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from zwk.announcements import selectors


def render_notices(request, municipality) -> str:
    if not request.user.has_perm("announcements.view_notices", municipality):
        return ""
    notices = list(selectors.unread_notices(municipality)[:20])
    if not notices:
        return ""
    return render_to_string(
        "announcements/_notices.html",
        {
            "notices": notices,
            "municipality": municipality,
            "can_dismiss": request.user.has_perm("announcements.dismiss_notice", municipality),
        },
        request=request,
    )
