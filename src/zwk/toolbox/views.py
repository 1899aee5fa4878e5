"""Views of the Werkzeugkoffer. Thin: permission, form, service or selector, response.

Entries that a user may not see (drafts of other Kommunen) answer 404 – their existence is not
revealed. Kommune actions (submit, bookmark, rate) check membership through the rules.
"""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import pdf as pdf_output
from zwk.core import permissions
from zwk.core.uploads import attachment_response
from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.toolbox import selectors, services
from zwk.toolbox.forms import (
    BookmarkForm,
    EntryForm,
    MaterialForm,
    RatingForm,
    ReturnForm,
    SubmissionForm,
)
from zwk.toolbox.models import Entry, EntryType, Material, Rating
from zwk.toolbox.services import VERSIONED_FIELDS

PAGE_SIZE = 20


def _entry_for(request, slug: str, perm: str = "toolbox.view_entry") -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("municipality"), slug=slug)
    if not request.user.has_perm("toolbox.view_entry", entry):
        raise Http404
    if perm != "toolbox.view_entry" and not request.user.has_perm(perm, entry):
        raise PermissionDenied
    return entry


# --- finding ----------------------------------------------------------------------------


@require_GET
def entry_list(request):
    filters = {param: request.GET.getlist(param) for param in selectors.FACETS}
    result = selectors.search_entries(
        query=request.GET.get("q", ""), filters=filters, sort=request.GET.get("sortierung", "")
    )
    page = Paginator(result.entries, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = [(k, v) for k in ["q", *selectors.FACETS] for v in request.GET.getlist(k) if v]
    if request.GET.get("sortierung"):
        params.append(("sortierung", request.GET["sortierung"]))
    return render(
        request,
        "toolbox/list.html",
        {
            "result": result,
            "page": page,
            "entries": selectors.entries_by_ids(list(page.object_list)),
            "query": urlencode(params),
            "sorts": selectors.SORTS,
            "sort_param": request.GET.get("sortierung", "")
            if request.GET.get("sortierung") in selectors.SORTS
            else "",
            "active_filters": any(filters.values()),
            "can_add": request.user.has_perm("toolbox.add_entry"),
            "can_review": request.user.has_perm("toolbox.review_entries"),
            "municipalities": selectors.user_municipalities(request.user),
        },
    )


class EntryFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Werkzeugkoffer – neue Einträge")
    subtitle = gettext_lazy(
        "Neue Methoden, Konzepte und Beispiele für die Zukunftswerkstatt Kommunen"
    )

    def link(self):
        return reverse("toolbox:list")

    def items(self):
        return Entry.objects.published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return f"{item.title} ({item.get_entry_type_display()})"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


entry_feed = EntryFeed()


# --- one entry --------------------------------------------------------------------------


def _detail_context(request, entry, **forms) -> dict:
    user = request.user
    municipalities = selectors.user_municipalities(user)
    own_rating = (
        Rating.objects.filter(entry=entry, user=user).first() if user.is_authenticated else None
    )
    can_rate = user.has_perm("toolbox.rate_entry", entry) and bool(municipalities)
    rating_initial = (
        {
            "stars": own_rating.stars,
            "helpful": {True: "ja", False: "nein"}.get(own_rating.helpful, ""),
            "comment": own_rating.comment,
            "municipality": own_rating.municipality_id,
        }
        if own_rating
        else None
    )
    bookmarked = set(
        entry.bookmarks.filter(municipality__in=municipalities).values_list(
            "municipality_id", flat=True
        )
    )
    return {
        "entry": entry,
        "materials": entry.materials.all(),
        "rating": selectors.rating_summary(entry),
        "own_rating": own_rating,
        "rating_form": forms.get("rating_form")
        or (
            RatingForm(initial=rating_initial, municipalities=municipalities, prefix="rating")
            if can_rate
            else None
        ),
        "bookmark_form": BookmarkForm(municipalities=municipalities, prefix="merken")
        if user.has_perm("toolbox.bookmark_entry", entry) and municipalities
        else None,
        "bookmarked": [m for m in municipalities if m.pk in bookmarked],
        "material_form": forms.get("material_form") or MaterialForm(prefix="material"),
        "return_form": forms.get("return_form") or ReturnForm(prefix="return"),
        "similar": selectors.similar_entries(entry) if entry.is_published else [],
        "can_edit": user.has_perm("toolbox.change_entry", entry),
        "can_submit": user.has_perm("toolbox.submit_entry", entry),
        "can_publish": user.has_perm("toolbox.publish_entry", entry),
        "can_return": user.has_perm("toolbox.return_entry", entry),
        "can_manage_material": user.has_perm("toolbox.manage_material", entry),
        "can_see_history": user.has_perm("toolbox.view_history", entry),
    }


@require_GET
def entry_detail(request, entry):
    entry = _entry_for(request, entry)
    return render(request, "toolbox/detail.html", _detail_context(request, entry))


@require_GET
def entry_pdf(request, entry):
    entry = _entry_for(request, entry)
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    html = render_to_string("toolbox/entry_pdf.html", {"entry": entry}, request=request)
    pdf = pdf_output.pdf_bytes(HTML(string=html, base_url=request.build_absolute_uri("/")))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="werkzeug-{entry.slug}.pdf"'
    return response


def _editor(request, entry=None, *, municipality=None):
    """The office edits everything (EntryForm); a Kommune edits its own draft (SubmissionForm)."""
    office = request.user.has_perm("toolbox.add_entry")
    form_class = EntryForm if office else SubmissionForm
    if request.method == "POST":
        form = form_class(request.POST)
    else:
        initial = form_class.initial_from(entry) if entry else {"entry_type": EntryType.METHOD}
        form = form_class(initial=initial)
    if request.method == "POST" and form.is_valid():
        data, themes = form.service_data()
        try:
            if entry is not None:
                saved = services.entry_update(
                    entry=entry,
                    by=request.user,
                    data=data,
                    themes=themes,
                    comment=form.cleaned_data.get("comment", ""),
                    request=request,
                )
            elif municipality is not None:
                saved = services.best_practice_submit(
                    municipality=municipality,
                    by=request.user,
                    data=data,
                    themes=themes,
                    request=request,
                )
            else:
                saved = services.entry_create(
                    by=request.user, data=data, themes=themes, request=request
                )
        except ValidationError as exc:
            if entry is not None:
                entry.refresh_from_db()
            add_form_errors(form, exc)
        else:
            if municipality is not None:
                messages.success(
                    request,
                    _("Danke! „%(title)s“ ist eingereicht; die Geschäftsstelle prüft den Beitrag.")
                    % {"title": saved.title},
                )
            else:
                messages.success(
                    request, _("„%(title)s“ wurde gespeichert.") % {"title": saved.title}
                )
            return redirect(saved)
    if entry is not None:
        title = _("„%(title)s“ bearbeiten") % {"title": entry.title}
    elif municipality is not None:
        title = _("Beispiel oder Erfahrung einreichen")
    else:
        title = _("Neues Werkzeug anlegen")
    return render(
        request,
        "toolbox/form.html",
        {"form": form, "entry": entry, "municipality": municipality, "title": title},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request):
    if not request.user.has_perm("toolbox.add_entry"):
        raise PermissionDenied
    return _editor(request)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, entry):
    return _editor(request, _entry_for(request, entry, "toolbox.change_entry"))


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, slug):
    municipality = municipality_for(request, slug, "toolbox.submit_best_practice")
    return _editor(request, municipality=municipality)


