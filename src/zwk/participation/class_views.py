"""Schulklassen-Modus: the team creates class codes (``/beteiligung/<Kommune>/<Projekt>/
schulklassen/neu/``, team only), the teacher confirms and moderates on the secret teacher page
(``/beteiligung/lehrkraft/<token>/``, no account), the class joins a collection with the class
code (``…/ideen/<id>/klasse/``). See ``class_services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors
from zwk.municipalities.access import municipality_for
from zwk.participation import class_services
from zwk.participation.idea_forms import ClassJoinForm, SchoolClassForm
from zwk.participation.idea_views import (
    STATUS_TOO_MANY,
    _collection,
    _context,
    _participant,
    _safe_next,
    _session_key,
)
from zwk.participation.models import Project, SchoolClass
from zwk.participation.team_common import team_form

# --- Team -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def class_create(request, slug, project):
    """Team view (coordination, assigned consultant, office) – routed beside the project's
    public page: ``/beteiligung/<Kommune>/<Projekt>/schulklassen/neu/``."""
    municipality = municipality_for(request, slug, "participation.manage_project")
    project = get_object_or_404(Project, slug=project, municipality=municipality)
    project.municipality = municipality
    form = SchoolClassForm(
        request.POST if request.method == "POST" else None,
        instance=SchoolClass(project=project),
    )
    return team_form(
        request,
        form,
        save=lambda data: class_services.class_create(school_class=form.instance, by=request.user),
        message=lambda k: (
            _(
                "Der Klassencode für „%(n)s“ ist angelegt: %(c)s. Code und Link für Lehrkräfte "
                "gehen per E-Mail an %(e)s."
            )
            % {"n": k.name, "c": k.code, "e": k.teacher_email}
            if k.teacher_email
            else _(
                "Der Klassencode für „%(n)s“ ist angelegt: %(c)s. Geben Sie der Lehrkraft den "
                "Code und den Link für Lehrkräfte."
            )
            % {"n": k.name, "c": k.code}
        ),
        done=project.get_team_url() + "#schulklassen",
        municipality=project.municipality,
        project=project,
        title=_("Klassencode für eine Schulklasse"),
    )


# --- Teacher (secret link, no account) ------------------------------------------------------


def _school_class(token) -> SchoolClass:
    found = (
        SchoolClass.objects.select_related("project__municipality")
        .filter(teacher_token=token or "")
        .first()
    )
    if found is None:
        raise Http404
    return found


def _teacher_page(request, school_class, *, status=200):
    context = {
        "school_class": school_class,
        "project": school_class.project,
        "municipality": school_class.project.municipality,
        "refusal": class_services.class_refusal(school_class),
        "collections": school_class.project.idea_collections.all(),
        **class_services.pending_of(school_class),
    }
    response = render(request, "participation/teacher.html", context, status=status)
    # Not "no-referrer": with it browsers send "Origin: null" on the page's own forms and
    # Django's CSRF check refuses the consent and the release. "same-origin" (the site's
    # policy) never sends the secret link to another site; our own logs redact it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET"])
def teacher(request, token):
    return _teacher_page(request, _school_class(token))


@require_POST
def teacher_consent(request, token):
    school_class = _school_class(token)
    if request.POST.get("consent") != "1":
        messages.error(request, _("Bitte bestätigen Sie die Einwilligung mit dem Häkchen."))
        return _teacher_page(request, school_class, status=400)
    try:
        class_services.class_consent(school_class=school_class)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _teacher_page(request, school_class, status=400)
    messages.success(request, _("Danke! Die Klasse kann jetzt mit dem Klassencode mitmachen."))
    return redirect(school_class.get_teacher_url())


@require_POST
def teacher_decide(request, token):
    school_class = _school_class(token)
    action = request.POST.get("action")
    if action not in ("freigeben", "ablehnen"):
        messages.error(request, _("Bitte wählen Sie „Freigeben“ oder „Ablehnen“."))
        return _teacher_page(request, school_class, status=400)
    try:
        class_services.decide(
            school_class=school_class,
            kind=request.POST.get("kind", ""),
            pk=request.POST.get("pk"),
            release=action == "freigeben",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _teacher_page(request, school_class, status=400)
    if action == "freigeben":
        messages.success(request, _("Freigegeben: Der Beitrag ist jetzt öffentlich."))
    else:
        messages.success(request, _("Abgelehnt: Der Beitrag ist gelöscht."))
    return redirect(school_class.get_teacher_url())


# --- Class joins a collection -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def class_join(request, slug, project, collection):
    collection = _collection(request, slug, project, collection)
    next_url = _safe_next(request, collection.get_absolute_url())
    form = ClassJoinForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        who = client_ip(request) or "unknown"
        if ratelimit.exceeded("participation.code", who):
            form.is_valid()
            form.add_error(
                None,
                _("Zu viele falsche Codes von Ihrem Anschluss. Bitte warten Sie zehn Minuten."),
            )
            status = STATUS_TOO_MANY
        elif form.is_valid():
            try:
                participant = class_services.class_join(
                    collection=collection, code=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                ratelimit.hit("participation.code", who)
                add_form_errors(form, exc)
            else:
                request.session[_session_key(collection)] = participant.token
                messages.success(
                    request,
                    _(
                        "Willkommen, %(name)s! Eure Ideen und Kommentare erscheinen, sobald "
                        "eure Lehrkraft sie freigibt."
                    )
                    % {"name": participant.pseudonym},
                )
                return redirect(next_url)
        status = status if status != 200 else 400
    return render(
        request,
        "participation/class_join.html",
        _context(
            collection, form=form, next=next_url, participant=_participant(request, collection)
        ),
        status=status,
    )
