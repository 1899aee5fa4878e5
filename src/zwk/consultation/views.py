"""Pages of "Entwurf diskutieren": the public draft with comments, the team's moderation.

Public (no account): ``/kommunen/<slug>/plan/entwurf/`` shows the draft section by section
with its comments and a comment form per section. Team: ``…/entwurf/moderation/`` shows the
same sections with every comment (also hidden ones), answer and hide forms, and opening and
closing the consultation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.consultation import rules as consultation_rules
from zwk.consultation import selectors, services
from zwk.consultation.forms import AnswerForm, CloseForm, CommentForm, HideForm, OpenForm
from zwk.consultation.models import Consultation, PublicComment
from zwk.core import ratelimit
from zwk.core.content_language import ModeratorTranslationForm
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors, confirm_view, form_view
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality

IDENTITY_KEY = "consultation.identity"
REPORTED_KEY = "consultation.reported"
VIEW = "consultation.view_comments"


def _draft_url(slug, anchor: str = "") -> str:
    url = reverse("consultation:draft", kwargs={"slug": slug})
    return f"{url}#{anchor}" if anchor else url


def _team_url(slug, anchor: str = "") -> str:
    url = reverse("consultation:team", kwargs={"slug": slug})
    return f"{url}#{anchor}" if anchor else url


def _public(slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    consultation = selectors.public_consultation(selectors.plan_of(municipality))
    if consultation is None:
        raise Http404
    return municipality, consultation


def _comment_form(request, identity, *, prefix, data=None, **initial):
    initial.setdefault("submission_key", services.new_submission_key())
    return CommentForm(data, prefix=prefix, identity=identity, initial=initial)


@require_http_methods(["GET", "POST"])
def draft(request, slug):
    municipality, consultation = _public(slug)
    identity = request.session.get(IDENTITY_KEY)
    refusal = consultation_rules.comment_refusal(consultation)
    bound, status = None, 200
    if request.method == "POST":
        prefix = str(request.POST.get("form", ""))[:40]
        bound = _comment_form(request, identity, prefix=prefix, data=request.POST)
        if bound.is_valid():
            data = bound.cleaned_data
            who = client_ip(request) or "unknown"
            if ratelimit.exceeded("consultation.comment", who):
                bound.add_error(
                    None,
                    _(
                        "Sie haben in kurzer Zeit sehr viele Kommentare geschickt. Bitte warten Sie ein paar Minuten."
                    ),
                )
            else:
                try:
                    saved = _submit(consultation, data, identity)
                except ValidationError as exc:
                    add_form_errors(bound, exc)
                else:
                    comment, created = saved
                    if created:
                        ratelimit.hit("consultation.comment", who)
                        messages.success(request, _("Danke! Ihr Kommentar ist gespeichert."))
                    else:
                        messages.info(request, _("Dieser Kommentar war schon gespeichert."))
                    if not identity:
                        request.session[IDENTITY_KEY] = {
                            "pseudonym": comment.pseudonym,
                            "age_group": comment.age_group,
                            "district": comment.district,
                        }
                    return redirect(_draft_url(slug, f"kommentar-{comment.pk}"))
        status = 400
    sections, gone = selectors.sections_with_comments(consultation, public=True)
    forms = {}
    if refusal is None:
        for s in sections:
            prefix = f"k-{s.key}"
            forms[s.key] = (
                bound
                if bound is not None and bound.prefix == prefix
                else _comment_form(request, identity, prefix=prefix, section=s.key)
            )
    reply_error = bound if bound is not None and bound.prefix.startswith("r-") else None
    for s in [*sections, *gone]:
        s.form = forms.get(s.key)
        for c in s.comments:
            prefix = f"r-{c.pk}"
            c.reply_form = (
                reply_error
                if reply_error is not None and reply_error.prefix == prefix
                else (
                    _comment_form(request, identity, prefix=prefix, parent=c.pk)
                    if refusal is None
                    else None
                )
            )
    placed = any(s.form is bound for s in sections) or any(
        c.reply_form is bound for s in [*sections, *gone] for c in s.comments
    )
    return render(
        request,
        "consultation/draft.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "sections": sections,
            "gone": gone,
            "refusal": refusal,
            "identity": identity,
            # an error of a form that is no longer on the page (section removed, closed)
            "lost_errors": [] if placed or bound is None else _messages_of(bound),
            "can_moderate": request.user.has_perm(VIEW, municipality),
        },
        status=status,
    )


def _messages_of(form) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


def _submit(consultation, data, identity):
    parent = None
    if data.get("parent"):
        parent = PublicComment.objects.filter(consultation=consultation, pk=data["parent"]).first()
        if parent is None:
            raise ValidationError(_("Auf diesen Kommentar kann nicht geantwortet werden."))
    if identity:
        who, consent = identity, True
    else:
        who = {k: data.get(k) or "" for k in ("pseudonym", "age_group", "district")}
        consent = bool(data.get("consent"))
    return services.comment_submit(
        consultation=consultation,
        section=data.get("section") or "",
        parent=parent,
        body=data.get("body") or "",
        identity=who,
        consent=consent,
        submission_key=data.get("submission_key") or "",
    )


@require_POST
def forget(request, slug):
    """Write under another name: forget the pseudonym kept on this device."""
    _public(slug)
    request.session.pop(IDENTITY_KEY, None)
    messages.info(
        request,
        _(
            "Ihr Name ist auf diesem Gerät vergessen. Beim nächsten Kommentar können Sie ihn neu angeben."
        ),
    )
    return redirect(_draft_url(slug))


@require_POST
def report(request, slug, pk):
    """Report a comment to the team: once per device, limited per client address."""
    _municipality, consultation = _public(slug)
    comment = get_object_or_404(PublicComment, pk=pk, consultation=consultation, hidden_reason="")
    reported = request.session.get(REPORTED_KEY, [])
    if pk in reported:
        messages.info(request, _("Sie haben diesen Kommentar schon gemeldet."))
    elif not ratelimit.hit("consultation.report", client_ip(request) or "unknown"):
        messages.error(
            request, _("Sie haben sehr viele Kommentare gemeldet. Bitte warten Sie etwas.")
        )
    else:
        services.comment_report(comment=comment)
        request.session[REPORTED_KEY] = [*reported, pk][-200:]
        messages.success(request, _("Danke für den Hinweis. Das Team sieht sich den Kommentar an."))
    return redirect(_draft_url(slug, f"kommentar-{comment.pk}"))


# --- Team ------------------------------------------------------------------------------------


@login_required
@require_GET
def team(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    plan = selectors.plan_of(municipality)
    all_consultations = selectors.consultations(plan)
    current = all_consultations[0] if all_consultations else None
    sections, gone = (
        selectors.sections_with_comments(current, public=False) if current else ([], [])
    )
    return render(
        request,
        "consultation/team.html",
        {
            "municipality": municipality,
            "plan": plan,
            "consultation": current,
            "consultations": all_consultations,
            "sections": sections,
            "gone": gone,
            "can_manage": request.user.has_perm("consultation.manage", municipality),
            "can_moderate": request.user.has_perm("consultation.moderate", municipality),
            "can_open": plan is not None and selectors.running(plan) is None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request, slug):
    municipality = municipality_for(request, slug, "consultation.manage")
    plan = selectors.plan_of(municipality)
    if plan is None:
        raise Http404
    form = OpenForm(request.POST or None)
    return form_view(
        request,
        form,
        save=lambda data: services.consultation_open(
            plan=plan,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            intro=data.get("intro", ""),
            by=request.user,
        ),
        message=_("Der Entwurf ist zur Diskussion gestellt."),
        done=_team_url(slug),
        page=lambda status: render(
            request,
            "consultation/form.html",
            {
                "municipality": municipality,
                "form": form,
                "title": _("Entwurf zur Diskussion stellen"),
                "submit": _("Diskussion anlegen"),
                "cancel_url": _team_url(slug),
            },
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_close(request, slug, pk):
    municipality = municipality_for(request, slug, "consultation.manage")
    consultation = get_object_or_404(Consultation, pk=pk, plan__municipality=municipality)
    form = CloseForm(request.POST or None)
    return form_view(
        request,
        form,
        save=lambda data: services.consultation_close(
            consultation=consultation, by=request.user, key_points=data.get("key_points", "")
        ),
        message=_(
            "Die Diskussion ist abgeschlossen; die Zusammenfassung steht in den Fassungen des Werkstattplans."
        ),
        done=_team_url(slug),
        page=lambda status: render(
            request,
            "consultation/form.html",
            {
                "municipality": municipality,
                "form": form,
                "consultation": consultation,
                "title": _("Diskussion abschließen"),
                "lead": _(
                    "Nach dem Abschließen sind keine Kommentare mehr möglich. Die Zahlen je "
                    "Abschnitt und Ihre wichtigsten Punkte stehen dann in der Fassungsübersicht "
                    "des Werkstattplans und im Bericht für den Gemeinderat."
                ),
                "summary": consultation.summary
                if consultation.is_closed
                else selectors.summary(consultation),
                "submit": _("Abschließen"),
                "cancel_url": _team_url(slug),
            },
            status=status,
        ),
    )


def _team_comment(request, slug, pk):
    municipality = municipality_for(request, slug, "consultation.moderate")
    comment = get_object_or_404(
        PublicComment.objects.select_related("consultation__plan__municipality"),
        pk=pk,
        consultation__plan__municipality=municipality,
    )
    return municipality, comment


def _moderation_form(request, municipality, comment, form, *, save, message, title, submit):
    """A moderation form for one comment (answer, hide) on ``consultation/form.html``: the
    comment above the form, back to it on the team page when saved or cancelled."""
    back = _team_url(municipality.slug, f"kommentar-{comment.pk}")
    return form_view(
        request,
        form,
        save=save,
        message=message,
        done=back,
        page=lambda status: render(
            request,
            "consultation/form.html",
            {
                "municipality": municipality,
                "form": form,
                "comment": comment,
                "title": title,
                "submit": submit,
                "cancel_url": back,
            },
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_answer(request, slug, pk):
    municipality, comment = _team_comment(request, slug, pk)
    form = AnswerForm(request.POST or None, initial={"answer": comment.answer})
    return _moderation_form(
        request,
        municipality,
        comment,
        form,
        save=lambda data: services.comment_answer(
            comment=comment, by=request.user, answer=data.get("answer", "")
        ),
        message=_("Die Antwort ist gespeichert."),
        title=_("Kommentar beantworten"),
        submit=_("Antwort speichern"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_hide(request, slug, pk):
    municipality, comment = _team_comment(request, slug, pk)
    form = HideForm(request.POST or None)
    return _moderation_form(
        request,
        municipality,
        comment,
        form,
        save=lambda data: services.comment_hide(
            comment=comment, by=request.user, reason=data.get("reason", "")
        ),
        message=_("Der Kommentar ist ausgeblendet."),
        title=_("Kommentar ausblenden"),
        submit=_("Ausblenden"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_translate(request, slug, pk):
    """The team's translation of one comment, shown next to the original (issue 18)."""
    municipality, comment = _team_comment(request, slug, pk)
    form = ModeratorTranslationForm.for_item(comment, data=request.POST or None)
    return _moderation_form(
        request,
        municipality,
        comment,
        form,
        save=lambda data: services.comment_translate(
            comment=comment,
            by=request.user,
            text=data.get("moderator_translation", ""),
            language=data.get("moderator_translation_language", ""),
        ),
        message=_("Die Übersetzung ist gespeichert."),
        title=_("Übersetzung hinzufügen")
        if not comment.moderator_translation
        else _("Übersetzung bearbeiten"),
        submit=_("Übersetzung speichern"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_show(request, slug, pk):
    # ``consultation.moderate`` is a role permission: the service refuses with 403, never
    # with a reason, so ``confirm_view`` answers exactly as a hand-written POST branch would.
    municipality, comment = _team_comment(request, slug, pk)
    back = _team_url(slug, f"kommentar-{comment.pk}")
    return confirm_view(
        request,
        municipality,
        title=_("Kommentar wieder zeigen"),
        question=_("Soll der Kommentar wieder öffentlich sichtbar sein?"),
        confirm_label=_("Wieder zeigen"),
        cancel_url=back,
        action=lambda: services.comment_show(comment=comment, by=request.user),
        message=_("Der Kommentar ist wieder sichtbar."),
        done=back,
    )
