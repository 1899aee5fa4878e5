"""Django admin for the office: list filters and search. Points (ballots, votes) are not
editable here – the budget is an invariant the services keep."""

from django.contrib import admin
from django.db import models

from zwk.workshops.models import Card, Cluster, Participant, Phase, Sketch, Workshop, WorkshopPhoto


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    can_delete = False
    fields = ["kind", "order", "minutes", "state", "opened_at", "closed_at"]
    readonly_fields = ["kind", "state", "opened_at", "closed_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "starts_at", "code", "access", "finished_at"]
    list_filter = ["access", "municipality"]
    search_fields = ["title", "code", "municipality__name"]
    autocomplete_fields = ["moderators"]
    filter_horizontal = ["themes"]
    readonly_fields = ["version", "participants_purged_at", "created_by", "created_at"]
    inlines = [PhaseInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = [
        "pseudonym",
        "workshop",
        "age_group",
        "created_at",
        "blocked_at",
        "anonymised_at",
    ]
    list_filter = ["age_group", "workshop__municipality"]
    search_fields = ["pseudonym", "workshop__title"]
    exclude = ["token"]
    readonly_fields = ["workshop", "consent_at", "consent_version", "anonymised_at"]


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ["text", "workshop", "phase", "origin", "hidden_at"]
    list_filter = ["origin", "phase__kind", "workshop__municipality"]
    search_fields = ["text", "workshop__title"]
    raw_id_fields = ["workshop", "phase", "participant", "created_by", "cluster", "merged_into"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "phase"]
    list_filter = ["phase__kind"]
    search_fields = ["title", "workshop__title"]
    raw_id_fields = ["workshop", "phase"]


@admin.register(Sketch)
class SketchAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "sponsor", "for_plan"]
    list_filter = ["for_plan", "workshop__municipality"]
    search_fields = ["title", "goal", "workshop__title"]
    raw_id_fields = ["workshop", "cluster", "created_by"]


@admin.register(WorkshopPhoto)
class WorkshopPhotoAdmin(admin.ModelAdmin):
    list_display = ["caption", "workshop", "uploaded_at"]
    search_fields = ["caption", "workshop__title"]
    raw_id_fields = ["workshop", "uploaded_by"]
