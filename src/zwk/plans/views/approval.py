"""Consultation, approval, versions and publication of the Werkstattplan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core import hooks, permissions
from zwk.core.views import (
    add_form_errors,
    confirm_page,
)
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality
from zwk.plans import selectors, services
from zwk.plans.forms import (
    CommentForm,
    CompareForm,
)
from zwk.plans.models import Comment, Measure, Plan
from zwk.plans.versions import compare, snapshot
from zwk.plans.views.common import (
    VIEW,
    delete_page,
    plan_context,
    plan_url,
    transitions,
)


@login_required
@require_http_methods(["GET", "POST"])
def consultation(request, slug):
    """The plan's status, its transitions and the comments on the plan as a whole."""
    municipality = municipality_for(
        request, slug, VIEW if request.method == "GET" else "plans.comment_plan"
    )
    plan = selectors.plan_or_none(municipality)
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        plan = plan or services.plan_for(municipality)
        if form.is_valid():
            try:
                services.comment_add(
                    plan=plan, by=request.user, body=form.cleaned_data["body"], request=request
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Ihr Kommentar wurde gespeichert."))
                return redirect(
                    reverse("plans:consultation", kwargs={"slug": slug}) + "#kommentare"
                )
        status = 400
    page = Paginator(selectors.comments(plan) if plan else Comment.objects.none(), 25).get_page(
        request.GET.get("seite")
    )
    user = request.user
    return render(
        request,
        "plans/consultation.html",
        plan_context(
            request,
            municipality,
            plan,
            section="consultation",
            form=form,
            page=page,
            comments=[(c, user.has_perm("plans.delete_comment", c)) for c in page.object_list],
            transitions=transitions(user, plan),
            versions=list(selectors.versions(plan)[:3]) if plan else [],
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    comment = get_object_or_404(
        Comment.objects.select_related("plan__municipality", "measure"),
        pk=pk,
        plan__municipality=municipality,
    )
    if not request.user.has_perm("plans.delete_comment", comment):
        raise PermissionDenied
    back = (
        comment.measure.get_absolute_url()
        if comment.measure
        else reverse("plans:consultation", kwargs={"slug": slug})
    ) + "#kommentare"
    return delete_page(
        request,
        municipality,
        title=_("Kommentar löschen"),
        question=_("Der Kommentar „%(text)s“ wird gelöscht.")
        % {"text": comment.body[:80] + ("…" if len(comment.body) > 80 else "")},
        cancel_url=back,
        action=lambda: services.comment_delete(comment=comment, by=request.user, request=request),
        done_url=back,
        done_msg=_("Der Kommentar wurde gelöscht."),
    )


@login_required
@require_GET
def versions_view(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    rows = list(selectors.versions(plan)) if plan else []
    numbers = [v.number for v in rows]
    return render(
        request,
        "plans/versions.html",
        plan_context(
            request,
            municipality,
            plan,
            section="versions",
            versions=rows,
            # e.g. the summary of the public consultation of the draft (zwk.consultation)
            plan_sections=hooks.slot(hooks.PLAN_SECTIONS).render(plan, "versions", request=request),
            compare_form=CompareForm(
                initial={"von": numbers[1] if len(numbers) > 1 else None, "bis": numbers[0]}
                if numbers
                else {},
                numbers=numbers,
            ),
        ),
    )


def _version(plan, number):
    if plan is None:
        raise Http404
    return get_object_or_404(plan.versions.select_related("approved_by"), number=number)


@login_required
@require_GET
def version_detail(request, slug, number):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    version = _version(plan, number)
    return render(
        request,
        "plans/version.html",
        plan_context(
            request,
            municipality,
            plan,
            section="versions",
            version=version,
            data=version.snapshot,
            status_labels=dict(Measure.Status.choices),
        ),
    )


@login_required
@require_GET
def version_compare(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_or_none(municipality)
    numbers = list(plan.versions.values_list("number", flat=True)) if plan else []
    form = CompareForm(request.GET or None, numbers=numbers)
    result = old = new = None
    if form.is_valid():
        old = _version(plan, form.cleaned_data["von"])
        target = form.cleaned_data["bis"]
        new = None if target == "aktuell" else _version(plan, int(target))
        result = compare(old.snapshot, new.snapshot if new else snapshot(plan))
    return render(
        request,
        "plans/compare.html",
        plan_context(
            request,
            municipality,
            plan,
            section="versions",
            form=form,
            result=result,
            old=old,
            new=new,
        ),
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, slug):
    municipality = municipality_for(request, slug)
    if not permissions.role_allows(request.user, "plans.publish_plan", municipality):
        raise PermissionDenied  # the state (an approved version?) is explained on the page
    plan = services.plan_for(municipality)
    target = not plan.is_published
    url = reverse("plans:public", kwargs={"slug": slug})
    error = None
    if request.method == "POST":
        try:
            services.plan_set_published(
                plan=plan, by=request.user, published=target, request=request
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Der Werkstattplan ist jetzt öffentlich.")
                if target
                else _("Der Werkstattplan ist nicht mehr öffentlich."),
            )
            return redirect(url if target else plan_url(municipality))
    return confirm_page(
        request,
        municipality,
        title=_("Werkstattplan veröffentlichen") if target else _("Veröffentlichung beenden"),
        question=_(
            "Die zuletzt beschlossene Fassung wird als öffentliche Seite ohne Anmeldung lesbar: "
            "Leitbild, Ziele mit Indikatoren und die Maßnahmen mit ihrem aktuellen Status und "
            "ihren Meilensteinen. Budgets, Verantwortliche, Begründungen und Kommentare bleiben "
            "intern. Spätere Entwürfe werden erst nach dem nächsten Beschluss sichtbar."
        )
        if target
        else _("Der Werkstattplan ist danach nur noch für das Team der Kommune sichtbar."),
        confirm_label=_("Veröffentlichen") if target else _("Veröffentlichung beenden"),
        cancel_url=plan_url(municipality),
        error=error,
    )


@require_GET
def public(request, slug):
    """The public page of a published plan; insiders see a preview before publication.

    Outsiders get 404 while the plan is not published (like the Kommunalprofil)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    plan = Plan.objects.filter(municipality=municipality).first()
    inside = request.user.has_perm("municipalities.view_municipality", municipality)
    if plan is None or not (inside or request.user.has_perm("plans.view_public_plan", plan)):
        raise Http404
    data = selectors.public_plan(plan)
    if data is None and not inside:
        raise Http404
    return render(
        request,
        "plans/public.html",
        {
            "municipality": municipality,
            "plan": plan,
            "data": data,
            "inside": inside,
            "section": "public",
            "plan_sections": hooks.slot(hooks.PLAN_SECTIONS).render(
                plan, "public", request=request
            ),
        },
    )
