"""Reads of the Beteiligungsprojekte, shaped for the pages."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from zwk.participation.models import AccessCode, Project, ProjectPhase, Question, Survey


def projects_of(municipality):
    return (
        Project.objects.filter(municipality=municipality)
        .annotate(survey_count=Count("surveys", distinct=True))
        .prefetch_related("phases")
    )


def open_projects(today=None):
    """Published projects with a phase open today – "Jetzt mitmachen"."""
    today = today or timezone.localdate()
    open_phase = ProjectPhase.objects.filter(
        project=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
    )
    return (
        Project.objects.filter(published=True)
        .filter(Exists(open_phase))
        .select_related("municipality")
        .prefetch_related("phases")
        .order_by("municipality__name", "title")
    )


def project_page(project: Project):
    """Phases and surveys (with their phase) of a project."""
    return {
        "phases": list(project.phases.all()),
        "surveys": list(
            project.surveys.select_related("phase").annotate(
                response_count=Count("responses", distinct=True)
            )
        ),
        "themes": list(project.themes.all()),
    }


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.select_related("condition_question"))


def pages_of(questions: list[Question]) -> list[int]:
    return sorted({q.page for q in questions}) or [1]


def survey_for_public(municipality_slug: str, project_slug: str, pk: int):
    return (
        Survey.objects.select_related("project__municipality", "phase")
        .filter(
            project__municipality__slug=municipality_slug,
            project__slug=project_slug,
            pk=pk,
        )
        .first()
    )


def code_counts(survey: Survey) -> dict[str, int]:
    counts = survey.codes.aggregate(
        total=Count("id"), used=Count("id", filter=Q(used_at__isnull=False))
    )
    return {"total": counts["total"] or 0, "used": counts["used"] or 0}


def codes_for_letters(survey: Survey, *, batch: int | None = None, unused_only: bool = True):
    codes = AccessCode.objects.filter(survey=survey)
    if batch:
        codes = codes.filter(batch=batch)
    if unused_only:
        codes = codes.filter(used_at__isnull=True)
    return codes.order_by("batch", "id")


def surveys_with_questions(project: Project):
    return project.surveys.select_related("phase").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("page", "position", "id"))
    )
