"""Accessibility obligations of BITV 2.0: the accessibility statement with its feedback
mechanism, central information in Leichter Sprache and a place for information in Deutscher
Gebärdensprache."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import languages, ratelimit
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors, require_office
from zwk.privacy import selectors, services
from zwk.privacy.forms import AccessibilityFeedbackForm
from zwk.privacy.models import AccessibilityFeedback

MANAGE = "privacy.manage"
# The day the statement was last reviewed against the platform (update with every review).
STATEMENT_DATE = datetime.date(2026, 12, 7)


@require_http_methods(["GET", "POST"])
def statement(request):
    form = AccessibilityFeedbackForm(request.POST or None, prefix="rueckmeldung")
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("accessibility.feedback", client_ip(request)):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Von Ihrem Netz kamen gerade sehr viele Rückmeldungen. Bitte versuchen Sie "
                    "es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                services.submit_accessibility_feedback(**form.cleaned_data, request=request)
            except ValidationError as exc:  # e.g. a message that is empty once cleaned
                add_form_errors(form, exc)
                status = 400
            else:
                return redirect("accessibility:feedback_done")
        else:
            status = 400
    return render(
        request,
        "privacy/accessibility_statement.html",
        {
            "form": form,
            "statement_date": STATEMENT_DATE,
            "operator": settings.ZWK_OPERATOR,
            "can_manage": request.user.has_perm(MANAGE),
        },
        status=status,
    )


@require_GET
def feedback_done(request):
    return render(request, "privacy/accessibility_feedback_done.html")


@login_required
@require_GET
def feedback_list(request):
    require_office(request, MANAGE)
    return render(
        request,
        "privacy/accessibility_feedback_list.html",
        {"feedback": selectors.accessibility_feedback()[:200]},
    )


@login_required
@require_POST
def feedback_mark_done(request, pk):
    require_office(request, MANAGE)
    feedback = get_object_or_404(AccessibilityFeedback, pk=pk)
    services.mark_accessibility_feedback_done(feedback=feedback, by=request.user, request=request)
    return redirect("accessibility:feedback_list")


@require_GET
def easy_language(request):
    # The languages offered, each in its own name (the list grows with settings.LANGUAGES).
    return render(request, "privacy/easy_language.html", {"languages": languages.available()})


@require_GET
def sign_language(request):
    return render(request, "privacy/sign_language.html")
