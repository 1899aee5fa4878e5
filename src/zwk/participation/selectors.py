"""Reads of the Beteiligungsprojekte, shaped for the pages."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from zwk.participation.models import (
    AccessCode,
    Idea,
    IdeaCollection,
    IdeaComment,
    IdeaReport,
    IdeaStatus,
    IdeaStatusChange,
    IdeaSupport,
    Project,
    ProjectPhase,
    Question,
    Survey,
)


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
        "idea_collections": list(
            project.idea_collections.select_related("phase").annotate(
                idea_count=Count(
                    "ideas",
                    filter=Q(ideas__hidden_reason="", ideas__merged_into__isnull=True),
                    distinct=True,
                )
            )
        ),
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


# --- Ideensammlung --------------------------------------------------------------------------

#: At most this many ideas on the map (the list shows all).
MAP_LIMIT = 1000

IDEA_SORTS = {
    "neu": ("-created_at", "-id"),
    "unterstuetzt": ("-support_count", "-created_at", "-id"),
    "diskutiert": ("-comment_count", "-created_at", "-id"),
}


def _count_of(model, **filters):
    """COUNT(*) of ``model`` rows of the outer idea, as a subquery (no join fan-out)."""
    rows = (
        model.objects.filter(idea=OuterRef("pk"), **filters)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_counts(ideas):
    return ideas.annotate(
        support_count=_count_of(IdeaSupport),
        comment_count=_count_of(IdeaComment, hidden_reason=""),
    )


def collection_for_public(municipality_slug: str, project_slug: str, pk: int):
    return (
        IdeaCollection.objects.select_related("project__municipality", "phase")
        .filter(project__municipality__slug=municipality_slug, project__slug=project_slug, pk=pk)
        .first()
    )


def public_ideas(collection, *, sort: str = "neu", theme=None, status: str = ""):
    """The visible ideas of ``collection`` (not hidden, not merged) with their support and
    comment counts, sorted and filtered – a constant number of queries for any page."""
    ideas = Idea.objects.filter(collection=collection, hidden_reason="", merged_into__isnull=True)
    if theme:
        ideas = ideas.filter(theme_id=theme)
    if status in IdeaStatus.values:
        ideas = ideas.filter(status=status)
    return (
        with_counts(ideas)
        .select_related("theme", "author", "collection__project__municipality")
        .defer("text", "status_reason", "official_answer")
        .order_by(*IDEA_SORTS.get(sort, IDEA_SORTS["neu"]))
    )


def idea_page(idea: Idea, participant=None) -> dict:
    """Comments (visible, replies under their comment), status history, counts and whether
    ``participant`` supports it."""
    comments = list(
        idea.comments.filter(parent__isnull=True, awaiting_teacher=False)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=IdeaComment.objects.filter(awaiting_teacher=False)
                .select_related("author")
                .order_by("created_at", "id"),
            )
        )
    )
    supported = bool(
        participant and IdeaSupport.objects.filter(idea=idea, participant=participant).exists()
    )
    return {
        "comments": comments,
        "comment_count": sum(
            (not c.hidden_reason) + sum(not r.hidden_reason for r in c.replies.all())
            for c in comments
        ),
        "support_count": idea.supports.count(),
        "supported": supported,
        "history": list(idea.status_changes.select_related("measure")),
        "merged": list(idea.merged.only("pk", "title", "collection_id")),
    }


def team_ideas(collection):
    """All ideas of ``collection`` for the team (hidden and merged too), open reports first."""
    open_reports = (
        IdeaReport.objects.filter(idea=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_counts(Idea.objects.filter(collection=collection))
        .annotate(report_count=Coalesce(Subquery(open_reports, output_field=IntegerField()), 0))
        .select_related("theme", "author", "merged_into")
        .defer("text", "official_answer")
        .order_by("-report_count", "-created_at", "-id")
    )


def ideas_for_accountability(municipality):
    """Every published, visible idea of ``municipality``'s projects with its status history
    (oldest first, each change with its date, reason and measure) – for "Was aus Ihren Ideen
    wurde". ``idea.measure_id`` / ``change.measure_id`` name a ``plans.Measure`` (or None).
    Ideas of unpublished projects, hidden and merged ideas are left out."""
    return (
        with_counts(
            Idea.objects.filter(
                collection__project__municipality=municipality,
                collection__project__published=True,
                hidden_reason="",
                merged_into__isnull=True,
            )
        )
        .select_related("collection__project", "theme")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=IdeaStatusChange.objects.order_by("created_at", "id"),
            )
        )
        .order_by("-created_at", "-id")
    )
