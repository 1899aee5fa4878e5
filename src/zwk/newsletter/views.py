"""Views of the newsletter. Thin: form, service or selector, response.

Subscribers have no account: they act through signed links (confirmation, preferences,
unsubscribe). The one-click unsubscribe endpoint is CSRF-exempt – mail programs POST to it
without a token (RFC 8058); the signed token in the address is the authorisation. All other
forms use CSRF as usual. The office's pages need ``newsletter.manage_issues``.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors, confirm_view, form_view, require_office
from zwk.newsletter import mail, selectors, services, tokens
from zwk.newsletter.forms import IssueForm, PreferencesForm, ScheduleForm, SignupForm
from zwk.newsletter.models import Issue, Subscriber
from zwk.newsletter.services import ConfirmResult

ARCHIVE_PAGE_SIZE = 10
OFFICE_PAGE_SIZE = 25


def _public_context(**extra) -> dict:
    return {"social_links": selectors.social_links(), **extra}


# --- subscribers --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None, prefix="anmeldung")
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("newsletter.signup", client_ip(request)):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Von Ihrem Netz kamen gerade sehr viele Anmeldungen. Bitte versuchen Sie es "
                    "in einer Stunde noch einmal."
                ),
            )
            status = 429
        elif form.is_valid():
            services.signup_request(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                request=request,
            )
            # The same answer for every address: whether it is known is told only by mail.
            return redirect("newsletter:signup_done")
        else:
            status = 400
    return render(
        request,
        "newsletter/signup.html",
        _public_context(form=form, latest=selectors.archive_issues()[:3]),
        status=status,
    )


@require_GET
def signup_done(request):
    return render(request, "newsletter/signup_done.html", {"hours": tokens.confirm_hours()})


CONFIRM_STATUS = {
    ConfirmResult.CONFIRMED: 200,
    ConfirmResult.ALREADY: 200,
    ConfirmResult.EXPIRED: 410,
    ConfirmResult.INVALID: 400,
}


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (link scanners in mail systems fetch links, they do not POST);
    POST confirms. Used, replaced or expired links answer with a page that says so."""
    if request.method == "POST":
        result, subscriber = services.subscriber_confirm(token=token, request=request)
        done = result is ConfirmResult.CONFIRMED
    else:
        result, subscriber = services.confirmation_check(token)
        done = False
    context = {
        "result": result.value,
        "done": done,
        "token": token,
        "hours": tokens.confirm_hours(),
        "preferences_url": reverse(
            "newsletter:preferences", kwargs={"token": tokens.link_token(subscriber)}
        )
        if done
        else "",
    }
    return render(request, "newsletter/confirm.html", context, status=CONFIRM_STATUS[result])


def _invalid_link(request):
    return render(request, "newsletter/invalid_link.html", status=400)


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = services.subscriber_for_link(token)
    if subscriber is None:
        return _invalid_link(request)
    status = 200
    if request.method == "POST":
        form = PreferencesForm(request.POST, prefix="themen")
        if form.is_valid():
            try:
                services.preferences_update(
                    subscriber=subscriber, topics=form.cleaned_data["topics"], request=request
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Ihre Themen sind gespeichert."))
                return redirect("newsletter:preferences", token=token)
        status = 400
    else:
        form = PreferencesForm(initial={"topics": subscriber.topics}, prefix="themen")
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "active": subscriber.status == Subscriber.Status.ACTIVE,
            "unsubscribe_url": reverse("newsletter:unsubscribe", kwargs={"token": token}),
        },
        status=status,
    )


