"""Choosing the Kommunen a Mitteilung goes to, with 11,000 Kommunen (issue 19).

``/geschaeftsstelle/mitteilungen/<pk>/empfaenger/``: a search on the server (name or AGS,
Land, Förderrunde) with pages of ``PAGE_SIZE`` checkboxes – never all Kommunen in one page.
"Ausgewählte hinzufügen" adds the ticked Kommunen of the page, "Alle Treffer auswählen" every
Kommune of the search (at most ``ALL_LIMIT``; for larger groups the Mitteilung's "Kommunen
nach Merkmalen" fits better), "Markierte entfernen" takes Kommunen out of the selection.
Writes go through ``announcements.services.announcement_update`` (drafts only); the
Mitteilung becomes one to "einzeln ausgewählte Kommunen".
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from zwk.announcements import services as announcement_services
from zwk.announcements.models import Announcement, Audience
from zwk.core.views import require_office
from zwk.municipalities.models import Municipality
from zwk.municipalities.validators import LAENDER
from zwk.office.filters import PickerSearchForm

MANAGE = "announcements.manage_announcements"
PAGE_SIZE = 50
SELECTED_PAGE_SIZE = 50
ALL_LIMIT = 1000
MAX_TICKED = 200  # checkboxes accepted in one request (two pages' worth and more)
SEARCH_KEYS = ("q", "land", "runde")


def _selected(announcement: Announcement) -> list[int]:
    if announcement.audience != Audience.SELECTION:
        return []
    return [int(pk) for pk in (announcement.criteria or {}).get("municipalities") or []]


def _ticked(request, name: str) -> list[int]:
    """Integer ids from the checkboxes ``name`` (anything else is ignored)."""
    values = request.POST.getlist(name)[:MAX_TICKED]
    return [int(v) for v in values if v.isdigit() and len(v) < 12]


def _save(request, announcement: Announcement, ids: list[int]) -> bool:
    try:
        announcement_services.announcement_update(
            announcement=announcement,
            by=request.user,
            data={
                "subject": announcement.subject,
                "body": announcement.body,
                "audience": Audience.SELECTION,
                "criteria": {"municipalities": ids},
            },
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


def _post(request, announcement: Announcement, form: PickerSearchForm) -> None:
    selected = _selected(announcement)
    action = request.POST.get("aktion", "")
    if action == "hinzufuegen":
        new = list(
            Municipality.objects.filter(pk__in=_ticked(request, "kommune"))
            .exclude(pk__in=selected)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        if not new:
            messages.error(request, _("Bitte kreuzen Sie mindestens eine Kommune an."))
        elif _save(request, announcement, selected + new):
            messages.success(
                request,
                ngettext("%(n)d Kommune hinzugefügt.", "%(n)d Kommunen hinzugefügt.", len(new))
                % {"n": len(new)},
            )
    elif action == "alle":
        if not form.is_valid():
            messages.error(request, _("Bitte prüfen Sie die Suche."))
            return
        matches = form.results().exclude(pk__in=selected)
        n = matches.count()
        if n == 0:
            messages.error(request, _("Keine weiteren Kommunen für diese Suche."))
        elif n > ALL_LIMIT:
            messages.error(
                request,
                _(
                    "Die Suche trifft %(n)s Kommunen – mehr als %(limit)s auf einmal. Grenzen "
                    "Sie die Suche ein oder schreiben Sie die Mitteilung an „Kommunen nach "
                    "Merkmalen“ (Land, Art, Schritt, Handlungsfeld, Förderrunde)."
                )
                % {"n": _number(n), "limit": _number(ALL_LIMIT)},
            )
        elif _save(request, announcement, selected + list(matches.values_list("pk", flat=True))):
            messages.success(
                request,
                ngettext("%(n)s Treffer hinzugefügt.", "Alle %(n)s Treffer hinzugefügt.", n)
                % {"n": _number(n)},
            )
    elif action == "entfernen":
        drop = set(_ticked(request, "entfernen"))
        keep = [pk for pk in selected if pk not in drop]
        if len(keep) == len(selected):
            messages.error(request, _("Bitte kreuzen Sie an, welche Kommunen entfallen sollen."))
        elif _save(request, announcement, keep):
            n = len(selected) - len(keep)
            messages.success(
                request,
                ngettext("%(n)d Kommune entfernt.", "%(n)d Kommunen entfernt.", n) % {"n": n},
            )
    else:
        messages.error(request, _("Unbekannte Aktion."))


def _number(n: int) -> str:
    from django.utils.formats import number_format

    return number_format(n, force_grouping=True)


@login_required
@require_http_methods(["GET", "POST"])
def recipients(request, pk):
    require_office(request, MANAGE)
    announcement = get_object_or_404(Announcement, pk=pk)
    if not announcement.is_draft:
        messages.error(request, _("Eine gesendete Mitteilung lässt sich nicht mehr ändern."))
        return redirect(announcement)
    source = request.POST if request.method == "POST" else request.GET
    form = PickerSearchForm({k: source.get(k, "") for k in SEARCH_KEYS})
    search = urlencode([(k, source.get(k, "")[:100]) for k in SEARCH_KEYS if source.get(k)])
    if request.method == "POST":
        _post(request, announcement, form)
        back = reverse("office:recipients", kwargs={"pk": announcement.pk})
        page_no = request.POST.get("seite", "")
        tail = "&".join(p for p in (search, f"seite={page_no}" if page_no.isdigit() else "") if p)
        return redirect(f"{back}?{tail}" if tail else back)

    selected = _selected(announcement)
    chosen = set(selected)
    page = None
    if form.is_valid():
        page = Paginator(form.results(), PAGE_SIZE).get_page(request.GET.get("seite"))
    chosen_qs = (
        Municipality.objects.filter(pk__in=selected)
        .order_by("name", "pk")
        .only("pk", "name", "ags", "land")
    )
    chosen_page = Paginator(chosen_qs, SELECTED_PAGE_SIZE).get_page(request.GET.get("auswahl"))
    return render(
        request,
        "office/recipients.html",
        {
            "announcement": announcement,
            "form": form,
            "page": page,
            "hits": [
                (m, m.pk in chosen, LAENDER.get(m.land, m.land))
                for m in (page.object_list if page else [])
            ],
            "query": search,
            "selected_count": len(selected),
            "chosen_page": chosen_page,
            "chosen": [(m, LAENDER.get(m.land, m.land)) for m in chosen_page.object_list],
            "chosen_query": urlencode(
                [(k, request.GET[k]) for k in (*SEARCH_KEYS, "seite") if request.GET.get(k)]
            ),
            "all_limit": ALL_LIMIT,
        },
        status=400 if form.errors else 200,
    )
