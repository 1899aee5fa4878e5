"""What every page of the Situationsanalyse shares: permission names, page size, context."""

from __future__ import annotations

from django.shortcuts import render

from zwk.municipalities.process import STEPS_BY_KIND

VIEW, CHANGE, DELETE = (
    "situation.view_analysis",
    "situation.change_analysis",
    "situation.delete_analysis",
)
PAGE_SIZE = 20


def page_context(request, municipality, section: str, **extra) -> dict:
    user = request.user
    return {
        "municipality": municipality,
        "section": section,
        "profile_step": STEPS_BY_KIND["profile"],
        "can_edit": user.has_perm(CHANGE, municipality),
        "can_delete": user.has_perm(DELETE, municipality),
        **extra,
    }


def form_page(request, municipality, *, section, title, form, cancel_url, status=200, **extra):
    return render(
        request,
        "situation/form.html",
        page_context(
            request,
            municipality,
            section,
            title=title,
            form=form,
            cancel_url=cancel_url,
            **extra,
        ),
        status=status,
    )