@login_required
@require_POST
def entry_transition(request, entry):
    entry = _entry_for(request, entry)
    action = request.POST.get("action", "")
    perm = {
        "submit": "toolbox.submit_entry",
        "publish": "toolbox.publish_entry",
        "return": "toolbox.return_entry",
    }.get(action)
    if perm is None:
        return HttpResponse(_("Unbekannte Aktion."), status=400)
    if not permissions.role_allows(request.user, perm, entry):
        raise PermissionDenied  # a wrong status: the service says why (message below)
    note = ""
    if action == "return":
        form = ReturnForm(request.POST, prefix="return")
        if not form.is_valid():
            context = _detail_context(request, entry, return_form=form)
            return render(request, "toolbox/detail.html", context, status=400)
        note = form.cleaned_data["note"]
    try:
        entry = services.entry_transition(
            entry=entry, action=action, by=request.user, note=note, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(entry)
    messages.success(
        request,
        _("„%(title)s“: %(what)s.")
        % {"title": entry.title, "what": services.TRANSITION_MESSAGES[action]},
    )
    return redirect(entry)


# --- history ----------------------------------------------------------------------------


@login_required
@require_GET
def history(request, entry):
    entry = _entry_for(request, entry, "toolbox.view_history")
    versions = Paginator(entry.versions.select_related("created_by"), 30).get_page(
        request.GET.get("seite")
    )
    return render(request, "toolbox/history.html", {"entry": entry, "page": versions})


def _render_value(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value if value is not None else "").splitlines()


@login_required
@require_GET
def version_diff(request, entry, number):
    entry = _entry_for(request, entry, "toolbox.view_history")
    version = get_object_or_404(entry.versions, number=number)
    previous = entry.versions.filter(number__lt=number).order_by("-number").first()
    old = previous.data if previous else {}
    changes = []
    for name in [*VERSIONED_FIELDS, "themes"]:
        before, after = _render_value(old.get(name)), _render_value(version.data.get(name))
        if before == after:
            continue
        lines = list(difflib.unified_diff(before, after, lineterm="", n=2))[2:]
        changes.append(
            {
                "field": str(Entry._meta.get_field(name).verbose_name),
                "lines": [
                    ("add" if ln.startswith("+") else "del" if ln.startswith("-") else "ctx", ln)
                    for ln in lines
                    if not ln.startswith("@@")
                ],
            }
        )
    return render(
        request,
        "toolbox/version.html",
        {"entry": entry, "version": version, "previous": previous, "changes": changes},
    )


# --- Kommune feedback -------------------------------------------------------------------


@login_required
@require_POST
def rate(request, entry):
    entry = _entry_for(request, entry, "toolbox.rate_entry")
    municipalities = selectors.user_municipalities(request.user)
    form = RatingForm(request.POST, municipalities=municipalities, prefix="rating")
    if form.is_valid():
        try:
            services.rating_set(
                entry=entry,
                user=request.user,
                municipality=form.cleaned_data["municipality"],
                stars=form.cleaned_data["stars"],
                helpful=form.cleaned_data["helpful"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Danke für Ihre Bewertung!"))
            return redirect(entry.get_absolute_url() + "#bewertung")
    context = _detail_context(request, entry, rating_form=form)
    return render(request, "toolbox/detail.html", context, status=400)


@login_required
@require_POST
def bookmark(request, entry):
    entry = _entry_for(request, entry, "toolbox.bookmark_entry")
    form = BookmarkForm(
        request.POST, municipalities=selectors.user_municipalities(request.user), prefix="merken"
    )
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Ihrer Kommunen."))
        return redirect(entry)
    municipality = form.cleaned_data["municipality"]
    try:
        mark = services.bookmark_toggle(entry=entry, municipality=municipality, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(entry)
    if mark:
        messages.success(
            request, _("Auf die Merkliste von %(m)s gesetzt.") % {"m": municipality.name}
        )
    else:
        messages.success(
            request, _("Von der Merkliste von %(m)s genommen.") % {"m": municipality.name}
        )
    if request.POST.get("zurueck") == "merkliste":
        return redirect("toolbox:bookmarks")
    return redirect(entry)


@login_required
@require_GET
def bookmarks(request):
    # Users without a Kommune (office, consultants) see an explanation instead of a 403:
    # the workspace links here for everyone who can see a Kommune.
    lists = selectors.bookmarks_for(request.user)
    rows = [(m, marks, selectors.submissions_of(m)) for m, marks in lists]
    return render(request, "toolbox/bookmarks.html", {"rows": rows})


@login_required
@require_GET
def review_queue(request):
    if not request.user.has_perm("toolbox.review_entries"):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(), 30).get_page(request.GET.get("seite"))
    return render(request, "toolbox/review.html", {"page": page})


# --- materials --------------------------------------------------------------------------


@require_GET
def material_download(request, entry, pk):
    entry = _entry_for(request, entry)
    material = get_object_or_404(Material, pk=pk, entry=entry)
    return attachment_response(
        material.file, filename=material.original_name, content_type=material.content_type
    )


@login_required
@require_POST
def material_upload(request, entry):
    entry = _entry_for(request, entry, "toolbox.manage_material")
    form = MaterialForm(request.POST, request.FILES, prefix="material")
    if form.is_valid():
        try:
            material = services.material_add(
                entry=entry,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request, _("„%(title)s“ wurde hochgeladen.") % {"title": material.title}
            )
            return redirect(entry.get_absolute_url() + "#material")
    context = _detail_context(request, entry, material_form=form)
    return render(request, "toolbox/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request, entry, pk):
    entry = _entry_for(request, entry, "toolbox.manage_material")
    material = get_object_or_404(Material, pk=pk, entry=entry)
    if request.method == "POST":
        services.material_delete(material=material, by=request.user, request=request)
        messages.success(request, _("„%(title)s“ wurde gelöscht.") % {"title": material.title})
        return redirect(entry.get_absolute_url() + "#material")
    return confirm_page(
        request,
        title=_("Material löschen"),
        question=_("Soll „%(title)s“ endgültig gelöscht werden?") % {"title": material.title},
        confirm_label=_("Ja, endgültig löschen"),
        cancel_url=entry.get_absolute_url(),
    )
