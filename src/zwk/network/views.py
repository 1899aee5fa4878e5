"""Views of the Vernetzung. Thin: access (rules, tenancy), form, service or selector, response.

Kommune pages go through ``municipality_for`` (404 for outsiders); conversations are fetched
filtered by the Kommune in the address, posts and threads by their theme (IDOR).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Theme
from zwk.municipalities.selectors import municipalities_for_user
from zwk.network import matching, selectors, services
from zwk.network.forms import (
    ContactForm,
    HideForm,
    LockForm,
    PostForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
)
from zwk.network.models import Post, Report, Thread

PAGE_SIZE = 20
POSTS_PER_PAGE = 30


def _data(request):
    """The POST data when posting (even if empty – an empty form is an invalid form)."""
    return request.POST if request.method == "POST" else None


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- overview and related Kommunen ---------------------------------------------------------


@login_required
@require_GET
def index(request):
    user = request.user
    member_of = set(selectors.user_municipalities(user).values_list("pk", flat=True))
    own = [] if user.is_office else list(municipalities_for_user(user))
    context = {
        "own": [(m, m.pk in member_of) for m in own],
        "can_discuss": user.has_perm("network.view_discussions"),
    }
    if user.has_perm("network.view_overview"):
        page = Paginator(selectors.programme_municipalities(), PAGE_SIZE).get_page(
            request.GET.get("seite")
        )
        context.update(
            page=page,
            overview=selectors.overview_rows(list(page.object_list)),
            open_reports=selectors.open_reports().count(),
        )
    return render(request, "network/index.html", context)


@login_required
@require_GET
def related(request, slug):
    municipality = municipality_for(request, slug, "network.view_related")
    return render(
        request,
        "network/related.html",
        {
            "municipality": municipality,
            "related": selectors.related_municipalities(municipality),
            "weights": {
                "themes": matching.W_THEMES,
                "profile": matching.W_PROFILE,
                "type": matching.W_TYPE,
                "kind": matching.W_KIND,
            },
            "can_contact": request.user.has_perm("network.contact_municipality", municipality),
        },
    )


# --- contact -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact(request, slug):
    municipality = municipality_for(request, slug, "network.contact_municipality")
    targets = selectors.programme_municipalities(like=municipality).exclude(pk=municipality.pk)
    initial = {"to": request.GET.get("an", "")}
    form = ContactForm(_data(request), municipalities=targets, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = services.conversation_start(
                municipality=municipality,
                to_municipality=data["to"],
                by=request.user,
                subject=data["subject"],
                text=data["text"],
                share_email=data["share_email"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Ihre Nachricht an %(to)s wurde weitergeleitet.") % {"to": data["to"].name},
            )
            return redirect("network:conversation", slug=municipality.slug, pk=conversation.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "network/contact.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


@login_required
@require_GET
def inbox(request, slug):
    municipality = municipality_for(request, slug, "network.view_messages")
    page = Paginator(selectors.conversations_of(municipality), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(request, "network/inbox.html", {"municipality": municipality, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, slug, pk):
    municipality = municipality_for(request, slug, "network.view_messages")
    conv = selectors.conversation_for(municipality, pk)
    if conv is None:
        raise Http404
    form = ReplyForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.message_reply(
                conversation=conv,
                municipality=municipality,
                by=request.user,
                text=form.cleaned_data["text"],
                share_email=form.cleaned_data["share_email"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Ihre Antwort wurde weitergeleitet."))
            return redirect("network:conversation", slug=municipality.slug, pk=conv.pk)
    return render(
        request,
        "network/conversation.html",
        {
            "municipality": municipality,
            "conversation": conv,
            "other": conv.other_side(municipality),
            "messages_list": selectors.messages_of(conv),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# --- discussions -------------------------------------------------------------------------


def _theme(request, slug: str) -> Theme:
    _require(request, "network.view_discussions")
    return get_object_or_404(Theme, slug=slug, municipality__isnull=True)


def _thread(request, theme_slug: str, pk: int) -> Thread:
    theme = _theme(request, theme_slug)
    return get_object_or_404(Thread.objects.select_related("theme"), pk=pk, theme=theme)


def _post(request, pk: int) -> Post:
    _require(request, "network.view_discussions")
    return get_object_or_404(Post.objects.select_related("thread__theme"), pk=pk)


@login_required
@require_GET
def themes(request):
    _require(request, "network.view_discussions")
    return render(
        request,
        "network/themes.html",
        {
            "themes": selectors.discussion_themes(),
            "can_moderate": request.user.has_perm("network.moderate"),
            "open_reports": selectors.open_reports().count()
            if request.user.has_perm("network.moderate")
            else 0,
        },
    )


@login_required
@require_GET
def theme(request, theme):
    theme = _theme(request, theme)
    page = Paginator(selectors.threads_of(theme), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "network/theme.html",
        {
            "theme": theme,
            "page": page,
            "subscribed": selectors.is_subscribed(request.user, theme=theme),
            "can_start": request.user.has_perm("network.start_thread"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, theme):
    theme = _theme(request, theme)
    _require(request, "network.start_thread")
    form = ThreadForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            new = services.thread_create(
                theme=theme, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Ihre Diskussion wurde eröffnet."))
            return redirect(new)
    return render(
        request,
        "network/thread_form.html",
        {"theme": theme, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, theme, pk):
    thread = _thread(request, theme, pk)
    user = request.user
    form = PostForm(_data(request), prefix="antwort")
    if request.method == "POST":
        _require(request, "network.reply")
        if form.is_valid():
            try:
                post = services.post_add(
                    thread=thread, by=user, text=form.cleaned_data["text"], request=request
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Ihr Beitrag ist veröffentlicht."))
                page = (thread.posts.filter(pk__lte=post.pk).count() - 1) // POSTS_PER_PAGE + 1
                return redirect(f"{thread.get_absolute_url()}?seite={page}#beitrag-{post.pk}")
    page = Paginator(selectors.posts_of(thread), POSTS_PER_PAGE).get_page(request.GET.get("seite"))
    posts = [
        {
            "post": p,
            "can_edit": user.has_perm("network.edit_post", p),
            "can_delete": user.has_perm("network.delete_post", p),
            "can_report": user.has_perm("network.report_post", p),
        }
        for p in page.object_list
    ]
    return render(
        request,
        "network/thread.html",
        {
            "thread": thread,
            "theme": thread.theme,
            "page": page,
            "posts": posts,
            "form": form,
            "can_reply": user.has_perm("network.reply") and not thread.is_locked,
            "can_moderate": user.has_perm("network.moderate"),
            "subscribed": selectors.is_subscribed(user, thread=thread),
        },
        status=400 if form.errors else 200,
    )


def _subscription_toggled(request, on: bool, name: str, back: str):
    """Say whether mails on ``name`` now come or have stopped; back to the subscriptions
    page when the toggle was pressed there (``weiter=abos``), else to ``back``."""
    messages.success(
        request,
        (
            _("Sie erhalten neue Beiträge zu „%(name)s“ per E-Mail.")
            if on
            else _("Benachrichtigungen zu „%(name)s“ abbestellt.")
        )
        % {"name": name},
    )
    if request.POST.get("weiter") == "abos":
        return redirect("network:subscriptions")
    return redirect(back)


@login_required
@require_POST
def theme_subscribe(request, theme):
    theme = _theme(request, theme)
    _require(request, "network.subscribe")
    on = services.subscription_toggle(user=request.user, theme=theme)
    return _subscription_toggled(
        request, on, theme.name, reverse("network:theme", kwargs={"theme": theme.slug})
    )


@login_required
@require_POST
def thread_subscribe(request, theme, pk):
    thread = _thread(request, theme, pk)
    _require(request, "network.subscribe")
    on = services.subscription_toggle(user=request.user, thread=thread)
    return _subscription_toggled(request, on, thread.title, thread.get_absolute_url())


@login_required
@require_GET
def subscriptions(request):
    _require(request, "network.subscribe")
    return render(
        request,
        "network/subscriptions.html",
        {"subscriptions": selectors.subscriptions_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _post(request, pk)
    _require(request, "network.edit_post", post)
    form = PostForm(_data(request), initial={"text": post.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post, by=request.user, text=form.cleaned_data["text"], request=request
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Ihr Beitrag wurde geändert."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "network/post_form.html",
        {"post": post, "thread": post.thread, "form": form, "title": _("Beitrag bearbeiten")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    post = _post(request, pk)
    _require(request, "network.delete_post", post)
    if request.method == "POST":
        thread = services.post_delete(post=post, by=request.user, request=request)
        messages.success(request, _("Ihr Beitrag wurde gelöscht."))
        if thread is None:
            return redirect("network:theme", theme=post.thread.theme.slug)
        return redirect(thread)
    return confirm_page(
        request,
        title=_("Beitrag löschen"),
        question=_("Möchten Sie Ihren Beitrag in „%(t)s“ wirklich löschen?")
        % {"t": post.thread.title},
        confirm_label=_("Beitrag löschen"),
        cancel_url=post.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, pk):
    post = _post(request, pk)
    _require(request, "network.report_post", post)
    form = ReportForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(post=post, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Danke. Die Geschäftsstelle prüft den gemeldeten Beitrag."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "network/post_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "title": _("Beitrag melden"),
            "show_post": True,
            "submit": _("Beitrag melden"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_hide(request, pk):
    post = _post(request, pk)
    _require(request, "network.moderate")
    form = HideForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_hide(
                post=post, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:  # e.g. a reason that is empty once sanitised
            for message in exc.messages:
                form.add_error("reason", message)
        else:
            messages.success(request, _("Der Beitrag ist ausgeblendet."))
            if request.POST.get("weiter") == "moderation":
                return redirect("network:reports")
            return redirect(post.get_absolute_url())
    return render(
        request,
        "network/post_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "title": _("Beitrag ausblenden"),
            "show_post": True,
            "submit": _("Beitrag ausblenden"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def post_show(request, pk):
    post = _post(request, pk)
    _require(request, "network.moderate")
    services.post_show(post=post, by=request.user, request=request)
    messages.success(request, _("Der Beitrag ist wieder sichtbar."))
    return redirect(post.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def thread_lock(request, theme, pk):
    thread = _thread(request, theme, pk)
    _require(request, "network.moderate")
    form = LockForm(_data(request))
    if request.method == "POST" and form.is_valid():
        services.thread_lock(
            thread=thread,
            by=request.user,
            lock=not thread.is_locked,
            reason=form.cleaned_data["reason"],
            request=request,
        )
        messages.success(
            request,
            _("Die Diskussion ist gesperrt.")
            if thread.is_locked
            else _("Die Diskussion ist wieder offen."),
        )
        return redirect(thread)
    return render(
        request, "network/lock_form.html", {"thread": thread, "theme": thread.theme, "form": form}
    )


@login_required
@require_GET
def reports(request):
    _require(request, "network.moderate")
    page = Paginator(selectors.open_reports(), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "network/reports.html", {"page": page})


@login_required
@require_POST
def report_dismiss(request, pk):
    _require(request, "network.moderate")
    report = get_object_or_404(Report, pk=pk)
    try:
        services.report_dismiss(report=report, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Meldung ist erledigt (kein Verstoß)."))
    return redirect("network:reports")
