"""What the team views of participation share (``team_views`` for projects and surveys,
``idea_team_views`` for the Ideensammlung): the object of a Kommune with the permission
check, the permission flags of the pages and their form pages."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, render

from zwk.core.views import form_view
from zwk.municipalities.access import municipality_for
from zwk.participation.models import Idea, IdeaCollection, Project, Survey

VIEW = "participation.view_project"

# context flag → permission on the Kommune; a page asks for the flags its template uses
FLAGS = {
    "can_manage": "participation.manage_project",
    "can_enter_paper": "participation.enter_paper",
    "can_moderate": "participation.moderate",
}


def team_object(request, slug, queryset: QuerySet, pk, *, project: str, perm: str) -> Model:
    """Object ``pk`` whose project (``project``: the path to it, ``""`` for a project) belongs
    to the Kommune ``slug`` – 404 for another Kommune's id or a Kommune the user may not see,
    403 without ``perm``. The Kommune is set on the project: the page needs no query for it."""
    municipality = municipality_for(request, slug, perm)
    prefix = f"{project}__" if project else ""
    obj = get_object_or_404(queryset, pk=pk, **{f"{prefix}municipality": municipality})
    owner = obj
    for name in project.split("__") if project else ():
        owner = getattr(owner, name)
    owner.municipality = municipality
    return obj


def project_for(request, slug, pk, perm=VIEW) -> Project:
    return team_object(request, slug, Project.objects.all(), pk, project="", perm=perm)


def survey_for(request, slug, pk, perm=VIEW) -> Survey:
    queryset = Survey.objects.select_related("project", "phase")
    return team_object(request, slug, queryset, pk, project="project", perm=perm)


def collection_for(request, slug, pk, perm=VIEW) -> IdeaCollection:
    queryset = IdeaCollection.objects.select_related("project", "phase")
    return team_object(request, slug, queryset, pk, project="project", perm=perm)


def idea_for(request, slug, pk, perm=VIEW) -> Idea:
    queryset = Idea.objects.select_related(
        "collection__project", "collection__phase", "theme", "author", "merged_into", "measure"
    )
    return team_object(request, slug, queryset, pk, project="collection__project", perm=perm)


def flags(request, municipality, *names: str) -> dict:
    """The ``can_…`` flags ``names`` (all of :data:`FLAGS` without names) for the template."""
    return {name: request.user.has_perm(FLAGS[name], municipality) for name in names or FLAGS}


def team_form(request, form, *, save, message, done, **context):
    """``core.views.form_view`` on ``participation/form.html`` (the team's form pages):
    ``context`` names the page's ``title``, ``municipality`` and its project or survey."""

    def page(status):
        return render(request, "participation/form.html", {"form": form, **context}, status=status)

    return form_view(request, form, save=save, message=message, done=done, page=page)