@csrf_exempt  # RFC 8058: mail programs POST without a CSRF token; the signed token authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (the button, or a mail program's one-click request
    with ``List-Unsubscribe=One-Click``): unsubscribe at once, no login."""
    subscriber = services.subscriber_for_link(token)
    if subscriber is None:
        return _invalid_link(request)
    done = False
    if request.method == "POST":
        via = "one-click" if request.POST.get("List-Unsubscribe") == "One-Click" else "web"
        services.unsubscribe(subscriber=subscriber, request=request, via=via)
        done = True
    return render(
        request,
        "newsletter/unsubscribe.html",
        {
            "done": done,
            "already": not done and subscriber.status == Subscriber.Status.UNSUBSCRIBED,
            "preferences_url": reverse("newsletter:preferences", kwargs={"token": token}),
        },
    )


# --- archive and feed ---------------------------------------------------------------------


@require_GET
def archive(request):
    page = Paginator(selectors.archive_issues(), ARCHIVE_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(request, "newsletter/archive.html", _public_context(page=page))


@require_GET
def archive_detail(request, pk):
    issue = get_object_or_404(selectors.archive_issues(), pk=pk)
    return render(
        request,
        "newsletter/archive_detail.html",
        _public_context(
            issue=issue,
            body=mark_safe(issue.body),
            extras=selectors.extras_for(issue),
        ),
    )


class IssueFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Newsletter der Zukunftswerkstatt Kommunen")
    subtitle = gettext_lazy("Alle versendeten Ausgaben des ZWK-Newsletters")

    def link(self):
        return reverse("newsletter:archive")

    def items(self):
        return selectors.archive_issues()[:20]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return item.body  # cleaned with nh3 on write

    def item_link(self, item):
        return reverse("newsletter:archive_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.sent_at


feed = IssueFeed()


# --- the office ---------------------------------------------------------------------------


MANAGE = "newsletter.manage_issues"


def _issue_for(request, pk) -> Issue:
    require_office(request, MANAGE)
    return get_object_or_404(Issue, pk=pk)


@login_required
@require_GET
def issue_list(request):
    require_office(request, MANAGE)
    page = Paginator(selectors.office_issues(), OFFICE_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "newsletter/issue_list.html",
        {"page": page, "subscribers": selectors.subscriber_counts()},
    )


def _editor(request, issue=None):
    form = IssueForm(request.POST or None, instance=issue)

    def save(cleaned):
        data = {name: cleaned[name] for name in services.ISSUE_FIELDS}
        if issue is None:
            return services.issue_create(by=request.user, data=data, request=request)
        return services.issue_update(issue=issue, by=request.user, data=data, request=request)

    title = _("„%(s)s“ bearbeiten") % {"s": issue.subject} if issue else _("Neue Ausgabe schreiben")
    return form_view(
        request,
        form,
        save=save,
        message=lambda saved: _("„%(s)s“ wurde gespeichert.") % {"s": saved.subject},
        done=lambda saved: reverse("newsletter:issue_detail", kwargs={"pk": saved.pk}),
        page=lambda status: render(
            request,
            "newsletter/issue_form.html",
            {"form": form, "issue": issue, "title": title},
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_create(request):
    require_office(request, MANAGE)
    return _editor(request)


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request, pk):
    issue = _issue_for(request, pk)
    if not issue.is_editable:
        messages.error(request, _("Eine versendete Ausgabe lässt sich nicht mehr ändern."))
        return redirect("newsletter:issue_detail", pk=issue.pk)
    return _editor(request, issue)


def _detail(request, issue, *, schedule_form=None, status=200):
    _html, text = mail.render_issue(issue, None)
    return render(
        request,
        "newsletter/issue_detail.html",
        {
            "issue": issue,
            "body": mark_safe(issue.body),
            "extras": selectors.extras_for(issue),
            "plain_text": text,
            "counts": selectors.delivery_counts(issue),
            "recipients": len(selectors.recipients_for(issue)) if issue.is_editable else None,
            "schedule_form": schedule_form
            or ScheduleForm(
                prefix="planen",
                initial={"when": issue.scheduled_at} if issue.scheduled_at else None,
            ),
        },
        status=status,
    )


@login_required
@require_GET
def issue_detail(request, pk):
    return _detail(request, _issue_for(request, pk))


@login_required
@require_GET
@csp_update({"style-src": ["'unsafe-inline'"]})
def issue_preview_html(request, pk):
    """The HTML part of the mail exactly as sent (its styles are inline, as mail needs)."""
    issue = _issue_for(request, pk)
    html, _text = mail.render_issue(issue, None)
    return HttpResponse(html)


@login_required
@require_POST
def issue_test(request, pk):
    issue = _issue_for(request, pk)
    try:
        address = services.issue_send_test(issue=issue, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Testmail ging an %(to)s.") % {"to": address})
    return redirect("newsletter:issue_detail", pk=issue.pk)


@login_required
@require_POST
def issue_schedule(request, pk):
    issue = _issue_for(request, pk)
    form = ScheduleForm(request.POST, prefix="planen")
    if form.is_valid():
        try:
            services.issue_schedule(
                issue=issue, when=form.cleaned_data["when"], by=request.user, request=request
            )
        except ValidationError as exc:
            form.add_error("when", exc)
        else:
            messages.success(request, _("Der Versand ist geplant."))
            return redirect("newsletter:issue_detail", pk=issue.pk)
    issue.refresh_from_db()
    return _detail(request, issue, schedule_form=form, status=400)


@login_required
@require_POST
def issue_unschedule(request, pk):
    issue = _issue_for(request, pk)
    try:
        services.issue_unschedule(issue=issue, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Die Planung ist aufgehoben; die Ausgabe ist wieder ein Entwurf.")
        )
    return redirect("newsletter:issue_detail", pk=issue.pk)


@login_required
@require_http_methods(["GET", "POST"])
def issue_send(request, pk):
    issue = _issue_for(request, pk)
    cancel = reverse("newsletter:issue_detail", kwargs={"pk": issue.pk})
    recipients = len(selectors.recipients_for(issue))
    question = _(
        "Soll „%(s)s“ jetzt an %(n)s Abonnentinnen und Abonnenten versendet werden? "
        "Das lässt sich nicht rückgängig machen."
    ) % {"s": issue.subject, "n": recipients}
    return confirm_view(
        request,
        title=_("Ausgabe versenden"),
        question=question,
        confirm_label=_("Jetzt versenden"),
        cancel_url=cancel,
        action=lambda: services.issue_send_now(issue=issue, by=request.user, request=request),
        message=_("Der Versand läuft im Hintergrund."),
        done=cancel,
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_delete(request, pk):
    issue = _issue_for(request, pk)
    cancel = reverse("newsletter:issue_detail", kwargs={"pk": issue.pk})
    question = _("Soll der Entwurf „%(s)s“ endgültig gelöscht werden?") % {"s": issue.subject}
    return confirm_view(
        request,
        title=_("Ausgabe löschen"),
        question=question,
        confirm_label=_("Ja, endgültig löschen"),
        cancel_url=cancel,
        action=lambda: services.issue_delete(issue=issue, by=request.user, request=request),
        message=_("Die Ausgabe wurde gelöscht."),
        done=reverse("newsletter:issue_list"),
    )
