"""Views of the Mitteilungen. Thin: permission, form, service or selector, response.

The office's pages need ``announcements.manage_announcements`` (403 otherwise). Marking a
notice as read goes through the Kommune like every Kommune page: outsiders get 404, and a
notice that was not sent to this Kommune is 404 as well.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.announcements import selectors, services
from zwk.announcements.forms import AnnouncementForm
from zwk.announcements.models import Announcement, Recipient
from zwk.core.views import confirm_view, form_view, require_office
from zwk.municipalities.access import municipality_for

PAGE_SIZE = 25
RECIPIENT_PAGE_SIZE = 50
PREVIEW_NAMES = 30


MANAGE = "announcements.manage_announcements"


def _announcement_for(request, pk) -> Announcement:
    require_office(request, MANAGE)
    return get_object_or_404(Announcement.objects.select_related("author"), pk=pk)


@login_required
@require_GET
def announcement_list(request):
    require_office(request, MANAGE)
    page = Paginator(selectors.office_announcements(), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "announcements/list.html", {"page": page})


def _editor(request, announcement=None):
    if request.method == "POST":
        form = AnnouncementForm(request.POST)
    elif announcement is not None:
        form = AnnouncementForm.for_announcement(announcement)
    else:
        form = AnnouncementForm()

    def save(_data):
        if announcement is None:
            return services.announcement_create(
                by=request.user, data=form.service_data(), request=request
            )
        return services.announcement_update(
            announcement=announcement, by=request.user, data=form.service_data(), request=request
        )

    title = _("Mitteilung bearbeiten") if announcement else _("Neue Mitteilung an Kommunen")
    return form_view(
        request,
        form,
        save=save,
        message=_("Der Entwurf ist gespeichert. Prüfen Sie die Empfänger und senden Sie ihn ab."),
        done=lambda saved: reverse("announcements:send", kwargs={"pk": saved.pk}),
        page=lambda status: render(
            request,
            "announcements/form.html",
            {"form": form, "announcement": announcement, "title": title},
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    require_office(request, MANAGE)
    return _editor(request)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk):
    announcement = _announcement_for(request, pk)
    if not announcement.is_draft:
        messages.error(request, _("Eine gesendete Mitteilung lässt sich nicht mehr ändern."))
        return redirect(announcement)
    return _editor(request, announcement)


def _preview_context(announcement: Announcement) -> dict:
    municipalities = selectors.municipalities_matching(announcement.audience, announcement.criteria)
    kommunen, personen = selectors.reach(announcement.audience, announcement.criteria)
    return {
        "announcement": announcement,
        "criteria": selectors.criteria_labels(announcement),
        "kommunen": kommunen,
        "personen": personen,
        "names": [m.name for m in municipalities[:PREVIEW_NAMES]],
        "more": max(kommunen - PREVIEW_NAMES, 0),
    }


@login_required
@require_GET
def announcement_detail(request, pk):
    announcement = _announcement_for(request, pk)
    context = {"announcement": announcement, "criteria": selectors.criteria_labels(announcement)}
    if announcement.is_draft:
        context.update(_preview_context(announcement))
    else:
        recipients = selectors.recipients_of(announcement)
        context["page"] = Paginator(recipients, RECIPIENT_PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        context["read"] = recipients.filter(read_at__isnull=False).count()
    return render(request, "announcements/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_send(request, pk):
    """GET: the confirmation page ("geht an N Kommunen / M Personen"); POST: send."""
    announcement = _announcement_for(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.announcement_send(announcement=announcement, by=request.user, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Die Mitteilung „%(s)s“ wurde gesendet.") % {"s": announcement.subject},
            )
            return redirect(announcement)
        announcement.refresh_from_db()
    elif not announcement.is_draft:
        return redirect(announcement)
    context = {**_preview_context(announcement), "error": error}
    return render(request, "announcements/send.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_delete(request, pk):
    announcement = _announcement_for(request, pk)
    if request.method != "POST" and not announcement.is_draft:
        return redirect(announcement)
    return confirm_view(
        request,
        title=_("Entwurf löschen"),
        question=_("Möchten Sie den Entwurf „%(s)s“ endgültig löschen?")
        % {"s": announcement.subject},
        confirm_label=_("Entwurf löschen"),
        cancel_url=reverse("announcements:detail", kwargs={"pk": announcement.pk}),
        action=lambda: services.announcement_delete(
            announcement=announcement, by=request.user, request=request
        ),
        message=_("Der Entwurf wurde gelöscht."),
        done=reverse("announcements:list"),
    )


@login_required
@require_POST
def notice_dismiss(request, slug, pk):
    municipality = municipality_for(request, slug, "announcements.dismiss_notice")
    recipient = Recipient.objects.filter(
        municipality=municipality, announcement_id=pk, announcement__sent_at__isnull=False
    ).first()
    if recipient is None:
        raise Http404
    services.notice_dismiss(recipient=recipient, by=request.user, request=request)
    messages.success(
        request,
        _("Die Mitteilung „%(s)s“ ist als gelesen markiert.") % {"s": recipient.announcement},
    )
    return redirect(municipality)
