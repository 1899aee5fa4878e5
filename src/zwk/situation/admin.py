from django.contrib import admin

from zwk.situation.models import (
    CandidateField,
    Initiative,
    InitiativeTargetGroup,
    Interview,
    RejectedSuggestion,
    SwotItem,
)


class TargetGroupInline(admin.TabularInline):
    model = InitiativeTargetGroup
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "status", "provider"]
    list_filter = ["status", "municipality"]
    search_fields = ["title", "provider", "description"]
    filter_horizontal = ["themes"]
    inlines = [TargetGroupInline]


@admin.register(SwotItem)
class SwotItemAdmin(admin.ModelAdmin):
    list_display = ["text", "category", "source", "municipality"]
    list_filter = ["category", "source", "municipality"]
    search_fields = ["text", "note"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "held_on", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["person", "organisation", "main_points"]


@admin.register(CandidateField)
class CandidateFieldAdmin(admin.ModelAdmin):
    list_display = ["theme", "position", "municipality"]
    list_filter = ["municipality"]


@admin.register(RejectedSuggestion)
class RejectedSuggestionAdmin(admin.ModelAdmin):
    list_display = ["key", "municipality", "rejected_at"]
    list_filter = ["municipality"]
